//! Issue 17: what a browser CMS (Decap) writes must check clean: a file for
//! every language, filled in or not, facts copied into each, contacts typed
//! per language, a salary written as a `[salary]` table.

use crate::common::{NOW, arg, assert_snapshot, assert_success, copy_fixture, transcript, vacancy};

/// Decap writes a file for every locale: one nobody filled in holds only the
/// copied facts, no title and no text. It is "not translated yet" (a
/// warning), while a file with some text but no title stays an error.
#[test]
fn a_language_file_without_any_text_is_not_translated_yet_and_one_with_text_needs_a_title() {
    let site = copy_fixture("board");
    let sv = std::fs::read_to_string(site.path().join("content/postings/editor.sv.md")).unwrap();
    // The facts of the Swedish file, copied as Decap copies them, with the
    // salary as the table Decap writes.
    let facts: String = sv
        .lines()
        .skip(1)
        .take_while(|l| *l != "+++")
        .filter(|l| !l.starts_with("title"))
        .map(|l| format!("{l}\n"))
        .collect();
    let en = format!(
        "+++\n{facts}\n[salary]\nmin = 30000\nmax = 35000\ncurrency = \"SEK\"\nper = \"month\"\n+++\n"
    );
    let sv_with_salary = sv.replacen(
        "\n+++",
        "\n\n[salary]\nmin = 30000\nmax = 35000\ncurrency = \"SEK\"\nper = \"month\"\n+++",
        1,
    );
    std::fs::write(
        site.path().join("content/postings/editor.sv.md"),
        sv_with_salary,
    )
    .unwrap();
    std::fs::write(site.path().join("content/postings/editor.en.md"), &en).unwrap();
    let check = vacancy(&["check", "--now", NOW, "--root", arg(site.path())]);
    assert_success(&check);
    let mut shown = transcript(&check, site.path());
    let built = crate::common::build_dir(site.path(), NOW, None);
    assert!(built.output.get("sv/jobs/editor/index.html").is_some());
    assert!(
        built.output.get("en/jobs/editor/index.html").is_none(),
        "an untranslated language is not published"
    );
    // Some text of the language, but no title: an error, as before.
    std::fs::write(
        site.path().join("content/postings/editor.en.md"),
        format!("{en}\nWe are looking for an editor.\n"),
    )
    .unwrap();
    let check = vacancy(&["check", "--now", NOW, "--root", arg(site.path())]);
    assert!(!check.status.success());
    shown.push_str(&format!(
        "\nwith text but no title\n{}",
        transcript(&check, site.path())
    ));
    assert_snapshot("cms/untranslated-language", &shown);
}
