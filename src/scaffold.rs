//! `vacancy new` and `vacancy init`: the files an editor starts from. Both
//! write only files that do not exist yet, and what they write builds as is.

use std::path::Path;

use crate::config::{CONFIG_FILE, Config, is_slug};
use crate::content::POSTINGS_DIR;
use crate::fields::is_placeholder;
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
    let existing = posting_files(root, &config, slug);
    if let Some(source) = existing.first() {
        return new_translation(root, &config, slug, lang, &existing, source);
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
    // The order of `Field::form_order`: draft, texts, facts, tables; the
    // draft line first, since it keeps the posting off the board.
    let mut out = String::from("+++\n");
    let mut section = None;
    for field in Field::form_order() {
        let spec = field.spec();
        let now = match (field, spec.scope) {
            (Field::Draft, _) => 0,
            (_, Scope::PerLanguage) => 1,
            _ if field.is_table() => 3,
            _ => 2,
        };
        if section != Some(now) {
            match now {
                1 => out.push_str("\n# ---- Texts in this file's language ----\n"),
                2 => out.push_str(
                    "\n# ---- Facts: written once, in one language's file, and shown in every language ----\n",
                ),
                3 => out.push('\n'),
                _ => {}
            }
            section = Some(now);
        }
        out.push_str(&fill(&field_lines(field)));
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

TODO: describe the job here in Markdown, in place of this line. Start sections with `##`:

## Your tasks

- ...

## Who we are looking for

- ...
";

/// The files of an existing posting, in the order of the site's languages:
/// `<slug>.<lang>.md`, or `<slug>/index.<lang>.md` for a posting with attachments.
fn posting_files(root: &Path, config: &Config, slug: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for code in config.language_codes() {
        for rel in [
            format!("{POSTINGS_DIR}/{slug}.{code}.md"),
            format!("{POSTINGS_DIR}/{slug}/index.{code}.md"),
        ] {
            if root.join(&rel).is_file() {
                out.push((code.to_string(), rel));
            }
        }
    }
    out
}

/// Writes the file of another language for an existing posting: only the
/// texts of that language, with the facts shown as comments naming the file
/// that holds them, so nothing is written twice.
fn new_translation(
    root: &Path,
    config: &Config,
    slug: &str,
    lang: &str,
    existing: &[(String, String)],
    first: &(String, String),
) -> Result<String, String> {
    if let Some((_, rel)) = existing.iter().find(|(code, _)| code == lang) {
        return Err(format!(
            "{rel} already exists; edit that file, or give another language with --lang"
        ));
    }
    let mut sources = Vec::new();
    for (_, rel) in existing {
        let text = std::fs::read_to_string(root.join(rel))
            .map_err(|e| format!("cannot read {rel}: {e}"))?;
        sources.push((rel.clone(), text));
    }
    let broken = |rel: &str| {
        format!(
            "{rel} has an error in its front matter; run `vacancy check`, fix it, and try again"
        )
    };
    // Each file's front matter, split and parsed once.
    let mut fronts = Vec::new();
    for (rel, text) in &sources {
        let file = crate::diagnostic::SourceFile::new(rel.as_str(), text.as_str());
        let split = crate::content::frontmatter::split(&file).map_err(|_| broken(rel))?;
        fronts.push((rel.as_str(), &text[split.toml]));
    }
    let mut parsed = Vec::new();
    for &(rel, toml) in &fronts {
        let table = toml::de::DeTable::parse(toml).map_err(|_| broken(rel))?;
        parsed.push(Source {
            rel,
            toml,
            table: table.into_inner(),
        });
    }
    // The file holding the facts: the one that gives the deadline.
    let facts = parsed
        .iter()
        .find(|s| s.table.contains_key("deadline"))
        .unwrap_or(&parsed[0]);
    let texts = parsed
        .iter()
        .find(|s| s.rel == first.1)
        .unwrap_or(&parsed[0]);
    let language = config
        .language(lang)
        .map_or(lang.to_string(), |l| format!("{} ({lang})", l.name));
    let text = translation_template(slug, &language, facts, texts);
    let in_folder = first.1.ends_with(&format!("/index.{}.md", first.0));
    let rel = if in_folder {
        format!("{POSTINGS_DIR}/{slug}/index.{lang}.md")
    } else {
        format!("{POSTINGS_DIR}/{slug}.{lang}.md")
    };
    std::fs::write(root.join(&rel), text).map_err(|e| format!("cannot write {rel}: {e}"))?;
    Ok(format!(
        "wrote {rel}, a draft translation of {}: the posting is published \
         without it until you remove `draft = true`\n\
         translate every \"TODO:\", then run `vacancy check` to see what is still missing",
        facts.rel
    ))
}

/// One file of an existing posting: its path, front matter and the
/// front matter parsed.
struct Source<'a> {
    rel: &'a str,
    toml: &'a str,
    table: toml::de::DeTable<'a>,
}

/// The translation's text, from the file that holds the facts and the file
/// whose texts are to be translated (the first language's).
fn translation_template(
    slug: &str,
    language: &str,
    facts: &Source<'_>,
    texts: &Source<'_>,
) -> String {
    let (facts_rel, facts_toml, texts_rel) = (facts.rel, facts.toml, texts.rel);
    let (facts, texts) = (&facts.table, &texts.table);
    let mut out = format!(
        "+++\n# The {language} version of the posting \"{slug}\". Its facts are in\n\
         # {facts_rel} and hold for every language: change them there.\n\
         #\n# A draft: the posting is published without its {language} version until you\n\
         # remove this line (or write false).\ndraft = true\n\n# ---- Texts in {language} ----\n"
    );
    let text_fields = Field::ALL
        .iter()
        .filter(|f| f.spec().scope != Scope::Fact && **f != Field::Contacts);
    for field in text_fields {
        let spec = field.spec();
        let original = match texts.get(spec.name).map(|v| v.get_ref()) {
            Some(toml::de::DeValue::String(s)) if !is_placeholder(s) => Some(s.to_string()),
            // Still a placeholder in the other language: the field's own is written.
            Some(toml::de::DeValue::String(_)) => None,
            _ => None,
        };
        let given = texts.contains_key(spec.name);
        let line = match (&original, spec.scaffold) {
            (Some(s), _) => Some(format!("{} = \"TODO: translate {}\"", spec.name, quote(s))),
            (None, Some(line)) if given || spec.required == crate::schema::Required::Yes => {
                Some(line.to_string())
            }
            _ => None,
        };
        if let Some(line) = line {
            for help in spec.help.lines() {
                out.push_str(&format!("# {}\n", help.trim()));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str(&format!(
        "\n# ---- Facts, written in {facts_rel} and shown in every language ----\n"
    ));
    let mut lines: Vec<(usize, String)> = facts
        .iter()
        .filter(|(k, v)| {
            Field::named(k.get_ref()).is_some_and(|f| {
                f.spec().scope == Scope::Fact && f != Field::Draft
                    || f == Field::Salary && matches!(v.get_ref(), toml::de::DeValue::Table(_))
            })
        })
        .map(|(k, v)| {
            let start = facts_toml[..k.span().start]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let end = facts_toml[v.span().end..]
                .find('\n')
                .map_or(facts_toml.len(), |i| v.span().end + i);
            (start, facts_toml[start..end].to_string())
        })
        .collect();
    lines.sort();
    for (_, line) in lines {
        for l in line.lines() {
            out.push_str(&format!("# {l}\n"));
        }
    }
    out.push_str(&contacts_lines(facts, texts, facts_rel, language));
    out.push_str(&format!(
        "+++\n\nTODO: the text of the posting in {language}, in place of this line. \
         The text to translate is in {texts_rel}.\n"
    ));
    out
}

/// `[[contacts]]` with only the role to translate, one for each contact of
/// the posting in the same order, each named in a comment.
fn contacts_lines(
    facts: &toml::de::DeTable<'_>,
    texts: &toml::de::DeTable<'_>,
    facts_rel: &str,
    language: &str,
) -> String {
    let facts = contact_tables(facts);
    let texts = contact_tables(texts);
    if facts.is_empty() {
        return String::new();
    }
    let text_of = |t: Option<&&toml::de::DeTable<'_>>, key: &str| match t
        .and_then(|t| t.get(key))
        .map(|v| v.get_ref())
    {
        Some(toml::de::DeValue::String(s)) => Some(s.to_string()),
        _ => None,
    };
    let mut out = format!(
        "\n# ---- Contacts: names, phones and e-mails are in {facts_rel}; ----\n\
         # ---- give each one's role in {language}, in the same order ----\n"
    );
    for (i, contact) in facts.iter().enumerate() {
        out.push_str("[[contacts]]\n");
        if let Some(name) = text_of(Some(contact), "name") {
            out.push_str(&format!("# {name}\n"));
        }
        let role = text_of(texts.get(i), "role").or_else(|| text_of(Some(contact), "role"));
        match role {
            Some(role) if is_placeholder(&role) => out.push_str("role = \"TODO: role\"\n"),
            Some(role) => out.push_str(&format!("role = \"TODO: translate {}\"\n", quote(&role))),
            None => {}
        }
    }
    out
}

fn contact_tables<'t, 'a>(t: &'t toml::de::DeTable<'a>) -> Vec<&'t toml::de::DeTable<'a>> {
    match t.get("contacts").map(|v| v.get_ref()) {
        Some(toml::de::DeValue::Array(items)) => items
            .iter()
            .filter_map(|i| match i.get_ref() {
                toml::de::DeValue::Table(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A text shown inside a TOML string, in typographic quotes: a `"` or `\`
/// of its own would end or escape the string.
fn quote(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == '"' || c == '\\' { '\'' } else { c })
        .collect();
    format!("“{clean}”")
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
