//! Reading what a posting asks of applicants: occupation codes checked
//! against the published lists, experience, languages checked against CLDR,
//! driving licence classes and the regions remote work may be done from.

use super::*;
use crate::model::{
    Education, Experience, LICENCE_CLASSES, LanguageLevel, LanguageRequirement, Occupation,
};
use crate::occupations::{CodeList, ISCO08, SSYK2012};
use toml::de::DeValue;

pub(super) fn read_occupation(f: &mut Fields<'_>) -> Option<Sp<Occupation>> {
    let example = Field::Occupation.spec().example;
    let span = f.peek_span("occupation")?;
    let mut t = f.table("occupation", example)?;
    let code = |t: &mut Fields<'_>, list: &CodeList| {
        let value = t.short_text(list.key, example, 10)?;
        let written = value.get_ref().trim();
        if list.contains(written) {
            return Some(written.to_string());
        }
        let near = list.near(written);
        let help = if near.is_empty() || written.len() != 4 {
            format!(
                "a code of {} is a unit group of 4 digits, e.g. 2423; look it up in the published list",
                list.name
            )
        } else {
            let shown: Vec<String> = near.iter().map(|(c, t)| format!("{c} {t}")).collect();
            format!(
                "the {} codes starting {}: {}",
                list.name,
                &written[..3],
                shown.join("; ")
            )
        };
        t.error_at_abs(
            list.key,
            value.span(),
            format!("\"{written}\" is not a unit group of {}", list.name),
            help,
        );
        None
    };
    let occupation = Occupation {
        isco: code(&mut t, &ISCO08),
        ssyk: code(&mut t, &SSYK2012),
    };
    let failed = !t.diagnostics.is_empty();
    let empty = occupation.isco.is_none() && occupation.ssyk.is_none();
    f.absorb(t, &["isco", "ssyk"]);
    if empty && !failed {
        f.error_at_abs(
            "occupation",
            span.clone(),
            "`occupation` gives no code".to_string(),
            format!("write it like this: {example}"),
        );
    }
    (!empty).then(|| Sp::new(span, occupation))
}

pub(super) fn read_experience(f: &mut Fields<'_>) -> Option<Sp<Experience>> {
    let example = Field::Experience.spec().example;
    let (_, value) = f.take_raw("experience")?;
    let span = f.abs(value.span());
    let help =
        "write \"none\", \"desired\", or a minimum: experience = \"2 years\" or \"6 months\"";
    match value.into_inner() {
        DeValue::String(s) => match s.trim() {
            "none" => Some(Sp::new(span, Experience::None)),
            "desired" => Some(Sp::new(span, Experience::Desired)),
            other => match minimum(other) {
                Some((months, in_years)) => {
                    Some(Sp::new(span, Experience::Months { months, in_years }))
                }
                None => {
                    let message = format!("\"{other}\" is not a valid value for `experience`");
                    f.error_at_abs("experience", span, message, help);
                    None
                }
            },
        },
        DeValue::Table(table) => {
            let mut t = f.subtable("experience", span.clone(), table);
            let years = t.integer("years", 1..51, "years = 2");
            let months = t.integer("months", 1..601, "months = 6");
            let failed = !t.diagnostics.is_empty();
            f.absorb(t, &["years", "months"]);
            let experience = match (years, months) {
                (Some(y), None) => Experience::Months {
                    months: y.into_inner() as u32 * 12,
                    in_years: true,
                },
                (None, Some(m)) => Experience::Months {
                    months: m.into_inner() as u32,
                    in_years: false,
                },
                _ => {
                    if !failed {
                        let message = "`experience` gives both years and months, or neither";
                        f.error_at_abs("experience", span, message.to_string(), help);
                    }
                    return None;
                }
            };
            // The browser form's select holds the words ("3 years").
            if let Some(words) = experience.words() {
                let rewrite = format!("experience = \"{words}\"");
                f.form_cannot_show("experience", span.clone(), rewrite);
            }
            Some(Sp::new(span, experience))
        }
        _ => {
            let message = "`experience` must be text or a table".to_string();
            f.error_at_abs(
                "experience",
                span,
                message,
                format!("{help}, e.g. {example}"),
            );
            None
        }
    }
}

/// A minimum written in words: "2 years", "1 year", "6 months"; in months,
/// and whether it was written in years.
fn minimum(written: &str) -> Option<(u32, bool)> {
    let (n, unit) = written.split_once(' ')?;
    let n: u32 = n.parse().ok()?;
    match unit.trim() {
        "year" | "years" if (1..=50).contains(&n) => Some((n * 12, true)),
        "month" | "months" if (1..=600).contains(&n) => Some((n, false)),
        _ => None,
    }
}

