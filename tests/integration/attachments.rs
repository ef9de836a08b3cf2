//! A posting written as a folder publishes its other files (a PDF) beside each
//! language's page, byte for byte, and its pages link them.

use crate::common::{NOW, build, fixture, page, text};

fn pdf() -> Vec<u8> {
    std::fs::read(fixture("board").join("content/postings/analyst/job-description.pdf")).unwrap()
}

#[test]
fn an_attachment_is_published_beside_each_languages_page_with_identical_bytes() {
    let built = build("board", NOW);
    let original = pdf();
    assert!(original.starts_with(b"%PDF"));
    for lang in ["sv", "en"] {
        let path = format!("{lang}/jobs/analyst/job-description.pdf");
        assert_eq!(built.output.get(&path), Some(&original[..]), "{path}");
    }
}

#[test]
fn each_posting_page_lists_its_attachment() {
    let built = build("board", NOW);
    for lang in ["sv", "en"] {
        let p = page(&built, &format!("{lang}/jobs/analyst/index.html"));
        let href = format!("/{lang}/jobs/analyst/job-description.pdf");
        let link = p
            .first(&format!(".attachments a[href='{href}']"))
            .unwrap_or_else(|| panic!("{lang}: no link to {href}"));
        assert_eq!(text(&link), "job-description.pdf");
    }
}

#[test]
fn a_relative_link_in_the_text_leads_to_the_attachment() {
    let built = build("board", NOW);
    let p = page(&built, "en/jobs/analyst/index.html");
    let link = p
        .all("main a")
        .into_iter()
        .find(|a| text(a) == "job description")
        .expect("the link written in the posting's text");
    let base = url::Url::parse("https://jobb.example.se/en/jobs/analyst/").unwrap();
    let target = base.join(link.attr("href").unwrap()).unwrap();
    let file = target.path().trim_start_matches('/');
    assert_eq!(file, "en/jobs/analyst/job-description.pdf");
    assert!(built.output.get(file).is_some());
}

#[test]
fn only_the_posting_in_the_folder_gets_the_attachment() {
    let built = build("board", NOW);
    let copies: Vec<&str> = built
        .output
        .files
        .keys()
        .map(|p| &**p)
        .filter(|p| p.ends_with(".pdf"))
        .collect();
    assert_eq!(
        copies,
        [
            "en/jobs/analyst/job-description.pdf",
            "sv/jobs/analyst/job-description.pdf"
        ]
    );
}
