//! Machine-readable output: RSS feeds, iCalendar deadlines, schema.org
//! JobPosting data, the sitemap and a JSON list of open postings per
//! language. Each is written with a library that escapes for its format.

pub mod ical;
pub mod json;
pub mod jsonld;
pub mod rss;
pub mod search;
pub mod sitemap;

use std::collections::HashMap;

use rayon::prelude::*;

use crate::model::Site;
use crate::output::Sink;
use crate::urls;
use crate::views::LangCtx;
use crate::views::term_label;

/// Writes the feeds, calendars and JSON files that `pick` selects into
/// `sink` as each is made, so that a large board's files never all wait in
/// memory. Returns the files written, in the order of [`feed_jobs`].
pub fn generate_into(
    site: &Site,
    langs: &[LangCtx<'_>],
    pick: &(dyn Fn(&FeedJob) -> bool + Sync),
    sink: &dyn Sink,
) -> std::io::Result<Vec<String>> {
    let jobs: Vec<FeedJob> = feed_jobs(site).into_iter().filter(|j| pick(j)).collect();
    // Every deadline event and feed item the files need, each written once.
    let mut events: Vec<(usize, usize)> = Vec::new();
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut indexed: Vec<usize> = Vec::new();
    for job in &jobs {
        let wanted = job.postings(site).iter().map(|&i| (job.lang(), i));
        match job {
            FeedJob::Calendar { .. } | FeedJob::PostingCalendar { .. } => events.extend(wanted),
            FeedJob::Feed { .. } => items.extend(wanted),
            FeedJob::SearchIndex { lang } | FeedJob::SearchShard { lang, .. } => {
                indexed.push(*lang);
            }
            FeedJob::Json { .. } => {}
        }
    }
    for wanted in [&mut events, &mut items] {
        wanted.sort_unstable();
        wanted.dedup();
    }
    indexed.sort_unstable();
    indexed.dedup();
    let parts = Parts {
        events: ical::events(site, langs, &events),
        items: rss::items(site, langs, &items)?,
        search: indexed
            .into_iter()
            .map(|lang| (lang, search::index(site, &langs[lang])))
            .collect(),
    };
    jobs.into_par_iter()
        .map(|job| {
            let (path, bytes) = job.run(site, langs, &parts)?;
            sink.put(path.clone(), bytes)?;
            Ok(path)
        })
        .collect()
}

/// The pieces several files share, each written once beforehand.
struct Parts {
    events: ical::Events,
    items: rss::Items,
    /// The search index of each language whose index files are made.
    search: HashMap<usize, search::Index>,
}

/// One file to generate. Indices point into the site's languages, terms and postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedJob {
    Feed {
        lang: usize,
        term: Option<usize>,
    },
    Calendar {
        lang: usize,
    },
    PostingCalendar {
        lang: usize,
        posting: usize,
    },
    Json {
        lang: usize,
    },
    /// The search index's `index.json`.
    SearchIndex {
        lang: usize,
    },
    /// One shard of the search index.
    SearchShard {
        lang: usize,
        shard: usize,
    },
}

/// Every feed, calendar and JSON file of the site.
pub fn feed_jobs(site: &Site) -> Vec<FeedJob> {
    let mut jobs = Vec::new();
    for (lang, language) in site.config.languages.iter().enumerate() {
        jobs.push(FeedJob::Feed { lang, term: None });
        jobs.extend((0..site.terms.len()).map(|t| FeedJob::Feed {
            lang,
            term: Some(t),
        }));
        jobs.push(FeedJob::Calendar { lang });
        jobs.push(FeedJob::Json { lang });
        jobs.push(FeedJob::SearchIndex { lang });
        jobs.extend(
            (0..search::shard_count(site.open.len()))
                .map(|shard| FeedJob::SearchShard { lang, shard }),
        );
        for &posting in &site.open {
            if site.posting(posting).translation(&language.code).is_some() {
                jobs.push(FeedJob::PostingCalendar { lang, posting });
            }
        }
    }
    jobs
}

impl FeedJob {
    /// The output file this job writes.
    pub fn file(&self, site: &Site) -> String {
        let code = |lang: usize| site.config.languages[lang].code.as_str();
        match *self {
            FeedJob::Feed { lang, term: None } => urls::feed(code(lang)),
            FeedJob::Feed {
                lang,
                term: Some(t),
            } => {
                let term = &site.terms[t];
                urls::term_feed(code(lang), term.kind, &term.slug)
            }
            FeedJob::Calendar { lang } => urls::calendar(code(lang)),
            FeedJob::PostingCalendar { lang, posting } => {
                urls::posting_calendar(code(lang), &site.posting(posting).slug)
            }
            FeedJob::Json { lang } => urls::postings_json(code(lang)),
            FeedJob::SearchIndex { lang } => urls::search_index(code(lang)),
            FeedJob::SearchShard { lang, shard } => urls::search_shard(code(lang), shard),
        }
    }

