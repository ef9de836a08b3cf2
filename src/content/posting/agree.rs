//! A fact written once: the files of a posting that give it must agree,
//! and two that give it differently are one error naming both places.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, SourceFile};

/// A fact as given by the files of one posting: the value and where it stands.
pub(super) struct Given<'a, T> {
    pub(super) value: &'a T,
    pub(super) file: &'a SourceFile,
    pub(super) span: Range<usize>,
}

/// Picks the single value of a fact; two files that disagree are an error naming both.
pub(super) fn agree<'a, T: PartialEq>(
    field: &str,
    given: impl Iterator<Item = Given<'a, T>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'a T> {
    let mut first: Option<Given<'a, T>> = None;
    for g in given {
        match &first {
            None => first = Some(g),
            Some(f) if f.value == g.value => {}
            Some(f) => diagnostics.push(
                Diagnostic::error(format!(
                    "`{field}` differs between {} and {}",
                    g.file.path.display(),
                    f.file.path.display()
                ))
                .field(field)
                .at(g.file, g.span.clone(), "given here")
                .at(f.file, f.span.clone(), "and differently here")
                .help(format!(
                    "`{field}` is the same in every language: write it in one file only, or make both agree"
                )),
            ),
        }
    }
    first.map(|g| g.value)
}
