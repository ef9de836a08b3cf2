//! A listing's variables: its page of cards and pagination (`listing`),
//! the filter panel beside it (`filters`), its order (`sort`) and its
//! feeds (`feed`).

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
    locations: Vec<FilterEntry>,
    employment: Vec<FilterEntry>,
    extent: Vec<FilterEntry>,
    workplace: Vec<FilterEntry>,
    categories: Vec<FilterEntry>,
    all_path: String,
}

struct FilterEntry {
    label: String,
    path: String,
    count: usize,
}

/// `filters`: the filter panel as one page shows it.
#[derive(Serialize)]
pub(super) struct Filters<'a> {
    locations: Vec<FilterItem<'a>>,
    employment: Vec<FilterItem<'a>>,
    extent: Vec<FilterItem<'a>>,
    workplace: Vec<FilterItem<'a>>,
    categories: Vec<FilterItem<'a>>,
    /// The unfiltered listing.
    all_path: &'a str,
}

/// Each of `filters.locations`, `filters.employment`, `filters.extent`,
/// `filters.workplace` and `filters.categories`.
#[derive(Serialize)]
struct FilterItem<'a> {
    label: &'a str,
    path: &'a str,
    count: usize,
    /// Whether it leads to the page showing the panel.
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
                .terms_of(kind)
                .filter(|t| !t.postings.is_empty())
                .map(|t| {
                    let entry = FilterEntry {
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
            locations: list(TermKind::Location),
            employment: list(TermKind::Employment),
            extent: list(TermKind::Extent),
            workplace: list(TermKind::Workplace),
            categories: list(TermKind::Category),
            all_path: config.path(&urls::home(ctx.lang(), 1)),
        }
    }

    /// The panel with the entry leading to `current` marked.
    pub(super) fn marked<'a>(&'a self, current: &str) -> Filters<'a> {
        let items = |entries: &'a [FilterEntry]| -> Vec<FilterItem<'a>> {
            entries
                .iter()
                .map(|e| FilterItem {
                    label: &e.label,
                    path: &e.path,
                    count: e.count,
                    current: e.path == current,
                })
                .collect()
        };
        Filters {
            locations: items(&self.locations),
            employment: items(&self.employment),
            extent: items(&self.extent),
            workplace: items(&self.workplace),
            categories: items(&self.categories),
            all_path: &self.all_path,
        }
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
