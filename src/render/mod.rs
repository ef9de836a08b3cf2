//! Rendering: the Tera environment (built-in theme < site overrides), one job
//! per page, all rendered in parallel into an in-memory `Output`.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use tera::{Context, Tera, Value as TeraValue};

use crate::config::{Config, Language};
use crate::diagnostic::Diagnostic;
use crate::i18n::Strings;
use crate::model::{Site, Status, TermKind};
use crate::theme::Theme;

use crate::urls;
use crate::views::{self, LangCtx, lang_contexts, term_label};

mod environment;

pub use environment::environment;
use environment::{json_encode, render_error};

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
/// The template that renders many cards at once, and the marker ending each.
const CARD_BATCH: &str = "_card_batch.html";
const CARD_END: &str = "<!--vacancy:card-->";

fn has_template(tera: &Tera, name: &str) -> bool {
    tera.contains_template(name)
}

pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    tera: &'a Tera,
    /// Per language: its strings, dates and the views of every posting.
    pub langs: Vec<LangCtx<'a>>,
    /// Per language: the variables every page shares.
    base: Vec<Context>,
    /// Per language: the filter panel (locations, employment, categories).
    filters: Vec<Value>,
    /// Per language: the HTML card of each posting a page to render shows.
    /// Indexed by posting; empty for postings no page shows.
    cards: Vec<Vec<String>>,
    /// The similar jobs of each posting whose page is rendered, the same in
    /// every language: chosen once, used for the cards and for the page.
    similar: HashMap<usize, Vec<usize>>,
    /// Per language: the navigation of every page that is not a plain page.
    navs: Vec<Nav>,
}

/// The site navigation, and the paths of the plain pages it lists.
struct Nav {
    value: TeraValue,
    pages: Vec<String>,
}

#[derive(Serialize)]
struct Translation {
    code: String,
    name: String,
    /// POSIX locale, e.g. `sv_SE` (Open Graph wants this form).
    locale: String,
    dir: crate::config::Dir,
    path: String,
    permalink: String,
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
        let assets = assets(&site.config, theme);
        let mut base = Vec::with_capacity(langs.len());
        for l in &langs {
            let mut c = base_context(site, l, &assets);
            // The same on every page of a language: rendered once here.
            if has_template(tera, FINDER_STRINGS) {
                let strings = tera
                    .render(FINDER_STRINGS, &c)
                    .map_err(|e| render_error(theme, FINDER_STRINGS, FINDER_STRINGS, &e))?;
                c.insert("finder_strings", strings.trim());
            }
            base.push(c);
        }
        let filters = langs.iter().map(|l| filters(site, l)).collect();
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

    /// The postings whose cards `job` shows.
    fn cards_of(&self, job: &PageJob) -> &[usize] {
        let site = self.site;
        let size = site.config.page_size;
        match *job {
            PageJob::Home { page, .. } => page_of(&site.open, page, size),
            PageJob::Soonest { page, .. } => page_of(&site.soonest, page, size),
            PageJob::Archive { page, .. } => page_of(&site.closed, page, size),
            PageJob::Term { term, page, .. } => page_of(&site.terms[term].postings, page, size),
            PageJob::Posting { posting, .. } => self.similar_of(posting),
            PageJob::Root
            | PageJob::NotFound
            | PageJob::Statement { .. }
            | PageJob::Page { .. } => &[],
        }
    }

    fn similar_of(&self, posting: usize) -> &[usize] {
        self.similar.get(&posting).map_or(&[], Vec::as_slice)
    }

