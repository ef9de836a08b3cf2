//! A listing's variables: its page of cards and pagination (`listing`),
//! the filter panel beside it (`filters`), its order (`sort`) and its
//! feeds (`feed`).

use std::collections::HashMap;

use serde::Serialize;

use crate::config::Config;
use crate::model::{Employment, Extent, Site, TermKind, Workplace};
use crate::urls;
use crate::views::{LangCtx, term_label};

/// `listing`: one page of a list of postings.
#[derive(Serialize)]
pub(super) struct Listing<'a> {
    /// The page's cards, as HTML.
    pub(super) cards: Vec<&'a str>,
    /// All postings of the listing, over all pages.
    pub(super) total: usize,
    pub(super) count_text: String,
    pub(super) pagination: Pagination,
}

/// `listing.pagination`.
#[derive(Serialize)]
pub(super) struct Pagination {
    current: usize,
    total_pages: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
}

/// Each of `listing.pagination.pages`: a page, or a gap for those left out.
#[derive(Serialize)]
#[serde(untagged)]
enum PageLink {
    Page {
        number: usize,
        path: String,
        current: bool,
    },
    /// Always `gap: true`: the pages left out between two links.
    Gap { gap: bool },
}

impl Pagination {
    /// Page `current` of `total_pages`, whose paths `path` gives.
    pub(super) fn new(current: usize, total_pages: usize, path: impl Fn(usize) -> String) -> Self {
        Pagination {
            current,
            total_pages,
            prev: (current > 1).then(|| path(current - 1)),
            next: (current < total_pages).then(|| path(current + 1)),
            pages: page_window(current, total_pages)
                .into_iter()
                .map(|n| match n {
                    Some(number) => PageLink::Page {
                        number,
                        path: path(number),
                        current: number == current,
                    },
                    None => PageLink::Gap { gap: true },
                })
                .collect(),
        }
    }
}

/// The page numbers a listing's pagination links to: the first and last page,
/// and the current one with its two neighbours on each side; `None` stands
/// for the pages left out between them. A board of thousands of pages thus
/// links at most nine, and each listing page costs the same however long the
/// listing is.
pub fn page_window(current: usize, total: usize) -> Vec<Option<usize>> {
    const AROUND: usize = 2;
    let mut wanted = vec![1, total];
    wanted.extend(current.saturating_sub(AROUND).max(1)..=(current + AROUND).min(total));
    wanted.sort_unstable();
    wanted.dedup();
    let mut shown = Vec::with_capacity(wanted.len() + 2);
    let mut last = 0;
    for n in wanted {
        match n - last {
            1 => {}
            // A gap of one page is shown as that page: "…" would hide nothing.
            2 => shown.push(Some(n - 1)),
            _ => shown.push(None),
        }
        shown.push(Some(n));
        last = n;
    }
    shown
}

/// The filter panel of a language, made once: every entry leads to the
/// first page of a term that has postings.
pub(super) struct FilterPanel {
    /// Per kind of term with open postings, in `TermKind::ALL`'s order.
    groups: Vec<(TermKind, Vec<FilterEntry>)>,
    all_path: String,
}

struct FilterEntry {
    /// The term's index in `site.terms`.
    term: usize,
    /// The value the finder's form sends: the term's slug.
    key: String,
    label: String,
    path: String,
    count: usize,
}

/// `filters`: the filter panel as one page shows it.
#[derive(Serialize)]
pub(super) struct Filters<'a> {
    groups: Vec<FilterGroup<'a>>,
    /// The unfiltered listing.
    all_path: &'a str,
}

/// Each of `filters.groups`: one kind of term.
#[derive(Serialize)]
struct FilterGroup<'a> {
    /// The finder form's field (`location`, `employment`, `extent`,
    /// `workplace`, `category`).
    name: &'static str,
    /// The key of its heading in `t.fact` (`locations`, `employment`,
    /// `extent`, `workplace`, `categories`).
    fact: &'static str,
    items: Vec<FilterItem<'a>>,
}

/// Each of `filters.groups[].items`.
#[derive(Serialize)]
struct FilterItem<'a> {
    /// The value the finder form's checkbox sends (`location=stockholm`).
    key: &'a str,
    label: &'a str,
    path: &'a str,
    /// The open postings with the term: what its page lists.
    count: usize,
    /// What the finder would show with the term's checkbox ticked and the
    /// page's own term kept: on a term page, the postings having both.
    matches: usize,
    /// Whether it leads to the page showing the panel (and is ticked).
    current: bool,
}

