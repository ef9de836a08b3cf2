//! Soft hyphens (U+00AD) at the syllable breaks of long words, so that a
//! narrow screen breaks "Migrationshandläggare" as "Migrations-" and
//! "handläggare", never mid-syllable without a hyphen. A browser shows a
//! soft hyphen only where it breaks the line; searching the page, copying
//! and screen readers pass over it. The syllables come from the TeX
//! patterns of each language (the `hypher` crate); a language without
//! patterns is left as written, to the stylesheet's `hyphens: auto`.

use std::borrow::Cow;

/// Words shorter than this (in characters) fit any line, also a narrow
/// column of facts on a phone: left alone, so that lines break between
/// words wherever they can.
const LONG: usize = 12;

/// `text` with soft hyphens in its long words, for language `lang`.
pub fn text<'a>(text: &'a str, lang: &str) -> Cow<'a, str> {
    match patterns(lang) {
        Some(lang) if has_long_word(text) => {
            let mut out = String::with_capacity(text.len() + text.len() / 8);
            push_text(&mut out, text, lang);
            Cow::Owned(out)
        }
        _ => Cow::Borrowed(text),
    }
}

/// HTML with soft hyphens in the long words of its text; tags, their
/// attributes and character references are left as they are.
pub fn html<'a>(html: &'a str, lang: &str) -> Cow<'a, str> {
    let Some(lang) = patterns(lang) else {
        return Cow::Borrowed(html);
    };
    if !has_long_word(html) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while !rest.is_empty() {
        // Text runs to the next tag or character reference.
        let stop = memchr::memchr2(b'<', b'&', rest.as_bytes()).unwrap_or(rest.len());
        push_text(&mut out, &rest[..stop], lang);
        rest = &rest[stop..];
        let end = match rest.as_bytes().first() {
            Some(b'<') => rest.find('>').map_or(rest.len(), |i| i + 1),
            Some(b'&') => rest.find(';').map_or(1, |i| i + 1),
            _ => 0,
        };
        out.push_str(&rest[..end]);
        rest = &rest[end..];
    }
    Cow::Owned(out)
}

fn patterns(lang: &str) -> Option<hypher::Lang> {
    let code = lang.get(..2)?.as_bytes();
    if lang.len() > 2 && !lang[2..].starts_with(['-', '_']) {
        return None;
    }
    hypher::Lang::from_iso([code[0].to_ascii_lowercase(), code[1].to_ascii_lowercase()])
}

/// Whether `text` may hold a word of [`LONG`] letters: a quick look at its
/// bytes, any byte beyond ASCII taken for a letter.
fn has_long_word(text: &str) -> bool {
    let mut run = 0;
    for &b in text.as_bytes() {
        run = if b.is_ascii_alphabetic() || b >= 0x80 {
            run + 1
        } else {
            0
        };
        if run >= LONG {
            return true;
        }
    }
    false
}

/// Copies `text` to `out`, a soft hyphen between the syllables of each
/// long word; what lies between long words is copied as it stands.
fn push_text(out: &mut String, text: &str, lang: hypher::Lang) {
    // A part of a web or e-mail address is left whole: a hyphen there
    // would read as part of the address.
    let address = |c: Option<char>| c.is_some_and(|c| "./@:_".contains(c));
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut start = None;
    let mut chars = 0;
    let mut i = 0;
    while i <= bytes.len() {
        // ASCII, most of any text, is told apart byte by byte.
        let (c, len) = match bytes.get(i) {
            None => (' ', 1),
            Some(&b) if b < 0x80 => (char::from(b), 1),
            Some(_) => {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            }
        };
        let at = i;
        i += len;
        if c.is_alphabetic() {
            if start.is_none() {
                start = Some(at);
                chars = 0;
            }
            chars += 1;
            continue;
        }
        let Some(s) = start.take() else { continue };
        let after = (at < text.len()).then_some(c);
        if chars >= LONG && !address(text[..s].chars().next_back()) && !address(after) {
            out.push_str(&text[copied..s]);
            push_syllables(out, &text[s..at], lang);
            copied = at;
        }
    }
    out.push_str(&text[copied..]);
}

type Seen = std::collections::HashMap<hypher::Lang, std::collections::HashMap<Box<str>, Box<str>>>;

thread_local! {
    /// The syllables of the long words met so far, per language: a board's
    /// postings share most of their long words, and a word's syllables are
    /// looked up far faster than worked out again.
    static SEEN: std::cell::RefCell<Seen> = Default::default();
}

/// Words remembered per thread and language at most; then it starts again.
const SEEN_MAX: usize = 100_000;

fn push_syllables(out: &mut String, word: &str, lang: hypher::Lang) {
    SEEN.with_borrow_mut(|seen| {
        let words = seen.entry(lang).or_default();
        if let Some(done) = words.get(word) {
            out.push_str(done);
            return;
        }
        let mut done = String::with_capacity(word.len() + 8);
        for (n, syllable) in hypher::hyphenate(word, lang).enumerate() {
            if n > 0 {
                done.push('\u{AD}');
            }
            done.push_str(syllable);
        }
        out.push_str(&done);
        if words.len() >= SEEN_MAX {
            words.clear();
        }
        words.insert(word.into(), done.into_boxed_str());
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_get_soft_hyphens_between_syllables() {
        let shown = text("Migrationshandläggare i Norrköping", "sv").replace('\u{AD}', "-");
        assert_eq!(shown, "Mi-gra-tions-hand-läg-ga-re i Norrköping");
        assert_eq!(text("Case officer", "en"), "Case officer");
    }

    #[test]
    fn html_keeps_tags_attributes_and_references() {
        let html_in = "<p title=\"Medborgarskapsenheterna\">Medborgarskapsenheterna &amp; <a href=\"/x\">kommunikationsavdelningen</a></p>";
        let out = html(html_in, "sv").replace('\u{AD}', "-");
        assert!(
            out.starts_with("<p title=\"Medborgarskapsenheterna\">Med-"),
            "{out}"
        );
        assert!(out.contains(" &amp; <a href=\"/x\">kom-"), "{out}");
        assert!(out.ends_with("</a></p>"), "{out}");
    }

    #[test]
    fn a_language_without_patterns_is_left_as_written() {
        let arabic = "المتخصصونالمتخصصون";
        assert_eq!(text(arabic, "ar"), arabic);
        assert_eq!(text("Migrationshandläggare", "xx"), "Migrationshandläggare");
    }
}