    /// The language the file is in.
    fn lang(&self) -> usize {
        match *self {
            FeedJob::Feed { lang, .. }
            | FeedJob::Calendar { lang }
            | FeedJob::PostingCalendar { lang, .. }
            | FeedJob::Json { lang }
            | FeedJob::SearchIndex { lang }
            | FeedJob::SearchShard { lang, .. } => lang,
        }
    }

    /// The postings whose shared parts the file is made of: a feed's items,
    /// a calendar's events (none for postings.json).
    fn postings<'a>(&'a self, site: &'a Site) -> &'a [usize] {
        match self {
            FeedJob::Feed { term, .. } => rss::carried(feed_postings(site, *term)),
            FeedJob::Calendar { .. } => &site.open,
            FeedJob::PostingCalendar { posting, .. } => std::slice::from_ref(posting),
            FeedJob::Json { .. } | FeedJob::SearchIndex { .. } | FeedJob::SearchShard { .. } => &[],
        }
    }

    fn run(
        &self,
        site: &Site,
        langs: &[LangCtx<'_>],
        parts: &Parts,
    ) -> std::io::Result<(String, Vec<u8>)> {
        let lang = self.lang();
        let ctx = &langs[lang];
        let bytes = match *self {
            FeedJob::Feed { term, .. } => {
                let spec = FeedSpec::new(site, ctx, term);
                rss::feed(site, ctx, lang, &spec, &parts.items)?
            }
            FeedJob::Calendar { .. } | FeedJob::PostingCalendar { .. } => {
                ical::calendar(lang, self.postings(site), &parts.events)
            }
            FeedJob::Json { .. } => json::postings(site, ctx),
            FeedJob::SearchIndex { .. } => parts.search[&lang].meta(&site.now.to_rfc3339()),
            FeedJob::SearchShard { shard, .. } => parts.search[&lang].shard(shard),
        };
        Ok((self.file(site), bytes))
    }
}

/// The open postings a feed follows: the language's, or one term's.
fn feed_postings(site: &Site, term: Option<usize>) -> &[usize] {
    match term {
        None => &site.open,
        Some(t) => &site.terms[t].postings,
    }
}

/// What a feed covers: all open postings of a language, or one term's.
pub struct FeedSpec<'a> {
    pub title: String,
    /// Output path of the feed.
    pub rel: String,
    /// The listing page the feed follows.
    pub page_rel: String,
    pub postings: &'a [usize],
}

impl<'a> FeedSpec<'a> {
    pub fn new(site: &'a Site, ctx: &LangCtx<'_>, term: Option<usize>) -> Self {
        let config = &site.config;
        let site_title = config.title.get(ctx.lang(), &config.default_language);
        match term {
            None => FeedSpec {
                title: site_title.to_string(),
                rel: urls::feed(ctx.lang()),
                page_rel: urls::home(ctx.lang(), 1),
                postings: feed_postings(site, None),
            },
            Some(t) => {
                let term = &site.terms[t];
                let label = term_label(site, ctx, term.kind, &term.value);
                FeedSpec {
                    title: format!("{site_title}: {label}"),
                    rel: urls::term_feed(ctx.lang(), term.kind, &term.slug),
                    page_rel: urls::term(ctx.lang(), term.kind, &term.slug, 1),
                    postings: feed_postings(site, Some(t)),
                }
            }
        }
    }
}

/// The key facts of a posting in one line, in the language of `ctx`:
/// "Norrköping · Permanent, probationary period · Full-time".
pub fn facts_line(site: &Site, ctx: &LangCtx<'_>, i: usize) -> String {
    let p = site.posting(i);
    let card = ctx.card(i);
    let place = if p.facts.locations.is_empty() {
        card.workplace.label.clone()
    } else {
        p.facts.locations.join(", ")
    };
    let mut facts = vec![
        place,
        card.employment.label.clone(),
        card.extent.label.clone(),
    ];
    // Short facts that tell a reader of the feed whether to open the posting.
    if let Some(n) = p.facts.openings.filter(|&n| n > 1) {
        facts.push(ctx.strings.plural("openings", i64::from(n)));
    }
    facts.join(" · ")
}
