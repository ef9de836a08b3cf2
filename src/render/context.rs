//! What every template receives besides its page's own variables: the
//! site, the language, the assets, the page's meta and the filter panel.

use serde::Serialize;
use serde_json::{Value, json};
use tera::{Context, Value as TeraValue};

use super::environment::json_encode;
use crate::config::Config;
use crate::model::{Site, TermKind};
use crate::theme::Theme;
use crate::urls;
use crate::views::{LangCtx, term_label};

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

/// The site navigation, and the paths of the plain pages it lists.
pub(super) struct Nav {
    pub(super) value: TeraValue,
    pub(super) pages: Vec<String>,
}

#[derive(Serialize)]
pub(super) struct Translation {
    pub(super) code: String,
    pub(super) name: String,
    /// POSIX locale, e.g. `sv_SE` (Open Graph wants this form).
    pub(super) locale: String,
    pub(super) dir: crate::config::Dir,
    pub(super) path: String,
    pub(super) permalink: String,
}

#[derive(Serialize)]
pub(super) struct PageMeta {
    pub(super) kind: &'static str,
    /// `kind` with `-` for `_` (`not-found`), for class names.
    pub(super) kind_slug: String,
    pub(super) title: String,
    pub(super) description: String,
    pub(super) path: String,
    pub(super) permalink: String,
    pub(super) translations: Vec<Translation>,
    pub(super) noindex: bool,
    pub(super) lang: String,
    /// The page for readers whose language the site does not have.
    pub(super) x_default: String,
    /// When the page's content last changed (newest posting shown, or the build day).
    pub(super) lastmod: chrono::NaiveDate,
}

pub(super) fn filters(site: &Site, ctx: &LangCtx<'_>) -> Value {
    let config = &site.config;
    let list = |kind: TermKind| -> Vec<Value> {
        let mut items: Vec<(String, Value)> = site
            .terms_of(kind)
            .filter(|t| !t.postings.is_empty())
            .map(|t| {
                let label = term_label(site, ctx, kind, &t.value);
                let item = json!({
                    "label": label,
                    "path": config.path(&urls::term(ctx.lang(), kind, &t.slug, 1)),
                    "count": t.postings.len(),
                    "current": false,
                });
                (label, item)
            })
            .collect();
        if kind != TermKind::Employment {
            items.sort_by_key(|a| a.0.to_lowercase());
        }
        items.into_iter().map(|(_, v)| v).collect()
    };
    json!({
        "locations": list(TermKind::Location),
        "employment": list(TermKind::Employment),
        "categories": list(TermKind::Category),
        "all_path": config.path(&urls::home(ctx.lang(), 1)),
    })
}

/// The filter panel with the entry leading to `current` marked.
pub(super) fn mark_current(filters: &Value, current: &str) -> Value {
    let mut f = filters.clone();
    if let Value::Object(map) = &mut f {
        for key in ["locations", "employment", "categories"] {
            if let Some(Value::Array(items)) = map.get_mut(key) {
                for item in items {
                    let is_current = item.get("path").and_then(Value::as_str) == Some(current);
                    item["current"] = Value::Bool(is_current);
                }
            }
        }
    }
    f
}

/// Paths of the theme's CSS and JS with a content hash, so caches never serve stale files.
pub(super) fn assets(config: &Config, theme: &Theme) -> Value {
    let versioned = |name: &str| {
        theme
            .static_files
            .get(name)
            .map(|bytes| format!("{}?v={:08x}", config.path(name), fnv1a(bytes) as u32))
    };
    json!({
        "css": versioned("assets/style.css"),
        "js": versioned("assets/board.js"),
    })
}

/// A small stable hash for cache busting (FNV-1a, 64 bit).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub(super) fn base_context(site: &Site, ctx: &LangCtx<'_>, assets: &Value) -> Context {
    let config = &site.config;
    let code = ctx.lang();
    let language = config.language(code).expect("strings per site language");
    let logo = config.organization.logo.as_ref().map(|l| {
        if l.starts_with("http://") || l.starts_with("https://") {
            l.clone()
        } else {
            config.permalink(l)
        }
    });
    let mut c = Context::new();
    c.insert(
        "site",
        &json!({
            "title": config.title.get(code, &config.default_language),
            "base_url": config.base_url,
            "base_path": config.base_path,
            "organization": {
                "name": config.organization.name.get(code, &config.default_language),
                "url": config.organization.url,
                "logo": logo,
                // The same on every page: the logo as a link within the site.
                "logo_path": logo.as_ref().map(|l| l.replace(&config.base_url, &config.base_path)),
            },
            "languages": config.languages.iter().map(|l| json!({"code": l.code, "name": l.name, "dir": l.dir})).collect::<Vec<_>>(),
            "generated": site.now.to_rfc3339(),
        }),
    );
    // The plural table the script reads, as `json_encode` writes it: the
    // same on every page of the language, so written once here.
    let days_left_json = ctx
        .strings
        .table
        .get("days_left")
        .and_then(|forms| json_encode(&TeraValue::from_serializable(forms)).ok());
    c.insert(
        "lang",
        &json!({
            "code": language.code,
            "name": language.name,
            "dir": language.dir,
            "locale": format!("{:?}", language.locale),
            "days_left_json": days_left_json,
        }),
    );
    c.insert("t", &ctx.strings.table);
    c.insert("assets", assets);
    c
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
