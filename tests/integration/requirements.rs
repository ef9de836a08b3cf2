//! Issue 16: the facts public employers publish (openings, occupation,
//! experience, education, languages, driving licence, remote regions, a
//! social image), validated with editor-grade errors and carried into
//! JSON-LD only where the posting holds them.

use scraper::{Html, Selector};
use serde_json::Value;

use crate::common::{
    self, NOW, assert_snapshot, copy_fixture, errors_of_dir, render_all, repository,
};
use vacancy::model::{Experience, Status, Workplace};

const POSTING: &str = "content/postings/case-officer.sv.md";

fn with_facts(facts: &str) -> String {
    let site = copy_fixture("board");
    let path = site.path().join(POSTING);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("\n+++", &format!("\n{facts}+++"), 1)).unwrap();
    render_all(&errors_of_dir(site.path(), NOW))
}

#[test]
fn each_new_field_with_a_wrong_value_says_what_to_write() {
    let shown = with_facts(
        "openings = 0\n\
         occupation = { isco = \"2429\", ssyk = \"24\" }\n\
         experience = \"lots\"\n\
         education = \"phd\"\n\
         languages = [\"xx\", { code = \"SV\", level = \"good\" }, { code = \"en\", level = \"perfect\" }]\n\
         driving_licence = [\"b\", \"Z\"]\n\
         remote_regions = [\"Sweden\", \"se\"]\n",
    );
    assert_snapshot("requirements/wrong-values", &shown);
}

#[test]
fn remote_regions_on_a_job_that_is_not_remote_is_an_error() {
    let shown = with_facts("remote_regions = [\"SE\", \"NO\"]\n");
    assert_snapshot("requirements/regions-not-remote", &shown);
}

/// An SVG (or any image link previews cannot show) is refused as the social
/// image, and an image needs its description.
#[test]
fn an_svg_social_image_is_refused_and_an_image_needs_words() {
    let site = copy_fixture("board");
    let config = site.path().join("vacancy.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let svg = text.replace(
        "logo = \"assets/logo.svg\"\n",
        "logo = \"assets/logo.svg\"\nimage = \"assets/logo.svg\"\n\
         image_alt = { sv = \"Logotypen\", en = \"The logo\" }\n",
    );
    assert_ne!(svg, text);
    std::fs::write(&config, svg).unwrap();
    let mut shown = render_all(&errors_of_dir(site.path(), NOW));
    let no_alt = text.replace(
        "logo = \"assets/logo.svg\"\n",
        "logo = \"assets/logo.svg\"\nimage = \"assets/share.png\"\n",
    );
    std::fs::write(&config, no_alt).unwrap();
    shown.push_str(&render_all(&errors_of_dir(site.path(), NOW)));
    assert_snapshot("requirements/social-image", &shown);
}

/// The example board's social image, and a posting's own, reach Open Graph
/// with size and description; a page without one says `summary`.
#[test]
fn link_previews_get_a_raster_image_with_its_size_and_description() {
    let built = common::build_dir(repository(), "2026-11-23T12:00:00+01:00", None);
    let page = common::page(&built, "en/index.html");
    assert_eq!(
        page.attr("meta[property=\"og:image\"]", "content")
            .as_deref(),
        Some("https://jobb.example.se/assets/share.png")
    );
    assert_eq!(
        page.attr("meta[property=\"og:image:width\"]", "content")
            .as_deref(),
        Some("1200")
    );
    assert_eq!(
        page.attr("meta[property=\"og:image:height\"]", "content")
            .as_deref(),
        Some("630")
    );
    assert_eq!(
        page.attr("meta[name=\"twitter:card\"]", "content")
            .as_deref(),
        Some("summary_large_image")
    );
    let alt = page
        .attr("meta[property=\"og:image:alt\"]", "content")
        .unwrap();
    assert!(alt.starts_with("The words Lediga jobb"), "{alt}");
    for (path, bytes) in common::files_of(&built) {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(&bytes);
            assert!(
                !html.contains("og:image\" content=\"https://jobb.example.se/assets/logo.svg"),
                "{path} offers the SVG logo to link previews"
            );
        }
    }

    // A posting's own image, from its folder, in each language.
    let site = copy_fixture("board");
    let folder = site.path().join("content/postings/analyst");
    std::fs::copy(
        repository().join("static/assets/share.png"),
        folder.join("team.png"),
    )
    .unwrap();
    for (lang, alt) in [("sv", "Tre kollegor"), ("en", "Three colleagues")] {
        let path = folder.join(format!("index.{lang}.md"));
        let text = std::fs::read_to_string(&path).unwrap();
        let fact = if lang == "sv" {
            "image = \"team.png\"\n"
        } else {
            ""
        };
        let changed = text.replacen("\n+++", &format!("\n{fact}image_alt = \"{alt}\"\n+++"), 1);
        std::fs::write(&path, changed).unwrap();
    }
    let built = common::build_dir(site.path(), NOW, None);
    let page = common::page(&built, "en/jobs/analyst/index.html");
    assert_eq!(
        page.attr("meta[property=\"og:image\"]", "content")
            .as_deref(),
        Some("https://jobb.example.se/en/jobs/analyst/team.png")
    );
    assert_eq!(
        page.attr("meta[property=\"og:image:alt\"]", "content")
            .as_deref(),
        Some("Three colleagues")
    );
    let home = common::page(&built, "en/index.html");
    assert!(
        !home.has("meta[property=\"og:image\"]"),
        "the fixture has no site image"
    );
    assert_eq!(
        home.attr("meta[name=\"twitter:card\"]", "content")
            .as_deref(),
        Some("summary")
    );
}

