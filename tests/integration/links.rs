//! Links that work: every internal `href` and `src` of every page leads to a
//! file of the built site, also when the site lives under a sub-path such as
//! `https://example.se/jobs/`, and canonical URLs are absolute under it.

use crate::common;

use std::collections::BTreeMap;

use crate::common::{
    NOW, build, build_dir, check_links, copy_fixture, files_of, fixture, html_pages, served_at,
};

const SUB_PATH: &str = "https://example.se/jobs/";

fn assert_no_broken_links(files: &BTreeMap<String, Vec<u8>>, base_url: &str) {
    let broken = check_links(files, base_url);
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken
            .iter()
            .map(|b| format!("  {} -> {} ({})", b.page, b.url, b.why))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_link_checker_finds_a_link_to_a_missing_page() {
    let mut files = BTreeMap::new();
    files.insert(
        "sv/index.html".to_string(),
        br#"<html><body>
            <a href="/jobs/sv/">ok</a>
            <a href="/jobs/sv/jobs/gone/">missing</a>
            <a href="/sv/">outside the base path</a>
            <a href="https://example.se/elsewhere/">outside too</a>
            <a href="other.pdf#page=2">relative, missing</a>
            <a href="mailto:a@example.se">mail</a>
            <a href="https://www.example.org/">another site</a>
        </body></html>"#
            .to_vec(),
    );
    let broken: Vec<String> = check_links(&files, SUB_PATH)
        .into_iter()
        .map(|b| b.url)
        .collect();
    assert_eq!(
        broken,
        [
            "/jobs/sv/jobs/gone/",
            "/sv/",
            "https://example.se/elsewhere/",
            "other.pdf#page=2"
        ]
    );
}

#[test]
fn every_internal_link_of_the_board_leads_to_a_built_file() {
    let built = build("board", NOW);
    assert_no_broken_links(&files_of(&built), "https://jobb.example.se/");
}

#[test]
fn every_internal_link_of_a_right_to_left_board_leads_to_a_built_file() {
    let built = build("rtl", NOW);
    assert_no_broken_links(&files_of(&built), "https://jobs.example.org/");
}

#[test]
fn under_a_sub_path_every_internal_link_stays_under_it_and_leads_to_a_built_file() {
    let built = build_dir(&fixture("board"), NOW, Some(SUB_PATH));
    let files = files_of(&built);
    assert_no_broken_links(&files, SUB_PATH);
    let mut root_relative = 0;
    for page in html_pages(&files) {
        for (_, url) in page.urls() {
            if url.starts_with('/') {
                root_relative += 1;
                assert!(url.starts_with("/jobs/"), "{}: {url}", page.path);
            }
        }
    }
    assert!(root_relative > 100, "only {root_relative} links checked");
}

#[test]
fn a_sub_path_written_in_vacancy_toml_is_honoured_like_one_given_to_the_build() {
    let site = copy_fixture("board");
    let config_path = site.path().join("vacancy.toml");
    let config = std::fs::read_to_string(&config_path).unwrap();
    let config = config.replace(
        "base_url = \"https://jobb.example.se/\"",
        "base_url = \"https://example.se/jobs\"",
    );
    std::fs::write(&config_path, config).unwrap();
    let from_config = build_dir(site.path(), NOW, None);
    let from_argument = build_dir(&fixture("board"), NOW, Some(SUB_PATH));
    assert_no_broken_links(&files_of(&from_config), SUB_PATH);
    assert_eq!(files_of(&from_config), files_of(&from_argument));
}

#[test]
fn canonical_urls_are_absolute_under_the_sub_path() {
    let built = build_dir(&fixture("board"), NOW, Some(SUB_PATH));
    let files = files_of(&built);
    let mut checked = 0;
    for page in html_pages(&files) {
        if page.path == "404.html" {
            continue;
        }
        let expected = format!("{SUB_PATH}{}", served_at(&page.path));
        assert_eq!(page.canonical(), Some(expected.clone()), "{}", page.path);
        assert_eq!(
            page.attr("meta[property='og:url']", "content"),
            Some(expected),
            "{}",
            page.path
        );
        for (lang, href) in page.hreflang() {
            assert!(href.starts_with(SUB_PATH), "{}: {lang} {href}", page.path);
        }
        checked += 1;
    }
    assert!(checked > 30, "only {checked} pages checked");
}

#[test]
fn the_not_found_page_links_home_under_the_sub_path_from_any_depth() {
    // A server shows 404.html for any missing address, so its links must be root-relative.
    let built = build_dir(&fixture("board"), NOW, Some(SUB_PATH));
    let page = common::page(&built, "404.html");
    for (element, url) in page.urls() {
        let internal = !url.starts_with("https://") && !url.starts_with("mailto:");
        if internal && !url.starts_with('#') {
            assert!(url.starts_with("/jobs/"), "<{element}> {url}");
        }
    }
}