    /// Renders each card `jobs` show once per language, many to a template
    /// call (`_card_batch.html`), so a posting listed on several pages costs
    /// one card, and no page builds its cards again.
    fn render_cards(&self, jobs: &[PageJob]) -> Result<Vec<Vec<String>>, Diagnostic> {
        const BATCH: usize = 64;
        let mut needed = vec![std::collections::BTreeSet::new(); self.langs.len()];
        for job in jobs {
            if let Some(lang) = job.lang() {
                needed[lang].extend(self.cards_of(job).iter().copied());
            }
        }
        let batches: Vec<(usize, Vec<usize>)> = needed
            .iter()
            .enumerate()
            .flat_map(|(lang, set)| {
                let all: Vec<usize> = set.iter().copied().collect();
                all.chunks(BATCH)
                    .map(|c| (lang, c.to_vec()))
                    .collect::<Vec<_>>()
            })
            .collect();
        type Batch = Result<(usize, Vec<(usize, String)>), Diagnostic>;
        let rendered: Vec<Batch> = batches
            .par_iter()
            .map(|(lang, postings)| {
                let ctx = &self.langs[*lang];
                let cards: Vec<&views::Card<'_>> = postings.iter().map(|&i| ctx.card(i)).collect();
                let mut c = self.base[*lang].clone();
                c.insert("cards", &cards);
                let html = self
                    .tera
                    .render(CARD_BATCH, &c)
                    .map_err(|e| render_error(self.theme, "the cards", CARD_BATCH, &e))?;
                let mut pieces: Vec<&str> = html.split(CARD_END).collect();
                let rest = pieces.pop().unwrap_or_default();
                if pieces.len() != postings.len() || !rest.trim().is_empty() {
                    return Err(Diagnostic::error(format!(
                        "{CARD_BATCH} gave {} cards for {} postings",
                        pieces.len(),
                        postings.len()
                    ))
                    .help(format!(
                        "end each card with {CARD_END}, and write nothing after the last"
                    )));
                }
                let cards = postings
                    .iter()
                    .zip(pieces)
                    .map(|(&i, h)| (i, h.trim().to_string()))
                    .collect();
                Ok((*lang, cards))
            })
            .collect();
        let postings = self.site.content.postings.len();
        let mut cards = vec![vec![String::new(); postings]; self.langs.len()];
        for batch in rendered {
            let (lang, list) = batch?;
            for (i, html) in list {
                cards[lang][i] = html;
            }
        }
        Ok(cards)
    }

    /// The card of posting `i` in language `lang`, as rendered beforehand.
    fn card_html(&self, lang: usize, i: usize) -> &str {
        self.cards[lang].get(i).map_or("", String::as_str)
    }

    fn config(&self) -> &Config {
        &self.site.config
    }

    pub fn run(&self, job: &PageJob) -> Result<Rendered, Diagnostic> {
        let (template, (meta, mut context)) = match *job {
            PageJob::Root => ("root.html", self.root()),
            PageJob::NotFound => ("404.html", self.not_found()),
            PageJob::Home { lang, page } => ("home.html", self.home(lang, page, false)),
            PageJob::Soonest { lang, page } => ("home.html", self.home(lang, page, true)),
            PageJob::Statement { lang } => ("statement.html", self.statement(lang)),
            PageJob::Archive { lang, page } => ("archive.html", self.archive(lang, page)),
            PageJob::Term { lang, term, page } => ("term.html", self.term(lang, term, page)),
            PageJob::Posting { lang, posting } => ("posting.html", self.posting(lang, posting)),
            PageJob::Page { lang, page } => ("page.html", self.page(lang, page)),
        };
        let file = page_file(self.site, job);
        let mut meta = meta;
        meta.x_default = x_default(self.config(), &meta);
        context.insert("page", &meta);
        // Rendered straight into bytes: the templates and values are UTF-8
        // already, so the page need not be checked again as a String.
        let mut bytes = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(template, &context, &mut bytes)
            .map_err(|e| render_error(self.theme, &file, template, &e))?;
        Ok(Rendered {
            file,
            bytes,
            sitemap: sitemap_entry(&meta),
        })
    }

    fn code(&self, lang: usize) -> &str {
        self.langs[lang].lang()
    }

