//! `/<lang>/postings.json`: the open postings of a language with their facts
//! and URLs, for the board's filter script and for job aggregators.

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Posting, Site, Translation};
use crate::schema::Field;
use crate::urls;
use crate::views::LangCtx;

/// The format's version; raised when a field changes meaning or disappears.
/// Version 2 carries every fact the posting page shows.
pub const FORMAT_VERSION: u32 = 2;

/// The JSON Schema of the format, published beside the files as
/// `/postings.schema.json`.
pub const SCHEMA: &str = include_str!("postings.schema.json");

#[derive(Serialize)]
struct File<'a> {
    version: u32,
    language: &'a str,
    generated: String,
    title: &'a str,
    home: String,
    /// Each entry serialized on its own, in parallel.
    postings: Vec<Box<serde_json::value::RawValue>>,
}

#[derive(Serialize)]
struct Salary<'a> {
    min: Option<f64>,
    max: Option<f64>,
    currency: &'a str,
    per: &'static str,
}

#[derive(Serialize)]
struct Term<'a> {
    key: std::borrow::Cow<'a, str>,
    label: &'a str,
}

/// A fact with its key and, for one written in words, its text in the
/// file's language.
#[derive(Serialize)]
struct Labeled<'a> {
    key: &'a str,
    label: String,
}

#[derive(Serialize)]
struct Start {
    /// `date`, `by-agreement` or `immediately`.
    key: &'static str,
    date: Option<String>,
    label: String,
}

#[derive(Serialize)]
struct Contact<'a> {
    name: &'a str,
    role: Option<&'a str>,
    phone: Option<&'a str>,
    email: Option<&'a str>,
    union: bool,
}

#[derive(Serialize)]
struct Occupation<'a> {
    isco: Option<&'a str>,
    ssyk: Option<&'a str>,
    label: Option<String>,
}

#[derive(Serialize)]
struct Experience {
    /// `none`, `desired` or `minimum`.
    key: &'static str,
    months: Option<u32>,
    label: String,
}

#[derive(Serialize)]
struct Language {
    code: String,
    level: Option<&'static str>,
    label: String,
}

#[derive(Serialize)]
struct Entry<'a> {
    slug: &'a str,
    url: String,
    path: String,
    /// The language the title and summary are written in.
    lang: &'a str,
    title: &'a str,
    summary: &'a str,
    organization: &'a str,
    unit: Option<&'a str>,
    locations: Vec<Term<'a>>,
    workplace: Term<'a>,
    employment: Term<'a>,
    probation: bool,
    extent: Term<'a>,
    extent_percent: Option<u8>,
    categories: Vec<Term<'a>>,
    published: &'a str,
    deadline: &'a str,
    deadline_text: &'a str,
    salary: Option<Salary<'a>>,
    salary_text: Option<String>,
    reference: Option<&'a str>,
    apply_url: Option<&'a str>,
    apply_email: Option<&'a str>,
    hours: Option<&'a str>,
    start: Option<Start>,
    contacts: Vec<Contact<'a>>,
    screening: bool,
    openings: Option<u16>,
    occupation: Option<Occupation<'a>>,
    experience: Option<Experience>,
    education: Option<Labeled<'a>>,
    education_text: Option<&'a str>,
    languages: Vec<Language>,
    driving_licence: &'a [String],
    remote_regions: Vec<Labeled<'a>>,
}

pub fn postings(site: &Site, ctx: &LangCtx<'_>) -> Vec<u8> {
    let config = &site.config;
    let lang = ctx.lang();
    let postings = site
        .open
        .par_iter()
        .map(|&i| serde_json::value::to_raw_value(&entry(site, ctx, i)).expect("entries serialize"))
        .collect();
    let file = File {
        version: FORMAT_VERSION,
        language: lang,
        generated: site.now.to_rfc3339(),
        title: config.title.get(lang, &config.default_language),
        home: config.permalink(&urls::home(lang, 1)),
        postings,
    };
    let mut bytes = serde_json::to_vec(&file).expect("postings serialize");
    bytes.push(b'\n');
    bytes
}

