//! The `vacancy` command as editors and CI use it: `init`, `new`, `check` and
//! `build`, their output, their exit codes, and a failed build leaving the
//! previous site untouched.

use crate::common;

use std::path::Path;

use crate::common::{
    NOW, arg, assert_snapshot, assert_success, copy_fixture, errors_of_dir, fixture, read_tree,
    stderr, stdout, transcript, transcript_with, vacancy, vacancy_with_env, without_timing,
};

/// `NOW` (2026-03-01T12:00:00+01:00) in seconds since 1970, for `SOURCE_DATE_EPOCH`.
const NOW_EPOCH: &str = "1772362800";

fn html_files_under(dir: &Path, lang: &str) -> usize {
    read_tree(dir)
        .keys()
        .filter(|p| p.starts_with(&format!("{lang}/")) && p.ends_with(".html"))
        .count()
}

// ---- init and new ----

#[test]
fn init_creates_a_site_that_builds_into_a_board() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    assert_success(&vacancy(&["init", arg(&site)]));
    let built = vacancy(&["build", "--root", arg(&site)]);
    assert_success(&built);
    let out = site.join("output");
    for page in [
        "index.html",
        "404.html",
        "en/index.html",
        "sv/index.html",
        "en/jobs/example-job/index.html",
        "sv/jobs/example-job/index.html",
        "en/about/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page} was not built");
    }
    let home = std::fs::read(out.join("en/index.html")).unwrap();
    assert_eq!(
        common::Page::parse("en/index.html", &home).listed(),
        ["example-job"],
        "the example posting is open on the day the site is created"
    );
}

#[test]
fn init_refuses_to_overwrite_a_site() {
    let site = copy_fixture("board");
    let before = read_tree(site.path());
    let output = vacancy(&["init", arg(site.path())]);
    assert!(!output.status.success());
    assert_snapshot("cli/init-over-a-site", &transcript(&output, site.path()));
    assert_eq!(read_tree(site.path()), before);
}

#[test]
fn new_writes_a_posting_file_that_check_accepts() {
    let site = copy_fixture("board");
    // `new` dates the posting from today; the fixture's moment makes its
    // file and check's report the same every day.
    let at_now = [("SOURCE_DATE_EPOCH", NOW_EPOCH)];
    let output = vacancy_with_env(&["new", "interpreter", "--root", arg(site.path())], &at_now);
    assert_success(&output);
    let mut shown = format!("new\n{}", transcript(&output, site.path()));
    let written = site.path().join("content/postings/interpreter.sv.md");
    let text = std::fs::read_to_string(&written).unwrap();
    for field in [
        "title",
        "published",
        "deadline",
        "employment",
        "extent",
        "locations",
    ] {
        assert!(
            text.contains(&format!("\n{field} = ")),
            "no {field} in:\n{text}"
        );
    }
    let check = vacancy_with_env(&["check", "--root", arg(site.path())], &at_now);
    assert_success(&check);
    shown.push_str(&format!("\ncheck\n{}", transcript(&check, site.path())));
    assert_snapshot("cli/new-then-check", &shown);
}

#[test]
fn new_with_a_language_writes_a_translation_that_joins_the_posting() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    assert_success(&vacancy(&["init", arg(&site)]));
    assert_success(&vacancy(&["new", "nurse", "--root", arg(&site)]));
    assert_success(&vacancy(&[
        "new",
        "nurse",
        "--lang",
        "sv",
        "--root",
        arg(&site),
    ]));
    assert!(site.join("content/postings/nurse.en.md").is_file());
    assert!(site.join("content/postings/nurse.sv.md").is_file());
    // Both files are one draft posting (the file with the facts is a draft):
    // its placeholders listed for each file, five in English and four in
    // Swedish, which gives the contact's role alone.
    let check = vacancy(&["check", "--root", arg(&site)]);
    assert_success(&check);
    assert_eq!(
        stdout(&check).trim(),
        "ok: no errors in 1 posting (9 warnings)"
    );
}

