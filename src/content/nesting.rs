//! How deeply a Markdown body nests, checked before it is rendered. The HTML
//! sanitizer builds a tree the way browsers do, and that takes time growing
//! with the square of the depth: 300,000 nested quotes (a 300 KB file) take
//! minutes, and a few thousand unclosed `<b id=...>` tags, which browsers
//! reopen in every later paragraph, grow into hundreds of megabytes. No real
//! posting nests more than a handful of levels, so absurd depths are refused
//! with an error pointing at the line, and every accepted body renders fast.

use std::ops::Range;

use pulldown_cmark::Event;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::markdown::Rendered;

/// The most levels of lists, quotes, emphasis, links and HTML elements inside each other.
pub const MAX_DEPTH: usize = 100;

/// The most inline HTML elements such as `<b>` or `<i>` left open at once;
/// browsers (and the sanitizer) repeat every one of them in each later block.
pub const MAX_OPEN_FORMATTING: usize = 20;

/// HTML elements without content, which never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The elements HTML reopens after a block that cut them off.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// The open elements a start tag closes when one of them is the current
/// element (not counting `<b>`-like ones), as HTML does: `<p>a<p>b`,
/// `<li>a<li>b`, table rows and cells written without end tags.
fn implied_ends(name: &str) -> &'static [&'static str] {
    match name {
        "p" => &["p"],
        "li" => &["li"],
        "dt" | "dd" => &["dt", "dd"],
        "option" => &["option"],
        "td" | "th" => &["td", "th"],
        "tr" => &["td", "th", "tr"],
        "thead" | "tbody" | "tfoot" => &["td", "th", "tr", "thead", "tbody", "tfoot"],
        _ => &[],
    }
}

/// Checks the body of `file`, which lies at `body` in its text.
pub fn render(file: &SourceFile, body: Range<usize>) -> Result<Rendered, Diagnostic> {
    let mut depth = Depth::default();
    crate::markdown::render_checked(&file.text[body.clone()], |event, range| {
        match depth.event(event, range) {
            Some((offset, problem)) => Err(too_deep(file, body.start + offset, problem)),
            None => Ok(()),
        }
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    TooDeep,
    TooManyOpen,
}

/// The nesting seen so far: Markdown structure, and raw HTML estimated the
/// way a browser would build it (an overestimate where it is unsure).
#[derive(Default)]
struct Depth {
    markdown: usize,
    open: Vec<String>,
    formatting: Vec<String>,
}

impl Depth {
    fn total(&self) -> usize {
        self.markdown + self.open.len()
    }

    /// A Markdown element opened; whether that is one level too many.
    /// The problem an event brings, at its offset in the body.
    fn event(&mut self, event: &Event<'_>, range: Range<usize>) -> Option<(usize, Problem)> {
        match event {
            Event::Start(_) => self
                .markdown_open()
                .then_some((range.start, Problem::TooDeep)),
            Event::End(_) => {
                self.markdown = self.markdown.saturating_sub(1);
                None
            }
            Event::Html(html) | Event::InlineHtml(html) => self
                .html(html)
                .map(|(offset, problem)| ((range.start + offset).min(range.end), problem)),
            _ => None,
        }
    }

    fn markdown_open(&mut self) -> bool {
        self.markdown += 1;
        self.total() > MAX_DEPTH
    }

    fn close_implied(&mut self, name: &str) {
        let ends = implied_ends(name);
        while let Some(i) = self
            .open
            .iter()
            .rposition(|n| !FORMATTING.contains(&n.as_str()))
            .filter(|&i| ends.contains(&self.open[i].as_str()))
        {
            self.open.truncate(i);
        }
    }

    /// Follows the tags of a piece of raw HTML; a problem comes with its offset in `html`.
    fn html(&mut self, html: &str) -> Option<(usize, Problem)> {
        for (offset, tag) in tags(html) {
            match tag {
                Tag::End(name) => {
                    if let Some(i) = self.open.iter().rposition(|n| *n == name) {
                        self.open.truncate(i);
                    }
                    if let Some(i) = self.formatting.iter().rposition(|n| *n == name) {
                        self.formatting.remove(i);
                    }
                }
                Tag::Start(name) => {
                    if VOID.contains(&name.as_str()) {
                        continue;
                    }
                    self.close_implied(&name);
                    if FORMATTING.contains(&name.as_str()) {
                        self.formatting.push(name.clone());
                        if self.formatting.len() > MAX_OPEN_FORMATTING {
                            return Some((offset, Problem::TooManyOpen));
                        }
                    }
                    self.open.push(name);
                    if self.total() > MAX_DEPTH {
                        return Some((offset, Problem::TooDeep));
                    }
                }
            }
        }
        None
    }
}

enum Tag {
    Start(String),
    End(String),
}

/// The start and end tags of a piece of HTML, lowercased, with their offsets;
/// self-closed tags (`<br/>`), comments and declarations are left out.
fn tags(html: &str) -> impl Iterator<Item = (usize, Tag)> + '_ {
    let bytes = html.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        while let Some(found) = html[pos..].find('<') {
            let start = pos + found;
            pos = start + 1;
            let end_tag = bytes.get(pos) == Some(&b'/');
            let name_start = pos + usize::from(end_tag);
            let name_len = bytes[name_start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
                continue;
            }
            let name = html[name_start..name_start + name_len].to_ascii_lowercase();
            let close = html[name_start..].find('>').map(|i| name_start + i);
            pos = close.map_or(html.len(), |i| i + 1);
            if end_tag {
                return Some((start, Tag::End(name)));
            }
            if close.is_some_and(|i| bytes[i - 1] == b'/') {
                continue;
            }
            return Some((start, Tag::Start(name)));
        }
        None
    })
}

