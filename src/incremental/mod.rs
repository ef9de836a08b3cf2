//! Rebuilding only what a change touches, for the live preview. A session
//! keeps the loaded site and its rendered output in memory; when posting
//! files change it re-reads just those postings, rebuilds the model, and
//! re-renders the pages and feeds whose content can differ: the posting's own
//! pages, and the listings, term pages and feeds that show it. Anything else
//! (config, templates, strings, pages, static files) rebuilds everything.
//! A failed update leaves the last good site in place.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::diagnostic::{Diagnostics, Failed};

use crate::model::{Posting, Site};
use crate::output::{MemSink, Output};
use crate::plan::{self, Job, Plan, Sitemap};
use crate::{Kit, config, content, theme};

mod diff;
use diff::{Diff, Snapshot};

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
        let (site, kit) = crate::load(&self.root, self.base_url.as_deref(), now)?.at(now);
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
            Err(mut ds) => {
                // Every posting of the batch is read again next time, so no change is lost.
                self.failing = slugs;
                let today = now.with_timezone(&state.site.config.time_zone).date_naive();
                ds.retain(|d| d.holds_on(today));
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

fn patch(
    state: &mut State,
    before: &Snapshot,
    diff: &Diff,
    replaced: &HashMap<String, Option<Posting>>,
) -> Result<Update, Failed> {
    let site = &state.site;
    let pick = |job: &Job| match job {
        Job::Page(page) => diff.picks_page(before, site, page),
        Job::Feed(feed) => diff.picks_feed(site, feed),
        Job::Attachment { posting, .. } => replaced.contains_key(&site.posting(*posting).slug),
        Job::Sitemap | Job::NextChange => true,
        Job::Static(_) | Job::Robots | Job::PostingsSchema => false,
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
