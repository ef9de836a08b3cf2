//! schema.org `JobPosting` data for an open posting's page, following
//! Google's job-posting guidelines, serialized so it is safe inside `<script>`.

use serde::Serialize;

use crate::model::{Employment, Extent, Posting, SalaryPer, Site, Workplace};
use crate::urls;

// The JobPosting and its parts, borrowed from the model and serialized
// directly. Fields are declared in sorted order, so the output has its keys
// sorted (as a JSON object map writes them) and stays byte-for-byte stable.

#[derive(Serialize)]
struct JobPosting<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(
        rename = "applicantLocationRequirements",
        skip_serializing_if = "Vec::is_empty"
    )]
    applicant_location: Vec<Typed>,
    #[serde(rename = "baseSalary", skip_serializing_if = "Option::is_none")]
    base_salary: Option<MonetaryAmount<'a>>,
    #[serde(rename = "datePosted")]
    date_posted: String,
    description: &'a str,
    #[serde(rename = "directApply", skip_serializing_if = "Option::is_none")]
    direct_apply: Option<bool>,
    #[serde(
        rename = "educationRequirements",
        skip_serializing_if = "Option::is_none"
    )]
    education: Option<Credential>,
    #[serde(rename = "employmentType")]
    employment_type: Vec<&'static str>,
    #[serde(
        rename = "experienceRequirements",
        skip_serializing_if = "Option::is_none"
    )]
    experience: Option<ExperienceRequirement>,
    #[serde(rename = "hiringOrganization")]
    hiring_organization: Organization<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<PropertyValue<'a>>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "jobLocation", skip_serializing_if = "Vec::is_empty")]
    job_location: Vec<Place<'a>>,
    #[serde(rename = "jobLocationType", skip_serializing_if = "Option::is_none")]
    job_location_type: Option<&'static str>,
    #[serde(rename = "jobStartDate", skip_serializing_if = "Option::is_none")]
    job_start_date: Option<String>,
    #[serde(rename = "occupationalCategory", skip_serializing_if = "Vec::is_empty")]
    occupational_category: Vec<CategoryCode>,
    title: &'a str,
    #[serde(rename = "totalJobOpenings", skip_serializing_if = "Option::is_none")]
    total_job_openings: Option<u16>,
    url: String,
    #[serde(rename = "validThrough")]
    valid_through: String,
    #[serde(rename = "workHours", skip_serializing_if = "Option::is_none")]
    work_hours: Option<&'a str>,
}

/// `{"@type": ..., "name": ...}`
#[derive(Serialize)]
struct Typed {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
}

/// An occupation's code in a published list (ISCO-08, SSYK 2012).
#[derive(Serialize)]
struct CategoryCode {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "codeValue")]
    code: String,
    #[serde(rename = "inCodeSet")]
    code_set: CodeSet,
    name: String,
}

#[derive(Serialize)]
struct CodeSet {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct Credential {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "credentialCategory")]
    category: &'static str,
}

#[derive(Serialize)]
struct ExperienceRequirement {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "monthsOfExperience")]
    months: u32,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<String>,
    name: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
}

#[derive(Serialize)]
struct MonetaryAmount<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    currency: &'a str,
    value: QuantitativeValue,
}

#[derive(Serialize)]
struct QuantitativeValue {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "maxValue", skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
    #[serde(rename = "minValue", skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(rename = "unitText")]
    unit: &'static str,
}

#[derive(Serialize)]
struct PropertyValue<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    address: PostalAddress<'a>,
}

#[derive(Serialize)]
struct PostalAddress<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "addressCountry", skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    #[serde(rename = "addressLocality")]
    locality: &'a str,
    #[serde(rename = "addressRegion", skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
}

/// The JSON-LD of posting `i` in `lang`, or `None` when it is not open.
/// Long on purpose: one struct literal naming every JobPosting property, so
/// a property is added in one place and none is left unset by accident.
pub fn job_posting(site: &Site, i: usize, lang: &str) -> Option<String> {
    if site.status[i] != crate::model::Status::Open {
        return None;
    }
    let config = &site.config;
    let p = site.posting(i);
    let t = p.translation(lang)?;
    let org_name = t
        .organization
        .as_deref()
        .unwrap_or_else(|| config.organization.name.get(lang, &config.default_language));
    let country = (!config.country.is_empty()).then_some(config.country.as_str());
    let remote = p.facts.workplace == Workplace::Remote;
    let data = JobPosting {
        context: "https://schema.org/",
        kind: "JobPosting",
        applicant_location: if remote {
            applicant_regions(p, country)
        } else {
            Vec::new()
        },
        base_salary: p.facts.salary_range.as_ref().map(|s| MonetaryAmount {
            kind: "MonetaryAmount",
            currency: &s.currency,
            value: QuantitativeValue {
                kind: "QuantitativeValue",
                max: s.max,
                min: s.min,
                unit: unit_text(s.per),
            },
        }),
        date_posted: p.facts.published.format("%Y-%m-%d").to_string(),
        description: &t.body_html,
        // Applying happens elsewhere (a recruitment system, an e-mail):
        // never on the board's page, which is what `directApply` claims.
        direct_apply: (p.facts.apply_url.is_some() || p.facts.apply_email.is_some())
            .then_some(false),
        education: p.facts.education.map(|e| Credential {
            kind: "EducationalOccupationalCredential",
            category: e.key(),
        }),
        employment_type: employment_types(p),
        experience: match p.facts.experience {
            Some(crate::model::Experience::Months { months, .. }) => Some(ExperienceRequirement {
                kind: "OccupationalExperienceRequirements",
                months,
            }),
            _ => None,
        },
        hiring_organization: Organization {
            kind: "Organization",
            logo: config.organization.logo.as_ref().map(|logo| {
                if logo.starts_with("http") {
                    logo.clone()
                } else {
                    config.permalink(logo)
                }
            }),
            name: org_name,
            same_as: config.organization.url.as_deref(),
        },
        identifier: p.facts.reference.as_deref().map(|value| PropertyValue {
            kind: "PropertyValue",
            name: org_name,
            value,
        }),
        in_language: lang,
        job_location: places(site, p, country),
        job_location_type: remote.then_some("TELECOMMUTE"),
        job_start_date: match p.facts.start {
            Some(crate::model::Start::Date(d)) => Some(d.format("%Y-%m-%d").to_string()),
            _ => None,
        },
        occupational_category: occupation_codes(p),
        title: &t.title,
        total_job_openings: p.facts.openings,
        url: config.permalink(&urls::posting(lang, &p.slug)),
        valid_through: p
            .facts
            .deadline
            .closes
            .with_timezone(&config.time_zone)
            .to_rfc3339(),
        work_hours: t.hours.as_deref(),
    };
    Some(script_safe(&data))
}

