//! Feeds, calendars, structured data and the sitemap, read back with real
//! parsers (roxmltree, the icalendar crate's parser, serde_json) the way feed
//! readers, calendar apps and search engines read them.

use std::path::Path;

use chrono::DateTime;
use scraper::{Html, Selector};
use serde_json::Value;
use vacancy::Built;

const NOW: &str = "2026-03-01T12:00:00+01:00";
const HOSTILE: &str = "</script><script>alert(\"x\")</script> & ]]> 'quoted' <b>bold</b>";

fn build() -> Built {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds");
    let now = DateTime::parse_from_rfc3339(NOW).unwrap();
    vacancy::build_in_memory(&root, now, None).unwrap_or_else(|f| panic!("fixture must build: {f}"))
}

fn text(built: &Built, path: &str) -> String {
    let bytes = built
        .output
        .get(path)
        .unwrap_or_else(|| panic!("{path} is missing"));
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.has_tag_name(name))
        .and_then(|c| c.text())
}

struct Item {
    title: String,
    link: String,
    guid: String,
    pub_date: String,
    description: String,
    categories: Vec<String>,
}

fn items(xml: &str) -> Vec<Item> {
    let doc = roxmltree::Document::parse(xml).expect("the feed is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|n| Item {
            title: child_text(n, "title").unwrap_or_default().to_string(),
            link: child_text(n, "link").unwrap_or_default().to_string(),
            guid: child_text(n, "guid").unwrap_or_default().to_string(),
            pub_date: child_text(n, "pubDate").unwrap_or_default().to_string(),
            description: child_text(n, "description").unwrap_or_default().to_string(),
            categories: n
                .children()
                .filter(|c| c.has_tag_name("category"))
                .filter_map(|c| c.text().map(str::to_string))
                .collect(),
        })
        .collect()
}

#[test]
fn the_language_feed_lists_open_postings_newest_first_with_their_facts() {
    let built = build();
    let xml = text(&built, "sv/feed.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let rss = doc.root_element();
    assert_eq!(rss.tag_name().name(), "rss");
    assert_eq!(rss.attribute("version"), Some("2.0"));
    let channel = rss.children().find(|c| c.has_tag_name("channel")).unwrap();
    assert_eq!(child_text(channel, "language"), Some("sv"));
    assert_eq!(
        child_text(channel, "link"),
        Some("https://example.se/jobs/sv/")
    );
    assert!(DateTime::parse_from_rfc2822(child_text(channel, "lastBuildDate").unwrap()).is_ok());
    let atom = channel
        .children()
        .find(|c| c.has_tag_name(("http://www.w3.org/2005/Atom", "link")))
        .expect("atom:link");
    assert_eq!(atom.attribute("rel"), Some("self"));
    assert_eq!(
        atom.attribute("href"),
        Some("https://example.se/jobs/sv/feed.xml")
    );

    let items = items(&xml);
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        vec!["Distansjobb", HOSTILE],
        "open only, newest first"
    );
    let hostile = &items[1];
    assert_eq!(hostile.link, "https://example.se/jobs/sv/jobs/hostile/");
    assert_eq!(hostile.guid, hostile.link, "the guid is the permalink");
    let published = DateTime::parse_from_rfc2822(&hostile.pub_date).unwrap();
    assert_eq!(published.to_rfc3339(), "2026-02-10T00:00:00+01:00");
    assert!(
        hostile
            .description
            .contains("Norrköping · Tillsvidareanställning"),
        "{}",
        hostile.description
    );
    assert!(
        hostile.description.contains("20 mars 2026"),
        "{}",
        hostile.description
    );
    assert!(
        hostile.description.contains("&lt;tag&gt; &amp; ]]&gt;"),
        "the summary is escaped inside the description's HTML: {}",
        hostile.description
    );
    assert!(hostile.categories.contains(&"Norrköping".to_string()));
    assert!(hostile.categories.contains(&"IT".to_string()));
}

