//! `vacancy check`: everything `build` validates, plus what an editor wants
//! to hear about before committing: links in texts that lead nowhere,
//! malformed `mailto:`/`tel:` links, interface strings a language lacks, and
//! postings not yet translated into every language.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, FixedOffset};
use pulldown_cmark::{Event, Parser, Tag};

use crate::diagnostic::{Diagnostic, Diagnostics, Failed, SourceFile};
use crate::model::Site;
use crate::output::IndexSink;
use crate::urls;

/// How strict `check` is about what is not wrong but incomplete.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Every warning is an error (untranslated postings, files not read,
    /// placeholders of drafts, strings a language lacks).
    pub strict: bool,
    /// A site without a `content/` folder is no error.
    pub allow_empty: bool,
}

/// A site checked: everything a build would publish was rendered, and then
/// let go, page by page.
#[derive(Debug)]
pub struct Checked {
    pub site: Site,
    pub warnings: Diagnostics,
    pub elapsed: std::time::Duration,
}

/// Renders the whole site, keeping only each file's path and a page's
/// anchors, and reports every problem found; fails when any is an error.
pub fn check(root: &Path, now: DateTime<FixedOffset>, options: Options) -> Result<Checked, Failed> {
    let started = Instant::now();
    let mut found = Diagnostics::default();
    if !options.allow_empty
        && let Some(d) = crate::content::missing_folder(root)
    {
        found.push(d);
    }
    let (site, kit) = match crate::load(root, None, now) {
        Ok(mut loaded) => {
            found.extend(std::mem::take(&mut loaded.warnings).0);
            loaded.at(now)
        }
        Err(mut failed) => {
            failed.0.extend(found.0);
            failed.0.sort();
            return Err(failed);
        }
    };
    let links = Links::read(root, &site);
    let index = IndexSink::keeping_anchors_of(links.anchored_pages(&site.config));
    kit.render_into(&site, &index).map_err(|failed| {
        found.extend(failed.0.0);
        found.sort();
        Failed(std::mem::take(&mut found))
    })?;
    found.extend(missing_strings(&kit.theme, &kit.strings, &site));
    found.extend(untranslated(&site, options.strict));
    if let Some(strings) = kit
        .strings
        .iter()
        .find(|s| s.lang == site.config.default_language)
    {
        found.extend(crate::cms::drift(root, &site.config, strings));
    }
    found.extend(links.problems(root, &site.config, &index));
    if options.strict {
        // Every warning stops the run: nothing that may be a mistake passes.
        for d in &mut found.0 {
            d.severity = crate::diagnostic::Severity::Error;
        }
    }
    found.sort();
    if found.has_errors() {
        return Err(Failed(found));
    }
    Ok(Checked {
        site,
        warnings: found,
        elapsed: started.elapsed(),
    })
}

/// Interface strings a language lacks (shown in the default language instead),
/// and strings the templates use that no table has.
fn missing_strings(
    theme: &crate::theme::Theme,
    strings: &[crate::i18n::Strings],
    site: &Site,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let default = &site.config.default_language;
    for s in strings.iter().filter(|s| &s.lang != default) {
        if s.missing.is_empty() {
            continue;
        }
        let file = theme.i18n.get(&s.lang).map_or_else(
            || format!("i18n/{}.toml", s.lang),
            |f| f.path.display().to_string(),
        );
        out.push(
            Diagnostic::warning(format!(
                "the \"{}\" interface strings lack {} key(s), shown in \"{default}\" instead: {}",
                s.lang,
                s.missing.len(),
                s.missing.join(", ")
            ))
            .in_file(file)
            .help(format!(
                "add the keys to i18n/{}.toml in the site (it overrides the theme's)",
                s.lang
            )),
        );
    }
    let Some(any) = strings.first() else {
        return out;
    };
    for (name, file) in &theme.templates {
        for key in template_keys(&file.text) {
            if !has_key(&any.table, &key) {
                out.push(
                    Diagnostic::warning(format!(
                        "the template {name} uses the string `t.{key}`, which no language has"
                    ))
                    .in_file(&file.path)
                    .help(format!(
                        "add `{key}` to every i18n/<lang>.toml, or fix the name in the template"
                    )),
                );
            }
        }
    }
    out
}

