//! Rebuilding only what a change touches, for the live preview. A session
//! keeps the loaded site and its rendered output in memory; when posting
//! files change it re-reads just those postings, rebuilds the model, and
//! re-renders the pages and feeds whose content can differ: the posting's own
//! pages, and the listings, term pages and feeds that show it. Anything else
//! (config, templates, strings, pages, static files) rebuilds everything.
//! A failed update leaves the last good site in place.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::diagnostic::{Diagnostics, Failed};
use crate::feeds::FeedJob;
use rayon::prelude::*;

use crate::model::{Posting, Site, Status, TermKind};
use crate::output::{MemSink, Output};
use crate::plan::{self, Job, Plan, Sitemap};
use crate::render::PageJob;
use crate::views::SIMILAR;
use crate::{Kit, config, content, theme};

/// What a set of changed files calls for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Only ignored files (editor backups, swap files, the output) changed.
    Nothing,
    /// Only these postings' files changed.
    Postings(BTreeSet<String>),
    /// Configuration, theme, strings, pages or static files changed.
    Everything,
}

/// Sorts changed paths (absolute or relative to `root`) into what to rebuild.
pub fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    let mut slugs = BTreeSet::new();
    for path in paths {
        let rel = path.strip_prefix(root).unwrap_or(path);
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if content::is_ignored(&name)
            || rel
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        {
            continue;
        }
        if rel.starts_with(content::POSTINGS_DIR) {
            match content::posting_slug_of(rel) {
                Some(slug) => {
                    slugs.insert(slug);
                }
                None => return Change::Everything,
            }
        } else if rel == Path::new(config::CONFIG_FILE)
            || rel.starts_with("content")
            || ["templates", "static", "i18n", theme::THEME_DIR]
                .iter()
                .any(|d| rel.starts_with(d))
        {
            return Change::Everything;
        }
    }
    if slugs.is_empty() {
        Change::Nothing
    } else {
        Change::Postings(slugs)
    }
}

/// What an update rendered, for the terminal and for tests.
#[derive(Debug, Clone, Default)]
pub struct Update {
    /// Whether everything was rebuilt.
    pub full: bool,
    /// Output files rendered anew (pages, feeds, calendars, JSON).
    pub rendered: Vec<String>,
    /// Output files that no longer exist.
    pub removed: Vec<String>,
    pub elapsed: Duration,
}

impl Update {
    pub fn summary(&self) -> String {
        let kind = if self.full {
            "rebuilt everything"
        } else {
            "updated"
        };
        format!(
            "{kind}: {} files rendered, {} removed, in {} ms",
            self.rendered.len(),
            self.removed.len(),
            self.elapsed.as_millis()
        )
    }
}

/// The site as last built successfully, with what is needed to patch it.
struct State {
    kit: Kit,
    site: Site,
    output: Arc<Output>,
    /// Every file of the site's plan.
    files: BTreeSet<String>,
    /// Each page's sitemap entry (when indexable).
    sitemap: Sitemap,
    /// What the site lists, to compare the next update with.
    snapshot: Snapshot,
}

/// A live site: built once, then patched on every change.
pub struct Session {
    root: PathBuf,
    base_url: Option<String>,
    state: Option<State>,
    /// Postings whose last update failed: read again until they are fixed.
    failing: BTreeSet<String>,
}

impl Session {
    pub fn new(root: &Path, base_url: Option<String>) -> Self {
        Session {
            root: root.to_path_buf(),
            base_url,
            state: None,
            failing: BTreeSet::new(),
        }
    }

    /// The last good site, if one was built.
    pub fn output(&self) -> Option<Arc<Output>> {
        self.state.as_ref().map(|s| s.output.clone())
    }

    pub fn site(&self) -> Option<&Site> {
        self.state.as_ref().map(|s| &s.site)
    }

    /// Applies a change; on failure the last good site stays.
    pub fn apply(&mut self, change: &Change, now: DateTime<FixedOffset>) -> Result<Update, Failed> {
        match change {
            Change::Nothing if self.failing.is_empty() => Ok(Update::default()),
            Change::Postings(_) | Change::Nothing if self.state.is_none() => self.rebuild_all(now),
            Change::Postings(slugs) => self.update_postings(slugs.clone(), now),
            Change::Nothing => self.update_postings(BTreeSet::new(), now),
            Change::Everything => self.rebuild_all(now),
        }
    }