#[test]
fn feeds_are_written_in_their_own_language_and_link_translations() {
    let built = build();
    let items = items(&text(&built, "en/feed.xml"));
    let hostile = items.iter().find(|i| i.link.contains("hostile")).unwrap();
    assert_eq!(hostile.title, "Developer <i>&</i> tester");
    assert_eq!(hostile.link, "https://example.se/jobs/en/jobs/hostile/");
    assert!(
        hostile.description.contains("Permanent"),
        "{}",
        hostile.description
    );
    let remote = items.iter().find(|i| i.link.contains("remote")).unwrap();
    assert_eq!(
        remote.link, "https://example.se/jobs/sv/jobs/remote/",
        "untranslated posting links to its language"
    );
}

#[test]
fn every_location_employment_and_category_has_a_feed_of_its_own_postings() {
    let built = build();
    let titles = |path: &str| -> Vec<String> {
        items(&text(&built, path))
            .into_iter()
            .map(|i| i.title)
            .collect()
    };
    assert_eq!(
        titles("sv/locations/norrkoping/feed.xml"),
        vec![HOSTILE.to_string()]
    );
    assert_eq!(
        titles("sv/employment/internship/feed.xml"),
        vec!["Distansjobb".to_string()]
    );
    assert_eq!(
        titles("en/categories/legal/feed.xml"),
        vec!["Distansjobb".to_string()]
    );
    // Only a closed posting is in Stockholm: its place keeps a page (the
    // posting's page links it), but the feed lists nothing.
    assert_eq!(
        titles("sv/locations/stockholm/feed.xml"),
        Vec::<String>::new(),
        "only a closed posting is in Stockholm"
    );
}

#[test]
fn closed_and_future_postings_are_in_no_feed_calendar_sitemap_or_json() {
    let built = build();
    for (path, bytes) in &built.output.files {
        let is_data = [".xml", ".ics", ".json"]
            .iter()
            .any(|ext| path.ends_with(ext));
        if !is_data {
            continue;
        }
        let body = String::from_utf8_lossy(bytes);
        for gone in [
            "Stängd annons",
            "Framtida annons",
            "jobs/closed/",
            "jobs/future/",
        ] {
            assert!(!body.contains(gone), "{path} mentions {gone}");
        }
    }
}

#[test]
fn calendars_hold_one_deadline_event_per_open_posting_and_parse_as_icalendar() {
    use icalendar::{Calendar, Component};
    let built = build();
    let raw = text(&built, "sv/deadlines.ics");
    for line in raw.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
    }
    assert!(
        !raw.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    let calendar: Calendar = raw.parse().expect("valid iCalendar");
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 2);
    let hostile = events
        .iter()
        .find(|e| e.get_uid() == Some("deadline-hostile-sv@example.se"))
        .expect("stable UID");
    assert_eq!(
        hostile.get_summary(),
        Some(format!("Sista ansökningsdag: {HOSTILE}").as_str())
    );
    assert!(hostile.property_value("DTSTAMP").is_some());
    let start = hostile.get_start().unwrap();
    assert_eq!(
        format!("{start:?}"),
        "Date(2026-03-20)",
        "an all-day event on the deadline"
    );
    let remote = events
        .iter()
        .find(|e| e.get_uid() == Some("deadline-remote-sv@example.se"))
        .unwrap();
    assert!(
        format!("{:?}", remote.get_start().unwrap()).contains("11:00:00"),
        "timed deadline in UTC"
    );
    let single = text(&built, "sv/jobs/hostile/deadline.ics");
    let one: Calendar = single.parse().unwrap();
    assert_eq!(one.events().count(), 1);
    assert!(built.output.get("sv/jobs/closed/deadline.ics").is_none());
}

#[test]
fn rebuilding_at_the_same_moment_gives_identical_feeds_and_calendars() {
    let (a, b) = (build(), build());
    for path in [
        "sv/feed.xml",
        "sv/deadlines.ics",
        "sitemap.xml",
        "en/postings.json",
    ] {
        assert_eq!(a.output.get(path), b.output.get(path), "{path}");
    }
}

