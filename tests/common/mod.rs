//! What the integration tests (`tests/integration/`) and the browser checks
//! (`tests/browser.rs`) share: building a fixture site (in memory or with
//! the `vacancy` binary), reading its pages as a user's browser would
//! (parsed HTML, not strings), checking that internal links resolve, and
//! comparing texts with committed snapshots.
//!
//! Every fixture is built at an explicit moment, so tests never depend on
//! the clock.

#![allow(dead_code)] // the browser checks use a small part of this module

pub mod diff;
pub mod hostile;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, FixedOffset};
use scraper::{ElementRef, Html, Selector};
use vacancy::Built;
use vacancy::diagnostic::{Diagnostic, Diagnostics};

/// The moment most fixtures are built at.
pub const NOW: &str = "2026-03-01T12:00:00+01:00";

/// The folder of a fixture site under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn at(now: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(now).unwrap_or_else(|e| panic!("bad test moment {now}: {e}"))
}

/// Builds a site folder in memory at `now`; a failed build fails the test with every error shown.
pub fn build_dir(root: &Path, now: &str, base_url: Option<&str>) -> Built {
    match vacancy::build_in_memory(root, at(now), base_url) {
        Ok(built) => built,
        Err(failed) => panic!(
            "{} should build, but: {failed}\n{}",
            root.display(),
            render_all(&failed.0)
        ),
    }
}

/// Builds a fixture in memory at `now`.
pub fn build(name: &str, now: &str) -> Built {
    build_dir(&fixture(name), now, None)
}

/// The diagnostics of a site folder that must fail to build.
pub fn errors_of_dir(root: &Path, now: &str) -> Diagnostics {
    match vacancy::build_in_memory(root, at(now), None) {
        Ok(built) => panic!(
            "{} should fail to build, but it built {} files",
            root.display(),
            built.output.len()
        ),
        Err(failed) => failed.0,
    }
}

pub fn render_all(diagnostics: &Diagnostics) -> String {
    diagnostics.0.iter().map(Diagnostic::render).collect()
}

/// A copy of a fixture in a temporary folder, for tests that change files or write output.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture(name), tmp.path());
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, by path relative to it with `/` separators.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap();
                let key = rel.to_string_lossy().replace('\\', "/");
                out.insert(key, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Adds a Swedish posting to a site: open from `published` to 2026-03-20 in `place`.
pub fn add_posting(site: &Path, slug: &str, published: &str, place: &str) {
    std::fs::write(
        site.join(format!("content/postings/{slug}.sv.md")),
        format!(
            "+++\ntitle = \"{slug}\"\npublished = {published}\ndeadline = 2026-03-20\n\
             locations = [\"{place}\"]\nemployment = \"permanent\"\nextent = \"full-time\"\n\
             apply_email = \"jobb@example.se\"\n+++\n\nText.\n"
        ),
    )
    .expect("a posting file");
}

/// The files of an in-memory build as plain bytes.
pub fn files_of(built: &Built) -> BTreeMap<String, Vec<u8>> {
    built
        .output
        .files
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_vec()))
        .collect()
}

/// Runs the `vacancy` binary, with the clock as the only source of "now"
/// unless the test passes `--now` or sets `SOURCE_DATE_EPOCH` itself.
pub fn vacancy(args: &[&str]) -> Output {
    vacancy_with_env(args, &[])
}

pub fn vacancy_with_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vacancy"));
    command.args(args).env_remove("SOURCE_DATE_EPOCH");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the vacancy binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Fails the test with the command's output unless it succeeded.
pub fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "vacancy failed with {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    );
}

/// A path under `dir` as a command-line argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// A built HTML page, parsed.
pub struct Page {
    pub path: String,
    pub doc: Html,
}

/// A posting as a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub title: String,
    pub href: String,
    /// The language the title is marked up in (the nearest `lang` attribute).
    pub lang: String,
}

impl Page {
    pub fn parse(path: &str, bytes: &[u8]) -> Page {
        let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{path} is not UTF-8"));
        Page {
            path: path.to_string(),
            doc: Html::parse_document(text),
        }
    }

    pub fn all(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.doc.select(&sel(css)).collect()
    }

