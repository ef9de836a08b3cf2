//! The site in memory: postings with their translations, plain pages, and the
//! listings derived from them at one moment ("now"). Nothing here knows about
//! templates; rendering reads this model by reference.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use crate::config::Config;

macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const KEYS: &'static [&'static str] = &[$($key),+];
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            pub fn from_key(key: &str) -> Option<Self> {
                match key { $($key => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

keyword_enum!(
    /// Where the work is done.
    Workplace { Onsite = "onsite", Hybrid = "hybrid", Remote = "remote" }
);
keyword_enum!(
    /// The form of employment.
    Employment {
        Permanent = "permanent",
        FixedTerm = "fixed-term",
        Temporary = "temporary",
        Seasonal = "seasonal",
        Internship = "internship",
    }
);
keyword_enum!(
    /// Full or part time.
    Extent { FullTime = "full-time", PartTime = "part-time" }
);
keyword_enum!(
    /// The period a salary figure is for.
    SalaryPer { Month = "month", Year = "year", Hour = "hour" }
);

/// When the job starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Date(NaiveDate),
    ByAgreement,
    Immediately,
}

/// Salary figures, when a posting gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct SalaryRange {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub currency: String,
    pub per: SalaryPer,
}

/// The last moment to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The deadline as a moment: the given date-time, or the last second of
    /// `date`. The posting is closed from `passed_at()` on.
    pub closes: DateTime<FixedOffset>,
    /// The day to show.
    pub date: NaiveDate,
    /// Whether the editor gave a time of day (else: the end of `date`).
    pub has_time: bool,
}

impl Deadline {
    /// The end of `date` in the site's time zone.
    pub fn end_of_day(date: NaiveDate, tz: Tz) -> Self {
        let last = date.and_hms_opt(23, 59, 59).expect("valid time");
        Deadline {
            closes: local_to_fixed(last, tz),
            date,
            has_time: false,
        }
    }

    pub fn at(moment: DateTime<FixedOffset>, tz: Tz) -> Self {
        Deadline {
            closes: moment,
            date: moment.with_timezone(&tz).date_naive(),
            has_time: true,
        }
    }

    /// The first moment the posting is closed: the deadline itself when a
    /// time is given, else the midnight that ends `date` (so the whole last
    /// second of the day is still open).
    pub fn passed_at(&self) -> DateTime<FixedOffset> {
        if self.has_time {
            self.closes
        } else {
            self.closes + chrono::Duration::seconds(1)
        }
    }
}

/// A local wall-clock time in `tz` as a fixed-offset moment (the later one if ambiguous).
pub fn local_to_fixed(local: NaiveDateTime, tz: Tz) -> DateTime<FixedOffset> {
    use chrono::{Offset, TimeZone};
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(_, t) => t.fixed_offset(),
        chrono::LocalResult::None => {
            let shifted = local + chrono::Duration::hours(1);
            let offset = tz.offset_from_utc_datetime(&shifted).fix();
            DateTime::from_naive_utc_and_offset(shifted - offset, offset)
        }
    }
}

/// The language-independent part of a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub union: bool,
}

/// The facts of a posting, written once for every translation.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub published: NaiveDate,
    pub deadline: Deadline,
    pub locations: Vec<String>,
    pub workplace: Workplace,
    pub employment: Employment,
    pub probation: bool,
    pub extent: Extent,
    pub extent_percent: Option<u8>,
    pub start: Option<Start>,
    pub salary_range: Option<SalaryRange>,
    pub categories: Vec<String>,
    pub reference: Option<String>,
    pub apply_url: Option<String>,
    pub apply_email: Option<String>,
    pub contacts: Vec<Contact>,
    pub screening: bool,
}

/// The per-language part of a posting.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    pub lang: String,
    pub source: PathBuf,
    pub title: String,
    /// Plain text for listings, feeds and previews.
    pub summary: String,
    pub body_html: String,
    pub hours: Option<String>,
    pub salary_text: Option<String>,
    pub organization: Option<String>,
    pub unit: Option<String>,
    /// A role per contact in `Facts::contacts`, in this language when given.
    pub contact_roles: Vec<Option<String>>,
}

/// A file published beside a posting's page.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    pub name: String,
    pub bytes: Arc<[u8]>,
}

/// Whether a posting is shown, at the build's "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// `published` is still ahead: not on the site yet.
    Future,
    Open,
    /// The deadline has passed: in the archive, its page marked closed.
    Closed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    pub slug: String,
    pub facts: Facts,
    /// In the order of the site's languages.
    pub translations: Vec<Translation>,
    pub attachments: Vec<Attachment>,
}

