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

use std::collections::BTreeMap;
use std::time::Instant;

use crate::common::hostile::{hostile_site, vectors};
use crate::common::{NOW, at, files_of, render_all};
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
    let el = e.value();
    let in_head = || {
        e.ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "head")
    };
    // The finder's form: exactly the controls the theme writes, each known
    // by its place and attributes, none of them from content.
    let in_finder = || {
        e.ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().attr("data-finder-form").is_some())
    };
    let id = el.attr("id").unwrap_or("");
    match el.name() {
        "link" => in_head(),
        // Parsed as a browser with script does: its content is text, the
        // theme's one stylesheet link.
        "noscript" => {
            let text: String = e.text().collect();
            in_head()
                && text.starts_with("<link rel=\"stylesheet\" href=\"/")
                && text.matches('<').count() == 1
        }
        "form" => el.attr("data-finder-form").is_some(),
        "input" => {
            in_finder()
                && match el.attr("type") {
                    Some("search") => id == "finder-q",
                    Some("checkbox") => {
                        id.starts_with("finder-")
                            && ["location", "employment", "extent", "workplace", "category"]
                                .contains(&el.attr("name").unwrap_or(""))
                    }
                    Some("radio") => {
                        id.starts_with("finder-sort-") && el.attr("name") == Some("sort")
                    }
                    _ => false,
                }
        }
        "button" => {
            in_finder()
                && el
                    .classes()
                    .any(|c| c == "finder-submit" || c == "finder-clear")
        }
        _ => false,
    }
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

// ---------------------------------------------------------------------------
// Issue 19: nothing a board's files or a mistyped flag can do harms the site
// or its visitors. Each test reproduces a problem as it was reported.

mod issue19 {
    use std::path::Path;
    use std::time::{Duration, Instant};

    use crate::common::{
        NOW, arg, assert_snapshot, at, copy_fixture, errors_of_dir, read_tree, render_all,
        transcript, vacancy, vacancy_with_env,
    };

    fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// `vacancy build` of `site` into `output` (relative to the site) at the fixture's moment.
    fn build_into(site: &Path, output: &str, extra: &[&str]) -> std::process::Output {
        let mut args = vec![
            "build",
            "--root",
            arg(site),
            "--output",
            output,
            "--now",
            NOW,
        ];
        args.extend_from_slice(extra);
        vacancy(&args)
    }

    #[test]
    fn attachments_a_browser_would_run_are_refused_naming_each_file() {
        let site = copy_fixture("board");
        let folder = "content/postings/analyst";
        write(
            site.path(),
            &format!("{folder}/apply.html"),
            "<script src=\"apply.js\"></script>",
        );
        write(
            site.path(),
            &format!("{folder}/apply.js"),
            "alert(document.domain)",
        );
        write(
            site.path(),
            &format!("{folder}/logo.svg"),
            "<svg onload=\"alert(1)\"/>",
        );
        write(
            site.path(),
            &format!("{folder}/cv.pdf"),
            "<html><script>alert(1)</script>",
        );
        let errors = errors_of_dir(site.path(), NOW);
        assert_snapshot("hardening/issue19-attachments", &render_all(&errors));
    }

    #[test]
    fn the_output_flag_refuses_every_folder_a_build_must_not_replace() {
        let site = copy_fixture("board");
        write(
            site.path(),
            "../thesis-of-another/thesis.txt",
            "four years of work",
        );
        let before = read_tree(site.path());
        let mut seen = String::new();
        for output in [
            ".",
            "..",
            "content",
            "content/postings",
            "content/postings/new-folder",
            "vacancy.toml",
            "static/out",
            "themes",
            "../thesis-of-another",
        ] {
            let result = build_into(site.path(), output, &[]);
            assert_eq!(result.status.code(), Some(1), "--output {output}");
            seen.push_str(&format!(
                "--output {output}\n{}\n",
                transcript(&result, site.path())
            ));
            assert_eq!(
                read_tree(site.path()),
                before,
                "--output {output} changed the site"
            );
        }
        let thesis = site.path().join("../thesis-of-another/thesis.txt");
        assert_eq!(
            std::fs::read_to_string(thesis).unwrap(),
            "four years of work"
        );
        assert_snapshot("hardening/issue19-output-refused", &seen);
    }

    #[test]
    fn a_builds_own_output_is_replaced_and_a_build_that_would_empty_it_is_refused() {
        let site = copy_fixture("board");
        let first = build_into(site.path(), "output", &[]);
        assert!(
            first.status.success(),
            "{}",
            transcript(&first, site.path())
        );
        assert_eq!(
            std::fs::read_to_string(site.path().join("output/.vacancy-build")).unwrap(),
            "Written by `vacancy build`: every build replaces this whole folder.\npostings = 5\n"
        );
        assert!(build_into(site.path(), "output", &[]).status.success());
        std::fs::remove_dir_all(site.path().join("content/postings")).unwrap();
        std::fs::create_dir(site.path().join("content/postings")).unwrap();
        let emptied = build_into(site.path(), "output", &[]);
        assert_snapshot(
            "hardening/issue19-would-empty",
            &transcript(&emptied, site.path()),
        );
        assert!(
            site.path()
                .join("output/sv/jobs/analyst/index.html")
                .exists()
        );
        let allowed = build_into(site.path(), "output", &["--allow-empty"]);
        assert!(
            allowed.status.success(),
            "{}",
            transcript(&allowed, site.path())
        );
        assert!(
            !site
                .path()
                .join("output/sv/jobs/analyst/index.html")
                .exists()
        );
    }

