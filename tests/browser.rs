//! The example board in a real browser: builds the repository's own site,
//! then runs `tests/browser/check.mjs` with Node, which serves it on
//! 127.0.0.1 under a strict Content-Security-Policy and checks every page in
//! headless Chromium (axe-core in light and dark, no sideways scroll at 320
//! CSS px, no console errors), the keyboard, the filter form and the
//! days-left script, validates every page with the W3C Nu HTML Checker, and
//! writes screenshots to `screenshots/`. Two more checks load every page of a
//! site made of the XSS corpus (`tests/browser/hostile.mjs`) and attachments
//! holding script (`tests/browser/attachments.mjs`), and fail if anything in
//! them runs.
//!
//! A target of its own with `harness = false` (see Cargo.toml): `main` runs
//! each check and prints one line for it, as libtest does, so a check that
//! cannot run says so in plain `cargo test` output:
//!
//! ```text
//! test every_page_of_the_example_board_passes_the_browser_checks ... SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)
//! ```
//!
//! A skipped check passes, except when the `CI` environment variable is set:
//! there a missing tool fails it. `.ci/run` installs everything. Arguments
//! work as for libtest: `cargo test --test browser attachments` runs the
//! checks whose names contain "attachments"; `--exact`, `--skip` and
//! `--list` are understood, other options are ignored.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The moment the example board's content is written for.
const NOW: &str = "2026-11-23T12:00:00+01:00";
const CHROMIUM: &str = "/usr/bin/chromium";
/// The node script gives up by itself after four minutes; this is the backstop.
const LIMIT: Duration = Duration::from_secs(300);

/// One browser check: its name, what it needs and what it does.
struct Check {
    name: &'static str,
    needs: &'static [Tool],
    run: fn(&Path) -> Result<(), String>,
}

const CHECKS: &[Check] = &[
    Check {
        name: "every_page_of_the_example_board_passes_the_browser_checks",
        needs: &[
            Tool::Node,
            Tool::Chromium,
            Tool::Java,
            Tool::Npm("playwright-core"),
            Tool::Npm("axe-core"),
            Tool::Npm("vnu-jar"),
        ],
        run: every_page_of_the_example_board_passes_the_browser_checks,
    },
    Check {
        name: "nothing_from_the_xss_corpus_runs_in_the_browser",
        needs: &[Tool::Node, Tool::Chromium, Tool::Npm("playwright-core")],
        run: nothing_from_the_xss_corpus_runs_in_the_browser,
    },
    Check {
        name: "attachments_holding_script_are_shown_never_run",
        needs: &[Tool::Node, Tool::Chromium, Tool::Npm("playwright-core")],
        run: attachments_holding_script_are_shown_never_run,
    },
    Check {
        name: "the_search_finds_words_in_posting_texts_under_a_sub_path",
        needs: &[Tool::Node, Tool::Chromium, Tool::Npm("playwright-core")],
        run: the_search_finds_words_in_posting_texts_under_a_sub_path,
    },
    Check {
        name: "a_posting_made_in_the_browser_cms_checks_and_builds_in_both_languages",
        needs: &[
            Tool::Node,
            Tool::Chromium,
            Tool::Npm("playwright-core"),
            Tool::Npm("decap-cms"),
            Tool::Npm("decap-server"),
        ],
        run: a_posting_made_in_the_browser_cms_checks_and_builds_in_both_languages,
    },
];

