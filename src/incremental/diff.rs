//! What changed between two builds of the live preview, by slug: which
//! listings, term pages, feeds and posting pages can differ, so only those
//! are rendered again.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::feeds::FeedJob;
use crate::model::{Posting, Site, Status, TermKind};
use crate::render::PageJob;
use crate::views::SIMILAR;

/// What the previous site listed, by slug, to compare with the new one.
#[derive(Default)]
pub(super) struct Snapshot {
    pub(super) today: NaiveDate,
    open: Vec<String>,
    soonest: Vec<String>,
    closed: Vec<String>,
    terms: BTreeMap<(TermKind, String), Vec<String>>,
    status: HashMap<String, Status>,
    /// The similar jobs each posting page shows.
    similar: Arc<HashMap<String, Vec<String>>>,
}

impl Snapshot {
    /// The lists of `site`. The similar jobs depend only on the lists and on
    /// each posting's places and categories (which are in the lists): when
    /// those equal `previous`'s, its similar jobs are taken over as they are.
    pub(super) fn of(site: &Site, previous: Option<&Snapshot>) -> Self {
        let slugs = |list: &[usize]| list.iter().map(|&i| site.posting(i).slug.clone()).collect();
        let mut snapshot = Snapshot {
            today: site.now.with_timezone(&site.config.time_zone).date_naive(),
            open: slugs(&site.open),
            soonest: slugs(&site.soonest),
            closed: slugs(&site.closed),
            terms: site
                .terms
                .iter()
                .map(|t| ((t.kind, t.slug.clone()), slugs(&t.postings)))
                .collect(),
            status: site
                .content
                .postings
                .iter()
                .zip(&site.status)
                .map(|(p, s)| (p.slug.clone(), *s))
                .collect(),
            similar: Arc::default(),
        };
        snapshot.similar = match previous {
            Some(p)
                if p.open == snapshot.open
                    && p.terms == snapshot.terms
                    && p.status == snapshot.status =>
            {
                p.similar.clone()
            }
            _ => Arc::new(
                site.published()
                    .collect::<Vec<_>>()
                    .par_iter()
                    .map(|&i| {
                        (
                            site.posting(i).slug.clone(),
                            slugs(&site.similar(i, SIMILAR)),
                        )
                    })
                    .collect(),
            ),
        };
        snapshot
    }

    /// The filter panel: every term with open postings and its count
    /// (a term lists only open postings).
    fn filter_counts(&self) -> Vec<(&(TermKind, String), usize)> {
        self.terms
            .iter()
            .filter(|(_, list)| !list.is_empty())
            .map(|(k, list)| (k, list.len()))
            .collect()
    }
}

/// Which postings changed between two sites.
pub(super) struct Diff {
    /// Posting pages (slug, language) to render again: content or status changed, or new.
    pages: BTreeSet<(String, String)>,
    /// Postings whose cards in listings and feeds changed (a subset of `pages`, plus removed ones).
    cards: BTreeSet<String>,
    pub(super) after: Snapshot,
    filters_changed: bool,
    /// Whether each list is the same as before (compared once, not per page).
    open_same: bool,
    soonest_same: bool,
    closed_same: bool,
    terms_same: HashMap<(TermKind, String), bool>,
}

/// The pages (slug, language) and cards of the re-read postings that differ
/// from what they were.
fn changed_postings(
    site: &Site,
    replaced: &HashMap<String, Option<Posting>>,
) -> (BTreeSet<(String, String)>, BTreeSet<String>) {
    let mut pages = BTreeSet::new();
    let mut cards = BTreeSet::new();
    let languages = &site.config.languages;
    for (slug, old) in replaced {
        let new = site.content.postings.iter().find(|p| &p.slug == slug);
        let every_language = languages.iter().map(|l| (slug.clone(), l.code.clone()));
        match (old, new) {
            (Some(o), Some(n)) if o == n => {}
            (Some(o), Some(n)) => {
                if o.facts != n.facts || o.attachments != n.attachments {
                    pages.extend(every_language);
                }
                for l in languages {
                    if o.translation(&l.code) != n.translation(&l.code) {
                        pages.insert((slug.clone(), l.code.clone()));
                    }
                }
                if !o.same_card(n) {
                    cards.insert(slug.clone());
                }
            }
            (None, None) => {}
            _ => {
                pages.extend(every_language);
                cards.insert(slug.clone());
            }
        }
    }
    (pages, cards)
}

