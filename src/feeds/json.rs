//! `/<lang>/postings.json`: the open postings of a language with their facts
//! and URLs, for the board's filter script and for job aggregators.

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Site;
use crate::urls;
use crate::views::LangCtx;

/// The format's version; raised when a field changes meaning or disappears.
pub const FORMAT_VERSION: u32 = 1;

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
        salary_text: p
            .facts
            .salary_range
            .as_ref()
            .map(|s| ctx.salary_range_text(s))
            .or_else(|| t.salary_text.clone()),
        reference: p.facts.reference.as_deref(),
        apply_url: p.facts.apply_url.as_deref(),
        apply_email: p.facts.apply_email.as_deref(),
    }
}
