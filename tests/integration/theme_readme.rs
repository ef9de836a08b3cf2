//! The default theme's README lists every variable the templates receive,
//! and only those. Its tables are checked against what the renderer really
//! gives the example board's pages (the typed contexts of src/render/ and
//! the views of src/views.rs, serialized), so the documentation cannot drift
//! from the code: a field added, renamed or removed fails here, by name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;
use vacancy::plan::{Job, Plan};
use vacancy::render::{PageJob, Renderer};

/// The README, from the repository, as theme authors read it.
const README: &str = include_str!("../../themes/default/README.md");
/// The part of it this test reads: up to the next `## ` heading.
const SECTION: &str = "## Templates and what they receive";
/// The subsection whose table lists what every page template receives.
const EVERY_PAGE: &str = "### Every page template receives";
/// The template that renders many cards in one call; it is no page, and
/// receives only what a card needs.
const CARD_BATCH: &str = "_card_batch.html";
/// A moment at which the example board has open, closed and future postings.
const NOW: &str = "2026-11-23T12:00:00+01:00";

/// What the renderer gives the templates.
struct Provided {
    /// Per template: the names of the variables it receives, over all its pages.
    templates: BTreeMap<String, BTreeSet<String>>,
    /// Every variable as a path, as the README writes them:
    /// `site.organization.name`, `listing.pagination.pages[].number`.
    paths: BTreeSet<String>,
}

/// The variables of every page of the example board (the repository's own
/// `vacancy.toml` and `content/`), and of its cards.
fn provided() -> Provided {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let now = chrono::DateTime::parse_from_rfc3339(NOW).expect("a valid moment");
    let mut loaded = vacancy::load(root, None, now).expect("the example board loads");
    // One posting a page: every listing has many pages, and so pagination gaps.
    loaded.config.page_size = 1;
    let (site, kit) = loaded.at(now);
    let jobs: Vec<PageJob> = Plan::of(&site, &kit.theme)
        .jobs
        .iter()
        .filter_map(|job| match job {
            Job::Page(page) => Some(*page),
            _ => None,
        })
        .collect();
    let renderer = Renderer::new(&site, &kit.theme, &kit.strings, &kit.tera, &jobs)
        .expect("the example board renders");
    let mut provided = Provided {
        templates: BTreeMap::new(),
        paths: BTreeSet::new(),
    };
    let mut pages = Vec::new();
    for job in &jobs {
        let (template, vars) = renderer.variables(job);
        pages.push((template.to_string(), vars.to_json()));
    }
    let cards: Vec<usize> = site.published().collect();
    for lang in 0..site.config.languages.len() {
        let vars = renderer.card_variables(lang, &cards);
        pages.push((CARD_BATCH.to_string(), vars.to_json()));
    }
    for (template, vars) in &pages {
        let names = provided.templates.entry(template.clone()).or_default();
        for (name, value) in vars {
            names.insert(name.to_string());
            paths_of(name, value, &mut provided.paths);
        }
    }
    provided.paths = documentable(&provided.paths);
    provided
}

/// The paths of `value`'s leaves, under `prefix`: a map's fields by name,
/// the entries of a list of maps as `[]`. The interface strings `t` are one
/// variable: the README points to the `i18n/` files for their keys.
fn paths_of(prefix: &str, value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) if prefix != "t" => {
            for (key, v) in map {
                paths_of(&format!("{prefix}.{key}"), v, out);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => {
            for item in items {
                paths_of(&format!("{prefix}[]"), item, out);
            }
        }
        // An empty list tells nothing of its entries; other pages do.
        Value::Array(items) if items.is_empty() => {}
        _ => {
            out.insert(prefix.to_string());
        }
    }
}

/// The paths as the README documents them: `_card.html` sees each of
/// `cards` as `card` (`{% for card in cards %}` in `_card_batch.html`), and
/// a posting has every field of a card, which the README documents once,
/// under `card`.
fn documentable(paths: &BTreeSet<String>) -> BTreeSet<String> {
    let card: BTreeSet<String> = paths
        .iter()
        .filter_map(|p| p.strip_prefix("cards[]."))
        .map(|field| format!("card.{field}"))
        .collect();
    paths
        .iter()
        .filter(|p| !p.starts_with("cards[]."))
        .filter(|p| {
            let as_card = p.strip_prefix("posting.").map(|f| format!("card.{f}"));
            !as_card.is_some_and(|c| card.contains(&c))
        })
        .cloned()
        .chain(card.iter().cloned())
        .collect()
}