    /// The context of a page in `lang`, with `page` meta filled in.
    fn context(&self, lang: usize, meta: &PageMeta) -> Context {
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
    fn nav(&self, lang: usize, current: &str) -> Nav {
        let config = self.config();
        let code = self.code(lang);
        let (pages, nav_pages): (Vec<String>, Vec<Value>) = self
            .site
            .content
            .pages
            .iter()
            .filter_map(|p| {
                let t = p.translation(code)?;
                let path = config.path(&urls::page(code, &p.slug));
                let view = json!({ "title": t.title, "current": path == current, "path": path });
                Some((path, view))
            })
            .unzip();
        let value = TeraValue::from_serializable(&json!({
            "home": config.path(&urls::home(code, 1)),
            "archive": config.path(&urls::archive(code, 1)),
            "statement": config.accessibility.as_ref().map(|_| config.path(&urls::statement(code))),
            "pages": nav_pages,
        }));
        Nav { value, pages }
    }

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
        }
    }

    /// Links to the same page in every other language, built by `rel_for`.
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

    fn listing(
        &self,
        lang: usize,
        all: &[usize],
        page: usize,
        count_key: &str,
        page_path: impl Fn(usize) -> String,
    ) -> Value {
        let size = self.config().page_size;
        let total_pages = all.len().div_ceil(size).max(1);
        let chunk = page_of(all, page, size);
        let ctx = &self.langs[lang];
        let cards: Vec<&str> = chunk.iter().map(|&i| self.card_html(lang, i)).collect();
        let path = |n: usize| self.config().path(&page_path(n));
        json!({
            "cards": cards,
            "total": all.len(),
            "count_text": ctx.strings.plural(count_key, all.len() as i64),
            "pagination": {
                "current": page,
                "total_pages": total_pages,
                "prev": (page > 1).then(|| path(page - 1)),
                "next": (page < total_pages).then(|| path(page + 1)),
                "pages": page_window(page, total_pages)
                    .into_iter()
                    .map(|n| match n {
                        Some(n) => json!({"number": n, "path": path(n), "current": n == page}),
                        None => json!({"gap": true}),
                    })
                    .collect::<Vec<_>>(),
            },
        })
    }

    /// The open postings, newest first or (`soonest`) closing soonest first.
    fn home(&self, lang: usize, page: usize, soonest: bool) -> (PageMeta, Context) {
        let config = self.config();
        let code = self.code(lang);
        let title = config.title.get(code, &config.default_language).to_string();
        let description = config
            .description
            .as_ref()
            .map(|d| d.get(code, &config.default_language).to_string())
            .unwrap_or_default();
        let (list, page_rel): (&[usize], PagePath) = if soonest {
            (&self.site.soonest, urls::soonest)
        } else {
            (&self.site.open, urls::home)
        };
        let mut meta = self.meta(lang, "home", title, description, page_rel(code, page));
        meta.translations = self.translations(lang, |l| Some(page_rel(l, page)));
        // The other order repeats the same postings: keep it out of search engines.
        meta.noindex = soonest;
        let mut c = self.context(lang, &meta);
        let listing = self.listing(lang, list, page, "open_positions", |n| page_rel(code, n));
        c.insert("listing", &listing);
        c.insert(
            "sort",
            &json!({
                "current": if soonest { "soonest" } else { "newest" },
                "newest": config.path(&urls::home(code, 1)),
                "soonest": config.path(&urls::soonest(code, 1)),
            }),
        );
        c.insert(
            "filters",
            &mark_current(&self.filters[lang], &config.path(&urls::home(code, 1))),
        );
        c.insert("feed", &crate::feeds::feed_link(self.site, code, None));
        if let Some(&newest) = self.site.open.first() {
            meta.lastmod = self.site.posting(newest).facts.published;
        }
        (meta, c)
    }

    fn statement(&self, lang: usize) -> (PageMeta, Context) {
        let config = self.config();
        let a = config
            .accessibility
            .as_ref()
            .expect("a statement job only with a statement");
        let code = self.code(lang);
        let ctx = &self.langs[lang];
        let title = ctx.strings.get("statement.title");
        let mut meta = self.meta(
            lang,
            "statement",
            title.clone(),
            String::new(),
            urls::statement(code),
        );
        meta.translations = self.translations(lang, |l| Some(urls::statement(l)));
        meta.lastmod = a.date;
        let mut c = self.context(lang, &meta);
        c.insert(
            "statement",
            &json!({
                "title": title,
                "organization": config.organization.name.get(code, &config.default_language),
                "standard": a.standard,
                "date": ctx.date(a.date),
                "email": a.email,
                "phone": a.phone,
                "phone_href": a.phone.as_deref().map(|p| crate::address::tel_uri(p, &config.country)),
                "supervisor": a.supervisor.get(code, &config.default_language),
                "supervisor_url": a.supervisor_url,
                "known_issues": a.known_issues.as_ref().map(|k| k.get(code, &config.default_language)),
            }),
        );
        (meta, c)
    }

    fn archive(&self, lang: usize, page: usize) -> (PageMeta, Context) {
        let code = self.code(lang);
        let strings = self.langs[lang].strings;
        let title = strings.get("nav.archive");
        let mut meta = self.meta(
            lang,
            "archive",
            title,
            strings.get("archive.intro"),
            urls::archive(code, page),
        );
        meta.translations = self.translations(lang, |l| Some(urls::archive(l, page)));
        meta.noindex = true;
        let mut c = self.context(lang, &meta);
        c.insert(
            "listing",
            &self.listing(lang, &self.site.closed, page, "closed_positions", |n| {
                urls::archive(code, n)
            }),
        );
        (meta, c)
    }

    fn term(&self, lang: usize, term: usize, page: usize) -> (PageMeta, Context) {
        let t = &self.site.terms[term];
        let code = self.code(lang);
        let label = term_label(self.site, &self.langs[lang], t.kind, &t.value);
        let title = label.clone();
        let rel = urls::term(code, t.kind, &t.slug, page);
        let mut meta = self.meta(lang, "term", title, String::new(), rel.clone());
        meta.description = self.langs[lang]
            .strings
            .plural("open_positions", t.postings.len() as i64);
        meta.translations = self.translations(lang, |l| Some(urls::term(l, t.kind, &t.slug, page)));
        let mut c = self.context(lang, &meta);
        c.insert(
            "listing",
            &self.listing(lang, &t.postings, page, "open_positions", |n| {
                urls::term(code, t.kind, &t.slug, n)
            }),
        );
        let current = self.config().path(&urls::term(code, t.kind, &t.slug, 1));
        c.insert("filters", &mark_current(&self.filters[lang], &current));
        c.insert("term", &json!({ "kind": t.kind.key(), "label": label }));
        c.insert(
            "feed",
            &crate::feeds::feed_link(self.site, code, Some((t.kind, &t.slug))),
        );
        if let Some(&newest) = t.postings.first() {
            meta.lastmod = self.site.posting(newest).facts.published;
        }
        (meta, c)
    }

    fn posting(&self, lang: usize, i: usize) -> (PageMeta, Context) {
        let site = self.site;
        let p = site.posting(i);
        let code = self.code(lang);
        let t = p
            .translation(code)
            .expect("jobs only for existing translations");
        let mut meta = self.meta(
            lang,
            "posting",
            t.title.clone(),
            t.summary.clone(),
            urls::posting(code, &p.slug),
        );
        meta.translations = self.translations(lang, |l| {
            p.translation(l).map(|_| urls::posting(l, &p.slug))
        });
        meta.noindex = site.status[i] == Status::Closed;
        meta.lastmod = p.facts.published;
        let json_ld = crate::feeds::jsonld::job_posting(site, i, code);
        let similar = self
            .similar_of(i)
            .iter()
            .map(|&j| self.card_html(lang, j).to_string())
            .collect();
        let view = self.langs[lang].posting(i, json_ld, similar);
        let mut c = self.context(lang, &meta);
        c.insert("posting", &view);
        if site.status[i] == Status::Open {
            c.insert(
                "calendar",
                &self.config().path(&urls::posting_calendar(code, &p.slug)),
            );
        }
        (meta, c)
    }

    fn page(&self, lang: usize, i: usize) -> (PageMeta, Context) {
        let p = &self.site.content.pages[i];
        let code = self.code(lang);
        let t = p
            .translation(code)
            .expect("jobs only for existing translations");
        let mut meta = self.meta(
            lang,
            "page",
            t.title.clone(),
            t.description.clone(),
            urls::page(code, &p.slug),
        );
        meta.translations =
            self.translations(lang, |l| p.translation(l).map(|_| urls::page(l, &p.slug)));
        let mut c = self.context(lang, &meta);
        c.insert("content", &json!({ "title": t.title, "body": t.body_html }));
        (meta, c)
    }

    /// The default language's index, for pages that belong to no language.
    fn default_lang(&self) -> usize {
        let config = self.config();
        config
            .languages
            .iter()
            .position(|l| l.code == config.default_language)
            .unwrap_or(0)
    }

    /// One value per language, built from its strings and settings.
    fn per_language(&self, f: impl Fn(&LangCtx<'a>, &Language) -> Value) -> Vec<Value> {
        self.langs
            .iter()
            .map(|l| {
                let language = self
                    .config()
                    .language(l.lang())
                    .expect("strings per site language");
                f(l, language)
            })
            .collect()
    }

    fn root(&self) -> (PageMeta, Context) {
        let config = self.config();
        let default = self.default_lang();
        let title = config
            .title
            .get(&config.default_language, &config.default_language);
        let mut meta = self.meta(
            default,
            "root",
            title.to_string(),
            String::new(),
            urls::ROOT_DIR.to_string(),
        );
        meta.translations = self.translations(usize::MAX, |l| Some(urls::home(l, 1)));
        let mut c = self.context(default, &meta);
        let open = self.site.open.len() as i64;
        let choices = self.per_language(|l, language| {
            json!({
                "code": language.code,
                "name": language.name,
                "dir": language.dir,
                "title": config.title.get(&language.code, &config.default_language),
                "path": config.path(&urls::home(&language.code, 1)),
                "count_text": l.strings.plural("open_positions", open),
            })
        });
        c.insert("choices", &choices);
        (meta, c)
    }

    fn not_found(&self) -> (PageMeta, Context) {
        let config = self.config();
        let default = self.default_lang();
        let title = self.langs[default].strings.get("not_found.title");
        let mut meta = self.meta(
            default,
            "not_found",
            title,
            String::new(),
            urls::NOT_FOUND.to_string(),
        );
        meta.noindex = true;
        let mut c = self.context(default, &meta);
        let messages = self.per_language(|l, language| {
            json!({
                "code": language.code,
                "dir": language.dir,
                "title": l.strings.get("not_found.title"),
                "text": l.strings.get("not_found.text"),
                "home_label": l.strings.get("not_found.home"),
                "home_path": config.path(&urls::home(&language.code, 1)),
            })
        });
        c.insert("messages", &messages);
        (meta, c)
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

#[derive(Serialize)]
struct PageMeta {
    kind: &'static str,
    /// `kind` with `-` for `_` (`not-found`), for class names.
    kind_slug: String,
    title: String,
    description: String,
    path: String,
    permalink: String,
    translations: Vec<Translation>,
    noindex: bool,
    lang: String,
    /// The page for readers whose language the site does not have.
    x_default: String,
    /// When the page's content last changed (newest posting shown, or the build day).
    lastmod: chrono::NaiveDate,
}

fn filters(site: &Site, ctx: &LangCtx<'_>) -> Value {
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
fn mark_current(filters: &Value, current: &str) -> Value {
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
fn assets(config: &Config, theme: &Theme) -> Value {
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

fn base_context(site: &Site, ctx: &LangCtx<'_>, assets: &Value) -> Context {
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
