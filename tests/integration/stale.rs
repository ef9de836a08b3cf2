//! Nothing stale in the committed expected output: every file under
//! `tests/snapshots/` is named by an `assert_snapshot` call in the sources
//! of these tests. The names are read from the sources and the folder, not
//! from what other tests did in this run, so the check holds in any order
//! and with any filter. With `BLESS=1` stale snapshot files are deleted.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{blessing, snapshot_folder, snapshot_names};

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
