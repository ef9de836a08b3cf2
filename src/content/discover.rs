//! Finding content files: a walk of `content/postings/` (and `pages/`) that
//! follows no links, names checked as web-address slugs, languages checked
//! against the site's, and one file per slug and language.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Found, is_ignored};
use crate::config::{Config, is_slug};
use crate::diagnostic::{Diagnostic, did_you_mean};

/// Finds `<slug>.<lang>.md` files (and, for postings, `<slug>/index.<lang>.md`).
pub(super) fn discover(
    root: &Path,
    dir: &str,
    folders: bool,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Found> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Vec::new();
    }
    let entries = walk(&base, dir, folders, diagnostics);
    let lowercase = valid_slugs(
        entries
            .iter()
            .filter(|e| e.depth() == 1)
            .map(walkdir::DirEntry::file_name),
        dir,
    );
    let twin = |slug: &str| lowercase.get(&slug.to_lowercase()).cloned();
    let mut found = Vec::new();
    for entry in entries {
        let name = entry.file_name().to_string_lossy().to_string();
        if is_ignored(&name) {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        if entry.file_type().is_dir() && !entry.path_is_symlink() {
            if folders && entry.depth() == 1 {
                check_slug(&name, &rel, twin(&name), diagnostics);
            }
            continue;
        }
        match content_file(&entry, &name, rel, config, &twin) {
            Ok(Some(f)) => found.push(f),
            Ok(None) => {}
            Err(d) => diagnostics.push(d),
        }
    }
    check_duplicates(&found, diagnostics);
    found
}

/// Every entry under `base` (to the depth of posting folders), in the order
/// of a walk that sorts each folder by name. Sorted here rather than by the
/// walk, whose comparisons split both paths into components every time
/// (half of discovering): by the path's bytes with each separator lowest,
/// which orders paths component by component.
fn walk(
    base: &Path,
    dir: &str,
    folders: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<walkdir::DirEntry> {
    let walker = walkdir::WalkDir::new(base)
        .min_depth(1)
        .max_depth(if folders { 2 } else { 1 });
    let mut entries = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) => entries.push(e),
            Err(e) => diagnostics
                .push(Diagnostic::error(format!("cannot read the folder: {e}")).in_file(dir)),
        }
    }
    entries.sort_by_cached_key(|e| {
        let mut key = e.path().as_os_str().as_encoded_bytes().to_vec();
        for b in &mut key {
            if std::path::is_separator(char::from(*b)) {
                *b = 0;
            }
        }
        key
    });
    entries
}

/// What a file found in the walk is: a content file to read, nothing (an
/// attachment), or a problem (a linked folder, a badly named file).
fn content_file(
    entry: &walkdir::DirEntry,
    name: &str,
    rel: PathBuf,
    config: &Config,
    twin: &dyn Fn(&str) -> Option<PathBuf>,
) -> Result<Option<Found>, Diagnostic> {
    let in_folder = entry.depth() == 2;
    if entry.path_is_symlink() && entry.path().is_dir() {
        return Err(
            Diagnostic::error(format!("{} is a link to a folder", rel.display()))
                .in_file(&rel)
                .help("links to folders are not followed; move or copy the folder into content/"),
        );
    }
    let Some(stem) = name.strip_suffix(".md") else {
        if in_folder {
            return Ok(None);
        }
        return Err(Diagnostic::warning(
            "this is not a Markdown file (.md), so it is not read".to_string(),
        )
        .in_file(&rel)
        .help("attachments go into a posting folder: <slug>/index.<lang>.md plus the file"));
    };
    let (slug, lang) = if in_folder {
        folder_names(entry, stem, &rel)?
    } else {
        flat_names(stem, &rel, config)?
    };
    if !in_folder {
        check_slug_of(&slug, &rel, twin(&slug))?;
    }
    check_language(&lang, &rel, config)?;
    let folder = in_folder
        .then(|| entry.path().parent().map(Path::to_path_buf))
        .flatten();
    Ok(Some(Found {
        slug,
        lang,
        rel,
        folder,
        linked: entry.path_is_symlink(),
    }))
}

