//! What the built site consists of, said once: every output file as a job
//! (a page, a feed or calendar, a static file, an attachment, the sitemap,
//! `robots.txt`, `next-change.txt`), made from the model by [`Plan::of`],
//! and one runner, [`run`], that makes any chosen subset of them into a
//! sink. `vacancy build` runs every job; the live preview runs the ones its
//! diff picks. Nothing else assembles outputs.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::feeds::FeedJob;
use crate::feeds::sitemap::Entry;
use crate::model::Site;
use crate::output::Sink;
use crate::output::{MemSink, Output};
use crate::render::{Kit, PageJob, Renderer, page_file};
use crate::theme::Theme;
use crate::urls;

/// One output file (or, for a page, the file that serves one address).
/// Indices point into the site's languages, terms, postings and pages, and
/// into the plan's static files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Page(PageJob),
    Feed(FeedJob),
    /// A file of the theme's or the site's `static/`.
    Static(usize),
    /// A file published beside a posting's page in one of its languages.
    Attachment {
        posting: usize,
        translation: usize,
        attachment: usize,
    },
    Sitemap,
    Robots,
    NextChange,
    /// The JSON Schema of `postings.json`.
    PostingsSchema,
}

/// Every job of a site, in the order they are listed.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub jobs: Vec<Job>,
    /// The static files' paths, which [`Job::Static`] points into.
    statics: Vec<String>,
}

impl Plan {
    /// Everything the site at this moment consists of.
    pub fn of(site: &Site, theme: &Theme) -> Plan {
        let statics: Vec<String> = theme.static_files.keys().cloned().collect();
        let mut jobs: Vec<Job> = page_jobs(site).into_iter().map(Job::Page).collect();
        jobs.extend(crate::feeds::feed_jobs(site).into_iter().map(Job::Feed));
        jobs.extend((0..statics.len()).map(Job::Static));
        for posting in site.published() {
            let p = site.posting(posting);
            for translation in 0..p.translations.len() {
                jobs.extend((0..p.attachments.len()).map(|attachment| Job::Attachment {
                    posting,
                    translation,
                    attachment,
                }));
            }
        }
        jobs.extend([
            Job::Sitemap,
            Job::Robots,
            Job::NextChange,
            Job::PostingsSchema,
        ]);
        Plan { jobs, statics }
    }

    /// The output file a job writes.
    pub fn file(&self, site: &Site, job: &Job) -> String {
        match *job {
            Job::Page(page) => page_file(site, &page),
            Job::Feed(feed) => feed.file(site),
            Job::Static(i) => self.statics[i].clone(),
            Job::Attachment {
                posting,
                translation,
                attachment,
            } => {
                let p = site.posting(posting);
                let lang = &p.translations[translation].lang;
                format!(
                    "{}{}",
                    urls::posting(lang, &p.slug),
                    p.attachments[attachment].name
                )
            }
            Job::Sitemap => urls::SITEMAP.to_string(),
            Job::Robots => urls::ROBOTS.to_string(),
            Job::NextChange => urls::NEXT_CHANGE.to_string(),
            Job::PostingsSchema => urls::POSTINGS_SCHEMA.to_string(),
        }
    }

    /// The entries of `previous` for the pages still in the plan.
    fn carried(&self, site: &Site, previous: &Sitemap) -> Sitemap {
        let pages = self.jobs.iter().filter(|j| matches!(j, Job::Page(_)));
        pages
            .filter_map(|j| {
                let file = self.file(site, j);
                previous.get(&file).map(|entry| (file, entry.clone()))
            })
            .collect()
    }

    /// Every file of the plan.
    pub fn files(&self, site: &Site) -> Vec<String> {
        self.jobs.iter().map(|j| self.file(site, j)).collect()
    }
}

/// Every page of the site.
fn page_jobs(site: &Site) -> Vec<PageJob> {
    let size = site.config.page_size;
    let pages_of = |n: usize| n.div_ceil(size).max(1);
    let mut jobs = vec![PageJob::Root, PageJob::NotFound];
    for (lang, language) in site.config.languages.iter().enumerate() {
        let code = language.code.as_str();
        let open = 1..=pages_of(site.open.len());
        jobs.extend(open.clone().map(|page| PageJob::Home { lang, page }));
        jobs.extend(open.map(|page| PageJob::Soonest { lang, page }));
        if site.config.accessibility.is_some() {
            jobs.push(PageJob::Statement { lang });
        }
        let closed = 1..=pages_of(site.closed.len());
        jobs.extend(closed.map(|page| PageJob::Archive { lang, page }));
        for (term, t) in site.terms.iter().enumerate() {
            let pages = 1..=pages_of(t.postings.len());
            jobs.extend(pages.map(|page| PageJob::Term { lang, term, page }));
        }
        for posting in site.published() {
            if site.posting(posting).translation(code).is_some() {
                jobs.push(PageJob::Posting { lang, posting });
            }
        }
        for (page, p) in site.content.pages.iter().enumerate() {
            if p.translation(code).is_some() {
                jobs.push(PageJob::Page { lang, page });
            }
        }
    }
    jobs
}

impl Kit {
    /// Renders the whole site into memory.
    pub fn render(&self, site: &Site) -> Result<Output, crate::diagnostic::Failed> {
        let sink = MemSink::default();
        self.render_into(site, &sink)?;
        Ok(sink.into_output())
    }

