//! Sorting listings and the accessibility statement, as a job seeker sees them.

use crate::common;

use crate::common::{NOW, assert_snapshot, build, build_dir, fixture, page, sel, slug_of, text};

fn card_slugs(path: &str) -> Vec<String> {
    let built = build("board", NOW);
    let p = page(&built, path);
    p.doc
        .select(&sel("main .results .card-title a"))
        .filter_map(|a| a.value().attr("href").map(slug_of))
        .collect()
}

#[test]
fn the_home_page_lists_newest_first_and_the_soonest_page_closing_soonest_first() {
    // page_size is 3 in the board fixture
    assert_eq!(
        card_slugs("sv/index.html"),
        vec!["analyst", "developer", "editor"]
    );
    assert_eq!(card_slugs("sv/page/2/index.html"), vec!["case-officer"]);
    assert_eq!(
        card_slugs("sv/soonest/index.html"),
        vec!["editor", "case-officer", "analyst"]
    );
    assert_eq!(
        card_slugs("en/soonest/page/2/index.html"),
        vec!["developer"]
    );
}

#[test]
fn both_orders_link_each_other_and_mark_the_current_one() {
    let built = build("board", NOW);
    for (path, current) in [
        ("sv/index.html", "/sv/"),
        ("sv/soonest/index.html", "/sv/soonest/"),
    ] {
        let p = page(&built, path);
        let links: Vec<(String, bool)> = p
            .doc
            .select(&sel("nav.sort a"))
            .map(|a| {
                (
                    a.value().attr("href").unwrap().to_string(),
                    a.value().attr("aria-current").is_some(),
                )
            })
            .collect();
        assert_eq!(links.len(), 2, "{path}");
        assert!(
            links.contains(&(current.to_string(), true)),
            "{path}: {links:?}"
        );
    }
    let soonest = page(&built, "sv/soonest/index.html");
    let robots = soonest
        .doc
        .select(&sel("meta[name=robots]"))
        .next()
        .unwrap();
    assert_eq!(
        robots.value().attr("content"),
        Some("noindex"),
        "the second order is not indexed"
    );
}

#[test]
fn the_accessibility_statement_says_how_to_report_and_where_to_complain_in_every_language() {
    let built = build_dir(&fixture("feeds"), NOW, None);
    for (lang, heading, known) in [
        ("sv", "Tillgänglighetsredogörelse", "PDF-bilagor"),
        ("en", "Accessibility statement", "PDF attachments"),
    ] {
        let p = page(&built, &format!("{lang}/accessibility/index.html"));
        let h1 = p.doc.select(&sel("h1")).next().unwrap();
        assert_eq!(text(&h1), heading);
        let body = text(&p.doc.select(&sel("main")).next().unwrap());
        assert!(body.contains(known), "{lang}: known problems are listed");
        assert!(
            body.contains("WCAG 2.2 AA"),
            "{lang}: the standard is named"
        );
        let hrefs: Vec<&str> = p
            .doc
            .select(&sel("main a"))
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(
            hrefs.contains(&"mailto:access@example.se"),
            "{lang}: {hrefs:?}"
        );
        assert!(
            hrefs.contains(&"https://supervisor.example.se/"),
            "{lang}: {hrefs:?}"
        );
        let date = p.doc.select(&sel("main time")).next().unwrap();
        assert_eq!(date.value().attr("datetime"), Some("2026-01-15"));
        let footer: Vec<&str> = p
            .doc
            .select(&sel("footer a"))
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(
            footer.contains(&format!("/jobs/{lang}/accessibility/").as_str()),
            "linked from every footer"
        );
    }
}

#[test]
fn a_site_without_statement_settings_can_write_its_own_statement_page() {
    let built = build("board", NOW);
    let own = page(&built, "sv/accessibility/index.html");
    assert!(
        own.doc
            .select(&sel("section.statement, article.statement"))
            .next()
            .is_none()
    );
    assert!(
        built.output.get("en/accessibility/index.html").is_none(),
        "the board has no English statement"
    );
}

#[test]
fn a_statement_page_and_statement_settings_together_are_an_error() {
    let site = common::copy_fixture("feeds");
    let pages = site.path().join("content/pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(
        pages.join("accessibility.sv.md"),
        "+++\ntitle = \"Egen\"\n+++\n\nText.\n",
    )
    .unwrap();
    let errors = common::errors_of_dir(site.path(), NOW);
    let error = errors.errors().next().unwrap();
    assert_eq!(
        error.file(),
        Some(std::path::Path::new("content/pages/accessibility.sv.md"))
    );
    assert_snapshot("listings/two-statements", &error.render());
}

#[test]
fn a_long_listing_links_its_ends_and_the_pages_around_the_current_one() {
    let site = common::copy_fixture("board");
    for n in 0..40 {
        let published = format!("2026-02-1{}", n % 10);
        common::add_posting(site.path(), &format!("extra-{n:02}"), &published, "Malmö");
    }
    let built = build_dir(site.path(), NOW, None);
    // 44 open postings, three to a page: 15 pages.
    let p = page(&built, "sv/page/8/index.html");
    let items: Vec<String> = p
        .all(".pagination li")
        .iter()
        .map(|li| {
            if li.value().attr("aria-hidden") == Some("true") {
                "…".to_string()
            } else {
                text(li)
            }
        })
        .collect();
    assert_eq!(
        items.join(" "),
        "Föregående sida 1 … 6 7 8 9 10 … 15 Nästa sida",
        "the pagination of page 8"
    );
    assert_eq!(
        p.attr(".pagination a[aria-current=page]", "href")
            .as_deref(),
        Some("/sv/page/8/")
    );
    // The gap is not a link and is hidden from screen readers.
    assert!(
        p.all(".pagination li[aria-hidden=true]")
            .iter()
            .all(|li| li.select(&sel("a")).next().is_none())
    );
    let last = page(&built, "sv/page/15/index.html");
    assert_eq!(last.cards().len(), 2);
}
