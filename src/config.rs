//! `vacancy.toml`: read with positions, validated into a `Config` that the rest
//! of the pipeline can trust (known languages, a real time zone, an absolute base URL).

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::Serialize;
use toml::de::DeValue;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::fields::{Fields, Sp};

pub const CONFIG_FILE: &str = "vacancy.toml";

const KNOWN: &[&str] = &[
    "base_url",
    "default_language",
    "time_zone",
    "country",
    "page_size",
    "title",
    "description",
    "languages",
    "organization",
    "categories",
    "locations",
    "accessibility",
];

/// Reading direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    Ltr,
    Rtl,
}

#[derive(Debug, Clone)]
pub struct Language {
    pub code: String,
    /// The language's name in itself ("Svenska").
    pub name: String,
    pub dir: Dir,
    /// Locale used for month and day names.
    pub locale: chrono::Locale,
}

/// A text given once for all languages or once per language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized {
    pub all: Option<String>,
    pub per_lang: BTreeMap<String, String>,
}

impl Localized {
    pub fn one(text: impl Into<String>) -> Self {
        Localized {
            all: Some(text.into()),
            per_lang: BTreeMap::new(),
        }
    }

    /// The text in `lang`, else the text for all languages, else in `fallback`.
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> &'a str {
        self.per_lang
            .get(lang)
            .or(self.all.as_ref())
            .or_else(|| self.per_lang.get(fallback))
            .or_else(|| self.per_lang.values().next())
            .map_or("", String::as_str)
    }
}

#[derive(Debug, Clone)]
pub struct Organization {
    pub name: Localized,
    pub url: Option<String>,
    /// A path under `static/` or an absolute `https:` URL.
    pub logo: Option<String>,
    /// Where `logo` is written in vacancy.toml, for errors found later.
    pub logo_span: std::ops::Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Category {
    pub key: String,
    pub label: Localized,
}

/// What the accessibility statement says: how the board meets the standard,
/// how to report a problem, and where to complain.
#[derive(Debug, Clone)]
pub struct Accessibility {
    /// When the statement was last reviewed.
    pub date: chrono::NaiveDate,
    /// The standard the board meets, e.g. "WCAG 2.2 AA".
    pub standard: String,
    pub email: String,
    pub phone: Option<String>,
    /// The supervising authority people can complain to.
    pub supervisor: Localized,
    pub supervisor_url: String,
    /// Parts known not to meet the standard, if any.
    pub known_issues: Option<Localized>,
}

#[derive(Debug, Clone, Default)]
pub struct LocationInfo {
    pub region: Option<String>,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Absolute, ends with `/`.
    pub base_url: String,
    /// The path part of `base_url`, starts and ends with `/`.
    pub base_path: String,
    pub languages: Vec<Language>,
    pub default_language: String,
    pub title: Localized,
    pub description: Option<Localized>,
    pub organization: Organization,
    pub time_zone: chrono_tz::Tz,
    pub country: String,
    pub categories: Vec<Category>,
    pub locations: BTreeMap<String, LocationInfo>,
    /// The accessibility statement, when the site fills it in.
    pub accessibility: Option<Accessibility>,
    pub page_size: usize,
}

impl Config {
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn category(&self, key: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.key == key)
    }

