//! Plain pages (`content/pages/<slug>.<lang>.md`): about us, how to apply.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::fields::{Fields, Sp};
use crate::model::{Page, PageTranslation};

use super::Doc;
use super::posting::limits;

const FIELDS: &[&str] = &["title", "description", "weight", "draft"];

/// The slug of the generated accessibility statement; a site may write its own instead.
const STATEMENT: &str = "accessibility";

/// Page slugs that would collide with the board's own pages.
const RESERVED: &[&str] = &[
    "jobs",
    "page",
    "archive",
    "soonest",
    "locations",
    "employment",
    "categories",
    "assets",
];

pub fn load(
    _root: &Path,
    docs: &[Doc],
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Page> {
    let mut pages: BTreeMap<String, Vec<PageTranslation>> = BTreeMap::new();
    for doc in docs {
        if RESERVED.contains(&doc.slug.as_str()) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "the page name \"{}\" is taken by the board itself",
                    doc.slug
                ))
                .in_file(&doc.file.path)
                .help(format!(
                    "rename the file; reserved names are: {}",
                    RESERVED.join(", ")
                )),
            );
            continue;
        }
        if doc.slug == STATEMENT && config.accessibility.is_some() {
            diagnostics.push(
                Diagnostic::error(
                    "two accessibility statements: this page and [accessibility] in vacancy.toml",
                )
                .in_file(&doc.file.path)
                .help(
                    "keep one: remove [accessibility] from vacancy.toml to publish this page, \
                         or remove this page to have the statement generated",
                ),
            );
            continue;
        }
        if let Some(t) = read(doc, diagnostics) {
            pages.entry(doc.slug.clone()).or_default().push(t);
        }
    }
    let order = |lang: &str| config.languages.iter().position(|l| l.code == lang);
    let mut out: Vec<Page> = pages
        .into_iter()
        .map(|(slug, mut translations)| {
            translations.sort_by_key(|t| order(&t.lang));
            Page { slug, translations }
        })
        .collect();
    out.sort_by_key(|p| (p.translations[0].weight, p.slug.clone()));
    out
}

fn read(doc: &Doc, diagnostics: &mut Vec<Diagnostic>) -> Option<PageTranslation> {
    let split = match super::frontmatter::split(&doc.file) {
        Ok(s) => s,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let file = &doc.file;
    let toml = &file.text[split.toml.clone()];
    let mut f = Fields::parse(file, toml, split.toml.start, split.opening.clone());
    let title = f.short_text("title", "title = \"About us\"", limits::TITLE);
    let description = f
        .short_text(
            "description",
            "description = \"One sentence.\"",
            limits::SUMMARY,
        )
        .map(Sp::into_inner);
    let weight = f
        .integer("weight", -1000..1001, "weight = 10")
        .map_or(0, Sp::into_inner);
    let draft = f.bool("draft").is_some_and(Sp::into_inner);
    if title.is_none()
        && !f
            .diagnostics
            .iter()
            .any(|d| d.field.as_deref() == Some("title"))
    {
        f.missing("title", "title = \"About us\"");
    }
    let mut ds = f.finish(FIELDS);
    let rendered = super::nesting::render(file, split.body);
    ds.extend(rendered.as_ref().err().cloned());
    let failed = !ds.is_empty();
    diagnostics.extend(ds);
    if failed || draft {
        return None;
    }
    let rendered = rendered.ok()?;
    Some(PageTranslation {
        lang: doc.lang.clone(),
        source: file.path.clone(),
        title: title?.into_inner(),
        description: description
            .unwrap_or_else(|| crate::markdown::truncate(&rendered.first_paragraph, 200)),
        body_html: rendered.html,
        weight,
    })
}