/// Something a check needs from the machine.
#[derive(Debug, Clone, Copy)]
enum Tool {
    Node,
    Chromium,
    Java,
    /// A package in `tests/browser/node_modules`.
    Npm(&'static str),
}

/// Why this machine cannot give what `needs` lists: one reason per tool,
/// the npm packages together.
fn missing(needs: &[Tool], checks: &Path) -> Vec<String> {
    let mut reasons = Vec::new();
    let mut packages = Vec::new();
    for tool in needs {
        match *tool {
            Tool::Node if !runs("node") => {
                reasons.push("node (Node.js) is not on the PATH".to_string());
            }
            Tool::Chromium if !Path::new(CHROMIUM).exists() => {
                reasons.push(format!("{CHROMIUM} is missing (apt-get install chromium)"));
            }
            Tool::Java if !runs("java") => reasons
                .push("java is not on the PATH (apt-get install default-jre-headless)".to_string()),
            Tool::Npm(package) if !checks.join("node_modules").join(package).exists() => {
                packages.push(package);
            }
            _ => {}
        }
    }
    if !packages.is_empty() {
        reasons.push(format!(
            "the npm package{} {} not installed (cd tests/browser && npm ci --ignore-scripts)",
            if packages.len() == 1 { "" } else { "s" },
            match packages.as_slice() {
                [one] => format!("{one} is"),
                many => format!("{} are", many.join(", ")),
            }
        ));
    }
    reasons
}

/// Whether `program --version` runs.
fn runs(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The folder of the Node checks.
fn checks_folder() -> PathBuf {
    repository().join("tests/browser")
}

// ---------------------------------------------------------------------------
// Running the checks as libtest would

/// The command line, read as libtest reads it.
#[derive(Default)]
struct Args {
    filters: Vec<String>,
    skip: Vec<String>,
    exact: bool,
    list: bool,
    /// `--ignored`: only ignored tests, and these checks are never ignored.
    ignored_only: bool,
}

impl Args {
    fn parse(args: impl Iterator<Item = String>) -> Args {
        /// libtest's options that take a value as the next argument.
        const WITH_VALUE: &[&str] = &[
            "--test-threads",
            "--format",
            "--color",
            "--logfile",
            "--shuffle-seed",
            "-Z",
        ];
        let mut parsed = Args::default();
        let mut args = args.peekable();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--exact" => parsed.exact = true,
                "--list" => parsed.list = true,
                "--ignored" => parsed.ignored_only = true,
                "--skip" => parsed.skip.extend(args.next()),
                _ if WITH_VALUE.contains(&arg.as_str()) => {
                    args.next();
                }
                _ if arg.starts_with('-') => {}
                _ => parsed.filters.push(arg),
            }
        }
        parsed
    }

    fn selects(&self, name: &str) -> bool {
        let matches = |pattern: &String| {
            if self.exact {
                name == pattern
            } else {
                name.contains(pattern.as_str())
            }
        };
        !self.ignored_only
            && (self.filters.is_empty() || self.filters.iter().any(matches))
            && !self.skip.iter().any(matches)
    }
}

enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

/// Runs one check, or says why it cannot run.
fn run(check: &Check, ci: bool) -> Outcome {
    let folder = checks_folder();
    let missing = missing(check.needs, &folder);
    if !missing.is_empty() {
        let why = missing.join("; ");
        return if ci {
            Outcome::Failed(format!("CI is set, so the check must run, but {why}"))
        } else {
            Outcome::Skipped(why)
        };
    }
    match std::panic::catch_unwind(|| (check.run)(&folder)) {
        Ok(Ok(())) => Outcome::Passed,
        Ok(Err(why)) => Outcome::Failed(why),
        Err(panic) => Outcome::Failed(
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "the check panicked".to_string()),
        ),
    }
}

