//! The form of a posting in the browser CMS: a field for each posting
//! field, with the widget that holds exactly the values `vacancy` accepts.

use serde::Serialize;

use crate::config::Config;
use crate::i18n::Strings;
use crate::model::{
    Education, Employment, Experience, Extent, LICENCE_CLASSES, LanguageLevel, Workplace,
};
use crate::schema::{Field, Required, Scope};

/// One field of the form: its widget, how it is translated, and what an
/// editor is told about it.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct CmsField {
    pub name: String,
    pub label: String,
    pub widget: &'static str,
    /// `translate` for a text of each language, `duplicate` for a fact
    /// (copied into each language's file). A list or an object cannot be
    /// copied: `true` (typed in each language) for the contacts, whose roles
    /// are translated, and absent for a list of facts, which is then saved
    /// in the default language's file only.
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub i18n: serde_json::Value,
    pub required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub multiple: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// A regular expression and the message when it does not match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<(String, String)>,
    /// Dates: stored as `YYYY-MM-DD`, without a time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_format: Option<bool>,
    /// The fields of each item of a list of objects, or of an object.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<CmsField>,
    /// The field of each item of a list of single values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Box<CmsField>>,
}

/// One value a select offers, with its label in the site's language.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Choice {
    pub label: String,
    pub value: String,
}

impl CmsField {
    fn new(name: &str, label: String, widget: &'static str) -> Self {
        CmsField {
            name: name.to_string(),
            label,
            widget,
            i18n: serde_json::Value::Null,
            required: false,
            hint: None,
            default: None,
            options: Vec::new(),
            multiple: false,
            value_type: None,
            min: None,
            max: None,
            pattern: None,
            format: None,
            time_format: None,
            fields: Vec::new(),
            field: None,
        }
    }

    fn choices(mut self, values: impl IntoIterator<Item = (String, String)>) -> Self {
        self.options = values
            .into_iter()
            .map(|(value, label)| Choice { label, value })
            .collect();
        self
    }
}

/// A date as the board reads it: the CMS writes `"2026-12-06"`, a quoted
/// ISO date, which `vacancy` takes as that date.
fn date(name: &str, label: String) -> CmsField {
    let mut f = CmsField::new(name, label, "datetime");
    f.format = Some("YYYY-MM-DD");
    f.time_format = Some(false);
    f
}

fn text(name: &str, label: String) -> CmsField {
    CmsField::new(name, label, "string")
}

/// A text that must match `pattern`; `like` shows what does.
fn text_with(name: &str, label: String, pattern: &str, like: &str) -> CmsField {
    let mut f = text(name, label);
    f.pattern = Some((pattern.into(), like.into()));
    f
}

