//! The posting schema: one file's front matter read field by field (`RawPosting`),
//! then the files of one posting merged into a `Posting`, with facts written once.

mod merge;

use std::ops::Range;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::fields::{DateOrTime, Fields, Sp};
use crate::model::{
    Contact, Deadline, Employment, Extent, Facts, Posting, SalaryPer, SalaryRange, Start,
    Translation, Workplace, local_to_fixed,
};
use crate::schema::Field;

use super::Doc;
use crate::address::{check_email, check_phone, check_web_url};
pub use merge::merge;

/// The most characters a one-line field may hold: far above any real one,
/// low enough that a listing, feed or search result stays readable.
pub mod limits {
    pub const TITLE: usize = 300;
    pub const SUMMARY: usize = 1000;
    /// Names, places, hours, units, references, a salary in words.
    pub const LINE: usize = 300;
}

const CONTACT_FIELDS: &[&str] = &["name", "role", "phone", "email", "union"];
const SALARY_FIELDS: &[&str] = &["min", "max", "currency", "per"];

/// A contact as written in one file: the facts plus the role in that file's language.
#[derive(Debug, Clone)]
pub struct RawContact {
    pub contact: Contact,
    pub role: Option<String>,
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
    pub draft: bool,
    /// The body, rendered and sanitized.
    pub rendered: crate::markdown::Rendered,
    /// Every key the file writes, valid or not: a field given with a wrong
    /// value is reported as wrong, never also as missing.
    pub given: Vec<String>,
}

