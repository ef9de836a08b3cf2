//! One language's view of the site: its strings and "today", and the card
//! of each posting, made once and shared by the listings, the posting's
//! page and the feeds (the page's own view is in `page.rs`).

use super::*;

/// How many similar jobs a posting page shows.
pub const SIMILAR: usize = 3;

/// Everything needed to describe postings in one language.
pub struct LangCtx<'a> {
    pub site: &'a Site,
    pub strings: &'a Strings,
    pub today: NaiveDate,
    /// Each posting's card, made the first time a page or feed asks: the
    /// listings, the posting's page and the feeds all describe it alike.
    /// Boxed, so that a slot no page asks for costs a pointer (the live
    /// preview makes these contexts for every rebuild of one page).
    cards: Vec<OnceLock<Box<Card<'a>>>>,
    /// The label of each fact, looked up once.
    fact_labels: Vec<(&'static str, String)>,
    /// Each site language's separator of list items ("، " in Arabic), for a
    /// card shown in its own language on another language's listing.
    separators: Vec<(String, String)>,
}

/// "12 kB", "1.4 MB".
pub fn human_size(bytes: usize) -> String {
    let b = bytes as f64;
    if b < 1000.0 {
        format!("{bytes} B")
    } else if b < 1_000_000.0 {
        format!("{:.0} kB", b / 1000.0)
    } else {
        format!("{:.1} MB", b / 1_000_000.0)
    }
}

/// The interface language contexts, one per site language.
pub fn lang_contexts<'a>(site: &'a Site, strings: &'a [Strings]) -> Vec<LangCtx<'a>> {
    let today = site.now.with_timezone(&site.config.time_zone).date_naive();
    strings
        .iter()
        .map(|s| LangCtx::new(site, s, strings, today))
        .collect()
}

/// The label of a term in a language: a location's name, an employment type's
/// or a category's label.
pub fn term_label(site: &Site, ctx: &LangCtx<'_>, kind: TermKind, value: &str) -> String {
    let config = &site.config;
    match kind {
        TermKind::Location => value.to_string(),
        TermKind::Employment => ctx.strings.get(&format!("employment.{value}")),
        TermKind::Extent => ctx.strings.get(&format!("extent.{value}")),
        TermKind::Workplace => ctx.strings.get(&format!("workplace.{value}")),
        TermKind::Category => config
            .category(value)
            .map(|c| {
                c.label
                    .get(ctx.lang(), &config.default_language)
                    .to_string()
            })
            .unwrap_or_else(|| value.to_string()),
    }
}

impl Drop for LangCtx<'_> {
    /// A whole board's cards are hundreds of thousands of small strings:
    /// freed on every core rather than on one after the build. The few a
    /// live-preview rebuild makes are freed here at once.
    fn drop(&mut self) {
        let cards = std::mem::take(&mut self.cards);
        if cards.iter().filter(|c| c.get().is_some()).count() > 1000 {
            cards.into_par_iter().for_each(drop);
        }
    }
}

impl<'a> LangCtx<'a> {
    /// The context of `strings`' language; `all` are every site language's.
    pub fn new(site: &'a Site, strings: &'a Strings, all: &[Strings], today: NaiveDate) -> Self {
        LangCtx {
            site,
            strings,
            today,
            cards: (0..site.content.postings.len())
                .map(|_| OnceLock::new())
                .collect(),
            fact_labels: PAGE_FACTS
                .iter()
                .map(|f| (f.name(), strings.get(&format!("fact.{}", f.name()))))
                .collect(),
            separators: all
                .iter()
                .map(|other| (other.lang.clone(), other.get("list_separator")))
                .collect(),
        }
    }

    /// The separator of list items in `lang`, this language's when unknown.
    pub fn separator(&self, lang: &str) -> String {
        self.separators
            .iter()
            .find(|(l, _)| l == lang)
            .map_or_else(|| self.strings.get("list_separator"), |(_, s)| s.clone())
    }

    /// The label of a fact (`deadline`, `salary`, ...) in this language.
    pub fn fact_label<'k>(&'k self, key: &'k str) -> &'k str {
        self.fact_labels
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(key, |(_, label)| label.as_str())
    }

    pub fn lang(&self) -> &str {
        &self.strings.lang
    }

    pub fn date(&self, date: NaiveDate) -> DateView {
        DateView {
            iso: date.format("%Y-%m-%d").to_string(),
            text: self.strings.date(date),
        }
    }

    fn employment_label(&self, p: &Posting) -> String {
        let base = self
            .strings
            .get(&format!("employment.{}", p.facts.employment.key()));
        if p.facts.probation {
            self.strings
                .fill("employment.with_probation", &[("employment", &base)])
        } else {
            base
        }
    }

    fn extent_label(&self, p: &Posting) -> String {
        let base = self
            .strings
            .get(&format!("extent.{}", p.facts.extent.key()));
        match p.facts.extent_percent {
            Some(percent) if p.facts.extent == Extent::PartTime || percent < 100 => {
                self.strings.fill(
                    "extent.with_percent",
                    &[("extent", &base), ("percent", &percent.to_string())],
                )
            }
            _ => base,
        }
    }