fn json_ld(html: &[u8]) -> Value {
    let doc = Html::parse_document(&String::from_utf8_lossy(html));
    let sel = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    let blocks: Vec<Value> = doc
        .select(&sel)
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).expect("JSON-LD parses"))
        .collect();
    assert_eq!(blocks.len(), 1);
    blocks.into_iter().next().unwrap()
}

/// Every open posting page of the example board, in every language: each
/// recommended property is there exactly when the posting holds the fact,
/// with the type search engines read, and nothing claims direct apply.
#[test]
fn the_example_boards_job_postings_claim_exactly_what_the_postings_hold() {
    let built = common::build_dir(repository(), "2026-11-23T12:00:00+01:00", None);
    let site = &built.site;
    let mut pages = 0;
    let mut seen = std::collections::BTreeSet::new();
    for (i, p) in site.content.postings.iter().enumerate() {
        if site.status[i] != Status::Open {
            continue;
        }
        for t in &p.translations {
            let path = format!("{}/jobs/{}/index.html", t.lang, p.slug);
            let jp = json_ld(built.output.get(&path).expect("the page is built"));
            pages += 1;
            let f = &p.facts;
            assert_ne!(
                jp["directApply"], true,
                "{path}: applying is never on the page"
            );
            let has = |key: &str| jp.get(key).is_some();
            assert_eq!(has("totalJobOpenings"), f.openings.is_some(), "{path}");
            if let Some(n) = f.openings {
                assert_eq!(jp["totalJobOpenings"], u64::from(n), "{path}");
            }
            assert_eq!(
                has("occupationalCategory"),
                f.occupation.is_some(),
                "{path}"
            );
            for code in jp["occupationalCategory"].as_array().into_iter().flatten() {
                assert_eq!(code["@type"], "CategoryCode", "{path}");
                assert_eq!(code["inCodeSet"]["@type"], "CategoryCodeSet", "{path}");
                assert_eq!(code["codeValue"].as_str().map(str::len), Some(4), "{path}");
            }
            let months = match f.experience {
                Some(Experience::Months { months, .. }) => Some(months),
                _ => None,
            };
            assert_eq!(has("experienceRequirements"), months.is_some(), "{path}");
            if let Some(m) = months {
                let e = &jp["experienceRequirements"];
                assert_eq!(e["@type"], "OccupationalExperienceRequirements");
                assert_eq!(e["monthsOfExperience"], u64::from(m));
            }
            assert_eq!(
                has("educationRequirements"),
                f.education.is_some(),
                "{path}"
            );
            if let Some(e) = f.education {
                let c = &jp["educationRequirements"];
                assert_eq!(c["@type"], "EducationalOccupationalCredential");
                assert_eq!(c["credentialCategory"], e.key());
            }
            let remote = f.workplace == Workplace::Remote;
            assert_eq!(has("jobLocationType"), remote, "{path}");
            assert_eq!(has("applicantLocationRequirements"), remote, "{path}");
            if remote {
                assert_eq!(jp["jobLocationType"], "TELECOMMUTE");
                for r in jp["applicantLocationRequirements"].as_array().unwrap() {
                    assert!(
                        ["Country", "AdministrativeArea"].contains(&r["@type"].as_str().unwrap())
                    );
                }
            }
            assert_eq!(has("identifier"), f.reference.is_some(), "{path}");
            if let Some(reference) = &f.reference {
                assert_eq!(jp["identifier"]["@type"], "PropertyValue");
                assert_eq!(jp["identifier"]["value"], reference.as_str());
            }
            for key in jp.as_object().unwrap().keys() {
                seen.insert(key.clone());
            }
        }
    }
    assert!(pages >= 10, "only {pages} open posting pages");
    // The example board exercises every property at least once.
    for key in [
        "totalJobOpenings",
        "occupationalCategory",
        "experienceRequirements",
        "educationRequirements",
        "applicantLocationRequirements",
        "jobLocationType",
        "identifier",
        "directApply",
    ] {
        assert!(seen.contains(key), "no open posting has {key}");
    }
}

/// `postings.json` of every language, of the example board and of every
/// fixture, validates against the JSON Schema the build publishes beside it;
/// the schema is strict enough that a missing or misspelt field fails.
#[test]
fn every_postings_json_follows_the_published_schema() {
    let example = common::build_dir(repository(), "2026-11-23T12:00:00+01:00", None);
    let schema: Value = serde_json::from_slice(
        example
            .output
            .get("postings.schema.json")
            .expect("the schema is published at the site's root"),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema is a valid JSON Schema");
    let mut checked = 0;
    let mut postings = 0;
    let mut sites = vec![example];
    for fixture in ["board", "feeds", "rtl", "deadlines"] {
        sites.push(common::build(fixture, NOW));
    }
    for built in &sites {
        for (path, bytes) in common::files_of(built) {
            if !path.ends_with("/postings.json") {
                continue;
            }
            let data: Value = serde_json::from_slice(&bytes).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&data)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{path}: {errors:#?}");
            assert_eq!(data["version"], 2);
            postings += data["postings"].as_array().unwrap().len();
            checked += 1;
        }
    }
    assert!(
        checked >= 10 && postings >= 20,
        "{checked} files, {postings} postings"
    );
    // The schema can fail: a posting without `screening`, or with an
    // occupation code of three digits, is refused.
    let built = &sites[0];
    let mut data: Value =
        serde_json::from_slice(built.output.get("sv/postings.json").unwrap()).unwrap();
    let first = &mut data["postings"][0];
    first.as_object_mut().unwrap().remove("screening");
    assert!(!validator.is_valid(&data));
    let mut data: Value =
        serde_json::from_slice(built.output.get("sv/postings.json").unwrap()).unwrap();
    data["postings"][0]["occupation"] =
        serde_json::json!({ "isco": "242", "ssyk": null, "label": null });
    assert!(!validator.is_valid(&data));
}