/// The slug and language of `<slug>/index.<lang>.md`.
fn folder_names(
    entry: &walkdir::DirEntry,
    stem: &str,
    rel: &Path,
) -> Result<(String, String), Diagnostic> {
    let folder = entry.path().parent().and_then(Path::file_name);
    let slug = folder
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    match stem.strip_prefix("index.") {
        Some(lang) => Ok((slug, lang.to_string())),
        None => Err(
            Diagnostic::error(format!("{} is not a posting file", rel.display()))
                .in_file(rel)
                .help("inside a posting folder, the text is in index.<lang>.md, e.g. index.sv.md"),
        ),
    }
}

/// The slug and language of `<slug>.<lang>.md`.
fn flat_names(stem: &str, rel: &Path, config: &Config) -> Result<(String, String), Diagnostic> {
    match stem.rsplit_once('.') {
        Some((slug, lang)) => Ok((slug.to_string(), lang.to_string())),
        None => {
            let first = &config.default_language;
            Err(
                Diagnostic::error(format!("{} does not say its language", rel.display()))
                    .in_file(rel)
                    .help(format!("name it <slug>.<lang>.md, e.g. {stem}.{first}.md")),
            )
        }
    }
}

/// The language in a file name must be one of the site's.
fn check_language(lang: &str, rel: &Path, config: &Config) -> Result<(), Diagnostic> {
    if config.language(lang).is_some() {
        return Ok(());
    }
    let codes: Vec<&str> = config.language_codes().collect();
    let help = match did_you_mean(lang, codes.iter().copied()) {
        Some(close) => format!(
            "did you mean \"{close}\"? The site's languages are: {}",
            codes.join(", ")
        ),
        None => format!(
            "the site's languages are: {}; add the language to vacancy.toml first",
            codes.join(", ")
        ),
    };
    Err(Diagnostic::error(format!(
        "\"{lang}\" in the file name is not one of the site's languages"
    ))
    .in_file(rel)
    .help(help))
}

/// Of the posting or page names directly in `dir` (`names`, in name order,
/// from the walk), those that are valid slugs, each with the first file or
/// folder that has it: an invalid name that differs from one of them only in
/// case is reported with it.
fn valid_slugs<'a>(
    names: impl Iterator<Item = &'a std::ffi::OsStr>,
    dir: &str,
) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    for name in names {
        let name = name.to_string_lossy();
        let slug = match name.strip_suffix(".md") {
            Some(stem) => stem.rsplit_once('.').map_or(stem, |(slug, _)| slug),
            None => &name,
        };
        if is_slug(slug) {
            out.entry(slug.to_string())
                .or_insert_with(|| Path::new(dir).join(&*name));
        }
    }
    out
}

fn check_slug(
    slug: &str,
    rel: &Path,
    twin: Option<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    match check_slug_of(slug, rel, twin) {
        Ok(()) => true,
        Err(d) => {
            diagnostics.push(d);
            false
        }
    }
}

/// A posting or page name must be usable in a web address.
fn check_slug_of(slug: &str, rel: &Path, twin: Option<PathBuf>) -> Result<(), Diagnostic> {
    if is_slug(slug) {
        return Ok(());
    }
    let better = slug::slugify(slug);
    let message = match twin {
        Some(twin) => format!(
            "\"{slug}\" cannot be used in a web address, and differs only in case from {}",
            twin.display()
        ),
        None => format!("\"{slug}\" cannot be used in a web address"),
    };
    Err(Diagnostic::error(message).in_file(rel).help(format!(
        "rename it using lowercase letters, digits and hyphens only, e.g. \"{better}\""
    )))
}

/// Two files for one slug and language (`x.sv.md` and `x/index.sv.md`).
pub(super) fn check_duplicates(found: &[Found], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<(&str, &str), &Path> = BTreeMap::new();
    for f in found {
        if let Some(other) = seen.insert((&f.slug, &f.lang), &f.rel) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "two files give the \"{}\" version of \"{}\": {} and {}",
                    f.lang,
                    f.slug,
                    other.display(),
                    f.rel.display()
                ))
                .in_file(&f.rel)
                .help("each posting has one file per language; remove or rename one of them"),
            );
        }
    }
}
