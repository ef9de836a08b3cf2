//! TOML syntax errors in an editor's words. The parser recovers after each
//! error, so what the rest of the file says is still read and its problems
//! reported; here each error becomes one message that says what to type.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::first_line;
use crate::diagnostic::{Diagnostic, SourceFile};

/// A syntax error, in words, and the place (inside the TOML text) it covers.
pub(super) struct SyntaxError {
    pub span: Range<usize>,
    pub diagnostic: Diagnostic,
    /// A value written without quotes: a reader that knows what the field
    /// holds (a date) may say it better.
    pub unquoted: bool,
}

/// Quotation marks a word processor puts in place of `"` and `'`.
const CURLY: &[char] = &['“', '”', '„', '‘', '’', '‚', '«', '»', '″'];

/// Explains each error of `errors`, one per field: an error inside a value
/// (a list without its `]`) sets off more, which say nothing new.
pub(super) fn explain(
    file: &SourceFile,
    toml_text: &str,
    offset: usize,
    table: &DeTable<'_>,
    errors: &[toml::de::Error],
) -> Vec<SyntaxError> {
    let entries: Vec<(String, Range<usize>)> = table
        .iter()
        .map(|(k, v)| {
            let range = k.span().start..v.span().end.max(k.span().end);
            (k.get_ref().to_string(), range)
        })
        .collect();
    let mut chosen: Vec<(Option<usize>, usize, &toml::de::Error)> = Vec::new();
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        let entry = entries
            .iter()
            .position(|(_, r)| r.start <= span.start && span.start <= r.end);
        let line = toml_text[..span.start.min(toml_text.len())]
            .matches('\n')
            .count();
        let same = chosen.iter_mut().find(|(en, l, _)| match entry {
            Some(_) => *en == entry,
            None => *l == line,
        });
        match same {
            // Of the errors one field sets off, the unclosed list or table is the cause.
            Some(c) if unclosed(e) && !unclosed(c.2) => c.2 = e,
            Some(_) => {}
            None => chosen.push((entry, line, e)),
        }
    }
    chosen
        .into_iter()
        .map(|(entry, _, e)| {
            let opened = entry.map(|i| &entries[i]);
            explain_one(file, toml_text, offset, table, e, opened)
        })
        .collect()
}

fn unclosed(e: &toml::de::Error) -> bool {
    e.message().starts_with("unclosed")
}

