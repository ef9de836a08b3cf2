//! The requirements of a posting (openings, occupation, experience,
//! education, languages, driving licence, remote regions) written out in
//! one page's language, with CLDR's names for languages and regions.

use super::*;
use crate::model::{Experience, Facts};
use crate::occupations::{ISCO08, SSYK2012};

/// A fact's text, and the language it is in when that is not the page's
/// (an occupation list without a title in the page's language).
pub struct Written {
    pub text: String,
    pub lang: Option<String>,
}

impl Written {
    fn own(text: String) -> Option<Written> {
        (!text.is_empty()).then_some(Written { text, lang: None })
    }
}

impl LangCtx<'_> {
    /// The text of requirement `field` of a posting in this language, when
    /// the posting gives it.
    pub fn requirement(&self, field: Field, facts: &Facts, t: &Translation) -> Option<Written> {
        let lang = self.lang();
        match field {
            Field::Openings => {
                let n = facts.openings?;
                Written::own(self.strings.plural("openings", i64::from(n)))
            }
            Field::Occupation => {
                let o = facts.occupation.as_ref()?;
                // The national list first, when it has a title in this language.
                let national = o.ssyk.as_deref().and_then(|c| SSYK2012.title(c, lang));
                let international = o.isco.as_deref().and_then(|c| ISCO08.title(c, lang));
                let (title, in_lang) = match (national, international) {
                    (Some(n), _) if n.1 == lang => n,
                    (_, Some(i)) => i,
                    (Some(n), None) => n,
                    (None, None) => return None,
                };
                Some(Written {
                    text: title.to_string(),
                    lang: (in_lang != lang).then(|| in_lang.to_string()),
                })
            }
            Field::Experience => Written::own(match facts.experience? {
                Experience::None => self.strings.get("experience.none"),
                Experience::Desired => self.strings.get("experience.desired"),
                Experience::Months {
                    months,
                    in_years: true,
                } => self
                    .strings
                    .plural("experience.years", i64::from(months / 12)),
                Experience::Months { months, .. } => {
                    self.strings.plural("experience.months", i64::from(months))
                }
            }),
            Field::Education => {
                let level = facts
                    .education
                    .map(|e| self.strings.get(&format!("education.{}", e.key())));
                let text = t.education_text.clone();
                Written::own(match (level, text) {
                    (Some(l), Some(t)) => format!("{l}: {t}"),
                    (Some(l), None) => l,
                    (None, Some(t)) => t,
                    (None, None) => return None,
                })
            }
            Field::Languages => Written::own(
                facts
                    .languages
                    .iter()
                    .map(|l| {
                        let name =
                            crate::names::language(&l.code, lang).unwrap_or_else(|| l.code.clone());
                        match l.level {
                            Some(level) => self.strings.fill(
                                "language_level.with",
                                &[
                                    ("language", &name),
                                    (
                                        "level",
                                        &self
                                            .strings
                                            .get(&format!("language_level.{}", level.key())),
                                    ),
                                ],
                            ),
                            None => name,
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(&self.strings.get("list_separator")),
            ),
            Field::DrivingLicence => Written::own(
                facts
                    .driving_licence
                    .join(&self.strings.get("list_separator")),
            ),
            Field::RemoteRegions => Written::own(
                facts
                    .remote_regions
                    .iter()
                    .map(|r| crate::names::region(r, lang).unwrap_or_else(|| r.clone()))
                    .collect::<Vec<_>>()
                    .join(&self.strings.get("list_separator")),
            ),
            _ => None,
        }
    }
}