/// What the README says the templates receive.
struct Documented {
    /// Per template of the templates table: its own variables.
    templates: BTreeMap<String, BTreeSet<String>>,
    /// What every page template receives.
    every_page: BTreeSet<String>,
    /// Every variable named in a `variable` table.
    paths: BTreeSet<String>,
}

fn documented() -> Documented {
    let start = README.find(SECTION).expect("the README has the section");
    let rest = &README[start + SECTION.len()..];
    let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
    let mut documented = Documented {
        templates: BTreeMap::new(),
        every_page: BTreeSet::new(),
        paths: BTreeSet::new(),
    };
    let mut heading = "";
    let mut header: Vec<String> = Vec::new();
    for line in section.lines() {
        if line.starts_with('#') {
            heading = line;
            continue;
        }
        let Some(cells) = table_row(line) else {
            header.clear();
            continue;
        };
        if header.is_empty() {
            header = cells;
            continue;
        }
        if cells.iter().all(|c| c.chars().all(|ch| "-: ".contains(ch))) {
            continue;
        }
        match header[0].as_str() {
            "template" => {
                let template = backticked(&cells[0]).into_iter().next();
                let template = template.expect("a template in the first column");
                let own = backticked(cells.last().expect("a row has cells"));
                documented
                    .templates
                    .insert(template, own.into_iter().collect());
            }
            "variable" => {
                for name in backticked(&cells[0]) {
                    if heading.starts_with(EVERY_PAGE) {
                        let top = name.split(['.', '[']).next().unwrap_or(&name);
                        documented.every_page.insert(top.to_string());
                    }
                    documented.paths.insert(name);
                }
            }
            other => panic!("a table headed {other:?} in the README's {SECTION:?}"),
        }
    }
    documented
}

/// The cells of a Markdown table row, trimmed; none for any other line.
/// A cell may hold `\|`, a `|` of its own.
fn table_row(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut()?.push('|');
                chars.next();
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut()?.push(c),
        }
    }
    Some(cells.iter().map(|c| c.trim().to_string()).collect())
}

/// The names between backticks in a cell.
fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Fails with every difference at once, each named.
fn assert_no_differences(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "themes/default/README.md and what the templates receive differ:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn the_theme_readme_documents_every_variable_the_templates_receive_and_no_other() {
    let provided = provided().paths;
    let documented = documented().paths;
    let mut problems = Vec::new();
    for path in provided.difference(&documented) {
        problems.push(format!(
            "`{path}` is given to templates but not documented: add a row for it"
        ));
    }
    for path in documented.difference(&provided) {
        problems.push(format!(
            "`{path}` is documented but no template of the example board receives it \
             (a field removed or renamed, or one the example board never fills)"
        ));
    }
    assert_no_differences(&problems);
}

#[test]
fn the_theme_readme_names_every_template_and_the_variables_of_its_own() {
    let provided = provided().templates;
    let documented = documented();
    assert!(
        !documented.every_page.is_empty(),
        "the README has a table under {EVERY_PAGE:?}"
    );
    let mut problems = Vec::new();
    for (template, names) in &provided {
        let Some(own) = documented.templates.get(template) else {
            problems.push(format!(
                "`{template}` is rendered but not in the templates table"
            ));
            continue;
        };
        let expected: BTreeSet<String> = documented.every_page.union(own).cloned().collect();
        for name in names.difference(&expected) {
            problems.push(format!(
                "`{template}` receives `{name}`, which its row does not list"
            ));
        }
        for name in own.difference(names) {
            problems.push(format!(
                "`{template}`'s row lists `{name}`, which it does not receive"
            ));
        }
        // A card is the same on every page: the batch receives no page's variables.
        if template != CARD_BATCH {
            for name in documented.every_page.difference(names) {
                problems.push(format!(
                    "every page template is said to receive `{name}`, but `{template}` does not"
                ));
            }
        }
    }
    for template in documented.templates.keys() {
        if !provided.contains_key(template) {
            problems.push(format!(
                "`{template}` is in the templates table but no page of the example board uses it"
            ));
        }
    }
    assert_no_differences(&problems);
}