fn json_ld(built: &Built, path: &str) -> Vec<Value> {
    let html = Html::parse_document(&text(built, path));
    let sel = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    html.select(&sel)
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).expect("JSON-LD parses"))
        .collect()
}

#[test]
fn an_open_posting_page_carries_one_job_posting_that_survives_a_hostile_title() {
    let built = build();
    let blocks = json_ld(&built, "sv/jobs/hostile/index.html");
    assert_eq!(
        blocks.len(),
        1,
        "exactly one JSON-LD block, not cut short by </script>"
    );
    let jp = &blocks[0];
    assert_eq!(jp["@type"], "JobPosting");
    assert_eq!(jp["title"], HOSTILE);
    assert_eq!(jp["datePosted"], "2026-02-10");
    assert_eq!(jp["validThrough"], "2026-03-20T23:59:59+01:00");
    assert_eq!(jp["employmentType"], serde_json::json!(["FULL_TIME"]));
    assert_eq!(jp["hiringOrganization"]["name"], "Myndigheten");
    assert_eq!(
        jp["hiringOrganization"]["logo"],
        "https://example.se/jobs/assets/logo.svg"
    );
    let address = &jp["jobLocation"][0]["address"];
    assert_eq!(address["@type"], "PostalAddress");
    assert_eq!(address["addressLocality"], "Norrköping");
    assert_eq!(address["addressRegion"], "Östergötlands län");
    assert_eq!(address["addressCountry"], "SE");
    assert_eq!(jp["baseSalary"]["currency"], "SEK");
    assert_eq!(jp["baseSalary"]["value"]["minValue"], 38000.0);
    assert_eq!(jp["baseSalary"]["value"]["unitText"], "MONTH");
    assert_eq!(jp["identifier"]["value"], "2026/1");
    // Applying happens on the recruitment system apply_url names, not on the page.
    assert_eq!(jp["directApply"], false);
    assert!(
        jp["description"]
            .as_str()
            .unwrap()
            .contains("<p>Brödtext.</p>")
    );
    let raw = text(&built, "sv/jobs/hostile/index.html");
    assert!(
        !raw.contains("<script>alert"),
        "the hostile title never appears as markup"
    );
}

#[test]
fn a_remote_posting_is_telecommute_with_a_country_requirement_and_no_invented_salary() {
    let built = build();
    let jp = &json_ld(&built, "sv/jobs/remote/index.html")[0];
    assert_eq!(jp["jobLocationType"], "TELECOMMUTE");
    assert_eq!(
        jp["applicantLocationRequirements"],
        serde_json::json!([{ "@type": "Country", "name": "Sweden" }])
    );
    assert!(jp.get("jobLocation").is_none());
    assert!(
        jp.get("baseSalary").is_none(),
        "a salary text gives no figures"
    );
    assert_eq!(
        jp["directApply"], false,
        "apply by e-mail is not direct apply"
    );
    assert_eq!(
        jp["employmentType"],
        serde_json::json!(["PART_TIME", "INTERN"])
    );
    assert_eq!(jp["validThrough"], "2026-03-10T12:00:00+01:00");
}

#[test]
fn a_closed_posting_page_has_no_job_posting_and_is_noindex() {
    let built = build();
    assert!(json_ld(&built, "sv/jobs/closed/index.html").is_empty());
    let html = Html::parse_document(&text(&built, "sv/jobs/closed/index.html"));
    let robots = Selector::parse("meta[name=robots]").unwrap();
    let content = html
        .select(&robots)
        .next()
        .and_then(|m| m.value().attr("content"));
    assert_eq!(content, Some("noindex"));
}