fn explain_one(
    file: &SourceFile,
    toml_text: &str,
    offset: usize,
    table: &DeTable<'_>,
    e: &toml::de::Error,
    entry: Option<&(String, Range<usize>)>,
) -> SyntaxError {
    let span = e.span().unwrap_or(0..0);
    let message = first_line(e.message());
    let abs = |r: &Range<usize>| r.start + offset..r.end + offset;
    let written = toml_text.get(span.clone()).unwrap_or_default().trim();
    let key = key_before(toml_text, span.start);
    let name = key.as_deref().unwrap_or("the field");
    let mut unquoted = false;
    let mut span = span;
    let value = value_on_line(toml_text, span.start);
    let value_text = value.clone().map_or("", |r| &toml_text[r]);
    let d = if !message.starts_with("unclosed")
        && message != "duplicate key"
        && let Some(r) = value.filter(|_| super::dates::date_like(value_text))
    {
        // A date in another form ("10.1.2027"): the field's reader says how
        // to write it when the field holds a date.
        unquoted = true;
        span = r;
        Diagnostic::error(format!("the text of `{name}` must be in quotes"))
            .at(file, abs(&span), "text without quotes")
            .help(format!("write it like this: {name} = \"{value_text}\""))
    } else if let Some(b) = boolean(value_text).filter(|_| {
        message.starts_with("string values must be quoted")
            || message.starts_with("invalid boolean")
    }) {
        Diagnostic::error(format!("`{name}` is true or false, written without quotes"))
            .at(file, abs(&span), "not true or false")
            .help(format!("write it like this: {name} = {b}"))
    } else if message == "duplicate key" {
        let (line, _) = file.line_column(span.start + offset);
        let message = match earlier_key(table, written, span.start) {
            Some(first) => {
                let first = file.line_column(first + offset).0;
                format!("`{written}` is written twice: on line {first} and line {line}")
            }
            None => format!("`{written}` is written twice"),
        };
        Diagnostic::error(message)
            .field(written)
            .at(file, abs(&span), "written again here")
            .help("keep one of the two and delete the other; a field has one value")
    } else if message.starts_with("string values must be quoted") && written.is_empty() {
        Diagnostic::error(format!("`{name}` has no value after `=`"))
            .at(file, abs(&span), "the value is missing here")
            .help(format!(
                "write the value after the `=`, e.g. {name} = \"...\", or delete the line"
            ))
    } else if message.starts_with("string values must be quoted") && written.starts_with(CURLY) {
        let inner = written.trim_matches(|c: char| CURLY.contains(&c) || c == '"');
        Diagnostic::error("replace the curly quotes “ ” with straight quotes \"")
            .at(
                file,
                abs(&span),
                "curly quotes, as a word processor writes them",
            )
            .help(format!("write it like this: {name} = \"{inner}\""))
    } else if message.starts_with("string values must be quoted")
        && written.chars().all(|c| c.is_ascii_digit() || c == ' ')
    {
        Diagnostic::error(format!("the number `{name}` is written with spaces"))
            .at(file, abs(&span), "a number without quotes has no spaces")
            .help(format!(
                "write the digits together: {name} = {}",
                written.replace(' ', "")
            ))
    } else if message.starts_with("string values must be quoted") {
        unquoted = true;
        Diagnostic::error(format!("the text of `{name}` must be in quotes"))
            .at(file, abs(&span), "text without quotes")
            .help(format!("write it like this: {name} = \"{written}\""))
    } else if let Some(what) = closing(message) {
        let opened = entry.map_or(span.clone(), |(_, r)| r.start..line_end(toml_text, r.start));
        let name = entry.map_or(name, |(k, _)| k.as_str());
        let (open, close) = what;
        Diagnostic::error(format!("the {open} of `{name}` is not closed"))
            .field(name)
            .at(
                file,
                abs(&opened),
                format!("opened here; end it with {close}"),
            )
            .help(format!(
                "end the {open} with {close} on the same line as its last item"
            ))
    } else if message.starts_with("invalid basic string")
        || message.starts_with("invalid literal string")
    {
        let shown = toml_text[..span.start]
            .rfind('=')
            .map_or(written, |i| toml_text[i + 1..span.start].trim());
        let text = shown.trim_matches(|c: char| c == '"' || c == '\'' || CURLY.contains(&c));
        Diagnostic::error(format!(
            "the quotes around the text of `{name}` are not closed"
        ))
        .at(file, abs(&span), "the closing quote is missing here")
        .help(format!(
            "end the text with a straight quote \" on the same line: {name} = \"{text}\""
        ))
    } else if message.starts_with("missing comma") {
        Diagnostic::error(format!("a comma is missing between two items of `{name}`"))
            .at(file, abs(&span), "add a comma here")
            .help(format!(
                "separate the items with commas: {name} = [\"Norrköping\", \"Stockholm\"]"
            ))
    } else if message.starts_with("key with no value") {
        Diagnostic::error(format!(
            "`{}` has no `=` after it",
            first_word(toml_text, span.start)
        ))
        .at(file, abs(&span), "expected `=` here")
        .help("write each field as name = value, e.g. title = \"Case officer\"")
    } else if message.starts_with("unexpected key or value, expected newline") {
        Diagnostic::error(format!("`{name}` has more after its value"))
            .at(file, abs(&span), "the value ends here")
            .help(format!(
                "put each field on its own line; text with spaces goes in one pair of quotes: {name} = \"...\""
            ))
    } else {
        Diagnostic::error(format!("this is not valid TOML: {message}"))
            .at(file, abs(&span), "the TOML syntax breaks here")
            .help(
                "check quotes around text (title = \"...\"), commas between list items \
                 and that every `key = value` stands on its own line",
            )
    };
    let d = match &key {
        Some(k) if d.field.is_none() => d.field(k.clone()),
        _ => d,
    };
    SyntaxError {
        span,
        diagnostic: d,
        unquoted,
    }
}

