//! `/<lang>/search/`: a word index of the open postings' body texts, so the
//! finder's search also finds words that only the text of a posting holds.
//! It is split into shards of about the same size, ordered by word, so a
//! query fetches only the few whose ranges hold its words (the design of
//! Pagefind's chunked index); the finder fetches `index.json` on the first
//! keystroke, then the shards it needs.
//!
//! - `index.json`: `{"version", "generated", "postings", "shards"}`, where
//!   `postings` is the number of entries of the language's `postings.json`
//!   (the index's posting numbers point into its list) and `shards` the
//!   first word of each shard (the first is `""`).
//! - `<n>.json`: `{"words": [...], "postings": [[...], ...]}`: the shard's
//!   words in order, and for each the postings whose text holds it, as the
//!   first number followed by the differences between neighbours.
//!
//! Words are compared folded ([`fold_into`]): the finder folds a query the same
//! way, so "malmo" finds Malmö. Words are ordered by their UTF-16 code
//! units, as JavaScript compares strings.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::model::Site;
use crate::views::LangCtx;

/// Words and the postings holding them, with a fast hash: the index hashes
/// every word of every text. (Its seeds are random, as the standard one's.)
type Words = HashMap<String, Vec<u32>, ahash::RandomState>;

/// The format's version; raised when a field changes meaning.
pub const FORMAT_VERSION: u32 = 1;

/// About how many postings' words one shard holds: a query for one word
/// fetches a shard or two, whatever the size of the board.
const POSTINGS_PER_SHARD: usize = 50;

/// Words longer than this are not words a reader types (addresses, codes).
const MAX_WORD: usize = 40;

/// How many shards a language's index has with `open` open postings:
/// known before the index is made, so the build's plan can list every file.
pub fn shard_count(open: usize) -> usize {
    open.div_ceil(POSTINGS_PER_SHARD).max(1)
}

/// Writes into `out` (cleared first) a word as the index and the finder
/// compare it: in lower case, without accents or other combining marks
/// (Arabic short vowels included), without the Arabic tatweel, with the
/// Arabic letters that are often written for one another made one (ٱ as ا,
/// ى as ي, ة as ه) and ß as ss. The finder's script (`board.js`, `fold`)
/// does the same.
fn fold_into(text: &str, out: &mut String) {
    out.clear();
    // Most words are plain ASCII: nothing to decompose.
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    // Decomposing character by character is NFD less its reordering of
    // marks, which are all dropped.
    for c in text.chars() {
        match c {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c if (LATIN_FIRST..=LATIN_LAST).contains(&c) => {
                out.push_str(&latin()[c as usize - LATIN_FIRST as usize]);
            }
            c => fold_char(c, out),
        }
    }
}

/// The Latin letters with accents (Latin-1 Supplement to Latin Extended-B),
/// whose folded forms are worked out once.
const LATIN_FIRST: char = '\u{0080}';
const LATIN_LAST: char = '\u{024F}';

fn latin() -> &'static [String] {
    static TABLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (LATIN_FIRST..=LATIN_LAST)
            .map(|c| {
                let mut s = String::new();
                fold_char(c, &mut s);
                s
            })
            .collect()
    })
}

/// One character folded: lower case, decomposed, marks dropped, the
/// Arabic letters and ß mapped.
fn fold_char(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        decompose_canonical(lower, |d| match d {
            '\u{0640}' => {}
            '\u{0671}' => out.push('\u{0627}'),
            '\u{0649}' => out.push('\u{064A}'),
            '\u{0629}' => out.push('\u{0647}'),
            'ß' => out.push_str("ss"),
            d if is_combining_mark(d) => {}
            d => out.push(d),
        });
    }
}

/// Whether a folded word is one to index: two characters or more, and not
/// so long that no one would type it.
fn indexable(word: &str) -> bool {
    let n = if word.is_ascii() {
        word.len()
    } else {
        word.chars().count()
    };
    (2..=MAX_WORD).contains(&n)
}

/// The runs of letters and digits of a text (marks kept with their letter).
fn runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| {
        if c.is_ascii() {
            !c.is_ascii_alphanumeric()
        } else {
            !(c.is_alphanumeric() || is_combining_mark(c))
        }
    })
    .filter(|w| !w.is_empty())
}

/// The text of sanitized HTML: its tags and character references become
/// spaces (a body's references stand only for punctuation and spaces).
fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        text.push_str(&rest[..at]);
        text.push(' ');
        let end = if rest.as_bytes()[at] == b'<' {
            b'>'
        } else {
            b';'
        };
        rest = match memchr::memchr(end, &rest.as_bytes()[at..]) {
            Some(close) => &rest[at + close + 1..],
            None => "",
        };
    }
    text.push_str(rest);
    text
}

/// A sorted list of postings as the shards write it: the first, then the
/// difference from each to the next.
fn deltas(postings: &[u32]) -> impl Iterator<Item = u32> + '_ {
    let mut last = 0;
    postings.iter().map(move |&p| {
        let delta = p - last;
        last = p;
        delta
    })
}

/// A language's index: every word with the postings holding it, in order,
/// and the words each shard holds.
pub struct Index {
    words: Vec<(String, Vec<u32>)>,
    /// Per shard, its range in `words`.
    shards: Vec<std::ops::Range<usize>>,
    postings: usize,
}

