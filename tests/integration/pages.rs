//! The pages a visitor finds: a root page leading to each language, and per
//! language a home page, posting pages, term pages, the archive, plain pages,
//! and a 404 page; every page says its language and writing direction.

use crate::common;

use crate::common::{NOW, build, page, text};

/// The pages of one language of the `board` fixture at `NOW`.
fn board_pages(lang: &str) -> Vec<String> {
    let mut pages: Vec<String> = [
        "",
        "page/2/",
        "archive/",
        "about/",
        "jobs/case-officer/",
        "jobs/developer/",
        "jobs/analyst/",
        "jobs/closed-lawyer/",
        "locations/norrkoping/",
        "locations/stockholm/",
        "locations/goteborg/",
        "employment/permanent/",
        "employment/fixed-term/",
        "employment/temporary/",
        "categories/case-handling/",
        "categories/it/",
        "categories/legal/",
    ]
    .iter()
    .map(|p| format!("{lang}/{p}index.html"))
    .collect();
    if lang == "sv" {
        pages.push("sv/jobs/editor/index.html".into());
        pages.push("sv/accessibility/index.html".into());
    }
    pages
}

#[test]
fn every_language_has_its_home_postings_terms_archive_and_plain_pages() {
    let built = build("board", NOW);
    for lang in ["sv", "en"] {
        for path in board_pages(lang) {
            assert!(built.output.get(&path).is_some(), "{path} is missing");
        }
    }
    assert!(built.output.get("404.html").is_some());
    assert!(built.output.get("index.html").is_some());
}

#[test]
fn a_posting_or_page_without_an_english_version_gets_no_english_page() {
    let built = build("board", NOW);
    assert!(built.output.get("en/jobs/editor/index.html").is_none());
    assert!(built.output.get("en/accessibility/index.html").is_none());
}

#[test]
fn the_root_page_leads_to_the_home_page_of_each_language() {
    let built = build("board", NOW);
    let root = page(&built, "index.html");
    let mut choices: Vec<(String, String)> = root
        .all("main a[hreflang]")
        .iter()
        .map(|a| {
            (
                a.attr("hreflang").unwrap().to_string(),
                a.attr("href").unwrap().to_string(),
            )
        })
        .collect();
    choices.sort();
    assert_eq!(
        choices,
        [("en".into(), "/en/".into()), ("sv".into(), "/sv/".into())]
    );
    let en = page(&built, "en/index.html");
    assert_eq!(text(&en.first("h1").unwrap()), "Jobs");
    let sv = page(&built, "sv/index.html");
    assert_eq!(text(&sv.first("h1").unwrap()), "Lediga jobb");
}

#[test]
fn each_posting_page_shows_the_title_of_its_own_translation() {
    let built = build("board", NOW);
    for (path, title) in [
        ("sv/jobs/case-officer/index.html", "Handläggare"),
        ("en/jobs/case-officer/index.html", "Case officer"),
        ("sv/jobs/analyst/index.html", "Analytiker"),
        ("en/jobs/analyst/index.html", "Analyst"),
        ("sv/jobs/editor/index.html", "Redaktör"),
    ] {
        let p = page(&built, path);
        assert_eq!(text(&p.first("main h1").unwrap()), title, "{path}");
    }
}

#[test]
fn the_home_page_lists_open_postings_newest_first_over_several_pages() {
    let built = build("board", NOW);
    let first = page(&built, "en/index.html").listed();
    let second = page(&built, "en/page/2/index.html").listed();
    assert_eq!(first, ["analyst", "developer", "editor"]);
    assert_eq!(second, ["case-officer"]);
    let next = page(&built, "en/index.html").attr("a[rel=next]", "href");
    assert_eq!(next.as_deref(), Some("/en/page/2/"));
}

#[test]
fn term_pages_list_the_open_postings_of_their_place_employment_type_and_category() {
    let built = build("board", NOW);
    let listed = |path: &str| {
        let mut slugs = page(&built, path).listed();
        slugs.sort();
        slugs
    };
    assert_eq!(
        listed("en/locations/norrkoping/index.html"),
        ["case-officer", "developer"]
    );
    assert_eq!(
        listed("sv/locations/stockholm/index.html"),
        ["analyst", "developer"]
    );
    assert_eq!(
        listed("en/employment/permanent/index.html"),
        ["analyst", "case-officer"]
    );
    assert_eq!(listed("en/categories/it/index.html"), ["developer"]);
    assert_eq!(
        listed("sv/categories/case-handling/index.html"),
        ["case-officer"]
    );
    let heading = page(&built, "en/categories/case-handling/index.html");
    assert_eq!(text(&heading.first("main h1").unwrap()), "Case handling");
}