fn too_deep(file: &SourceFile, offset: usize, problem: Problem) -> Diagnostic {
    // The offset may fall inside a character: pulldown-cmark hands over a
    // tag spread over quoted lines as one string without the `> `, whose
    // offsets no longer match the file's.
    let offset = floor_char_boundary(&file.text, offset.min(file.text.len()));
    let line_end = file.text[offset..]
        .find('\n')
        .map_or(file.text.len(), |i| offset + i);
    let span = offset..floor_char_boundary(&file.text, line_end.min(offset + 80));
    match problem {
        Problem::TooDeep => Diagnostic::error(format!(
            "the text nests lists, quotes, links or HTML elements more than {MAX_DEPTH} levels deep"
        ))
        .at(file, span, format!("level {} starts here", MAX_DEPTH + 1))
        .help(
            "no reader can follow that many levels, and the page would take minutes to build; \
             flatten the text: postings rarely need more than three levels",
        ),
        Problem::TooManyOpen => Diagnostic::error(format!(
            "more than {MAX_OPEN_FORMATTING} HTML text elements (<b>, <i>, <a>, ...) are left open"
        ))
        .at(file, span, "this one is never closed")
        .help(
            "close each with its end tag (<b>...</b>), or use Markdown: **bold**, *italic*, \
             [link](https://...)",
        ),
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_text(body: &str) -> Result<(), String> {
        let file = SourceFile::new("x.sv.md", body);
        render(&file, 0..body.len())
            .map(|_| ())
            .map_err(|d| d.message)
    }

    #[test]
    fn ordinary_bodies_pass() {
        let body = "## Om jobbet\n\n- a\n  - b\n    - *c* [d](https://e.se)\n\n> quote\n\n\
                    <div><p>one<p>two<br>three</div> <b>x</b>\n";
        assert_eq!(check_text(body), Ok(()));
        let many_paragraphs = "<p>x\n\n".repeat(500);
        assert_eq!(check_text(&many_paragraphs), Ok(()));
        let closed = "<b id=1>x</b> ".repeat(500);
        assert_eq!(check_text(&closed), Ok(()));
        let table = "<table>".to_string() + &"<tr><td>1<td><b>2</b>\n".repeat(500);
        assert_eq!(check_text(&table), Ok(()));
    }

    #[test]
    fn deep_markdown_and_deep_html_are_refused() {
        let exactly = "> ".repeat(MAX_DEPTH - 1) + "x";
        assert_eq!(check_text(&exactly), Ok(()));
        for body in [
            "> ".repeat(MAX_DEPTH + 1) + "x",
            "- ".repeat(10_000) + "x",
            "<div>".repeat(MAX_DEPTH + 1),
            "<ul><li>".repeat(MAX_DEPTH / 2 + 1),
        ] {
            let e = check_text(&body).unwrap_err();
            assert!(e.contains("more than 100 levels deep"), "{e}");
        }
    }

    #[test]
    fn formatting_left_open_across_blocks_is_refused() {
        let body: String = (0..30)
            .map(|i| format!("<div><b id=a{i}></div>\n"))
            .collect();
        let e = check_text(&body).unwrap_err();
        assert!(e.contains("HTML text elements"), "{e}");
    }
}
