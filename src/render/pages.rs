//! The pages: one method per page kind, each giving the page's meta and
//! the variables its template receives.

use super::context::{Choice, Content, ImageVars, Message, PageMeta, Statement, TermVars, Vars};
use super::listing::{Feed, Listing, Pagination, Sort};
use super::{PagePath, Renderer, page_of};
use crate::address::tel_uri;
use crate::config::{Language, Localized};
use crate::model::Status;
use crate::urls;
use crate::views::{LangCtx, term_label};

impl<'a> Renderer<'a> {
    /// Page `page` of the postings `all`, counted with the plural table
    /// `count_key`; `page_path` gives the path of each page.
    fn listing(
        &self,
        lang: usize,
        all: &[usize],
        page: usize,
        count_key: &str,
        page_path: impl Fn(usize) -> String,
    ) -> Listing<'_> {
        let size = self.config().page_size;
        let total_pages = all.len().div_ceil(size).max(1);
        let chunk = page_of(all, page, size);
        Listing {
            cards: chunk.iter().map(|&i| self.card_html(lang, i)).collect(),
            total: all.len(),
            count_text: self.langs[lang].strings.plural(count_key, all.len() as i64),
            pagination: Pagination::new(page, total_pages, |n| self.config().path(&page_path(n))),
        }
    }

    /// The open postings, newest first or (`soonest`) closing soonest first.
    pub(super) fn home(&self, lang: usize, page: usize, soonest: bool) -> (PageMeta, Vars) {
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
        let sort = Sort {
            current: if soonest { "soonest" } else { "newest" },
            newest: config.path(&urls::home(code, 1)),
            soonest: config.path(&urls::soonest(code, 1)),
        };
        c.insert("sort", &sort);
        c.insert("filters", &self.filters[lang].marked(&sort.newest, None));
        c.insert("feed", &Feed::new(config, code, None));
        if let Some(&newest) = self.site.open.first() {
            meta.lastmod = self.site.posting(newest).facts.published;
        }
        (meta, c)
    }

    pub(super) fn statement(&self, lang: usize) -> (PageMeta, Vars) {
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
        let in_lang = |text: &'a Localized| text.get(code, &config.default_language);
        let statement = Statement {
            title,
            organization: in_lang(&config.organization.name),
            standard: &a.standard,
            date: ctx.date(a.date),
            email: &a.email,
            phone: a.phone.as_deref(),
            phone_href: a.phone.as_deref().map(|p| tel_uri(p, &config.country)),
            supervisor: in_lang(&a.supervisor),
            supervisor_url: &a.supervisor_url,
            known_issues: a.known_issues.as_ref().map(in_lang),
        };
        c.insert("statement", &statement);
        (meta, c)
    }

    pub(super) fn archive(&self, lang: usize, page: usize) -> (PageMeta, Vars) {
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

    pub(super) fn term(&self, lang: usize, term: usize, page: usize) -> (PageMeta, Vars) {
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
        let shared = Some((&self.shared, term, t.kind));
        c.insert("filters", &self.filters[lang].marked(&current, shared));
        let kind = t.kind.key();
        c.insert("term", &TermVars { kind, label });
        let feed = Feed::new(self.config(), code, Some((t.kind, &t.slug)));
        c.insert("feed", &feed);
        if let Some(&newest) = t.postings.first() {
            meta.lastmod = self.site.posting(newest).facts.published;
        }
        (meta, c)
    }

    pub(super) fn posting(&self, lang: usize, i: usize) -> (PageMeta, Vars) {
        let site = self.site;
        let p = site.posting(i);
        let code = self.code(lang);
        let t = p
            .translation(code)
            .expect("jobs only for existing translations");
        let mut meta = self.meta_translated(lang, "posting", &t.title, &t.summary, |l| {
            p.translation(l).map(|_| urls::posting(l, &p.slug))
        });
        meta.noindex = site.status[i] == Status::Closed;
        meta.lastmod = p.facts.published;
        if let Some((name, raster)) = &p.facts.image {
            let rel = format!("{}{name}", urls::posting(code, &p.slug));
            meta.image = Some(ImageVars {
                url: self.config().permalink(&rel),
                mime: raster.mime,
                width: raster.width,
                height: raster.height,
                alt: t.image_alt.clone().unwrap_or_default(),
            });
        }
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

    pub(super) fn plain_page(&self, lang: usize, i: usize) -> (PageMeta, Vars) {
        let p = &self.site.content.pages[i];
        let code = self.code(lang);
        let t = p
            .translation(code)
            .expect("jobs only for existing translations");
        let meta = self.meta_translated(lang, "page", &t.title, &t.description, |l| {
            p.translation(l).map(|_| urls::page(l, &p.slug))
        });
        let mut c = self.context(lang, &meta);
        let content = Content {
            title: &t.title,
            body: &t.body_html,
        };
        c.insert("content", &content);
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
    fn per_language<T>(&self, f: impl Fn(&LangCtx<'a>, &'a Language) -> T) -> Vec<T> {
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

    pub(super) fn root(&self) -> (PageMeta, Vars) {
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
        let choices = self.per_language(|l, language| Choice {
            code: &language.code,
            name: &language.name,
            dir: language.dir,
            title: config.title.get(&language.code, &config.default_language),
            path: config.path(&urls::home(&language.code, 1)),
            count_text: l.strings.plural("open_positions", open),
        });
        c.insert("choices", &choices);
        (meta, c)
    }

    pub(super) fn not_found(&self) -> (PageMeta, Vars) {
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
        let messages = self.per_language(|l, language| Message {
            code: &language.code,
            dir: language.dir,
            title: l.strings.get("not_found.title"),
            text: l.strings.get("not_found.text"),
            home_label: l.strings.get("not_found.home"),
            home_path: config.path(&urls::home(&language.code, 1)),
        });
        c.insert("messages", &messages);
        (meta, c)
    }
}