/// Where applicants for remote work must live: the posting's regions, or
/// else the site's country. Names in English, as search engines read them.
fn applicant_regions(p: &Posting, country: Option<&str>) -> Vec<Typed> {
    if p.facts.remote_regions.is_empty() {
        return country
            .map(|c| Typed {
                kind: "Country",
                name: crate::names::region(c, "en").unwrap_or_else(|| c.to_string()),
            })
            .into_iter()
            .collect();
    }
    p.facts
        .remote_regions
        .iter()
        .map(|code| Typed {
            // A UN M49 area ("150", Europe) is no country.
            kind: if code.chars().all(|c| c.is_ascii_digit()) {
                "AdministrativeArea"
            } else {
                "Country"
            },
            name: crate::names::region(code, "en").unwrap_or_else(|| code.clone()),
        })
        .collect()
}

/// The occupation's codes, each with its list and English title.
fn occupation_codes(p: &Posting) -> Vec<CategoryCode> {
    let Some(o) = &p.facts.occupation else {
        return Vec::new();
    };
    let lists = [
        (o.isco.as_deref(), &*crate::occupations::ISCO08),
        (o.ssyk.as_deref(), &*crate::occupations::SSYK2012),
    ];
    lists
        .into_iter()
        .filter_map(|(code, list)| {
            let code = code?;
            Some(CategoryCode {
                kind: "CategoryCode",
                code: code.to_string(),
                code_set: CodeSet {
                    kind: "CategoryCodeSet",
                    name: list.name,
                },
                name: list.title(code, "en")?.0.to_string(),
            })
        })
        .collect()
}

fn places<'a>(site: &'a Site, p: &'a Posting, country: Option<&'a str>) -> Vec<Place<'a>> {
    p.facts
        .locations
        .iter()
        .map(|l| Place {
            kind: "Place",
            address: PostalAddress {
                kind: "PostalAddress",
                country,
                locality: l,
                region: site
                    .config
                    .locations
                    .get(l)
                    .and_then(|i| i.region.as_deref()),
            },
        })
        .collect()
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
pub fn script_safe(value: &impl Serialize) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    value.serialize(&mut ser).expect("JSON values serialize");
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
        let bytes = fragment.as_bytes();
        let mut run = 0; // where the bytes not yet written start
        let mut i = 0;
        while i < bytes.len() {
            // A table lookup per byte: most bytes are none of these.
            if !SCRIPT_SPECIAL[usize::from(bytes[i])] {
                i += 1;
                continue;
            }
            let (escape, len): (&[u8], usize) = match bytes[i] {
                b'<' => (b"\\u003c", 1),
                b'>' => (b"\\u003e", 1),
                b'&' => (b"\\u0026", 1),
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
                _ => match bytes.get(i + 1..i + 3) {
                    Some([0x80, 0xA8]) => (b"\\u2028", 3),
                    Some([0x80, 0xA9]) => (b"\\u2029", 3),
                    _ => {
                        i += 1;
                        continue;
                    }
                },
            };
            writer.write_all(&bytes[run..i])?;
            writer.write_all(escape)?;
            i += len;
            run = i;
        }
        writer.write_all(&bytes[run..])
    }
}

/// The bytes [`ScriptSafe`] looks at: `<`, `>`, `&` and the first byte of
/// U+2028 and U+2029.
const SCRIPT_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'&' as usize] = true;
    table[0xE2] = true;
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn script_safe_json_cannot_close_the_script_and_reads_back_the_same() {
        let v = json!({ "title": "</script><script>alert(1)</script> & <!-- \u{2028}\u{2029} å – 5 € \u{2028}" });
        let s = script_safe(&v);
        assert!(!s.contains(['<', '>', '&', '\u{2028}', '\u{2029}']), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
