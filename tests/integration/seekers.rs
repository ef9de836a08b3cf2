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
