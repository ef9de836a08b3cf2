//! Typed reading of a TOML table (front matter or `vacancy.toml`) that keeps
//! the position of every key and value, so each problem becomes a diagnostic
//! naming the field, and every problem of a table is reported, not just the first.

use std::ops::Range;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::{Datetime, Offset};

use crate::diagnostic::{Diagnostic, SourceFile, did_you_mean};

/// A value read from TOML together with its byte range in the file.
pub type Sp<T> = Spanned<T>;

/// A date, a date with a time, or a date with a time and a UTC offset, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateOrTime {
    Date(NaiveDate),
    Local(NaiveDateTime),
    /// A moment: the local date-time and its offset east of UTC in seconds.
    Offset(NaiveDateTime, i32),
}

/// The entries of one TOML table still to be read.
pub struct Fields<'a> {
    file: &'a SourceFile,
    offset: usize,
    /// Where the table starts; missing fields are reported here.
    anchor: Range<usize>,
    /// Prefix for field names in messages, e.g. `contacts[1].`.
    prefix: String,
    entries: Vec<(Sp<String>, Sp<DeValue<'a>>)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Fields<'a> {
    /// Parses `toml_text`, which starts at byte `offset` of `file`.
    pub fn parse(
        file: &'a SourceFile,
        toml_text: &'a str,
        offset: usize,
        anchor: Range<usize>,
    ) -> Result<Self, Diagnostic> {
        let table = DeTable::parse(toml_text).map_err(|e| {
            let local = e.span().unwrap_or(0..0);
            let span = local.start + offset..local.end + offset;
            if let Some(d) = impossible_date(file, toml_text, local, offset, e.message()) {
                return d;
            }
            Diagnostic::error(format!(
                "this is not valid TOML: {}",
                first_line(e.message())
            ))
            .at(file, span, "the TOML syntax breaks here")
            .help(
                "check quotes around text (title = \"...\"), commas between list items \
                     and that every `key = value` stands on its own line",
            )
        })?;
        Ok(Self::from_table(
            file,
            offset,
            anchor,
            String::new(),
            table.into_inner(),
        ))
    }

    fn from_table(
        file: &'a SourceFile,
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
            offset,
            anchor,
            prefix,
            entries,
            diagnostics: Vec::new(),
        }
    }

    pub fn file(&self) -> &'a SourceFile {
        self.file
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

    /// Removes and returns a raw entry.
    pub fn take_raw(&mut self, key: &str) -> Option<(Range<usize>, Sp<DeValue<'a>>)> {
        let i = self.entries.iter().position(|(k, _)| k.get_ref() == key)?;
        let (k, v) = self.entries.remove(i);
        Some((k.span(), v))
    }

    /// Notes a missing required field.
    pub fn missing(&mut self, key: &str, example: &str) {
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

    pub fn string(&mut self, key: &str, example: &str) -> Option<Sp<String>> {
        let (_, value) = self.take_raw(key)?;
        match value.get_ref() {
            DeValue::String(s) => {
                if let Err(why) = check_controls(&self.name(key), s) {
                    self.error_at(key, value.span(), why, CONTROL_HELP);
                    return None;
                }
                Some(Sp::new(self.abs(value.span()), s.to_string()))
            }
            _ => {
                self.wrong_type(key, &value, "text in quotes", example);
                None
            }
        }
    }

    /// A string that must not be empty.
    pub fn text(&mut self, key: &str, example: &str) -> Option<Sp<String>> {
        let s = self.string(key, example)?;
        if s.get_ref().trim().is_empty() {
            self.error_at_abs(
                key,
                s.span(),
                format!("`{}` is empty", self.name(key)),
                format!("write some text, e.g. {example}, or remove the line"),
            );
            return None;
        }
        Some(s)
    }

    /// A text that `check` accepts, trimmed; otherwise an error at the value
    /// saying why, with `example` as the help.
    pub fn checked(
        &mut self,
        key: &str,
        example: &str,
        check: fn(&str) -> Result<(), String>,
    ) -> Option<Sp<String>> {
        self.checked_with(
            key,
            example,
            &format!("write it like this: {example}"),
            check,
        )
    }

    /// [`Fields::checked`] with a help of its own.
    pub fn checked_with(
        &mut self,
        key: &str,
        example: &str,
        help: &str,
        check: fn(&str) -> Result<(), String>,
    ) -> Option<Sp<String>> {
        let value = self.text(key, example)?;
        let trimmed = value.get_ref().trim().to_string();
        match check(&trimmed) {
            Ok(()) => Some(Sp::new(value.span(), trimmed)),
            Err(why) => {
                self.error_at_abs(key, value.span(), why, help);
                None
            }
        }
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

    /// A string that must not be empty nor longer than `max` characters:
    /// titles, names and other texts shown on one line.
    pub fn short_text(&mut self, key: &str, example: &str, max: usize) -> Option<Sp<String>> {
        let s = self.text(key, example)?;
        let length = s.get_ref().trim().chars().count();
        if length > max {
            let name = self.name(key);
            self.error_at_abs(
                key,
                s.span(),
                format!("`{name}` is too long: {length} characters, at most {max} are allowed"),
                format!(
                    "shorten `{name}` to {max} characters or fewer; longer material belongs in the text below the front matter"
                ),
            );
            return None;
        }
        Some(s)
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
        self.error_at_abs(
            key,
            span,
            format!("\"{s}\" is not a valid value for `{}`", self.name(key)),
            help,
        );
        None
    }

    pub fn string_list(&mut self, key: &str, example: &str) -> Option<Sp<Vec<Sp<String>>>> {
        let (_, value) = self.take_raw(key)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, &value, "a list of texts", example);
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) if !s.trim().is_empty() => {
                    match check_controls(&self.name(key), s) {
                        Ok(()) => out.push(Sp::new(self.abs(item.span()), s.trim().to_string())),
                        Err(why) => self.error_at(key, item.span(), why, CONTROL_HELP),
                    }
                }
                _ => {
                    self.error_at(
                        key,
                        item.span(),
                        format!(
                            "every entry of `{}` must be non-empty text in quotes",
                            self.name(key)
                        ),
                        format!("write it like this: {example}"),
                    );
                }
            }
        }
        Some(Sp::new(self.abs(value.span()), out))
    }

    /// A date or date-time as written, or a string among `words` (e.g. "by-agreement").
    pub fn date_or_word(
        &mut self,
        key: &str,
        allow_time: bool,
        words: &[&'static str],
        example: &str,
    ) -> Option<Sp<Result<DateOrTime, &'static str>>> {
        let (_, value) = self.take_raw(key)?;
        let span = self.abs(value.span());
        match value.get_ref() {
            DeValue::Datetime(dt) => match convert_datetime(dt) {
                Ok(DateOrTime::Date(d)) => Some(Sp::new(span, Ok(DateOrTime::Date(d)))),
                Ok(other) if allow_time => Some(Sp::new(span, Ok(other))),
                Ok(_) => {
                    self.error_at_abs(
                        key,
                        span,
                        format!("`{}` must be a date without a time", self.name(key)),
                        format!("write it like this: {example}"),
                    );
                    None
                }
                Err(why) => {
                    self.error_at_abs(
                        key,
                        span,
                        format!("`{}` is not a valid date: {why}", self.name(key)),
                        format!("write a real calendar date, e.g. {example}"),
                    );
                    None
                }
            },
            DeValue::String(s) if words.contains(&s.as_ref()) => {
                let word = words.iter().find(|w| **w == s.as_ref()).copied();
                word.map(|w| Sp::new(span, Err(w)))
            }
            DeValue::String(s) if !words.is_empty() && !looks_like_date(s) => {
                let list = quoted_list(words);
                let help = match did_you_mean(s, words.iter().copied()) {
                    Some(close) => {
                        format!("did you mean \"{close}\"? `{key}` is a date or one of {list}")
                    }
                    None => format!("`{key}` is a date (like {example}) or one of {list}"),
                };
                self.error_at_abs(
                    key,
                    span,
                    format!("\"{s}\" is not a valid value for `{}`", self.name(key)),
                    help,
                );
                None
            }
            _ => {
                let what = if allow_time {
                    "a date or a date-time"
                } else {
                    "a date"
                };
                self.wrong_type(key, &value, what, example);
                None
            }
        }
    }

    /// An array of tables (e.g. `[[contacts]]`), each as its own `Fields`.
    pub fn tables(&mut self, key: &str, example: &str) -> Option<Vec<Fields<'a>>> {
        let (_, value) = self.take_raw(key)?;
        if !matches!(value.get_ref(), DeValue::Array(_)) {
            self.wrong_type(key, &value, "a list of tables", example);
            return None;
        }
        let DeValue::Array(items) = value.into_inner() else {
            return None;
        };
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let item_span = self.abs(item.span());
            match item.into_inner() {
                DeValue::Table(t) => out.push(Fields::from_table(
                    self.file,
                    self.offset,
                    item_span,
                    format!("{}{key}[{}].", self.prefix, i + 1),
                    t,
                )),
                _ => self.error_at_abs(
                    key,
                    item_span,
                    format!("entry {} of `{}` must be a table", i + 1, self.name(key)),
                    format!("write it like this: {example}"),
                ),
            }
        }
        Some(out)
    }

    /// A sub-table (e.g. `[organization]`).
    pub fn table(&mut self, key: &str, example: &str) -> Option<Fields<'a>> {
        let (_, value) = self.take_raw(key)?;
        let span = self.abs(value.span());
        match value.into_inner() {
            DeValue::Table(t) => Some(Fields::from_table(
                self.file,
                self.offset,
                span,
                format!("{}{key}.", self.prefix),
                t,
            )),
            other => {
                let found = describe(&other);
                self.error_at_abs(
                    key,
                    span,
                    format!("`{}` must be a table, but it is {found}", self.name(key)),
                    format!("write it like this: {example}"),
                );
                None
            }
        }
    }

    /// A table value taken with `take_raw`, to read its fields with their own messages.
    pub fn subtable(&self, key: &str, span: Range<usize>, table: DeTable<'a>) -> Fields<'a> {
        Fields::from_table(
            self.file,
            self.offset,
            span,
            format!("{}{key}.", self.prefix),
            table,
        )
    }

    /// The absolute place of a value, without taking it.
    pub fn peek_span(&self, key: &str) -> Option<Range<usize>> {
        let (_, v) = self.entries.iter().find(|(k, _)| k.get_ref() == key)?;
        Some(self.abs(v.span()))
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
        let entries = std::mem::take(&mut self.entries);
        for (key, _) in entries {
            let name = self.name(key.get_ref());
            let help = match did_you_mean(key.get_ref(), known.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the known fields are: {}", known.join(", ")),
            };
            let span = self.abs(key.span());
            let d = Diagnostic::error(format!("unknown field `{name}`"))
                .field(name)
                .at(self.file, span, "this field is not known")
                .help(help);
            self.diagnostics.push(d);
        }
        self.diagnostics
    }

    /// Hands over the diagnostics of a sub-table.
    pub fn absorb(&mut self, child: Fields<'a>, known: &[&str]) {
        let diagnostics = child.finish(known);
        self.diagnostics.extend(diagnostics);
    }
}

