//! Loading `content/`: finding posting and page files (walkdir), reading them
//! in parallel, validating each, and merging translations. Every problem of
//! every file is collected; nothing is rendered from invalid content.

pub mod attachments;
mod discover;
pub mod frontmatter;
pub mod nesting;
pub mod page;
pub mod posting;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, SourceFile, did_you_mean};
use crate::files::{file_kind, read_text};
use crate::model::{Attachment, Content};
use discover::{check_duplicates, discover};

pub const POSTINGS_DIR: &str = "content/postings";
pub const PAGES_DIR: &str = "content/pages";

/// One content file found on disk: a language version of a posting or page.
#[derive(Debug, Clone)]
pub struct Doc {
    pub slug: String,
    pub lang: String,
    pub file: SourceFile,
    /// Files published beside the page (postings in a folder only).
    pub attachments: Vec<Attachment>,
}

/// A content file before it is read.
#[derive(Debug, Clone)]
struct Found {
    slug: String,
    lang: String,
    /// Relative to the site root.
    rel: PathBuf,
    folder: Option<PathBuf>,
    /// Whether the path may pass through a symbolic link, so that where it
    /// really leads must be checked. A walk of `content/` follows no links,
    /// and linked content folders are refused, so only a linked file can.
    linked: bool,
}

/// The error for a site without a `content/` folder, which would build an
/// empty board (a wrong `--root`, a folder renamed by mistake).
pub fn missing_folder(root: &Path) -> Option<Diagnostic> {
    let problem = match std::fs::symlink_metadata(root.join("content")) {
        Ok(m) if m.is_dir() => return None,
        // A link is reported by `load`, which never follows one.
        Ok(m) if m.file_type().is_symlink() => return None,
        Ok(m) => format!("content is {}, not a folder", file_kind(&m)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            "the site has no content/ folder, so the board would have no postings".to_string()
        }
        Err(e) => format!("cannot open the content/ folder: {e}"),
    };
    Some(Diagnostic::error(problem).in_file("content").help(
        "postings go in content/postings/ of the site folder (check --root); \
         to build a board without postings on purpose, add --allow-empty",
    ))
}

