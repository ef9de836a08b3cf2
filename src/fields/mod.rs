//! Typed reading of a TOML table (front matter or `vacancy.toml`) that keeps
//! the position of every key and value, so each problem becomes a diagnostic
//! naming the field, and every problem of a table is reported, not just the first.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, SourceFile, did_you_mean};

mod dates;
mod syntax;
mod tables;
mod text;
use dates::impossible_date;
pub use dates::{DateOrTime, FIRST_YEAR, LAST_YEAR, check_year, convert_datetime};
pub use text::{CONTROL_HELP, check_controls, is_placeholder};

/// A value read from TOML together with its byte range in the file.
pub type Sp<T> = Spanned<T>;

/// The entries of one TOML table still to be read.
pub struct Fields<'a> {
    file: &'a SourceFile,
    /// The TOML text the spans of `entries` point into.
    text: &'a str,
    offset: usize,
    /// Where the table starts; missing fields are reported here.
    anchor: Range<usize>,
    /// Prefix for field names in messages, e.g. `contacts[1].`.
    prefix: String,
    entries: Vec<(Sp<String>, Sp<DeValue<'a>>)>,
    pub diagnostics: Vec<Diagnostic>,
    /// Texts still holding a placeholder of `vacancy new` ("TODO: ..."):
    /// each field's name and where its value is (absolute).
    pub placeholders: Vec<(String, Range<usize>)>,
    /// The syntax errors of the table, reported by `finish`. A value they
    /// touch is not read: it is reported once, as the syntax error.
    syntax: Vec<syntax::SyntaxError>,
    /// Whether the table had a syntax error: a field that seems missing may
    /// stand on the broken line, so none is reported as missing.
    pub broken: bool,
    /// Values written in a shape the browser CMS's form cannot show (a
    /// salary in words outside its table, say): the field's name, where
    /// the value is (absolute) and the same value as the form writes it.
    pub form_shapes: Vec<(String, Range<usize>, String)>,
}

impl<'a> Fields<'a> {
    /// Parses `toml_text`, which starts at byte `offset` of `file`. A
    /// syntax error does not stop the reading: the parser recovers, the
    /// error is explained in plain words, and the rest is read as usual.
    pub fn parse(
        file: &'a SourceFile,
        toml_text: &'a str,
        offset: usize,
        anchor: Range<usize>,
    ) -> Self {
        let (table, errors) = DeTable::parse_recoverable(toml_text);
        let table = table.into_inner();
        let mut syntax = Vec::new();
        for e in &errors {
            let local = e.span().unwrap_or(0..0);
            if let Some(d) = impossible_date(file, toml_text, local.clone(), offset, e.message()) {
                syntax.push(syntax::SyntaxError {
                    span: local,
                    diagnostic: d,
                    unquoted: false,
                });
            }
        }
        let rest: Vec<toml::de::Error> = errors
            .into_iter()
            .filter(|e| !syntax.iter().any(|s| Some(&s.span) == e.span().as_ref()))
            .collect();
        syntax.extend(syntax::explain(file, toml_text, offset, &table, &rest));
        let mut fields = Self::from_table(file, toml_text, offset, anchor, String::new(), table);
        fields.broken = !syntax.is_empty();
        fields.syntax = syntax;
        fields
    }

    fn from_table(
        file: &'a SourceFile,
        text: &'a str,
        offset: usize,
        anchor: Range<usize>,
        prefix: String,
        table: DeTable<'a>,
    ) -> Self {
        let entries = table
            .into_iter()
            .map(|(k, v)| {
                let span = k.span();
                (Sp::new(span, k.into_inner().into_owned()), v)
            })
            .collect();
        Fields {
            file,
            text,
            offset,
            anchor,
            prefix,
            entries,
            diagnostics: Vec::new(),
            placeholders: Vec::new(),
            syntax: Vec::new(),
            broken: false,
            form_shapes: Vec::new(),
        }
    }