/// The form's field for a posting field: the widget that holds exactly the
/// values `vacancy` accepts. Every field named, so a field added to the
/// schema must be placed in the form here.
fn widget(field: Field, config: &Config, s: &Strings) -> CmsField {
    let spec = field.spec();
    let label = label(field, s);
    let keyed = |key: &str, keys: &[&'static str]| -> Vec<(String, String)> {
        keys.iter()
            .map(|k| (k.to_string(), s.get(&format!("{key}.{k}"))))
            .collect()
    };
    let lang = s.lang.as_str();
    let mut f = match field {
        Field::Title | Field::Hours | Field::Organization | Field::Unit => text(spec.name, label),
        Field::EducationText | Field::ImageAlt | Field::Reference => text(spec.name, label),
        Field::Summary => CmsField::new(spec.name, label, "text"),
        Field::Published | Field::Deadline => date(spec.name, label),
        Field::Locations | Field::RemoteRegions => {
            let mut f = CmsField::new(spec.name, label, "list");
            f.field = Some(Box::new(text("item", String::new())));
            f
        }
        Field::Workplace => {
            let mut f = CmsField::new(spec.name, label, "select")
                .choices(keyed("workplace", Workplace::KEYS));
            f.default = Some("onsite".into());
            f
        }
        Field::Employment => {
            CmsField::new(spec.name, label, "select").choices(keyed("employment", Employment::KEYS))
        }
        Field::Extent => {
            CmsField::new(spec.name, label, "select").choices(keyed("extent", Extent::KEYS))
        }
        Field::Education => {
            CmsField::new(spec.name, label, "select").choices(keyed("education", Education::KEYS))
        }
        Field::Probation | Field::Screening | Field::Draft => {
            let mut f = CmsField::new(spec.name, label, "boolean");
            // New postings start as drafts.
            f.default = Some((field == Field::Draft).into());
            f
        }
        Field::ExtentPercent | Field::Openings => {
            let mut f = CmsField::new(spec.name, label, "number");
            f.value_type = Some("int");
            f.min = Some(1);
            f.max = (field == Field::ExtentPercent).then_some(100);
            f
        }
        // A date or one of two words: no widget holds both, so text, as
        // `vacancy` reads it ("2026-03-02", "by-agreement", "immediately").
        Field::Start => text(spec.name, label),
        // "none", "desired" or a minimum in words ("3 years"), as `check`
        // reads them: six months, then one to ten years; other minimums are
        // written by hand.
        Field::Experience => {
            let six_months = (
                Experience::Months {
                    months: 6,
                    in_years: false,
                },
                "experience.months",
                6,
            );
            let years = (1..=10).map(|n| {
                (
                    Experience::Months {
                        months: n * 12,
                        in_years: true,
                    },
                    "experience.years",
                    n,
                )
            });
            let minimums = std::iter::once(six_months)
                .chain(years)
                .filter_map(|(e, forms, n)| Some((e.words()?, s.plural(forms, i64::from(n)))));
            CmsField::new(spec.name, label, "select").choices(
                ["none", "desired"]
                    .into_iter()
                    .map(|k| (k.to_string(), s.get(&format!("experience.{k}"))))
                    .chain(minimums),
            )
        }
        // The words of each language and, when known, the figures; typed
        // in each language (a table cannot be copied), the figures agreeing.
        Field::Salary => {
            let mut f = CmsField::new(spec.name, label, "object");
            let number = |name: &str| {
                let mut n = CmsField::new(name, s.get(&format!("field.salary_{name}")), "number");
                n.value_type = Some("int");
                n.min = Some(0);
                n
            };
            let words = text("text", s.get("field.salary_text"));
            // No pattern: the form would hold it against a salary written
            // in words only (`check` names a wrong currency code).
            let currency = text("currency", s.get("field.salary_currency"));
            let per = CmsField::new("per", s.get("field.salary_per"), "select")
                .choices(keyed("salary.per", crate::model::SalaryPer::KEYS));
            let mut fields = vec![words, number("min"), number("max"), currency, per];
            // The form shows a part of a table in each language only when
            // the part says how: the words translated, the figures copied.
            for part in &mut fields {
                part.i18n = if part.name == "text" {
                    "translate"
                } else {
                    "duplicate"
                }
                .into();
            }
            f.fields = fields;
            f
        }
        // A select needs values: without categories in vacancy.toml there
        // is nothing to choose, and the field stays out of sight.
        Field::Categories if config.categories.is_empty() => {
            CmsField::new(spec.name, label, "hidden")
        }
        Field::Categories => {
            let mut f = CmsField::new(spec.name, label, "select").choices(
                config
                    .categories
                    .iter()
                    .map(|c| (c.key.clone(), c.label.get(lang, lang).to_string())),
            );
            f.multiple = true;
            f
        }
        Field::Occupation => {
            let code = |list: &crate::occupations::CodeList| {
                let mut f = CmsField::new(list.key, list.name.into(), "select");
                f.options = list
                    .codes()
                    .map(|c| Choice {
                        value: c.to_string(),
                        label: format!("{c} {}", list.title(c, lang).map_or("", |t| t.0)),
                    })
                    .collect();
                f
            };
            let mut f = CmsField::new(spec.name, label, "object");
            f.fields = vec![
                code(&crate::occupations::ISCO08),
                code(&crate::occupations::SSYK2012),
            ];
            f
        }
        Field::Languages => {
            let mut f = CmsField::new(spec.name, label, "list");
            let mut code = text_with(
                "code",
                s.get("field.language_code"),
                "^[a-z]{2,3}$",
                "sv, en, ar, ...",
            );
            code.required = true;
            let level = CmsField::new("level", s.get("field.language_level"), "select")
                .choices(keyed("language_level", LanguageLevel::KEYS));
            f.fields = vec![code, level];
            f
        }
        Field::DrivingLicence => {
            let mut f = CmsField::new(spec.name, label, "select").choices(
                LICENCE_CLASSES
                    .iter()
                    .map(|c| (c.to_string(), c.to_string())),
            );
            f.multiple = true;
            f
        }
        Field::Image => text(spec.name, label),
        Field::ApplyUrl => text_with(
            spec.name,
            label,
            "^https?://",
            "a web address starts with https://",
        ),
        Field::ApplyEmail => text_with(
            spec.name,
            label,
            "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
            "an e-mail address",
        ),
        Field::Contacts => {
            let mut f = CmsField::new(spec.name, label, "list");
            let mut name = text("name", s.get("contacts.name"));
            name.required = true;
            let role = text("role", s.get("contacts.role"));
            let phone = text("phone", s.get("contacts.phone"));
            let email = text("email", s.get("contacts.email"));
            let union = CmsField::new("union", s.get("contacts.union"), "boolean");
            f.fields = vec![name, role, phone, email, union];
            f
        }
    };
    // A list cannot be copied between languages in the CMS: contacts are
    // typed in each language (the same names agree; roles are translated).
    f.i18n = match (spec.scope, f.widget) {
        (Scope::PerLanguage, _) => "translate".into(),
        (Scope::Mixed, "list" | "object") => true.into(),
        (_, "list" | "object") => serde_json::Value::Null,
        _ => "duplicate".into(),
    };
    f.required = spec.required == Required::Yes;
    let categories: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
    let help = spec.help.replace("{categories}", &categories.join(", "));
    f.hint = Some(help.split_whitespace().collect::<Vec<_>>().join(" "));
    f
}