impl Diff {
    pub(super) fn new(
        before: &Snapshot,
        site: &Site,
        replaced: &HashMap<String, Option<Posting>>,
    ) -> Self {
        let after = Snapshot::of(site, Some(before));
        let (mut pages, mut cards) = changed_postings(site, replaced);
        let all_langs = |slug: &String, pages: &mut BTreeSet<(String, String)>| {
            for l in &site.config.languages {
                pages.insert((slug.clone(), l.code.clone()));
            }
        };
        for (slug, status) in &after.status {
            if before.status.get(slug) != Some(status) {
                all_langs(slug, &mut pages);
                cards.insert(slug.clone());
            }
        }
        let similar_same = Arc::ptr_eq(&before.similar, &after.similar);
        for (slug, similar) in after.similar.iter() {
            if (!similar_same && before.similar.get(slug) != Some(similar))
                || similar.iter().any(|s| cards.contains(s))
            {
                all_langs(slug, &mut pages);
            }
        }
        let filters_changed = before.filter_counts() != after.filter_counts();
        let terms_same: HashMap<(TermKind, String), bool> = after
            .terms
            .iter()
            .map(|(k, list)| (k.clone(), before.terms.get(k) == Some(list)))
            .collect();
        Diff {
            pages,
            cards,
            open_same: before.open == after.open,
            soonest_same: before.soonest == after.soonest,
            closed_same: before.closed == after.closed,
            terms_same,
            after,
            filters_changed,
        }
    }

    /// Whether page `page` of a listing differs: the list itself changed, or
    /// a posting shown on that page changed its card.
    /// Whether a page can differ from the last build's.
    pub(super) fn picks_page(&self, before: &Snapshot, site: &Site, job: &PageJob) -> bool {
        let size = site.config.page_size;
        match *job {
            PageJob::Root => before.open.len() != self.after.open.len(),
            PageJob::NotFound | PageJob::Page { .. } | PageJob::Statement { .. } => false,
            PageJob::Soonest { page, .. } => {
                self.filters_changed
                    || self.listing_page(self.soonest_same, &self.after.soonest, page, size)
            }
            PageJob::Home { page, .. } => {
                self.filters_changed
                    || self.listing_page(self.open_same, &self.after.open, page, size)
            }
            PageJob::Archive { page, .. } => {
                self.listing_page(self.closed_same, &self.after.closed, page, size)
            }
            PageJob::Term { term, page, .. } => {
                let key = term_key(site, term);
                self.filters_changed
                    || self.listing_page(self.term_same(&key), &self.after.terms[&key], page, size)
            }
            PageJob::Posting { lang, posting } => {
                let key = (
                    site.posting(posting).slug.clone(),
                    site.config.languages[lang].code.clone(),
                );
                self.pages.contains(&key)
            }
        }
    }

    /// Whether a feed, calendar or JSON file can differ from the last build's.
    pub(super) fn picks_feed(&self, site: &Site, job: &FeedJob) -> bool {
        match *job {
            FeedJob::Feed { term: None, .. } | FeedJob::Calendar { .. } | FeedJob::Json { .. } => {
                self.list(self.open_same, &self.after.open)
            }
            // A posting's text is not on its card: any change to an open
            // posting's page can change the index.
            FeedJob::SearchIndex { .. } | FeedJob::SearchShard { .. } => {
                !self.open_same || self.after.open.iter().any(|s| self.changed(s))
            }
            FeedJob::Feed { term: Some(t), .. } => {
                let key = term_key(site, t);
                self.list(self.term_same(&key), &self.after.terms[&key])
            }
            FeedJob::PostingCalendar { posting, .. } => {
                self.cards.contains(&site.posting(posting).slug)
            }
        }
    }

    fn listing_page(&self, same: bool, after: &[String], page: usize, size: usize) -> bool {
        !same
            || after
                .chunks(size)
                .nth(page - 1)
                .is_some_and(|chunk| chunk.iter().any(|s| self.cards.contains(s)))
    }

    /// Whether a posting's page (in any language) or card changed.
    fn changed(&self, slug: &str) -> bool {
        self.cards.contains(slug)
            || self
                .pages
                .range((slug.to_string(), String::new())..)
                .next()
                .is_some_and(|(s, _)| s == slug)
    }

    fn list(&self, same: bool, after: &[String]) -> bool {
        !same || after.iter().any(|s| self.cards.contains(s))
    }

    fn term_same(&self, key: &(TermKind, String)) -> bool {
        self.terms_same.get(key).copied().unwrap_or(false)
    }
}

/// Renders what `diff` touches into a copy of the output and swaps it in.
/// The kind and slug of a term, which stay the same when its index moves.
fn term_key(site: &Site, t: usize) -> (TermKind, String) {
    (site.terms[t].kind, site.terms[t].slug.clone())
}