    /// Loads and renders the whole site.
    pub fn rebuild_all(&mut self, now: DateTime<FixedOffset>) -> Result<Update, Failed> {
        let started = Instant::now();
        let (site, kit) = crate::load(&self.root, self.base_url.as_deref())?.at(now);
        self.failing.clear();
        let plan = Plan::of(&site, &kit.theme);
        let sink = MemSink::default();
        let ran =
            plan::run(&site, &kit, &plan, &|_| true, &Sitemap::new(), &sink).map_err(failed)?;
        let snapshot = Snapshot::of(&site, None);
        self.state = Some(State {
            files: plan.files(&site).into_iter().collect(),
            kit,
            site,
            output: Arc::new(sink.into_output()),
            sitemap: ran.sitemap,
            snapshot,
        });
        Ok(Update {
            full: true,
            rendered: ran.rendered,
            removed: Vec::new(),
            elapsed: started.elapsed(),
        })
    }

    fn update_postings(
        &mut self,
        mut slugs: BTreeSet<String>,
        now: DateTime<FixedOffset>,
    ) -> Result<Update, Failed> {
        let started = Instant::now();
        slugs.extend(self.failing.iter().cloned());
        let state = self.state.as_mut().expect("a site was built before");
        let reloaded = match content::load_postings(&self.root, &state.site.config, &slugs) {
            Ok(r) => r,
            Err(ds) => {
                // Every posting of the batch is read again next time, so no change is lost.
                self.failing = slugs;
                return Err(failed(ds));
            }
        };
        self.failing.clear();
        let before = std::mem::take(&mut state.snapshot);
        let placeholder = Site::new(state.site.config.clone(), Default::default(), now);
        let old_site = std::mem::replace(&mut state.site, placeholder);
        let Site {
            config, content, ..
        } = old_site;
        let mut content = content;
        let mut replaced = HashMap::new();
        for (slug, posting) in reloaded {
            let at = content
                .postings
                .binary_search_by(|p| p.slug.as_str().cmp(&slug));
            let old = match (at, posting) {
                (Ok(i), Some(p)) => Some(std::mem::replace(&mut content.postings[i], p)),
                (Ok(i), None) => Some(content.postings.remove(i)),
                (Err(i), Some(p)) => {
                    content.postings.insert(i, p);
                    None
                }
                (Err(_), None) => None,
            };
            replaced.insert(slug, old);
        }
        state.site = Site::new(config, content, now);
        let site = &state.site;
        if site.now.with_timezone(&site.config.time_zone).date_naive() != before.today {
            // "N days left" changes on every card: render everything again.
            return self.rebuild_all(now);
        }
        let diff = Diff::new(&before, site, &replaced);
        let result = patch(state, &before, &diff, &replaced);
        state.snapshot = diff.after;
        let mut update = result?;
        update.elapsed = started.elapsed();
        Ok(update)
    }
}

fn failed(ds: Vec<crate::diagnostic::Diagnostic>) -> Failed {
    let mut all = Diagnostics(ds);
    all.sort();
    Failed(all)
}

