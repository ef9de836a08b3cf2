//! `vacancy` turns a folder of Markdown job postings into a static,
//! accessible, multilingual job board.
//!
//! The pipeline runs one way: load config -> load and validate content ->
//! build the site model at one moment ("now") -> render every page in
//! parallel into memory -> write the whole site atomically.

pub mod address;
pub mod check;
pub mod cli;
pub mod cms;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod escape;
pub mod feeds;
pub mod fields;
pub mod files;
pub mod hyphenate;
pub mod i18n;
pub mod image;
pub mod incremental;
pub mod markdown;
pub mod memory;
pub mod model;
pub mod names;
pub mod occupations;
pub mod output;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod theme;
pub mod urls;
pub mod views;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Failed};
use crate::model::{Site, Status};
use crate::output::Output;
pub use crate::render::Kit;

/// A site built in memory, not yet written.
#[derive(Debug)]
pub struct Built {
    pub site: Site,
    pub output: Output,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
}

impl Built {
    /// The one line `build` ends with.
    pub fn summary(&self) -> String {
        summary(
            &self.site,
            &pages_per_language(&self.site.config, self.output.files.keys()),
            self.elapsed,
        )
    }

    /// When the site must be rebuilt to stay true, in words.
    pub fn next_change_line(&self) -> String {
        next_change_line(&self.site)
    }
}

/// A site built and written to its output folder.
#[derive(Debug)]
pub struct Published {
    pub site: Site,
    /// Every file written, sorted.
    pub files: Vec<String>,
    pub warnings: Diagnostics,
    pub elapsed: Duration,
}

impl Published {
    /// The one line `build` ends with.
    pub fn summary(&self) -> String {
        summary(
            &self.site,
            &pages_per_language(&self.site.config, self.files.iter()),
            self.elapsed,
        )
    }

    /// When the site must be rebuilt to stay true, in words.
    pub fn next_change_line(&self) -> String {
        next_change_line(&self.site)
    }
}

/// HTML pages under each language's folder (`sv/`), in the site's order.
fn pages_per_language<S: AsRef<str>>(
    config: &Config,
    files: impl Iterator<Item = S>,
) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = config
        .languages
        .iter()
        .map(|l| (l.code.clone(), 0))
        .collect();
    for file in files {
        let file = file.as_ref();
        if !file.ends_with(".html") {
            continue;
        }
        let Some((first, _)) = file.split_once('/') else {
            continue;
        };
        if let Some(entry) = counts.iter_mut().find(|(code, _)| code == first) {
            entry.1 += 1;
        }
    }
    counts
}

fn summary(site: &Site, pages: &[(String, usize)], elapsed: Duration) -> String {
    let per_lang: Vec<String> = pages.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let total = pages.iter().map(|(_, n)| n).sum::<usize>();
    format!(
        "built {} ({}); postings: {} open, {} closed, {} still to be published; in {} ms",
        diagnostic::count(total, "page", "pages"),
        per_lang.join(", "),
        site.count(Status::Open),
        site.count(Status::Closed),
        site.count(Status::Future),
        elapsed.as_millis()
    )
}

fn next_change_line(site: &Site) -> String {
    match site.next_change {
        Some(t) => format!("next change: {}", t.to_rfc3339()),
        None => "next change: none".to_string(),
    }
}

/// Everything read and validated from a site folder, before "now" is applied.
pub struct Loaded {
    pub config: Config,
    pub content: model::Content,
    pub kit: Kit,
    /// What is not wrong but may be a mistake (a file that is not read).
    pub warnings: Diagnostics,
}

impl Loaded {
    /// The site as it stands at `now`, and what renders it.
    pub fn at(self, now: DateTime<FixedOffset>) -> (Site, Kit) {
        (Site::new(self.config, self.content, now), self.kit)
    }
}