/// `true` or `false` for the words editors write for them.
fn boolean(text: &str) -> Option<bool> {
    match text
        .trim_matches(|c: char| c == '"' || CURLY.contains(&c))
        .to_lowercase()
        .as_str()
    {
        "true" | "ja" | "yes" | "sant" | "on" => Some(true),
        "false" | "nej" | "no" | "falskt" | "off" => Some(false),
        _ => None,
    }
}

/// The value written after `=` on the line holding `at`, without spaces around.
fn value_on_line(toml_text: &str, at: usize) -> Option<Range<usize>> {
    let at = at.min(toml_text.len());
    let line_start = toml_text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = line_end(toml_text, line_start);
    let eq = line_start + toml_text[line_start..end].find('=')?;
    let raw = &toml_text[eq + 1..end];
    let start = eq + 1 + (raw.len() - raw.trim_start().len());
    let stop = eq + 1 + raw.trim_end().len();
    (start < stop).then_some(start..stop)
}

/// What a value left open is, and how it closes: `[` lists, `{` tables, `[[`/`[` headers.
fn closing(message: &str) -> Option<(&'static str, &'static str)> {
    let m = message.strip_prefix("unclosed ")?;
    Some(if m.starts_with("array table") {
        ("table name", "`]]`")
    } else if m.starts_with("table") {
        ("table name", "`]`")
    } else if m.starts_with("inline table") {
        ("table", "`}`")
    } else {
        ("list", "`]`")
    })
}

/// The key written before `=` on the line that holds `at`.
fn key_before(toml_text: &str, at: usize) -> Option<String> {
    let at = at.min(toml_text.len());
    let line_start = toml_text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &toml_text[line_start..at];
    let (key, _) = before.rsplit_once('=')?;
    // Inside an inline table `{ min = 40 000 }` the key is the last one.
    let key = key.rsplit(['{', ',']).next()?.trim().trim_matches('"');
    let simple = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.".contains(c));
    simple.then(|| key.to_string())
}

fn first_word(toml_text: &str, at: usize) -> &str {
    let at = at.min(toml_text.len());
    let line_start = toml_text[..at].rfind('\n').map_or(0, |i| i + 1);
    toml_text[line_start..at]
        .split_whitespace()
        .next()
        .unwrap_or("")
}

fn line_end(toml_text: &str, from: usize) -> usize {
    toml_text[from..]
        .find('\n')
        .map_or(toml_text.len(), |i| from + i)
}

/// Where `key` was first written before `before`, in any table.
fn earlier_key(table: &DeTable<'_>, key: &str, before: usize) -> Option<usize> {
    let mut best: Option<usize> = None;
    let mut visit = |start: usize| {
        if start < before && best.is_none_or(|b| start > b) {
            best = Some(start);
        }
    };
    walk(table, key, &mut visit);
    best
}

fn walk(table: &DeTable<'_>, key: &str, visit: &mut impl FnMut(usize)) {
    for (k, v) in table {
        if k.get_ref() == key {
            visit(k.span().start);
        }
        walk_value(v.get_ref(), key, visit);
    }
}

fn walk_value(value: &DeValue<'_>, key: &str, visit: &mut impl FnMut(usize)) {
    match value {
        DeValue::Table(t) => walk(t, key, visit),
        DeValue::Array(items) => {
            for item in items {
                walk_value(item.get_ref(), key, visit);
            }
        }
        _ => {}
    }
}