    pub fn language_codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
    }

    /// A root-relative URL for a path inside the site ("sv/jobs/x/" -> "/jobs/sv/jobs/x/").
    pub fn path(&self, rel: &str) -> String {
        format!("{}{}", self.base_path, rel.trim_start_matches('/'))
    }

    /// An absolute URL for a path inside the site.
    pub fn permalink(&self, rel: &str) -> String {
        format!("{}{}", self.base_url, rel.trim_start_matches('/'))
    }

    /// Replaces the base URL, e.g. with the local address when serving.
    pub fn set_base_url(&mut self, base_url: &str) -> Result<(), String> {
        let (base_url, base_path) = normalize_base_url(base_url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    /// Reads `vacancy.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        if let Err(e) = std::fs::metadata(&path) {
            let help = if e.kind() == std::io::ErrorKind::NotFound {
                "run `vacancy init <dir>` to create a site, or pass `--root <dir>` to point at one"
            } else {
                "check that the file is readable"
            };
            return Err(vec![
                Diagnostic::error(format!("cannot read {CONFIG_FILE}: {e}"))
                    .in_file(CONFIG_FILE)
                    .help(help),
            ]);
        }
        let file = crate::files::read_text(root, Path::new(CONFIG_FILE)).map_err(|d| vec![d])?;
        Config::parse(&file)
    }

    /// Reads `vacancy.toml` in `root` and checks the files it names exist
    /// among `static_files` (the theme's and the site's).
    pub fn load_checked(
        root: &Path,
        static_files: &BTreeMap<String, std::sync::Arc<[u8]>>,
    ) -> Result<Config, Vec<Diagnostic>> {
        let config = Config::load(root)?;
        let file = crate::files::read_text(root, Path::new(CONFIG_FILE)).map_err(|d| vec![d])?;
        let missing = config.missing_images(&file, |p| static_files.contains_key(p));
        if missing.is_empty() {
            Ok(config)
        } else {
            Err(missing)
        }
    }

    pub fn parse(file: &SourceFile) -> Result<Config, Vec<Diagnostic>> {
        let text = file.text.clone();
        let mut f = Fields::parse(file, &text, 0, 0..0).map_err(|d| vec![d])?;
        let config = read_config(&mut f);
        let diagnostics = f.finish(KNOWN);
        match config {
            Some(config) if diagnostics.is_empty() => Ok(config),
            _ => Err(diagnostics),
        }
    }
}

fn read_config(f: &mut Fields<'_>) -> Option<Config> {
    let base_url = f.text("base_url", "base_url = \"https://jobs.example.org/\"");
    let base = base_url.and_then(|u| match normalize_base_url(u.get_ref()) {
        Ok(b) => Some(b),
        Err(why) => {
            f.error_at_abs(
                "base_url",
                u.span(),
                why,
                "write an absolute URL such as \"https://jobs.example.org/\"",
            );
            None
        }
    });
    if f.file().text.is_empty() {
        f.missing("base_url", "base_url = \"https://jobs.example.org/\"");
    }
    let before = f.diagnostics.len();
    let languages = read_languages(f);
    // With a broken [[languages]] table, texts per language cannot be checked
    // against the codes: each would repeat that one mistake.
    let codes: Vec<String> = if f.diagnostics.len() == before {
        languages.iter().map(|l| l.code.clone()).collect()
    } else {
        Vec::new()
    };
    let default_language = read_default_language(f, &codes);
    let title = read_localized(f, "title", &codes, true);
    let description = read_localized(f, "description", &codes, false);
    let organization = read_organization(f, &codes);
    let time_zone = read_time_zone(f);
    let country = read_country(f);
    let page_size = f
        .integer("page_size", 1..1001, "page_size = 20")
        .map_or(20, |n| n.into_inner() as usize);
    let categories = read_categories(f, &codes);
    let locations = read_locations(f);
    let accessibility = read_accessibility(f, &codes);
    let (base_url, base_path) = base?;
    if languages.is_empty() {
        return None;
    }
    Some(Config {
        base_url,
        base_path,
        default_language: default_language?,
        languages,
        title: title?,
        description,
        organization: organization?,
        time_zone: time_zone?,
        country,
        categories,
        locations,
        accessibility,
        page_size,
    })
}

