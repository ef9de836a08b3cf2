//! `vacancy check`: links in texts, mailto/tel links, untranslated postings,
//! and the machine formats for CI.

use crate::common;

use std::path::Path;

use crate::common::{assert_snapshot, fixture, render_all, stdout, transcript, vacancy};
use vacancy::check::{Options, check};

const NOW: &str = "2026-03-01T12:00:00+01:00";

/// The warning about the posting without an English translation.
const UNTRANSLATED: &str = "\"broken\" is not translated into en";

fn problems(strict: bool) -> vacancy::diagnostic::Diagnostics {
    match check(
        &fixture("check"),
        common::at(NOW),
        Options {
            strict,
            allow_empty: false,
        },
    ) {
        Ok(built) => built.warnings,
        Err(failed) => failed.0,
    }
}

fn located(ds: &vacancy::diagnostic::Diagnostics) -> Vec<(String, usize, usize, String)> {
    ds.errors()
        .map(|d| {
            let (line, column) = d.line_column().unwrap_or((0, 0));
            (
                d.file().unwrap().display().to_string(),
                line,
                column,
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn broken_links_anchors_and_malformed_mailto_and_tel_links_are_errors_at_their_place() {
    let all = problems(false);
    assert_snapshot("check/problems", &render_all(&all));
    let found = located(&all);
    let broken = "content/postings/broken.sv.md".to_string();
    let expected = [
        (
            broken.clone(),
            12,
            4,
            "the link to \"../missing-job/\" leads to no page of the board",
        ),
        (
            broken.clone(),
            14,
            12,
            "the link to \"mailto:jobb@example\" is not a valid e-mail link: \"jobb@example\" is not a valid e-mail address",
        ),
        (
            broken.clone(),
            14,
            50,
            "the link to \"tel:call-me\" is not a valid phone link: \"call-me\" is not a phone number",
        ),
        (
            broken,
            16,
            5,
            "the link to \"../linked/#saknas\" points at \"#saknas\", which is not on that page",
        ),
        (
            "content/postings/linked.sv.md".to_string(),
            14,
            10,
            "the link to \"../other/\" leads to no page of the board",
        ),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(f, l, c, m)| (f, l, c, m.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn links_to_existing_pages_anchors_and_translations_pass() {
    let all = problems(false);
    let linked_en = all
        .0
        .iter()
        .filter(|d| d.file() == Some(Path::new("content/postings/linked.en.md")));
    assert_eq!(
        linked_en.count(),
        0,
        "../../about/ from the English posting resolves"
    );
    assert!(
        !all.0.iter().any(|d| d.message.contains("#ansok")),
        "the {{#ansok}} heading anchor exists"
    );
}

#[test]
fn an_untranslated_posting_is_a_warning_or_with_strict_an_error() {
    let lenient = problems(false);
    let warning = lenient
        .warnings()
        .find(|d| d.message == UNTRANSLATED)
        .expect("a warning");
    assert!(!lenient.errors().any(|d| d.message == UNTRANSLATED));
    let strict = problems(true);
    let error = strict
        .errors()
        .find(|d| d.message == UNTRANSLATED)
        .expect("an error");
    assert!(!strict.warnings().any(|d| d.message == UNTRANSLATED));
    assert_snapshot(
        "check/untranslated",
        &format!("{}{}", warning.render(), error.render()),
    );
}

#[test]
fn github_format_prints_workflow_annotations_on_the_right_line() {
    let root = fixture("check");
    let out = vacancy(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--now",
        NOW,
        "--format",
        "github",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_snapshot("check/github", &transcript(&out, &root));
}

#[test]
fn json_format_prints_one_object_per_problem() {
    let root = fixture("check");
    let out = vacancy(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    let objects: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let tel = objects
        .iter()
        .find(|o| {
            o["message"]
                == "the link to \"tel:call-me\" is not a valid phone link: \"call-me\" is not a phone number"
        })
        .unwrap();
    assert_eq!(tel["severity"], "error");
    assert_eq!(tel["file"], "content/postings/broken.sv.md");
    assert_eq!(tel["line"], 14);
    assert_eq!(tel["column"], 50);
    assert_snapshot("check/json", &transcript(&out, &root));
}

#[test]
fn interface_strings_a_language_lacks_are_reported_and_shown_in_the_default_language() {
    let site = common::copy_fixture("check");
    std::fs::create_dir_all(site.path().join("i18n")).unwrap();
    let theme_en = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/en.toml");
    let without_apply = std::fs::read_to_string(theme_en)
        .unwrap()
        .replace("[apply]", "[apply_removed]");
    std::fs::write(site.path().join("i18n/en.toml"), without_apply).unwrap();
    let ds = match check(site.path(), common::at(NOW), Options::default()) {
        Ok(built) => built.warnings,
        Err(failed) => failed.0,
    };
    let about_strings: Vec<_> =
        ds.0.iter()
            .filter(|d| d.file() == Some(Path::new("i18n/en.toml")))
            .collect();
    assert_eq!(about_strings.len(), 1, "{}", render_all(&ds));
    assert!(!about_strings[0].is_error());
    assert_snapshot("check/missing-strings", &about_strings[0].render());
    let built = vacancy::build_in_memory(site.path(), common::at(NOW), None).unwrap();
    let page = String::from_utf8(
        built
            .output
            .get("en/jobs/linked/index.html")
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    assert!(
        page.contains("Så söker du"),
        "the Swedish string stands in for the missing English one"
    );
}

/// A posting still to be published has no page yet, but a link in its text
/// to its own attachment is right: the file is published beside the page.
#[test]
fn a_future_postings_link_to_its_own_attachment_is_no_error() {
    let site = common::copy_fixture("board");
    for lang in ["sv", "en"] {
        let file = site
            .path()
            .join(format!("content/postings/analyst/index.{lang}.md"));
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            text.replace("published = 2026-02-25", "published = 2026-03-10"),
        )
        .unwrap();
    }
    let options = Options {
        strict: false,
        allow_empty: false,
    };
    if let Err(failed) = check(site.path(), common::at(NOW), options) {
        panic!("{}", common::render_all(&failed.0));
    }
}
