//! Golden output: the example board (the repository root) and each fixture
//! site that builds are built in memory at a fixed moment and compared, file
//! by file and byte for byte, with the committed tree under
//! `tests/expected/<site>/`. A built file missing from the tree, a stale
//! file the build no longer writes and a file that differs each fail the
//! test, named, text files with a short unified diff. `BLESS=1 cargo test` rewrites the trees (deleting the
//! files no longer built); review the diff before committing it, since it is
//! the whole visible effect of a change to a template, a string or the code.
//!
//! In-memory builds (`vacancy::build_in_memory`) hold the whole site but not
//! the `.vacancy-build` marker a build on disk leaves beside it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{self, NOW, assert_snapshot, blessing, build_dir, repository};

/// Where a golden site's folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// The repository root: the example board.
    Repository,
    /// `tests/fixtures/<name>/`.
    Fixture,
}

/// A site whose whole output is committed under `tests/expected/<name>/`.
pub struct Site {
    pub name: &'static str,
    pub root: Root,
    pub now: &'static str,
}

/// The moment the example board's content is written for (as in
/// `tests/browser.rs`).
const EXAMPLE_NOW: &str = "2026-11-23T12:00:00+01:00";

pub const SITES: &[Site] = &[
    Site {
        name: "example",
        root: Root::Repository,
        now: EXAMPLE_NOW,
    },
    fixture("board"),
    fixture("check"),
    fixture("deadlines"),
    fixture("feeds"),
    fixture("overrides"),
    fixture("rtl"),
    fixture("search"),
    fixture("serve"),
];

/// Folders of `tests/fixtures/` that are not golden-tested, and why.
pub const LEFT_OUT: &[(&str, &str)] = &[
    (
        "errors",
        "made to fail: one broken file per kind of mistake",
    ),
    (
        "hostile",
        "not a site: the XSS corpus, made into a site by tests/common/hostile.rs",
    ),
];

const fn fixture(name: &'static str) -> Site {
    Site {
        name,
        root: Root::Fixture,
        now: NOW,
    }
}

impl Site {
    fn folder(&self) -> PathBuf {
        match self.root {
            Root::Repository => repository().to_path_buf(),
            Root::Fixture => common::fixture(self.name),
        }
    }

    fn expected(&self) -> PathBuf {
        expected_folder(self.name)
    }

    /// Every file of the site built in memory at its moment.
    fn build(&self) -> BTreeMap<String, Vec<u8>> {
        common::files_of(&build_dir(&self.folder(), self.now, None))
    }
}

fn site(name: &str) -> &'static Site {
    SITES
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("{name} is not in golden::SITES"))
}

fn expected_folder(name: &str) -> PathBuf {
    repository().join("tests/expected").join(name)
}

// ---------------------------------------------------------------------------
// Comparing a build with an expected tree

/// How the expected tree and a build differ about one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Built, but missing from the expected tree.
    Missing,
    /// In the expected tree, but no longer built.
    Stale,
    /// Built with other bytes than expected.
    Different,
}

#[derive(Debug, Clone)]
pub struct Difference {
    /// The file, relative to the site's root.
    pub path: String,
    pub kind: Kind,
    /// For a different file: a short unified diff, or for a binary file its
    /// sizes and the first differing byte.
    pub detail: String,
}

/// Every file that differs between the tree in `expected` and `built`, by path.
pub fn compare(expected: &Path, built: &BTreeMap<String, Vec<u8>>) -> Vec<Difference> {
    let expected = read_expected(expected);
    let mut differences = Vec::new();
    for (path, want) in &expected {
        match built.get(path) {
            None => differences.push(Difference {
                path: path.clone(),
                kind: Kind::Stale,
                detail: String::new(),
            }),
            Some(got) if got != want => differences.push(Difference {
                path: path.clone(),
                kind: Kind::Different,
                detail: detail(want, got),
            }),
            Some(_) => {}
        }
    }
    for path in built.keys().filter(|p| !expected.contains_key(*p)) {
        differences.push(Difference {
            path: path.clone(),
            kind: Kind::Missing,
            detail: String::new(),
        });
    }
    differences.sort_by(|a, b| a.path.cmp(&b.path));
    differences
}

