//! `vacancy new` and `vacancy init`: the files an editor starts from. Both
//! write only files that do not exist yet, and what they write builds as is.

use std::path::Path;

use crate::config::{CONFIG_FILE, Config, is_slug};
use crate::content::POSTINGS_DIR;

/// Writes `content/postings/<slug>.<lang>.md` with every field present and explained.
pub fn new_posting(root: &Path, slug: &str, lang: Option<&str>) -> Result<String, String> {
    let config = Config::load(root).map_err(|ds| {
        ds.first()
            .map(|d| d.render())
            .unwrap_or_else(|| format!("cannot read {CONFIG_FILE}"))
    })?;
    if !is_slug(slug) {
        return Err(format!(
            "\"{slug}\" cannot be used in a web address; try \"{}\"",
            slug::slugify(slug)
        ));
    }
    let lang = lang.unwrap_or(&config.default_language);
    if config.language(lang).is_none() {
        let codes: Vec<&str> = config.language_codes().collect();
        return Err(format!(
            "\"{lang}\" is not one of the site's languages ({})",
            codes.join(", ")
        ));
    }
    let rel = format!("{POSTINGS_DIR}/{slug}.{lang}.md");
    let path = root.join(&rel);
    if path.exists() || root.join(POSTINGS_DIR).join(slug).exists() {
        return Err(format!(
            "{rel} already exists; choose another name or edit that file"
        ));
    }
    let today = crate::resolve_now(None, Some(config.time_zone))?.date_naive();
    let categories: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
    let text = posting_template(today, &categories);
    std::fs::create_dir_all(root.join(POSTINGS_DIR)).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("cannot write {rel}: {e}"))?;
    Ok(format!(
        "wrote {rel}\nfill in the fields, then run `vacancy check` to see whether anything is missing"
    ))
}

fn posting_template(today: chrono::NaiveDate, categories: &[&str]) -> String {
    let deadline = today + chrono::Duration::days(21);
    let category_help = if categories.is_empty() {
        "(none are defined in vacancy.toml yet)".to_string()
    } else {
        categories.join(", ")
    };
    format!(
        r#"+++
# The job title, in this file's language. Required.
title = "Job title"
# One or two sentences for listings, feeds and link previews.
# Optional: without it the first paragraph of the text is used.
summary = "What the job is, in one or two sentences."

# ---- Facts: written once, in one language's file, and shown in every language ----
# The day the posting appears on the board. Required. Dates have no quotes.
published = {today}
# The last day to apply (the posting closes at the end of that day), or a
# date and time: 2026-03-20T12:00:00+01:00. Required.
deadline = {deadline}
# Places of work. Required unless workplace = "remote".
locations = ["Norrköping"]
# "onsite" (the default), "hybrid" or "remote".
workplace = "onsite"
# "permanent", "fixed-term", "temporary", "seasonal" or "internship". Required.
employment = "permanent"
# true when a permanent post starts with a probationary period.
probation = true
# "full-time" or "part-time". Required.
extent = "full-time"
# The share of full time, 1-100, for part-time posts.
# extent_percent = 50
# A date, "by-agreement" or "immediately".
start = "by-agreement"
# Salary figures (say "per": "month", "year" or "hour")...
# salary = {{ min = 38000, max = 46000, currency = "SEK", per = "month" }}
# ...or, instead, a text in this file's language:
salary = "Individual salary setting"
# Keys from [categories] in vacancy.toml: {category_help}
categories = []
# The case number of the recruitment.
# reference = "2026/1234"
# Where to apply: a web address, or an e-mail address, or neither when the
# text says how.
apply_url = "https://www.example.org/apply"
# apply_email = "jobs@example.org"
# true when a security screening is required; a notice is shown.
screening = false
# true keeps the posting off the board while you work on it.
# draft = true

# ---- Texts in this file's language ----
# Working hours, e.g. "Office hours" or "Trust-based working hours".
hours = "Office hours"
# The organization, when it is not the site's own, and the unit.
# organization = "Another agency"
# unit = "Citizenship Unit"

# Contacts: one [[contacts]] table each. Names, phones and e-mails are facts;
# "role" may be translated in each language's file. union = true for union
# representatives.
[[contacts]]
name = "Name Surname"
role = "Unit manager"
phone = "070-174 06 50"
email = "name.surname@example.org"
+++

Describe the job here in Markdown. Start sections with `##`:

## Your tasks

- ...

## Who we are looking for

- ...
"#
    )
}

/// Creates a minimal working site in `dir`.
pub fn init(dir: &Path) -> Result<String, String> {
    if dir.join(CONFIG_FILE).exists() {
        return Err(format!("{} already holds a site", dir.display()));
    }
    let today = crate::resolve_now(None, Some(chrono_tz::Europe::Stockholm))?.date_naive();
    let deadline = today + chrono::Duration::days(30);
    let files = [
        (CONFIG_FILE, INIT_CONFIG.to_string()),
        (
            "content/postings/example-job.en.md",
            format!(
                "+++\ntitle = \"Case officer\"\npublished = {today}\ndeadline = {deadline}\nlocations = [\"Stockholm\"]\nemployment = \"permanent\"\nextent = \"full-time\"\napply_email = \"jobs@example.org\"\n+++\n\nWe are looking for a case officer.\n\n## Your tasks\n\n- Handle cases\n- Meet the public\n"
            ),
        ),
        (
            "content/postings/example-job.sv.md",
            "+++\ntitle = \"Handläggare\"\n+++\n\nVi söker en handläggare.\n\n## Dina uppgifter\n\n- Handlägga ärenden\n- Möta allmänheten\n".to_string(),
        ),
        (
            "content/pages/about.en.md",
            "+++\ntitle = \"About us\"\n+++\n\nWho we are and why you would like to work with us.\n".to_string(),
        ),
        (
            "content/pages/about.sv.md",
            "+++\ntitle = \"Om oss\"\n+++\n\nVilka vi är och varför du vill jobba hos oss.\n".to_string(),
        ),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(format!(
        "created a site in {0}\nbuild it with: vacancy build --root {0}",
        dir.display()
    ))
}

const INIT_CONFIG: &str = r#"# The address the site will be published at; may include a sub-path.
base_url = "https://jobs.example.org/"
default_language = "en"
time_zone = "Europe/Stockholm"
country = "SE"
page_size = 20
title = { en = "Jobs at Example Agency", sv = "Lediga jobb på Exempelmyndigheten" }

[[languages]]
code = "en"
name = "English"

[[languages]]
code = "sv"
name = "Svenska"

[organization]
name = { en = "Example Agency", sv = "Exempelmyndigheten" }
url = "https://www.example.org/"

[categories]
case-handling = { en = "Case handling", sv = "Handläggning" }
"#;
