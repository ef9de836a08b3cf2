//! Issue 17: what a browser CMS (Decap) writes must check clean: a file for
//! every language, filled in or not, facts copied into each, contacts typed
//! per language, a salary written as a `[salary]` table.

use crate::common::{NOW, arg, assert_snapshot, assert_success, copy_fixture, transcript, vacancy};

/// Decap writes a file for every locale: one nobody filled in holds only the
/// copied facts, no title and no text. It is "not translated yet" (a
/// warning), while a file with some text but no title stays an error.
#[test]
fn a_language_file_without_any_text_is_not_translated_yet_and_one_with_text_needs_a_title() {
    let site = copy_fixture("board");
    let sv = std::fs::read_to_string(site.path().join("content/postings/editor.sv.md")).unwrap();
    // The facts of the Swedish file, copied as Decap copies them, with the
    // salary as the table Decap writes.
    let facts: String = sv
        .lines()
        .skip(1)
        .take_while(|l| *l != "+++")
        .filter(|l| !l.starts_with("title"))
        .map(|l| format!("{l}\n"))
        .collect();
    let en = format!(
        "+++\n{facts}\n[salary]\nmin = 30000\nmax = 35000\ncurrency = \"SEK\"\nper = \"month\"\n+++\n"
    );
    let sv_with_salary = sv.replacen(
        "\n+++",
        "\n\n[salary]\nmin = 30000\nmax = 35000\ncurrency = \"SEK\"\nper = \"month\"\n+++",
        1,
    );
    std::fs::write(
        site.path().join("content/postings/editor.sv.md"),
        sv_with_salary,
    )
    .unwrap();
    std::fs::write(site.path().join("content/postings/editor.en.md"), &en).unwrap();
    let check = vacancy(&["check", "--now", NOW, "--root", arg(site.path())]);
    assert_success(&check);
    let mut shown = transcript(&check, site.path());
    let built = crate::common::build_dir(site.path(), NOW, None);
    assert!(built.output.get("sv/jobs/editor/index.html").is_some());
    assert!(
        built.output.get("en/jobs/editor/index.html").is_none(),
        "an untranslated language is not published"
    );
    // Some text of the language, but no title: an error, as before.
    std::fs::write(
        site.path().join("content/postings/editor.en.md"),
        format!("{en}\nWe are looking for an editor.\n"),
    )
    .unwrap();
    let check = vacancy(&["check", "--now", NOW, "--root", arg(site.path())]);
    assert!(!check.status.success());
    shown.push_str(&format!(
        "\nwith text but no title\n{}",
        transcript(&check, site.path())
    ));
    assert_snapshot("cms/untranslated-language", &shown);
}

/// The widget each posting field must have in the form, stated here apart
/// from the code that writes the configuration.
const WIDGETS: &[(&str, &str)] = &[
    ("draft", "boolean"),
    ("title", "string"),
    ("summary", "text"),
    ("hours", "string"),
    ("organization", "string"),
    ("unit", "string"),
    ("education_text", "string"),
    ("image_alt", "string"),
    ("published", "datetime"),
    ("deadline", "datetime"),
    ("locations", "list"),
    ("workplace", "select"),
    ("employment", "select"),
    ("probation", "boolean"),
    ("extent", "select"),
    ("extent_percent", "number"),
    ("start", "string"),
    ("salary", "object"),
    ("categories", "select"),
    ("reference", "string"),
    ("openings", "number"),
    ("occupation", "object"),
    ("experience", "select"),
    ("education", "select"),
    ("languages", "list"),
    ("driving_licence", "select"),
    ("remote_regions", "list"),
    ("image", "string"),
    ("apply_url", "string"),
    ("apply_email", "string"),
    ("contacts", "list"),
    ("screening", "boolean"),
];

