//! The contacts of a posting, matched between its files by order: each
//! fact of a contact may stand in any one file, so a translation can give
//! the roles alone.

use super::agree::{Given, agree};
use super::*;
use crate::model::Contact;

/// A contact of the posting: its facts, agreed on between the files, and
/// the role to show in a language whose file gives none.
pub(super) struct Merged {
    pub(super) contact: Contact,
    pub(super) role: Option<String>,
}

/// The contacts of the posting, matched between the files by order: each
/// fact of a contact (name, phone, e-mail, union) may stand in any one
/// file, so a translation can give the roles alone; a fact two files give
/// differently is an error naming the contact, the field and both lines.
pub(super) fn merge_contacts(
    files: &[RawPosting],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Merged> {
    let lists: Vec<(&RawPosting, &[RawContact])> = files
        .iter()
        .filter_map(|r| r.contacts.as_ref().map(|c| (r, c.get_ref().as_slice())))
        .collect();
    let count = lists.iter().map(|(_, l)| l.len()).max().unwrap_or(0);
    let mut out = Vec::new();
    for i in 0..count {
        let nth: Vec<(&RawPosting, &RawContact)> = lists
            .iter()
            .filter_map(|(r, l)| l.get(i).map(|c| (*r, c)))
            .collect();
        let field = |name: &str| format!("contacts[{}].{name}", i + 1);
        let given = |pick: fn(&RawContact) -> Option<&Sp<String>>| {
            nth.iter().filter_map(move |(r, c)| {
                pick(c).map(|v| Given {
                    value: v.get_ref(),
                    file: &r.doc.file,
                    span: v.span(),
                })
            })
        };
        let name = agree(&field("name"), given(|c| c.name.as_ref()), diagnostics);
        let phone = agree(&field("phone"), given(|c| c.phone.as_ref()), diagnostics);
        let email = agree(&field("email"), given(|c| c.email.as_ref()), diagnostics);
        let union = agree(
            &field("union"),
            nth.iter().filter_map(|(r, c)| {
                c.union.as_ref().map(|v| Given {
                    value: v.get_ref(),
                    file: &r.doc.file,
                    span: v.span(),
                })
            }),
            diagnostics,
        );
        let Some(name) = name else {
            if !nth.iter().any(|(r, c)| c.name_written || r.broken)
                && let Some((r, c)) = nth.first()
            {
                diagnostics.push(contact_without_name(r, c, i + 1, files));
            }
            continue;
        };
        out.push(Merged {
            contact: Contact {
                name: name.clone(),
                phone: phone.cloned(),
                email: email.cloned(),
                union: union.copied().unwrap_or(false),
            },
            role: nth.iter().find_map(|(_, c)| c.role.clone()),
        });
    }
    out
}

fn contact_without_name(
    r: &RawPosting,
    c: &RawContact,
    n: usize,
    files: &[RawPosting],
) -> Diagnostic {
    let help = if files.len() > 1 {
        "add a line such as name = \"Anna Exempel\" below this [[contacts]] line, \
         in one of the posting's files: the contacts of the files are matched in order"
    } else {
        "add a line such as name = \"Anna Exempel\" below this [[contacts]] line"
    };
    Diagnostic::error(format!("missing required field `contacts[{n}].name`"))
        .field(format!("contacts[{n}].name"))
        .at(&r.doc.file, c.span.clone(), "this contact has no name")
        .help(help)
}