/// Reads the configuration, theme, string tables and content of `root`,
/// reporting every problem found in any of them. `now` decides only which
/// warnings hold (a publication date more than a year ahead).
pub fn load(
    root: &Path,
    base_url: Option<&str>,
    now: DateTime<FixedOffset>,
) -> Result<Loaded, Failed> {
    let mut diagnostics = Diagnostics::default();
    let theme = theme::Theme::load(root);
    let config = match &theme {
        Ok(theme) => Config::load_checked(root, &theme.static_files),
        Err(_) => Config::load(root),
    };
    let (mut config, theme) = match (config, theme) {
        (Ok(c), Ok(t)) => (c, t),
        (c, t) => {
            diagnostics.extend(c.err().unwrap_or_default());
            diagnostics.extend(t.err().unwrap_or_default());
            return Err(fail(Vec::new(), &mut diagnostics));
        }
    };
    if let Some(url) = base_url {
        config
            .set_base_url(url)
            .map_err(|why| fail(vec![Diagnostic::error(why)], &mut diagnostics))?;
    }
    let strings = i18n::load(&config, &theme.i18n);
    let today = now.with_timezone(&config.time_zone).date_naive();
    let content = content::load(root, &config).map(|(c, mut ws)| {
        ws.retain(|d| d.holds_on(today));
        (c, ws)
    });
    let content = content.map_err(|mut ds| {
        ds.retain(|d| d.holds_on(today));
        ds
    });
    let (strings, content) = match (strings, content) {
        (Ok(s), Ok((c, warnings))) => {
            diagnostics.extend(warnings);
            (s, c)
        }
        (s, c) => {
            diagnostics.extend(s.err().unwrap_or_default());
            diagnostics.extend(c.err().unwrap_or_default());
            return Err(fail(Vec::new(), &mut diagnostics));
        }
    };
    let tera = render::environment(&theme, &strings).map_err(|ds| fail(ds, &mut diagnostics))?;
    Ok(Loaded {
        config,
        content,
        warnings: std::mem::take(&mut diagnostics),
        kit: Kit {
            theme,
            strings,
            tera,
        },
    })
}

/// Loads, validates and renders the site in `root` at `now`, entirely in memory.
pub fn build_in_memory(
    root: &Path,
    now: DateTime<FixedOffset>,
    base_url: Option<&str>,
) -> Result<Built, Failed> {
    let started = Instant::now();
    let mut loaded = load(root, base_url, now)?;
    let warnings = std::mem::take(&mut loaded.warnings);
    let (site, kit) = loaded.at(now);
    let output = kit.render(&site)?;
    Ok(Built {
        site,
        output,
        warnings,
        elapsed: started.elapsed(),
    })
}

fn fail(ds: Vec<Diagnostic>, all: &mut Diagnostics) -> Failed {
    all.extend(ds);
    all.sort();
    Failed(std::mem::take(all))
}

/// How `build` may write.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions<'a> {
    /// Another base URL than vacancy.toml's (e.g. for a staging server).
    pub base_url: Option<&'a str>,
    /// Write a board without postings even when the last build had some,
    /// or when the site has no `content/` folder.
    pub allow_empty: bool,
}

