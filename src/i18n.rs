//! Interface strings per language: the theme's string tables with fallback to
//! the default language, CLDR plural rules, dates with localized month names,
//! and numbers with the language's digit grouping.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

use crate::config::{Config, Language};
use crate::diagnostic::{Diagnostic, SourceFile};

/// The interface strings of one language, already merged with the fallback.
pub struct Strings {
    pub lang: String,
    pub table: toml::Table,
    locale: chrono::Locale,
    plurals: PluralRules,
    /// Keys this language lacked and took from the default language.
    pub missing: Vec<String>,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl Strings {
    /// Builds the table of `language` from its own file and the default language's.
    pub fn new(language: &Language, own: Option<toml::Table>, fallback: &toml::Table) -> Strings {
        let mut table = own.unwrap_or_default();
        let mut missing = Vec::new();
        merge_missing(&mut table, fallback, "", &mut missing);
        Strings {
            lang: language.code.clone(),
            table,
            locale: language.locale,
            plurals: plural_rules(&language.code),
            missing,
        }
    }

    /// A copy that can only pick plural forms, for template functions.
    pub fn plural_only(&self) -> Strings {
        Strings {
            lang: self.lang.clone(),
            table: toml::Table::new(),
            locale: self.locale,
            plurals: plural_rules(&self.lang),
            missing: Vec::new(),
        }
    }

    /// A string by dotted key ("employment.permanent"); the key itself if absent.
    pub fn get(&self, key: &str) -> String {
        match lookup(&self.table, key) {
            Some(toml::Value::String(s)) => s.clone(),
            _ => key.to_string(),
        }
    }

    /// A string with `{name}` placeholders filled.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(&self.get(key), args)
    }

    /// The plural form of `key` for `n`, with `{n}` filled.
    pub fn plural(&self, key: &str, n: i64) -> String {
        match lookup(&self.table, key) {
            Some(toml::Value::Table(forms)) => self.pick(forms, n),
            Some(toml::Value::String(s)) => fill(s, &[("n", &n.to_string())]),
            _ => key.to_string(),
        }
    }

    /// Picks the form of a plural table for `n`.
    pub fn pick(&self, forms: &toml::Table, n: i64) -> String {
        let category = self.category(n);
        let form = forms
            .get(category)
            .or_else(|| forms.get("other"))
            .and_then(toml::Value::as_str)
            .unwrap_or("");
        fill(form, &[("n", &n.to_string())])
    }

    /// The CLDR plural category of `n` in this language ("one", "few", "other").
    pub fn category(&self, n: i64) -> &'static str {
        match self.plurals.select(n) {
            Ok(PluralCategory::ZERO) => "zero",
            Ok(PluralCategory::ONE) => "one",
            Ok(PluralCategory::TWO) => "two",
            Ok(PluralCategory::FEW) => "few",
            Ok(PluralCategory::MANY) => "many",
            _ => "other",
        }
    }

    /// A date written the way the language writes dates.
    pub fn date(&self, date: NaiveDate) -> String {
        let format = self.get("date_format");
        let format = if format == "date_format" {
            "%Y-%m-%d".to_string()
        } else {
            format
        };
        format_date(date, &format, self.locale)
            .unwrap_or_else(|| date.format("%Y-%m-%d").to_string())
    }

    /// A whole number with the language's thousands separator.
    pub fn number(&self, n: f64) -> String {
        let sep = match lookup(&self.table, "thousands_separator") {
            Some(toml::Value::String(s)) => s.clone(),
            _ => ",".into(),
        };
        group_digits(n.round() as i64, &sep)
    }
}

fn plural_rules(code: &str) -> PluralRules {
    let wanted: LanguageIdentifier = code.parse().unwrap_or_default();
    let primary: LanguageIdentifier = wanted.language.as_str().parse().unwrap_or_default();
    [
        wanted,
        primary,
        "en".parse().expect("en is a valid language id"),
    ]
    .into_iter()
    .find_map(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok())
    .expect("English plural rules exist")
}

fn lookup<'a>(table: &'a toml::Table, key: &str) -> Option<&'a toml::Value> {
    let mut parts = key.split('.');
    let mut value = table.get(parts.next()?)?;
    for part in parts {
        value = value.as_table()?.get(part)?;
    }
    Some(value)
}

/// Copies into `table` every key of `fallback` it lacks, noting which.
fn merge_missing(
    table: &mut toml::Table,
    fallback: &toml::Table,
    prefix: &str,
    missing: &mut Vec<String>,
) {
    for (key, value) in fallback {
        let path = format!("{prefix}{key}");
        match (table.get_mut(key), value) {
            (None, _) => {
                missing.push(path);
                table.insert(key.clone(), value.clone());
            }
            (Some(toml::Value::Table(own)), toml::Value::Table(fb)) if !is_plural_table(fb) => {
                merge_missing(own, fb, &format!("{path}."), missing);
            }
            _ => {}
        }
    }
}

