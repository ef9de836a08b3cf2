//! The posting fields, declared once: each field's name in front matter,
//! whether it is a fact (written once for every language) or a text of one
//! language, whether it is required, and how `vacancy new` explains it.
//!
//! Everything else follows from this list and is checked by the compiler:
//! the known-field list and "did you mean" come from [`Field::ALL`], `new`
//! writes its scaffold from [`Field::spec`], and reading a file
//! (`content::posting`) and a posting page's facts (`views`) each `match`
//! on [`Field`] without a wildcard, so a field added here does not compile
//! until it is read and until it is placed (or left off) on the page.

/// Whether a field holds for every language or belongs to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Written once, in any one file of the posting.
    Fact,
    /// Written in each language's file.
    PerLanguage,
    /// Partly both: a salary in words is per language, its figures a fact;
    /// a contact's role is per language, the rest a fact.
    Mixed,
}

/// When a field must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    Yes,
    No,
    /// Unless `workplace = "remote"`.
    UnlessRemote,
}

/// How a field is declared.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The key in front matter.
    pub name: &'static str,
    pub scope: Scope,
    pub required: Required,
    /// What the field means, for an editor: the comment `vacancy new`
    /// writes above it (one or more lines).
    pub help: &'static str,
    /// A line as an editor would write it, shown in error messages.
    pub example: &'static str,
    /// The line `vacancy new` writes for the editor to fill in; `None`
    /// writes `example` as a comment to uncomment. `{today}`, `{deadline}`
    /// and `{categories}` are filled in by `new`.
    pub scaffold: Option<&'static str>,
}

