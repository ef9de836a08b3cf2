//! Translations: every page links the versions of itself that exist in other
//! languages with `hreflang` (plus `x-default`), and a posting that lacks a
//! translation is still listed in that language, marked with its own.

use crate::common;

use std::collections::BTreeMap;

use crate::common::{NOW, build, files_of, html_pages, page, served_at};

/// Checks every page's hreflang set against the pages that exist.
fn assert_hreflang_matches_existing_translations(fixture: &str, languages: &[&str]) {
    let built = build(fixture, NOW);
    let base = built.site.config.base_url.clone();
    let files = files_of(&built);
    let mut checked = 0;
    for p in html_pages(&files) {
        if p.path == "404.html" {
            continue;
        }
        let mut expected: BTreeMap<String, String> = BTreeMap::new();
        if p.path == "index.html" {
            for lang in languages {
                expected.insert(lang.to_string(), format!("{base}{lang}/"));
            }
        } else {
            let (_, rest) = p.path.split_once('/').unwrap();
            for lang in languages {
                let file = format!("{lang}/{rest}");
                if files.contains_key(&file) {
                    expected.insert(lang.to_string(), format!("{base}{}", served_at(&file)));
                }
            }
        }
        let mut actual = p.hreflang();
        let x_default = actual
            .remove("x-default")
            .unwrap_or_else(|| panic!("{} has no x-default", p.path));
        assert_eq!(actual, expected, "hreflang links of {}", p.path);
        let target = x_default
            .strip_prefix(&base)
            .unwrap_or_else(|| panic!("{}: x-default {x_default} is not on the site", p.path));
        let target = format!("{target}index.html");
        assert!(
            files.contains_key(&target),
            "{}: x-default {x_default} leads nowhere",
            p.path
        );
        checked += 1;
    }
    assert!(checked > 10, "only {checked} pages checked");
}

#[test]
fn every_page_links_exactly_the_translations_that_exist() {
    assert_hreflang_matches_existing_translations("board", &["sv", "en"]);
}

#[test]
fn every_page_of_a_right_to_left_board_links_exactly_the_translations_that_exist() {
    assert_hreflang_matches_existing_translations("rtl", &["en", "ar"]);
}

#[test]
fn a_posting_in_one_language_links_only_itself_and_x_default() {
    let built = build("board", NOW);
    let editor = page(&built, "sv/jobs/editor/index.html");
    let links = editor.hreflang();
    assert_eq!(
        links.keys().collect::<Vec<_>>(),
        ["sv", "x-default"],
        "{links:?}"
    );
    assert_eq!(links["sv"], "https://jobb.example.se/sv/jobs/editor/");
    assert!(
        editor.all("a[hreflang=en]").is_empty(),
        "no language switch to a missing English version"
    );
}

#[test]
fn a_posting_page_offers_a_switch_to_its_other_translation() {
    let built = build("board", NOW);
    let english = page(&built, "en/jobs/case-officer/index.html");
    let switch = english
        .all("header a[hreflang=sv]")
        .first()
        .and_then(|a| a.attr("href"))
        .map(str::to_string);
    assert_eq!(switch.as_deref(), Some("/sv/jobs/case-officer/"));
}

#[test]
fn a_posting_without_a_translation_is_listed_in_the_other_language_marked_with_its_own() {
    let built = build("board", NOW);
    for path in [
        "en/index.html",
        "en/locations/goteborg/index.html",
        "en/employment/temporary/index.html",
    ] {
        let cards = page(&built, path).cards();
        let editor = cards
            .iter()
            .find(|c| c.href.contains("/jobs/editor/"))
            .unwrap_or_else(|| panic!("the Swedish-only posting is missing from {path}"));
        assert_eq!(editor.title, "Redaktör", "{path}");
        assert_eq!(editor.lang, "sv", "{path}: the title is Swedish");
        assert_eq!(editor.href, "/sv/jobs/editor/", "{path}");
        for other in cards.iter().filter(|c| c != &editor) {
            assert_eq!(other.lang, "en", "{path}: {other:?}");
        }
    }
}

#[test]
fn a_listed_posting_in_another_language_says_which_language_it_is_in() {
    let built = build("board", NOW);
    let home = page(&built, "en/index.html");
    let card = home
        .all("[data-posting]")
        .into_iter()
        .find(|c| common::text(c).contains("Redaktör"))
        .expect("the Swedish-only posting is listed");
    assert!(
        common::text(&card).contains("in Swedish"),
        "{}",
        common::text(&card)
    );
}
