//! A posting's page in one language: its facts in their groups, its
//! contacts and categories, the ways to apply and to pass it on.

use super::*;

impl<'a> LangCtx<'a> {
    /// The full view of posting `i` for its page in this language.
    pub fn posting(
        &self,
        i: usize,
        json_ld: Option<String>,
        similar: Vec<String>,
    ) -> PostingView<'_> {
        let site = self.site;
        let p: &'a Posting = site.posting(i);
        let t = p.shown_in(self.lang(), &site.config.default_language);
        let card = self.card(i);
        let salary = self.salary_text(p, t);
        let start = p.facts.start.map(|s| self.start_text(s));
        let facts = self.facts(p, t, card, salary.as_deref(), start.as_deref());
        let (union_contacts, contacts) = self.contacts(p, t);
        PostingView {
            body: &t.body_html,
            facts,
            salary,
            hours: t.hours.as_deref(),
            start,
            reference: p.facts.reference.as_deref(),
            categories: self.categories(p),
            contacts,
            union_contacts,
            apply: Apply {
                url: p.facts.apply_url.as_deref(),
                email: p.facts.apply_email.as_deref(),
                mailto: p
                    .facts
                    .apply_email
                    .as_deref()
                    .map(|to| format!("mailto:{to}?subject={}", encode(&t.title))),
            },
            apply_in_body: self.body_has_heading(t, "apply.heading"),
            screening: p.facts.screening,
            screening_in_body: self.body_has_heading(t, "posting.screening_title"),
            share: self.share(&t.lang, &p.slug, &t.title),
            attachments: p
                .attachments
                .iter()
                .map(|a| AttachmentView {
                    name: a.name.clone(),
                    path: format!("{}{}", card.path, a.name),
                    size: human_size(a.bytes.len()),
                })
                .collect(),
            status: if card.closed { "closed" } else { "open" },
            json_ld,
            similar,
            card,
        }
    }

    fn facts(
        &self,
        p: &Posting,
        t: &Translation,
        card: &Card<'_>,
        salary: Option<&str>,
        start: Option<&str>,
    ) -> Vec<Fact> {
        PAGE_FACTS
            .iter()
            .filter_map(|&field| {
                // Every field named: one added to the schema must be placed
                // on the page here, or left off it on purpose.
                let value = match field {
                    Field::Employment => Some(card.employment.label.clone()),
                    Field::Extent => Some(card.extent.label.clone()),
                    Field::Hours => t.hours.clone(),
                    Field::Workplace => Some(card.workplace.label.clone()),
                    Field::Locations => Some(p.facts.locations.join(", ")),
                    Field::Start => start.map(str::to_string),
                    Field::Salary => salary.map(str::to_string),
                    Field::Deadline => Some(card.deadline.text.clone()),
                    Field::Published => Some(card.published.text.clone()),
                    Field::Reference => p.facts.reference.clone(),
                    Field::Unit => t.unit.clone(),
                    Field::Organization => Some(card.organization.clone()),
                    Field::Openings
                    | Field::Occupation
                    | Field::Experience
                    | Field::Education
                    | Field::Languages
                    | Field::DrivingLicence
                    | Field::RemoteRegions => {
                        let written = self.requirement(field, &p.facts, t)?;
                        return Some(self.fact(field, written.text, written.lang));
                    }
                    // Shown elsewhere on the page (title, summary, contacts,
                    // apply box, categories, notice, with the education), or
                    // not at all.
                    Field::Title
                    | Field::Summary
                    | Field::Probation
                    | Field::ExtentPercent
                    | Field::Categories
                    | Field::ApplyUrl
                    | Field::ApplyEmail
                    | Field::Contacts
                    | Field::Screening
                    | Field::EducationText
                    | Field::Image
                    | Field::ImageAlt
                    | Field::Draft => None,
                };
                let mut fact = self.fact(field, value.filter(|v| !v.is_empty())?, None);
                // Remote or hybrid work decides as much as the place: the
                // page says it beside the places, or first when there are none.
                if field == Field::Workplace && p.facts.workplace != Workplace::Onsite {
                    if !p.facts.locations.is_empty() {
                        return None;
                    }
                    fact.group = "lead";
                }
                Some(fact)
            })
            .collect()
    }

    fn fact(&self, field: Field, value: String, lang: Option<String>) -> Fact {
        let key = field.name();
        Fact {
            key,
            group: group(field),
            label: self.fact_label(key).to_string(),
            value,
            lang,
        }
    }

    /// Whether the body of `t` has a heading with the words of string
    /// `key` (case and end punctuation aside).
    fn body_has_heading(&self, t: &Translation, key: &str) -> bool {
        let words = |s: &str| {
            s.trim()
                .trim_end_matches(['.', ':', '?', '!', '؟'])
                .to_lowercase()
        };
        let own = words(&self.strings.get(key));
        t.body_headings.iter().any(|h| words(h) == own)
    }

    fn categories(&self, p: &Posting) -> Vec<Labeled> {
        let config = &self.site.config;
        p.facts
            .categories
            .iter()
            .filter_map(|key| {
                let c = config.category(key)?;
                Some(Labeled {
                    label: c
                        .label
                        .get(self.lang(), &config.default_language)
                        .to_string(),
                    path: config.path(&urls::term(self.lang(), TermKind::Category, key, 1)),
                })
            })
            .collect()
    }

    fn contacts(
        &self,
        p: &'a Posting,
        t: &'a Translation,
    ) -> (Vec<ContactView<'a>>, Vec<ContactView<'a>>) {
        let country = &self.site.config.country;
        p.facts
            .contacts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let view = ContactView {
                    name: &c.name,
                    role: t.contact_roles.get(i).and_then(|r| r.as_deref()),
                    phone: c.phone.as_deref(),
                    phone_href: c.phone.as_deref().map(|ph| tel_uri(ph, country)),
                    email: c.email.as_deref(),
                };
                (c.union, view)
            })
            .fold(
                (Vec::new(), Vec::new()),
                |(mut unions, mut others), (union, view)| {
                    if union {
                        unions.push(view);
                    } else {
                        others.push(view);
                    }
                    (unions, others)
                },
            )
    }

    fn share(&self, lang: &str, slug: &str, title: &str) -> Share {
        let url = self.site.config.permalink(&urls::posting(lang, slug));
        Share {
            email: format!("mailto:?subject={}&body={}", encode(title), encode(&url)),
            linkedin: format!(
                "https://www.linkedin.com/sharing/share-offsite/?url={}",
                encode(&url)
            ),
            url,
        }
    }
}

/// `text` percent-encoded for a query: in a `mailto:` link a space is
/// `%20`, not `+`.
fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// Where the page shows a fact: what a job seeker decides on first (places,
/// employment, extent, salary, deadline), then the job, its terms and the
/// recruitment.
fn group(field: Field) -> &'static str {
    match field {
        Field::Locations | Field::Employment | Field::Extent | Field::Salary | Field::Deadline => {
            "lead"
        }
        Field::Start | Field::Hours => "terms",
        Field::Published | Field::Reference => "process",
        _ => "job",
    }
}