fn read_expected(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    if folder.is_dir() {
        common::read_tree(folder)
    } else {
        BTreeMap::new()
    }
}

/// A file's bytes as text, unless it is UTF-8 with no NUL byte.
fn as_text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes)
        .ok()
        .filter(|text| !text.contains('\0'))
}

/// What differs between two versions of a file, shortly.
fn detail(want: &[u8], got: &[u8]) -> String {
    match (as_text(want), as_text(got)) {
        (Some(want), Some(got)) => common::diff::unified(want, got),
        _ => {
            let at = want.iter().zip(got).take_while(|(a, b)| a == b).count();
            format!(
                "binary files differ: {} bytes expected, {} built, the first difference at byte {at}\n",
                want.len(),
                got.len()
            )
        }
    }
}

/// At most this many files are shown with their diffs; all are named.
const SHOWN: usize = 8;

/// The failure message for `differences` from the tree `label`.
pub fn report(label: &str, differences: &[Difference]) -> String {
    let count = differences.len();
    let mut out = format!(
        "{label}: {count} file{} differ{} from the build (- expected, + built). If the change \
         is meant, BLESS=1 cargo test rewrites {label}; review its diff before committing it.\n",
        if count == 1 { "" } else { "s" },
        if count == 1 { "s" } else { "" },
    );
    for (n, d) in differences.iter().enumerate() {
        match d.kind {
            Kind::Missing => out.push_str(&format!(
                "missing: {} (built, not in the expected tree)\n",
                d.path
            )),
            Kind::Stale => out.push_str(&format!(
                "stale: {} (in the expected tree, no longer built)\n",
                d.path
            )),
            Kind::Different if n < SHOWN => {
                out.push_str(&format!("different: {}\n{}", d.path, d.detail));
            }
            Kind::Different => out.push_str(&format!("different: {} (diff left out)\n", d.path)),
        }
    }
    out
}

/// Makes the tree in `expected` hold exactly `built`: files written where
/// they differ, files no longer built deleted, emptied folders removed.
fn bless(expected: &Path, built: &BTreeMap<String, Vec<u8>>) {
    for d in compare(expected, built) {
        let path = expected.join(&d.path);
        match d.kind {
            Kind::Stale => std::fs::remove_file(&path).unwrap(),
            Kind::Missing | Kind::Different => {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &built[&d.path]).unwrap();
            }
        }
    }
    remove_empty_folders(expected);
}

fn remove_empty_folders(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            remove_empty_folders(&path);
            if std::fs::read_dir(&path).unwrap().next().is_none() {
                std::fs::remove_dir(&path).unwrap();
            }
        }
    }
}

/// Builds the golden site `name` and compares it with its expected tree
/// (or, with `BLESS=1`, rewrites the tree).
fn assert_golden(name: &str) {
    let site = site(name);
    let built = site.build();
    let expected = site.expected();
    if blessing() {
        bless(&expected, &built);
        return;
    }
    let differences = compare(&expected, &built);
    assert!(
        differences.is_empty(),
        "{}",
        report(&format!("tests/expected/{name}"), &differences)
    );
}

// ---------------------------------------------------------------------------
// The sites

#[test]
fn the_example_board_is_built_as_expected() {
    assert_golden("example");
}

#[test]
fn the_board_fixture_is_built_as_expected() {
    assert_golden("board");
}

#[test]
fn the_check_fixture_is_built_as_expected() {
    assert_golden("check");
}

#[test]
fn the_deadlines_fixture_is_built_as_expected() {
    assert_golden("deadlines");
}

#[test]
fn the_feeds_fixture_is_built_as_expected() {
    assert_golden("feeds");
}

#[test]
fn the_overrides_fixture_is_built_as_expected() {
    assert_golden("overrides");
}

#[test]
fn the_rtl_fixture_is_built_as_expected() {
    assert_golden("rtl");
}

#[test]
fn the_search_fixture_is_built_as_expected() {
    assert_golden("search");
}

