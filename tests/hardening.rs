//! Hostile content, broken files and killed builds (issue 7).
//!
//! - Every classic XSS filter-evasion vector in `tests/fixtures/hostile/xss-vectors.txt`
//!   is put into every front-matter text field, into `vacancy.toml` and into
//!   Markdown bodies; every file the build writes is parsed as a browser, feed
//!   reader, JSON or calendar client would, and nothing executable may survive.
//! - Broken and outsized input gives a clear error or a correct page, never a
//!   panic, in bounded time.
//! - `vacancy build` killed at random moments leaves the previous site or the
//!   new one, never a mix; two builds at once do not corrupt each other.

mod common;

use std::collections::BTreeMap;
use std::time::Instant;

use common::hostile::{hostile_site, vectors};
use common::{NOW, at, files_of, render_all};
use scraper::{ElementRef, Html};
use serde_json::Value;

// ---------------------------------------------------------------------------
// What may not survive

/// Attributes that hold a URL a browser would load or navigate to.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "data",
    "dynsrc",
    "lowsrc",
    "srcset",
    "cite",
    "longdesc",
    "manifest",
];

const FORBIDDEN_ELEMENTS: &[&str] = &[
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "input", "button",
    "textarea", "select", "keygen", "isindex", "svg", "math", "style", "link", "bgsound",
    "marquee", "video", "audio", "xml", "xss", "noscript", "template", "xmp",
];

/// The scheme of a URL as a browser's URL parser reads it: leading and
/// trailing C0 controls and spaces are dropped, tabs and line breaks anywhere
/// are ignored, and a scheme is a letter followed by letters, digits, `+-.`.
fn scheme_of(url: &str) -> String {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.split_once(':') {
        Some((scheme, _))
            if scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            scheme.to_string()
        }
        _ => String::new(),
    }
}

fn is_dangerous_url(url: &str) -> bool {
    !matches!(
        scheme_of(url).as_str(),
        "" | "http" | "https" | "mailto" | "tel"
    )
}

/// Every problem with one element: `where` names the file.
fn check_element(e: ElementRef<'_>, base_path: &str, problems: &mut Vec<String>) {
    let el = e.value();
    let name = el.name();
    let mut problem = |what: String| problems.push(format!("<{name}>: {what}"));
    if FORBIDDEN_ELEMENTS.contains(&name) && !is_theme_element(e) {
        problem(format!("forbidden element: {}", e.html()));
    }
    if name == "script" {
        let src = el.attr("src").unwrap_or("");
        let data = matches!(
            el.attr("type"),
            Some("application/ld+json" | "application/json")
        );
        let theme = src.starts_with(&format!("{base_path}assets/")) && e.inner_html().is_empty();
        if !data && !theme {
            problem(format!("a script not from the theme: {}", e.html()));
        }
    }
    if name == "meta" && el.attr("http-equiv").is_some() {
        problem(format!("meta http-equiv: {}", e.html()));
    }
    for (attr, value) in el.attrs() {
        let lower = attr.to_ascii_lowercase();
        if lower.starts_with("on") {
            problem(format!("event handler {attr}={value:?}"));
        }
        if URL_ATTRIBUTES.contains(&lower.as_str()) && is_dangerous_url(value) {
            problem(format!("{attr}={value:?}"));
        }
        if lower == "style" {
            problem(format!("style attribute {value:?}"));
        }
        if lower == "content" && el.attr("http-equiv").is_some() {
            problem(format!("meta refresh {value:?}"));
        }
    }
}

/// The theme's `<link>`s in the page head; content only ever lands in the body.
fn is_theme_element(e: ElementRef<'_>) -> bool {
    e.value().name() == "link"
        && e.ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "head")
}

/// Every problem in an HTML document or fragment.
fn check_html(html: &Html, base_path: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for node in html.tree.nodes() {
        if let Some(e) = ElementRef::wrap(node) {
            check_element(e, base_path, &mut problems);
        }
    }
    problems
}

/// The JSON blocks of a page, parsed; a block that does not parse is a problem.
fn json_blocks(html: &Html, kind: &str) -> Result<Vec<Value>, String> {
    let sel = scraper::Selector::parse(&format!("script[type='{kind}']")).unwrap();
    html.select(&sel)
        .map(|s| {
            let text = s.text().collect::<String>();
            serde_json::from_str(&text).map_err(|e| format!("{kind} does not parse: {e}: {text}"))
        })
        .collect()
}

/// iCalendar content lines, unfolded, with their values unescaped.
fn ical_lines(text: &str) -> Result<Vec<(String, String)>, String> {
    if !text.contains("\r\n") {
        return Err("lines must end with CRLF".into());
    }
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = Vec::new();
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        if line.contains(['\r', '\n']) {
            return Err(format!("a bare line break inside {line:?}"));
        }
        let (head, value) = line
            .split_once(':')
            .ok_or_else(|| format!("not a content line: {line:?}"))?;
        let name = head.split(';').next().unwrap_or(head);
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!("not a property name: {line:?}"));
        }
        let value = value
            .replace("\\n", "\n")
            .replace("\\N", "\n")
            .replace("\\,", ",")
            .replace("\\;", ";")
            .replace("\\\\", "\\");
        out.push((name.to_string(), value));
    }
    Ok(out)
}