#[test]
fn the_plain_pages_are_linked_from_every_page_of_their_language() {
    let built = build("board", NOW);
    let home = page(&built, "sv/index.html");
    let links: Vec<String> = home
        .all("footer a")
        .iter()
        .filter_map(|a| a.attr("href").map(str::to_string))
        .collect();
    assert!(links.contains(&"/sv/about/".to_string()), "{links:?}");
    assert!(
        links.contains(&"/sv/accessibility/".to_string()),
        "{links:?}"
    );
    let about = page(&built, "en/about/index.html");
    assert_eq!(text(&about.first("main h1").unwrap()), "About us");
    assert!(text(&about.first("main").unwrap()).contains("We are an example agency."));
}

#[test]
fn the_404_page_speaks_every_language_and_leads_to_each_home_page() {
    let built = build("board", NOW);
    let p = page(&built, "404.html");
    let mut homes: Vec<(String, String)> = p
        .all("main [lang]")
        .iter()
        .map(|section| {
            let link = section
                .select(&common::sel("a[href]"))
                .next()
                .expect("a link home");
            (
                section.attr("lang").unwrap().to_string(),
                link.attr("href").unwrap().to_string(),
            )
        })
        .collect();
    homes.sort();
    assert_eq!(
        homes,
        [("en".into(), "/en/".into()), ("sv".into(), "/sv/".into())]
    );
    assert!(text(&p.first("main").unwrap()).contains("Page not found"));
}

#[test]
fn every_page_says_its_language_and_direction() {
    let built = build("board", NOW);
    for (path, _) in built.output.files.iter() {
        if !path.ends_with(".html") {
            continue;
        }
        let lang = match path.split_once('/') {
            Some((lang, _)) => lang,
            None => "sv", // the root page and 404.html, in the default language
        };
        assert_eq!(
            page(&built, path).lang_dir(),
            (lang.to_string(), "ltr".to_string()),
            "{path}"
        );
    }
}

#[test]
fn pages_in_a_right_to_left_language_say_so() {
    let built = build("rtl", NOW);
    let mut arabic = 0;
    for (path, _) in built.output.files.iter() {
        if !path.ends_with(".html") {
            continue;
        }
        let (lang, dir) = page(&built, path).lang_dir();
        if path.starts_with("ar/") {
            arabic += 1;
            assert_eq!((lang.as_str(), dir.as_str()), ("ar", "rtl"), "{path}");
        } else {
            assert_eq!(dir, "ltr", "{path}");
        }
    }
    assert!(arabic >= 5, "only {arabic} Arabic pages");
    assert!(built.output.get("ar/jobs/interpreter/index.html").is_some());
    assert!(built.output.get("ar/about/index.html").is_some());
}

#[test]
fn a_left_to_right_posting_in_a_right_to_left_listing_keeps_its_own_direction() {
    let built = build("rtl", NOW);
    let home = page(&built, "ar/index.html");
    let engineer = home
        .all("[data-posting]")
        .into_iter()
        .find(|card| card.text().any(|t| t == "Engineer"))
        .expect("the English-only posting is listed on the Arabic home page");
    // The card is laid out whole in English, left to right...
    assert_eq!(engineer.attr("lang"), Some("en"));
    assert_eq!(engineer.attr("dir"), Some("ltr"));
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let link = engineer.select(&select(".card-title a")).next().unwrap();
    assert_eq!(link.attr("href"), Some("/en/jobs/engineer/"));
    // ...while the listing's own words in it stay Arabic, each read right
    // to left in the card's line.
    for css in [".card-lang", ".meta", ".card-deadline"] {
        let e = engineer.select(&select(css)).next().unwrap();
        assert_eq!(e.attr("lang"), Some("ar"), "{css}");
    }
    for css in [".card-deadline .label", ".meta li span"] {
        let e = engineer.select(&select(css)).next().unwrap();
        assert_eq!(e.attr("dir"), Some("rtl"), "{css}");
    }
}