    pub fn first(&self, css: &str) -> Option<ElementRef<'_>> {
        self.doc.select(&sel(css)).next()
    }

    pub fn has(&self, css: &str) -> bool {
        self.first(css).is_some()
    }

    pub fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.first(css)?.attr(name).map(str::to_string)
    }

    /// `lang` and `dir` of the `<html>` element.
    pub fn lang_dir(&self) -> (String, String) {
        let html = self.first("html").expect("an <html> element");
        (
            html.attr("lang").unwrap_or_default().to_string(),
            html.attr("dir").unwrap_or_default().to_string(),
        )
    }

    /// The page's `<link rel="alternate" hreflang>` set: language code to URL.
    pub fn hreflang(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for link in self.all("link[rel=alternate][hreflang]") {
            let code = link.attr("hreflang").unwrap().to_string();
            let href = link.attr("href").unwrap_or_default().to_string();
            let old = out.insert(code.clone(), href);
            assert!(
                old.is_none(),
                "{}: hreflang {code} appears twice",
                self.path
            );
        }
        out
    }

    pub fn canonical(&self) -> Option<String> {
        self.attr("link[rel=canonical]", "href")
    }

    pub fn is_noindex(&self) -> bool {
        self.all("meta[name=robots]")
            .iter()
            .any(|m| m.attr("content").is_some_and(|c| c.contains("noindex")))
    }

    /// The postings listed on the page, in order.
    pub fn cards(&self) -> Vec<Card> {
        self.all("[data-posting] .card-title a")
            .into_iter()
            .map(|a| Card {
                title: text(&a),
                href: a.attr("href").unwrap_or_default().to_string(),
                lang: lang_of(&a),
            })
            .collect()
    }

    /// The slugs of the listed postings, in order.
    pub fn listed(&self) -> Vec<String> {
        self.cards().iter().map(|c| slug_of(&c.href)).collect()
    }

    /// Every URL the page refers to (`href`, `src`), with the element it is on.
    pub fn urls(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for e in self.all("[href], [src]") {
            for attr in ["href", "src"] {
                if let Some(url) = e.attr(attr) {
                    out.push((e.value().name().to_string(), url.to_string()));
                }
            }
        }
        out
    }
}

