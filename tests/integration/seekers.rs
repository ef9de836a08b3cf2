//! Issue 18: a posting page as a job seeker meets it: what they decide on
//! first, one way to apply however it is done, and the words the posting
//! means.

use crate::common::{NOW, build_dir, copy_fixture, page, text};

/// Writes `content/postings/<name>` in `site`.
fn write(site: &std::path::Path, name: &str, text: &str) {
    std::fs::write(site.join("content/postings").join(name), text).unwrap();
}

/// The places, employment, extent, salary and deadline come first, beside
/// the apply action: a solid button, also when one applies by e-mail (a
/// `mailto:` link with the title as subject). The other facts follow in
/// their groups.
#[test]
fn a_posting_leads_with_what_a_job_seeker_decides_on_and_one_apply_button() {
    let site = copy_fixture("board");
    write(
        site.path(),
        "writer.sv.md",
        "+++\ntitle = \"Skribent & redaktör\"\npublished = 2026-02-20\ndeadline = 2026-03-31\n\
         locations = [\"Gävle\"]\nworkplace = \"hybrid\"\nemployment = \"permanent\"\nextent = \"full-time\"\n\
         salary = { min = 38000, max = 46000, currency = \"SEK\" }\nstart = \"by-agreement\"\n\
         reference = \"2026/123\"\napply_email = \"jobb@example.se\"\n+++\n\nVi söker en skribent.\n",
    );
    let built = build_dir(site.path(), NOW, None);
    let p = page(&built, "sv/jobs/writer/index.html");
    let lead: Vec<String> = p.all(".posting-panel .lead dt").iter().map(text).collect();
    assert_eq!(
        lead,
        [
            "Ort",
            "Anställningsform",
            "Omfattning",
            "Lön",
            "Sista ansökningsdag"
        ]
    );
    let places: Vec<String> = p.all(".lead .fact-locations li").iter().map(text).collect();
    assert_eq!(places, ["Gävle", "Delvis på distans"]);
    let buttons = p.all(".posting-panel a.button");
    assert_eq!(buttons.len(), 1);
    assert_eq!(text(&buttons[0]), "Sök jobbet via e-post");
    assert_eq!(
        buttons[0].attr("href"),
        Some("mailto:jobb@example.se?subject=Skribent%20%26%20redakt%C3%B6r")
    );
    let groups: Vec<String> = p.all(".posting-main .facts h2").iter().map(text).collect();
    assert_eq!(
        groups,
        ["Fakta om jobbet", "Anställningsvillkor", "Om rekryteringen"]
    );
    let terms: Vec<String> = p.all("#facts-terms ~ dl dt").iter().map(text).collect();
    assert_eq!(terms, ["Tillträde"]);
    // Passing it on: e-mail and LinkedIn links, copying only with the script.
    let share: Vec<(String, String)> = p
        .all(".share li:not([hidden]) a")
        .iter()
        .map(|a| (text(a), a.attr("href").unwrap_or_default().to_string()))
        .collect();
    let address = "https%3A%2F%2Fjobb.example.se%2Fsv%2Fjobs%2Fwriter%2F";
    assert_eq!(
        share,
        [
            (
                "E-post".to_string(),
                format!("mailto:?subject=Skribent%20%26%20redakt%C3%B6r&body={address}")
            ),
            (
                "LinkedIn".to_string(),
                format!("https://www.linkedin.com/sharing/share-offsite/?url={address}")
            ),
        ]
    );
    let copy = p.first(".share [data-share-copy]").unwrap();
    assert_eq!(
        copy.attr("data-copy"),
        Some("https://jobb.example.se/sv/jobs/writer/")
    );
}