/// A posting's entry in `postings.json`. Long on purpose: one struct literal
/// naming every field of the published format.
fn entry<'a>(site: &'a Site, ctx: &'a LangCtx<'_>, i: usize) -> Entry<'a> {
    let config = &site.config;
    let p = site.posting(i);
    let card = ctx.card(i);
    let t = p.shown_in(ctx.lang(), &config.default_language);
    let rel = urls::posting(&t.lang, &p.slug);
    Entry {
        slug: &p.slug,
        url: config.permalink(&rel),
        path: config.path(&rel),
        lang: &t.lang,
        title: &t.title,
        summary: &t.summary,
        organization: &card.organization,
        unit: t.unit.as_deref(),
        locations: p
            .facts
            .locations
            .iter()
            .map(|l| Term {
                key: crate::model::location_slug(l).into(),
                label: l,
            })
            .collect(),
        workplace: Term {
            key: card.workplace.key.into(),
            label: &card.workplace.label,
        },
        employment: Term {
            key: card.employment.key.into(),
            label: &card.employment.label,
        },
        probation: p.facts.probation,
        extent: Term {
            key: card.extent.key.into(),
            label: &card.extent.label,
        },
        extent_percent: p.facts.extent_percent,
        categories: p
            .facts
            .categories
            .iter()
            .filter_map(|k| {
                let c = config.category(k)?;
                Some(Term {
                    key: k.as_str().into(),
                    label: c.label.get(ctx.lang(), &config.default_language),
                })
            })
            .collect(),
        published: &card.published.iso,
        deadline: &card.deadline.iso,
        deadline_text: &card.deadline.text,
        salary: p.facts.salary_range.as_ref().map(|s| Salary {
            min: s.min,
            max: s.max,
            currency: &s.currency,
            per: s.per.key(),
        }),
        salary_text: ctx.salary_text(p, t),
        reference: p.facts.reference.as_deref(),
        apply_url: p.facts.apply_url.as_deref(),
        apply_email: p.facts.apply_email.as_deref(),
        hours: t.hours.as_deref(),
        start: start(ctx, p.facts.start),
        contacts: p
            .facts
            .contacts
            .iter()
            .enumerate()
            .map(|(i, c)| Contact {
                name: &c.name,
                role: t.contact_roles.get(i).and_then(|r| r.as_deref()),
                phone: c.phone.as_deref(),
                email: c.email.as_deref(),
                union: c.union,
            })
            .collect(),
        screening: p.facts.screening,
        openings: p.facts.openings,
        occupation: p.facts.occupation.as_ref().map(|o| Occupation {
            isco: o.isco.as_deref(),
            ssyk: o.ssyk.as_deref(),
            label: ctx
                .requirement(Field::Occupation, &p.facts, t)
                .map(|w| w.text),
        }),
        experience: p.facts.experience.map(|e| Experience {
            key: match e {
                crate::model::Experience::None => "none",
                crate::model::Experience::Desired => "desired",
                crate::model::Experience::Months { .. } => "minimum",
            },
            months: match e {
                crate::model::Experience::Months { months, .. } => Some(months),
                _ => None,
            },
            label: written(ctx, Field::Experience, p, t),
        }),
        education: p.facts.education.map(|e| Labeled {
            key: e.key(),
            label: ctx.strings.get(&format!("education.{}", e.key())),
        }),
        education_text: t.education_text.as_deref(),
        languages: p
            .facts
            .languages
            .iter()
            .map(|l| Language {
                code: l.code.clone(),
                level: l.level.map(|v| v.key()),
                label: crate::names::language(&l.code, ctx.lang())
                    .unwrap_or_else(|| l.code.clone()),
            })
            .collect(),
        driving_licence: &p.facts.driving_licence,
        remote_regions: p
            .facts
            .remote_regions
            .iter()
            .map(|r| Labeled {
                key: r,
                label: crate::names::region(r, ctx.lang()).unwrap_or_else(|| r.clone()),
            })
            .collect(),
    }
}

fn written(ctx: &LangCtx<'_>, field: Field, p: &Posting, t: &Translation) -> String {
    ctx.requirement(field, &p.facts, t)
        .map(|w| w.text)
        .unwrap_or_default()
}

fn start(ctx: &LangCtx<'_>, start: Option<crate::model::Start>) -> Option<Start> {
    let s = start?;
    let (key, date) = match s {
        crate::model::Start::Date(d) => ("date", Some(d.format("%Y-%m-%d").to_string())),
        crate::model::Start::ByAgreement => ("by-agreement", None),
        crate::model::Start::Immediately => ("immediately", None),
    };
    Some(Start {
        key,
        date,
        label: ctx.start_text(s),
    })
}