macro_rules! fields {
    ($(
        $(#[$doc:meta])*
        $variant:ident {
            name: $name:literal,
            scope: $scope:ident,
            required: $required:ident,
            help: $help:literal,
            example: $example:literal,
            scaffold: $scaffold:expr $(,)?
        }
    ),* $(,)?) => {
        /// A front-matter field of a posting.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field {
            $($(#[$doc])* $variant),*
        }

        impl Field {
            /// Every field, in the order `vacancy new` writes them.
            pub const ALL: &'static [Field] = &[$(Field::$variant),*];

            pub const fn spec(self) -> Spec {
                match self {
                    $(Field::$variant => Spec {
                        name: $name,
                        scope: Scope::$scope,
                        required: Required::$required,
                        help: $help,
                        example: $example,
                        scaffold: $scaffold,
                    }),*
                }
            }
        }
    };
}

fields! {
    Title {
        name: "title",
        scope: PerLanguage,
        required: Yes,
        help: "The job title, in this file's language. Required.",
        example: "title = \"Migration Case Officer\"",
        scaffold: Some("title = \"TODO: the job title\""),
    },
    Summary {
        name: "summary",
        scope: PerLanguage,
        required: No,
        help: "One or two sentences for listings, feeds and link previews.\n\
               Optional: without it the first paragraph of the text is used.",
        example: "summary = \"One or two sentences.\"",
        scaffold: Some("summary = \"TODO: what the job is, in one or two sentences\""),
    },
    Published {
        name: "published",
        scope: Fact,
        required: Yes,
        help: "The day the posting appears on the board. Required. Dates have no quotes.",
        example: "published = 2026-02-20",
        scaffold: Some("published = {today}"),
    },
    Deadline {
        name: "deadline",
        scope: Fact,
        required: Yes,
        help: "The last day to apply (the posting closes at the end of that day), or a\n\
               date and time: 2026-03-20T12:00:00+01:00. Required.",
        example: "deadline = 2026-03-20",
        scaffold: Some("deadline = {deadline}"),
    },
    Locations {
        name: "locations",
        scope: Fact,
        required: UnlessRemote,
        help: "Places of work. Required unless workplace = \"remote\".",
        example: "locations = [\"Norrköping\", \"Stockholm\"]",
        scaffold: Some("locations = []{places}"),
    },
    Workplace {
        name: "workplace",
        scope: Fact,
        required: No,
        help: "\"onsite\" (the default), \"hybrid\" or \"remote\".",
        example: "workplace = \"onsite\"",
        scaffold: Some("workplace = \"onsite\""),
    },
    Employment {
        name: "employment",
        scope: Fact,
        required: Yes,
        help: "\"permanent\", \"fixed-term\", \"temporary\", \"seasonal\" or \"internship\". Required.",
        example: "employment = \"permanent\"",
        scaffold: Some("employment = \"permanent\""),
    },
    Probation {
        name: "probation",
        scope: Fact,
        required: No,
        help: "true when a permanent post starts with a probationary period.",
        example: "probation = true",
        scaffold: None,
    },
    Extent {
        name: "extent",
        scope: Fact,
        required: Yes,
        help: "\"full-time\" or \"part-time\". Required.",
        example: "extent = \"full-time\"",
        scaffold: Some("extent = \"full-time\""),
    },
    ExtentPercent {
        name: "extent_percent",
        scope: Fact,
        required: No,
        help: "The share of full time, 1-100, for part-time posts.",
        example: "extent_percent = 75",
        scaffold: None,
    },
    Hours {
        name: "hours",
        scope: PerLanguage,
        required: No,
        help: "Working hours, e.g. \"Office hours\" or \"Trust-based working hours\".",
        example: "hours = \"Office hours\"",
        scaffold: None,
    },
    Start {
        name: "start",
        scope: Fact,
        required: No,
        help: "A date, \"by-agreement\" or \"immediately\".",
        example: "start = 2026-03-02",
        scaffold: Some("start = \"by-agreement\""),
    },
    Salary {
        name: "salary",
        scope: Mixed,
        required: No,
        help: "A text in this file's language, or figures (a fact), or both:\n\
               salary = { min = 38000, max = 46000, currency = \"SEK\", per = \"month\" }\n\
               (\"per\" is \"month\", \"year\" or \"hour\"; words go in `text = \"...\"`).",
        example: "salary = \"Individual salary setting\"",
        scaffold: None,
    },
    Organization {
        name: "organization",
        scope: PerLanguage,
        required: No,
        help: "The organization, when it is not the site's own.",
        example: "organization = \"Migrationsverket\"",
        scaffold: None,
    },
    Unit {
        name: "unit",
        scope: PerLanguage,
        required: No,
        help: "The unit the job is in.",
        example: "unit = \"Citizenship Unit\"",
        scaffold: None,
    },
    Categories {
        name: "categories",
        scope: Fact,
        required: No,
        help: "Keys from [categories] in vacancy.toml: {categories}",
        example: "categories = [\"case-handling\"]",
        scaffold: Some("categories = []"),
    },
    Reference {
        name: "reference",
        scope: Fact,
        required: No,
        help: "The case number of the recruitment.",
        example: "reference = \"2026/1234\"",
        scaffold: None,
    },
    Openings {
        name: "openings",
        scope: Fact,
        required: No,
        help: "How many are hired, when more than one.",
        example: "openings = 3",
        scaffold: None,
    },
    Occupation {
        name: "occupation",
        scope: Fact,
        required: No,
        help: "The occupation's code in ISCO-08 (the ILO's list) and/or SSYK 2012\n\
               (Statistics Sweden's), 4 digits each; shown by its title.",
        example: "occupation = { isco = \"2423\", ssyk = \"2423\" }",
        scaffold: None,
    },
    Experience {
        name: "experience",
        scope: Fact,
        required: No,
        help: "\"none\", \"desired\", or a minimum: \"2 years\" or \"6 months\".",
        example: "experience = \"2 years\"",
        scaffold: None,
    },
    Education {
        name: "education",
        scope: Fact,
        required: No,
        help: "The education required: \"high school\", \"associate degree\",\n\
               \"bachelor degree\", \"professional certificate\" or \"postgraduate degree\".",
        example: "education = \"bachelor degree\"",
        scaffold: None,
    },
    EducationText {
        name: "education_text",
        scope: PerLanguage,
        required: No,
        help: "The education asked for, in words, in this file's language.",
        example: "education_text = \"A degree in law or political science\"",
        scaffold: None,
    },
    Languages {
        name: "languages",
        scope: Fact,
        required: No,
        help: "Languages required: codes such as \"sv\", each with an optional level\n\
               (\"basic\", \"good\", \"fluent\" or \"native\").",
        example: "languages = [{ code = \"sv\", level = \"fluent\" }, { code = \"en\", level = \"good\" }]",
        scaffold: None,
    },
    DrivingLicence {
        name: "driving_licence",
        scope: Fact,
        required: No,
        help: "Driving licence classes required, e.g. [\"B\"].",
        example: "driving_licence = [\"B\"]",
        scaffold: None,
    },
    RemoteRegions {
        name: "remote_regions",
        scope: Fact,
        required: No,
        help: "For remote work: the countries (\"SE\", \"NO\") or areas (\"150\" for\n\
               Europe) applicants must live in.",
        example: "remote_regions = [\"SE\", \"NO\"]",
        scaffold: None,
    },
    Image {
        name: "image",
        scope: Fact,
        required: No,
        help: "The picture link previews show for this posting, instead of the site's:\n\
               a PNG or JPEG in the posting's folder (<slug>/index.<lang>.md beside it).",
        example: "image = \"team.jpg\"",
        scaffold: None,
    },
    ImageAlt {
        name: "image_alt",
        scope: PerLanguage,
        required: No,
        help: "What the image shows, in this file's language; needed with `image`.",
        example: "image_alt = \"Three colleagues at a meeting table\"",
        scaffold: None,
    },
    ApplyUrl {
        name: "apply_url",
        scope: Fact,
        required: No,
        help: "Where to apply: a web address, or an e-mail address, or neither when the\n\
               text says how.",
        example: "apply_url = \"https://example.se/apply/123\"",
        scaffold: None,
    },
    ApplyEmail {
        name: "apply_email",
        scope: Fact,
        required: No,
        help: "An e-mail address to apply to, instead of a web address.",
        example: "apply_email = \"jobs@example.se\"",
        scaffold: None,
    },
    Contacts {
        name: "contacts",
        scope: Mixed,
        required: No,
        help: "Contacts: one [[contacts]] table each. Names, phones and e-mails are facts;\n\
               \"role\" may be translated in each language's file. union = true for union\n\
               representatives.",
        example: "[[contacts]]\nname = \"Anna Exempel\"\nrole = \"Unit manager\"\n\
                  phone = \"070-174 06 05\"",
        scaffold: Some(
            "[[contacts]]\nname = \"TODO: name\"\nrole = \"TODO: role\"\n\
             # phone = \"070-174 06 05\"\n# email = \"anna@example.se\"",
        ),
    },
    Screening {
        name: "screening",
        scope: Fact,
        required: No,
        help: "true when a security screening is required; a notice is shown.",
        example: "screening = true",
        scaffold: Some("screening = false"),
    },
    Draft {
        name: "draft",
        scope: Fact,
        required: No,
        help: "A draft is not published: remove this line (or write false) when the\n\
               posting is ready. A value starting with \"TODO:\" must be replaced first.",
        example: "draft = true",
        scaffold: Some("draft = true"),
    },
}

impl Field {
    pub const fn name(self) -> &'static str {
        self.spec().name
    }

    /// The field named `name` in front matter.
    pub fn named(name: &str) -> Option<Field> {
        Field::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// Whether the field is written as a table (`[[contacts]]`), which in
    /// TOML must come after every plain field.
    pub fn is_table(self) -> bool {
        self.spec().example.starts_with("[[")
    }

    /// The order a posting's fields are offered in, by `vacancy new` and by
    /// the browser CMS: `draft` first (what keeps a posting off the board),
    /// then the texts of the file's language, then the facts, then tables.
    pub fn form_order() -> Vec<Field> {
        let texts = Field::ALL
            .iter()
            .filter(|f| f.spec().scope == Scope::PerLanguage);
        let facts = Field::ALL.iter().filter(|f| {
            f.spec().scope != Scope::PerLanguage && !f.is_table() && **f != Field::Draft
        });
        let tables = Field::ALL.iter().filter(|f| f.is_table());
        std::iter::once(&Field::Draft)
            .chain(texts)
            .chain(facts)
            .chain(tables)
            .copied()
            .collect()
    }

    /// Every field's name, for "did you mean" and the list of known fields.
    pub fn names() -> Vec<&'static str> {
        Field::ALL.iter().map(|f| f.name()).collect()
    }
}

/// The facts a posting's page lists, in display order. Which fields appear
/// there is decided in `views` by an exhaustive `match` on [`Field`].
pub const PAGE_FACTS: &[Field] = &[
    Field::Locations,
    Field::Workplace,
    Field::Employment,
    Field::Extent,
    Field::Salary,
    Field::Deadline,
    Field::Start,
    Field::Hours,
    Field::Published,
    Field::Reference,
    Field::Unit,
    Field::Organization,
    Field::Openings,
    Field::Occupation,
    Field::Experience,
    Field::Education,
    Field::Languages,
    Field::DrivingLicence,
    Field::RemoteRegions,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_distinct_name_and_an_example_of_itself() {
        let names = Field::names();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        for field in Field::ALL {
            let spec = field.spec();
            let example = spec.example.trim_start_matches("[[");
            assert!(example.starts_with(spec.name), "{spec:?}");
            assert_eq!(Field::named(spec.name), Some(*field));
        }
    }
}
