//! What templates receive, declared as types: the variables every page
//! shares (`site`, `lang`, `assets`, `page`, `nav`) and those of one page
//! kind (`term`, `statement`, `content`, `choices`, `messages`). Listings
//! and their filter panel are in `listing`; cards and postings are views
//! (`crate::views`). themes/default/README.md documents each field, and
//! tests/theme_readme.rs checks it against what these serialize to.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Value as TeraValue};

use super::environment::json_encode;
use crate::config::{Config, Dir};
use crate::model::Site;
use crate::theme::Theme;
use crate::views::{DateView, LangCtx};

/// The variables a template receives: a Tera context that also keeps the
/// names put in it, so that they can be listed (tests/theme_readme.rs checks
/// the theme's README against them).
#[derive(Clone, Default)]
pub struct Vars {
    context: Context,
    names: Vec<&'static str>,
}

impl Vars {
    pub(super) fn insert<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.context.insert(name, value);
        self.named(name);
    }

    /// Puts in a value serialized beforehand (one shared by many pages).
    pub(super) fn insert_value(&mut self, name: &'static str, value: TeraValue) {
        self.context.insert_value(name, value);
        self.named(name);
    }

    fn named(&mut self, name: &'static str) {
        if !self.names.contains(&name) {
            self.names.push(name);
        }
    }

    pub(super) fn context(&self) -> &Context {
        &self.context
    }

    /// Every variable as JSON, by name: what a template sees, as data.
    pub fn to_json(&self) -> BTreeMap<&'static str, serde_json::Value> {
        self.names
            .iter()
            .map(|&name| {
                let value = self.context.get(name).map(serde_json::to_value);
                (name, value.and_then(Result::ok).unwrap_or_default())
            })
            .collect()
    }
}

/// `site`: the board, in the page's language.
#[derive(Serialize)]
struct SiteVars<'a> {
    title: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    organization: Organization<'a>,
    languages: Vec<LanguageLink<'a>>,
    /// "Now", ISO 8601.
    generated: String,
    /// How many days a posting is marked new (`new_days`).
    new_days: u32,
}

/// `site.organization`.
#[derive(Serialize)]
struct Organization<'a> {
    name: &'a str,
    url: Option<&'a str>,
    /// Absolute.
    logo: Option<String>,
    /// The same on every page: the logo as a link within the site.
    logo_path: Option<String>,
}

/// Each of `site.languages`.
#[derive(Serialize)]
struct LanguageLink<'a> {
    code: &'a str,
    name: &'a str,
    dir: Dir,
    /// Its separator of list items (", ", "، ").
    separator: String,
}

/// `lang`: the page's language.
#[derive(Serialize)]
struct LangVars<'a> {
    code: &'a str,
    name: &'a str,
    dir: Dir,
    /// POSIX locale, e.g. `sv_SE`.
    locale: String,
    /// The plural table `t.days_left` as `json_encode` writes it.
    days_left_json: Option<String>,
}

/// `assets`: the theme's CSS and JS.
#[derive(Serialize)]
pub(super) struct Assets {
    css: Option<String>,
    js: Option<String>,
    /// The sheet for browsers without script.
    noscript_css: Option<String>,
}

impl Assets {
    /// Paths with a content hash, so caches never serve stale files.
    pub(super) fn new(config: &Config, theme: &Theme) -> Assets {
        let versioned = |name: &str| {
            theme
                .static_files
                .get(name)
                .map(|bytes| format!("{}?v={:08x}", config.path(name), fnv1a(bytes) as u32))
        };
        Assets {
            css: versioned("assets/style.css"),
            js: versioned("assets/board.js"),
            noscript_css: versioned("assets/noscript.css"),
        }
    }
}

/// A small stable hash for cache busting (FNV-1a, 64 bit).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The variables every page of a language shares: `site`, `lang`, `t`
/// and `assets`.
pub(super) fn base_context(site: &Site, ctx: &LangCtx<'_>, assets: &Assets) -> Vars {
    let mut c = Vars::default();
    c.insert("site", &site_vars(site, ctx));
    c.insert("lang", &lang_vars(&site.config, ctx));
    c.insert("t", &ctx.strings.table);
    c.insert("assets", assets);
    c
}