impl RawPosting {
    fn gives(&self, field: &str) -> bool {
        self.given.iter().any(|k| k == field)
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
    let mut f = match Fields::parse(&file, toml_text, split.toml.start, split.opening.clone()) {
        Ok(f) => f,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let given = f.remaining_keys().into_iter().map(Sp::into_inner).collect();
    let raw = read_fields(&mut f, doc.clone(), split.opening.clone(), config);
    diagnostics.extend(f.finish(&Field::names()));
    let rendered = match super::nesting::render(&file, split.body.clone()) {
        Ok(rendered) => rendered,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let mut raw = RawPosting {
        rendered,
        given,
        ..raw
    };
    // From here on only the front matter is pointed at (facts that disagree
    // between translations): the body, now rendered, need not stay in memory
    // twice. For a large board that is half of what loading holds.
    raw.doc.file = SourceFile::new(file.path.clone(), &file.text[..split.body.start]);
    Some(raw)
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
            draft: false,
            rendered: Default::default(),
            given: Vec::new(),
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
            Field::Draft => raw.draft = f.bool("draft").is_some_and(Sp::into_inner),
        }
    }
    raw
}

fn read_published(f: &mut Fields<'_>) -> Option<Sp<chrono::NaiveDate>> {
    let d = f.date_or_word("published", false, &[], "published = 2026-02-20")?;
    let span = d.span();
    match d.into_inner() {
        Ok(DateOrTime::Date(date)) => Some(Sp::new(span, date)),
        _ => None,
    }
}

fn read_deadline(f: &mut Fields<'_>) -> Option<Sp<DateOrTime>> {
    let d = f.date_or_word("deadline", true, &[], "deadline = 2026-03-20")?;
    let span = d.span();
    d.into_inner().ok().map(|v| Sp::new(span, v))
}

fn read_start(f: &mut Fields<'_>) -> Option<Sp<Start>> {
    let words = &["by-agreement", "immediately"];
    let s = f.date_or_word("start", false, words, "start = 2026-03-02")?;
    let span = s.span();
    let start = match s.into_inner() {
        Ok(DateOrTime::Date(d)) => Start::Date(d),
        Err("immediately") => Start::Immediately,
        Err(_) => Start::ByAgreement,
        Ok(_) => return None,
    };
    Some(Sp::new(span, start))
}

fn map_sp<T, U>(s: Sp<T>, f: impl FnOnce(T) -> U) -> Sp<U> {
    let span = s.span();
    Sp::new(span, f(s.into_inner()))
}

fn keyword<T>(
    f: &mut Fields<'_>,
    key: &str,
    keys: &[&'static str],
    from: fn(&str) -> Option<T>,
) -> Option<Sp<T>> {
    f.choice(key, keys).and_then(|k| {
        let span = k.span();
        from(k.get_ref()).map(|v| Sp::new(span, v))
    })
}

/// Places of work; each names a page (`/sv/locations/<slug>/`), so each must
/// have letters or digits to make a web address from.
fn read_locations(f: &mut Fields<'_>) -> Option<Sp<Vec<String>>> {
    let list = f.string_list("locations", "locations = [\"Norrköping\", \"Stockholm\"]")?;
    let span = list.span();
    let mut places = Vec::new();
    for place in list.into_inner() {
        if place.get_ref().chars().count() > limits::LINE {
            f.error_at_abs(
                "locations",
                place.span(),
                format!(
                    "a place name is too long: at most {} characters are allowed",
                    limits::LINE
                ),
                "write the name of the town or city, e.g. locations = [\"Norrköping\"]",
            );
        } else if crate::model::location_slug(place.get_ref()).is_empty() {
            f.error_at_abs(
                "locations",
                place.span(),
                format!(
                    "\"{}\" cannot be a place name: it has no letters or digits",
                    place.get_ref()
                ),
                "write the name of the town or city, e.g. locations = [\"Norrköping\"]",
            );
        } else {
            places.push(place.into_inner());
        }
    }
    Some(Sp::new(span, places))
}

fn read_categories(f: &mut Fields<'_>, config: &Config) -> Option<Sp<Vec<String>>> {
    let list = f.string_list("categories", "categories = [\"case-handling\"]")?;
    let span = list.span();
    let mut keys = Vec::new();
    for key in list.into_inner() {
        if config.category(key.get_ref()).is_some() {
            if !keys.contains(key.get_ref()) {
                keys.push(key.get_ref().clone());
            }
            continue;
        }
        let known: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
        let help = match crate::diagnostic::did_you_mean(key.get_ref(), known.iter().copied()) {
            Some(close) => format!("did you mean \"{close}\"?"),
            None if known.is_empty() => {
                "no categories are defined: add them under [categories] in vacancy.toml".into()
            }
            None => format!(
                "the categories in vacancy.toml are: {}; add a new one there first",
                known.join(", ")
            ),
        };
        f.error_at_abs(
            "categories",
            key.span(),
            format!("\"{}\" is not a category of this site", key.get_ref()),
            help,
        );
    }
    Some(Sp::new(span, keys))
}

fn read_salary(f: &mut Fields<'_>) -> (Option<Sp<SalaryRange>>, Option<String>) {
    let example = "salary = { min = 38000, max = 46000, currency = \"SEK\", per = \"month\" }";
    let Some((_, value)) = f.take_raw("salary") else {
        return (None, None);
    };
    let span = f.abs(value.span());
    match value.into_inner() {
        toml::de::DeValue::String(s) if !s.trim().is_empty() => (None, salary_text(f, &s, span)),
        toml::de::DeValue::Table(table) => {
            // Re-read the table through `Fields` for per-field messages.
            let t = f.subtable("salary", span.clone(), table);
            (salary_range(f, t, span), None)
        }
        _ => {
            f.error_at_abs(
                "salary",
                span,
                "`salary` must be text (\"Individual salary setting\") or a table of figures"
                    .into(),
                format!("write it like this: {example}"),
            );
            (None, None)
        }
    }
}

/// A salary in words: one line of text.
fn salary_text(f: &mut Fields<'_>, s: &str, span: Range<usize>) -> Option<String> {
    if s.trim().chars().count() > limits::LINE {
        f.error_at_abs(
            "salary",
            span,
            format!(
                "`salary` is too long: at most {} characters are allowed",
                limits::LINE
            ),
            "say the salary in a sentence; details belong in the text below the front matter",
        );
        return None;
    }
    if let Err(why) = crate::fields::check_controls("salary", s) {
        f.error_at_abs("salary", span, why, crate::fields::CONTROL_HELP);
        return None;
    }
    Some(s.trim().to_string())
}

/// Salary figures: `min` and/or `max`, a currency code, and what they are per.
fn salary_range<'a>(
    f: &mut Fields<'a>,
    mut t: Fields<'a>,
    span: Range<usize>,
) -> Option<Sp<SalaryRange>> {
    let min = number(&mut t, "min");
    let max = number(&mut t, "max");
    let currency = t.text("currency", "currency = \"SEK\"");
    let per = keyword(&mut t, "per", SalaryPer::KEYS, SalaryPer::from_key);
    if currency.is_none() {
        t.missing("currency", "currency = \"SEK\"");
    }
    if min.is_none() && max.is_none() {
        t.missing("min", "min = 38000");
    }
    if let (Some(lo), Some(hi)) = (&min, &max)
        && lo.get_ref() > hi.get_ref()
    {
        let message = format!(
            "the salary maximum {} is below the minimum {}",
            hi.get_ref(),
            lo.get_ref()
        );
        t.error_at_abs("max", hi.span(), message, "swap the two figures");
    }
    if let Some(c) = &currency
        && !(c.get_ref().len() == 3 && c.get_ref().chars().all(|ch| ch.is_ascii_uppercase()))
    {
        t.error_at_abs(
            "currency",
            c.span(),
            format!("\"{}\" is not a currency code", c.get_ref()),
            "write an ISO 4217 code such as \"SEK\" or \"EUR\"",
        );
    }
    let ok = t.diagnostics.is_empty();
    f.absorb(t, SALARY_FIELDS);
    let range = SalaryRange {
        min: min.map(Sp::into_inner),
        max: max.map(Sp::into_inner),
        currency: currency?.into_inner(),
        per: per.map_or(SalaryPer::Month, Sp::into_inner),
    };
    ok.then(|| Sp::new(span, range))
}

fn number(t: &mut Fields<'_>, key: &str) -> Option<Sp<f64>> {
    let (_, value) = t.take_raw(key)?;
    let span = t.abs(value.span());
    let n = match value.get_ref() {
        toml::de::DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
        toml::de::DeValue::Float(x) => x.as_str().replace('_', "").parse::<f64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if n >= 0.0 && n.is_finite() => Some(Sp::new(span, n)),
        _ => {
            t.error_at_abs(
                key,
                span,
                format!("`salary.{key}` must be a positive number"),
                format!("write it like this: {key} = 38000"),
            );
            None
        }
    }
}

fn read_contacts(f: &mut Fields<'_>) -> Option<Sp<Vec<RawContact>>> {
    let example =
        "[[contacts]]\nname = \"Anna Exempel\"\nrole = \"Unit manager\"\nphone = \"070-174 06 05\"";
    let span = f.peek_span("contacts")?;
    let tables = f.tables("contacts", example)?;
    let mut out = Vec::new();
    for mut t in tables {
        let has_name = t.peek_span("name").is_some();
        let name = t.short_text("name", "name = \"Anna Exempel\"", limits::LINE);
        let role = t
            .short_text("role", "role = \"Unit manager\"", limits::LINE)
            .map(Sp::into_inner);
        let phone = t.checked("phone", "phone = \"070-174 06 05\"", check_phone);
        let email = t.checked("email", "email = \"anna@example.se\"", check_email);
        let union = t.bool("union").is_some_and(Sp::into_inner);
        if !has_name {
            t.missing("name", "name = \"Anna Exempel\"");
        }
        f.absorb(t, CONTACT_FIELDS);
        if let Some(name) = name {
            out.push(RawContact {
                contact: Contact {
                    name: name.into_inner(),
                    phone: phone.map(Sp::into_inner),
                    email: email.map(Sp::into_inner),
                    union,
                },
                role,
            });
        }
    }
    Some(Sp::new(span, out))
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
        ds.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn a_required_field_with_a_wrong_value_is_reported_as_wrong_not_as_missing() {
        let text = "+++\ntitle = 5\npublished = \"2026-02-01\"\ndeadline = 2026-03-20\n\
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