impl Posting {
    /// Whether a listing, feed or card would show the two alike: everything
    /// but the bodies, sources and contact roles.
    pub fn same_card(&self, other: &Posting) -> bool {
        // Every field named: one added to `Translation` must be sorted here
        // into what a card shows or not, or the live preview keeps stale cards.
        fn card(t: &Translation) -> impl PartialEq + '_ {
            let Translation {
                lang,
                source: _,
                title,
                summary,
                body_html: _,
                hours,
                salary_text,
                organization,
                unit,
                contact_roles: _,
            } = t;
            (lang, title, summary, hours, salary_text, organization, unit)
        }
        self.slug == other.slug
            && self.facts == other.facts
            && self
                .translations
                .iter()
                .map(card)
                .eq(other.translations.iter().map(card))
    }

    pub fn translation(&self, lang: &str) -> Option<&Translation> {
        self.translations.iter().find(|t| t.lang == lang)
    }

    /// The translation to show on a page in `lang`: its own, else the default
    /// language's, else the first.
    pub fn shown_in(&self, lang: &str, default: &str) -> &Translation {
        self.translation(lang)
            .or_else(|| self.translation(default))
            .unwrap_or(&self.translations[0])
    }

    pub fn status(&self, now: DateTime<FixedOffset>, tz: Tz) -> Status {
        self.status_on(now, now.with_timezone(&tz).date_naive())
    }

    /// The status at `now`, whose date in the site's time zone is `today`.
    pub fn status_on(&self, now: DateTime<FixedOffset>, today: NaiveDate) -> Status {
        if self.facts.published > today {
            Status::Future
        } else if now >= self.facts.deadline.passed_at() {
            Status::Closed
        } else {
            Status::Open
        }
    }
}

/// A plain page in one language.
#[derive(Debug, Clone)]
pub struct PageTranslation {
    pub lang: String,
    pub source: PathBuf,
    pub title: String,
    pub description: String,
    pub body_html: String,
    pub weight: i64,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub translations: Vec<PageTranslation>,
}

impl Page {
    pub fn translation(&self, lang: &str) -> Option<&PageTranslation> {
        self.translations.iter().find(|t| t.lang == lang)
    }
}

/// Everything loaded and validated from a site directory.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub postings: Vec<Posting>,
    pub pages: Vec<Page>,
}

/// A taxonomy a posting can be listed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    Location,
    Employment,
    Category,
}

impl TermKind {
    pub const ALL: [TermKind; 3] = [TermKind::Location, TermKind::Employment, TermKind::Category];

    /// The URL segment of the term's pages.
    pub fn segment(self) -> &'static str {
        match self {
            TermKind::Location => "locations",
            TermKind::Employment => "employment",
            TermKind::Category => "categories",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            TermKind::Location => "location",
            TermKind::Employment => "employment",
            TermKind::Category => "category",
        }
    }
}

/// One term with the open postings listed under it (indices into `Site::postings`).
#[derive(Debug, Clone)]
pub struct Term {
    pub kind: TermKind,
    /// URL slug.
    pub slug: String,
    /// The value as written (location name, employment key, category key).
    pub value: String,
    pub postings: Vec<usize>,
}

/// The site at one moment: what is open, closed and not yet published.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub content: Content,
    pub now: DateTime<FixedOffset>,
    /// Status of each posting, same order as `content.postings`.
    pub status: Vec<Status>,
    /// Open postings, newest first (published desc, then deadline, then slug).
    pub open: Vec<usize>,
    /// Each posting's place in `open` (`usize::MAX` when not open).
    pub open_rank: Vec<usize>,
    /// Open postings, closing soonest first.
    pub soonest: Vec<usize>,
    /// Closed postings, most recently closed first.
    pub closed: Vec<usize>,
    /// Sorted by kind and slug.
    pub terms: Vec<Term>,
    /// The next moment at which the output would change, if any.
    pub next_change: Option<DateTime<FixedOffset>>,
}

impl Site {
    pub fn new(config: Config, content: Content, now: DateTime<FixedOffset>) -> Self {
        let tz = config.time_zone;
        let today = now.with_timezone(&tz).date_naive();
        let status: Vec<Status> = content
            .postings
            .iter()
            .map(|p| p.status_on(now, today))
            .collect();
        let postings = &content.postings;
        let mut open: Vec<usize> = (0..postings.len())
            .filter(|&i| status[i] == Status::Open)
            .collect();
        // Keys gathered once: comparing postings in place would chase each
        // one's facts through memory on every comparison.
        open.sort_by_cached_key(|&i| {
            let p = &postings[i];
            (
                std::cmp::Reverse(p.facts.published),
                p.facts.deadline.closes,
                p.slug.as_str(),
            )
        });
        let mut closed: Vec<usize> = (0..postings.len())
            .filter(|&i| status[i] == Status::Closed)
            .collect();
        closed.sort_by_cached_key(|&i| {
            let p = &postings[i];
            (std::cmp::Reverse(p.facts.deadline.closes), p.slug.as_str())
        });
        let mut soonest = open.clone();
        soonest.sort_by_cached_key(|&i| {
            let p = &postings[i];
            (p.facts.deadline.closes, p.slug.as_str())
        });
        let mut open_rank = vec![usize::MAX; postings.len()];
        for (rank, &i) in open.iter().enumerate() {
            open_rank[i] = rank;
        }
        let terms = build_terms(&config, postings, &open, &closed);
        let next_change = next_change(postings, &status, now, tz);
        Site {
            config,
            content,
            now,
            status,
            open,
            open_rank,
            soonest,
            closed,
            terms,
            next_change,
        }
    }