/// Plural tables have CLDR categories as keys; languages have different sets.
fn is_plural_table(table: &toml::Table) -> bool {
    table.contains_key("other")
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

fn group_digits(n: i64, sep: &str) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// `date` written with a strftime-style `format`, or `None` when the format
/// cannot write a date (an unknown `%` code, or a time of day).
fn format_date(date: NaiveDate, format: &str, locale: chrono::Locale) -> Option<String> {
    use std::fmt::Write;
    let mut out = String::new();
    write!(out, "{}", date.format_localized(format, locale)).ok()?;
    Some(out)
}

/// A `date_format` that cannot write a date, as an error at its line.
fn check_date_format(file: &SourceFile, table: &toml::Table) -> Option<Diagnostic> {
    let format = table.get("date_format")?.as_str()?;
    let sample = NaiveDate::from_ymd_opt(2026, 12, 24)?;
    if format_date(sample, format, chrono::Locale::POSIX).is_some() {
        return None;
    }
    let start = file.text.find("date_format").unwrap_or(0);
    let end = file.text[start..]
        .find('\n')
        .map_or(file.text.len(), |i| start + i);
    Some(
        Diagnostic::error(format!("`date_format` \"{format}\" cannot write a date"))
            .field("date_format")
            .at(file, start..end, "this format")
            .help("use the date codes of strftime only, e.g. date_format = \"%-d %B %Y\" (%d day, %B month name, %Y year); a date has no time of day"),
    )
}

/// The string tables of every language of the site, from the theme's `i18n/`
/// files (overridden by the site's).
pub fn load(
    config: &Config,
    files: &BTreeMap<String, SourceFile>,
) -> Result<Vec<Strings>, Vec<Diagnostic>> {
    let mut tables = BTreeMap::new();
    let mut errors = Vec::new();
    for (lang, file) in files {
        match toml::from_str::<toml::Table>(&file.text) {
            Ok(t) => {
                errors.extend(check_date_format(file, &t));
                tables.insert(lang.clone(), t);
            }
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                errors.push(
                    Diagnostic::error(format!(
                        "the string table is not valid TOML: {}",
                        e.message()
                    ))
                    .at(file, span, "here")
                    .help("check the quotes and the `key = \"text\"` lines"),
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let fallback = tables
        .get(&config.default_language)
        .or_else(|| tables.get("en"))
        .cloned()
        .unwrap_or_default();
    let fallback = match tables.get("en") {
        Some(en) if config.default_language != "en" => {
            let mut fb = fallback;
            merge_missing(&mut fb, en, "", &mut Vec::new());
            fb
        }
        _ => fallback,
    };
    Ok(config
        .languages
        .iter()
        .map(|l| Strings::new(l, tables.get(&l.code).cloned(), &fallback))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Dir;

    fn strings(code: &str, locale: &str, text: &str) -> Strings {
        let language = Language {
            code: code.into(),
            name: code.into(),
            dir: Dir::Ltr,
            locale: chrono::Locale::try_from(locale).unwrap(),
        };
        Strings::new(
            &language,
            Some(toml::from_str(text).unwrap()),
            &toml::Table::new(),
        )
    }

    #[test]
    fn plural_forms_follow_cldr_rules() {
        let sv = strings(
            "sv",
            "sv_SE",
            "[days_left]\none = \"{n} dag kvar\"\nother = \"{n} dagar kvar\"",
        );
        assert_eq!(sv.plural("days_left", 1), "1 dag kvar");
        assert_eq!(sv.plural("days_left", 3), "3 dagar kvar");
        let ar = strings(
            "ar",
            "ar_SA",
            "[d]\nzero=\"z\"\none=\"o\"\ntwo=\"t\"\nfew=\"f {n}\"\nmany=\"m {n}\"\nother=\"x {n}\"",
        );
        assert_eq!(ar.plural("d", 2), "t");
        assert_eq!(ar.plural("d", 5), "f 5");
        assert_eq!(ar.plural("d", 11), "m 11");
    }

    #[test]
    fn dates_use_the_languages_month_names() {
        let sv = strings("sv", "sv_SE", "date_format = \"%-d %B %Y\"");
        let d = NaiveDate::from_ymd_opt(2025, 11, 27).unwrap();
        assert_eq!(sv.date(d), "27 november 2025");
        let en = strings("en", "en_GB", "date_format = \"%-d %B %Y\"");
        assert_eq!(en.date(d), "27 November 2025");
    }

    #[test]
    fn numbers_are_grouped() {
        let sv = strings("sv", "sv_SE", "thousands_separator = \"\u{a0}\"");
        assert_eq!(sv.number(38000.0), "38\u{a0}000");
        assert_eq!(sv.number(1234567.0), "1\u{a0}234\u{a0}567");
        assert_eq!(sv.number(950.0), "950");
    }

    #[test]
    fn missing_keys_fall_back_and_are_recorded() {
        let language = Language {
            code: "en".into(),
            name: "English".into(),
            dir: Dir::Ltr,
            locale: chrono::Locale::en_GB,
        };
        let fallback: toml::Table =
            toml::from_str("apply = \"Sök\"\n[fact]\nsalary = \"Lön\"").unwrap();
        let own: toml::Table = toml::from_str("[fact]\nhours = \"Hours\"").unwrap();
        let s = Strings::new(&language, Some(own), &fallback);
        assert_eq!(s.get("apply"), "Sök");
        assert_eq!(s.get("fact.salary"), "Lön");
        assert_eq!(
            s.missing,
            vec!["apply".to_string(), "fact.salary".to_string()]
        );
    }
}
