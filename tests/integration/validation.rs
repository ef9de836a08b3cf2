//! Errors for editors. The `errors` fixture holds one broken file per kind of
//! mistake, named after it; each test checks that the one error about its
//! file names the file, line, column and field and says what is wrong, and
//! compares the whole text shown (with the line and how to fix it) with
//! `tests/snapshots/validation/`. All of them come from one run.

use crate::common;

use std::collections::BTreeMap;

use crate::common::{NOW, assert_snapshot, errors_of_dir, fixture, only_error};
use vacancy::diagnostic::{Diagnostic, Diagnostics};

fn errors() -> Diagnostics {
    errors_of_dir(&fixture("errors"), NOW)
}

const POSTINGS: &str = "content/postings";

/// What an editor must be told about one file; the whole text shown (the
/// place, the offending line, the help) is compared with a snapshot by each
/// test.
struct Expected<'a> {
    file: &'a str,
    line_column: Option<(usize, usize)>,
    field: Option<&'a str>,
    message: &'a str,
}

/// Checks the one error about `expected.file` and returns it, for its
/// rendered text to be compared with a snapshot.
fn assert_error(all: &Diagnostics, expected: Expected<'_>) -> Diagnostic {
    let d = only_error(all, expected.file);
    assert_eq!(
        d.message, expected.message,
        "message about {}",
        expected.file
    );
    assert_eq!(
        d.field.as_deref(),
        expected.field,
        "field of {}",
        expected.file
    );
    assert_eq!(
        d.line_column(),
        expected.line_column,
        "place in {}",
        expected.file
    );
    d.clone()
}

#[test]
fn an_unknown_field_is_named_with_the_field_it_was_probably_meant_to_be() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/unknown-field.sv.md",
            line_column: Some((4, 1)),
            field: Some("sumary"),
            message: "`sumary` is not a field: did you mean `summary`?",
        },
    );
    assert_snapshot("validation/unknown-field", &d.render());
}

#[test]
fn a_value_of_the_wrong_type_says_what_was_expected() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/wrong-type.sv.md",
            line_column: Some((8, 18)),
            field: Some("extent_percent"),
            message: "`extent_percent` must be a whole number, but it is text",
        },
    );
    assert_snapshot("validation/wrong-type", &d.render());
}

#[test]
fn a_date_written_in_words_says_how_to_write_it_not_that_a_field_is_missing() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/date-in-quotes.sv.md",
            line_column: Some((3, 13)),
            field: Some("published"),
            message: "`published` is a date written year-month-day, not \"1 februari 2026\"",
        },
    );
    assert_snapshot("validation/date-in-quotes", &d.render());
}

#[test]
fn a_date_that_does_not_exist_is_rejected_as_the_fields_invalid_date() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/invalid-date.sv.md",
            line_column: Some((4, 12)),
            field: Some("deadline"),
            message: "`deadline` is not a valid date: 2026-02-30 (expected day between 01 and 28)",
        },
    );
    assert_snapshot("validation/invalid-date", &d.render());
}

#[test]
fn a_deadline_before_the_publication_date_is_rejected() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/deadline-before-published.sv.md",
            line_column: Some((4, 12)),
            field: Some("deadline"),
            message: "the deadline 2026-03-01 is before the publication date 2026-03-10",
        },
    );
    assert_snapshot("validation/deadline-before-published", &d.render());
}

#[test]
fn a_misspelt_employment_type_suggests_the_right_one() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/misspelt-value.sv.md",
            line_column: Some((6, 14)),
            field: Some("employment"),
            message: "\"permanant\" is not a valid value for `employment`",
        },
    );
    assert_snapshot("validation/misspelt-value", &d.render());
}

#[test]
fn a_malformed_email_address_is_rejected() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/malformed-email.sv.md",
            line_column: Some((8, 15)),
            field: Some("apply_email"),
            message: "\"jobb(at)example.se\" is not a valid e-mail address",
        },
    );
    assert_snapshot("validation/malformed-email", &d.render());
}

#[test]
fn a_malformed_web_address_is_rejected() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/malformed-url.sv.md",
            line_column: Some((8, 13)),
            field: Some("apply_url"),
            message: "\"https//example.se/apply\" is not a web address: a web address starts with https://",
        },
    );
    assert_snapshot("validation/malformed-url", &d.render());
}

#[test]
fn a_javascript_address_is_not_accepted_as_a_web_address() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/javascript-url.sv.md",
            line_column: Some((8, 13)),
            field: Some("apply_url"),
            message: "\"javascript:alert(1)\" is not a web address: it must start with https:// (not javascript:)",
        },
    );
    assert_snapshot("validation/javascript-url", &d.render());
}

#[test]
fn a_file_name_in_a_language_the_site_does_not_have_is_rejected() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/unknown-language.fi.md",
            line_column: None,
            field: None,
            message: "\"fi\" in the file name is not one of the site's languages",
        },
    );
    assert_snapshot("validation/unknown-language", &d.render());
}