#[test]
fn new_refuses_a_language_the_site_does_not_have_and_a_slug_unfit_for_urls() {
    let site = copy_fixture("board");
    let before = read_tree(site.path());
    let language = vacancy(&["new", "nurse", "--lang", "fi", "--root", arg(site.path())]);
    assert!(!language.status.success());
    let slug = vacancy(&["new", "Nurse Job", "--root", arg(site.path())]);
    assert!(!slug.status.success());
    assert_snapshot(
        "cli/new-refused",
        &format!(
            "--lang fi\n{}\n\"Nurse Job\"\n{}",
            transcript(&language, site.path()),
            transcript(&slug, site.path())
        ),
    );
    assert_eq!(read_tree(site.path()), before, "nothing was written");
}

// ---- build output ----

#[test]
fn the_build_ends_with_a_line_counting_pages_per_language() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let output = vacancy(&[
        "build",
        "--root",
        arg(&fixture("board")),
        "--output",
        arg(&out),
        "--now",
        NOW,
    ]);
    assert_success(&output);
    let printed = stdout(&output);
    let last = printed.lines().last().unwrap_or_default();
    let (sv, en) = (html_files_under(&out, "sv"), html_files_under(&out, "en"));
    assert_eq!(
        without_timing(last),
        format!(
            "built {} pages (sv {sv}, en {en}); postings: 4 open, 1 closed, 1 still to be published; in <ms> ms",
            sv + en
        ),
        "{last}"
    );
    assert!(sv > 10 && en > 10);
    assert_snapshot("cli/build", &transcript(&output, tmp.path()));
}

#[test]
fn quiet_prints_nothing_when_the_build_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let output = vacancy(&[
        "build",
        "--root",
        arg(&fixture("board")),
        "--output",
        arg(&out),
        "--now",
        NOW,
        "--quiet",
    ]);
    assert_success(&output);
    assert_eq!(stdout(&output), "");
    assert_eq!(stderr(&output), "");
    assert!(out.join("index.html").is_file());
}

#[test]
fn verbose_lists_every_file_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let output = vacancy(&[
        "build",
        "--root",
        arg(&fixture("board")),
        "--output",
        arg(&out),
        "--now",
        NOW,
        "--verbose",
    ]);
    assert_success(&output);
    let printed: Vec<String> = stdout(&output)
        .lines()
        .map(|l| l.trim().to_string())
        .collect();
    for file in read_tree(&out).keys() {
        assert!(printed.contains(file), "{file} not listed");
    }
}

// ---- errors ----

#[test]
fn build_and_check_exit_with_an_error_and_show_every_problem() {
    let expected = errors_of_dir(&fixture("errors"), NOW).errors().count();
    let tmp = tempfile::tempdir().unwrap();
    let root = fixture("errors");
    let out = tmp.path().join("site");
    let runs = [
        vacancy(&[
            "build",
            "--root",
            arg(&root),
            "--output",
            arg(&out),
            "--now",
            NOW,
        ]),
        vacancy(&["check", "--root", arg(&root), "--now", NOW]),
    ];
    let [build, check] = runs;
    for output in [&build, &check] {
        assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
        let last = stderr(output)
            .lines()
            .last()
            .unwrap_or_default()
            .to_string();
        assert!(
            last.starts_with(&format!("error: {expected} errors found")),
            "every problem is counted: {last}"
        );
    }
    let stand_ins = [(root.as_path(), "<site>"), (tmp.path(), "<tmp>")];
    assert_snapshot("cli/errors-build", &transcript_with(&build, &stand_ins));
    assert_snapshot("cli/errors-check", &transcript_with(&check, &stand_ins));
    assert!(!out.exists(), "a failed build writes nothing");
}