    #[test]
    fn a_missing_or_linked_content_folder_is_an_error_not_an_empty_board() {
        let mut seen = String::new();
        for (case, make) in [
            ("missing", (|_: &Path| {}) as fn(&Path)),
            ("a file", |c: &Path| {
                std::fs::write(c, "not a folder").unwrap()
            }),
            ("a link to /", |c: &Path| {
                std::os::unix::fs::symlink("/", c).unwrap()
            }),
        ] {
            let site = copy_fixture("board");
            let content = site.path().join("content");
            std::fs::remove_dir_all(&content).unwrap();
            make(&content);
            let result = build_into(site.path(), "output", &[]);
            seen.push_str(&format!(
                "content/ {case}\n{}\n",
                transcript(&result, site.path())
            ));
            assert!(!site.path().join("output").exists(), "{case}");
        }
        assert_snapshot("hardening/issue19-content-folder", &seen);
    }

    #[test]
    fn moments_feeds_and_calendars_cannot_write_are_errors_not_panics() {
        let site = copy_fixture("board");
        let mut seen = String::new();
        for epoch in ["253402300800", "253402300799", "-99999999999"] {
            let result = vacancy_with_env(
                &["build", "--root", arg(site.path()), "--output", "output"],
                &[("SOURCE_DATE_EPOCH", epoch)],
            );
            seen.push_str(&format!(
                "SOURCE_DATE_EPOCH={epoch}\n{}\n",
                transcript(&result, site.path())
            ));
        }
        let result = vacancy(&["check", "--root", arg(site.path()), "--now", "9999-12-31"]);
        seen.push_str(&format!(
            "--now 9999-12-31\n{}\n",
            transcript(&result, site.path())
        ));
        let posting = site.path().join("content/postings/case-officer.sv.md");
        let text = std::fs::read_to_string(&posting).unwrap();
        std::fs::write(
            &posting,
            text.replace(
                "deadline = 2026-03-20",
                "deadline = 9999-12-31T23:59:59-23:59",
            ),
        )
        .unwrap();
        let result = build_into(site.path(), "output", &[]);
        seen.push_str(&format!(
            "a deadline in 9999\n{}",
            transcript(&result, site.path())
        ));
        assert!(!seen.contains("panicked"), "{seen}");
        assert_snapshot("hardening/issue19-moments", &seen);
    }

    /// Runs `vacancy` and fails the test if it has not ended within ten seconds.
    fn ends_in_time(args: &[&str]) -> std::process::Output {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vacancy"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(10) {
                child.kill().unwrap();
                panic!("vacancy {args:?} hung on a named pipe");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        child.wait_with_output().unwrap()
    }

    fn fifo(path: &Path) {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    }

    #[test]
    fn a_named_pipe_among_the_content_or_as_the_settings_is_an_error_not_a_hang() {
        let site = copy_fixture("board");
        fifo(&site.path().join("content/postings/x.sv.md"));
        fifo(&site.path().join("content/postings/analyst/pipe.pdf"));
        let check = ends_in_time(&["check", "--root", arg(site.path()), "--now", NOW]);
        let mut seen = format!("check\n{}\n", transcript(&check, site.path()));
        std::fs::remove_file(site.path().join("vacancy.toml")).unwrap();
        fifo(&site.path().join("vacancy.toml"));
        let build = ends_in_time(&["build", "--root", arg(site.path()), "--now", NOW]);
        seen.push_str(&format!("build\n{}", transcript(&build, site.path())));
        assert_snapshot("hardening/issue19-fifo", &seen);
    }

    #[test]
    fn control_characters_in_texts_are_errors_and_are_dropped_from_bodies() {
        let site = copy_fixture("board");
        let posting = site.path().join("content/postings/developer.en.md");
        let text = std::fs::read_to_string(&posting).unwrap();
        let (front, body) = text.rsplit_once("+++\n").unwrap();
        let front = front.replacen("title = \"", "title = \"\\u0000\\u001b[31m\\u0007", 1);
        std::fs::write(
            &posting,
            format!("{front}+++\nA bell \u{7} and an escape \u{1b} in the text.\n{body}"),
        )
        .unwrap();
        let errors = errors_of_dir(site.path(), NOW);
        assert_snapshot("hardening/issue19-control-characters", &render_all(&errors));

        let fixed = std::fs::read_to_string(&posting)
            .unwrap()
            .replace("\\u0000\\u001b[31m\\u0007", "");
        std::fs::write(&posting, fixed).unwrap();
        let built = vacancy::build_in_memory(site.path(), at(NOW), None).unwrap();
        let page = String::from_utf8(
            built
                .output
                .get("en/jobs/developer/index.html")
                .unwrap()
                .to_vec(),
        )
        .unwrap();
        assert!(
            page.contains("A bell  and an escape  in the text."),
            "{page}"
        );
        for (path, bytes) in &built.output.files {
            if path.ends_with(".html") {
                let text = String::from_utf8_lossy(bytes);
                let bad = text
                    .chars()
                    .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'));
                assert_eq!(bad, None, "{path}");
            }
        }
    }

