//! schema.org `JobPosting` data for an open posting's page, following
//! Google's job-posting guidelines, serialized so it is safe inside `<script>`.

use serde_json::{Map, Value, json};

use crate::model::{Employment, Extent, Posting, SalaryPer, Site, Workplace};
use crate::render::urls;

/// The JSON-LD of posting `i` in `lang`, or `None` when it is not open.
pub fn job_posting(site: &Site, i: usize, lang: &str) -> Option<String> {
    if site.status[i] != crate::model::Status::Open {
        return None;
    }
    let config = &site.config;
    let p = site.posting(i);
    let t = p.translation(lang)?;
    let org_name = t.organization.clone().unwrap_or_else(|| {
        config
            .organization
            .name
            .get(lang, &config.default_language)
            .to_string()
    });
    let mut org = Map::new();
    org.insert("@type".into(), "Organization".into());
    org.insert("name".into(), org_name.clone().into());
    if let Some(url) = &config.organization.url {
        org.insert("sameAs".into(), url.clone().into());
    }
    if let Some(logo) = &config.organization.logo {
        let logo = if logo.starts_with("http") {
            logo.clone()
        } else {
            config.permalink(logo)
        };
        org.insert("logo".into(), logo.into());
    }
    let mut data = json!({
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": t.title,
        "description": t.body_html,
        "datePosted": p.facts.published.format("%Y-%m-%d").to_string(),
        "validThrough": p.facts.deadline.closes.with_timezone(&config.time_zone).to_rfc3339(),
        "employmentType": employment_types(p),
        "hiringOrganization": Value::Object(org),
        "url": config.permalink(&urls::posting(lang, &p.slug)),
        "inLanguage": lang,
    });
    let obj = data.as_object_mut().expect("built as an object");
    add_location(obj, site, p);
    if let Some(s) = &p.facts.salary_range {
        let mut value = Map::new();
        value.insert("@type".into(), "QuantitativeValue".into());
        if let Some(min) = s.min {
            value.insert("minValue".into(), json!(min));
        }
        if let Some(max) = s.max {
            value.insert("maxValue".into(), json!(max));
        }
        value.insert("unitText".into(), unit_text(s.per).into());
        obj.insert(
            "baseSalary".into(),
            json!({ "@type": "MonetaryAmount", "currency": s.currency, "value": value }),
        );
    }
    if let Some(reference) = &p.facts.reference {
        obj.insert(
            "identifier".into(),
            json!({ "@type": "PropertyValue", "name": org_name, "value": reference }),
        );
    }
    if p.facts.apply_url.is_some() {
        obj.insert("directApply".into(), true.into());
    }
    if let Some(hours) = &t.hours {
        obj.insert("workHours".into(), hours.clone().into());
    }
    if let Some(crate::model::Start::Date(d)) = p.facts.start {
        obj.insert(
            "jobStartDate".into(),
            d.format("%Y-%m-%d").to_string().into(),
        );
    }
    Some(script_safe(&data))
}

fn add_location(obj: &mut Map<String, Value>, site: &Site, p: &Posting) {
    let config = &site.config;
    let places: Vec<Value> = p
        .facts
        .locations
        .iter()
        .map(|l| {
            let mut address = Map::new();
            address.insert("@type".into(), "PostalAddress".into());
            address.insert("addressLocality".into(), l.clone().into());
            if let Some(region) = config.locations.get(l).and_then(|i| i.region.clone()) {
                address.insert("addressRegion".into(), region.into());
            }
            if !config.country.is_empty() {
                address.insert("addressCountry".into(), config.country.clone().into());
            }
            json!({ "@type": "Place", "address": address })
        })
        .collect();
    if !places.is_empty() {
        obj.insert("jobLocation".into(), Value::Array(places));
    }
    if p.facts.workplace == Workplace::Remote {
        obj.insert("jobLocationType".into(), "TELECOMMUTE".into());
        if !config.country.is_empty() {
            obj.insert(
                "applicantLocationRequirements".into(),
                json!({ "@type": "Country", "name": config.country }),
            );
        }
    }
}

/// Google's `employmentType` values from extent and form of employment.
pub fn employment_types(p: &Posting) -> Vec<&'static str> {
    let mut types = vec![match p.facts.extent {
        Extent::FullTime => "FULL_TIME",
        Extent::PartTime => "PART_TIME",
    }];
    match p.facts.employment {
        Employment::Permanent => {}
        Employment::FixedTerm | Employment::Temporary | Employment::Seasonal => {
            types.push("TEMPORARY")
        }
        Employment::Internship => types.push("INTERN"),
    }
    types
}

fn unit_text(per: SalaryPer) -> &'static str {
    match per {
        SalaryPer::Month => "MONTH",
        SalaryPer::Year => "YEAR",
        SalaryPer::Hour => "HOUR",
    }
}

/// JSON that cannot end a `<script>` block or open a comment in it: `<`, `>`
/// and `&` are written as Unicode escapes, which JSON parsers read back as is.
pub fn script_safe(value: &Value) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    serde::Serialize::serialize(value, &mut ser).expect("JSON values serialize");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// serde_json's compact output, with the characters that could end a script
/// block, start a comment in it or end a line for a JavaScript parser
/// written as escapes as the text is written (one pass, no second copy).
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Searched by byte: U+2028 and U+2029 both start with the byte 0xE2.
        let special = |b: &u8| matches!(b, b'<' | b'>' | b'&' | 0xE2);
        let mut rest = fragment;
        while let Some(at) = rest.as_bytes().iter().position(special) {
            let c = rest[at..].chars().next().expect("a character starts here");
            let escape = match c {
                '<' => "\\u003c",
                '>' => "\\u003e",
                '&' => "\\u0026",
                '\u{2028}' => "\\u2028",
                '\u{2029}' => "\\u2029",
                _ => {
                    writer.write_all(&rest.as_bytes()[..at + c.len_utf8()])?;
                    rest = &rest[at + c.len_utf8()..];
                    continue;
                }
            };
            writer.write_all(&rest.as_bytes()[..at])?;
            writer.write_all(escape.as_bytes())?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_script_and_reads_back_the_same() {
        let v = json!({ "title": "</script><script>alert(1)</script> & <!-- \u{2028}\u{2029} å – 5 € \u{2028}" });
        let s = script_safe(&v);
        assert!(!s.contains(['<', '>', '&', '\u{2028}', '\u{2029}']), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