/// What the previous site listed, by slug, to compare with the new one.
#[derive(Default)]
struct Snapshot {
    today: NaiveDate,
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
    fn of(site: &Site, previous: Option<&Snapshot>) -> Self {
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
struct Diff {
    /// Posting pages (slug, language) to render again: content or status changed, or new.
    pages: BTreeSet<(String, String)>,
    /// Postings whose cards in listings and feeds changed (a subset of `pages`, plus removed ones).
    cards: BTreeSet<String>,
    after: Snapshot,
    filters_changed: bool,
    /// Whether each list is the same as before (compared once, not per page).
    open_same: bool,
    soonest_same: bool,
    closed_same: bool,
    terms_same: HashMap<(TermKind, String), bool>,
}

impl Diff {
    fn new(before: &Snapshot, site: &Site, replaced: &HashMap<String, Option<Posting>>) -> Self {
        let after = Snapshot::of(site, Some(before));
        let mut pages = BTreeSet::new();
        let mut cards = BTreeSet::new();
        let all_langs = |slug: &String, pages: &mut BTreeSet<(String, String)>| {
            for l in &site.config.languages {
                pages.insert((slug.clone(), l.code.clone()));
            }
        };
        for (slug, old) in replaced {
            let new = site.content.postings.iter().find(|p| &p.slug == slug);
            match (old, new) {
                (Some(o), Some(n)) if o == n => {}
                (Some(o), Some(n)) => {
                    if o.facts != n.facts || o.attachments != n.attachments {
                        all_langs(slug, &mut pages);
                    }
                    for l in &site.config.languages {
                        let (was, is) = (o.translation(&l.code), n.translation(&l.code));
                        if was != is {
                            pages.insert((slug.clone(), l.code.clone()));
                        }
                    }
                    if !o.same_card(n) {
                        cards.insert(slug.clone());
                    }
                }
                (None, None) => {}
                _ => {
                    all_langs(slug, &mut pages);
                    cards.insert(slug.clone());
                }
            }
        }
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
    fn listing_page(&self, same: bool, after: &[String], page: usize, size: usize) -> bool {
        !same
            || after
                .chunks(size)
                .nth(page - 1)
                .is_some_and(|chunk| chunk.iter().any(|s| self.cards.contains(s)))
    }

    fn list(&self, same: bool, after: &[String]) -> bool {
        !same || after.iter().any(|s| self.cards.contains(s))
    }

    fn term_same(&self, key: &(TermKind, String)) -> bool {
        self.terms_same.get(key).copied().unwrap_or(false)
    }
}

/// Renders what `diff` touches into a copy of the output and swaps it in.
fn patch(
    state: &mut State,
    before: &Snapshot,
    diff: &Diff,
    replaced: &HashMap<String, Option<Posting>>,
) -> Result<Update, Failed> {
    let site = &state.site;
    let size = site.config.page_size;
    let term_key = |t: usize| (site.terms[t].kind, site.terms[t].slug.clone());
    let pick_page = |job: &PageJob| match *job {
        PageJob::Root => before.open.len() != diff.after.open.len(),
        PageJob::NotFound | PageJob::Page { .. } | PageJob::Statement { .. } => false,
        PageJob::Soonest { page, .. } => {
            diff.filters_changed
                || diff.listing_page(diff.soonest_same, &diff.after.soonest, page, size)
        }
        PageJob::Home { page, .. } => {
            diff.filters_changed || diff.listing_page(diff.open_same, &diff.after.open, page, size)
        }
        PageJob::Archive { page, .. } => {
            diff.listing_page(diff.closed_same, &diff.after.closed, page, size)
        }
        PageJob::Term { term, page, .. } => {
            let key = term_key(term);
            diff.filters_changed
                || diff.listing_page(diff.term_same(&key), &diff.after.terms[&key], page, size)
        }
        PageJob::Posting { lang, posting } => {
            let key = (
                site.posting(posting).slug.clone(),
                site.config.languages[lang].code.clone(),
            );
            diff.pages.contains(&key)
        }
    };
    let pick_feed = |job: &FeedJob| match *job {
        FeedJob::Feed { term: None, .. } | FeedJob::Calendar { .. } | FeedJob::Json { .. } => {
            diff.list(diff.open_same, &diff.after.open)
        }
        FeedJob::Feed { term: Some(t), .. } => {
            let key = term_key(t);
            diff.list(diff.term_same(&key), &diff.after.terms[&key])
        }
        FeedJob::PostingCalendar { posting, .. } => {
            diff.cards.contains(&site.posting(posting).slug)
        }
    };
    let pick = |job: &Job| match job {
        Job::Page(page) => pick_page(page),
        Job::Feed(feed) => pick_feed(feed),
        Job::Attachment { posting, .. } => replaced.contains_key(&site.posting(*posting).slug),
        Job::Sitemap | Job::NextChange => true,
        Job::Static(_) | Job::Robots => false,
    };
    let plan = Plan::of(site, &state.kit.theme);
    let files: BTreeSet<String> = plan.files(site).into_iter().collect();
    let sink = MemSink::default();
    let ran = plan::run(site, &state.kit, &plan, &pick, &state.sitemap, &sink).map_err(failed)?;
    let mut output = (*state.output).clone();
    let removed: Vec<String> = state.files.difference(&files).cloned().collect();
    for file in &removed {
        output.files.remove(file.as_str());
    }
    output.extend(sink.into_output());
    state.output = Arc::new(output);
    state.files = files;
    state.sitemap = ran.sitemap;
    Ok(Update {
        full: false,
        rendered: ran.rendered,
        removed,
        elapsed: Duration::ZERO,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_sorted_into_postings_everything_or_nothing() {
        let root = Path::new("/site");
        let p = |s: &str| vec![root.join(s)];
        assert_eq!(
            classify(root, &p("content/postings/case-officer.sv.md")),
            Change::Postings(BTreeSet::from(["case-officer".to_string()]))
        );
        assert_eq!(
            classify(root, &p("content/postings/lawyer/index.en.md")),
            Change::Postings(BTreeSet::from(["lawyer".to_string()]))
        );
        assert_eq!(
            classify(root, &p("content/postings/.case-officer.sv.md.swp")),
            Change::Nothing
        );
        assert_eq!(
            classify(root, &p("content/postings/case-officer.sv.md~")),
            Change::Nothing
        );
        assert_eq!(classify(root, &p("output/sv/index.html")), Change::Nothing);
        assert_eq!(classify(root, &p("vacancy.toml")), Change::Everything);
        assert_eq!(
            classify(root, &p("templates/posting.html")),
            Change::Everything
        );
        assert_eq!(
            classify(root, &p("content/pages/about.sv.md")),
            Change::Everything
        );
    }
}