/// The field's label in the site's language: its `[field]` string, else
/// the page's label for the fact, else the field's name.
fn label(field: Field, s: &Strings) -> String {
    for key in [
        format!("field.{}", field.name()),
        format!("fact.{}", field.name()),
    ] {
        let own = s.get(&key);
        if own != key {
            return own;
        }
    }
    let name = field.name().replace('_', " ");
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The form of a posting: every field of [`Field::ALL`], in the order
/// `vacancy new` writes them ([`Field::form_order`]), then the text.
pub fn posting_fields(config: &Config, s: &Strings) -> Vec<CmsField> {
    let mut fields: Vec<CmsField> = Field::form_order()
        .into_iter()
        .map(|f| widget(f, config, s))
        .collect();
    let mut body = CmsField::new("body", s.get("posting.text"), "markdown");
    body.i18n = "translate".into();
    body.required = true;
    fields.push(body);
    fields
}

/// The form of a page (`content/pages`): its title, description, place in
/// the menu, draft and text, labelled in the site's language.
pub(super) fn page_fields(s: &Strings) -> Vec<CmsField> {
    let mut title = text("title", s.get("field.title"));
    title.i18n = "translate".into();
    title.required = true;
    let mut description = CmsField::new("description", s.get("field.description"), "text");
    description.i18n = "translate".into();
    let mut weight = CmsField::new("weight", s.get("field.weight"), "number");
    weight.value_type = Some("int");
    weight.i18n = "duplicate".into();
    let mut draft = CmsField::new("draft", s.get("field.draft"), "boolean");
    draft.i18n = "duplicate".into();
    let mut body = CmsField::new("body", s.get("field.text"), "markdown");
    body.i18n = "translate".into();
    vec![title, description, weight, draft, body]
}
