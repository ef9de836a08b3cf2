//! Rendering: the Tera environment (built-in theme < site overrides), one job
//! per page, all rendered in parallel into an in-memory `Output`.
//!
//! - `environment`: the templates compiled, vacancy's filters and functions,
//!   and template errors as diagnostics;
//! - `context`: what templates receive, as types: the variables every page
//!   shares (site, language, page meta, navigation) and each page kind's own;
//! - `listing`: a listing's cards and pagination, filter panel, order and feeds;
//! - `cards`: each posting's card rendered once per language;
//! - `pages`: one method per page kind, giving its template's variables;
//! - here: the jobs, their files, and the [`Renderer`] that runs them.

use std::collections::HashMap;

use rayon::prelude::*;
use tera::{Tera, Value as TeraValue};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::i18n::Strings;
use crate::model::Site;
use crate::theme::Theme;

use crate::urls;
use crate::views::{self, LangCtx, lang_contexts};

mod cards;
mod context;
mod environment;
mod listing;
mod pages;

pub use context::Vars;
use context::{Assets, ImageVars, Nav, NavPage, PageMeta, Translation, base_context};
pub use environment::environment;
use environment::render_error;
pub use listing::page_window;
use listing::{FilterPanel, Shared};

/// What rendering needs besides the site: the theme, its interface strings
/// and its compiled templates.
pub struct Kit {
    pub theme: Theme,
    pub strings: Vec<Strings>,
    pub tera: Tera,
}

/// Builds the path of a listing's n-th page in a language.
type PagePath = fn(&str, usize) -> String;

/// One page to render. Indices point into the site's languages, terms,
/// postings and pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageJob {
    Root,
    NotFound,
    Home {
        lang: usize,
        page: usize,
    },
    /// Open postings, closing soonest first.
    Soonest {
        lang: usize,
        page: usize,
    },
    /// The accessibility statement.
    Statement {
        lang: usize,
    },
    Term {
        lang: usize,
        term: usize,
        page: usize,
    },
    Archive {
        lang: usize,
        page: usize,
    },
    Posting {
        lang: usize,
        posting: usize,
    },
    Page {
        lang: usize,
        page: usize,
    },
}

impl PageJob {
    /// The index of the page's language; none for the root and 404 pages.
    pub fn lang(&self) -> Option<usize> {
        match *self {
            PageJob::Root | PageJob::NotFound => None,
            PageJob::Home { lang, .. }
            | PageJob::Soonest { lang, .. }
            | PageJob::Statement { lang }
            | PageJob::Term { lang, .. }
            | PageJob::Archive { lang, .. }
            | PageJob::Posting { lang, .. }
            | PageJob::Page { lang, .. } => Some(lang),
        }
    }
}

/// The output file of a page.
pub fn page_file(site: &Site, job: &PageJob) -> String {
    let code = |lang: usize| site.config.languages[lang].code.as_str();
    let path = match *job {
        PageJob::Root => urls::ROOT.to_string(),
        PageJob::NotFound => urls::NOT_FOUND.to_string(),
        PageJob::Home { lang, page } => urls::home(code(lang), page),
        PageJob::Soonest { lang, page } => urls::soonest(code(lang), page),
        PageJob::Statement { lang } => urls::statement(code(lang)),
        PageJob::Archive { lang, page } => urls::archive(code(lang), page),
        PageJob::Term { lang, term, page } => {
            let t = &site.terms[term];
            urls::term(code(lang), t.kind, &t.slug, page)
        }
        PageJob::Posting { lang, posting } => {
            urls::posting(code(lang), &site.posting(posting).slug)
        }
        PageJob::Page { lang, page } => urls::page(code(lang), &site.content.pages[page].slug),
    };
    urls::file_of(&path)
}

/// The postings on page `page` (from 1) of a listing of `size` per page.
fn page_of(list: &[usize], page: usize, size: usize) -> &[usize] {
    list.chunks(size).nth(page - 1).unwrap_or(&[])
}

/// The template of the strings board.js needs, rendered once per language.
const FINDER_STRINGS: &str = "_finder_strings.json";

fn has_template(tera: &Tera, name: &str) -> bool {
    tera.contains_template(name)
}

/// Renders pages: what every page of a language shares, and each posting's
/// card, are made once in [`Renderer::new`]; [`Renderer::run`] renders one page.
pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    tera: &'a Tera,
    /// Per language: its strings, dates and the views of every posting.
    pub langs: Vec<LangCtx<'a>>,
    /// Per language: the variables every page shares.
    base: Vec<Vars>,
    /// Per language: the filter panel (locations, employment, categories).
    filters: Vec<FilterPanel>,
    /// The postings each two terms share, for the finder's counts.
    shared: Shared,
    /// Per language: the HTML card of each posting a page to render shows.
    /// Indexed by posting; empty for postings no page shows.
    cards: Vec<Vec<String>>,
    /// The similar jobs of each posting whose page is rendered, the same in
    /// every language: chosen once, used for the cards and for the page.
    similar: HashMap<usize, Vec<usize>>,
    /// Per language: the navigation of every page that is not a plain page.
    navs: Vec<SharedNav>,
}

