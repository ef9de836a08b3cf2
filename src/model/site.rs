//! The site at one moment ("now"): which postings are open, closed or still
//! to come, the listings in their orders, the terms (places, employment
//! types, categories) with their postings, similar jobs, and the next moment
//! the site changes.

use super::*;

/// A taxonomy a posting can be listed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    Location,
    Employment,
    Extent,
    Workplace,
    Category,
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

/// URL slug of a location name ("Norrköping" -> "norrkoping").
pub fn location_slug(name: &str) -> String {
    slug::slugify(name)
}

/// The places, employment types and categories with the postings of each.
/// Long on purpose: one pass over the postings fills all three kinds.
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
            TermKind::Employment | TermKind::Extent | TermKind::Workplace | TermKind::Category => {
                value.to_string()
            }
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
        listed.push((term_of(TermKind::Extent, facts.extent.key()), i));
        listed.push((term_of(TermKind::Workplace, facts.workplace.key()), i));
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

impl TermKind {
    pub const ALL: [TermKind; 5] = [
        TermKind::Location,
        TermKind::Employment,
        TermKind::Extent,
        TermKind::Workplace,
        TermKind::Category,
    ];

    /// The URL segment of the term's pages.
    pub fn segment(self) -> &'static str {
        match self {
            TermKind::Location => "locations",
            TermKind::Employment => "employment",
            TermKind::Extent => "extent",
            TermKind::Workplace => "workplace",
            TermKind::Category => "categories",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            TermKind::Location => "location",
            TermKind::Employment => "employment",
            TermKind::Extent => "extent",
            TermKind::Workplace => "workplace",
            TermKind::Category => "category",
        }
    }
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
                openings: None,
                occupation: None,
                experience: None,
                education: None,
                languages: Vec::new(),
                driving_licence: Vec::new(),
                remote_regions: Vec::new(),
                image: None,
            },
            translations: Vec::new(),
            attachments: Vec::new(),
            unpublished_languages: Vec::new(),
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
