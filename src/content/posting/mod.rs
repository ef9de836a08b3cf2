//! The posting schema: one file's front matter read field by field (`RawPosting`),
//! then the files of one posting merged into a `Posting`, with facts written once.

mod agree;
mod contacts;
mod drafts;
mod merge;
mod requirements;
mod values;

use std::ops::Range;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::fields::{DateOrTime, Fields, Sp};
use crate::model::{
    Deadline, Employment, Extent, Facts, Posting, SalaryPer, SalaryRange, Start, Translation,
    Workplace, local_to_fixed,
};
use crate::schema::{Field, Scope};

use super::Doc;
use crate::address::{check_email, check_phone, check_web_url};
pub use drafts::{is_draft, placeholders};
pub use merge::merge;
use requirements::*;
use values::*;

/// The most characters a one-line field may hold: far above any real one,
/// low enough that a listing, feed or search result stays readable.
pub mod limits {
    pub const TITLE: usize = 300;
    pub const SUMMARY: usize = 1000;
    /// Names, places, hours, units, references, a salary in words.
    pub const LINE: usize = 300;
}

/// A contact as written in one file: the role in that file's language, and
/// whichever facts the file gives (a translation may give the role alone;
/// the contacts of the posting's files are matched by order).
#[derive(Debug, Clone)]
pub struct RawContact {
    /// The `[[contacts]]` line, where a contact without a name is reported.
    pub span: Range<usize>,
    pub name: Option<Sp<String>>,
    /// `name` is written, maybe with a wrong value (reported as such).
    pub name_written: bool,
    pub role: Option<String>,
    pub phone: Option<Sp<String>>,
    pub email: Option<Sp<String>>,
    pub union: Option<Sp<bool>>,
}

/// The salary field: a text in the file's language, or figures.
#[derive(Debug, Clone)]
pub enum RawSalary {
    Text(String),
    Range(SalaryRange),
}

/// One file of a posting, read but not yet merged with its translations.
#[derive(Debug)]
pub struct RawPosting {
    pub doc: Doc,
    pub opening: Range<usize>,
    pub title: Option<Sp<String>>,
    pub summary: Option<String>,
    pub published: Option<Sp<chrono::NaiveDate>>,
    pub deadline: Option<Sp<DateOrTime>>,
    pub locations: Option<Sp<Vec<String>>>,
    pub workplace: Option<Sp<Workplace>>,
    pub employment: Option<Sp<Employment>>,
    pub probation: Option<Sp<bool>>,
    pub extent: Option<Sp<Extent>>,
    pub extent_percent: Option<Sp<u8>>,
    pub hours: Option<String>,
    pub start: Option<Sp<Start>>,
    pub salary_range: Option<Sp<SalaryRange>>,
    pub salary_text: Option<String>,
    pub organization: Option<String>,
    pub unit: Option<String>,
    pub categories: Option<Sp<Vec<String>>>,
    pub reference: Option<Sp<String>>,
    pub apply_url: Option<Sp<String>>,
    pub apply_email: Option<Sp<String>>,
    pub contacts: Option<Sp<Vec<RawContact>>>,
    pub screening: Option<Sp<bool>>,
    pub openings: Option<Sp<u16>>,
    pub occupation: Option<Sp<crate::model::Occupation>>,
    pub experience: Option<Sp<crate::model::Experience>>,
    pub education: Option<Sp<crate::model::Education>>,
    pub education_text: Option<String>,
    pub languages: Option<Sp<Vec<crate::model::LanguageRequirement>>>,
    pub driving_licence: Option<Sp<Vec<String>>>,
    pub remote_regions: Option<Sp<Vec<String>>>,
    pub image: Option<Sp<String>>,
    pub image_alt: Option<String>,
    /// `draft = true`: the posting is not published, or, when another of
    /// its files is not a draft, this language is not yet.
    pub draft: bool,
    pub draft_span: Range<usize>,
    /// The body, rendered and sanitized.
    pub rendered: crate::markdown::Rendered,
    /// Every key the file writes, valid or not: a field given with a wrong
    /// value is reported as wrong, never also as missing.
    pub given: Vec<String>,
    /// The fields still holding a placeholder of `vacancy new`, and where.
    pub placeholders: Vec<(String, Range<usize>)>,
    /// The front matter has a syntax error: what it lacks may be on the broken line.
    pub broken: bool,
}

impl RawPosting {
    fn gives(&self, field: &str) -> bool {
        self.given.iter().any(|k| k == field)
    }