/// Checks every file of a built site, in parallel; returns the problems.
fn check_site(
    files: &BTreeMap<String, Vec<u8>>,
    base_path: &str,
    titles: &[String],
) -> Vec<String> {
    use rayon::prelude::*;
    let checked: Vec<(Vec<String>, usize)> = files
        .par_iter()
        .map(|(path, bytes)| {
            let (problems, json_ld) = check_file(path, bytes, base_path, titles);
            let problems = problems
                .into_iter()
                .map(|p| format!("{path}: {p}"))
                .collect();
            (problems, json_ld)
        })
        .collect();
    let json_ld: usize = checked.iter().map(|(_, n)| n).sum();
    let mut problems: Vec<String> = checked.into_iter().flat_map(|(p, _)| p).collect();
    // `titles` holds each vector twice: whole and cut to fit a title.
    if json_ld < titles.len() / 4 {
        problems.push(format!("only {json_ld} JSON-LD blocks were checked"));
    }
    problems
}

/// The problems of one file, and how many JSON-LD blocks it had.
fn check_file(
    path: &str,
    bytes: &[u8],
    base_path: &str,
    titles: &[String],
) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut json_ld = 0;
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    if !matches!(ext, "html" | "xml" | "json" | "ics" | "txt") {
        return (problems, 0);
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return (vec!["not UTF-8".into()], 0);
    };
    match ext {
        "html" => {
            let html = Html::parse_document(text);
            problems.extend(check_html(&html, base_path));
            for kind in ["application/json", "application/ld+json"] {
                match json_blocks(&html, kind) {
                    Ok(blocks) if kind == "application/ld+json" => {
                        for b in &blocks {
                            json_ld += 1;
                            problems.extend(check_json_ld(b, titles).err());
                        }
                    }
                    Ok(_) => {}
                    Err(e) => problems.push(e),
                }
            }
        }
        "xml" => match roxmltree::Document::parse(text) {
            Ok(doc) => problems.extend(check_feed(&doc, base_path, titles)),
            Err(e) => problems.push(format!("not well-formed XML: {e}")),
        },
        "json" => {
            if let Err(e) = serde_json::from_str::<Value>(text) {
                problems.push(format!("not JSON: {e}"));
            }
        }
        "ics" => match ical_lines(text) {
            Ok(lines) => {
                let count = |name: &str, value: Option<&str>| {
                    lines
                        .iter()
                        .filter(|(n, v)| n == name && value.is_none_or(|x| x == v))
                        .count()
                };
                let (events, summaries) = (count("BEGIN", Some("VEVENT")), count("SUMMARY", None));
                if events != summaries {
                    problems.push(format!(
                        "{events} events but {summaries} summaries: a line was injected"
                    ));
                }
            }
            Err(e) => problems.push(e),
        },
        _ => {}
    }
    (problems, json_ld)
}

/// A feed's descriptions are HTML to readers; its item titles are the input, as text.
fn check_feed(doc: &roxmltree::Document<'_>, base_path: &str, titles: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    for n in doc.descendants().filter(|n| n.has_tag_name("description")) {
        let html = Html::parse_fragment(n.text().unwrap_or(""));
        for p in check_html(&html, base_path) {
            problems.push(format!("in a description: {p}"));
        }
    }
    for n in doc.descendants().filter(|n| n.has_tag_name("title")) {
        let t = n.text().unwrap_or("");
        let in_item = n.parent().is_some_and(|p| p.has_tag_name("item"));
        if in_item
            && !titles
                .iter()
                .any(|x| xml_text(x).trim() == xml_text(t).trim())
        {
            problems.push(format!("an item title changed: {t:?}"));
        }
    }
    problems
}

/// What an XML text can hold of `s`.
fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || c >= ' ')
        .collect::<String>()
        .replace("\r\n", "\n")
        .replace('\r', "\n")
}

/// JSON-LD must hold the posting's title exactly as written.
fn check_json_ld(block: &Value, titles: &[String]) -> Result<(), String> {
    let title = block["title"].as_str().ok_or("JSON-LD without a title")?;
    if !titles.iter().any(|t| t.trim() == title) {
        return Err(format!(
            "JSON-LD title {title:?} is not one of the input titles"
        ));
    }
    Ok(())
}

#[test]
fn the_xss_corpus_has_over_a_hundred_classic_vectors() {
    let v = vectors();
    assert!(v.len() >= 100, "{} vectors", v.len());
    assert!(v.iter().any(|x| x.contains('\0')) && v.iter().any(|x| x.contains('\t')));
}

#[test]
fn a_site_made_of_xss_vectors_builds_and_nothing_executable_survives() {
    let tmp = tempfile::tempdir().unwrap();
    let v = hostile_site(tmp.path());
    let built = match vacancy::build_in_memory(tmp.path(), at(NOW), None) {
        Ok(b) => b,
        Err(failed) => panic!(
            "the hostile site fails to build:\n{}",
            render_all(&failed.0)
        ),
    };
    eprintln!("built in {:?}", built.elapsed);
    let started = Instant::now();
    let files = files_of(&built);
    assert!(files.len() > 500, "{} files", files.len());
    let problems = check_site(&files, "/", &v);
    eprintln!("checked in {:?}", started.elapsed());
    assert!(
        problems.is_empty(),
        "{} problems, the first:\n{}",
        problems.len(),
        problems[..problems.len().min(40)].join("\n")
    );
}