/// `content/`, `content/postings/` and `content/pages/` as symbolic links:
/// links to folders are never followed, so a link cannot make the build read
/// (and print the names of) files elsewhere on the machine.
fn linked_folders(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> bool {
    let mut any = false;
    for dir in ["content", POSTINGS_DIR, PAGES_DIR] {
        let linked =
            std::fs::symlink_metadata(root.join(dir)).is_ok_and(|m| m.file_type().is_symlink());
        if linked {
            any = true;
            diagnostics.push(
                Diagnostic::error(format!("{dir} is a symbolic link"))
                    .in_file(dir)
                    .help(format!(
                        "links to folders are not followed; make {dir} a real folder and \
                         move the files into it"
                    )),
            );
        }
    }
    any
}

/// Reads and validates everything under `content/`: the content and its
/// warnings, or every problem found.
pub fn load(root: &Path, config: &Config) -> Result<(Content, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    if linked_folders(root, &mut diagnostics) {
        return Err(diagnostics);
    }
    unread_entries(root, &mut diagnostics);
    let postings_found = discover(root, POSTINGS_DIR, true, config, &mut diagnostics);
    crate::memory::fit_to(postings_found.len());
    let pages_found = discover(root, PAGES_DIR, false, config, &mut diagnostics);

    let postings = read_postings(root, &postings_found, config, &mut diagnostics);

    let pages = page::load(
        root,
        &pages_found_docs(root, &pages_found, &mut diagnostics),
        config,
        &mut diagnostics,
    );

    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    Ok((Content { postings, pages }, diagnostics))
}

/// The folders `content/` holds that are read.
const CONTENT_FOLDERS: &[&str] = &["postings", "pages"];

/// Anything directly in `content/` besides `postings/` and `pages/` is
/// never read: a warning names each (with the folder it was likely meant to
/// be), so that a misspelt folder does not hide its postings silently.
fn unread_entries(root: &Path, diagnostics: &mut Vec<Diagnostic>) {
    let Ok(entries) = std::fs::read_dir(root.join("content")) else {
        return;
    };
    let mut names: Vec<(String, bool)> = entries
        .flatten()
        .map(|e| {
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            (e.file_name().to_string_lossy().to_string(), is_dir)
        })
        .filter(|(name, _)| !CONTENT_FOLDERS.contains(&name.as_str()) && !is_ignored(name))
        .collect();
    names.sort();
    for (name, is_dir) in names {
        let rel = Path::new("content").join(&name);
        let help = match did_you_mean(&name, CONTENT_FOLDERS.iter().copied()) {
            Some(close) if is_dir => format!(
                "did you mean `content/{close}/`? Rename the folder, or move its files into content/{close}/"
            ),
            _ if is_dir => "postings go in content/postings/ and plain pages in content/pages/; \
                 move the files there"
                .to_string(),
            _ => "postings go in content/postings/<slug>.<lang>.md and plain pages in \
                 content/pages/<slug>.<lang>.md; move the file there"
                .to_string(),
        };
        let what = if is_dir { "folder" } else { "file" };
        diagnostics.push(
            Diagnostic::warning(format!("this {what} is not read"))
                .in_file(&rel)
                .help(help),
        );
    }
}

fn pages_found_docs(root: &Path, found: &[Found], diagnostics: &mut Vec<Diagnostic>) -> Vec<Doc> {
    let read: Vec<_> = found.par_iter().map(|f| read_doc(root, f)).collect();
    let mut docs = Vec::new();
    for (doc, ds) in read {
        docs.extend(doc);
        diagnostics.extend(ds);
    }
    docs
}

/// Reads posting files in parallel and merges the translations of each posting.
fn read_postings(
    root: &Path,
    found: &[Found],
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<crate::model::Posting> {
    // Reading, front matter and the body's checks, file by file in parallel.
    // Each file read is boxed: the loops below move every one of them on
    // one thread (20,000 at a large board), and a box moves as one word.
    let read: Vec<(Option<Box<posting::RawPosting>>, Vec<Diagnostic>)> = found
        .par_iter()
        .map(|f| {
            let (doc, mut ds) = read_doc(root, f);
            let raw = doc.and_then(|doc| posting::read(doc, config, &mut ds));
            (raw.map(Box::new), ds)
        })
        .collect();
    let mut raws = Vec::with_capacity(read.len());
    let mut unreadable = BTreeSet::new();
    // A folder's attachments are read with each language's file; a problem
    // with one is reported once.
    let mut reported = BTreeSet::new();
    for ((raw, ds), f) in read.into_iter().zip(found) {
        match raw {
            Some(raw) => raws.push(raw),
            None => {
                unreadable.insert(f.slug.clone());
            }
        }
        diagnostics.extend(ds.into_iter().filter(|d| {
            !d.labels.is_empty() || reported.insert((d.message.clone(), d.path.clone()))
        }));
    }
    merge_postings(raws, &unreadable, config, diagnostics)
}

/// Reads and merges only the postings named `slugs`, for the live preview.
/// A slug without files (deleted) or marked draft comes back as `None`.
pub fn load_postings(
    root: &Path,
    config: &Config,
    slugs: &BTreeSet<String>,
) -> Result<Vec<(String, Option<crate::model::Posting>)>, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut found = Vec::new();
    for slug in slugs {
        let folder = Path::new(POSTINGS_DIR).join(slug);
        for lang in config.language_codes() {
            let flat = Path::new(POSTINGS_DIR).join(format!("{slug}.{lang}.md"));
            let inner = folder.join(format!("index.{lang}.md"));
            for (rel, in_folder) in [(flat, false), (inner, true)] {
                if root.join(&rel).is_file() {
                    found.push(Found {
                        slug: slug.clone(),
                        lang: lang.to_string(),
                        rel,
                        folder: in_folder.then(|| root.join(&folder)),
                        // Not found by a walk: any part of the path may be a link.
                        linked: true,
                    });
                }
            }
        }
    }
    check_duplicates(&found, &mut diagnostics);
    let postings = read_postings(root, &found, config, &mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let mut by_slug: BTreeMap<String, crate::model::Posting> =
        postings.into_iter().map(|p| (p.slug.clone(), p)).collect();
    Ok(slugs
        .iter()
        .map(|s| (s.clone(), by_slug.remove(s)))
        .collect())
}

/// The posting a changed path under `content/postings/` belongs to.
pub fn posting_slug_of(rel: &Path) -> Option<String> {
    let rest = rel.strip_prefix(POSTINGS_DIR).ok()?;
    let first = rest.components().next()?.as_os_str().to_str()?;
    if is_ignored(first) {
        return None;
    }
    let slug = match first.strip_suffix(".md") {
        Some(stem) => stem.rsplit_once('.').map_or(stem, |(slug, _)| slug),
        None => first,
    };
    Some(slug.to_string())
}

/// Groups posting files by slug and merges each group; drafts are dropped.
/// A posting with a file that could not be read is not merged: its facts may
/// stand in that file, so the other files would be reported as lacking them.
// Boxed on purpose: see `read_postings`.
#[allow(clippy::vec_box)]
fn merge_postings(
    raws: Vec<Box<posting::RawPosting>>,
    unreadable: &BTreeSet<String>,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<crate::model::Posting> {
    let mut groups: BTreeMap<String, Vec<Box<posting::RawPosting>>> = BTreeMap::new();
    for raw in raws
        .into_iter()
        .filter(|r| !unreadable.contains(&r.doc.slug))
    {
        groups.entry(raw.doc.slug.clone()).or_default().push(raw);
    }
    let order = |lang: &str| config.languages.iter().position(|l| l.code == lang);
    let merged: Vec<(Option<crate::model::Posting>, Vec<Diagnostic>)> = groups
        .into_par_iter()
        .map(|(_, files)| {
            let draft = posting::is_draft(files.iter().map(|f| &**f));
            let mut ds = posting::placeholders(files.iter().map(|f| &**f), draft);
            if draft {
                return (None, ds);
            }
            let mut files: Vec<posting::RawPosting> = files.into_iter().map(|f| *f).collect();
            files.sort_by_key(|f| order(&f.doc.lang));
            let posting = posting::merge(&mut files, config, &mut ds);
            (posting, ds)
        })
        .collect();
    let mut postings = Vec::new();
    for (p, ds) in merged {
        postings.extend(p);
        diagnostics.extend(ds);
    }
    postings
}

/// Hidden files, editor backups and swap files.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

fn read_doc(root: &Path, found: &Found) -> (Option<Doc>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if found.linked
        && let Err(d) = check_inside_content(root, &found.rel)
    {
        return (None, vec![d]);
    }
    let file = match read_text(root, &found.rel) {
        Ok(f) => f,
        Err(d) => return (None, vec![d]),
    };
    let attachments = match &found.folder {
        Some(folder) => attachments::read(root, folder, &mut diagnostics),
        None => Vec::new(),
    };
    let doc = Doc {
        slug: found.slug.clone(),
        lang: found.lang.clone(),
        file,
        attachments,
    };
    (Some(doc), diagnostics)
}

/// Content is read only from inside `content/`: a file reached through a
/// symbolic link (or a linked folder) that leads elsewhere is an error, so a
/// merged pull request cannot publish `/etc/passwd` or a deploy key.
fn check_inside_content(root: &Path, rel: &Path) -> Result<(), Diagnostic> {
    let not_found = |e: std::io::Error| {
        Diagnostic::error(format!("cannot read the file: {e}"))
            .in_file(rel)
            .help("if it is a symbolic link, it points to nothing")
    };
    let content = root.join("content").canonicalize().map_err(not_found)?;
    let real = root.join(rel).canonicalize().map_err(not_found)?;
    if real.starts_with(&content) {
        return Ok(());
    }
    Err(Diagnostic::error(format!(
        "{} leads outside content/, to {}",
        rel.display(),
        real.display()
    ))
    .in_file(rel)
    .help("symbolic links are followed only to files inside content/; copy the file into content/ instead"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &[u8]) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn config() -> Config {
        let text = "base_url = \"https://example.se/\"\ndefault_language = \"sv\"\n\
                    title = \"Jobs\"\n[[languages]]\ncode = \"sv\"\nname = \"Svenska\"\n\
                    [[languages]]\ncode = \"en\"\nname = \"English\"\n\
                    [organization]\nname = \"Verket\"\n";
        Config::parse(&SourceFile::new("vacancy.toml", text)).unwrap()
    }

    /// A posting file saved as Latin-1: "ä" in the title is the single byte 0xE4.
    fn latin1(facts: &str) -> Vec<u8> {
        let mut bytes = b"+++\ntitle = \"Handl".to_vec();
        bytes.push(0xe4);
        bytes.extend(format!("ggare\"\n{facts}+++\n").as_bytes());
        bytes
    }

    #[test]
    fn a_file_that_is_not_utf8_is_reported_at_the_first_bad_character() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "x.sv.md", &latin1(""));
        let d = read_text(tmp.path(), Path::new("x.sv.md")).unwrap_err();
        assert_eq!(d.message, "the file is not valid UTF-8 text (line 2)");
        assert_eq!(d.file(), Some(Path::new("x.sv.md")));
        assert_eq!(d.line_column(), Some((2, 15)));
        assert!(
            d.render().contains("title = \"Handl\u{fffd}ggare\""),
            "{}",
            d.render()
        );
    }

    #[test]
    fn a_translation_is_not_blamed_for_facts_in_a_file_that_cannot_be_read() {
        let tmp = tempfile::tempdir().unwrap();
        let facts = "published = 2026-02-01\ndeadline = 2026-03-20\nlocations = [\"Malmö\"]\n\
                     employment = \"permanent\"\nextent = \"full-time\"\n";
        let broken = format!("+++\ntitle = \"Handläggare\n{facts}+++\n");
        write(tmp.path(), "content/postings/x.sv.md", broken.as_bytes());
        write(
            tmp.path(),
            "content/postings/x.en.md",
            b"+++\ntitle = \"Officer\"\n+++\n",
        );
        write(tmp.path(), "content/postings/y.sv.md", &latin1(facts));
        write(
            tmp.path(),
            "content/postings/y.en.md",
            b"+++\ntitle = \"Officer\"\n+++\n",
        );
        let errors = load(tmp.path(), &config()).unwrap_err();
        let files: Vec<String> = errors
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.file().unwrap().display().to_string())
            .collect();
        assert_eq!(
            files,
            ["content/postings/x.sv.md", "content/postings/y.sv.md"],
            "{errors:#?}"
        );
    }

    #[test]
    fn editor_backup_and_swap_files_are_ignored() {
        for name in [".x.sv.md.swp", "x.sv.md~", "#x.sv.md#", ".DS_Store"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("x.sv.md"));
    }
}
