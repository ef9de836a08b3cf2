//! The `[[languages]]` of vacancy.toml, the default language, and texts
//! given once or per language.

use super::*;

pub(super) fn read_languages(f: &mut Fields<'_>) -> Vec<Language> {
    let example = "[[languages]]\ncode = \"sv\"\nname = \"Svenska\"";
    let given = f.peek_span("languages");
    let Some(tables) = f.tables("languages", example) else {
        if given.is_none() {
            f.missing("languages", example);
        }
        return Vec::new();
    };
    if tables.is_empty() {
        f.error_at_abs(
            "languages",
            given.unwrap_or(0..0),
            "the site has no languages".into(),
            format!("add a [[languages]] table for each language, e.g.\n{example}"),
        );
    }
    let mut languages: Vec<Language> = Vec::new();
    for mut t in tables {
        let language = read_language(&mut t, &languages);
        f.absorb(t, &["code", "name", "dir", "locale"]);
        languages.extend(language);
    }
    languages
}

/// One `[[languages]]` table; `known` are the languages read before it.
fn read_language(t: &mut Fields<'_>, known: &[Language]) -> Option<Language> {
    let code = t.text("code", "code = \"sv\"");
    let name = t.text("name", "name = \"Svenska\"");
    let dir = t.choice("dir", &["ltr", "rtl"]);
    let locale = t.text("locale", "locale = \"sv_SE\"");
    if code.is_none() {
        t.missing("code", "code = \"sv\"");
    }
    if name.is_none() {
        t.missing("name", "name = \"Svenska\"");
    }
    if let Some(code) = &code
        && !is_language_code(code.get_ref())
    {
        t.error_at_abs(
            "code",
            code.span(),
            format!("\"{}\" is not a language code", code.get_ref()),
            "use a BCP 47 code such as \"sv\", \"en\", \"ar\" or \"pt-BR\"",
        );
    }
    if let Some(code) = &code
        && known.iter().any(|l| &l.code == code.get_ref())
    {
        t.error_at_abs(
            "code",
            code.span(),
            format!("the language \"{}\" is listed twice", code.get_ref()),
            "remove one of the two [[languages]] tables",
        );
    }
    let locale = resolve_locale(t, code.as_ref(), locale);
    Some(Language {
        code: code?.into_inner(),
        name: name?.into_inner(),
        dir: match dir.map(Sp::into_inner) {
            Some("rtl") => Dir::Rtl,
            _ => Dir::Ltr,
        },
        locale: locale?,
    })
}

fn resolve_locale(
    t: &mut Fields<'_>,
    code: Option<&Sp<String>>,
    locale: Option<Sp<String>>,
) -> Option<chrono::Locale> {
    match locale {
        Some(l) => match chrono::Locale::try_from(l.get_ref().replace('-', "_").as_str()) {
            Ok(locale) => Some(locale),
            Err(_) => {
                t.error_at_abs(
                    "locale",
                    l.span(),
                    format!("\"{}\" is not a known locale", l.get_ref()),
                    "write a POSIX locale such as \"sv_SE\", \"en_GB\" or \"ar_SA\"",
                );
                None
            }
        },
        None => {
            let code = code?.get_ref();
            let guess = default_locale(code);
            Some(chrono::Locale::try_from(guess.as_str()).unwrap_or(chrono::Locale::POSIX))
        }
    }
}

/// A locale for month names when the site names none: "sv" -> "sv_SE".
fn default_locale(code: &str) -> String {
    let code = code.replace('-', "_");
    if chrono::Locale::try_from(code.as_str()).is_ok() {
        return code;
    }
    let region = match code.as_str() {
        "en" => "GB",
        "ar" => "SA",
        "fa" => "IR",
        "he" => "IL",
        "uk" => "UA",
        "da" => "DK",
        "sv" => "SE",
        "nb" | "nn" | "no" => "NO",
        other => return format!("{other}_{}", other.to_uppercase()),
    };
    format!("{code}_{region}")
}

fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

pub(super) fn read_default_language(f: &mut Fields<'_>, codes: &[String]) -> Option<String> {
    let Some(d) = f.text("default_language", "default_language = \"sv\"") else {
        if codes.len() == 1 {
            return codes.first().cloned();
        }
        f.missing("default_language", "default_language = \"sv\"");
        return None;
    };
    if codes.contains(d.get_ref()) {
        return Some(d.into_inner());
    }
    if codes.is_empty() {
        return None; // no valid [[languages]]: that is the error to fix first
    }
    let help = format!(
        "the default language must be one of the [[languages]]: {}",
        codes.join(", ")
    );
    f.error_at_abs(
        "default_language",
        d.span(),
        format!("\"{}\" is not one of the site's languages", d.get_ref()),
        help,
    );
    None
}

/// A table of texts, one per language: `{ sv = "...", en = "..." }`.
fn per_language(
    f: &mut Fields<'_>,
    key: &str,
    table: &toml::de::DeTable<'_>,
    codes: &[String],
    example: &str,
) -> Localized {
    let mut out = Localized::default();
    for (lang, text) in table.iter() {
        let span = f.abs(lang.span());
        if !codes.is_empty() && !codes.iter().any(|c| c == lang.get_ref().as_ref()) {
            f.error_at_abs(
                key,
                span,
                format!(
                    "`{key}` has a text for \"{}\", which is not one of the site's languages",
                    lang.get_ref()
                ),
                format!("the languages are: {}", codes.join(", ")),
            );
            continue;
        }
        let DeValue::String(s) = text.get_ref() else {
            let message = format!("`{key}.{}` must be text in quotes", lang.get_ref());
            f.error_at(key, text.span(), message, example);
            continue;
        };
        let field = format!("{key}.{}", lang.get_ref());
        match crate::fields::check_controls(&field, s) {
            Ok(()) => {
                out.per_lang
                    .insert(lang.get_ref().to_string(), s.to_string());
            }
            Err(why) => f.error_at(key, text.span(), why, crate::fields::CONTROL_HELP),
        }
    }
    out
}

/// Reads a text given as one string or as a table keyed by language code.
pub fn read_localized(
    f: &mut Fields<'_>,
    key: &str,
    codes: &[String],
    required: bool,
) -> Option<Localized> {
    let example = format!("{key} = {{ sv = \"...\", en = \"...\" }}");
    let Some((_, value)) = f.take_raw(key) else {
        if required {
            f.missing(key, &example);
        }
        return None;
    };
    match value.get_ref() {
        DeValue::String(s) => match crate::fields::check_controls(key, s) {
            Ok(()) => Some(Localized::one(s.to_string())),
            Err(why) => {
                f.error_at(key, value.span(), why, crate::fields::CONTROL_HELP);
                None
            }
        },
        DeValue::Table(table) => Some(per_language(f, key, table, codes, &example)),
        _ => {
            let span = value.span();
            f.error_at(
                key,
                span,
                format!("`{key}` must be text, or a table with a text per language"),
                format!("write it like this: {example}"),
            );
            None
        }
    }
}
