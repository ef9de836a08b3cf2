//! The names of languages and regions in a page's language, from CLDR
//! (through ICU4X's compiled data): "svenska", "Swedish", "السويدية".
//! A code CLDR has no name for is not a language or region a posting can name.

use std::cell::RefCell;
use std::collections::HashMap;

use icu_experimental::displaynames::{
    DisplayNamesOptions, LanguageDisplayNames, RegionDisplayNames,
};
use icu_locale_core::Locale;
use icu_locale_core::subtags::{Language, Region};

// One formatter per display language and thread, made once (ICU4X's are
// not shared between threads): a few languages, each used for every posting.
thread_local! {
    static LANGUAGES: RefCell<HashMap<String, Option<LanguageDisplayNames>>> =
        RefCell::new(HashMap::new());
    static REGIONS: RefCell<HashMap<String, Option<RegionDisplayNames>>> =
        RefCell::new(HashMap::new());
}

fn options() -> DisplayNamesOptions {
    DisplayNamesOptions::default()
}

/// The name of language `code` (a BCP 47 primary language subtag such as
/// "sv") written in `display` ("en" gives "Swedish").
pub fn language(code: &str, display: &str) -> Option<String> {
    let language: Language = code.parse().ok()?;
    LANGUAGES.with_borrow_mut(|map| {
        let names = map.entry(display.to_string()).or_insert_with(|| {
            let locale: Locale = display.parse().ok()?;
            LanguageDisplayNames::try_new(locale.into(), options()).ok()
        });
        names.as_ref()?.of(language).map(str::to_string)
    })
}

/// The name of region `code` (ISO 3166-1 alpha-2 such as "SE", or a UN M49
/// area such as "150" for Europe) written in `display`.
pub fn region(code: &str, display: &str) -> Option<String> {
    let region: Region = code.parse().ok()?;
    REGIONS.with_borrow_mut(|map| {
        let names = map.entry(display.to_string()).or_insert_with(|| {
            let locale: Locale = display.parse().ok()?;
            RegionDisplayNames::try_new(locale.into(), options()).ok()
        });
        names.as_ref()?.of(region).map(str::to_string)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_in_the_page_language_and_unknown_codes_have_none() {
        assert_eq!(language("sv", "en").as_deref(), Some("Swedish"));
        assert_eq!(language("en", "sv").as_deref(), Some("engelska"));
        assert_eq!(language("sv", "ar").as_deref(), Some("السويدية"));
        assert_eq!(region("NO", "sv").as_deref(), Some("Norge"));
        assert_eq!(region("150", "en").as_deref(), Some("Europe"));
        assert_eq!(language("qq", "en"), None);
        assert_eq!(region("XY", "en"), None);
        assert_eq!(region("sweden", "en"), None);
    }
}