#[test]
fn an_unknown_category_suggests_the_closest_one() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/unknown-category.sv.md",
            line_column: Some((8, 21)),
            field: Some("categories"),
            message: "\"legl\" is not a category of this site",
        },
    );
    assert_snapshot("validation/unknown-category", &d.render());
}

#[test]
fn a_place_name_that_cannot_become_a_web_address_is_rejected() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/placeless.sv.md",
            line_column: Some((5, 23)),
            field: Some("locations"),
            message: "\"???\" cannot be a place name: it has no letters or digits",
        },
    );
    assert_snapshot("validation/placeless", &d.render());
}

#[test]
fn two_files_for_one_posting_in_one_language_are_rejected_naming_both() {
    let all = errors();
    let flat = format!("{POSTINGS}/duplicate.sv.md");
    let folder = format!("{POSTINGS}/duplicate/index.sv.md");
    let about_either: Vec<&Diagnostic> = all
        .errors()
        .filter(|d| {
            d.file()
                .is_some_and(|f| f.starts_with(&flat) || f.starts_with(&folder))
        })
        .collect();
    assert_eq!(about_either.len(), 1, "{about_either:#?}");
    let d = about_either[0];
    assert_eq!(
        d.message,
        format!("two files give the \"sv\" version of \"duplicate\": {folder} and {flat}")
    );
    assert_snapshot("validation/duplicate", &d.render());
}

#[test]
fn a_missing_required_field_is_reported_at_the_start_of_the_front_matter() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/missing-field.sv.md",
            line_column: Some((1, 1)),
            field: Some("employment"),
            message: "missing required field `employment`",
        },
    );
    assert_snapshot("validation/missing-field", &d.render());
}

#[test]
fn a_file_that_is_not_utf8_is_reported_at_its_first_bad_character() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/latin1.sv.md",
            line_column: Some((2, 15)),
            field: None,
            message: "the file is not valid UTF-8 text (line 2)",
        },
    );
    assert_snapshot("validation/latin1", &d.render());
}

#[test]
fn front_matter_without_a_closing_line_is_reported_where_it_opens() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/unterminated.sv.md",
            line_column: Some((1, 1)),
            field: None,
            message: "the front matter is not closed",
        },
    );
    assert_snapshot("validation/unterminated", &d.render());
}

#[test]
fn broken_toml_is_reported_where_it_breaks() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/postings/broken-toml.sv.md",
            line_column: Some((2, 21)),
            field: Some("title"),
            message: "the quotes around the text of `title` are not closed",
        },
    );
    assert_snapshot("validation/broken-toml", &d.render());
}

#[test]
fn two_translations_giving_a_fact_differently_is_an_error_naming_both_files() {
    let all = errors();
    let d = assert_error(
        &all,
        Expected {
            file: "content/postings/conflict.en.md",
            line_column: Some((3, 12)),
            field: Some("deadline"),
            message: "`deadline` differs between content/postings/conflict.en.md and content/postings/conflict.sv.md",
        },
    );
    let other = &d.labels[1];
    assert_eq!(
        other.file.path.to_str(),
        Some("content/postings/conflict.sv.md")
    );
    assert_eq!(other.file.line_column(other.span.start), (4, 12));
    assert_snapshot("validation/conflict", &d.render());
    assert!(
        common::about(&all, "content/postings/conflict.sv.md").is_empty(),
        "reported once, not once per file"
    );
}

#[test]
fn a_page_without_a_title_is_reported() {
    let d = assert_error(
        &errors(),
        Expected {
            file: "content/pages/untitled.sv.md",
            line_column: Some((1, 1)),
            field: Some("title"),
            message: "missing required field `title`",
        },
    );
    assert_snapshot("validation/page-untitled", &d.render());
}

#[test]
fn all_errors_of_a_run_are_reported_together_once_each() {
    let all = errors();
    let mut per_file: BTreeMap<String, usize> = BTreeMap::new();
    for d in all.errors() {
        let file = d
            .file()
            .map(|f| f.display().to_string())
            .unwrap_or_default();
        *per_file.entry(file).or_default() += 1;
    }
    let expected: BTreeMap<String, usize> = [
        "content/pages/untitled.sv.md",
        "content/postings/broken-toml.sv.md",
        "content/postings/conflict.en.md",
        "content/postings/date-in-quotes.sv.md",
        "content/postings/deadline-before-published.sv.md",
        "content/postings/duplicate.sv.md",
        "content/postings/invalid-date.sv.md",
        "content/postings/javascript-url.sv.md",
        "content/postings/latin1.sv.md",
        "content/postings/malformed-email.sv.md",
        "content/postings/malformed-url.sv.md",
        "content/postings/missing-field.sv.md",
        "content/postings/misspelt-value.sv.md",
        "content/postings/placeless.sv.md",
        "content/postings/unknown-category.sv.md",
        "content/postings/unknown-field.sv.md",
        "content/postings/unknown-language.fi.md",
        "content/postings/unterminated.sv.md",
        "content/postings/wrong-type.sv.md",
    ]
    .into_iter()
    .map(|f| (f.to_string(), 1))
    .collect();
    assert_eq!(per_file, expected, "{}", common::render_all(&all));
}