/// The text of an element as a reader gets it: whitespace collapsed, soft
/// hyphens (shown only where a line breaks) left out.
pub fn text(e: &ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .replace('\u{ad}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The language an element's content is in: its nearest `lang` attribute.
pub fn lang_of(e: &ElementRef<'_>) -> String {
    if let Some(lang) = e.attr("lang") {
        return lang.to_string();
    }
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .find_map(|a| a.attr("lang").map(str::to_string))
        .unwrap_or_default()
}

/// "/sv/jobs/case-officer/" -> "case-officer".
pub fn slug_of(href: &str) -> String {
    let rest = href
        .split("/jobs/")
        .nth(1)
        .unwrap_or_else(|| panic!("{href} is not a posting link"));
    rest.trim_end_matches('/').to_string()
}

/// Reads the page at `path` (a file in the output) of an in-memory build.
pub fn page(built: &Built, path: &str) -> Page {
    match built.output.get(path) {
        Some(bytes) => Page::parse(path, bytes),
        None => panic!(
            "{path} was not built; the site has:\n{}",
            built
                .output
                .files
                .keys()
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// Every HTML page of a set of files, parsed.
pub fn html_pages(files: &BTreeMap<String, Vec<u8>>) -> Vec<Page> {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| Page::parse(path, bytes))
        .collect()
}

/// The URL path a page is served at, relative to the base ("sv/jobs/x/index.html" -> "sv/jobs/x/").
pub fn served_at(file: &str) -> String {
    file.strip_suffix("index.html").unwrap_or(file).to_string()
}

/// A broken link found by `check_links`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Broken {
    pub page: String,
    pub url: String,
    pub why: String,
}

/// Checks every internal URL of every page against the built files.
///
/// Root-relative URLs must start with the base path and absolute URLs on the
/// site's host with the base URL; relative URLs (editors' links to
/// attachments) are resolved against the page. Each must name a file of the
/// output; a directory stands for its `index.html`. Fragments and queries are
/// ignored, as are `mailto:`, `tel:` and other sites' URLs.
pub fn check_links(files: &BTreeMap<String, Vec<u8>>, base_url: &str) -> Vec<Broken> {
    let base = url::Url::parse(base_url).expect("base URL");
    let mut broken = BTreeSet::new();
    for page in html_pages(files) {
        let page_url = base.join(&served_at(&page.path)).unwrap();
        for (_, raw) in page.urls() {
            let mut report = |why: &str| {
                broken.insert(Broken {
                    page: page.path.clone(),
                    url: raw.clone(),
                    why: why.to_string(),
                });
            };
            if raw.starts_with('#') {
                continue;
            }
            if raw.starts_with('/') && !raw.starts_with(base.path()) {
                report("root-relative but outside the base path");
                continue;
            }
            let Ok(url) = page_url.join(&raw) else {
                report("not a URL");
                continue;
            };
            if !matches!(url.scheme(), "http" | "https") || url.host() != base.host() {
                continue;
            }
            let Some(rel) = url.path().strip_prefix(base.path()) else {
                report("on the site's host but outside the base path");
                continue;
            };
            let file = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            let file = percent_decode(&file);
            if !files.contains_key(&file) {
                report(&format!("no file {file} in the output"));
            }
        }
    }
    broken.into_iter().collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The diagnostics that are about `file` (relative to the site root).
pub fn about<'a>(diagnostics: &'a Diagnostics, file: &str) -> Vec<&'a Diagnostic> {
    diagnostics
        .0
        .iter()
        .filter(|d| d.file() == Some(Path::new(file)))
        .collect()
}

/// The single error about `file`; fails the test when there is none or more.
pub fn only_error<'a>(diagnostics: &'a Diagnostics, file: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = about(diagnostics, file)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    match found.as_slice() {
        [one] => one,
        _ => panic!(
            "expected exactly one error about {file}, found {}:\n{}",
            found.len(),
            found.iter().map(|d| d.render()).collect::<String>()
        ),
    }
}

/// The folder of this repository (the example board's site folder too).
pub fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Whether this run rewrites expected output (`BLESS=1 cargo test`).
pub fn blessing() -> bool {
    std::env::var_os("BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Compares `actual` with the committed expected text
/// `tests/snapshots/<name>.txt`. With `BLESS=1` the file is written instead
/// (review the diff before committing it); a missing file fails, and a
/// difference fails with a short unified diff.
///
/// `name` must be a string literal in the call itself, in a file under
/// `tests/integration/`: `stale::every_snapshot_file_is_written_by_a_test`
/// finds the names there and fails on a file under `tests/snapshots/` that
/// no call names, so a renamed or removed test leaves nothing behind.
pub fn assert_snapshot(name: &str, actual: &str) {
    assert!(
        snapshot_names().contains(name),
        "assert_snapshot({name:?}, ..): the name must be written as a string literal in the \
         call, in a file under tests/integration/, so the stale-snapshot check sees it"
    );
    let path = snapshot_folder().join(format!("{name}.txt"));
    if blessing() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        if std::fs::read_to_string(&path).ok().as_deref() != Some(actual) {
            std::fs::write(&path, actual).unwrap();
        }
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no expected output {}; run the test with BLESS=1 to write it, then review it:\n{actual}",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "{name}: the output differs from {} (- expected, + actual; BLESS=1 rewrites it)\n{}",
            path.display(),
            diff::unified(&expected, actual)
        );
    }
}

/// `tests/snapshots/`.
pub fn snapshot_folder() -> PathBuf {
    repository().join("tests/snapshots")
}

/// Every snapshot name the integration tests' sources pass to
/// `assert_snapshot` as a literal: the text between the quotes right after
/// `assert_snapshot(`.
pub fn snapshot_names() -> &'static BTreeSet<String> {
    static NAMES: std::sync::OnceLock<BTreeSet<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let folder = repository().join("tests/integration");
        let mut names = BTreeSet::new();
        for entry in std::fs::read_dir(&folder).expect("tests/integration/") {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                names.extend(literal_names(&source, "assert_snapshot("));
            }
        }
        names
    })
}

/// The string literals that directly follow `call` in `source` (whitespace
/// between them allowed).
pub fn literal_names(source: &str, call: &str) -> Vec<String> {
    source
        .match_indices(call)
        .filter_map(|(at, _)| {
            let rest = source[at + call.len()..].trim_start().strip_prefix('"')?;
            let end = rest.find('"')?;
            Some(rest[..end].to_string())
        })
        .collect()
}

/// What a command printed, with a temporary folder's path replaced by `<site>`.
pub fn transcript(output: &Output, site: &Path) -> String {
    transcript_with(output, &[(site, "<site>")])
}

/// What a command printed, each of `paths` replaced by its stand-in, and
/// the milliseconds a build took (`in 152 ms`) by `in <ms> ms`.
pub fn transcript_with(output: &Output, paths: &[(&Path, &str)]) -> String {
    let mut text = format!(
        "exit code: {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    );
    for (path, stand_in) in paths {
        text = text.replace(&path.display().to_string(), stand_in);
    }
    without_timing(&text)
}

/// `text` with each "in <digits> ms" made "in <ms> ms", for texts that say
/// how long a build took.
pub fn without_timing(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" in ") {
        let (before, after) = rest.split_at(at + 4);
        out.push_str(before);
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(" ms") {
            out.push_str("<ms>");
            rest = &after[digits..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}