/// The site navigation of a language, serialized once, and the paths of
/// the plain pages it lists (whose pages mark themselves in it).
struct SharedNav {
    value: TeraValue,
    pages: Vec<String>,
}

impl<'a> Renderer<'a> {
    /// Prepares what `jobs` need: the shared variables of each language and
    /// the card of every posting those pages show.
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        strings: &'a [Strings],
        tera: &'a Tera,
        jobs: &[PageJob],
    ) -> Result<Self, Diagnostic> {
        let langs = lang_contexts(site, strings);
        let assets = Assets::new(&site.config, theme);
        let mut base = Vec::with_capacity(langs.len());
        for l in &langs {
            let mut c = base_context(site, l, &assets);
            // The same on every page of a language: rendered once here.
            if has_template(tera, FINDER_STRINGS) {
                let strings = tera
                    .render(FINDER_STRINGS, c.context())
                    .map_err(|e| render_error(theme, FINDER_STRINGS, FINDER_STRINGS, &e))?;
                c.insert("finder_strings", strings.trim());
            }
            base.push(c);
        }
        let filters = langs.iter().map(|l| FilterPanel::new(site, l)).collect();
        let mut postings: Vec<usize> = jobs
            .iter()
            .filter_map(|job| match *job {
                PageJob::Posting { posting, .. } => Some(posting),
                _ => None,
            })
            .collect();
        postings.sort_unstable();
        postings.dedup();
        let similar = postings
            .into_par_iter()
            .map(|i| (i, site.similar(i, views::SIMILAR)))
            .collect();
        let mut renderer = Renderer {
            site,
            theme,
            tera,
            langs,
            base,
            filters,
            shared: Shared::new(site),
            cards: Vec::new(),
            similar,
            navs: Vec::new(),
        };
        renderer.navs = (0..renderer.langs.len())
            .map(|l| renderer.nav(l, ""))
            .collect();
        renderer.cards = renderer.render_cards(jobs)?;
        Ok(renderer)
    }

    fn config(&self) -> &'a Config {
        &self.site.config
    }

    /// Renders one page.
    pub fn run(&self, job: &PageJob) -> Result<Rendered, Diagnostic> {
        let (template, meta, vars) = self.page(job);
        let file = page_file(self.site, job);
        // Rendered straight into bytes: the templates and values are UTF-8
        // already, so the page need not be checked again as a String.
        let mut bytes = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(template, vars.context(), &mut bytes)
            .map_err(|e| render_error(self.theme, &file, template, &e))?;
        Ok(Rendered {
            file,
            bytes,
            sitemap: sitemap_entry(&meta),
        })
    }

    /// The template of a page and the variables it receives, as
    /// [`Renderer::run`] renders it.
    pub fn variables(&self, job: &PageJob) -> (&'static str, Vars) {
        let (template, _, vars) = self.page(job);
        (template, vars)
    }

    /// The template of a page, its meta and its variables.
    fn page(&self, job: &PageJob) -> (&'static str, PageMeta, Vars) {
        let (template, (mut meta, mut vars)) = match *job {
            PageJob::Root => ("root.html", self.root()),
            PageJob::NotFound => ("404.html", self.not_found()),
            PageJob::Home { lang, page } => ("home.html", self.home(lang, page, false)),
            PageJob::Soonest { lang, page } => ("home.html", self.home(lang, page, true)),
            PageJob::Statement { lang } => ("statement.html", self.statement(lang)),
            PageJob::Archive { lang, page } => ("archive.html", self.archive(lang, page)),
            PageJob::Term { lang, term, page } => ("term.html", self.term(lang, term, page)),
            PageJob::Posting { lang, posting } => ("posting.html", self.posting(lang, posting)),
            PageJob::Page { lang, page } => ("page.html", self.plain_page(lang, page)),
        };
        meta.x_default = x_default(self.config(), &meta);
        vars.insert("page", &meta);
        (template, meta, vars)
    }

    fn code(&self, lang: usize) -> &str {
        self.langs[lang].lang()
    }

    /// The variables every page in `lang` shares, `nav` included; each
    /// page kind adds its own, and [`Renderer::variables`] adds `page`.
    fn context(&self, lang: usize, meta: &PageMeta) -> Vars {
        let mut c = self.base[lang].clone();
        // The same on every page but the plain pages, which mark themselves.
        let nav = if self.navs[lang].pages.contains(&meta.path) {
            self.nav(lang, &meta.path).value
        } else {
            self.navs[lang].value.clone()
        };
        c.insert_value("nav", nav);
        c
    }

    /// The site navigation of a page in `lang` whose path is `current`.
    fn nav(&self, lang: usize, current: &str) -> SharedNav {
        let config = self.config();
        let code = self.code(lang);
        let (paths, pages): (Vec<String>, Vec<NavPage<'_>>) = self
            .site
            .content
            .pages
            .iter()
            .filter_map(|p| {
                let t = p.translation(code)?;
                let path = config.path(&urls::page(code, &p.slug));
                let page = NavPage {
                    title: &t.title,
                    current: path == current,
                    path: path.clone(),
                };
                Some((path, page))
            })
            .unzip();
        let nav = Nav {
            home: config.path(&urls::home(code, 1)),
            archive: config.path(&urls::archive(code, 1)),
            statement: config
                .accessibility
                .as_ref()
                .map(|_| config.path(&urls::statement(code))),
            pages,
        };
        SharedNav {
            value: TeraValue::from_serializable(&nav),
            pages: paths,
        }
    }

    /// The meta of a page of `kind` at `rel` in `lang`; each page kind
    /// fills in its translations, `noindex` and `lastmod`.
    fn meta(
        &self,
        lang: usize,
        kind: &'static str,
        title: String,
        description: String,
        rel: String,
    ) -> PageMeta {
        let config = self.config();
        PageMeta {
            kind,
            kind_slug: kind.replace('_', "-"),
            title,
            description,
            path: config.path(&rel),
            permalink: config.permalink(&rel),
            translations: Vec::new(),
            noindex: false,
            lang: self.code(lang).to_string(),
            x_default: String::new(),
            lastmod: self.langs[0].today,
            image: self.site_image(lang),
        }
    }

    /// The site's social image, described in `lang`.
    fn site_image(&self, lang: usize) -> Option<ImageVars> {
        let config = self.config();
        let image = config.organization.image.as_ref()?;
        let raster = image.raster?;
        Some(ImageVars {
            url: config.permalink(&image.path),
            mime: raster.mime,
            width: raster.width,
            height: raster.height,
            alt: image
                .alt
                .get(self.code(lang), &config.default_language)
                .to_string(),
        })
    }

    /// Links to the same page in every other language, built by `rel_for`.
    /// The meta of a page that exists in the languages `rel_for` gives a
    /// path in (its own among them), linked to each of those.
    fn meta_translated(
        &self,
        lang: usize,
        kind: &'static str,
        title: &str,
        description: &str,
        rel_for: impl Fn(&str) -> Option<String>,
    ) -> PageMeta {
        let own = rel_for(self.code(lang)).unwrap_or_default();
        let mut meta = self.meta(lang, kind, title.to_string(), description.to_string(), own);
        meta.translations = self.translations(lang, rel_for);
        meta
    }

    fn translations(
        &self,
        lang: usize,
        rel_for: impl Fn(&str) -> Option<String>,
    ) -> Vec<Translation> {
        let config = self.config();
        let except = self.langs.get(lang).map(LangCtx::lang);
        config
            .languages
            .iter()
            .filter(|l| Some(l.code.as_str()) != except)
            .filter_map(|l| {
                let rel = rel_for(&l.code)?;
                Some(Translation {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    locale: format!("{:?}", l.locale),
                    dir: l.dir,
                    path: config.path(&rel),
                    permalink: config.permalink(&rel),
                })
            })
            .collect()
    }
}

