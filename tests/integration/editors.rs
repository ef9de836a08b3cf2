//! Issue 15: the mistakes an editor who knows Word, not TOML, makes most,
//! each answered in plain words that say what to type, and the workflow of
//! `new` for a translation. Each test compares the whole message or
//! transcript with a snapshot.

use std::path::Path;

use crate::common::{
    self, NOW, arg, assert_snapshot, assert_success, copy_fixture, errors_of_dir, render_all,
    transcript, vacancy,
};

const POSTING: &str = "content/postings/case-officer.sv.md";

/// The board fixture with `case-officer.sv.md` edited by `edit`, and every
/// error of its build, rendered.
fn errors_after(edit: impl Fn(&str) -> String) -> String {
    let site = copy_fixture("board");
    let path = site.path().join(POSTING);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "the edit changes the file");
    std::fs::write(&path, edited).unwrap();
    render_all(&errors_of_dir(site.path(), NOW))
}

fn check(site: &Path) -> std::process::Output {
    vacancy(&["check", "--now", NOW, "--root", arg(site)])
}

#[test]
fn curly_quotes_from_a_word_processor_are_named_and_replaced() {
    let shown = errors_after(|t| t.replace("title = \"Handläggare\"", "title = “Handläggare”"));
    assert_snapshot("editors/curly-quotes", &shown);
}

#[test]
fn a_field_written_twice_names_both_lines() {
    let shown = errors_after(|t| {
        t.replace(
            "extent = \"full-time\"\n",
            "extent = \"full-time\"\ntitle = \"Handläggare till Norrköping\"\n",
        )
    });
    assert_snapshot("editors/written-twice", &shown);
}

#[test]
fn a_field_below_the_contacts_is_told_to_move_above_them() {
    let shown = errors_after(|t| {
        t.replace(
            "apply_url = \"https://www.example.se/apply/1\"\n",
            "[[contacts]]\nname = \"Anna Exempel\"\nphone = \"070-174 06 05\"\n\
             apply_url = \"https://www.example.se/apply/1\"\n",
        )
    });
    assert_snapshot("editors/field-below-contacts", &shown);
}

#[test]
fn dates_written_without_quotes_in_other_forms_say_how_to_write_them() {
    let mut shown = String::new();
    for written in ["10 januari 2027", "2027/01/10", "10.1.2027"] {
        shown.push_str(&errors_after(|t| {
            t.replace("deadline = 2026-03-20", &format!("deadline = {written}"))
        }));
    }
    assert_snapshot("editors/dates-without-quotes", &shown);
}

/// A syntax error does not hide what else is wrong in the file: the lines
/// after it are still read and their problems reported.
#[test]
fn a_syntax_error_does_not_hide_the_other_problems_of_the_file() {
    let shown = errors_after(|t| {
        t.replace("title = \"Handläggare\"", "title = Handläggare på enheten")
            .replace("employment = \"permanent\"", "employment = \"permanant\"")
            .replace(
                "locations = [\"Norrköping\"]",
                "locations = [\"Norrköping\" \"Malmö\"]",
            )
            .replace("probation = true", "probation = ja")
    });
    assert_snapshot("editors/syntax-error-and-more", &shown);
}

#[test]
fn a_text_or_a_number_without_quotes_or_with_spaces_says_what_to_type() {
    let shown = errors_after(|t| {
        t.replace(
            "apply_url = \"https://www.example.se/apply/1\"\n",
            "reference = 2026/1234\nhours = \"Kontorstid\nsalary = { min = 38 000, max = 46000, currency = \"SEK\", per = \"month\" }\n",
        )
    });
    assert_snapshot("editors/unquoted-and-unclosed", &shown);
}

/// Dates that are likely a typo in the year are warnings `check` prints,
/// with the line; a publication date far ahead holds only until it nears.
#[test]
fn dates_with_a_likely_typo_in_the_year_are_warned_about() {
    let site = copy_fixture("board");
    let path = site.path().join(POSTING);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("published = 2026-02-10", "published = 2062-02-10")
            .replace("deadline = 2026-03-20", "deadline = 2063-03-20"),
    )
    .unwrap();
    let dev = site.path().join("content/postings/developer.sv.md");
    let text = std::fs::read_to_string(&dev).unwrap();
    let changed = text.replace("deadline = 2026-03-31", "deadline = 2027-03-31");
    assert_ne!(changed, text);
    std::fs::write(&dev, changed).unwrap();
    let output = check(site.path());
    assert_success(&output);
    let mut shown = transcript(&output, site.path());
    // A year before the publication the warning no longer holds.
    let later = vacancy(&["check", "--now", "2061-02-11", "--root", arg(site.path())]);
    shown.push_str(&format!(
        "\n--now 2061-02-11\n{}",
        transcript(&later, site.path())
    ));
    assert_snapshot("editors/year-typos", &shown);
}

