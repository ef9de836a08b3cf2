//! The files of one posting merged into a `Posting`: facts written once (two
//! files giving one differently is an error naming both), texts per language,
//! contacts whose roles a translation may give alone.

use std::ops::Range;

use super::agree::{Given, agree};
use super::contacts::{Merged, merge_contacts};
use super::drafts::{draft_translation, not_translated_yet};
use super::*;
use crate::schema::{Required, Scope};

macro_rules! fact {
    ($files:expr, $field:ident, $diagnostics:expr) => {
        agree(
            stringify!($field),
            $files.iter().filter_map(|r| {
                r.$field.as_ref().map(|v| Given {
                    value: v.get_ref(),
                    file: &r.doc.file,
                    span: v.span(),
                })
            }),
            $diagnostics,
        )
    };
}

/// Merges the files of one posting (all with the same slug) into a `Posting`.
/// Long on purpose: one `Facts` literal naming every fact, each agreed on
/// between the files, so a fact added to the model must be merged here.
pub fn merge(
    files: &mut [RawPosting],
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Posting> {
    // A file without any text of its language, beside one with a title, is
    // a language not translated yet (a browser CMS writes one per language).
    let untranslated: Vec<bool> = {
        let some_title = files.iter().any(|r| r.title.is_some());
        files
            .iter()
            .map(|r| some_title && r.has_no_text())
            .collect()
    };
    // The bodies move into the posting rather than being copied: the files
    // are dropped after the merge.
    let bodies: Vec<String> = files
        .iter_mut()
        .map(|r| std::mem::take(&mut r.rendered.html))
        .collect();
    let files = &*files;
    let before = diagnostics.len();
    let first = files.first()?;
    let published = fact!(files, published, diagnostics).copied();
    let deadline = fact!(files, deadline, diagnostics).copied();
    let locations = fact!(files, locations, diagnostics)
        .cloned()
        .unwrap_or_default();
    let workplace = fact!(files, workplace, diagnostics)
        .copied()
        .unwrap_or(Workplace::Onsite);
    let employment = fact!(files, employment, diagnostics).copied();
    let extent = fact!(files, extent, diagnostics).copied();
    let contacts = merge_contacts(files, diagnostics);
    if workplace != Workplace::Remote
        && let Some((r, regions)) = files
            .iter()
            .find_map(|r| r.remote_regions.as_ref().map(|g| (r, g)))
    {
        diagnostics.push(
            Diagnostic::error("`remote_regions` is for remote work, but the job is not remote")
                .field("remote_regions")
                .at(&r.doc.file, regions.span(), "regions to work from")
                .help("set workplace = \"remote\" if the job is done from anywhere in these regions, or delete the line"),
        );
    }
    check_required(files, &untranslated, &locations, workplace, diagnostics);
    let deadline = deadline.map(|d| to_deadline(d, config));
    if let (Some(p), Some(d)) = (published, deadline)
        && d.date < p
    {
        diagnostics.extend(deadline_before_publication(files, p, d.date));
    }
    diagnostics.extend(year_typos(files, published, deadline.map(|d| d.date)));
    if diagnostics[before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    let facts = Facts {
        published: published?,
        deadline: deadline?,
        locations,
        workplace,
        employment: employment?,
        probation: fact!(files, probation, diagnostics)
            .copied()
            .unwrap_or(false),
        extent: extent?,
        extent_percent: fact!(files, extent_percent, diagnostics).copied(),
        start: fact!(files, start, diagnostics).copied(),
        salary_range: fact!(files, salary_range, diagnostics).cloned(),
        categories: fact!(files, categories, diagnostics)
            .cloned()
            .unwrap_or_default(),
        reference: fact!(files, reference, diagnostics).cloned(),
        apply_url: fact!(files, apply_url, diagnostics).cloned(),
        apply_email: fact!(files, apply_email, diagnostics).cloned(),
        contacts: contacts.iter().map(|c| c.contact.clone()).collect(),
        screening: fact!(files, screening, diagnostics)
            .copied()
            .unwrap_or(false),
        openings: fact!(files, openings, diagnostics).copied(),
        occupation: fact!(files, occupation, diagnostics).cloned(),
        experience: fact!(files, experience, diagnostics).copied(),
        education: fact!(files, education, diagnostics).copied(),
        languages: fact!(files, languages, diagnostics)
            .cloned()
            .unwrap_or_default(),
        driving_licence: fact!(files, driving_licence, diagnostics)
            .cloned()
            .unwrap_or_default(),
        remote_regions: fact!(files, remote_regions, diagnostics)
            .cloned()
            .unwrap_or_default(),
        image: fact!(files, image, diagnostics)
            .and_then(|name| social_image(files, name, diagnostics)),
    };
    if diagnostics[before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    // Facts come from every file; a file marked draft, or not translated
    // yet, holds its language back while the others are published.
    let held_back = |i: usize| files[i].draft || untranslated[i];
    let published_in: Vec<&str> = (0..files.len())
        .filter(|&i| !held_back(i))
        .map(|i| files[i].doc.lang.as_str())
        .collect();
    for (i, r) in files.iter().enumerate() {
        if r.draft {
            diagnostics.push(draft_translation(r, &published_in));
        } else if untranslated[i] {
            diagnostics.push(not_translated_yet(r, &published_in));
        }
    }
    let translations = files
        .iter()
        .zip(bodies)
        .enumerate()
        .filter(|(i, _)| !held_back(*i))
        .map(|(_, (r, body_html))| translation(r, body_html, &contacts))
        .collect();
    Some(Posting {
        slug: first.doc.slug.clone(),
        facts,
        translations,
        attachments: first.doc.attachments.clone(),
        unpublished_languages: (0..files.len())
            .filter(|&i| held_back(i))
            .map(|i| files[i].doc.lang.clone())
            .collect(),
    })
}

/// Every required field of [`Field::ALL`] that no file gives: a fact once,
/// in the file that holds the facts; a text of each language in each file.
fn check_required(
    files: &[RawPosting],
    untranslated: &[bool],
    locations: &[String],
    workplace: Workplace,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(first) = files.first() else {
        return;
    };
    // A syntax error hides what its line held: nothing is called missing.
    if files.iter().any(|r| r.broken) {
        return;
    }
    let facts_file = files.iter().find(|r| r.deadline.is_some()).unwrap_or(first);
    // Not given, nor written misspelt: a misspelling is reported as such,
    // with the right name, as one error rather than two.
    let has = |r: &RawPosting, field: &str| {
        r.gives(field)
            || r.given.iter().any(|k| {
                Field::named(k).is_none()
                    && crate::diagnostic::did_you_mean(k, Field::names()) == Some(field)
            })
    };
    let nowhere = |field: &str| !files.iter().any(|r| has(r, field));
    for field in Field::ALL {
        let spec = field.spec();
        match (spec.required, spec.scope) {
            (Required::Yes, Scope::PerLanguage) => {
                let lacking = files
                    .iter()
                    .zip(untranslated)
                    .filter(|(r, untranslated)| !**untranslated && !has(r, spec.name))
                    .map(|(r, _)| r);
                diagnostics.extend(lacking.map(|r| missing_text(r, spec.name)));
            }
            (Required::Yes, _) if nowhere(spec.name) => {
                diagnostics.push(missing_fact(files, facts_file, spec.name, spec.example));
            }
            (Required::UnlessRemote, _)
                if locations.is_empty() && workplace != Workplace::Remote =>
            {
                let given = files
                    .iter()
                    .find_map(|r| r.locations.as_ref().map(|l| (r, l.span())));
                match given {
                    Some((r, span)) => diagnostics.push(no_places(r, span, workplace)),
                    // Given with a wrong value: reported as wrong already.
                    None if !nowhere(spec.name) => {}
                    None => diagnostics.push(missing_fact(
                        files,
                        facts_file,
                        spec.name,
                        "locations = [\"Norrköping\"]",
                    )),
                }
            }
            _ => {}
        }
    }
}

/// A language's file without a required text of its own (its title).
fn missing_text(r: &RawPosting, field: &str) -> Diagnostic {
    Diagnostic::error(format!("missing required field `{field}`"))
        .field(field)
        .at(
            &r.doc.file,
            r.opening.clone(),
            "add the field to this front matter",
        )
        .help(format!(
            "every language version needs its own {field}: {field} = \"...\""
        ))
}

/// Dates that are likely typos in the year: a posting open more than a
/// year, or published more than a year from today (`2062` for `2026`).
fn year_typos(
    files: &[RawPosting],
    published: Option<chrono::NaiveDate>,
    deadline: Option<chrono::NaiveDate>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let find = |pick: fn(&RawPosting) -> Option<Range<usize>>| {
        files.iter().find_map(|r| pick(r).map(|span| (r, span)))
    };
    let at_published = find(|r| r.published.as_ref().map(Sp::span));
    if let (Some(p), Some(d), Some((r, span))) = (
        published,
        deadline,
        find(|r| r.deadline.as_ref().map(Sp::span)),
    ) && d > p.checked_add_months(chrono::Months::new(12)).unwrap_or(p)
    {
        let mut w = Diagnostic::warning(format!(
            "the deadline {d} is more than a year after the publication date {p}: is the year right?"
        ))
        .field("deadline")
        .at(&r.doc.file, span, "the deadline");
        if let Some((pr, pspan)) = &at_published {
            w = w.at(&pr.doc.file, pspan.clone(), "published");
        }
        out.push(w.help("check the year of `deadline` and `published`"));
    }
    if let (Some(p), Some((r, span))) = (published, at_published) {
        let mut w = Diagnostic::warning(format!(
            "`published` is {p}, more than a year from today: is the year right?"
        ))
        .field("published")
        .at(&r.doc.file, span, "published")
        .help("the posting is not shown until that day; if the year is a typo, correct it");
        w.only_before = p.checked_sub_months(chrono::Months::new(12));
        out.extend(w.only_before.is_some().then_some(w));
    }
    out
}

fn deadline_before_publication(
    files: &[RawPosting],
    published: chrono::NaiveDate,
    deadline: chrono::NaiveDate,
) -> Option<Diagnostic> {
    let r = files.iter().find(|r| r.deadline.is_some())?;
    let span = r.deadline.as_ref().map_or(r.opening.clone(), Sp::span);
    let d = Diagnostic::error(format!(
        "the deadline {deadline} is before the publication date {published}"
    ))
    .field("deadline")
    .at(&r.doc.file, span, "the deadline")
    .help("the deadline must be on or after `published`; check the year and month");
    Some(d)
}

/// `locations = []` on a posting people come to work at: search engines
/// need a place, and job seekers where the job is.
fn no_places(r: &RawPosting, span: Range<usize>, workplace: Workplace) -> Diagnostic {
    let workplace = match workplace {
        Workplace::Hybrid => "partly on site (workplace = \"hybrid\")",
        _ => "on site",
    };
    Diagnostic::error(format!(
        "`locations` is empty, but the job is {workplace}, so it needs at least one place"
    ))
    .field("locations")
    .at(&r.doc.file, span, "no place given")
    .help(
        "write the town or city, e.g. locations = [\"Norrköping\"], \
         or set workplace = \"remote\" if the job is done from anywhere",
    )
}

fn missing_fact(files: &[RawPosting], at: &RawPosting, field: &str, example: &str) -> Diagnostic {
    let names: Vec<String> = files
        .iter()
        .map(|r| r.doc.file.path.display().to_string())
        .collect();
    Diagnostic::error(format!("missing required field `{field}`"))
        .field(field)
        .at(
            &at.doc.file,
            at.opening.clone(),
            "add the field to this front matter",
        )
        .help(format!(
            "add a line such as `{example}` to one of the posting's files ({})",
            names.join(", ")
        ))
}

/// The posting's own social image: one of its attachments, a PNG or JPEG,
/// described in every language's file.
fn social_image(
    files: &[RawPosting],
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(String, crate::image::Raster)> {
    let (r, span) = files
        .iter()
        .find_map(|r| r.image.as_ref().map(|i| (r, i.span())))?;
    let found = match r.doc.attachments.iter().find(|a| a.name == name) {
        Some(a) => crate::image::raster(name, &a.bytes),
        None => Err(format!("\"{name}\" is not a file in the posting's folder")),
    };
    let help = match &found {
        Err(_) if r.doc.attachments.is_empty() => format!(
            "make the posting a folder, content/postings/{0}/index.{1}.md, and put the image beside it",
            r.doc.slug, r.doc.lang
        ),
        _ => crate::image::HELP.to_string(),
    };
    let raster = match found {
        Ok(raster) => raster,
        Err(why) => {
            diagnostics.push(
                Diagnostic::error(why)
                    .field("image")
                    .at(&r.doc.file, span, "the posting's image")
                    .help(help),
            );
            return None;
        }
    };
    for lacking in files.iter().filter(|f| f.image_alt.is_none()) {
        diagnostics.push(
            Diagnostic::error("missing required field `image_alt`")
                .field("image_alt")
                .at(&lacking.doc.file, lacking.opening.clone(), "add the field to this front matter")
                .help("an image needs words for those who cannot see it, in each language: image_alt = \"...\""),
        );
    }
    Some((name.to_string(), raster))
}

fn translation(r: &RawPosting, body_html: String, contacts: &[Merged]) -> Translation {
    let rendered = &r.rendered;
    let own_roles = r.contacts.as_ref().map(|c| c.get_ref());
    let contact_roles = contacts
        .iter()
        .enumerate()
        .map(|(i, c)| match own_roles {
            Some(own) => own.get(i).and_then(|o| o.role.clone()),
            None => c.role.clone(),
        })
        .collect();
    let summary = r
        .summary
        .clone()
        .unwrap_or_else(|| crate::markdown::truncate(&rendered.first_paragraph, 300));
    Translation {
        lang: r.doc.lang.clone(),
        source: r.doc.file.path.clone(),
        title: r
            .title
            .as_ref()
            .map(|t| t.get_ref().trim().to_string())
            .unwrap_or_default(),
        summary,
        body_html,
        body_headings: rendered.headings.clone(),
        hours: r.hours.clone(),
        salary_text: r.salary_text.clone(),
        organization: r.organization.clone(),
        unit: r.unit.clone(),
        contact_roles,
        education_text: r.education_text.clone(),
        image_alt: r.image_alt.clone(),
    }
}

fn to_deadline(d: DateOrTime, config: &Config) -> Deadline {
    let tz = config.time_zone;
    match d {
        DateOrTime::Date(date) => Deadline::end_of_day(date, tz),
        DateOrTime::Local(local) => Deadline::at(local_to_fixed(local, tz), tz),
        DateOrTime::Offset(local, secs) => {
            let offset = chrono::FixedOffset::east_opt(secs)
                .unwrap_or(chrono::FixedOffset::east_opt(0).expect("zero"));
            let utc = local - chrono::Duration::seconds(secs.into());
            Deadline::at(chrono::DateTime::from_naive_utc_and_offset(utc, offset), tz)
        }
    }
}