/// Checks a base URL and splits off its path; both parts end with `/`.
pub fn normalize_base_url(raw: &str) -> Result<(String, String), String> {
    let url = url::Url::parse(raw).map_err(|e| format!("`base_url` is not a valid URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err("`base_url` must be an absolute http(s) URL".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("`base_url` must not have a query (?) or fragment (#)".into());
    }
    let mut base = url.to_string();
    if !base.ends_with('/') {
        base.push('/');
    }
    let mut path = url.path().to_string();
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok((base, path))
}

fn read_languages(f: &mut Fields<'_>) -> Vec<Language> {
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
            && languages.iter().any(|l| &l.code == code.get_ref())
        {
            t.error_at_abs(
                "code",
                code.span(),
                format!("the language \"{}\" is listed twice", code.get_ref()),
                "remove one of the two [[languages]] tables",
            );
        }
        let locale = resolve_locale(&mut t, code.as_ref(), locale);
        f.absorb(t, &["code", "name", "dir", "locale"]);
        if let (Some(code), Some(name), Some(locale)) = (code, name, locale) {
            languages.push(Language {
                code: code.into_inner(),
                name: name.into_inner(),
                dir: match dir.map(Sp::into_inner) {
                    Some("rtl") => Dir::Rtl,
                    _ => Dir::Ltr,
                },
                locale,
            });
        }
    }
    languages
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

fn read_default_language(f: &mut Fields<'_>, codes: &[String]) -> Option<String> {
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
        DeValue::Table(table) => {
            let mut out = Localized::default();
            for (lang, text) in table.iter() {
                let span = f.abs(lang.span());
                if !codes.is_empty() && !codes.iter().any(|c| c == lang.get_ref().as_ref()) {
                    f.error_at_abs(
                        key,
                        span,
                        format!("`{key}` has a text for \"{}\", which is not one of the site's languages", lang.get_ref()),
                        format!("the languages are: {}", codes.join(", ")),
                    );
                    continue;
                }
                match text.get_ref() {
                    DeValue::String(s) => {
                        let field = format!("{key}.{}", lang.get_ref());
                        match crate::fields::check_controls(&field, s) {
                            Ok(()) => {
                                out.per_lang
                                    .insert(lang.get_ref().to_string(), s.to_string());
                            }
                            Err(why) => {
                                f.error_at(key, text.span(), why, crate::fields::CONTROL_HELP)
                            }
                        }
                    }
                    _ => f.error_at(
                        key,
                        text.span(),
                        format!("`{key}.{}` must be text in quotes", lang.get_ref()),
                        example.clone(),
                    ),
                }
            }
            Some(out)
        }
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

fn read_organization(f: &mut Fields<'_>, codes: &[String]) -> Option<Organization> {
    let example = "[organization]\nname = \"Example Agency\"\nurl = \"https://www.example.org/\"";
    let Some(mut t) = f.table("organization", example) else {
        f.missing("organization", example);
        return None;
    };
    let name = read_localized(&mut t, "name", codes, true);
    let url = t.text("url", "url = \"https://www.example.org/\"");
    if let Some(u) = &url
        && let Err(why) = crate::address::check_web_url(u.get_ref())
    {
        t.error_at_abs(
            "url",
            u.span(),
            why,
            "write an absolute URL such as \"https://www.example.org/\"",
        );
    }
    let logo = t.text("logo", "logo = \"assets/logo.svg\"");
    let logo_span = logo.as_ref().map_or(0..0, Sp::span);
    let logo = logo.filter(|l| match check_image_path(l.get_ref()) {
        Ok(()) => true,
        Err(why) => {
            t.error_at_abs("logo", l.span(), why, IMAGE_HELP);
            false
        }
    });
    f.absorb(t, &["name", "url", "logo"]);
    Some(Organization {
        name: name?,
        url: url.map(Sp::into_inner),
        logo: logo.map(Sp::into_inner),
        logo_span,
    })
}

/// How an image is given in vacancy.toml.
const IMAGE_HELP: &str = "give a file under static/, e.g. logo = \"assets/logo.svg\" for \
     static/assets/logo.svg, or an address starting with https://";

/// An image is a path inside `static/` (no `..`, not absolute) or an absolute
/// `https:` address; whether the file exists is checked with the theme.
pub fn check_image_path(path: &str) -> Result<(), String> {
    if path.contains("://") || path.contains(':') {
        return match url::Url::parse(path) {
            Ok(u) if u.scheme() == "https" && u.host().is_some() => Ok(()),
            _ => Err(format!(
                "\"{path}\" is neither a file under static/ nor an https:// address"
            )),
        };
    }
    let inside = !path.starts_with('/')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    if inside {
        Ok(())
    } else {
        Err(format!(
            "\"{path}\" leads outside static/: an image path is relative to static/ and \
             cannot start with / or contain .."
        ))
    }
}

impl Config {
    /// The images vacancy.toml names under `static/` that `exists` does not
    /// know (the site's and the theme's static files).
    pub fn missing_images(
        &self,
        file: &SourceFile,
        exists: impl Fn(&str) -> bool,
    ) -> Vec<Diagnostic> {
        let org = &self.organization;
        match &org.logo {
            Some(logo) if !logo.starts_with("https://") && !exists(logo) => vec![
                Diagnostic::error(format!("the logo \"{logo}\" is not a file under static/"))
                    .field("organization.logo")
                    .at(file, org.logo_span.clone(), "no such file")
                    .help(format!(
                        "put the image at static/{logo}, or correct the path"
                    )),
            ],
            _ => Vec::new(),
        }
    }
}

fn read_time_zone(f: &mut Fields<'_>) -> Option<chrono_tz::Tz> {
    let Some(tz) = f.text("time_zone", "time_zone = \"Europe/Stockholm\"") else {
        return Some(chrono_tz::UTC);
    };
    match tz.get_ref().parse::<chrono_tz::Tz>() {
        Ok(zone) => Some(zone),
        Err(_) => {
            let names = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name());
            let help = match crate::diagnostic::did_you_mean(tz.get_ref(), names) {
                Some(close) => format!("did you mean \"{close}\"?"),
                None => "use an IANA time zone name such as \"Europe/Stockholm\"".into(),
            };
            f.error_at_abs(
                "time_zone",
                tz.span(),
                format!("\"{}\" is not a known time zone", tz.get_ref()),
                help,
            );
            None
        }
    }
}

fn read_country(f: &mut Fields<'_>) -> String {
    let Some(c) = f.text("country", "country = \"SE\"") else {
        return String::new();
    };
    let code = c.get_ref().trim().to_ascii_uppercase();
    if code.len() != 2 || !code.chars().all(|ch| ch.is_ascii_alphabetic()) {
        f.error_at_abs(
            "country",
            c.span(),
            format!("\"{}\" is not a two-letter country code", c.get_ref()),
            "write an ISO 3166-1 code such as \"SE\"",
        );
        return String::new();
    }
    code
}

fn read_categories(f: &mut Fields<'_>, codes: &[String]) -> Vec<Category> {
    let example = "[categories]\nit = { sv = \"IT\", en = \"IT\" }";
    let Some(mut t) = f.table("categories", example) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in t.remaining_keys() {
        if !is_slug(key.get_ref()) {
            t.error_at_abs(
                key.get_ref(),
                key.span(),
                format!(
                    "the category key \"{}\" is not usable in a URL",
                    key.get_ref()
                ),
                "use lowercase letters, digits and hyphens, e.g. \"case-handling\"",
            );
        }
        if let Some(label) = read_localized(&mut t, key.get_ref(), codes, true) {
            out.push(Category {
                key: key.into_inner(),
                label,
            });
        }
    }
    f.absorb(t, &[]);
    out
}

fn read_locations(f: &mut Fields<'_>) -> BTreeMap<String, LocationInfo> {
    let Some(mut t) = f.table(
        "locations",
        "[locations]\n\"Norrköping\" = { region = \"Östergötlands län\" }",
    ) else {
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for key in t.remaining_keys() {
        if let Err(why) = crate::fields::check_controls("locations", key.get_ref()) {
            t.error_at_abs(key.get_ref(), key.span(), why, crate::fields::CONTROL_HELP);
            continue;
        }
        if let Some(mut place) = t.table(
            key.get_ref(),
            "\"Norrköping\" = { region = \"Östergötlands län\" }",
        ) {
            let region = place
                .text("region", "region = \"Östergötlands län\"")
                .map(Sp::into_inner);
            t.absorb(place, &["region"]);
            out.insert(key.into_inner(), LocationInfo { region });
        }
    }
    f.absorb(t, &[]);
    out
}

fn read_accessibility(f: &mut Fields<'_>, codes: &[String]) -> Option<Accessibility> {
    let example = "[accessibility]\ndate = 2026-11-01\nemail = \"access@example.org\"\n\
                   supervisor = \"Agency for Digital Government\"\nsupervisor_url = \"https://www.digg.se/\"";
    let mut t = f.table("accessibility", example)?;
    let date = t
        .date_or_word("date", false, &[], "date = 2026-11-01")
        .and_then(|d| match d.into_inner() {
            Ok(crate::fields::DateOrTime::Date(d)) => Some(d),
            _ => None,
        });
    let standard = t
        .text("standard", "standard = \"WCAG 2.2 AA\"")
        .map(Sp::into_inner);
    let email = t.text("email", "email = \"access@example.org\"");
    if let Some(e) = &email
        && let Err(why) = crate::address::check_email(e.get_ref())
    {
        t.error_at_abs(
            "email",
            e.span(),
            why,
            "write an address such as \"access@example.org\"",
        );
    }
    let phone = t
        .text("phone", "phone = \"010-123 45 67\"")
        .map(Sp::into_inner);
    let supervisor = read_localized(&mut t, "supervisor", codes, true);
    let supervisor_url = t.text(
        "supervisor_url",
        "supervisor_url = \"https://www.digg.se/\"",
    );
    if let Some(u) = &supervisor_url
        && let Err(why) = crate::address::check_web_url(u.get_ref())
    {
        t.error_at_abs(
            "supervisor_url",
            u.span(),
            why,
            "write an absolute https:// address",
        );
    }
    let known_issues = read_localized(&mut t, "known_issues", codes, false);
    for (key, value) in [
        ("date", date.is_some()),
        ("email", email.is_some()),
        ("supervisor_url", supervisor_url.is_some()),
    ] {
        if !value
            && !t
                .diagnostics
                .iter()
                .any(|d| d.field.as_deref() == Some(&format!("accessibility.{key}")))
        {
            t.missing(key, &format!("{key} = ..."));
        }
    }
    let ok = t.diagnostics.is_empty();
    f.absorb(
        t,
        &[
            "date",
            "standard",
            "email",
            "phone",
            "supervisor",
            "supervisor_url",
            "known_issues",
        ],
    );
    if !ok {
        return None;
    }
    Some(Accessibility {
        date: date?,
        standard: standard.unwrap_or_else(|| "WCAG 2.2 AA".to_string()),
        email: email?.into_inner(),
        phone,
        supervisor: supervisor?,
        supervisor_url: supervisor_url?.into_inner(),
        known_issues,
    })
}

/// Lowercase ASCII letters, digits and single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The span of a whole file, for problems without a better place.
pub fn whole(file: &SourceFile) -> Range<usize> {
    0..file.text.lines().next().map_or(0, str::len)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
base_url = "https://example.se/jobs"
default_language = "sv"
time_zone = "Europe/Stockholm"
title = { sv = "Jobb", en = "Jobs" }
[[languages]]
code = "sv"
name = "Svenska"
[[languages]]
code = "en"
name = "English"
[organization]
name = "Myndigheten"
"#;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(&SourceFile::new(CONFIG_FILE, text))
    }

    #[test]
    fn base_url_with_sub_path_keeps_the_path() {
        let c = parse(MINIMAL).unwrap();
        assert_eq!(c.base_url, "https://example.se/jobs/");
        assert_eq!(c.base_path, "/jobs/");
        assert_eq!(c.path("sv/"), "/jobs/sv/");
        assert_eq!(c.permalink("sv/"), "https://example.se/jobs/sv/");
    }

    #[test]
    fn unknown_time_zone_suggests_the_closest() {
        let text = MINIMAL.replace("Europe/Stockholm", "Europe/Stokholm");
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0]
                .render()
                .contains("did you mean \"Europe/Stockholm\"")
        );
    }

    #[test]
    fn a_site_without_languages_is_told_so_and_nothing_else() {
        let text = MINIMAL.split("[[languages]]").next().unwrap().to_string()
            + "languages = []\n[organization]\nname = \"Myndigheten\"\n";
        let errors = parse(&text).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["the site has no languages"]);
        assert_eq!(errors[0].line_column(), Some((6, 13)));
    }

    #[test]
    fn languages_of_the_wrong_type_are_not_also_missing() {
        let text = MINIMAL.split("[[languages]]").next().unwrap().to_string()
            + "languages = \"sv\"\n[organization]\nname = \"Myndigheten\"\n";
        let errors = parse(&text).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["`languages` must be a list of tables, but it is text"]
        );
    }

    #[test]
    fn a_bad_language_code_is_not_repeated_for_every_text_in_that_language() {
        let errors = parse(&MINIMAL.replace("code = \"en\"", "code = \"English\"")).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["\"English\" is not a language code"]);
    }

    #[test]
    fn default_language_must_be_listed() {
        let errors =
            parse(&MINIMAL.replace("default_language = \"sv\"", "default_language = \"fi\""))
                .unwrap_err();
        assert!(
            errors[0]
                .message
                .contains("\"fi\" is not one of the site's languages")
        );
    }
}