fn site_vars<'a>(site: &'a Site, ctx: &LangCtx<'_>) -> SiteVars<'a> {
    let code = ctx.lang();
    let config = &site.config;
    let logo = config.organization.logo.as_ref().map(|l| {
        if l.starts_with("http://") || l.starts_with("https://") {
            l.clone()
        } else {
            config.permalink(l)
        }
    });
    SiteVars {
        title: config.title.get(code, &config.default_language),
        base_url: &config.base_url,
        base_path: &config.base_path,
        organization: Organization {
            name: config.organization.name.get(code, &config.default_language),
            url: config.organization.url.as_deref(),
            logo_path: logo
                .as_ref()
                .map(|l| l.replace(&config.base_url, &config.base_path)),
            logo,
        },
        languages: config
            .languages
            .iter()
            .map(|l| LanguageLink {
                code: &l.code,
                name: &l.name,
                dir: l.dir,
                separator: ctx.separator(&l.code),
            })
            .collect(),
        generated: site.now.to_rfc3339(),
        new_days: config.new_days,
    }
}

fn lang_vars<'a>(config: &'a Config, ctx: &LangCtx<'_>) -> LangVars<'a> {
    let language = config
        .language(ctx.lang())
        .expect("strings per site language");
    // The plural table the script reads, as `json_encode` writes it: the
    // same on every page of the language, so written once here.
    let days_left_json = ctx
        .strings
        .table
        .get("days_left")
        .and_then(|forms| json_encode(&TeraValue::from_serializable(forms)).ok());
    LangVars {
        code: &language.code,
        name: &language.name,
        dir: language.dir,
        locale: format!("{:?}", language.locale),
        days_left_json,
    }
}

/// `page`: what the page is, where it lives and its other languages.
#[derive(Serialize)]
pub(super) struct PageMeta {
    /// `root`, `home`, `statement`, `archive`, `term`, `posting`, `page` or `not_found`.
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
    /// The picture link previews show: the posting's own, else the site's.
    pub(super) image: Option<ImageVars>,
}

/// `page.image`: a PNG or JPEG with its absolute URL, size and description.
#[derive(Serialize, Clone)]
pub(super) struct ImageVars {
    pub(super) url: String,
    pub(super) mime: &'static str,
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) alt: String,
}

/// Each of `page.translations`: the same page in another language.
#[derive(Serialize)]
pub(super) struct Translation {
    pub(super) code: String,
    pub(super) name: String,
    /// POSIX locale, e.g. `sv_SE` (Open Graph wants this form).
    pub(super) locale: String,
    pub(super) dir: Dir,
    pub(super) path: String,
    pub(super) permalink: String,
}

/// `nav`: the site navigation.
#[derive(Serialize)]
pub(super) struct Nav<'a> {
    pub(super) home: String,
    pub(super) archive: String,
    /// The accessibility statement, when the site has one.
    pub(super) statement: Option<String>,
    pub(super) pages: Vec<NavPage<'a>>,
}

/// Each of `nav.pages`: a plain page.
#[derive(Serialize)]
pub(super) struct NavPage<'a> {
    pub(super) title: &'a str,
    pub(super) current: bool,
    pub(super) path: String,
}

/// `term` (term pages): the location, employment type or category listed.
#[derive(Serialize)]
pub(super) struct TermVars {
    /// `location`, `employment` or `category`.
    pub(super) kind: &'static str,
    pub(super) label: String,
}

/// `statement`: the accessibility statement, in the page's language.
#[derive(Serialize)]
pub(super) struct Statement<'a> {
    pub(super) title: String,
    pub(super) organization: &'a str,
    pub(super) standard: &'a str,
    pub(super) date: DateView,
    pub(super) email: &'a str,
    pub(super) phone: Option<&'a str>,
    /// A `tel:` URL.
    pub(super) phone_href: Option<String>,
    pub(super) supervisor: &'a str,
    pub(super) supervisor_url: &'a str,
    pub(super) known_issues: Option<&'a str>,
}

/// `content` (plain pages).
#[derive(Serialize)]
pub(super) struct Content<'a> {
    pub(super) title: &'a str,
    /// Sanitized HTML.
    pub(super) body: &'a str,
}

/// Each of `choices` (the root page): the board in one language.
#[derive(Serialize)]
pub(super) struct Choice<'a> {
    pub(super) code: &'a str,
    pub(super) name: &'a str,
    pub(super) dir: Dir,
    pub(super) title: &'a str,
    pub(super) path: String,
    pub(super) count_text: String,
}

/// Each of `messages` (404): the page's text in one language.
#[derive(Serialize)]
pub(super) struct Message<'a> {
    pub(super) code: &'a str,
    pub(super) dir: Dir,
    pub(super) title: String,
    pub(super) text: String,
    pub(super) home_label: String,
    pub(super) home_path: String,
}
