//! What keeps a posting, or one language of it, off the board: drafts,
//! placeholders of `vacancy new` still to fill in, and language files with
//! no text of their own (as a browser CMS writes them).

use super::*;
use crate::schema::Scope;

/// A language's file with no title and no text (as a browser CMS writes it
/// for a language nobody filled in): not published in that language yet.
pub(super) fn not_translated_yet(r: &RawPosting, published_in: &[&str]) -> Diagnostic {
    Diagnostic::warning(format!(
        "not translated yet: this file has no title and no text, so the posting is published in {} only",
        published_in.join(", ")
    ))
    .at(&r.doc.file, r.opening.clone(), "no text of this language")
    .help("write the title and the text in this language to publish it, or delete the file")
}

/// The fields of `files` still holding a placeholder of `vacancy new`: what
/// is still to fill in. A warning while the text stays unpublished (the
/// posting, or that language's file, is a draft); an error once it would be
/// published, and for a fact of a published posting whichever file holds it.
/// `posting_draft`: the posting as a whole is a draft ([`is_draft`]).
pub fn placeholders<'a>(
    files: impl IntoIterator<Item = &'a RawPosting>,
    posting_draft: bool,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in files {
        for (field, span) in &r.placeholders {
            let what = if field == BODY {
                "the text below the front matter".to_string()
            } else {
                format!("`{field}`")
            };
            let unpublished = posting_draft || (r.draft && is_text(field));
            let d = if unpublished {
                Diagnostic::warning(format!("{what} is still to be filled in"))
                    .help("replace the text starting with \"TODO:\" before removing `draft = true`")
            } else {
                Diagnostic::error(format!(
                    "{what} still holds the placeholder text of `vacancy new`"
                ))
                .help("write the posting's own text in place of \"TODO: ...\", or keep `draft = true` until it is ready")
            };
            out.push(
                d.field(field.clone())
                    .at(&r.doc.file, span.clone(), "placeholder"),
            );
        }
    }
    out
}

/// Whether the posting is a draft: every file is, or a file giving facts
/// is. A file with only texts marked draft holds back its language alone.
pub fn is_draft<'a>(files: impl IntoIterator<Item = &'a RawPosting>) -> bool {
    let mut all = true;
    for r in files {
        if r.draft && r.gives_facts() {
            return true;
        }
        all &= r.draft;
    }
    all
}

/// The name a placeholder in the body is recorded under.
pub const BODY: &str = "text";

/// Whether a field is a text of one language (published with that file),
/// not a fact of the posting.
fn is_text(field: &str) -> bool {
    field == BODY
        || field.ends_with(".role")
        || Field::named(field).is_some_and(|f| f.spec().scope != Scope::Fact)
}

/// A translation held back with `draft = true` while the posting is published.
pub(super) fn draft_translation(r: &RawPosting, published_in: &[&str]) -> Diagnostic {
    Diagnostic::warning(format!(
        "this language version is a draft: the posting is published in {} only",
        published_in.join(", ")
    ))
    .field("draft")
    .at(&r.doc.file, r.draft_span.clone(), "draft = true")
    .help("remove `draft = true` from this file when its text is ready")
}
