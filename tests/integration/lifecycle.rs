//! A posting's life: not on the site before its publication day, listed while
//! open, moved to the archive once its deadline has passed (its page staying,
//! marked closed), and never shown while it is a draft. Deadlines are read in
//! the site's time zone, and the build says when its output goes stale.

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{
    NOW, Page, arg, assert_snapshot, assert_success, at, build, fixture, html_pages, page,
    read_tree, stdout, transcript, vacancy, without_timing,
};
use vacancy::Built;

/// Listing pages (home, terms, archive) and the postings each lists.
fn listings(built: &Built) -> BTreeMap<String, Vec<String>> {
    html_pages(&common::files_of(built))
        .into_iter()
        .filter(|p| p.has("body.kind-home, body.kind-term, body.kind-archive"))
        .map(|p| (p.path.clone(), p.listed()))
        .collect()
}

fn is_archive(path: &str) -> bool {
    path.contains("/archive/")
}

#[test]
fn a_closed_posting_leaves_the_home_page_and_every_term_page() {
    let built = build("board", NOW);
    let listings = listings(&built);
    assert!(listings.keys().any(|p| p.contains("/locations/")));
    for (path, slugs) in listings.iter().filter(|(p, _)| !is_archive(p)) {
        assert!(
            !slugs.contains(&"closed-lawyer".to_string()),
            "{path} lists the closed posting: {slugs:?}"
        );
    }
    let legal = page(&built, "en/categories/legal/index.html");
    assert!(legal.listed().is_empty());
    assert!(legal.has("main .empty"), "an empty term page says so");
}

#[test]
fn a_closed_posting_is_listed_in_the_archive_of_every_language() {
    let built = build("board", NOW);
    assert_eq!(
        page(&built, "sv/archive/index.html").listed(),
        ["closed-lawyer"]
    );
    let en = page(&built, "en/archive/index.html").cards();
    assert_eq!(en.len(), 1);
    assert_eq!(en[0].title, "Lawyer");
    assert_eq!(en[0].href, "/en/jobs/closed-lawyer/");
}

#[test]
fn a_closed_posting_keeps_its_page_marked_closed_and_kept_out_of_search_engines() {
    let built = build("board", NOW);
    let closed = page(&built, "en/jobs/closed-lawyer/index.html");
    assert!(closed.is_noindex());
    assert!(closed.has("article.is-closed"));
    let banner = closed
        .first("[data-closed-banner]")
        .expect("a closed banner");
    assert_eq!(banner.attr("hidden"), None, "the banner is shown");
    assert!(common::text(&banner).contains("Applications have closed"));
    assert!(!closed.has("#apply"), "no way to apply to a closed posting");

    let open = page(&built, "en/jobs/case-officer/index.html");
    assert!(!open.is_noindex());
    assert!(!open.has("article.is-closed"));
    assert!(
        open.first("[data-closed-banner]")
            .unwrap()
            .attr("hidden")
            .is_some()
    );
    assert!(open.has("#apply"));
}

#[test]
fn a_future_posting_has_no_page_and_is_in_no_listing() {
    let built = build("board", NOW);
    for path in built.output.files.keys() {
        assert!(!path.contains("summer-job"), "{path} was built");
        assert!(!path.contains("seasonal"), "{path} was built");
    }
    for (path, slugs) in listings(&built) {
        assert!(!slugs.contains(&"summer-job".to_string()), "{path}");
    }
}

#[test]
fn a_future_posting_appears_at_the_start_of_its_publication_day() {
    let before = build("board", "2026-03-27T23:59:59+01:00");
    assert!(before.output.get("sv/jobs/summer-job/index.html").is_none());
    let after = build("board", "2026-03-28T00:00:00+01:00");
    assert!(after.output.get("sv/jobs/summer-job/index.html").is_some());
    assert_eq!(page(&after, "en/index.html").listed()[0], "summer-job");
}

#[test]
fn a_draft_is_never_published() {
    for now in [NOW, "2026-03-10T12:00:00+01:00"] {
        let built = build("board", now);
        for path in built.output.files.keys() {
            assert!(
                !path.contains("draft-job") && !path.contains("uppsala"),
                "{path} was built at {now}"
            );
        }
        for (path, slugs) in listings(&built) {
            assert!(!slugs.contains(&"draft-job".to_string()), "{path}");
        }
    }
}

#[test]
fn the_summary_counts_open_closed_and_future_postings_but_not_drafts() {
    let built = build("board", NOW);
    assert_snapshot("lifecycle/summary", &without_timing(&built.summary()));
}

/// Builds the `deadlines` fixture with the binary at `now` and returns what
/// the Swedish home page and archive list.
fn listed_with_binary_at(now: &str) -> (Vec<String>, Vec<String>) {
    let out = tempfile::tempdir().unwrap();
    let output = vacancy(&[
        "build",
        "--root",
        arg(&fixture("deadlines")),
        "--output",
        arg(out.path()),
        "--now",
        now,
        "--quiet",
    ]);
    assert_success(&output);
    let read = |path: &str| {
        let bytes = std::fs::read(out.path().join(path)).unwrap();
        Page::parse(path, &bytes).listed()
    };
    (read("sv/index.html"), read("sv/archive/index.html"))
}

fn assert_open(slug: &str, now: &str) {
    let (home, archive) = listed_with_binary_at(now);
    assert!(
        home.contains(&slug.to_string()),
        "{slug} should be open at {now}"
    );
    assert!(!archive.contains(&slug.to_string()), "{slug} at {now}");
}

