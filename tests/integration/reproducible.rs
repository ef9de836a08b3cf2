//! The same input and the same "now" give byte-identical output: in memory,
//! from the binary into different folders, from a copy of the site in another
//! place, and with "now" taken from SOURCE_DATE_EPOCH.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{
    NOW, arg, assert_success, at, build, build_dir, copy_fixture, files_of, fixture, read_tree,
    vacancy_with_env,
};

/// Names the first file that differs, rather than dumping two whole sites.
fn assert_same_site(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the two builds have different files"
    );
    for (path, bytes) in a {
        assert!(bytes == &b[path], "{path} differs between the two builds");
    }
}

/// Builds `root` with the binary into `out` and returns the files written.
fn build_with_binary(
    root: &Path,
    out: &Path,
    now: Option<&str>,
    env: &[(&str, &str)],
) -> BTreeMap<String, Vec<u8>> {
    let mut args = vec![
        "build",
        "--root",
        arg(root),
        "--output",
        arg(out),
        "--quiet",
    ];
    if let Some(now) = now {
        args.extend(["--now", now]);
    }
    assert_success(&vacancy_with_env(&args, env));
    site_on_disk(out)
}

/// The files a build wrote to `out`, less the marker that tells the next
/// build the folder is its own: written on disk only, never part of the
/// site built in memory.
fn site_on_disk(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = read_tree(out);
    assert!(files.remove(".vacancy-build").is_some(), "no build marker");
    files
}

#[test]
fn building_twice_in_memory_gives_identical_files() {
    for fixture in ["board", "rtl", "deadlines", "overrides"] {
        let first = files_of(&build(fixture, NOW));
        let second = files_of(&build(fixture, NOW));
        assert!(first.len() > 5, "{fixture}");
        assert_same_site(&first, &second);
    }
}

#[test]
fn a_copy_of_the_site_in_another_folder_builds_to_the_same_bytes() {
    let copy = copy_fixture("board");
    let original = files_of(&build("board", NOW));
    let copied = files_of(&build_dir(copy.path(), NOW, None));
    assert_same_site(&original, &copied);
}

#[test]
fn the_binary_writes_identical_sites_into_two_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let a = build_with_binary(&fixture("board"), &tmp.path().join("a"), Some(NOW), &[]);
    let b = build_with_binary(&fixture("board"), &tmp.path().join("b"), Some(NOW), &[]);
    assert_same_site(&a, &b);
    assert_same_site(&a, &files_of(&build("board", NOW)));
}

#[test]
fn source_date_epoch_gives_the_same_site_as_the_same_moment_given_with_now() {
    let tmp = tempfile::tempdir().unwrap();
    let epoch = at(NOW).timestamp().to_string();
    let env = [("SOURCE_DATE_EPOCH", epoch.as_str())];
    let a = build_with_binary(&fixture("board"), &tmp.path().join("a"), None, &env);
    let b = build_with_binary(&fixture("board"), &tmp.path().join("b"), None, &env);
    assert_same_site(&a, &b);
    let with_now = build_with_binary(&fixture("board"), &tmp.path().join("c"), Some(NOW), &[]);
    assert_same_site(&a, &with_now);
}

#[test]
fn a_later_source_date_epoch_builds_the_board_as_it_is_then() {
    let tmp = tempfile::tempdir().unwrap();
    let later = at("2026-03-26T12:00:00+01:00").timestamp().to_string();
    let files = build_with_binary(
        &fixture("board"),
        &tmp.path().join("later"),
        None,
        &[("SOURCE_DATE_EPOCH", later.as_str())],
    );
    assert_eq!(
        files.get("next-change.txt").map(Vec::as_slice),
        Some(&b"2026-03-28T00:00:00+01:00\n"[..])
    );
}

#[test]
fn now_given_on_the_command_line_wins_over_source_date_epoch() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let output = vacancy_with_env(
        &[
            "build",
            "--root",
            arg(&fixture("board")),
            "--output",
            arg(&out),
            "--now",
            NOW,
        ],
        &[("SOURCE_DATE_EPOCH", "0")],
    );
    assert_success(&output);
    assert_same_site(&site_on_disk(&out), &files_of(&build("board", NOW)));
}
