//! The site in memory: postings with their translations, plain pages, and the
//! listings derived from them at one moment ("now"). Nothing here knows about
//! templates; rendering reads this model by reference.

mod site;
pub use requirements::{
    Education, Experience, LICENCE_CLASSES, LanguageLevel, LanguageRequirement, Occupation,
};
pub use site::{Site, Term, TermKind, location_slug};

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

// After the macro: the requirements' keyword enums use it.
mod requirements;

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
    /// How many are hired.
    pub openings: Option<u16>,
    pub occupation: Option<Occupation>,
    pub experience: Option<Experience>,
    pub education: Option<Education>,
    pub languages: Vec<LanguageRequirement>,
    /// EU licence classes, e.g. "B".
    pub driving_licence: Vec<String>,
    /// For remote work: the countries (ISO 3166-1) or areas (UN M49)
    /// applicants must live in.
    pub remote_regions: Vec<String>,
    /// The posting's own social image: an attachment, with its type and size.
    pub image: Option<(String, crate::image::Raster)>,
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
    /// The text of each heading of the body, to keep the page from adding
    /// one with the same words.
    pub body_headings: Vec<String>,
    pub hours: Option<String>,
    pub salary_text: Option<String>,
    pub organization: Option<String>,
    pub unit: Option<String>,
    /// A role per contact in `Facts::contacts`, in this language when given.
    pub contact_roles: Vec<Option<String>>,
    /// The education asked for, in words ("A law degree").
    pub education_text: Option<String>,
    /// What the posting's image shows.
    pub image_alt: Option<String>,
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
    /// Languages with a file of their own that is not published yet: marked
    /// `draft = true`, or without any text (not translated yet).
    pub unpublished_languages: Vec<String>,
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
                body_headings: _,
                hours,
                salary_text,
                organization,
                unit,
                contact_roles: _,
                education_text: _,
                image_alt: _,
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