/// A text with its own "Så söker du" and "Säkerhetsprövning" sections gets
/// no second heading with those words and no second notice; without them,
/// the page adds its own, and says that the screening is required.
#[test]
fn a_text_with_its_own_how_to_apply_gets_no_second_heading() {
    let site = copy_fixture("board");
    let facts = "published = 2026-02-20\ndeadline = 2026-03-31\nlocations = [\"Gävle\"]\n\
                 employment = \"permanent\"\nextent = \"full-time\"\nscreening = true\n\
                 apply_url = \"https://www.example.se/apply/9\"\n";
    write(
        site.path(),
        "own.sv.md",
        &format!(
            "+++\ntitle = \"Jurist\"\n{facts}+++\n\nText.\n\n## Så söker du:\n\nSök senast i mars.\n\n\
             ## Säkerhetsprövning\n\nTjänsten är säkerhetsklassad.\n"
        ),
    );
    write(
        site.path(),
        "plain.sv.md",
        &format!("+++\ntitle = \"Utredare\"\n{facts}+++\n\nText.\n"),
    );
    let built = build_dir(site.path(), NOW, None);
    let own = page(&built, "sv/jobs/own/index.html");
    let headings: Vec<String> = own.all("main h2").iter().map(text).collect();
    assert_eq!(
        headings
            .iter()
            .filter(|h| h.starts_with("Så söker du"))
            .count(),
        1,
        "{headings:?}"
    );
    let apply = own.first("#apply").unwrap();
    assert_eq!(apply.attr("aria-label"), Some("Ansök"));
    assert!(own.first("#apply h2").is_none());
    assert!(own.first(".notice").is_none());

    let plain = page(&built, "sv/jobs/plain/index.html");
    assert_eq!(text(&plain.first("#apply h2").unwrap()), "Så söker du");
    let notice = text(&plain.first(".notice").unwrap());
    assert!(
        notice.starts_with("Säkerhetsprövning Tjänsten kräver säkerhetsprövning"),
        "{notice}"
    );
}

/// Long words of titles and texts carry soft hyphens between syllables, so
/// a narrow screen breaks them with a hyphen; the words read the same.
#[test]
fn long_words_break_at_syllables() {
    let site = copy_fixture("board");
    write(
        site.path(),
        "long.sv.md",
        "+++\ntitle = \"Migrationshandläggare\"\npublished = 2026-02-20\ndeadline = 2026-03-31\n\
         locations = [\"Gävle\"]\nemployment = \"permanent\"\nextent = \"full-time\"\n+++\n\n\
         Till medborgarskapsenheterna, see <https://www.example.se/medborgarskapsenheterna>.\n",
    );
    let built = build_dir(site.path(), NOW, None);
    let p = page(&built, "sv/jobs/long/index.html");
    let h1 = p.first("h1").unwrap().text().collect::<String>();
    assert_eq!(
        h1,
        "Mi\u{ad}gra\u{ad}tions\u{ad}hand\u{ad}läg\u{ad}ga\u{ad}re"
    );
    let link = p.first(".posting-body a").unwrap();
    assert_eq!(
        link.attr("href"),
        Some("https://www.example.se/medborgarskapsenheterna"),
        "addresses are left as written"
    );
    assert!(!link.text().collect::<String>().contains('\u{ad}'));
    assert_eq!(
        text(&p.first(".posting-body p").unwrap())
            .split(", ")
            .next(),
        Some("Till medborgarskapsenheterna")
    );
}