#[test]
fn the_serve_fixture_is_built_as_expected() {
    assert_golden("serve");
}

#[test]
fn every_fixture_site_is_golden_tested_or_left_out_for_a_reason() {
    let mut fixtures = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(repository().join("tests/fixtures")).unwrap() {
        fixtures.insert(entry.unwrap().file_name().to_string_lossy().to_string());
    }
    let covered = SITES
        .iter()
        .filter(|s| s.root == Root::Fixture)
        .map(|s| s.name.to_string())
        .chain(LEFT_OUT.iter().map(|(name, _)| name.to_string()))
        .collect();
    assert_eq!(
        fixtures, covered,
        "each folder of tests/fixtures/ is in golden::SITES or golden::LEFT_OUT"
    );
}

// ---------------------------------------------------------------------------
// The comparison catches what it must

/// A site-level template that differs from the theme's by one character
/// (`templates/root.html`, which renders only `/index.html`) shows up as
/// exactly that file, with the line in the diff.
#[test]
fn a_one_character_template_change_is_caught_in_the_one_file_it_renders() {
    let folder = common::copy_fixture("board");
    let theme = repository().join("themes/default/templates/root.html");
    let template = std::fs::read_to_string(theme).unwrap();
    let changed = template.replacen("class=\"choices\"", "class=\"choicez\"", 1);
    assert_ne!(
        changed, template,
        "the theme's root.html has class=\"choices\""
    );
    let templates = folder.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("root.html"), changed).unwrap();

    let built = common::files_of(&build_dir(folder.path(), NOW, None));
    // Under BLESS the committed tree may be rewritten meanwhile: compare
    // with a fresh one.
    let fresh = tempfile::tempdir().unwrap();
    let expected = if blessing() {
        bless(fresh.path(), &site("board").build());
        fresh.path().to_path_buf()
    } else {
        site("board").expected()
    };
    let differences = compare(&expected, &built);
    let found: Vec<(&str, Kind)> = differences
        .iter()
        .map(|d| (d.path.as_str(), d.kind))
        .collect();
    assert_eq!(found, [("index.html", Kind::Different)]);
    assert_snapshot(
        "golden/one-character-template-change",
        &report("tests/expected/board", &differences),
    );
}

/// A file the build no longer writes (stale), a file it newly writes
/// (missing from the tree), a changed text and a changed binary file are
/// each named; BLESS's rewrite leaves the tree equal to the build.
#[test]
fn missing_stale_and_different_files_are_each_named_and_blessing_makes_them_equal() {
    let expected = tempfile::tempdir().unwrap();
    let write = |rel: &str, bytes: &[u8]| {
        let path = expected.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    let page: String = (1..=20).map(|n| format!("line {n}\n")).collect();
    write("same.txt", b"same\n");
    write("gone/old.html", b"<p>old</p>\n");
    write("page.html", page.as_bytes());
    write("file.pdf", b"%PDF-1.4\n\x00\x01\x02");
    let mut built: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    built.insert("same.txt".into(), b"same\n".to_vec());
    built.insert("new/added.xml".into(), b"<rss/>\n".to_vec());
    built.insert(
        "page.html".into(),
        page.replace("line 12", "line twelve").into(),
    );
    built.insert("file.pdf".into(), b"%PDF-1.4\n\x00\x01\x03".to_vec());

    let differences = compare(expected.path(), &built);
    let found: Vec<(&str, Kind)> = differences
        .iter()
        .map(|d| (d.path.as_str(), d.kind))
        .collect();
    assert_eq!(
        found,
        [
            ("file.pdf", Kind::Different),
            ("gone/old.html", Kind::Stale),
            ("new/added.xml", Kind::Missing),
            ("page.html", Kind::Different),
        ]
    );
    assert_snapshot(
        "golden/missing-stale-and-different",
        &report("tests/expected/site", &differences),
    );

    bless(expected.path(), &built);
    assert!(compare(expected.path(), &built).is_empty());
    assert!(
        !expected.path().join("gone").exists(),
        "an emptied folder is removed"
    );
}