/// Indexes the body of each open posting as the language's pages show it
/// (its own translation, else the default language's), numbered as in
/// `postings.json`.
pub fn index(site: &Site, ctx: &LangCtx<'_>) -> Index {
    let default = &site.config.default_language;
    // Each thread indexes runs of postings into a map of its own; the maps
    // are then merged, so no posting's word list is kept for long.
    let by_word = site
        .open
        .par_iter()
        .enumerate()
        .fold(Words::default, |mut map, (n, &i)| {
            let n = u32::try_from(n).expect("fewer than 4 billion postings");
            let t = site.posting(i).shown_in(ctx.lang(), default);
            // One buffer for every word: a word already seen costs no allocation.
            let mut word = String::new();
            for run in runs(&html_text(&t.body_html)) {
                fold_into(run, &mut word);
                if !indexable(&word) {
                    continue;
                }
                match map.get_mut(word.as_str()) {
                    Some(list) if list.last() == Some(&n) => {}
                    Some(list) => list.push(n),
                    None => {
                        map.insert(word.clone(), vec![n]);
                    }
                }
            }
            map
        })
        .reduce(Words::default, |mut a, b| {
            for (w, list) in b {
                a.entry(w).or_default().extend(list);
            }
            a
        });
    let mut words: Vec<(String, Vec<u32>)> = by_word
        .into_iter()
        .map(|(w, mut list)| {
            list.sort_unstable();
            (w, list)
        })
        .collect();
    words.par_sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    let shards = split(&words, shard_count(site.open.len()));
    Index {
        words,
        shards,
        postings: site.open.len(),
    }
}

/// `count` ranges of `words` of about the same size in bytes, in order;
/// the last ones are empty when there are fewer words than shards.
fn split(words: &[(String, Vec<u32>)], count: usize) -> Vec<std::ops::Range<usize>> {
    // The bytes the word takes in its shard: itself, quoted, and its
    // postings as differences, each with its comma.
    let weight = |(w, ps): &(String, Vec<u32>)| {
        let digits: usize = deltas(ps)
            .map(|d| d.checked_ilog10().unwrap_or(0) as usize + 2)
            .sum();
        w.len() + 6 + digits
    };
    let total: usize = words.iter().map(weight).sum();
    let mut ranges = Vec::with_capacity(count);
    let (mut start, mut sum) = (0, 0);
    for (i, word) in words.iter().enumerate() {
        sum += weight(word);
        // Cut when this shard has its share of the whole.
        if ranges.len() + 1 < count && sum * count >= total * (ranges.len() + 1) {
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    ranges.push(start..words.len());
    while ranges.len() < count {
        ranges.push(words.len()..words.len());
    }
    ranges
}

#[derive(Serialize)]
struct Meta<'a> {
    version: u32,
    generated: &'a str,
    postings: usize,
    shards: Vec<&'a str>,
}

#[derive(Serialize)]
struct Shard<'a> {
    words: Vec<&'a str>,
    postings: Vec<Vec<u32>>,
}

impl Index {
    /// `index.json`.
    pub fn meta(&self, generated: &str) -> Vec<u8> {
        let starts = self.shards.iter().enumerate().map(|(n, r)| match n {
            0 => "",
            // An empty shard starts where the words end: no range holds it.
            _ => self
                .words
                .get(r.start)
                .map_or("\u{FFFF}", |(w, _)| w.as_str()),
        });
        let meta = Meta {
            version: FORMAT_VERSION,
            generated,
            postings: self.postings,
            shards: starts.collect(),
        };
        let mut bytes = serde_json::to_vec(&meta).expect("the index serializes");
        bytes.push(b'\n');
        bytes
    }

    /// Shard `n`'s file.
    pub fn shard(&self, n: usize) -> Vec<u8> {
        let words = &self.words[self.shards[n].clone()];
        let shard = Shard {
            words: words.iter().map(|(w, _)| w.as_str()).collect(),
            postings: words.iter().map(|(_, ps)| deltas(ps).collect()).collect(),
        };
        let mut bytes = serde_json::to_vec(&shard).expect("a shard serializes");
        bytes.push(b'\n');
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(text: &str) -> String {
        let mut out = String::new();
        fold_into(text, &mut out);
        out
    }

    /// The words the index takes from a text, folded.
    fn words(text: &str) -> Vec<String> {
        runs(text).map(fold).filter(|w| indexable(w)).collect()
    }

    #[test]
    fn folding_drops_case_accents_and_arabic_marks() {
        assert_eq!(fold("Malmö"), "malmo");
        assert_eq!(fold("ÅÄÖ éü"), "aao eu");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("ĀŁØÆǼ"), "ałøææ");
        assert_eq!(fold("Ångström"), "angstrom");
        // Alef with hamza, short vowels and tatweel; alef maksura, taa marbuta.
        assert_eq!(fold("أَحْمَـد"), "احمد");
        assert_eq!(fold("مستشفى جامعة"), "مستشفي جامعه");
    }

    #[test]
    fn words_are_runs_of_letters_and_digits_of_two_or_more() {
        let got = words("Java, C och säkerhetsskyddslagen (2018:585) – e-post");
        assert_eq!(
            got,
            ["java", "och", "sakerhetsskyddslagen", "2018", "585", "post"]
        );
    }

    #[test]
    fn html_text_keeps_the_words_and_drops_tags_and_references() {
        assert_eq!(
            html_text("<p>Java&amp;Rust&nbsp;<a href=\"x\">länk</a></p>")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["Java", "Rust", "länk"]
        );
    }

    #[test]
    fn shards_split_the_words_in_order_into_the_count_asked_for() {
        let words: Vec<(String, Vec<u32>)> =
            (0..10).map(|i| (format!("w{i}"), vec![0, 1, 2])).collect();
        let ranges = split(&words, 3);
        assert_eq!(ranges.len(), 3);
        assert_eq!(ranges[0].start, 0);
        assert_eq!(ranges[2].end, 10);
        assert!(ranges.windows(2).all(|r| r[0].end == r[1].start));
        assert!(ranges.iter().all(|r| r.len() >= 3), "{ranges:?}");
        assert_eq!(split(&words[..1], 3), [0..1, 1..1, 1..1]);
    }
}
