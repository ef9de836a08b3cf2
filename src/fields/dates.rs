//! Dates as editors write them in TOML: a date, a date and time, or one with
//! an offset; impossible dates ("2026-02-30") and dates outside the years
//! feeds and calendars can hold reported at the field.

use std::ops::Range;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use toml::de::DeValue;
use toml::value::{Datetime, Offset};

use super::{Fields, Sp, first_line, quoted_list};
use crate::diagnostic::{Diagnostic, SourceFile, did_you_mean};

/// A date, a date with a time, or a date with a time and a UTC offset, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateOrTime {
    Date(NaiveDate),
    Local(NaiveDateTime),
    /// A moment: the local date-time and its offset east of UTC in seconds.
    Offset(NaiveDateTime, i32),
}

/// The TOML parser rejects dates such as 2026-02-30 itself; report them as the
/// field's invalid date rather than as broken syntax.
pub(super) fn impossible_date(
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

/// A text an editor meant as a date in another form: "10 januari 2027",
/// "2027/01/10", "10.1.2027" (a digit, and a month name or a separator
/// other than a hyphen between digits).
fn written_as_date(s: &str) -> bool {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "maj", "may", "jun", "jul", "aug", "sep", "okt", "oct", "nov",
        "dec",
    ];
    let lower = s.to_lowercase();
    let digits = lower.chars().filter(char::is_ascii_digit).count();
    let has_month = lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)));
    let separated = lower.contains('/') || lower.contains('.');
    digits >= 2
        && (has_month
            || (separated
                && lower
                    .chars()
                    .all(|c| c.is_ascii_digit() || "/. ".contains(c))))
}

/// A date in any of the forms editors write: ISO or another.
pub(super) fn date_like(s: &str) -> bool {
    looks_like_date(s) || written_as_date(s)
}

fn looks_like_date(s: &str) -> bool {
    s.len() >= 8 && s.as_bytes()[0].is_ascii_digit() && s.contains('-')
}

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

impl Fields<'_> {
    /// A date or date-time as written, or a string among `words` (e.g. "by-agreement").
    /// Long on purpose: one `match` over every form a value can take, each
    /// with the message an editor needs for it.
    pub fn date_or_word(
        &mut self,
        key: &str,
        allow_time: bool,
        words: &[&'static str],
        example: &str,
    ) -> Option<Sp<Result<DateOrTime, &'static str>>> {
        let (_, value, unquoted) = self.take_unquoted(key, date_like)?;
        let span = self.abs(value.span());
        if let Some(written) = unquoted {
            self.error_at_abs(
                key,
                span,
                format!(
                    "`{}` is a date written year-month-day, not \"{written}\"",
                    self.name(key)
                ),
                format!("write the date with digits and hyphens, year first: {key} = 2027-01-10"),
            );
            return None;
        }
        // A date in quotes, as the browser CMS and many editors write it, is
        // that date: "2027-01-10" reads as 2027-01-10.
        let quoted: Option<Datetime> = match value.get_ref() {
            DeValue::String(s) if looks_like_date(s.trim()) => s.trim().parse().ok(),
            _ => None,
        };
        let datetime = match value.get_ref() {
            DeValue::Datetime(dt) => Some(dt),
            _ => quoted.as_ref(),
        };
        match value.get_ref() {
            _ if datetime.is_some() => match datetime.map(convert_datetime)? {
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
            DeValue::String(s)
                if !words.is_empty() && !looks_like_date(s) && !written_as_date(s) =>
            {
                let list = quoted_list(words);
                let help = match did_you_mean(s, words.iter().copied()) {
                    Some(close) => {
                        format!("did you mean \"{close}\"? `{key}` is a date or one of {list}")
                    }
                    None => format!("`{key}` is a date (like {example}) or one of {list}"),
                };
                self.not_valid(key, span, s, help);
                None
            }
            DeValue::String(s) if looks_like_date(s) || written_as_date(s) => {
                let name = self.name(key);
                let message = format!(
                    "`{name}` is a date written year-month-day, not \"{}\"",
                    s.trim()
                );
                let help = format!(
                    "write the date with digits and hyphens, year first: {key} = 2027-01-10"
                );
                self.error_at_abs(key, span, message, help);
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
}

#[cfg(test)]
mod tests {
    use super::super::tests::parse_error;

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
}