fn main() -> ExitCode {
    let args = Args::parse(std::env::args().skip(1));
    let selected: Vec<&Check> = CHECKS.iter().filter(|c| args.selects(c.name)).collect();
    if args.list {
        for check in &selected {
            println!("{}: test", check.name);
        }
        return ExitCode::SUCCESS;
    }
    let ci = std::env::var_os("CI").is_some();
    let started = Instant::now();
    let (mut passed, mut failed, mut skipped) = (Vec::new(), Vec::new(), 0);
    println!(
        "\nrunning {} browser check{}",
        selected.len(),
        if selected.len() == 1 { "" } else { "s" }
    );
    for check in &selected {
        match run(check, ci) {
            Outcome::Passed => {
                println!("test {} ... ok", check.name);
                passed.push(check.name);
            }
            Outcome::Failed(why) => {
                println!("test {} ... FAILED", check.name);
                failed.push((check.name, why));
            }
            Outcome::Skipped(why) => {
                println!("test {} ... SKIPPED: {why}", check.name);
                skipped += 1;
            }
        }
    }
    if !failed.is_empty() {
        println!("\nfailures:");
        for (name, why) in &failed {
            println!("    {name}: {why}");
        }
    }
    if skipped > 0 {
        println!(
            "\n{skipped} skipped: install what they need (.ci/run does), or set CI to make a \
             missing tool fail"
        );
    }
    println!(
        "\ntest result: {}. {} passed; {} failed; {skipped} skipped; {} filtered out; \
         finished in {:.2}s\n",
        if failed.is_empty() { "ok" } else { "FAILED" },
        passed.len(),
        failed.len(),
        CHECKS.len() - selected.len(),
        started.elapsed().as_secs_f64()
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

// ---------------------------------------------------------------------------
// The checks

/// Runs `command` to the end, killing it if it takes longer than `limit`.
fn run_with_limit(mut command: Command, limit: Duration) -> Result<(), String> {
    let mut child = command
        .spawn()
        .map_err(|e| format!("node does not start: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("node ended with {status}")),
            Ok(None) => {}
            Err(e) => return Err(format!("waiting for node: {e}")),
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "the browser checks took longer than {limit:?} and were stopped"
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn every_page_of_the_example_board_passes_the_browser_checks(checks: &Path) -> Result<(), String> {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let site: PathBuf = temp.path().join("site");
    let now = chrono::DateTime::parse_from_rfc3339(NOW).expect("a valid moment");
    vacancy::build(repository(), &site, now, Default::default())
        .map_err(|e| format!("the example board should build: {e}"))?;

    let mut node = Command::new("node");
    node.arg(checks.join("check.mjs"))
        .arg(&site)
        .arg("--screenshots")
        .arg(repository().join("screenshots"))
        .current_dir(checks);
    let started = Instant::now();
    let result = run_with_limit(node, LIMIT);
    eprintln!("browser checks took {:.0?}", started.elapsed());
    result.map_err(|why| format!("the browser checks found problems (listed above): {why}"))
}

/// Issue: hostile content. A site whose every field and body holds the
/// classic XSS vectors is loaded page by page in Chromium, served without a
/// Content-Security-Policy: no dialog may open, no script may run or load,
/// nothing may leave the site.
fn nothing_from_the_xss_corpus_runs_in_the_browser(checks: &Path) -> Result<(), String> {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let root = temp.path().join("hostile");
    let vectors = common::hostile::hostile_site(&root);
    assert!(vectors.len() >= 200, "{} texts", vectors.len());
    let site = temp.path().join("site");
    vacancy::build(&root, &site, common::at(common::NOW), Default::default())
        .map_err(|e| format!("the hostile site should build: {e}"))?;
    let mut node = Command::new("node");
    node.arg(checks.join("hostile.mjs"))
        .arg(&site)
        .current_dir(checks);
    let started = Instant::now();
    let result = run_with_limit(node, LIMIT);
    eprintln!("hostile site in the browser took {:.0?}", started.elapsed());
    result.map_err(|why| {
        format!("content from the XSS corpus ran in the browser (listed above): {why}")
    })
}

/// Issue 18: the finder's search reads the postings' texts through the
/// sharded index, folds words, ranks title over summary over text, and
/// fetches everything relative to a board hosted under a sub-path
/// (`tests/fixtures/search`, built for `/jobb/`).
fn the_search_finds_words_in_posting_texts_under_a_sub_path(checks: &Path) -> Result<(), String> {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let site = temp.path().join("site");
    let fixture = repository().join("tests/fixtures/search");
    vacancy::build(&fixture, &site, common::at(common::NOW), Default::default())
        .map_err(|e| format!("the search fixture should build: {e}"))?;
    let mut node = Command::new("node");
    node.arg(checks.join("search.mjs"))
        .arg(&site)
        .arg("/jobb/")
        .current_dir(checks);
    run_with_limit(node, LIMIT).map_err(|why| format!("the search failed (listed above): {why}"))
}

/// Issue 19: files beside a posting are published only when they are of a
/// kind an employer attaches, checked by name and content. The kinds that
/// pass are made hostile here (a text, images and a PDF whose bytes also
/// hold markup and script); opened in Chromium under the recommended
/// Content-Security-Policy and `nosniff`, none of them may run anything.
fn attachments_holding_script_are_shown_never_run(checks: &Path) -> Result<(), String> {
    let site = common::copy_fixture("board");
    let folder = site.path().join("content/postings/analyst");
    let script = b"<html><body><script>alert(document.domain)</script><img src=x onerror=alert(2)>";
    let files: [(&str, &[u8]); 4] = [
        (
            "notes.txt",
            b"Apply by mail.\n<script>alert('txt')</script><img src=x onerror=alert(1)>",
        ),
        ("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ("scan.gif", b"GIF89a\x01\0\x01\0"),
        ("form.pdf", b"%PDF-1.4\n"),
    ];
    for (name, head) in files {
        let mut bytes = head.to_vec();
        if !name.ends_with(".txt") {
            bytes.extend_from_slice(script);
        }
        std::fs::write(folder.join(name), bytes).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let built = out.path().join("site");
    vacancy::build(
        site.path(),
        &built,
        common::at(common::NOW),
        Default::default(),
    )
    .map_err(|e| {
        format!("the board with hostile attachments of allowed kinds should build: {e}")
    })?;
    let mut node = Command::new("node");
    node.arg(checks.join("attachments.mjs")).arg(&built);
    node.arg("/sv/jobs/analyst/");
    for (name, _) in files {
        node.arg(format!("/sv/jobs/analyst/{name}"));
    }
    node.current_dir(checks);
    run_with_limit(node, LIMIT)
        .map_err(|why| format!("an attachment ran script (listed above): {why}"))
}

/// Issue 17: an editor makes a posting in the browser CMS (`vacancy cms`,
/// Decap CMS with decap-server as its local backend, under `vacancy serve`),
/// in Swedish and English; the files it writes pass `vacancy check`, and
/// `vacancy build` shows the posting in both languages with every fact
/// entered, the third language, left untranslated, only warned about. A
/// posting without its title is refused by the form (`tests/browser/cms.mjs`).
fn a_posting_made_in_the_browser_cms_checks_and_builds_in_both_languages(
    checks: &Path,
) -> Result<(), String> {
    let temp = tempfile::tempdir().expect("a temporary folder");
    let root = temp.path().join("site");
    for part in ["vacancy.toml", "content", "static"] {
        copy_tree(&repository().join(part), &root.join(part));
    }
    vacancy::cms::write(&root, &vacancy::cms::Backend::default(), false)?;
    let now = chrono::DateTime::parse_from_rfc3339(NOW).expect("a valid moment");
    let before = vacancy::build_in_memory(&root, now, None)
        .map_err(|failed| format!("the example board does not build: {}", render(&failed.0)))?;
    let preview = vacancy::serve::start(
        vacancy::serve::Options {
            root: root.clone(),
            bind: std::net::Ipv4Addr::LOCALHOST.into(),
            port: 0,
            now: Some(now),
            limits: vacancy::serve::Limits::default(),
        },
        |_| {},
    )
    .map_err(|e| format!("the preview should start: {e}"))?;
    // Decap's local backend, on the port the configuration names.
    let mut backend = Command::new("node")
        .arg(checks.join("node_modules/decap-server/dist/index.js"))
        .env("GIT_REPO_DIRECTORY", &root)
        .env("PORT", "8081")
        .stdout(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("decap-server does not start: {e}"))?;
    std::thread::sleep(Duration::from_secs(2));
    let shots = repository().join("screenshots");
    std::fs::create_dir_all(&shots).map_err(|e| e.to_string())?;
    let mut node = Command::new("node");
    node.arg(checks.join("cms.mjs"))
        .arg(format!("http://localhost:{}/", preview.addr().port()))
        .arg(&shots)
        .current_dir(checks);
    let driven = run_with_limit(node, LIMIT);
    let _ = backend.kill();
    let _ = backend.wait();
    drop(preview);
    driven.map_err(|why| format!("the CMS could not make the posting (listed above): {why}"))?;

    let slug = "handlaggare-for-e-tjanster";
    let checked = vacancy::check::check(&root, now, Default::default()).map_err(|failed| {
        format!(
            "vacancy check fails on what the CMS wrote:\n{}",
            render(&failed.0)
        )
    })?;
    let untranslated = checked.warnings.0.iter().any(|d| {
        d.message.starts_with("not translated yet")
            && d.file()
                .is_some_and(|f| f.ends_with(format!("{slug}.ar.md")))
    });
    if !untranslated {
        return Err(
            "the language nobody filled in is not warned about as not translated yet".into(),
        );
    }
    let built = vacancy::build_in_memory(&root, now, None)
        .map_err(|failed| format!("vacancy build fails: {}", render(&failed.0)))?;
    for (lang, words) in [
        (
            "sv",
            [
                "Handläggare för e-tjänster",
                "Norrköping",
                "Tillsvidareanställning",
                "Heltid",
                "Anna Exempel",
                "Enhetschef",
                "Minst 3 år",
                "Individuell lönesättning",
                "Vi söker en handläggare",
            ],
        ),
        (
            "en",
            [
                "Case officer for e-services",
                "Norrköping",
                "Permanent",
                "Full-time",
                "Anna Exempel",
                "Head of unit",
                "At least 3 years",
                "Individual salary setting",
                "We are looking for a case officer",
            ],
        ),
    ] {
        let path = format!("{lang}/jobs/{slug}/index.html");
        let page = built
            .output
            .get(&path)
            .ok_or_else(|| format!("{path} was not built"))?;
        let text = String::from_utf8_lossy(page).replace('\u{ad}', "");
        for word in words {
            if !text.contains(word) {
                return Err(format!("{path} does not show \"{word}\""));
            }
        }
    }
    if built
        .output
        .get(&format!("ar/jobs/{slug}/index.html"))
        .is_some()
    {
        return Err("the untranslated language was published".into());
    }
    // Postings saved with a sentence added to the summary: every fact on
    // their pages, in both languages, is what it was.
    for slug in [
        "handlaggare-mottagning-gavle-vikariat",
        "chef-internationella-sekretariatet",
    ] {
        for lang in ["sv", "en"] {
            let path = format!("{lang}/jobs/{slug}/index.html");
            let facts = |built: &vacancy::Built| {
                let page = String::from_utf8_lossy(built.output.get(&path).unwrap_or_default());
                let start = page.find("<dl>").unwrap_or(0);
                let end = page[start..].find("</dl>").map_or(0, |e| start + e);
                page[start..end].to_string()
            };
            let (was, is) = (facts(&before), facts(&built));
            if was.is_empty() || was != is {
                return Err(format!(
                    "the facts of {path} changed on saving:\n{was}\n---\n{is}"
                ));
            }
        }
        let page = built
            .output
            .get(&format!("sv/jobs/{slug}/index.html"))
            .unwrap_or_default();
        if !String::from_utf8_lossy(page)
            .replace('\u{ad}', "")
            .contains("Välkommen med din ansökan!")
        {
            return Err(format!("{slug}: the sentence added is not shown"));
        }
    }
    Ok(())
}

fn render(diagnostics: &vacancy::diagnostic::Diagnostics) -> String {
    diagnostics.0.iter().map(|d| d.render()).collect()
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("a folder");
        for entry in std::fs::read_dir(from).expect("a readable folder") {
            let entry = entry.expect("an entry");
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::create_dir_all(to.parent().expect("a parent")).expect("a folder");
        std::fs::copy(from, to).expect("a copy");
    }
}
