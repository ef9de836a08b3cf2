//! Nothing stale in the committed expected output: every file under
//! `tests/snapshots/` is named by an `assert_snapshot` call in the sources
//! of these tests, and every folder under `tests/expected/` is a site the
//! golden tests build. Both are read from the sources and the folders, not
//! from what other tests did in this run, so the checks hold in any order
//! and with any filter. With `BLESS=1` stale snapshot files and folders are
//! deleted (the golden tests delete stale files inside a site's folder
//! themselves).

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{blessing, repository, snapshot_folder, snapshot_names};
use crate::golden;

/// Every file under `dir`, by path relative to it with `/` separators.
fn files_under(dir: &Path) -> BTreeSet<String> {
    crate::common::read_tree(dir).into_keys().collect()
}

#[test]
fn every_snapshot_file_is_written_by_a_test() {
    let named = snapshot_names();
    let files = files_under(&snapshot_folder());
    let stale: Vec<&String> = files
        .iter()
        .filter(|f| {
            f.strip_suffix(".txt")
                .is_none_or(|name| !named.contains(name))
        })
        .collect();
    if blessing() {
        for file in &stale {
            std::fs::remove_file(snapshot_folder().join(file)).unwrap();
        }
        return;
    }
    assert!(
        stale.is_empty(),
        "no assert_snapshot call under tests/integration/ names these files in \
         tests/snapshots/; delete them (BLESS=1 cargo test does):\n  {}",
        stale
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
    let unwritten: Vec<&String> = named
        .iter()
        .filter(|name| !files.contains(&format!("{name}.txt")))
        .collect();
    assert!(
        unwritten.is_empty(),
        "these snapshots are named by tests but not committed; write them with \
         BLESS=1 cargo test and review them: {unwritten:?}"
    );
}

#[test]
fn every_expected_tree_is_a_site_the_golden_tests_build() {
    let folder = repository().join("tests/expected");
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(&folder).expect("tests/expected/") {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if blessing() && !golden::SITES.iter().any(|s| s.name == name) {
            std::fs::remove_dir_all(entry.path()).unwrap();
            continue;
        }
        found.insert(name);
    }
    let built: BTreeSet<String> = golden::SITES.iter().map(|s| s.name.to_string()).collect();
    assert_eq!(
        found, built,
        "tests/expected/ must hold one folder per site in golden::SITES \
         (BLESS=1 cargo test writes them and deletes the others)"
    );
}