/// Builds the site in `root` and writes it to `output_dir` atomically:
/// pages go to disk as they are rendered, and the finished site replaces the
/// old one in one step, so `output_dir` is always one whole build. A folder
/// that is not an earlier build's output is never written over
/// ([`output::check_destination`]).
pub fn build(
    root: &Path,
    output_dir: &Path,
    now: DateTime<FixedOffset>,
    options: BuildOptions<'_>,
) -> Result<Published, BuildError> {
    let started = Instant::now();
    let previous = output::check_destination(root, output_dir).map_err(BuildError::Refused)?;
    let content_problem = (!options.allow_empty)
        .then(|| content::missing_folder(root))
        .flatten();
    let mut loaded = load(root, options.base_url, now).map_err(|mut failed| {
        if let Some(d) = &content_problem {
            failed.0.push(d.clone());
            failed.0.sort();
        }
        BuildError::Content(failed)
    })?;
    if let Some(d) = content_problem {
        return Err(BuildError::Content(Failed(Diagnostics(vec![d]))));
    }
    let warnings = std::mem::take(&mut loaded.warnings);
    let (site, kit) = loaded.at(now);
    let published = site.count(Status::Open) + site.count(Status::Closed);
    if let output::Previous::Build { postings } = previous
        && postings > 0
        && published == 0
        && !options.allow_empty
    {
        return Err(BuildError::Refused(format!(
            "this build would publish no postings, while the site now in {} has {postings}; \
             check that the postings are in content/postings/ and are not all drafts or \
             still to be published, or build with --allow-empty if the board is to be empty",
            output_dir
                .strip_prefix(root)
                .unwrap_or(output_dir)
                .display()
        )));
    }
    let files = output::write_atomically(output_dir, published, |sink| {
        kit.render_into(&site, sink)?;
        let mut paths = sink.paths();
        paths.insert(0, output::MARKER.to_string());
        Ok(paths)
    })
    .map_err(|e| match e {
        output::Written::Render(failed) => BuildError::Content(failed),
        output::Written::Io(e) => BuildError::Write(output_dir.to_path_buf(), e),
    })?;
    Ok(Published {
        site,
        files,
        warnings,
        elapsed: started.elapsed(),
    })
}

/// Why a build produced no site.
#[derive(Debug)]
pub enum BuildError {
    Content(Failed),
    /// The output folder may not be written, or the build would empty the board.
    Refused(String),
    Write(PathBuf, std::io::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content(failed) => failed.fmt(f),
            BuildError::Refused(why) => f.write_str(why),
            BuildError::Write(path, e) => {
                write!(f, "cannot write the site to {}: {e}", path.display())
            }
        }
    }
}

impl std::error::Error for BuildError {}

/// "Now" for a build: an explicit value, else `SOURCE_DATE_EPOCH`, else the clock.
pub fn resolve_now(
    explicit: Option<&str>,
    tz: Option<chrono_tz::Tz>,
) -> Result<DateTime<FixedOffset>, String> {
    let tz = tz.unwrap_or(chrono_tz::UTC);
    if let Some(text) = explicit {
        return parse_now(text, tz)
            .and_then(in_range)
            .map_err(|why| format!("--now {text}: {why}"));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let out_of_range = || {
            format!(
                "SOURCE_DATE_EPOCH={epoch}: the moment is outside the years {} to {}, \
                 the dates feeds and calendars can hold; unset it or give seconds since 1970",
                fields::FIRST_YEAR,
                fields::LAST_YEAR
            )
        };
        let secs: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH is not a number of seconds: {epoch}"))?;
        let utc = DateTime::from_timestamp(secs, 0).ok_or_else(out_of_range)?;
        return in_range(utc.with_timezone(&tz).fixed_offset()).map_err(|_| out_of_range());
    }
    Ok(chrono::Utc::now().with_timezone(&tz).fixed_offset())
}

/// A moment whose date, in its own offset and in UTC, every output can write.
fn in_range(now: DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>, String> {
    // UTC first: once its year is in range, the local date cannot overflow.
    fields::check_year(now.naive_utc().date())?;
    fields::check_year(now.date_naive())?;
    Ok(now)
}

/// Parses `--now`: an RFC 3339 date-time, a local date-time, or a date (its start) in `tz`.
pub fn parse_now(text: &str, tz: chrono_tz::Tz) -> Result<DateTime<FixedOffset>, String> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t);
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(local) = chrono::NaiveDateTime::parse_from_str(text, format) {
            fields::check_year(local.date())?;
            return Ok(model::local_to_fixed(local, tz));
        }
    }
    if let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        fields::check_year(date)?;
        return Ok(model::local_to_fixed(
            date.and_time(chrono::NaiveTime::MIN),
            tz,
        ));
    }
    Err(
        "it is not a date or date-time; write e.g. 2026-03-20 or 2026-03-20T12:00:00+01:00"
            .to_string(),
    )
}

/// The site's time zone, read cheaply before a build (to interpret `--now`).
pub fn site_time_zone(root: &Path) -> Option<chrono_tz::Tz> {
    Config::load(root).ok().map(|c| c.time_zone)
}