    /// Whether the file holds nothing of its language: no text field and an
    /// empty body. A browser CMS writes such a file for every language the
    /// site has, filled in or not.
    fn has_no_text(&self) -> bool {
        let texts = self
            .given
            .iter()
            .any(|k| Field::named(k).is_some_and(|f| f.spec().scope == Scope::PerLanguage));
        !texts && self.salary_text.is_none() && self.rendered.html.trim().is_empty()
    }

    /// Whether the file writes a fact of the posting (a date, a place...).
    fn gives_facts(&self) -> bool {
        self.given.iter().any(|k| {
            Field::named(k).is_some_and(|f| f.spec().scope == Scope::Fact && f != Field::Draft)
        }) || self.salary_range.is_some()
            || self.contacts.as_ref().is_some_and(|c| {
                c.get_ref()
                    .iter()
                    .any(|c| c.name.is_some() || c.phone.is_some() || c.email.is_some())
            })
    }
}

/// Reads the front matter of one posting file; problems go to `diagnostics`.
pub fn read(doc: Doc, config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Option<RawPosting> {
    let split = match super::frontmatter::split(&doc.file) {
        Ok(split) => split,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let file = doc.file.clone();
    let toml_text = &file.text[split.toml.clone()];
    let mut f = Fields::parse(&file, toml_text, split.toml.start, split.opening.clone());
    let given = f.remaining_keys().into_iter().map(Sp::into_inner).collect();
    let mut raw = read_fields(&mut f, doc.clone(), split.opening.clone(), config);
    raw.placeholders = std::mem::take(&mut f.placeholders);
    raw.broken = f.broken;
    if config.browser_form {
        diagnostics.extend(f.form_shapes.drain(..).map(|(field, span, rewrite)| {
            Diagnostic::warning(format!(
                "the browser CMS's form cannot show `{field}` written like this"
            ))
            .field(field)
            .at(&file, span, "")
            .help(format!("write it as the form does: {rewrite}"))
        }));
    }
    diagnostics.extend(f.finish(&Field::names()));
    let rendered = match super::nesting::render(&file, split.body.clone()) {
        Ok(rendered) => rendered,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    raw.rendered = rendered;
    raw.given = given;
    raw.placeholders
        .extend(body_placeholders(&file, split.body.clone()));
    // From here on only the front matter is pointed at (facts that disagree
    // between translations): the body, now rendered, need not stay in memory
    // twice. For a large board that is half of what loading holds.
    // A body still holding a placeholder is pointed at: it stays (drafts only).
    if !raw.placeholders.iter().any(|(f, _)| f == drafts::BODY) {
        raw.doc.file = SourceFile::new(file.path.clone(), &file.text[..split.body.start]);
    }
    Some(raw)
}

/// Lines of the body that start with "TODO:", as `vacancy new` writes them.
fn body_placeholders(file: &SourceFile, body: Range<usize>) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut at = body.start;
    for line in file.text[body].split_inclusive('\n') {
        let trimmed = line.trim_start();
        if crate::fields::is_placeholder(trimmed) {
            let start = at + line.len() - trimmed.len();
            out.push((drafts::BODY.to_string(), start..at + line.trim_end().len()));
        }
        at += line.len();
    }
    out
}

impl RawPosting {
    /// A file of which nothing is read yet.
    fn empty(doc: Doc, opening: Range<usize>) -> Self {
        RawPosting {
            doc,
            opening,
            title: None,
            summary: None,
            published: None,
            deadline: None,
            locations: None,
            workplace: None,
            employment: None,
            probation: None,
            extent: None,
            extent_percent: None,
            hours: None,
            start: None,
            salary_range: None,
            salary_text: None,
            organization: None,
            unit: None,
            categories: None,
            reference: None,
            apply_url: None,
            apply_email: None,
            contacts: None,
            screening: None,
            openings: None,
            occupation: None,
            experience: None,
            education: None,
            education_text: None,
            languages: None,
            driving_licence: None,
            remote_regions: None,
            image: None,
            image_alt: None,
            draft: false,
            draft_span: 0..0,
            rendered: Default::default(),
            given: Vec::new(),
            placeholders: Vec::new(),
            broken: false,
        }
    }
}

/// Reads every field of [`Field::ALL`]: a field declared there and not read
/// here does not compile.
fn read_fields(f: &mut Fields<'_>, doc: Doc, opening: Range<usize>, config: &Config) -> RawPosting {
    let mut raw = RawPosting::empty(doc, opening);
    let line = |f: &mut Fields<'_>, field: Field| {
        let spec = field.spec();
        f.short_text(spec.name, spec.example, limits::LINE)
            .map(Sp::into_inner)
    };
    for &field in Field::ALL {
        let example = field.spec().example;
        match field {
            Field::Title => raw.title = f.short_text("title", example, limits::TITLE),
            Field::Summary => {
                raw.summary = f
                    .short_text("summary", example, limits::SUMMARY)
                    .map(Sp::into_inner);
            }
            Field::Published => raw.published = read_published(f),
            Field::Deadline => raw.deadline = read_deadline(f),
            Field::Locations => raw.locations = read_locations(f),
            Field::Workplace => {
                raw.workplace = keyword(f, "workplace", Workplace::KEYS, Workplace::from_key);
            }
            Field::Employment => {
                raw.employment = keyword(f, "employment", Employment::KEYS, Employment::from_key);
            }
            Field::Probation => raw.probation = f.bool("probation"),
            Field::Extent => raw.extent = keyword(f, "extent", Extent::KEYS, Extent::from_key),
            Field::ExtentPercent => {
                raw.extent_percent = f
                    .integer("extent_percent", 1..101, "extent_percent = 75")
                    .map(|n| map_sp(n, |n| n as u8));
            }
            Field::Hours => raw.hours = line(f, field),
            Field::Start => raw.start = read_start(f),
            Field::Salary => (raw.salary_range, raw.salary_text) = read_salary(f),
            Field::Organization => raw.organization = line(f, field),
            Field::Unit => raw.unit = line(f, field),
            Field::Categories => raw.categories = read_categories(f, config),
            Field::Reference => {
                raw.reference = f
                    .short_text("reference", example, limits::LINE)
                    .map(|r| map_sp(r, |s| s.trim().to_string()));
            }
            Field::ApplyUrl => raw.apply_url = f.checked("apply_url", example, check_web_url),
            Field::ApplyEmail => {
                raw.apply_email = f.checked("apply_email", example, check_email);
            }
            Field::Contacts => raw.contacts = read_contacts(f),
            Field::Screening => raw.screening = f.bool("screening"),
            Field::Openings => {
                raw.openings = f
                    .integer("openings", 1..10_001, example)
                    .map(|n| map_sp(n, |n| n as u16));
            }
            Field::Occupation => raw.occupation = read_occupation(f),
            Field::Experience => raw.experience = read_experience(f),
            Field::Education => raw.education = read_education(f),
            Field::EducationText => raw.education_text = line(f, field),
            Field::Languages => raw.languages = read_languages(f),
            Field::DrivingLicence => raw.driving_licence = read_licence(f),
            Field::RemoteRegions => raw.remote_regions = read_regions(f),
            Field::Image => raw.image = f.short_text("image", example, limits::LINE),
            Field::ImageAlt => raw.image_alt = line(f, field),
            Field::Draft => {
                if let Some(draft) = f.bool("draft") {
                    raw.draft_span = draft.span();
                    raw.draft = draft.into_inner();
                }
            }
        }
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let config = "base_url = \"https://example.se/\"\ntitle = \"Jobs\"\n\
                      [[languages]]\ncode = \"sv\"\nname = \"Svenska\"\n\
                      [organization]\nname = \"Verket\"\n";
        let config = Config::parse(&SourceFile::new("vacancy.toml", config)).unwrap();
        let doc = Doc {
            slug: "x".into(),
            lang: "sv".into(),
            file: SourceFile::new("content/postings/x.sv.md", text),
            attachments: Vec::new(),
        };
        let mut ds = Vec::new();
        if let Some(raw) = read(doc, &config, &mut ds) {
            merge(&mut [raw], &config, &mut ds);
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 2, 15).unwrap();
        ds.into_iter()
            .filter(|d| d.holds_on(today))
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn a_required_field_with_a_wrong_value_is_reported_as_wrong_not_as_missing() {
        let text = "+++\ntitle = 5\npublished = \"soon\"\ndeadline = 2026-03-20\n\
                    locations = [\"Stockholm\"]\nemployment = \"permanant\"\n\
                    extent = \"full-time\"\n+++\n";
        let mut found = problems(text);
        found.sort();
        assert_eq!(
            found,
            [
                "\"permanant\" is not a valid value for `employment`",
                "`published` must be a date, but it is text",
                "`title` must be text in quotes, but it is a number",
            ]
        );
        let without = text.replace("employment = \"permanant\"\n", "");
        assert!(
            problems(&without).contains(&"missing required field `employment`".to_string()),
            "a field written nowhere is still missing"
        );
    }

    #[test]
    fn a_place_name_without_letters_or_digits_is_rejected() {
        let text = "+++\ntitle = \"A\"\npublished = 2026-02-01\ndeadline = 2026-03-20\n\
                    locations = [\"Malmö\", \"???\"]\nemployment = \"permanent\"\n\
                    extent = \"full-time\"\n+++\n";
        assert_eq!(
            problems(text),
            ["\"???\" cannot be a place name: it has no letters or digits"]
        );
    }
}
