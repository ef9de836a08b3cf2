//! What a posting asks of applicants and how many it hires: facts public
//! employers state and job search engines read (occupation, experience,
//! education, languages, driving licence, where remote work may be done from).

/// The occupation, as a unit group of one or both published code lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Occupation {
    /// An ISCO-08 unit group, e.g. "2423".
    pub isco: Option<String>,
    /// An SSYK 2012 unit group (Sweden's national list), e.g. "2423".
    pub ssyk: Option<String>,
}

/// How much experience the job asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Experience {
    /// No experience is needed.
    None,
    /// Experience counts in the applicant's favour, but is not required.
    Desired,
    /// At least this many months are required (written in years or months).
    Months { months: u32, in_years: bool },
}

impl Experience {
    /// A minimum as `experience` holds it in words ("3 years", "1 year",
    /// "6 months"); `None` for "none" and "desired".
    pub fn words(self) -> Option<String> {
        let Experience::Months { months, in_years } = self else {
            return None;
        };
        let (n, unit) = if in_years && months % 12 == 0 {
            (months / 12, "year")
        } else {
            (months, "month")
        };
        Some(format!("{n} {unit}{}", if n == 1 { "" } else { "s" }))
    }
}

keyword_enum!(
    /// The education a job requires, in the levels Google's job search reads.
    Education {
        HighSchool = "high school",
        AssociateDegree = "associate degree",
        BachelorDegree = "bachelor degree",
        ProfessionalCertificate = "professional certificate",
        PostgraduateDegree = "postgraduate degree",
    }
);

keyword_enum!(
    /// How well an applicant must know a language.
    LanguageLevel {
        Basic = "basic",
        Good = "good",
        Fluent = "fluent",
        Native = "native",
    }
);

/// A language the job requires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageRequirement {
    /// A BCP 47 primary language subtag, e.g. "sv".
    pub code: String,
    pub level: Option<LanguageLevel>,
}

/// The driving licence classes of the EU directive 2006/126/EC.
pub const LICENCE_CLASSES: &[&str] = &[
    "AM", "A1", "A2", "A", "B1", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE",
];
