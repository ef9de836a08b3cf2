//! The live preview's incremental rebuild: after any change, the patched site
//! must equal a full build of the same files, and only what the change touches
//! is rendered again.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use vacancy::incremental::{Change, Session, classify};

const NOW: &str = "2026-03-01T12:00:00+01:00";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(NOW).unwrap()
}

/// A copy of the feeds fixture that the test may change.
fn site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let to = tmp.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let root = tmp.path().to_path_buf();
    (tmp, root)
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) -> Change {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
    classify(root, &[path])
}

/// The patched output must be exactly what a full build produces.
fn assert_same_as_full_build(session: &Session, root: &Path) {
    let full = vacancy::build_in_memory(root, now(), None).unwrap_or_else(|f| panic!("{f}"));
    let patched = session.output().unwrap();
    let full_files: Vec<&std::sync::Arc<str>> = full.output.files.keys().collect();
    let patched_files: Vec<&std::sync::Arc<str>> = patched.files.keys().collect();
    assert_eq!(patched_files, full_files, "the same files");
    for (path, bytes) in &full.output.files {
        assert!(
            patched.files[path] == *bytes,
            "{path} differs from a full build"
        );
    }
}

fn started(root: &Path) -> Session {
    let mut session = Session::new(root, None);
    let first = session.rebuild_all(now()).unwrap();
    assert!(first.full);
    session
}

#[test]
fn editing_a_posting_body_renders_only_that_postings_pages() {
    let (_tmp, root) = site();
    let mut session = started(&root);
    let change = edit(
        &root,
        "content/postings/hostile.sv.md",
        "Brödtext.",
        "Ny brödtext.",
    );
    let update = session.apply(&change, now()).unwrap();
    assert!(!update.full);
    // The page, and the search index that holds the postings' texts (in
    // each language, which shows the Swedish text where it has none).
    assert_eq!(
        update.rendered,
        [
            "sv/jobs/hostile/index.html",
            "sv/search/index.json",
            "sv/search/0.json",
            "en/search/index.json",
            "en/search/0.json"
        ]
    );
    assert_same_as_full_build(&session, &root);
}

#[test]
fn a_save_that_changes_nothing_renders_nothing() {
    let (_tmp, root) = site();
    let mut session = started(&root);
    let change = edit(
        &root,
        "content/postings/hostile.sv.md",
        "Brödtext.",
        "Brödtext.",
    );
    let update = session.apply(&change, now()).unwrap();
    assert!(update.rendered.is_empty(), "{:?}", update.rendered);
}

#[test]
fn changing_a_title_renders_the_listings_feeds_and_pages_that_show_it() {
    let (_tmp, root) = site();
    let mut session = started(&root);
    let change = edit(
        &root,
        "content/postings/remote.sv.md",
        "Distansjobb",
        "Distansjobb i hela landet",
    );
    let update = session.apply(&change, now()).unwrap();
    for file in [
        "sv/jobs/remote/index.html",
        "sv/index.html",
        "en/index.html",
        "sv/feed.xml",
        "en/postings.json",
    ] {
        assert!(
            update.rendered.contains(&file.to_string()),
            "{file} not rendered: {:?}",
            update.rendered
        );
    }
    assert!(
        !update
            .rendered
            .contains(&"sv/jobs/hostile/index.html".to_string())
    );
    assert!(
        !update
            .rendered
            .contains(&"sv/archive/index.html".to_string())
    );
    assert_same_as_full_build(&session, &root);
}

#[test]
fn closing_adding_and_removing_postings_matches_a_full_build() {
    let (_tmp, root) = site();
    let mut session = started(&root);
    let change = edit(
        &root,
        "content/postings/hostile.sv.md",
        "deadline = 2026-03-20",
        "deadline = 2026-02-20",
    );
    session.apply(&change, now()).unwrap();
    assert_same_as_full_build(&session, &root);

    let new = root.join("content/postings/new-job.sv.md");
    std::fs::write(
        &new,
        "+++\ntitle = \"Nytt jobb\"\npublished = 2026-02-25\ndeadline = 2026-04-01\nlocations = [\"Malmö\"]\ncategories = [\"it\"]\nemployment = \"temporary\"\nextent = \"full-time\"\n+++\n\nText.\n",
    )
    .unwrap();
    let update = session
        .apply(&classify(&root, std::slice::from_ref(&new)), now())
        .unwrap();
    assert!(
        update
            .rendered
            .contains(&"sv/locations/malmo/index.html".to_string())
    );
    assert_same_as_full_build(&session, &root);

    std::fs::remove_file(root.join("content/postings/remote.sv.md")).unwrap();
    let update = session
        .apply(
            &classify(&root, &[root.join("content/postings/remote.sv.md")]),
            now(),
        )
        .unwrap();
    assert!(
        update
            .removed
            .contains(&"sv/jobs/remote/index.html".to_string()),
        "{:?}",
        update.removed
    );
    assert_same_as_full_build(&session, &root);
}

#[test]
fn an_error_keeps_the_last_good_site_until_it_is_fixed() {
    let (_tmp, root) = site();
    let mut session = started(&root);
    let good = session.output().unwrap();
    let change = edit(
        &root,
        "content/postings/remote.sv.md",
        "employment = \"internship\"",
        "employment = \"intern\"",
    );
    let failed = session.apply(&change, now()).unwrap_err();
    let error = failed.0.errors().next().unwrap();
    assert_eq!(
        error.file(),
        Some(Path::new("content/postings/remote.sv.md"))
    );
    assert!(
        std::sync::Arc::ptr_eq(&good, &session.output().unwrap()),
        "the old site is still served"
    );

    // An unrelated save does not hide the error.
    let other = edit(
        &root,
        "content/postings/hostile.sv.md",
        "Brödtext.",
        "Annan text.",
    );
    assert!(session.apply(&other, now()).is_err());

    let fix = edit(
        &root,
        "content/postings/remote.sv.md",
        "employment = \"intern\"",
        "employment = \"internship\"",
    );
    session.apply(&fix, now()).unwrap();
    assert_same_as_full_build(&session, &root);
}