/// The `t.some.key` references of a template.
fn template_keys(text: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(pos) = text[i..].find("t.") {
        let start = i + pos;
        i = start + 2;
        let before_ok = start == 0
            || !(bytes[start - 1].is_ascii_alphanumeric()
                || bytes[start - 1] == b'_'
                || bytes[start - 1] == b'.');
        if !before_ok {
            continue;
        }
        let key: String = text[start + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.' || *c == '-')
            .collect();
        let key = key.trim_end_matches('.').to_string();
        if !key.is_empty() {
            keys.insert(key);
        }
    }
    keys
}

fn has_key(table: &toml::Table, key: &str) -> bool {
    let mut parts = key.split('.');
    let Some(mut value) = parts.next().and_then(|p| table.get(p)) else {
        return false;
    };
    for part in parts {
        match value.as_table().and_then(|t| t.get(part)) {
            Some(v) => value = v,
            // A plural table or a string reached: the rest is a filter or method.
            None => return !value.is_table(),
        }
    }
    true
}

/// Postings that lack a translation into one of the site's languages.
fn untranslated(site: &Site, strict: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for i in site.published() {
        let p = site.posting(i);
        let missing: Vec<&str> = site
            .config
            .language_codes()
            // A language whose file is a draft, or not translated yet, has its own warning.
            .filter(|l| {
                p.translation(l).is_none() && !p.unpublished_languages.iter().any(|d| d == l)
            })
            .collect();
        if missing.is_empty() {
            continue;
        }
        let message = format!(
            "\"{}\" is not translated into {}",
            p.slug,
            missing.join(", ")
        );
        let d = if strict {
            Diagnostic::error(message)
        } else {
            Diagnostic::warning(message)
        };
        let first = &p.translations[0];
        let suggestion = first.source.display().to_string().replace(
            &format!(".{}.md", first.lang),
            &format!(".{}.md", missing[0]),
        );
        out.push(d.in_file(&first.source).help(format!(
            "add {suggestion} with the translated title and text; the facts are shared"
        )));
    }
    out
}

/// A posting's or page's text: its file, the page it is shown on, and the
/// files beside that page (a posting still to be published has no page yet,
/// but its attachments will be beside it once it has).
struct Text<'a> {
    source: &'a Path,
    page: String,
    beside: Vec<String>,
}

/// A link in a text: which text, where in its file, and to what.
struct Link {
    text: usize,
    span: Range<usize>,
    dest: String,
}

/// Every link of every posting and page text, each file read once.
struct Links<'a> {
    texts: Vec<Text<'a>>,
    links: Vec<Link>,
}

impl<'a> Links<'a> {
    fn read(root: &Path, site: &'a Site) -> Self {
        let mut texts = Vec::new();
        for p in &site.content.postings {
            for t in &p.translations {
                let page = urls::posting(&t.lang, &p.slug);
                let beside = p
                    .attachments
                    .iter()
                    .map(|a| format!("{page}{}", a.name))
                    .collect();
                texts.push(Text {
                    source: &t.source,
                    page,
                    beside,
                });
            }
        }
        for p in &site.content.pages {
            for t in &p.translations {
                let page = urls::page(&t.lang, &p.slug);
                texts.push(Text {
                    source: &t.source,
                    page,
                    beside: Vec::new(),
                });
            }
        }
        let mut links = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let Ok(file) = crate::files::read_text(root, text.source) else {
                continue;
            };
            let Ok(split) = crate::content::frontmatter::split(&file) else {
                continue;
            };
            let body = &file.text[split.body.clone()];
            for (event, range) in Parser::new(body).into_offset_iter() {
                let dest = match event {
                    Event::Start(Tag::Link { dest_url, .. })
                    | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
                    _ => continue,
                };
                let span = split.body.start + range.start..split.body.start + range.end;
                links.push(Link {
                    text: i,
                    span,
                    dest: dest.to_string(),
                });
            }
        }
        Links { texts, links }
    }

    /// The pages links point at with an anchor (`page#anchor`): the only
    /// pages whose anchors checking keeps.
    fn anchored_pages(&self, config: &crate::config::Config) -> HashSet<String> {
        let mut pages = HashSet::new();
        for link in &self.links {
            let page = &self.texts[link.text].page;
            if let Target::Internal {
                candidates,
                fragment: Some(_),
            } = target(&link.dest, page, config)
            {
                pages.extend(candidates);
            }
        }
        pages
    }

    /// Internal links must lead to a built page (and anchor), `mailto:` and
    /// `tel:` must be well formed. A text with a problem is read again to
    /// show its line.
    fn problems(
        &self,
        root: &Path,
        config: &crate::config::Config,
        output: &IndexSink,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for link in &self.links {
            let text = &self.texts[link.text];
            let exists = |path: &str| text.beside.iter().any(|b| b == path) || output.has(path);
            let Some(problem) = link_problem(&link.dest, &text.page, config, output, &exists)
            else {
                continue;
            };
            if let Ok(file) = crate::files::read_text(root, text.source) {
                out.push(link_error(&file, link.span.clone(), &link.dest, problem));
            }
        }
        out
    }
}