    fn workplace_label(&self, w: Workplace) -> String {
        self.strings.get(&format!("workplace.{}", w.key()))
    }

    pub fn start_text(&self, start: Start) -> String {
        match start {
            Start::Date(d) => self.strings.date(d),
            Start::ByAgreement => self.strings.get("start.by-agreement"),
            Start::Immediately => self.strings.get("start.immediately"),
        }
    }

    /// The salary as a reader sees it: the figures, the words of this
    /// language, or both ("38 000–46 000 kr per månad (plus OB)").
    pub fn salary_text(&self, p: &Posting, t: &Translation) -> Option<String> {
        let range = p
            .facts
            .salary_range
            .as_ref()
            .map(|s| self.salary_range_text(s));
        match (range, &t.salary_text) {
            (Some(range), Some(words)) => Some(format!("{range} ({words})")),
            (range, words) => range.or_else(|| words.clone()),
        }
    }

    pub fn salary_range_text(&self, s: &SalaryRange) -> String {
        let per = self.strings.get(&format!("salary.per.{}", s.per.key()));
        let min = s.min.map(|n| self.strings.number(n));
        let max = s.max.map(|n| self.strings.number(n));
        let currency = s.currency.as_str();
        match (min, max) {
            (Some(min), Some(max)) if min == max => format!("{min} {currency} {per}"),
            (Some(min), Some(max)) => self.strings.fill(
                "salary.range",
                &[
                    ("min", &min),
                    ("max", &max),
                    ("currency", currency),
                    ("per", &per),
                ],
            ),
            (Some(min), None) => self.strings.fill(
                "salary.from",
                &[("min", &min), ("currency", currency), ("per", &per)],
            ),
            (None, Some(max)) => self.strings.fill(
                "salary.up_to",
                &[("max", &max), ("currency", currency), ("per", &per)],
            ),
            (None, None) => String::new(),
        }
    }

    pub fn days_left(&self, p: &Posting) -> i64 {
        (p.facts.deadline.date - self.today).num_days()
    }

    pub fn days_left_text(&self, p: &Posting, status: Status) -> String {
        let days = self.days_left(p);
        if status == Status::Closed || days < 0 {
            self.strings.get("closed")
        } else if days == 0 {
            self.strings.get("last_day")
        } else {
            self.strings.plural("days_left", days)
        }
    }

    /// The card of posting `i` on a page in this language.
    pub fn card(&self, i: usize) -> &Card<'a> {
        self.cards[i].get_or_init(|| Box::new(self.make_card(i)))
    }

    /// Long on purpose: one struct literal naming every field of a card.
    fn make_card(&self, i: usize) -> Card<'a> {
        let site = self.site;
        let p = site.posting(i);
        let config = &site.config;
        let t: &'a Translation = p.shown_in(self.lang(), &config.default_language);
        let language = config
            .language(&t.lang)
            .expect("translations are in site languages");
        let status = site.status[i];
        Card {
            slug: &p.slug,
            path: config.path(&urls::posting(&t.lang, &p.slug)),
            title: &t.title,
            lang: &language.code,
            dir: language.dir,
            foreign: t.lang != self.lang(),
            lang_name: &language.name,
            organization: t.organization.clone().unwrap_or_else(|| {
                config
                    .organization
                    .name
                    .get(&t.lang, &config.default_language)
                    .to_string()
            }),
            unit: t.unit.as_deref(),
            separator: self.separator(&t.lang),
            locations: p
                .facts
                .locations
                .iter()
                .map(|l| Link {
                    name: l.clone(),
                    path: config.path(&urls::term(
                        self.lang(),
                        TermKind::Location,
                        &location_slug(l),
                        1,
                    )),
                })
                .collect(),
            workplace: Keyed {
                key: p.facts.workplace.key(),
                label: self.workplace_label(p.facts.workplace),
            },
            employment: Keyed {
                key: p.facts.employment.key(),
                label: self.employment_label(p),
            },
            extent: Keyed {
                key: p.facts.extent.key(),
                label: self.extent_label(p),
            },
            published: self.date(p.facts.published),
            deadline: DateView {
                iso: p.facts.deadline.closes.to_rfc3339(),
                text: self.deadline_text(p),
            },
            days_left: self.days_left(p),
            days_left_text: self.days_left_text(p, status),
            closed: status == Status::Closed,
            summary: &t.summary,
            salary_figures: p
                .facts
                .salary_range
                .is_some()
                .then(|| self.salary_text(p, t))
                .flatten(),
            new_until: self.new_until(p),
        }
    }

    /// The first day the posting is no longer new, while it is: `new_days`
    /// after its publication.
    fn new_until(&self, p: &Posting) -> Option<String> {
        let until = p.facts.published + chrono::Duration::days(self.site.config.new_days.into());
        (p.facts.published <= self.today && self.today < until)
            .then(|| until.format("%Y-%m-%d").to_string())
    }

    fn deadline_text(&self, p: &Posting) -> String {
        let d = &p.facts.deadline;
        let date = self.strings.date(d.date);
        if d.has_time {
            let local = d.closes.with_timezone(&self.site.config.time_zone);
            format!("{date} {}", local.format("%H:%M"))
        } else {
            date
        }
    }
}
