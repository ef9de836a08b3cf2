//! Where each page lives, relative to the site root. Every language has its
//! own prefix (`sv/`, `en/`), the default language too.

use crate::model::TermKind;

pub const ROOT: &str = "index.html";
pub const ROOT_DIR: &str = "";
pub const NOT_FOUND: &str = "404.html";
/// A one-line file with the next moment the built site would change.
pub const NEXT_CHANGE: &str = "next-change.txt";

pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// The browser CMS's page (`vacancy cms`).
pub const ADMIN_PAGE: &str = "admin/index.html";
/// The JSON Schema every `<lang>/postings.json` follows.
pub const POSTINGS_SCHEMA: &str = "postings.schema.json";

/// The RSS feed of all open postings in a language.
pub fn feed(lang: &str) -> String {
    format!("{lang}/feed.xml")
}

/// The RSS feed of one location, employment type or category.
pub fn term_feed(lang: &str, kind: TermKind, slug: &str) -> String {
    format!("{}feed.xml", term(lang, kind, slug, 1))
}

/// The iCalendar file with every open posting's deadline.
pub fn calendar(lang: &str) -> String {
    format!("{lang}/deadlines.ics")
}

/// The iCalendar file with one posting's deadline.
pub fn posting_calendar(lang: &str, slug: &str) -> String {
    format!("{}deadline.ics", posting(lang, slug))
}

/// The machine-readable list of open postings in a language.
pub fn postings_json(lang: &str) -> String {
    format!("{lang}/postings.json")
}

/// The search index of a language's open postings: its list of shards.
pub fn search_index(lang: &str) -> String {
    format!("{lang}/search/index.json")
}

/// One shard of a language's search index.
pub fn search_shard(lang: &str, shard: usize) -> String {
    format!("{lang}/search/{shard}.json")
}

fn paged(base: String, page: usize) -> String {
    if page > 1 {
        format!("{base}page/{page}/")
    } else {
        base
    }
}

pub fn home(lang: &str, page: usize) -> String {
    paged(format!("{lang}/"), page)
}

/// Open postings, closing soonest first.
pub fn soonest(lang: &str, page: usize) -> String {
    paged(format!("{lang}/soonest/"), page)
}

/// The accessibility statement.
pub fn statement(lang: &str) -> String {
    format!("{lang}/accessibility/")
}

pub fn archive(lang: &str, page: usize) -> String {
    paged(format!("{lang}/archive/"), page)
}

pub fn term(lang: &str, kind: TermKind, slug: &str, page: usize) -> String {
    paged(format!("{lang}/{}/{slug}/", kind.segment()), page)
}

pub fn posting(lang: &str, slug: &str) -> String {
    format!("{lang}/jobs/{slug}/")
}

pub fn page(lang: &str, slug: &str) -> String {
    format!("{lang}/{slug}/")
}

/// The file that serves a path: directories get their `index.html`.
pub fn file_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_after_the_first_get_a_page_segment() {
        assert_eq!(home("sv", 1), "sv/");
        assert_eq!(home("sv", 2), "sv/page/2/");
        assert_eq!(
            term("en", TermKind::Location, "norrkoping", 3),
            "en/locations/norrkoping/page/3/"
        );
        assert_eq!(file_of("sv/jobs/x/"), "sv/jobs/x/index.html");
        assert_eq!(file_of(""), "index.html");
        assert_eq!(file_of("404.html"), "404.html");
    }
}
