//! What the fuzz targets share: a fixed two-language site, turning fuzz bytes
//! into a posting file, and rendering every diagnostic (the snippets point
//! into the fuzzed text, so rendering them is part of what is fuzzed).

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use vacancy::config::Config;
use vacancy::content::{Doc, posting};
use vacancy::diagnostic::{Diagnostic, SourceFile};
use vacancy::model::{Content, Posting, Site};

pub const CONFIG: &str = r#"base_url = "https://jobs.example.org/"
default_language = "sv"
time_zone = "Europe/Stockholm"
title = { sv = "Lediga jobb", en = "Jobs" }

[[languages]]
code = "sv"
name = "Svenska"
[[languages]]
code = "en"
name = "English"

[organization]
name = "Verket"
url = "https://www.example.org/"

[categories]
it = { sv = "IT", en = "IT" }
"#;

pub fn config() -> Config {
    Config::parse(&SourceFile::new("vacancy.toml", CONFIG)).expect("the fuzz site's config is valid")
}

pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-03-01T12:00:00+01:00").expect("a fixed moment")
}

/// Renders each diagnostic as the command line would show it.
pub fn render_all(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        std::hint::black_box(d.render());
    }
}

/// Reads one posting file (`<slug>.sv.md`) and merges it alone.
pub fn read_posting(text: &str, config: &Config) -> Option<Posting> {
    let doc = Doc {
        slug: "fuzz".into(),
        lang: "sv".into(),
        file: SourceFile::new("content/postings/fuzz.sv.md", text),
        attachments: Vec::new(),
    };
    let mut ds = Vec::new();
    let raw = posting::read(doc, config, &mut ds);
    let merged = raw.and_then(|raw| posting::merge(&mut [raw], config, &mut ds));
    render_all(&ds);
    merged.filter(|_| !ds.iter().any(Diagnostic::is_error))
}

/// A posting file from fuzz bytes. Bytes that start with `+++` are the whole
/// file; otherwise the first line is the title of a valid posting and the rest
/// is its body, so most inputs reach rendering.
pub fn posting_text(data: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(data).ok()?;
    if text.starts_with("+++") {
        return Some(text.to_string());
    }
    let (title, body) = text.split_once('\n').unwrap_or((text, ""));
    Some(format!(
        "+++\ntitle = {}\nsummary = {}\npublished = 2026-02-01\ndeadline = 2026-03-20\n\
         locations = [{}]\nemployment = \"permanent\"\nextent = \"full-time\"\n\
         categories = [\"it\"]\n+++\n{body}",
        toml_string(title),
        toml_string(body.lines().next().unwrap_or("x")),
        toml_string(&format!("Ort {title}")),
    ))
}

/// A TOML basic string holding `s` exactly.
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Renders the whole site of one posting: pages, feeds, calendars, JSON.
pub fn render_site(posting: Posting) {
    let config = config();
    let theme = vacancy::theme::Theme::load(Path::new("/nonexistent-vacancy-fuzz-site"))
        .expect("the built-in theme loads");
    let strings = vacancy::i18n::load(&config, &theme.i18n).expect("built-in strings");
    let tera = vacancy::render::environment(&theme, &strings).expect("built-in templates");
    let content = Content {
        postings: vec![posting],
        pages: Vec::new(),
    };
    let site = Site::new(config, content, now());
    let kit = vacancy::Kit {
        theme,
        strings,
        tera,
    };
    match kit.render(&site) {
        Ok(output) => {
            std::hint::black_box(output.len());
        }
        Err(failed) => render_all(&failed.0.0),
    }
}