    #[test]
    fn an_on_site_posting_without_places_and_a_logo_outside_static_are_errors() {
        let site = copy_fixture("board");
        let posting = site.path().join("content/postings/case-officer.sv.md");
        let text = std::fs::read_to_string(&posting).unwrap();
        std::fs::write(
            &posting,
            text.replace("locations = [\"Norrköping\"]", "locations = []"),
        )
        .unwrap();
        let mut seen = render_all(&errors_of_dir(site.path(), NOW));
        let config = site.path().join("vacancy.toml");
        let settings = std::fs::read_to_string(&config).unwrap();
        for logo in [
            "../../etc/passwd",
            "/etc/passwd",
            "javascript:alert(1)",
            "assets/missing.png",
            "http://cdn.example.se/logo.png",
        ] {
            std::fs::write(&config, settings.replace("assets/logo.svg", logo)).unwrap();
            seen.push_str(&render_all(&errors_of_dir(site.path(), NOW)));
        }
        assert_snapshot("hardening/issue19-places-and-logo", &seen);
    }

    /// Found by reading every `expect`, index and slice that input can reach.
    #[test]
    fn extreme_moments_in_far_time_zones_are_errors_not_panics() {
        let site = copy_fixture("board");
        let config = site.path().join("vacancy.toml");
        let settings = std::fs::read_to_string(&config).unwrap();
        let mut seen = String::new();
        for (zone, env, now) in [
            ("Asia/Tokyo", "8210266876799", None),
            ("America/New_York", "", Some("+262142-12-31T23:30")),
            ("Asia/Tokyo", "", Some("-262143-01-01T00:00")),
        ] {
            std::fs::write(&config, settings.replace("Europe/Stockholm", zone)).unwrap();
            let flag = now.map(|n| format!("--now={n}"));
            let mut args = vec!["check", "--root", arg(site.path())];
            args.extend(flag.as_deref());
            let result = if env.is_empty() {
                vacancy(&args)
            } else {
                vacancy_with_env(&args, &[("SOURCE_DATE_EPOCH", env)])
            };
            seen.push_str(&format!(
                "{zone} {env} {now:?}\n{}\n",
                transcript(&result, site.path())
            ));
        }
        assert!(!seen.contains("panicked"), "{seen}");
        assert_snapshot("hardening/issue19-far-moments", &seen);
    }

    #[test]
    fn a_date_format_that_cannot_write_a_date_is_an_error_naming_the_file() {
        let site = copy_fixture("board");
        write(
            site.path(),
            "i18n/en.toml",
            "date_format = \"%Y-%m-%d %H:%M\"\n",
        );
        let errors = errors_of_dir(site.path(), NOW);
        assert_snapshot("hardening/issue19-date-format", &render_all(&errors));
    }

    #[test]
    fn a_tag_spread_over_quoted_lines_is_reported_at_a_whole_character() {
        let site = copy_fixture("board");
        let posting = site.path().join("content/postings/developer.en.md");
        let text = std::fs::read_to_string(&posting).unwrap();
        let body = format!("> {}<span title=\"x>\n> €<i>\">\n", "<b>".repeat(20));
        std::fs::write(&posting, format!("{text}\n{body}")).unwrap();
        let errors = errors_of_dir(site.path(), NOW);
        assert_snapshot("hardening/issue19-quoted-tag", &render_all(&errors));
    }

    #[test]
    fn a_salary_in_words_with_a_control_character_is_an_error() {
        let site = copy_fixture("board");
        let posting = site.path().join("content/postings/developer.en.md");
        let text = std::fs::read_to_string(&posting).unwrap();
        let text = text.replacen("+++\n", "+++\nsalary = \"By agreement\\u001b\"\n", 1);
        std::fs::write(&posting, text).unwrap();
        let errors = errors_of_dir(site.path(), NOW);
        assert_snapshot("hardening/issue19-salary-control", &render_all(&errors));
    }

    #[test]
    fn a_reader_that_goes_away_does_not_make_vacancy_panic() {
        let site = copy_fixture("board");
        let out = tempfile::tempdir().unwrap();
        let output = out.path().join("site");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vacancy"))
            .args([
                "build",
                "--verbose",
                "--root",
                arg(site.path()),
                "--now",
                NOW,
            ])
            .args(["--output", arg(&output)])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Like `| head -0`: the reader closes before anything is read.
        drop(child.stdout.take());
        let result = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(result.status.code(), Some(0), "{stderr}");
    }
}