#[test]
fn errors_come_in_a_stable_order_by_file() {
    let first = errors();
    let files = |ds: &Diagnostics| -> Vec<String> {
        ds.0.iter()
            .map(|d| format!("{:?} {}", d.file(), d.message))
            .collect()
    };
    let mut sorted = files(&first);
    sorted.sort();
    assert_eq!(files(&first), sorted);
    assert_eq!(files(&first), files(&errors()));
}

// ---- vacancy.toml ----

fn with_config_edit(from: &str, to: &str) -> Diagnostics {
    let site = common::copy_fixture("board");
    let path = site.path().join("vacancy.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
    errors_of_dir(site.path(), NOW)
}

#[test]
fn a_misspelt_setting_in_vacancy_toml_is_named_with_a_suggestion() {
    let all = with_config_edit("page_size = 3", "page_sise = 3");
    let d = only_error(&all, "vacancy.toml");
    assert_eq!(
        d.message,
        "`page_sise` is not a field: did you mean `page_size`?"
    );
    assert_eq!(d.field.as_deref(), Some("page_sise"));
    assert_eq!(d.line_column(), Some((9, 1)));
    assert_eq!(
        d.help.as_deref(),
        Some("correct the spelling to `page_size`")
    );
    assert_snapshot("validation/misspelt-setting", &d.render());
}

#[test]
fn a_language_code_that_is_not_one_is_the_only_error_reported() {
    let all = with_config_edit("code = \"en\"", "code = \"English\"");
    let d = only_error(&all, "vacancy.toml");
    assert_eq!(d.message, "\"English\" is not a language code");
    assert_eq!(d.field.as_deref(), Some("languages[2].code"));
    assert_eq!(d.line_column(), Some((17, 8)));
    assert_snapshot("validation/language-code", &d.render());
}

#[cfg(unix)]
#[test]
fn a_posting_file_that_cannot_be_read_is_reported_with_the_reason() {
    // A dangling link: unreadable even for root, unlike a file without permissions.
    let site = common::copy_fixture("board");
    let rel = "content/postings/gone.sv.md";
    std::os::unix::fs::symlink("nowhere.md", site.path().join(rel)).unwrap();
    let all = errors_of_dir(site.path(), NOW);
    let d = only_error(&all, rel);
    assert_snapshot("validation/unreadable", &d.render());
    assert_eq!(all.errors().count(), 1, "{}", common::render_all(&all));
}

/// Issue 15: a misspelt required field is one error, naming the right
/// spelling, not also "missing required field" in another file.
#[test]
fn a_misspelt_required_field_is_one_error_with_the_right_name() {
    let site = common::copy_fixture("board");
    let sv = site.path().join("content/postings/case-officer.sv.md");
    let text = std::fs::read_to_string(&sv).unwrap();
    std::fs::write(&sv, text.replace("deadline = ", "dealine = ")).unwrap();
    let all = errors_of_dir(site.path(), NOW);
    assert_snapshot(
        "validation/misspelt-required-field",
        &common::render_all(&all),
    );
}

/// Issue 15: dates as editors and the browser CMS write them. A date in
/// quotes in ISO form is that date; other common forms are told how to
/// write it, in plain words.
#[test]
fn a_quoted_iso_date_is_the_date_and_other_forms_say_how_to_write_one() {
    let site = common::copy_fixture("board");
    let sv = site.path().join("content/postings/case-officer.sv.md");
    let text = std::fs::read_to_string(&sv).unwrap();
    let quoted = text
        .replace("published = 2026-02-10", "published = \"2026-02-10\"")
        .replace("deadline = 2026-03-20", "deadline = \"2026-03-20\"");
    assert_ne!(quoted, text);
    std::fs::write(&sv, &quoted).unwrap();
    let with_quotes = common::files_of(&common::build_dir(site.path(), NOW, None));
    let without = common::files_of(&common::build("board", NOW));
    assert!(with_quotes == without, "quoted dates build another board");
    let mut seen = String::new();
    for written in ["2027/01/10", "10.1.2027", "10 januari 2027"] {
        let line = format!("deadline = \"{written}\"");
        std::fs::write(&sv, text.replace("deadline = 2026-03-20", &line)).unwrap();
        seen.push_str(&common::render_all(&errors_of_dir(site.path(), NOW)));
    }
    assert_snapshot("validation/dates-as-editors-write-them", &seen);
}