/// A listing card gives the salary when the posting gives figures, and
/// marks a posting new for `new_days` days after it is published (7 unless
/// vacancy.toml says otherwise; 0 never).
#[test]
fn cards_give_the_salary_and_mark_new_postings() {
    let site = copy_fixture("board");
    let posting = |published: &str, salary: &str| {
        format!(
            "+++\ntitle = \"Jurist\"\npublished = {published}\ndeadline = 2026-03-31\nlocations = [\"Gävle\"]\n\
             employment = \"permanent\"\nextent = \"full-time\"\n{salary}+++\n\nText.\n"
        )
    };
    write(
        site.path(),
        "fresh.sv.md",
        &posting(
            "2026-02-27",
            "salary = { min = 38000, max = 46000, currency = \"SEK\" }\n",
        ),
    );
    write(
        site.path(),
        "older.sv.md",
        &posting("2026-02-20", "salary = \"Enligt avtal\"\n"),
    );
    let built = build_dir(site.path(), NOW, None);
    let home = page(&built, "sv/locations/gavle/index.html");
    let card = |slug: &str| {
        home.all(".card")
            .into_iter()
            .find(|c| {
                c.select(&scraper::Selector::parse("a").unwrap())
                    .any(|a| a.attr("href") == Some(&format!("/sv/jobs/{slug}/")))
            })
            .unwrap_or_else(|| panic!("a card for {slug}"))
    };
    let meta = |slug: &str| -> Vec<String> {
        card(slug)
            .select(&scraper::Selector::parse(".meta li").unwrap())
            .map(|li| text(&li))
            .collect()
    };
    assert_eq!(
        meta("fresh"),
        [
            "Gävle",
            "Tillsvidareanställning",
            "Heltid",
            "38 000–46 000 SEK per månad"
        ]
    );
    assert_eq!(meta("older"), ["Gävle", "Tillsvidareanställning", "Heltid"]);
    let new = |c: scraper::ElementRef<'_>| {
        c.select(&scraper::Selector::parse(".card-new").unwrap())
            .map(|e| (text(&e), e.attr("data-new-until").map(str::to_string)))
            .next()
    };
    assert_eq!(
        new(card("fresh")),
        Some(("Ny".to_string(), Some("2026-03-06".to_string())))
    );
    assert_eq!(new(card("older")), None, "published 9 days before");

    let toml = site.path().join("vacancy.toml");
    let config = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("new_days = 0\n{config}")).unwrap();
    let built = build_dir(site.path(), NOW, None);
    let home = page(&built, "sv/locations/gavle/index.html");
    assert!(home.first(".card-new").is_none(), "new_days = 0 marks none");
}

/// Without the script, every filter of the panel is a page: extent and
/// workplace too, each listing the open postings it holds.
#[test]
fn extent_and_workplace_have_filter_pages_without_the_script() {
    let site = copy_fixture("board");
    write(
        site.path(),
        "remote.sv.md",
        "+++\ntitle = \"Utvecklare på distans\"\npublished = 2026-02-20\ndeadline = 2026-03-31\n\
         workplace = \"remote\"\nemployment = \"permanent\"\nextent = \"part-time\"\n+++\n\nText.\n",
    );
    let built = build_dir(site.path(), NOW, None);
    let home = page(&built, "sv/index.html");
    let groups: Vec<String> = home.all(".filter-group h2").iter().map(text).collect();
    assert_eq!(
        groups,
        [
            "Ort",
            "Anställningsform",
            "Omfattning",
            "Arbetsplats",
            "Yrkesområde"
        ]
    );
    let links: Vec<(String, String)> = home
        .all("#filter-workplace ~ ul a")
        .iter()
        .map(|a| (text(a), a.attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(
        links,
        [
            (
                "På arbetsplatsen (4)".to_string(),
                "/sv/workplace/onsite/".to_string()
            ),
            (
                "På distans (1)".to_string(),
                "/sv/workplace/remote/".to_string()
            ),
        ]
    );
    let remote = page(&built, "sv/workplace/remote/index.html");
    assert_eq!(text(&remote.first("h1").unwrap()), "På distans");
    let titles: Vec<String> = remote.all(".card-title").iter().map(text).collect();
    assert_eq!(titles, ["Utvecklare på distans"]);
    let part_time = page(&built, "sv/extent/part-time/index.html");
    let titles: Vec<String> = part_time.all(".card-title").iter().map(text).collect();
    assert!(
        titles.contains(&"Utvecklare på distans".to_string()),
        "{titles:?}"
    );
}
