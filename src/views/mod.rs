//! What templates see: small `Serialize` views built from the model for one
//! language, with every label and date already written in that language.

mod lang;
mod page;
mod requirements;
pub use lang::{LangCtx, SIMILAR, human_size, lang_contexts, term_label};

use std::sync::OnceLock;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::address::tel_uri;
use crate::config::Dir;
use crate::i18n::Strings;
use crate::model::{
    Extent, Posting, SalaryRange, Site, Start, Status, TermKind, Translation, Workplace,
    location_slug,
};
use crate::schema::{Field, PAGE_FACTS};

use crate::urls;

#[derive(Serialize)]
pub struct Link {
    pub name: String,
    pub path: String,
}

#[derive(Serialize)]
pub struct Labeled {
    pub label: String,
    pub path: String,
}

#[derive(Serialize)]
pub struct Keyed {
    pub key: &'static str,
    pub label: String,
}

#[derive(Serialize)]
pub struct DateView {
    pub iso: String,
    pub text: String,
}

/// A posting in a list; a posting's page puts the same fields at the top
/// of its own view.
#[derive(Serialize)]
pub struct Card<'a> {
    pub slug: &'a str,
    pub path: String,
    pub title: &'a str,
    pub lang: &'a str,
    pub dir: Dir,
    pub foreign: bool,
    pub lang_name: &'a str,
    pub organization: String,
    pub unit: Option<&'a str>,
    /// The separator of list items in the posting's language.
    pub separator: String,
    pub locations: Vec<Link>,
    pub workplace: Keyed,
    pub employment: Keyed,
    pub extent: Keyed,
    pub published: DateView,
    pub deadline: DateView,
    pub days_left: i64,
    pub days_left_text: String,
    pub closed: bool,
    pub summary: &'a str,
    /// The salary, when the posting gives figures.
    pub salary_figures: Option<String>,
    /// The first day (ISO) the posting is no longer marked new, while it is.
    pub new_until: Option<String>,
}

#[derive(Serialize)]
pub struct Fact {
    /// Which fact: the name of a field of [`PAGE_FACTS`].
    pub key: &'static str,
    /// Where the page shows it: `lead` (first, beside the apply action),
    /// then `job`, `terms` and `process`.
    pub group: &'static str,
    pub label: String,
    pub value: String,
    /// The value's language, when it is not the page's.
    pub lang: Option<String>,
}

#[derive(Serialize)]
pub struct ContactView<'a> {
    pub name: &'a str,
    pub role: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub phone_href: Option<String>,
    pub email: Option<&'a str>,
}

#[derive(Serialize)]
pub struct Apply<'a> {
    pub url: Option<&'a str>,
    pub email: Option<&'a str>,
    /// A `mailto:` link to `email` with the posting's title as subject.
    pub mailto: Option<String>,
}

/// Ways to pass a posting on: links that need no script and load nothing
/// from elsewhere until followed.
#[derive(Serialize)]
pub struct Share {
    /// The posting's address.
    pub url: String,
    /// A `mailto:` link with the title as subject and the address as text.
    pub email: String,
    /// LinkedIn's page for sharing the address.
    pub linkedin: String,
}

#[derive(Serialize)]
pub struct AttachmentView {
    pub name: String,
    pub path: String,
    pub size: String,
}

/// A posting's page: its card's fields and the rest.
#[derive(Serialize)]
pub struct PostingView<'a> {
    #[serde(flatten)]
    pub card: &'a Card<'a>,
    pub body: &'a str,
    pub facts: Vec<Fact>,
    pub salary: Option<String>,
    pub hours: Option<&'a str>,
    pub start: Option<String>,
    pub reference: Option<&'a str>,
    pub categories: Vec<Labeled>,
    pub contacts: Vec<ContactView<'a>>,
    pub union_contacts: Vec<ContactView<'a>>,
    pub apply: Apply<'a>,
    /// Whether the body has its own section on applying (a heading with
    /// the words of the page's): the page then adds no second one.
    pub apply_in_body: bool,
    pub screening: bool,
    /// Whether the body has its own section on the security screening.
    pub screening_in_body: bool,
    pub share: Share,
    pub attachments: Vec<AttachmentView>,
    pub status: &'static str,
    pub json_ld: Option<String>,
    /// The cards (HTML) of open postings in the same category or place,
    /// chosen at build time.
    pub similar: Vec<String>,
}