#[test]
fn check_reports_problems_as_json_for_tools() {
    let output = vacancy(&[
        "check",
        "--root",
        arg(&fixture("errors")),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let problems: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    let wrong_type = problems
        .iter()
        .find(|p| p["file"] == "content/postings/wrong-type.sv.md")
        .expect("the wrong-type problem");
    assert_eq!(wrong_type["severity"], "error");
    assert_eq!(wrong_type["line"], 8);
    assert_eq!(wrong_type["column"], 18);
    assert_eq!(wrong_type["field"], "extent_percent");
    assert_eq!(
        wrong_type["message"],
        "`extent_percent` must be a whole number, but it is text"
    );
}

#[test]
fn check_reports_problems_as_github_annotations_on_the_right_line() {
    let output = vacancy(&[
        "check",
        "--root",
        arg(&fixture("errors")),
        "--format",
        "github",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    let expected = "::error file=content/postings/unknown-field.sv.md,line=4,col=1,title=sumary::`sumary` is not a field: did you mean `summary`?%0Ahelp: correct the spelling to `summary`";
    assert!(
        printed.lines().any(|l| l == expected),
        "{expected} not in:\n{printed}"
    );
}

#[test]
fn check_writes_nothing() {
    let site = copy_fixture("board");
    let before = read_tree(site.path());
    assert_success(&vacancy(&[
        "check",
        "--root",
        arg(site.path()),
        "--now",
        NOW,
    ]));
    assert_eq!(read_tree(site.path()), before);
}

#[test]
fn a_failed_build_leaves_the_output_folder_exactly_as_it_was() {
    let site = copy_fixture("board");
    let root = arg(site.path());
    assert_success(&vacancy(&[
        "build", "--root", root, "--now", NOW, "--quiet",
    ]));
    let out = site.path().join("output");
    let before = read_tree(&out);
    assert!(before.contains_key("sv/jobs/case-officer/index.html"));

    let posting = site.path().join("content/postings/case-officer.sv.md");
    let text = std::fs::read_to_string(&posting).unwrap();
    std::fs::write(
        &posting,
        text.replace("deadline = 2026-03-20", "deadline = 2026-02-30"),
    )
    .unwrap();
    let failed = vacancy(&[
        "build",
        "--root",
        root,
        "--now",
        "2026-03-02T12:00:00+01:00",
    ]);

    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(stdout(&failed), "");
    assert_snapshot("cli/failed-build", &transcript(&failed, site.path()));
    assert!(
        read_tree(&out) == before,
        "output/ changed after a failed build"
    );
    let leftovers: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        // The lock file stays (it is empty and shared by every build); staging folders must not.
        .filter(|n| n.starts_with(".output") && n != ".output.lock")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_folder_without_a_site_is_explained() {
    let tmp = tempfile::tempdir().unwrap();
    let output = vacancy(&["build", "--root", arg(tmp.path())]);
    assert_eq!(output.status.code(), Some(1));
    assert_snapshot("cli/no-site", &transcript(&output, tmp.path()));
    assert!(!tmp.path().join("output").exists());
}

/// Issue 15: `--root`, `--now`, `--quiet` and `--verbose` before the command
/// name work as after it.
#[test]
fn site_options_are_accepted_before_the_command_too() {
    let out = tempfile::tempdir().unwrap();
    let site = fixture("board");
    let output = out.path().join("site");
    let before = vacancy(&[
        "--root",
        arg(&site),
        "--now",
        NOW,
        "--quiet",
        "build",
        "--output",
        arg(&output),
    ]);
    assert_snapshot(
        "cli/options-before-the-command",
        &transcript(&before, out.path()),
    );
    let check = vacancy(&["--root", arg(&site), "--now", NOW, "check"]);
    assert_snapshot("cli/check-with-root-before", &transcript(&check, &site));
}

/// Issue 15: one `error:` prefix when `new` is run outside a site.
#[test]
fn new_outside_a_site_says_error_once() {
    let empty = tempfile::tempdir().unwrap();
    let result = vacancy(&["new", "case-officer", "--root", arg(empty.path())]);
    assert_eq!(result.status.code(), Some(1));
    assert_snapshot("cli/new-outside-a-site", &transcript(&result, empty.path()));
}

/// Issue 15: nothing under `content/` is ignored without a word. A stray
/// file and a misspelt folder are counted in the build's output and shown
/// in full with `--verbose`.
#[test]
fn build_names_a_stray_file_and_a_misspelt_folder() {
    let site = copy_fixture("board");
    let root = site.path();
    std::fs::write(root.join("content/postings/notes.txt"), "ring Anna").unwrap();
    std::fs::create_dir(root.join("content/posting")).unwrap();
    std::fs::write(root.join("content/posting/new-job.sv.md"), "+++\n+++\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("site");
    let args = [
        "build",
        "--root",
        arg(root),
        "--now",
        NOW,
        "--output",
        arg(&output),
    ];
    let plain = vacancy(&args);
    assert_success(&plain);
    assert_snapshot(
        "cli/build-counts-warnings",
        &without_timing(&transcript(&plain, root)),
    );
    let verbose = vacancy(&[&args[..], &["--verbose"]].concat());
    assert_success(&verbose);
    assert_snapshot(
        "cli/build-verbose-warnings",
        &stderr(&verbose).replace(&root.display().to_string(), "<site>"),
    );
}

/// Issue 15: a fact given differently in two files is annotated on both, so a
/// pull request that changed only one of them shows the problem.
#[test]
fn a_conflict_between_two_files_is_annotated_on_both() {
    let site = copy_fixture("board");
    let en = site.path().join("content/postings/case-officer.en.md");
    let text = std::fs::read_to_string(&en).unwrap();
    std::fs::write(
        &en,
        text.replacen("+++\n", "+++\ndeadline = 2026-03-27\n", 1),
    )
    .unwrap();
    let result = vacancy(&[
        "check",
        "--root",
        arg(site.path()),
        "--now",
        NOW,
        "--format",
        "github",
    ]);
    assert_eq!(result.status.code(), Some(1));
    let printed = stdout(&result);
    let annotated: Vec<&str> = printed
        .lines()
        .filter_map(|l| l.split("file=").nth(1)?.split(',').next())
        .collect();
    assert_eq!(
        annotated,
        [
            "content/postings/case-officer.en.md",
            "content/postings/case-officer.sv.md"
        ]
    );
    assert_snapshot(
        "cli/conflict-annotated-on-both-files",
        &transcript(&result, site.path()),
    );
}

/// Issue 15: a posting `vacancy new` wrote and nobody edited is a draft with
/// placeholders: nothing of it is published, and `check` lists what is still
/// to fill in; without `draft = true` each placeholder is an error.
#[test]
fn a_new_posting_left_unedited_is_not_published_and_check_says_what_to_fill_in() {
    let site = copy_fixture("board");
    let root = site.path();
    let env = [("SOURCE_DATE_EPOCH", NOW_EPOCH)];
    assert_success(&vacancy_with_env(
        &["new", "nurse", "--root", arg(root)],
        &env,
    ));
    let built = vacancy::build_in_memory(root, common::at(NOW), None).unwrap();
    let published: Vec<&str> = built
        .output
        .files
        .keys()
        .map(|p| &**p)
        .filter(|p| p.contains("nurse"))
        .collect();
    assert!(published.is_empty(), "{published:?}");
    let check = vacancy_with_env(&["check", "--root", arg(root), "--now", NOW], &env);
    assert_success(&check);
    assert_snapshot("cli/new-draft-check", &transcript(&check, root));
    let file = root.join("content/postings/nurse.sv.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("draft = true", "draft = false")).unwrap();
    let ready = vacancy_with_env(&["check", "--root", arg(root), "--now", NOW], &env);
    assert_eq!(ready.status.code(), Some(1));
    assert_snapshot("cli/new-not-draft-check", &transcript(&ready, root));
}

/// Issue 15: `check --strict` makes every warning an error, so CI can refuse
/// a board with a file nobody reads.
#[test]
fn check_strict_turns_every_warning_into_an_error() {
    let site = copy_fixture("board");
    std::fs::write(site.path().join("content/postings/notes.txt"), "ring Anna").unwrap();
    let result = vacancy(&[
        "check",
        "--strict",
        "--root",
        arg(site.path()),
        "--now",
        NOW,
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert_snapshot("cli/check-strict", &transcript(&result, site.path()));
}