#[test]
fn the_sitemap_lists_indexable_pages_with_every_translation_and_x_default() {
    let built = build();
    let xml = text(&built, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let urls: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "url")))
        .collect();
    let locs: Vec<&str> = urls
        .iter()
        .filter_map(|u| u.children().find(|c| c.has_tag_name((ns, "loc")))?.text())
        .collect();
    assert!(
        locs.iter()
            .all(|l| l.starts_with("https://example.se/jobs/")),
        "{locs:?}"
    );
    assert!(locs.contains(&"https://example.se/jobs/sv/jobs/hostile/"));
    assert!(
        !locs.iter().any(|l| l.contains("/archive/")),
        "the archive is noindex"
    );
    let hostile = urls
        .iter()
        .find(|u| {
            u.children()
                .any(|c| c.text() == Some("https://example.se/jobs/en/jobs/hostile/"))
        })
        .unwrap();
    let lastmod = hostile
        .children()
        .find(|c| c.has_tag_name((ns, "lastmod")))
        .and_then(|c| c.text());
    assert_eq!(lastmod, Some("2026-02-10"));
    let alternates: Vec<(String, String)> = hostile
        .children()
        .filter(|c| c.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
        .map(|l| {
            (
                l.attribute("hreflang").unwrap().into(),
                l.attribute("href").unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        alternates,
        vec![
            (
                "en".to_string(),
                "https://example.se/jobs/en/jobs/hostile/".to_string()
            ),
            (
                "sv".to_string(),
                "https://example.se/jobs/sv/jobs/hostile/".to_string()
            ),
            (
                "x-default".to_string(),
                "https://example.se/jobs/sv/jobs/hostile/".to_string()
            ),
        ]
    );
    let robots = text(&built, "robots.txt");
    assert!(
        robots.contains("Sitemap: https://example.se/jobs/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn postings_json_lists_open_postings_with_facts_and_absolute_urls() {
    let built = build();
    let data: Value = serde_json::from_str(&text(&built, "en/postings.json")).unwrap();
    assert_eq!(data["language"], "en");
    let postings = data["postings"].as_array().unwrap();
    assert_eq!(postings.len(), 2);
    let hostile = postings.iter().find(|p| p["slug"] == "hostile").unwrap();
    assert_eq!(hostile["url"], "https://example.se/jobs/en/jobs/hostile/");
    assert_eq!(hostile["title"], "Developer <i>&</i> tester");
    assert_eq!(
        hostile["employment"]["label"],
        "Permanent, probationary period"
    );
    assert_eq!(hostile["locations"][0]["key"], "norrkoping");
    assert_eq!(hostile["deadline"], "2026-03-20T23:59:59+01:00");
    assert_eq!(hostile["salary"]["min"], 38000.0);
    let remote = postings.iter().find(|p| p["slug"] == "remote").unwrap();
    assert_eq!(
        remote["lang"], "sv",
        "an untranslated posting says its language"
    );
}

#[test]
fn listing_pages_advertise_their_feed_and_posting_pages_their_calendar() {
    let built = build();
    let select = |html: &Html, css: &str| -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        html.select(&sel)
            .filter_map(|e| e.value().attr("href").map(str::to_string))
            .collect()
    };
    for (page, feed, visible) in [
        (
            "sv/index.html",
            "https://example.se/jobs/sv/feed.xml",
            "/jobs/sv/feed.xml",
        ),
        (
            "en/locations/norrkoping/index.html",
            "https://example.se/jobs/en/locations/norrkoping/feed.xml",
            "/jobs/en/locations/norrkoping/feed.xml",
        ),
    ] {
        let html = Html::parse_document(&text(&built, page));
        assert_eq!(
            select(&html, "link[rel=alternate][type=\"application/rss+xml\"]"),
            vec![feed.to_string()]
        );
        assert!(
            select(&html, "main a, aside a").contains(&visible.to_string()),
            "{page} shows no subscribe link"
        );
        let feed_file = visible.trim_start_matches("/jobs/");
        assert!(
            built.output.get(feed_file).is_some(),
            "{feed_file} is linked but missing"
        );
    }
    let posting = Html::parse_document(&text(&built, "sv/jobs/hostile/index.html"));
    assert!(
        select(&posting, "a[type=\"text/calendar\"]")
            .contains(&"/jobs/sv/jobs/hostile/deadline.ics".to_string())
    );
    let closed = Html::parse_document(&text(&built, "sv/jobs/closed/index.html"));
    assert!(
        select(&closed, "a[type=\"text/calendar\"]").is_empty(),
        "no calendar for a closed posting"
    );
}
