//! `vacancy.toml`: read with positions, validated into a `Config` that the rest
//! of the pipeline can trust (known languages, a real time zone, an absolute base URL).

mod languages;
mod sections;

pub use languages::read_localized;
use languages::{read_default_language, read_languages};
pub use sections::check_image_path;
use sections::{
    read_accessibility, read_categories, read_country, read_locations, read_organization,
    read_time_zone,
};

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
    "new_days",
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
    /// The picture link previews show (`og:image`), a PNG or JPEG under `static/`.
    pub image: Option<SocialImage>,
}

/// A social image named in vacancy.toml: its path, its text alternative in
/// each language, and (once the file is read) its type and size.
#[derive(Debug, Clone)]
pub struct SocialImage {
    pub path: String,
    pub span: std::ops::Range<usize>,
    pub alt: Localized,
    pub raster: Option<crate::image::Raster>,
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
    /// How many days a posting is marked new on listings after it is
    /// published (`new_days`, 7 unless given; 0: never).
    pub new_days: u32,
    /// Whether the board has the browser CMS (`static/admin/config.yml`,
    /// written by `vacancy cms`): not a setting, found beside it.
    pub browser_form: bool,
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
        Config::parse(&read_file(root)?)
    }

    /// Reads `vacancy.toml` in `root` and checks the files it names exist
    /// among `static_files` (the theme's and the site's).
    pub fn load_checked(
        root: &Path,
        static_files: &BTreeMap<String, std::sync::Arc<[u8]>>,
    ) -> Result<Config, Vec<Diagnostic>> {
        let file = read_file(root)?;
        let mut config = Config::parse(&file)?;
        config.browser_form = static_files.contains_key("admin/config.yml");
        let missing = config.check_images(&file, |p| static_files.get(p).map(|b| &**b));
        if missing.is_empty() {
            Ok(config)
        } else {
            Err(missing)
        }
    }

    pub fn parse(file: &SourceFile) -> Result<Config, Vec<Diagnostic>> {
        let text = file.text.clone();
        let mut f = Fields::parse(file, &text, 0, 0..0);
        let config = read_config(&mut f);
        let diagnostics = f.finish(KNOWN);
        match config {
            Some(config) if diagnostics.is_empty() => Ok(config),
            _ => Err(diagnostics),
        }
    }
}

/// The text of `vacancy.toml` in `root`, with what to do when there is none.
fn read_file(root: &Path) -> Result<SourceFile, Vec<Diagnostic>> {
    if let Err(e) = std::fs::metadata(root.join(CONFIG_FILE)) {
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
    crate::files::read_text(root, Path::new(CONFIG_FILE)).map_err(|d| vec![d])
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
    let new_days = f
        .integer("new_days", 0..61, "new_days = 7")
        .map_or(7, |n| n.into_inner() as u32);
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
        new_days,
        browser_form: false,
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