/// The TOML parser rejects dates such as 2026-02-30 itself; report them as the
/// field's invalid date rather than as broken syntax.
fn impossible_date(
    file: &SourceFile,
    toml_text: &str,
    span: Range<usize>,
    offset: usize,
    message: &str,
) -> Option<Diagnostic> {
    let message = first_line(message);
    let why = message
        .strip_prefix("invalid date, ")
        .or_else(|| message.strip_prefix("invalid time, "))?;
    let line_start = toml_text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let key = toml_text[line_start..span.start]
        .trim_end()
        .strip_suffix('=')?
        .trim();
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || "_-".contains(c)) {
        return None;
    }
    let written = toml_text.get(span.clone()).unwrap_or_default();
    Some(
        Diagnostic::error(format!("`{key}` is not a valid date: {written} ({why})"))
            .field(key)
            .at(file, span.start + offset..span.end + offset, "no such date")
            .help(format!(
                "write a real calendar date as year-month-day, e.g. {key} = 2026-03-20"
            )),
    )
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

fn looks_like_date(s: &str) -> bool {
    s.len() >= 8 && s.as_bytes()[0].is_ascii_digit() && s.contains('-')
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

/// A control character (other than tab and line breaks) in a text: it would
/// make a page invalid HTML, so it is refused naming the field.
pub fn check_controls(field: &str, text: &str) -> Result<(), String> {
    match text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        Some(c) => Err(format!(
            "`{field}` holds the control character U+{:04X}, which cannot be shown on a page",
            u32::from(c)
        )),
        None => Ok(()),
    }
}