fn values(field: &serde_yaml_ng::Value) -> Vec<String> {
    field["options"]
        .as_sequence()
        .unwrap_or_else(|| panic!("{:?} has options", field["name"]))
        .iter()
        .map(|o| o["value"].as_str().unwrap().to_string())
        .collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The configuration `vacancy cms` writes for the example board and for a
/// right-to-left site: every field of the schema with the right widget and
/// i18n mode, every select offering exactly the values `vacancy` accepts.
#[test]
fn the_cms_configuration_holds_every_field_with_the_values_vacancy_accepts() {
    use vacancy::model::{
        Education, Employment, Extent, LICENCE_CLASSES, LanguageLevel, SalaryPer, Workplace,
    };
    use vacancy::schema::{Field, Required, Scope};
    // A right-to-left board in three languages, Arabic first.
    let rtl = copy_fixture("rtl");
    let toml = rtl.path().join("vacancy.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let text = text
        .replace("default_language = \"en\"", "default_language = \"ar\"")
        .replace("ar = \"الوظائف\" }", "ar = \"الوظائف\", sv = \"Jobb\" }")
        .replace(
            "[organization]",
            "[[languages]]\ncode = \"sv\"\nname = \"Svenska\"\n\n[organization]",
        );
    std::fs::write(&toml, text).unwrap();
    for root in [
        crate::common::repository().to_path_buf(),
        rtl.path().to_path_buf(),
    ] {
        let (config, s) = vacancy::cms::load(&root).unwrap();
        let backend = vacancy::cms::Backend {
            repo: Some("agency/jobs".into()),
            branch: Some("main".into()),
        };
        let yaml: serde_yaml_ng::Value =
            serde_yaml_ng::from_str(&vacancy::cms::config_yml(&config, &s, &backend)).unwrap();
        let codes: Vec<String> = config.language_codes().map(str::to_string).collect();
        let locales: Vec<String> = yaml["i18n"]["locales"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_string())
            .collect();
        assert_eq!(locales, codes, "{}", root.display());
        assert_eq!(codes.len(), 3, "both boards have three languages");
        assert_eq!(
            yaml["i18n"]["default_locale"].as_str(),
            Some(config.default_language.as_str())
        );
        assert_eq!(yaml["i18n"]["structure"].as_str(), Some("multiple_files"));
        assert_eq!(yaml["backend"]["repo"].as_str(), Some("agency/jobs"));
        let postings = &yaml["collections"][0];
        assert_eq!(postings["folder"].as_str(), Some("content/postings"));
        assert_eq!(postings["format"].as_str(), Some("toml-frontmatter"));
        assert_eq!(postings["frontmatter_delimiter"].as_str(), Some("+++"));
        let fields = postings["fields"].as_sequence().unwrap();
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        let mut expected: Vec<&str> = Field::form_order().iter().map(|f| f.name()).collect();
        expected.push("body");
        assert_eq!(
            names, expected,
            "every field, in the order `vacancy new` writes them"
        );
        assert_eq!(WIDGETS.len(), Field::ALL.len(), "WIDGETS names every field");
        for field in Field::ALL {
            let spec = field.spec();
            let f = fields
                .iter()
                .find(|f| f["name"].as_str() == Some(spec.name))
                .unwrap();
            let widget = match WIDGETS.iter().find(|(n, _)| *n == spec.name).unwrap().1 {
                "select" if *field == Field::Categories && config.categories.is_empty() => "hidden",
                widget => widget,
            };
            assert_eq!(f["widget"].as_str(), Some(widget), "{}", spec.name);
            // Decap copies only plain values between languages: a list or
            // an object of facts is saved in the default language's file
            // (no i18n), the contacts and the salary, which hold words of a
            // language, are typed in each (`true`).
            let i18n = match (spec.scope, widget) {
                (Scope::PerLanguage, _) => serde_yaml_ng::Value::from("translate"),
                (Scope::Mixed, "list" | "object") => serde_yaml_ng::Value::from(true),
                (_, "list" | "object") => serde_yaml_ng::Value::Null,
                _ => serde_yaml_ng::Value::from("duplicate"),
            };
            assert_eq!(f["i18n"], i18n, "{}", spec.name);
            assert_eq!(
                f["required"].as_bool(),
                Some(spec.required == Required::Yes),
                "{}",
                spec.name
            );
            assert!(
                f["hint"].as_str().is_some_and(|h| !h.is_empty()
                    && ["{today}", "{deadline}", "{categories}", "{places}"]
                        .iter()
                        .all(|p| !h.contains(p))),
                "{}",
                spec.name
            );
        }
        let by_name = |name: &str| {
            fields
                .iter()
                .find(|f| f["name"].as_str() == Some(name))
                .unwrap()
        };
        assert_eq!(values(by_name("employment")), strings(Employment::KEYS));
        assert_eq!(values(by_name("extent")), strings(Extent::KEYS));
        assert_eq!(values(by_name("workplace")), strings(Workplace::KEYS));
        assert_eq!(values(by_name("education")), strings(Education::KEYS));
        assert_eq!(values(by_name("driving_licence")), strings(LICENCE_CLASSES));
        let categories: Vec<String> = config.categories.iter().map(|c| c.key.clone()).collect();
        if !categories.is_empty() {
            assert_eq!(values(by_name("categories")), categories);
        }
        let occupation = by_name("occupation")["fields"].as_sequence().unwrap();
        assert_eq!(
            values(&occupation[0]).len(),
            436,
            "every ISCO-08 unit group"
        );
        assert_eq!(
            values(&occupation[1]).len(),
            429,
            "every SSYK 2012 unit group"
        );
        let languages = by_name("languages")["fields"].as_sequence().unwrap();
        assert_eq!(values(&languages[1]), strings(LanguageLevel::KEYS));
        let salary = by_name("salary")["fields"].as_sequence().unwrap();
        let parts: Vec<&str> = salary.iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(parts, ["text", "min", "max", "currency", "per"]);
        assert_eq!(values(&salary[4]), strings(SalaryPer::KEYS));
        assert_eq!(
            values(by_name("experience")),
            strings(&[
                "none", "desired", "6 months", "1 year", "2 years", "3 years", "4 years",
                "5 years", "6 years", "7 years", "8 years", "9 years", "10 years"
            ])
        );
        assert_eq!(
            by_name("draft")["default"].as_bool(),
            Some(true),
            "new postings are drafts"
        );
        assert_eq!(
            yaml["collections"][1]["folder"].as_str(),
            Some("content/pages")
        );
    }
}

/// `vacancy cms` writes the admin page and its configuration, refuses to
/// overwrite them without --force, and `check` warns once vacancy.toml has
/// changed so that the form no longer matches.
#[test]
fn cms_writes_the_admin_files_and_check_warns_when_they_drift() {
    let site = copy_fixture("board");
    let root = arg(site.path());
    let first = vacancy(&["cms", "--repo", "agency/jobs", "--root", root]);
    assert_success(&first);
    let config = std::fs::read_to_string(site.path().join("static/admin/config.yml")).unwrap();
    assert!(config.contains("repo: agency/jobs"), "{config}");
    let html = std::fs::read_to_string(site.path().join("static/admin/index.html")).unwrap();
    assert!(
        html.contains("integrity=\"sha384-") && html.contains("noindex"),
        "{html}"
    );
    let again = vacancy(&["cms", "--root", root]);
    assert!(!again.status.success());
    let check = vacancy(&["check", "--now", NOW, "--root", root]);
    assert_success(&check);
    assert!(!crate::common::stderr(&check).contains("browser CMS"));
    let toml = site.path().join("vacancy.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replace(
            "[categories]\n",
            "[categories]\nhr = { sv = \"HR\", en = \"HR\" }\n",
        ),
    )
    .unwrap();
    let drifted = vacancy(&["check", "--now", NOW, "--root", root]);
    let forced = vacancy(&["cms", "--force", "--root", root]);
    assert_success(&forced);
    let mut shown = format!(
        "cms\n{}\ncms again\n{}\ncheck after a new category\n{}",
        transcript(&first, site.path()),
        transcript(&again, site.path()),
        transcript(&drifted, site.path())
    );
    let clean = vacancy(&["check", "--now", NOW, "--root", root]);
    assert!(!crate::common::stderr(&clean).contains("browser CMS"));
    shown.push_str(&format!(
        "\ncms --force\n{}",
        transcript(&forced, site.path())
    ));
    assert_snapshot("cms/write-and-drift", &shown);
}

/// Adds `lines` at the end of the front matter of posting `file`.
fn add_front_matter(site: &std::path::Path, file: &str, lines: &str) {
    let path = site.join("content/postings").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let end = text[3..].find("+++").unwrap() + 3;
    std::fs::write(&path, format!("{}{lines}{}", &text[..end], &text[end..])).unwrap();
}

/// Shapes an editor writes by hand, which the browser form cannot show
/// (it shows a date without quotes as a clock time, holds a salary's words
/// in the salary's table, a minimum of experience in words, each language
/// as a table), and the same values as the form writes them.
const BY_HAND: [&str; 2] = [
    "start = 2027-02-01\nexperience = { years = 3 }\nlanguages = [\"sv\", { code = \"en\", level = \"good\" }]\nsalary = \"Individuell lönesättning\"\n",
    "salary = \"Individual salary setting\"\n",
];
const BY_FORM: [&str; 2] = [
    "start = \"2027-02-01\"\nexperience = \"3 years\"\nlanguages = [{ code = \"sv\" }, { code = \"en\", level = \"good\" }]\n\n[salary]\ntext = \"Individuell lönesättning\"\n",
    "salary = { text = \"Individual salary setting\" }\n",
];

/// What the browser form writes means what an editor writes by hand: the
/// two build the very same board, byte for byte, and it shows the values.
#[test]
fn the_shapes_the_form_writes_build_the_same_board_as_those_written_by_hand() {
    let mut boards = Vec::new();
    for [sv, en] in [BY_HAND, BY_FORM] {
        let site = copy_fixture("board");
        add_front_matter(site.path(), "developer.sv.md", sv);
        add_front_matter(site.path(), "developer.en.md", en);
        let check = vacancy(&["check", "--now", NOW, "--root", arg(site.path())]);
        assert_success(&check);
        boards.push((crate::common::build_dir(site.path(), NOW, None), site));
    }
    let (hand, form) = (&boards[0].0.output.files, &boards[1].0.output.files);
    assert_eq!(
        hand.keys().collect::<Vec<_>>(),
        form.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in hand {
        assert!(form[path] == *bytes, "{path} differs");
    }
    for (path, shown) in [
        (
            "sv/jobs/developer/index.html",
            ["1 februari 2027", "Minst 3 år", "Individuell lönesättning"],
        ),
        (
            "en/jobs/developer/index.html",
            [
                "1 February 2027",
                "At least 3 years",
                "Individual salary setting",
            ],
        ),
    ] {
        let page = String::from_utf8_lossy(&form[path]).replace('\u{ad}', "");
        for words in shown {
            assert!(page.contains(words), "{path} does not show {words}");
        }
    }
}

/// On a board with the browser CMS, `check` names each value written in a
/// shape the form cannot show, with the same value as the form writes it;
/// on a board without it, nothing is said.
#[test]
fn on_a_board_with_the_cms_check_names_the_values_the_form_cannot_show() {
    let site = copy_fixture("board");
    let root = arg(site.path());
    add_front_matter(site.path(), "developer.sv.md", BY_HAND[0]);
    add_front_matter(site.path(), "developer.en.md", BY_HAND[1]);
    let without = vacancy(&["check", "--now", NOW, "--root", root]);
    assert_success(&without);
    assert!(!crate::common::stderr(&without).contains("form"));
    assert_success(&vacancy(&["cms", "--repo", "agency/jobs", "--root", root]));
    let with = vacancy(&["check", "--now", NOW, "--root", root]);
    assert_success(&with);
    assert_snapshot("cms/form-cannot-show", &transcript(&with, site.path()));
}

/// A salary with figures and words shows both, the words in each language.
#[test]
fn a_salary_with_figures_and_words_shows_both() {
    let site = copy_fixture("board");
    add_front_matter(
        site.path(),
        "developer.sv.md",
        "\n[salary]\ntext = \"plus OB-tillägg\"\nmin = 30000\nmax = 35000\ncurrency = \"SEK\"\n",
    );
    add_front_matter(
        site.path(),
        "developer.en.md",
        "salary = { text = \"plus unsocial hours pay\" }\n",
    );
    let built = crate::common::build_dir(site.path(), NOW, None);
    for (lang, shown) in [
        (
            "sv",
            "30\u{a0}000–35\u{a0}000 SEK per månad (plus OB-tillägg)",
        ),
        (
            "en",
            "SEK 30,000–35,000 per month (plus unsocial hours pay)",
        ),
    ] {
        let path = format!("{lang}/jobs/developer/index.html");
        let page = String::from_utf8_lossy(built.output.get(&path).unwrap());
        assert!(page.contains(shown), "{path} does not show {shown}");
    }
}