    pub fn posting(&self, i: usize) -> &Posting {
        &self.content.postings[i]
    }

    /// Postings that get a page: open and closed, never future ones.
    pub fn published(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.content.postings.len()).filter(|&i| self.status[i] != Status::Future)
    }

    pub fn count(&self, status: Status) -> usize {
        self.status.iter().filter(|s| **s == status).count()
    }

    pub fn terms_of(&self, kind: TermKind) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(move |t| t.kind == kind)
    }

    pub fn term(&self, kind: TermKind, slug: &str) -> Option<&Term> {
        self.terms
            .binary_search_by(|t| (t.kind, t.slug.as_str()).cmp(&(kind, slug)))
            .ok()
            .map(|i| &self.terms[i])
    }

    /// Up to `n` open postings that share a category or a place with posting
    /// `i`, most shared first, then nearest in the listing's order (published
    /// about the same time). Each shared term offers the few postings just
    /// before and after `i` in it (for a posting that is not open, the newest
    /// few), so the cost does not grow with the board, and every posting is
    /// suggested on a few pages, not the newest ones on every page.
    pub fn similar(&self, i: usize, n: usize) -> Vec<usize> {
        const EACH_SIDE: usize = 6;
        let facts = &self.posting(i).facts;
        let terms = facts
            .categories
            .iter()
            .filter_map(|c| self.term(TermKind::Category, c))
            .chain(
                facts
                    .locations
                    .iter()
                    .filter_map(|l| self.term(TermKind::Location, &location_slug(l))),
            );
        let own = self.open_rank[i];
        let mut shared: Vec<(usize, usize)> = Vec::new();
        for term in terms {
            let list = &term.postings;
            // `term.postings` is in the order of `open`.
            let window = match list.binary_search_by_key(&own, |&j| self.open_rank[j]) {
                Ok(at) => &list[at.saturating_sub(EACH_SIDE)..(at + EACH_SIDE + 1).min(list.len())],
                Err(_) => &list[..(2 * EACH_SIDE).min(list.len())],
            };
            for &j in window.iter().filter(|&&j| j != i) {
                match shared.iter_mut().find(|(k, _)| *k == j) {
                    Some((_, count)) => *count += 1,
                    None => shared.push((j, 1)),
                }
            }
        }
        shared.sort_by_key(|&(j, count)| {
            let rank = self.open_rank[j];
            (
                std::cmp::Reverse(count),
                rank.abs_diff(own.min(self.open.len())),
                rank,
            )
        });
        shared.into_iter().take(n).map(|(j, _)| j).collect()
    }
}

/// URL slug of a location name ("Norrköping" -> "norrkoping").
pub fn location_slug(name: &str) -> String {
    slug::slugify(name)
}

fn build_terms<'a>(
    config: &'a Config,
    postings: &'a [Posting],
    open: &[usize],
    closed: &[usize],
) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    // Terms by kind and slug (two spellings of a place share one page), and
    // by kind and value as written, so each posting costs a lookup, not a slug.
    let mut by_slug: HashMap<(TermKind, String), usize> = HashMap::new();
    let mut by_value: HashMap<(TermKind, &'a str), usize> = HashMap::new();
    let mut term_of = |kind: TermKind, value: &'a str| -> usize {
        if let Some(&t) = by_value.get(&(kind, value)) {
            return t;
        }
        let slug = match kind {
            TermKind::Location => location_slug(value),
            TermKind::Employment | TermKind::Category => value.to_string(),
        };
        let t = *by_slug.entry((kind, slug.clone())).or_insert_with(|| {
            terms.push(Term {
                kind,
                slug,
                value: value.to_string(),
                postings: Vec::new(),
            });
            terms.len() - 1
        });
        by_value.insert((kind, value), t);
        t
    };
    let mut listed: Vec<(usize, usize)> = Vec::new();
    for &i in open {
        let facts = &postings[i].facts;
        for location in &facts.locations {
            listed.push((term_of(TermKind::Location, location), i));
        }
        listed.push((term_of(TermKind::Employment, facts.employment.key()), i));
        for category in &facts.categories {
            listed.push((term_of(TermKind::Category, category), i));
        }
    }
    // A closed posting's page still links its places: each gets a page, even with nothing open.
    for &i in closed {
        for location in &postings[i].facts.locations {
            term_of(TermKind::Location, location);
        }
    }
    // Every configured category gets a page, even with nothing open, so links stay valid.
    for category in &config.categories {
        term_of(TermKind::Category, &category.key);
    }
    for (t, i) in listed {
        let list = &mut terms[t].postings;
        if list.last() != Some(&i) {
            list.push(i);
        }
    }
    terms.sort_by(|a, b| (a.kind, &a.slug).cmp(&(b.kind, &b.slug)));
    terms
}

