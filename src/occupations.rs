//! The occupation code lists a posting's `occupation` is checked against and
//! labelled from: ISCO-08 (the ILO's, English titles) and SSYK 2012
//! (Statistics Sweden's, Swedish and English titles), as published, shipped
//! in `themes/default/data/`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A classification: its name and the titles of its unit groups by language.
pub struct CodeList {
    /// The list's name as written in structured data ("ISCO-08").
    pub name: &'static str,
    /// The key in front matter (`isco`).
    pub key: &'static str,
    titles: BTreeMap<String, BTreeMap<String, String>>,
}

impl CodeList {
    fn parse(name: &'static str, key: &'static str, text: &str) -> CodeList {
        let titles = toml::from_str(text).expect("the shipped code list is valid TOML");
        CodeList { name, key, titles }
    }

    /// Every unit group's code, in order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.titles.keys().map(String::as_str)
    }

    pub fn contains(&self, code: &str) -> bool {
        self.titles.contains_key(code)
    }

    /// The title of `code` in `lang`, else in English, with the language it is in.
    pub fn title<'a>(&'a self, code: &str, lang: &str) -> Option<(&'a str, &'a str)> {
        let titles = self.titles.get(code)?;
        titles
            .get_key_value(lang)
            .or_else(|| titles.get_key_value("en"))
            .map(|(l, t)| (t.as_str(), l.as_str()))
    }

    /// The codes that share the first three digits of `code`, with their
    /// English titles: what an editor most likely meant.
    pub fn near(&self, code: &str) -> Vec<(&str, &str)> {
        let prefix: String = code.chars().take(3).collect();
        self.titles
            .range(prefix.clone()..)
            .take_while(|(c, _)| c.starts_with(&prefix))
            .filter_map(|(c, t)| Some((c.as_str(), t.get("en")?.as_str())))
            .collect()
    }
}

pub static ISCO08: LazyLock<CodeList> = LazyLock::new(|| {
    CodeList::parse(
        "ISCO-08",
        "isco",
        include_str!("../themes/default/data/isco08.toml"),
    )
});

pub static SSYK2012: LazyLock<CodeList> = LazyLock::new(|| {
    CodeList::parse(
        "SSYK 2012",
        "ssyk",
        include_str!("../themes/default/data/ssyk2012.toml"),
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_hold_every_unit_group_with_its_titles() {
        assert_eq!(ISCO08.titles.len(), 436);
        assert_eq!(SSYK2012.titles.len(), 429);
        assert_eq!(
            SSYK2012.title("2423", "sv"),
            Some(("Personal- och HR-specialister", "sv"))
        );
        assert_eq!(
            ISCO08.title("2423", "sv"),
            Some(("Personnel and Careers Professionals", "en"))
        );
        assert!(!ISCO08.contains("2429"));
        let near: Vec<&str> = ISCO08.near("2429").into_iter().map(|(c, _)| c).collect();
        assert_eq!(near, ["2421", "2422", "2423", "2424"]);
    }
}
