//! "Similar jobs" on posting pages: open postings sharing a category or a
//! place, chosen at build time, most shared first, then newest.

use crate::common;

use crate::common::{NOW, build, page, sel, slug_of};

fn similar(path: &str) -> Vec<String> {
    let built = build("board", NOW);
    let p = page(&built, path);
    p.doc
        .select(&sel("section.similar .card-title a"))
        .filter_map(|a| a.value().attr("href").map(slug_of))
        .collect()
}

#[test]
fn a_posting_shows_open_postings_that_share_its_places_newest_first() {
    // developer is in Stockholm and Norrköping: analyst (Stockholm, newer)
    // and case-officer (Norrköping) share one place each.
    assert_eq!(
        similar("sv/jobs/developer/index.html"),
        vec!["analyst", "case-officer"]
    );
    assert_eq!(
        similar("en/jobs/case-officer/index.html"),
        vec!["developer"]
    );
}

#[test]
fn a_posting_with_nothing_in_common_shows_no_similar_jobs_section() {
    let built = build("board", NOW);
    let p = page(&built, "sv/jobs/editor/index.html");
    assert!(p.doc.select(&sel("section.similar")).next().is_none());
}

#[test]
fn closed_and_future_postings_are_never_suggested() {
    for path in [
        "sv/jobs/developer/index.html",
        "sv/jobs/analyst/index.html",
        "sv/jobs/closed-lawyer/index.html",
    ] {
        let slugs = similar(path);
        assert!(
            !slugs
                .iter()
                .any(|s| s == "closed-lawyer" || s == "summer-job"),
            "{path}: {slugs:?}"
        );
    }
}

#[test]
fn in_a_long_list_a_posting_suggests_its_neighbours_not_the_newest() {
    let site = common::copy_fixture("board");
    for n in 0..30 {
        let published = format!("2026-01-{:02}", n + 1);
        common::add_posting(site.path(), &format!("lund-{n:02}"), &published, "Lund");
    }
    let built = common::build_dir(site.path(), NOW, None);
    let p = page(&built, "sv/jobs/lund-10/index.html");
    let slugs: Vec<String> = p
        .doc
        .select(&sel("section.similar .card-title a"))
        .filter_map(|a| a.value().attr("href").map(slug_of))
        .collect();
    // Published a day apart: the nearest in time first, the newer one of a pair first.
    assert_eq!(slugs, vec!["lund-11", "lund-09", "lund-12"]);
}