pub(super) fn read_education(f: &mut Fields<'_>) -> Option<Sp<Education>> {
    keyword(f, "education", Education::KEYS, Education::from_key)
}

/// `languages = ["sv", { code = "en", level = "good" }]`: each a language
/// CLDR names, with an optional level.
pub(super) fn read_languages(f: &mut Fields<'_>) -> Option<Sp<Vec<LanguageRequirement>>> {
    let example = Field::Languages.spec().example;
    let (_, value) = f.take_raw("languages")?;
    let span = f.abs(value.span());
    let DeValue::Array(items) = value.into_inner() else {
        let message = "`languages` must be a list".to_string();
        f.error_at_abs(
            "languages",
            span,
            message,
            format!("write it like this: {example}"),
        );
        return None;
    };
    let mut out = Vec::new();
    let (mut as_form, mut by_code) = (Vec::new(), false);
    for item in items {
        let item_span = f.abs(item.span());
        let (code, level) = match item.into_inner() {
            DeValue::String(s) => {
                // The browser form's list holds tables, each with its code.
                as_form.push(format!("{{ code = {} }}", toml::Value::from(s.trim())));
                by_code = true;
                (Some(Sp::new(item_span, s.trim().to_string())), None)
            }
            DeValue::Table(table) => {
                as_form.push(f.file().text[item_span.clone()].to_string());
                let mut t = f.subtable("languages", item_span.clone(), table);
                let code = t.short_text("code", "code = \"sv\"", 20);
                let level = keyword(
                    &mut t,
                    "level",
                    LanguageLevel::KEYS,
                    LanguageLevel::from_key,
                );
                if code.is_none() && t.diagnostics.is_empty() {
                    t.missing("code", "code = \"sv\"");
                }
                f.absorb(t, &["code", "level"]);
                (code, level.map(Sp::into_inner))
            }
            _ => {
                let message = "each language is a code such as \"sv\", or a table".to_string();
                f.error_at_abs(
                    "languages",
                    item_span,
                    message,
                    format!("write it like this: {example}"),
                );
                continue;
            }
        };
        let Some(code) = code else { continue };
        let written = code.get_ref().as_str();
        if crate::names::language(written, "en").is_some() && !written.contains(['-', '_']) {
            out.push(LanguageRequirement {
                code: written.to_lowercase(),
                level,
            });
        } else {
            let help = match crate::names::language(&written.to_lowercase(), "en") {
                Some(name) => format!("did you mean \"{}\" ({name})?", written.to_lowercase()),
                None => "write the language's two- or three-letter code (BCP 47), e.g. \"sv\" for Swedish, \"ar\" for Arabic".to_string(),
            };
            let message = format!("\"{written}\" is not a language code");
            f.error_at_abs("languages", code.span(), message, help);
        }
    }
    if by_code {
        let rewrite = format!("languages = [{}]", as_form.join(", "));
        f.form_cannot_show("languages", span.clone(), rewrite);
    }
    Some(Sp::new(span, out))
}

pub(super) fn read_licence(f: &mut Fields<'_>) -> Option<Sp<Vec<String>>> {
    let list = f.string_list("driving_licence", Field::DrivingLicence.spec().example)?;
    let span = list.span();
    let mut out = Vec::new();
    for class in list.into_inner() {
        let written = class.get_ref().trim();
        if LICENCE_CLASSES.contains(&written) {
            out.push(written.to_string());
            continue;
        }
        let upper = written.to_uppercase();
        let help = if LICENCE_CLASSES.contains(&upper.as_str()) {
            format!("did you mean \"{upper}\"?")
        } else {
            format!("the classes are {}", LICENCE_CLASSES.join(", "))
        };
        let message = format!("\"{written}\" is not a driving licence class");
        f.error_at_abs("driving_licence", class.span(), message, help);
    }
    Some(Sp::new(span, out))
}

pub(super) fn read_regions(f: &mut Fields<'_>) -> Option<Sp<Vec<String>>> {
    let list = f.string_list("remote_regions", Field::RemoteRegions.spec().example)?;
    let span = list.span();
    let mut out = Vec::new();
    for region in list.into_inner() {
        let written = region.get_ref().trim();
        let upper = written.to_uppercase();
        if written == upper && crate::names::region(written, "en").is_some() {
            out.push(written.to_string());
            continue;
        }
        let help = match crate::names::region(&upper, "en") {
            Some(name) => format!("did you mean \"{upper}\" ({name})?"),
            None => "write a country's two-letter code (ISO 3166-1), e.g. \"SE\" for Sweden, or an area's UN M49 number, e.g. \"150\" for Europe".to_string(),
        };
        let message = format!("\"{written}\" is not a country or area code");
        f.error_at_abs("remote_regions", region.span(), message, help);
    }
    Some(Sp::new(span, out))
}