    pub fn file(&self) -> &'a SourceFile {
        self.file
    }

    /// Where the table starts (absolute), e.g. its `[[contacts]]` line.
    pub fn anchor(&self) -> Range<usize> {
        self.anchor.clone()
    }

    /// Absolute byte range of a span inside the TOML text.
    pub fn abs(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    fn name(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// Records a problem with a field's value.
    pub fn error_at(
        &mut self,
        key: &str,
        span: Range<usize>,
        message: String,
        help: impl Into<String>,
    ) {
        let span = self.abs(span);
        let d = Diagnostic::error(message)
            .field(self.name(key))
            .at(self.file, span, "")
            .help(help);
        self.diagnostics.push(d);
    }

    /// Records a problem with a field's value at an absolute place in the file.
    pub fn error_at_abs(
        &mut self,
        key: &str,
        span: Range<usize>,
        message: String,
        help: impl Into<String>,
    ) {
        let d = Diagnostic::error(message)
            .field(self.name(key))
            .at(self.file, span, "")
            .help(help);
        self.diagnostics.push(d);
    }

    /// Removes and returns a raw entry; one a syntax error touches is only
    /// removed, since the syntax error says what is wrong with it.
    pub fn take_raw(&mut self, key: &str) -> Option<(Range<usize>, Sp<DeValue<'a>>)> {
        let (k, v) = self.take_any(key)?;
        (!self.syntax_in(&v.span())).then_some((k, v))
    }

    pub fn take_any(&mut self, key: &str) -> Option<(Range<usize>, Sp<DeValue<'a>>)> {
        let i = self.entries.iter().position(|(k, _)| k.get_ref() == key)?;
        let (k, v) = self.entries.remove(i);
        Some((k.span(), v))
    }

    fn syntax_in(&self, span: &Range<usize>) -> bool {
        self.syntax
            .iter()
            .any(|s| span.start <= s.span.start && s.span.start <= span.end)
    }

    /// Takes a value written without quotes for a reader that explains it
    /// better than the syntax error (a date written 10.1.2027): when
    /// `wanted` accepts the text as written, the syntax error is dropped and
    /// the text returned beside the value, for the reader to report.
    #[allow(clippy::type_complexity)]
    fn take_unquoted(
        &mut self,
        key: &str,
        wanted: fn(&str) -> bool,
    ) -> Option<(Range<usize>, Sp<DeValue<'a>>, Option<&'a str>)> {
        let (k, v) = self.take_any(key)?;
        let written = self.text.get(v.span()).unwrap_or_default();
        let unquoted = self
            .syntax
            .iter()
            .position(|s| s.unquoted && s.span == v.span());
        match unquoted {
            Some(i) if wanted(written) => {
                self.syntax.remove(i);
                Some((k, v, Some(written)))
            }
            _ if self.syntax_in(&v.span()) => None,
            _ => Some((k, v, None)),
        }
    }

    /// Notes a missing required field, unless the table has a syntax error.
    pub fn missing(&mut self, key: &str, example: &str) {
        if self.broken {
            return;
        }
        let d = Diagnostic::error(format!("missing required field `{}`", self.name(key)))
            .field(self.name(key))
            .at(
                self.file,
                self.anchor.clone(),
                "add the field to this table",
            )
            .help(format!("add a line such as: {example}"));
        self.diagnostics.push(d);
    }

    fn wrong_type(&mut self, key: &str, value: &Sp<DeValue<'a>>, expected: &str, example: &str) {
        let found = describe(value.get_ref());
        let mut help = format!("write it like this: {example}");
        if matches!(value.get_ref(), DeValue::String(_)) && expected.contains("date") {
            help.push_str(" (dates are written without quotes)");
        }
        self.error_at(
            key,
            value.span(),
            format!("`{}` must be {expected}, but it is {found}", self.name(key)),
            help,
        );
    }

    /// Notes each required field that has no value as missing, unless a
    /// problem with it was already reported (a field given wrong is not
    /// also missing). `fields` pairs each name with whether it has a value.
    pub fn missing_unless_reported(&mut self, fields: &[(&str, bool)]) {
        for &(key, has_value) in fields {
            let name = self.name(key);
            if !has_value
                && !self
                    .diagnostics
                    .iter()
                    .any(|d| d.field.as_deref() == Some(&name))
            {
                self.missing(key, &format!("{key} = ..."));
            }
        }
    }

    pub fn bool(&mut self, key: &str) -> Option<Sp<bool>> {
        let (_, value) = self.take_raw(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(Sp::new(self.abs(value.span()), *b)),
            _ => {
                self.wrong_type(key, &value, "true or false", &format!("{key} = true"));
                None
            }
        }
    }

    pub fn integer(&mut self, key: &str, range: Range<i64>, example: &str) -> Option<Sp<i64>> {
        let (_, value) = self.take_raw(key)?;
        let n = match value.get_ref() {
            DeValue::Integer(i) => {
                i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            _ => None,
        };
        match n {
            Some(n) if range.contains(&n) => Some(Sp::new(self.abs(value.span()), n)),
            Some(n) => {
                self.error_at(
                    key,
                    value.span(),
                    format!(
                        "`{}` is {n}, but it must be between {} and {}",
                        self.name(key),
                        range.start,
                        range.end - 1
                    ),
                    format!("write it like this: {example}"),
                );
                None
            }
            None => {
                self.wrong_type(key, &value, "a whole number", example);
                None
            }
        }
    }

    /// One of a fixed set of words, e.g. an employment type.
    pub fn choice(&mut self, key: &str, options: &[&'static str]) -> Option<Sp<&'static str>> {
        let (_, value) = self.take_raw(key)?;
        let span = self.abs(value.span());
        let DeValue::String(s) = value.get_ref() else {
            let example = format!("{key} = \"{}\"", options[0]);
            self.wrong_type(key, &value, "text in quotes", &example);
            return None;
        };
        if let Some(option) = options.iter().find(|o| **o == s.as_ref()) {
            return Some(Sp::new(span, option));
        }
        let list = quoted_list(options);
        let help = match did_you_mean(s, options.iter().copied()) {
            Some(close) => format!("did you mean \"{close}\"? `{key}` is one of {list}"),
            None => format!("`{key}` is one of {list}"),
        };
        self.not_valid(key, span, s, help);
        None
    }

    /// Records that `value` is not one of the values `key` takes.
    pub(super) fn not_valid(&mut self, key: &str, span: Range<usize>, value: &str, help: String) {
        let message = format!("\"{value}\" is not a valid value for `{}`", self.name(key));
        self.error_at_abs(key, span, message, help);
    }

    /// The absolute place of a value, without taking it.
    pub fn peek_span(&self, key: &str) -> Option<Range<usize>> {
        let (_, v) = self.entries.iter().find(|(k, _)| k.get_ref() == key)?;
        Some(self.abs(v.span()))
    }

    /// Whether any of `keys` is still to be read.
    pub fn has_any(&self, keys: &[&str]) -> bool {
        self.entries
            .iter()
            .any(|(k, _)| keys.contains(&k.get_ref().as_str()))
    }

    /// Whether `key` holds a TOML date or time, written without quotes.
    pub fn is_datetime(&self, key: &str) -> bool {
        self.entries
            .iter()
            .any(|(k, v)| k.get_ref() == key && matches!(v.get_ref(), DeValue::Datetime(_)))
    }

    /// Notes a value the browser CMS's form cannot show as written, and the
    /// same value as the form writes it (`rewrite`, a whole TOML line).
    pub fn form_cannot_show(&mut self, key: &str, span: Range<usize>, rewrite: String) {
        self.form_shapes.push((self.name(key), span, rewrite));
    }

    /// The keys still unread, for tables whose keys are names (categories, languages).
    pub fn remaining_keys(&self) -> Vec<Sp<String>> {
        self.entries
            .iter()
            .map(|(k, _)| Sp::new(self.abs(k.span()), k.get_ref().clone()))
            .collect()
    }

    /// Reports every key that was not read as unknown, with a suggestion.
    pub fn finish(mut self, known: &[&str]) -> Vec<Diagnostic> {
        let syntax = std::mem::take(&mut self.syntax);
        self.diagnostics
            .extend(syntax.into_iter().map(|s| s.diagnostic));
        let entries = std::mem::take(&mut self.entries);
        for (key, _) in entries {
            let name = self.name(key.get_ref());
            let span = self.abs(key.span());
            // A likely misspelling is said in one line with its fix: it is
            // the root of the "missing field" the posting would also lack.
            let d = match did_you_mean(key.get_ref(), known.iter().copied()) {
                Some(close) => Diagnostic::error(format!(
                    "`{name}` is not a field: did you mean `{}{close}`?",
                    self.prefix
                ))
                .help(format!("correct the spelling to `{close}`")),
                None => Diagnostic::error(format!("unknown field `{name}`"))
                    .help(format!("the known fields are: {}", known.join(", "))),
            };
            let d = d.field(name).at(self.file, span, "this field is not known");
            self.diagnostics.push(d);
        }
        self.diagnostics
    }

    /// Hands over the diagnostics of a sub-table.
    pub fn absorb(&mut self, mut child: Fields<'a>, known: &[&str]) {
        self.placeholders.append(&mut child.placeholders);
        self.form_shapes.append(&mut child.form_shapes);
        let diagnostics = child.finish(known);
        self.diagnostics.extend(diagnostics);
    }
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim()
}

fn quoted_list(options: &[&str]) -> String {
    options
        .iter()
        .map(|o| format!("\"{o}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn parse_error(toml: &str) -> Diagnostic {
        let file = SourceFile::new("x.sv.md", format!("+++\n{toml}+++\n"));
        let text = file.text.clone();
        let toml_text = &text[4..4 + toml.len()];
        let f = Fields::parse(&file, toml_text, 4, 0..3);
        assert!(f.broken, "{toml} should not parse");
        f.finish(&[]).into_iter().next().expect("a syntax error")
    }

    #[test]
    fn a_list_of_tables_given_as_text_is_called_text() {
        let file = SourceFile::new("x.sv.md", "contacts = \"Anna\"\n");
        let text = file.text.clone();
        let mut f = Fields::parse(&file, &text, 0, 0..0);
        assert!(f.tables("contacts", "[[contacts]]").is_none());
        assert_eq!(
            f.diagnostics[0].message,
            "`contacts` must be a list of tables, but it is text"
        );
    }

    #[test]
    fn an_unclosed_quote_is_said_in_plain_words_and_the_rest_is_still_read() {
        let d = parse_error("title = \"A\ndeadline = 2026-03-20\n");
        assert_eq!(
            d.message,
            "the quotes around the text of `title` are not closed"
        );
        assert_eq!(d.field.as_deref(), Some("title"));
        let file = SourceFile::new("x.sv.md", "title = \"A\ndeadline = \"soon\"\n");
        let text = file.text.clone();
        let mut f = Fields::parse(&file, &text, 0, 0..0);
        assert!(
            f.date_or_word("deadline", true, &[], "deadline = 2026-03-20")
                .is_none()
        );
        assert!(
            f.short_text("title", "title = \"A\"", 300).is_none(),
            "a broken value is not read"
        );
        let messages: Vec<String> = f.finish(&[]).into_iter().map(|d| d.message).collect();
        assert_eq!(
            messages,
            [
                "`deadline` must be a date or a date-time, but it is text",
                "the quotes around the text of `title` are not closed",
            ]
        );
    }
}