    /// Renders the whole site into `sink`, every file as soon as it is made.
    pub fn render_into(
        &self,
        site: &Site,
        sink: &dyn Sink,
    ) -> Result<(), crate::diagnostic::Failed> {
        let plan = Plan::of(site, &self.theme);
        run(site, self, &plan, &|_| true, &Sitemap::new(), sink)
            .map(drop)
            .map_err(|ds| {
                let mut all = crate::diagnostic::Diagnostics(ds);
                all.sort();
                crate::diagnostic::Failed(all)
            })
    }
}

/// Each page's file and its sitemap entry (none when it is not indexed).
pub type Sitemap = BTreeMap<String, Option<Entry>>;

/// What a run made.
#[derive(Debug, Default)]
pub struct Ran {
    /// The pages, feeds, calendars and JSON files made, in the plan's order.
    pub rendered: Vec<String>,
    /// The sitemap entry of every page of the plan: the entries of the pages
    /// made now, the others' from the previous run.
    pub sitemap: Sitemap,
}

/// Makes the jobs of `plan` that `pick` selects and hands each file to
/// `sink` as soon as it is made. `previous` holds the sitemap entries of an
/// earlier run of the same site (empty for a whole build): the sitemap is
/// written, when picked, only if what it lists changed.
pub fn run(
    site: &Site,
    kit: &Kit,
    plan: &Plan,
    pick: &(dyn Fn(&Job) -> bool + Sync),
    previous: &Sitemap,
    sink: &dyn Sink,
) -> Result<Ran, Vec<Diagnostic>> {
    let pages: Vec<PageJob> = plan
        .jobs
        .iter()
        .filter_map(|j| match j {
            Job::Page(p) if pick(j) => Some(*p),
            _ => None,
        })
        .collect();
    let renderer =
        Renderer::new(site, &kit.theme, &kit.strings, &kit.tera, &pages).map_err(|d| vec![d])?;
    let made = render_pages(&renderer, &pages, sink)?;
    let mut ran = Ran::default();
    let mut sitemap = plan.carried(site, previous);
    for (file, entry) in made {
        ran.rendered.push(file.clone());
        sitemap.insert(file, entry);
    }
    let feeds = |f: &FeedJob| pick(&Job::Feed(*f));
    let written = crate::feeds::generate_into(site, &renderer.langs, &feeds, sink)
        .map_err(|e| vec![Diagnostic::error(format!("writing feeds failed: {e}"))])?;
    ran.rendered.extend(written);
    drop(renderer);
    let sitemap_changed = previous.is_empty() || &sitemap != previous;
    let others: Vec<Job> = plan
        .jobs
        .iter()
        .filter(|j| pick(j) && !matches!(j, Job::Page(_) | Job::Feed(_)))
        .copied()
        .collect();
    others
        .par_iter()
        .try_for_each(|job| {
            let file = plan.file(site, job);
            let bytes = match other_file(site, kit, plan, job, &sitemap, sitemap_changed) {
                Ok(Some(bytes)) => bytes,
                Ok(None) => return Ok(()),
                Err(e) => return Err(write_error(&file, &e)),
            };
            sink.put_shared(file.clone(), bytes)
                .map_err(|e| write_error(&file, &e))
        })
        .map_err(|d| vec![d])?;
    ran.sitemap = sitemap;
    Ok(ran)
}

/// The bytes of a job that is neither a page nor a feed; `None` for the
/// sitemap when what it lists has not changed since the previous run.
fn other_file(
    site: &Site,
    kit: &Kit,
    plan: &Plan,
    job: &Job,
    sitemap: &Sitemap,
    sitemap_changed: bool,
) -> std::io::Result<Option<Arc<[u8]>>> {
    Ok(Some(match *job {
        Job::Static(i) => kit.theme.static_files[&plan.statics[i]].clone(),
        Job::Attachment {
            posting,
            attachment,
            ..
        } => site.posting(posting).attachments[attachment].bytes.clone(),
        Job::Sitemap if !sitemap_changed => return Ok(None),
        Job::Sitemap => {
            let mut entries: Vec<Entry> = sitemap.values().flatten().cloned().collect();
            entries.sort();
            crate::feeds::sitemap::sitemap(&entries)?.into()
        }
        Job::Robots => crate::feeds::sitemap::robots(&site.config).into(),
        Job::NextChange => next_change(site).into_bytes().into(),
        Job::PostingsSchema => crate::feeds::json::SCHEMA.as_bytes().into(),
        Job::Page(_) | Job::Feed(_) => return Ok(None),
    }))
}

/// Renders `pages` in parallel into `sink`; each page's file and sitemap
/// entry, in the order of `pages`. At most five errors are reported.
fn render_pages(
    renderer: &Renderer<'_>,
    pages: &[PageJob],
    sink: &dyn Sink,
) -> Result<Vec<(String, Option<Entry>)>, Vec<Diagnostic>> {
    let results: Vec<Result<(String, Option<Entry>), Diagnostic>> = pages
        .par_iter()
        .map(|job| {
            let page = renderer.run(job)?;
            sink.put(page.file.clone(), page.bytes)
                .map_err(|e| write_error(&page.file, &e))?;
            Ok((page.file, page.sitemap))
        })
        .collect();
    let mut made = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(page) => made.push(page),
            Err(d) if errors.len() < 5 => errors.push(d),
            Err(_) => {}
        }
    }
    if errors.is_empty() {
        Ok(made)
    } else {
        Err(errors)
    }
}

/// `next-change.txt`: when the site must be built again to stay true.
fn next_change(site: &Site) -> String {
    let next = site
        .next_change
        .map_or_else(|| "none".to_string(), |t| t.to_rfc3339());
    format!("{next}\n")
}

fn write_error(file: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write {file}: {e}"))
}