/// A rendered page and its sitemap entry (none for pages kept out of search engines).
pub struct Rendered {
    pub file: String,
    pub bytes: Vec<u8>,
    pub sitemap: Option<crate::feeds::sitemap::Entry>,
}

/// The root language chooser for the first home page and the root itself;
/// otherwise the page in the default language, or the page itself.
fn x_default(config: &Config, meta: &PageMeta) -> String {
    if meta.kind == "root"
        || (meta.kind == "home" && meta.path == config.path(&urls::home(&meta.lang, 1)))
    {
        return config.permalink(urls::ROOT_DIR);
    }
    if meta.lang == config.default_language {
        return meta.permalink.clone();
    }
    meta.translations
        .iter()
        .find(|t| t.code == config.default_language)
        .map_or_else(|| meta.permalink.clone(), |t| t.permalink.clone())
}

/// The page's entry in the sitemap, with its alternates in other languages.
fn sitemap_entry(meta: &PageMeta) -> Option<crate::feeds::sitemap::Entry> {
    // The root only leads to the languages; the home pages stand for it.
    if meta.noindex || meta.kind == "not_found" || meta.kind == "root" {
        return None;
    }
    let mut alternates = vec![(meta.lang.clone(), meta.permalink.clone())];
    alternates.extend(
        meta.translations
            .iter()
            .map(|t| (t.code.clone(), t.permalink.clone())),
    );
    alternates.sort();
    alternates.push(("x-default".to_string(), meta.x_default.clone()));
    Some(crate::feeds::sitemap::Entry {
        loc: meta.permalink.clone(),
        lastmod: meta.lastmod,
        alternates,
    })
}
