//! Splitting a content file into its TOML front matter and its Markdown body.
//! Pure string work, so every odd input (BOM, CRLF, a lone `+++`) is testable.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, SourceFile};

/// Where the parts of a content file lie, as byte ranges into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The opening `+++` line, where missing fields are reported.
    pub opening: Range<usize>,
    pub toml: Range<usize>,
    pub body: Range<usize>,
}

const FENCE: &str = "+++";

/// Finds the front matter between two lines that hold only `+++`.
pub fn split(file: &SourceFile) -> Result<Split, Diagnostic> {
    let text = &*file.text;
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = line_ranges(text, start);
    let example = "+++\ntitle = \"...\"\n+++";
    let Some(first) = lines.by_ref().find(|r| !text[r.clone()].trim().is_empty()) else {
        return Err(Diagnostic::error("the file is empty")
            .in_file(&file.path)
            .help(format!(
                "a content file starts with front matter between two `+++` lines:\n{example}"
            )));
    };
    if text[first.clone()].trim_end() != FENCE {
        return Err(
            Diagnostic::error("the file does not start with front matter")
                .at(file, first, "expected a line with only `+++` here")
                .help(format!(
                    "begin the file with the front matter between two `+++` lines:\n{example}"
                )),
        );
    }
    let toml_start = line_end(text, first.end);
    for line in lines {
        if text[line.clone()].trim_end() == FENCE {
            return Ok(Split {
                opening: first,
                toml: toml_start..line.start,
                body: line_end(text, line.end)..text.len(),
            });
        }
    }
    Err(Diagnostic::error("the front matter is not closed")
        .at(
            file,
            first,
            "the front matter opens here but no `+++` line closes it",
        )
        .help("add a line with only `+++` after the last front-matter field, before the text"))
}

/// Byte ranges of each line's content, without the line break.
fn line_ranges(text: &str, start: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut pos = start;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let content_end = if text[..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        let range = pos..content_end;
        pos = end + 1;
        Some(range)
    })
}

/// The offset just after the line break that follows `content_end`.
fn line_end(text: &str, content_end: usize) -> usize {
    let rest = &text[content_end..];
    if rest.starts_with("\r\n") {
        content_end + 2
    } else if rest.starts_with('\n') {
        content_end + 1
    } else {
        content_end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Result<(String, String), String> {
        let file = SourceFile::new("x.sv.md", text);
        split(&file)
            .map(|s| (text[s.toml].to_string(), text[s.body].to_string()))
            .map_err(|d| d.message)
    }

    #[test]
    fn front_matter_and_body_are_separated() {
        let (toml, body) = parts("+++\ntitle = \"A\"\n+++\nHello\n").unwrap();
        assert_eq!(toml, "title = \"A\"\n");
        assert_eq!(body, "Hello\n");
    }

    #[test]
    fn crlf_and_byte_order_mark_are_accepted() {
        let (toml, body) = parts("\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nHi").unwrap();
        assert_eq!(toml, "title = \"A\"\r\n");
        assert_eq!(body, "Hi");
    }

    #[test]
    fn empty_file_lone_fence_and_missing_fence_are_errors() {
        assert_eq!(parts("").unwrap_err(), "the file is empty");
        assert_eq!(parts("+++").unwrap_err(), "the front matter is not closed");
        assert_eq!(
            parts("+++\ntitle = \"A\"\n").unwrap_err(),
            "the front matter is not closed"
        );
        assert_eq!(
            parts("title = \"A\"\n").unwrap_err(),
            "the file does not start with front matter"
        );
    }
}