/// The earliest future publication or deadline: when the built site goes
/// stale, in the site's time zone.
fn next_change(
    postings: &[Posting],
    status: &[Status],
    now: DateTime<FixedOffset>,
    tz: Tz,
) -> Option<DateTime<FixedOffset>> {
    postings
        .iter()
        .zip(status)
        .filter_map(|(p, s)| match s {
            Status::Future => Some(local_to_fixed(p.facts.published.and_hms_opt(0, 0, 0)?, tz)),
            Status::Open => Some(p.facts.deadline.passed_at()),
            Status::Closed => None,
        })
        .filter(|t| *t > now)
        .min()
        .map(|t| t.with_timezone(&tz).fixed_offset())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;

    fn config() -> Config {
        let text = "base_url = \"https://example.se/\"\ntime_zone = \"Europe/Stockholm\"\n\
                    title = \"Jobs\"\n[[languages]]\ncode = \"sv\"\nname = \"Svenska\"\n\
                    [organization]\nname = \"Verket\"\n";
        Config::parse(&SourceFile::new("vacancy.toml", text)).expect("valid config")
    }

    fn posting(slug: &str, deadline: &str, location: &str) -> Posting {
        let tz = chrono_tz::Europe::Stockholm;
        let deadline = match DateTime::parse_from_rfc3339(deadline) {
            Ok(moment) => Deadline::at(moment, tz),
            Err(_) => Deadline::end_of_day(deadline.parse().unwrap(), tz),
        };
        Posting {
            slug: slug.into(),
            facts: Facts {
                published: "2026-01-01".parse().unwrap(),
                deadline,
                locations: vec![location.into()],
                workplace: Workplace::Onsite,
                employment: Employment::Permanent,
                probation: false,
                extent: Extent::FullTime,
                extent_percent: None,
                start: None,
                salary_range: None,
                categories: Vec::new(),
                reference: None,
                apply_url: None,
                apply_email: None,
                contacts: Vec::new(),
                screening: false,
            },
            translations: Vec::new(),
            attachments: Vec::new(),
        }
    }

    #[test]
    fn the_place_of_a_closed_posting_keeps_its_page_so_the_posting_can_link_it() {
        let content = Content {
            postings: vec![
                posting("open", "2026-03-31", "Stockholm"),
                posting("closed", "2026-02-01", "Malmö"),
            ],
            pages: Vec::new(),
        };
        let now = DateTime::parse_from_rfc3339("2026-03-01T12:00:00+01:00").unwrap();
        let site = Site::new(config(), content, now);
        let places: Vec<(&str, usize)> = site
            .terms_of(TermKind::Location)
            .map(|t| (t.slug.as_str(), t.postings.len()))
            .collect();
        assert_eq!(places, [("malmo", 0), ("stockholm", 1)]);
    }

    fn at(now: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(now).unwrap()
    }

    fn status(p: &Posting, now: &str) -> Status {
        p.status(at(now), chrono_tz::Europe::Stockholm)
    }

    #[test]
    fn a_deadline_date_is_open_for_the_whole_of_its_last_second() {
        let p = posting("p", "2026-03-15", "Stockholm");
        assert_eq!(status(&p, "2026-03-15T23:59:59.900+01:00"), Status::Open);
        assert_eq!(status(&p, "2026-03-16T00:00:00+01:00"), Status::Closed);
    }

    #[test]
    fn a_deadline_time_closes_at_that_moment_and_is_the_next_change_in_site_time() {
        let p = posting("p", "2026-03-10T12:00:00+09:00", "Stockholm");
        assert_eq!(status(&p, "2026-03-10T03:59:59+01:00"), Status::Open);
        assert_eq!(status(&p, "2026-03-10T04:00:00+01:00"), Status::Closed);
        let content = Content {
            postings: vec![p],
            pages: Vec::new(),
        };
        let site = Site::new(config(), content, at("2026-03-01T12:00:00+01:00"));
        let next = site.next_change.unwrap();
        assert_eq!(next.to_rfc3339(), "2026-03-10T04:00:00+01:00");
    }
}
