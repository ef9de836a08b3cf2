//! The posting cards: each card a page shows, rendered once per language
//! and posting, many to a template call, before any page is rendered.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::environment::render_error;
use super::{PageJob, Renderer, Vars, page_of};
use crate::diagnostic::Diagnostic;
use crate::views::Card;

/// The template that renders many cards at once, and the marker ending each.
const CARD_BATCH: &str = "_card_batch.html";
const CARD_END: &str = "<!--vacancy:card-->";

impl Renderer<'_> {
    /// The postings whose cards `job` shows.
    pub(super) fn cards_of(&self, job: &PageJob) -> &[usize] {
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

    pub(super) fn similar_of(&self, posting: usize) -> &[usize] {
        self.similar.get(&posting).map_or(&[], Vec::as_slice)
    }

    /// Renders each card `jobs` show once per language, many to a template
    /// call (`_card_batch.html`), so a posting listed on several pages costs
    /// one card, and no page builds its cards again.
    pub(super) fn render_cards(&self, jobs: &[PageJob]) -> Result<Vec<Vec<String>>, Diagnostic> {
        const BATCH: usize = 64;
        let mut needed = vec![BTreeSet::new(); self.langs.len()];
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
        let rendered: Vec<Result<Vec<String>, Diagnostic>> = batches
            .par_iter()
            .map(|(lang, postings)| self.render_batch(*lang, postings))
            .collect();
        let postings = self.site.content.postings.len();
        let mut cards = vec![vec![String::new(); postings]; self.langs.len()];
        for ((lang, postings), batch) in batches.iter().zip(rendered) {
            for (&i, html) in postings.iter().zip(batch?) {
                cards[*lang][i] = html;
            }
        }
        Ok(cards)
    }

    /// The variables `_card_batch.html` receives to render the cards of
    /// `postings` in `lang`: what every page of the language shares, and
    /// `cards`.
    pub fn card_variables(&self, lang: usize, postings: &[usize]) -> Vars {
        let ctx = &self.langs[lang];
        let cards: Vec<&Card<'_>> = postings.iter().map(|&i| ctx.card(i)).collect();
        let mut vars = self.base[lang].clone();
        vars.insert("cards", &cards);
        vars
    }

    /// The cards of `postings` in `lang`, as HTML, in their order.
    fn render_batch(&self, lang: usize, postings: &[usize]) -> Result<Vec<String>, Diagnostic> {
        let vars = self.card_variables(lang, postings);
        let html = self
            .tera
            .render(CARD_BATCH, vars.context())
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
        Ok(pieces.iter().map(|h| h.trim().to_string()).collect())
    }

    /// The card of posting `i` in language `lang`, as rendered beforehand.
    pub(super) fn card_html(&self, lang: usize, i: usize) -> &str {
        self.cards[lang].get(i).map_or("", String::as_str)
    }
}