fn link_error(
    file: &SourceFile,
    span: Range<usize>,
    dest: &str,
    problem: (String, String),
) -> Diagnostic {
    let (message, help) = problem;
    Diagnostic::error(format!("the link to \"{dest}\" {message}"))
        .field("body")
        .at(file, span, "this link")
        .help(help)
}

/// Where a link leads.
enum Target<'a> {
    /// Another site: not checked offline.
    Elsewhere,
    /// A malformed link: what is wrong, and how to fix it.
    Wrong(String, String),
    /// A file of the board: the files that may serve it, and the anchor.
    Internal {
        candidates: [String; 2],
        fragment: Option<&'a str>,
    },
}

/// Where a link from the page at `page_rel` leads.
fn target<'a>(dest: &'a str, page_rel: &str, config: &crate::config::Config) -> Target<'a> {
    if let Some(address) = dest.strip_prefix("mailto:") {
        let address = address.split('?').next().unwrap_or("");
        return match crate::address::check_email(address) {
            Ok(()) => Target::Elsewhere,
            Err(why) => Target::Wrong(
                format!("is not a valid e-mail link: {why}"),
                "write it as mailto:name@example.org".into(),
            ),
        };
    }
    if let Some(number) = dest.strip_prefix("tel:") {
        return match crate::address::check_phone(number) {
            Ok(()) => Target::Elsewhere,
            Err(why) => Target::Wrong(
                format!("is not a valid phone link: {why}"),
                "write it as tel:+46701740605".into(),
            ),
        };
    }
    if dest.contains("://") || dest.starts_with("//") || dest.contains(':') {
        return Target::Elsewhere;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f).filter(|f| !f.is_empty())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target_rel = if path.is_empty() {
        page_rel.to_string()
    } else if let Some(abs) = path.strip_prefix('/') {
        let Some(inside) = format!("/{abs}")
            .strip_prefix(&config.base_path)
            .map(str::to_string)
        else {
            return Target::Wrong(
                "points outside the site".into(),
                format!("links inside the board start with {}", config.base_path),
            );
        };
        inside
    } else {
        resolve(page_rel, path)
    };
    Target::Internal {
        candidates: [
            urls::file_of(&target_rel),
            format!("{target_rel}/index.html"),
        ],
        fragment,
    }
}

/// What is wrong with a link from the page at `page_rel`, if anything.
fn link_problem(
    dest: &str,
    page_rel: &str,
    config: &crate::config::Config,
    output: &IndexSink,
    exists: &dyn Fn(&str) -> bool,
) -> Option<(String, String)> {
    let (candidates, fragment) = match target(dest, page_rel, config) {
        Target::Elsewhere => return None,
        Target::Wrong(message, help) => return Some((message, help)),
        Target::Internal {
            candidates,
            fragment,
        } => (candidates, fragment),
    };
    let Some(page) = candidates.into_iter().find(|p| exists(p)) else {
        return Some((
            "leads to no page of the board".into(),
            "check the spelling; postings are at /<lang>/jobs/<slug>/ and pages at /<lang>/<page>/"
                .into(),
        ));
    };
    let fragment = fragment?;
    (!output.has_anchor(&page, fragment)).then(|| {
        (
            format!("points at \"#{fragment}\", which is not on that page"),
            "headings get an id with {#id} after their text, e.g. ## Apply {#apply}".into(),
        )
    })
}

fn resolve(page_rel: &str, path: &str) -> String {
    let mut parts: Vec<&str> = page_rel.split('/').filter(|p| !p.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_the_page_folder() {
        assert_eq!(resolve("sv/jobs/x/", "job.pdf"), "sv/jobs/x/job.pdf");
        assert_eq!(resolve("sv/jobs/x/", "../y/"), "sv/jobs/y/");
        assert_eq!(resolve("sv/about/", "../../en/about/"), "en/about/");
    }

    #[test]
    fn template_keys_are_found_in_expressions() {
        let keys = template_keys(
            "{{ t.apply.button }} {% if t.nav.home %}{{ posting.t.x }}{{ t.page_of | fmt(n=1) }}",
        );
        assert_eq!(
            keys.into_iter().collect::<Vec<_>>(),
            vec![
                "apply.button".to_string(),
                "nav.home".to_string(),
                "page_of".to_string()
            ]
        );
    }
}