/// How to fix a control character in a text.
pub const CONTROL_HELP: &str = "remove it: write the text with letters, digits and punctuation only \
     (a `\\u001b`-style escape or a character pasted from another program often puts one there)";

/// The first and last years a date may have. Feeds (RFC 2822), calendars
/// (RFC 5545) and sitemaps write four-digit years, so every moment the board
/// shows, in any time zone and a day either side, must stay within 0001-9999.
pub const FIRST_YEAR: i32 = 1000;
pub const LAST_YEAR: i32 = 9998;

/// Whether a date lies in the years every output format can write.
pub fn check_year(date: NaiveDate) -> Result<(), String> {
    use chrono::Datelike;
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Ok(());
    }
    Err(format!(
        "{date} is outside the years {FIRST_YEAR} to {LAST_YEAR}, the dates feeds and calendars can hold"
    ))
}

/// Turns a TOML date-time into chrono values, rejecting impossible dates.
pub fn convert_datetime(dt: &Datetime) -> Result<DateOrTime, String> {
    let Some(d) = dt.date else {
        return Err("a time of day without a date".into());
    };
    let date = NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        .ok_or_else(|| format!("{:04}-{:02}-{:02} does not exist", d.year, d.month, d.day))?;
    check_year(date)?;
    let Some(t) = dt.time else {
        return Ok(DateOrTime::Date(date));
    };
    let time =
        NaiveTime::from_hms_opt(t.hour.into(), t.minute.into(), t.second.unwrap_or(0).into())
            .ok_or("the time of day is not valid")?;
    let local = date.and_time(time);
    Ok(match dt.offset {
        None => DateOrTime::Local(local),
        Some(Offset::Z) => DateOrTime::Offset(local, 0),
        Some(Offset::Custom { minutes }) => DateOrTime::Offset(local, i32::from(minutes) * 60),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error(toml: &str) -> Diagnostic {
        let file = SourceFile::new("x.sv.md", format!("+++\n{toml}+++\n"));
        let text = file.text.clone();
        let toml_text = &text[4..4 + toml.len()];
        match Fields::parse(&file, toml_text, 4, 0..3) {
            Ok(_) => panic!("{toml} should not parse"),
            Err(d) => d,
        }
    }

    #[test]
    fn a_date_that_does_not_exist_is_reported_as_the_fields_invalid_date() {
        let d = parse_error("title = \"A\"\ndeadline = 2026-02-30\n");
        assert_eq!(
            d.message,
            "`deadline` is not a valid date: 2026-02-30 (expected day between 01 and 28)"
        );
        assert_eq!(d.field.as_deref(), Some("deadline"));
        assert_eq!(d.line_column(), Some((3, 12)));
    }

    #[test]
    fn a_list_of_tables_given_as_text_is_called_text() {
        let file = SourceFile::new("x.sv.md", "contacts = \"Anna\"\n");
        let text = file.text.clone();
        let mut f = Fields::parse(&file, &text, 0, 0..0).unwrap();
        assert!(f.tables("contacts", "[[contacts]]").is_none());
        assert_eq!(
            f.diagnostics[0].message,
            "`contacts` must be a list of tables, but it is text"
        );
    }

    #[test]
    fn other_syntax_errors_stay_syntax_errors() {
        let d = parse_error("title = \"A\ndeadline = 2026-03-20\n");
        assert!(
            d.message.starts_with("this is not valid TOML"),
            "{}",
            d.message
        );
        assert_eq!(d.field, None);
    }
}