impl FilterPanel {
    pub(super) fn new(site: &Site, ctx: &LangCtx<'_>) -> Self {
        let config = &site.config;
        let list = |kind: TermKind| -> Vec<FilterEntry> {
            // Kinds with a fixed order (employment, extent, workplace) keep
            // the order of their values; places and categories go by name.
            let order: &[&str] = match kind {
                TermKind::Employment => Employment::KEYS,
                TermKind::Extent => Extent::KEYS,
                TermKind::Workplace => Workplace::KEYS,
                TermKind::Location | TermKind::Category => &[],
            };
            let mut items: Vec<(usize, FilterEntry)> = site
                .terms
                .iter()
                .enumerate()
                .filter(|(_, t)| t.kind == kind && !t.postings.is_empty())
                .map(|(term, t)| {
                    let entry = FilterEntry {
                        term,
                        key: t.slug.clone(),
                        label: term_label(site, ctx, kind, &t.value),
                        path: config.path(&urls::term(ctx.lang(), kind, &t.slug, 1)),
                        count: t.postings.len(),
                    };
                    (order.iter().position(|k| *k == t.value).unwrap_or(0), entry)
                })
                .collect();
            items.sort_by_cached_key(|(rank, item)| (*rank, item.label.to_lowercase()));
            items.into_iter().map(|(_, item)| item).collect()
        };
        FilterPanel {
            groups: TermKind::ALL
                .into_iter()
                .map(|kind| (kind, list(kind)))
                .filter(|(_, entries)| !entries.is_empty())
                .collect(),
            all_path: config.path(&urls::home(ctx.lang(), 1)),
        }
    }

    /// The panel with the entry leading to `current` marked; on a term page
    /// (`term`, with the postings terms share), the counts are those of
    /// the finder with that term ticked.
    pub(super) fn marked<'a>(
        &'a self,
        current: &str,
        term: Option<(&Shared, usize, TermKind)>,
    ) -> Filters<'a> {
        let item = |kind: TermKind, e: &'a FilterEntry| FilterItem {
            key: &e.key,
            label: &e.label,
            path: &e.path,
            count: e.count,
            // A group's own choices widen the list (OR): each counts all
            // its postings.
            matches: match term {
                Some((shared, t, page_kind)) if page_kind != kind => shared.count(t, e.term),
                _ => e.count,
            },
            current: e.path == current,
        };
        Filters {
            groups: self
                .groups
                .iter()
                .map(|(kind, entries)| FilterGroup {
                    name: kind.key(),
                    fact: kind.segment(),
                    items: entries.iter().map(|e| item(*kind, e)).collect(),
                })
                .collect(),
            all_path: &self.all_path,
        }
    }
}

/// How many open postings each two terms share: what the finder counts
/// beside each choice on a term page, where the page's term is ticked.
/// Made once for all languages; costs the sum over postings of the square
/// of their number of terms.
pub(super) struct Shared {
    /// Per term: the other terms of its postings, by index, with how many
    /// postings have both; sorted by term.
    rows: Vec<Vec<(usize, usize)>>,
}

impl Shared {
    pub(super) fn new(site: &Site) -> Self {
        let mut of_posting: Vec<Vec<usize>> = vec![Vec::new(); site.content.postings.len()];
        for (t, term) in site.terms.iter().enumerate() {
            for &i in &term.postings {
                of_posting[i].push(t);
            }
        }
        let rows = site
            .terms
            .iter()
            .map(|term| {
                let mut counts: HashMap<usize, usize> = HashMap::new();
                for &i in &term.postings {
                    for &other in &of_posting[i] {
                        *counts.entry(other).or_default() += 1;
                    }
                }
                let mut row: Vec<(usize, usize)> = counts.into_iter().collect();
                row.sort_unstable();
                row
            })
            .collect();
        Shared { rows }
    }

    /// The open postings having both term `a` and term `b`.
    fn count(&self, a: usize, b: usize) -> usize {
        let row = &self.rows[a];
        row.binary_search_by_key(&b, |&(t, _)| t)
            .map_or(0, |at| row[at].1)
    }
}

/// `sort` (home pages): the order shown and the first page of each.
#[derive(Serialize)]
pub(super) struct Sort {
    /// `newest` or `soonest`.
    pub(super) current: &'static str,
    pub(super) newest: String,
    pub(super) soonest: String,
}

/// `feed` (home and term pages): the listing's RSS feed and the language's
/// calendar of deadlines.
#[derive(Serialize)]
pub(super) struct Feed {
    path: String,
    permalink: String,
    calendar: String,
}

impl Feed {
    /// The feed of all open postings in `lang`, or of one term's.
    pub(super) fn new(config: &Config, lang: &str, term: Option<(TermKind, &str)>) -> Self {
        let rel = match term {
            None => urls::feed(lang),
            Some((kind, slug)) => urls::term_feed(lang, kind, slug),
        };
        Feed {
            path: config.path(&rel),
            permalink: config.permalink(&rel),
            calendar: config.path(&urls::calendar(lang)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::page_window;

    fn window(current: usize, total: usize) -> String {
        page_window(current, total)
            .iter()
            .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn pagination_links_the_ends_and_the_current_page_s_neighbours() {
        assert_eq!(window(1, 1), "1");
        assert_eq!(window(1, 7), "1 2 3 … 7");
        assert_eq!(window(4, 7), "1 2 3 4 5 6 7");
        assert_eq!(window(5, 9), "1 2 3 4 5 6 7 8 9");
        assert_eq!(window(50, 170), "1 … 48 49 50 51 52 … 170");
        assert_eq!(window(170, 170), "1 … 168 169 170");
        assert_eq!(window(3, 170), "1 2 3 4 5 … 170");
        assert_eq!(window(5, 170), "1 2 3 4 5 6 7 … 170");
        assert_eq!(window(6, 170), "1 … 4 5 6 7 8 … 170");
    }
}