/// A translation gives the contacts' roles alone, matched by order; a
/// contact's fact given differently names the contact, the field and both lines.
#[test]
fn a_translation_gives_contact_roles_alone_and_a_differing_fact_names_its_field() {
    let site = copy_fixture("board");
    let sv = site.path().join(POSTING);
    let en = site.path().join("content/postings/case-officer.en.md");
    let text = std::fs::read_to_string(&sv).unwrap();
    let contacts = "\n[[contacts]]\nname = \"Anna Exempel\"\nrole = \"Enhetschef\"\n\
                    phone = \"070-174 06 05\"\n\n[[contacts]]\nname = \"Bo Berg\"\n\
                    role = \"Fackligt ombud\"\nunion = true\n+++";
    std::fs::write(&sv, text.replacen("\n+++", contacts, 1)).unwrap();
    let english = std::fs::read_to_string(&en).unwrap();
    let roles = "\n[[contacts]]\nrole = \"Head of unit\"\n\n[[contacts]]\n\
                 role = \"Union representative\"\n+++";
    std::fs::write(&en, english.replacen("\n+++", roles, 1)).unwrap();
    let built = common::build_dir(site.path(), NOW, None);
    let page = common::page(&built, "en/jobs/case-officer/index.html");
    let shown: Vec<String> = page.all("li.contact").iter().map(common::text).collect();
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(shown[0].contains("Anna Exempel") && shown[0].contains("Head of unit"));
    assert!(shown[1].contains("Bo Berg") && shown[1].contains("Union representative"));
    // Decap writes every contact field in every language: the same values agree.
    let same = "\n[[contacts]]\nname = \"Anna Exempel\"\nrole = \"Head of unit\"\n\
                phone = \"070-174 06 05\"\n\n[[contacts]]\nname = \"Bo Berg\"\n\
                role = \"Union representative\"\nunion = true\n+++";
    std::fs::write(&en, english.replacen("\n+++", same, 1)).unwrap();
    common::build_dir(site.path(), NOW, None);
    let differs = same.replace("070-174 06 05", "070-174 06 06");
    std::fs::write(&en, english.replacen("\n+++", &differs, 1)).unwrap();
    let errors = render_all(&errors_of_dir(site.path(), NOW));
    assert_snapshot("editors/contact-field-differs", &errors);
}

/// `new SLUG --lang en` for a Swedish posting writes only the English texts,
/// the facts as comments naming the file that holds them; `check` passes
/// with no conflict, and once translated the English version is published.
#[test]
fn new_with_a_language_for_an_existing_posting_writes_a_translation_that_checks_clean() {
    let site = copy_fixture("board");
    let sv = site.path().join("content/postings/editor.sv.md");
    let text = std::fs::read_to_string(&sv).unwrap();
    let with_more = text.replacen(
        "\n+++",
        "\nhours = \"Kontorstid\"\n\n[[contacts]]\nname = \"Anna Exempel\"\n\
         role = \"Redaktionschef\"\nphone = \"070-174 06 05\"\n+++",
        1,
    );
    std::fs::write(&sv, with_more).unwrap();
    let new = vacancy(&["new", "editor", "--lang", "en", "--root", arg(site.path())]);
    assert_success(&new);
    let en = site.path().join("content/postings/editor.en.md");
    let written = std::fs::read_to_string(&en).unwrap();
    let checked = check(site.path());
    assert_success(&checked);
    let mut shown = format!(
        "new\n{}\n--- content/postings/editor.en.md\n{written}\ncheck\n{}",
        transcript(&new, site.path()),
        transcript(&checked, site.path())
    );
    assert!(!shown.contains("differs"), "{shown}");
    // Translated and no longer a draft: published in English, still no conflict.
    let translated = written
        .replace("draft = true\n", "")
        .replace("TODO: translate “Redaktör”", "Editor")
        .replace("TODO: translate “Kontorstid”", "Office hours")
        .replace("TODO: translate “Redaktionschef”", "Managing editor")
        .lines()
        .map(|l| {
            if l.starts_with("TODO:") {
                "This posting is now in English too."
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&en, translated).unwrap();
    let checked = check(site.path());
    assert_success(&checked);
    shown.push_str(&format!(
        "\nafter translating\n{}",
        transcript(&checked, site.path())
    ));
    assert_snapshot("editors/new-translation", &shown);
    let built = common::build_dir(site.path(), NOW, None);
    let page = common::page(&built, "en/jobs/editor/index.html");
    let contacts = page.all("li.contact");
    assert!(common::text(&contacts[0]).contains("Managing editor"));
}
