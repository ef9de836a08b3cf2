//! `vacancy new` and `vacancy init`: the files an editor starts from. Both
//! write only files that do not exist yet, and what they write builds as is.

use std::path::Path;

use crate::config::{CONFIG_FILE, Config, is_slug};
use crate::content::POSTINGS_DIR;
use crate::schema::{Field, Scope};

/// Writes `content/postings/<slug>.<lang>.md` with every field present and explained.
pub fn new_posting(root: &Path, slug: &str, lang: Option<&str>) -> Result<String, String> {
    let config = Config::load(root).map_err(|ds| {
        // Without the diagnostic's own "error: ": the command adds one.
        ds.first()
            .map(|d| {
                d.render()
                    .trim_start_matches("error: ")
                    .trim_end()
                    .to_string()
            })
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
    let places: Vec<&str> = config.locations.keys().map(String::as_str).collect();
    let text = posting_template(today, &categories, &places);
    std::fs::create_dir_all(root.join(POSTINGS_DIR)).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("cannot write {rel}: {e}"))?;
    Ok(format!(
        "wrote {rel}, a draft: it is not published until you remove `draft = true`\n\
         replace every \"TODO:\", then run `vacancy check` to see what is still missing"
    ))
}

/// The posting file `new` writes: every field of [`Field::ALL`] with its
/// help as a comment, the texts of the file's language first, then the
/// facts, then tables (which must come last in TOML).
fn posting_template(today: chrono::NaiveDate, categories: &[&str], places: &[&str]) -> String {
    let deadline = today + chrono::Duration::days(21);
    let category_help = if categories.is_empty() {
        "(none are defined in vacancy.toml yet)".to_string()
    } else {
        categories.join(", ")
    };
    let place_help = if places.is_empty() {
        "  # TODO: the town or city, in quotes: [\"...\"]".to_string()
    } else {
        format!("  # TODO: one or more of {}", places.join(", "))
    };
    let fill = |text: &str| {
        text.replace("{today}", &today.to_string())
            .replace("{deadline}", &deadline.to_string())
            .replace("{categories}", &category_help)
            .replace("{places}", &place_help)
    };
    let is_table = |f: &Field| f.spec().example.starts_with("[[");
    let texts = Field::ALL
        .iter()
        .filter(|f| f.spec().scope == Scope::PerLanguage);
    let facts = Field::ALL
        .iter()
        .filter(|f| f.spec().scope != Scope::PerLanguage && !is_table(f) && **f != Field::Draft);
    let tables = Field::ALL.iter().filter(|f| is_table(f));
    // The draft line first: what keeps the posting off the board is the
    // first thing an editor reads.
    let mut out = String::from("+++\n");
    out.push_str(&field_lines(Field::Draft));
    out.push_str("\n# ---- Texts in this file's language ----\n");
    texts.for_each(|f| out.push_str(&fill(&field_lines(*f))));
    out.push_str(
        "\n# ---- Facts: written once, in one language's file, and shown in every language ----\n",
    );
    facts.for_each(|f| out.push_str(&fill(&field_lines(*f))));
    for f in tables {
        out.push('\n');
        out.push_str(&fill(&field_lines(*f)));
    }
    out.push_str(BODY);
    out
}

/// A field's help as comment lines, then its line to fill in (or its
/// example, commented out).
fn field_lines(field: Field) -> String {
    let spec = field.spec();
    let mut out = String::new();
    for line in spec.help.lines() {
        out.push_str(&format!("# {}\n", line.trim()));
    }
    match spec.scaffold {
        Some(line) => out.push_str(line),
        None => out.push_str(&format!("# {}", spec.example.replace('\n', "\n# "))),
    }
    out.push('\n');
    out
}

const BODY: &str = "+++

Describe the job here in Markdown. Start sections with `##`:

## Your tasks

- ...

## Who we are looking for

- ...
";

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