fn assert_closed(slug: &str, now: &str) {
    let (home, archive) = listed_with_binary_at(now);
    assert!(!home.contains(&slug.to_string()), "{slug} at {now}");
    assert!(
        archive.contains(&slug.to_string()),
        "{slug} should be closed at {now}"
    );
}

#[test]
fn a_deadline_date_lasts_until_midnight_in_the_site_time_zone() {
    assert_open("ends-on-date", "2026-03-15T23:59:59.900+01:00");
    assert_closed("ends-on-date", "2026-03-16T00:00:00+01:00");
}

#[test]
fn a_deadline_date_ends_at_stockholm_midnight_not_utc_midnight() {
    // 22:59:30 UTC is 23:59:30 in Stockholm; 23:00:30 UTC is already the next day there.
    assert_open("ends-on-date", "2026-03-15T22:59:30Z");
    assert_closed("ends-on-date", "2026-03-15T23:00:30Z");
}

#[test]
fn a_deadline_with_a_utc_offset_closes_at_that_moment() {
    // 12:00 in Tokyo (+09:00) is 04:00 in Stockholm (+01:00).
    assert_open("ends-at-noon-in-tokyo", "2026-03-10T03:59:59+01:00");
    assert_closed("ends-at-noon-in-tokyo", "2026-03-10T04:00:00+01:00");
}

#[test]
fn a_deadline_time_without_an_offset_is_read_in_the_site_time_zone() {
    assert_open("ends-at-local-time", "2026-03-12T14:59:59+01:00");
    assert_closed("ends-at-local-time", "2026-03-12T15:00:00+01:00");
}

#[test]
fn now_without_an_offset_is_read_in_the_site_time_zone() {
    assert_open("ends-on-date", "2026-03-15T23:59");
    assert_closed("ends-on-date", "2026-03-16T00:01");
}

#[test]
fn the_page_of_a_deadline_with_an_offset_shows_the_moment_it_closes() {
    let built = build("deadlines", "2026-03-02T12:00:00+01:00");
    let p = page(&built, "sv/jobs/ends-at-noon-in-tokyo/index.html");
    let datetime = p
        .attr("main time[datetime]", "datetime")
        .expect("the deadline in a <time> element");
    let shown = chrono::DateTime::parse_from_rfc3339(&datetime).unwrap();
    assert_eq!(shown, at("2026-03-10T04:00:00+01:00"), "{datetime}");
}

// ---- When the site goes stale ----

#[test]
fn the_next_change_is_the_end_of_the_earliest_open_deadline() {
    let built = build("board", NOW);
    // The Swedish-only editor posting closes first: its last day is 15 March.
    assert_eq!(
        built.next_change_line(),
        "next change: 2026-03-16T00:00:00+01:00"
    );
    assert_eq!(
        built.output.get("next-change.txt"),
        Some(&b"2026-03-16T00:00:00+01:00\n"[..])
    );
}

#[test]
fn the_next_change_is_a_publication_when_that_comes_first() {
    let built = build("board", "2026-03-26T12:00:00+01:00");
    assert_eq!(
        built.next_change_line(),
        "next change: 2026-03-28T00:00:00+01:00"
    );
    assert_eq!(
        built.output.get("next-change.txt"),
        Some(&b"2026-03-28T00:00:00+01:00\n"[..])
    );
}

#[test]
fn a_deadline_with_a_time_is_the_next_change_at_that_moment_in_the_sites_time() {
    let built = build("deadlines", "2026-03-02T12:00:00+01:00");
    // 12:00 in Tokyo, said the way the site's time zone says it.
    assert_eq!(
        built.next_change_line(),
        "next change: 2026-03-10T04:00:00+01:00"
    );
    let after = build("deadlines", "2026-03-10T04:00:00+01:00");
    assert_eq!(
        after.next_change_line(),
        "next change: 2026-03-12T15:00:00+01:00"
    );
}

#[test]
fn a_site_with_nothing_left_to_happen_says_none() {
    let built = build("board", "2026-06-01T12:00:00+02:00");
    assert_eq!(built.next_change_line(), "next change: none");
    assert_eq!(built.output.get("next-change.txt"), Some(&b"none\n"[..]));
}

#[test]
fn the_site_changes_at_the_announced_moment_and_not_before() {
    let built = build("board", NOW);
    let next = built.site.next_change.expect("a next change");
    let just_before = (next - chrono::Duration::seconds(1)).to_rfc3339();
    let before = build("board", &just_before);
    let after = build("board", &next.to_rfc3339());
    let open = |b: &Built| {
        let mut all: Vec<String> = listings(b)
            .into_iter()
            .filter(|(path, _)| path == "sv/index.html" || path.starts_with("sv/page/"))
            .flat_map(|(_, slugs)| slugs)
            .collect();
        all.sort();
        all
    };
    assert_eq!(open(&before), open(&built));
    assert_ne!(open(&after), open(&built));
}

#[test]
fn the_build_prints_the_next_change_and_writes_it_beside_the_site() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let output = vacancy(&[
        "build",
        "--root",
        arg(&fixture("board")),
        "--output",
        arg(&dest),
        "--now",
        NOW,
    ]);
    assert_success(&output);
    let printed = stdout(&output);
    let line = printed
        .lines()
        .find_map(|l| l.strip_prefix("next change: "))
        .unwrap_or_else(|| panic!("no next change line in:\n{printed}"));
    assert_eq!(line, "2026-03-16T00:00:00+01:00");
    let file = std::fs::read_to_string(dest.join("next-change.txt")).unwrap();
    assert_eq!(file.trim_end(), line);
    assert!(read_tree(Path::new(&dest)).contains_key("sv/index.html"));
    assert_snapshot("lifecycle/build-output", &transcript(&output, out.path()));
}
