//! Where a build may write: the output folder is replaced whole, so it must
//! be the build's own. A marker file in every build's output says it is.

use std::io;
use std::path::{Path, PathBuf};

/// The file every build leaves in its output folder. A folder holding it
/// was written by `vacancy build`, so the next build may replace it whole;
/// any other non-empty folder is refused, never deleted.
pub const MARKER: &str = ".vacancy-build";

const MARKER_FIRST_LINE: &str =
    "Written by `vacancy build`: every build replaces this whole folder.";

pub(super) fn marker_text(published: usize) -> String {
    format!("{MARKER_FIRST_LINE}\npostings = {published}\n")
}

/// What the output folder held before this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Previous {
    /// No folder, or an empty one.
    Nothing,
    /// An earlier build's site, with this many postings published.
    Build { postings: usize },
}

/// The site folders a build must never write over: the sources.
const SOURCES: &[&str] = &["content", "templates", "static", "i18n", "themes"];

/// Checks that `dest` may be replaced by a build of the site in `root`, and
/// says what it holds now. Refused: the site folder or a folder holding it,
/// a folder inside the site's sources, a file, a symbolic link, and a
/// non-empty folder that no build wrote (one without [`MARKER`]).
pub fn check_destination(root: &Path, dest: &Path) -> Result<Previous, String> {
    // As the editor wrote it: relative to the site folder when inside it.
    let shown = match dest.strip_prefix(root) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_string(),
        Ok(rel) => rel.display().to_string(),
        Err(_) => dest.display().to_string(),
    };
    let root = root
        .canonicalize()
        .map_err(|e| format!("cannot open the site folder {}: {e}", root.display()))?;
    let real = real_path(dest)?;
    if root.starts_with(&real) {
        return Err(format!(
            "the output folder {shown} is the site folder or holds it, and a build replaces \
             its output folder whole; write the site to a folder of its own, e.g. --output output"
        ));
    }
    if let Some(source) = SOURCES.iter().find(|s| real.starts_with(root.join(s))) {
        return Err(format!(
            "the output folder {shown} is inside the site's {source}/ folder, which the site \
             is built from; write the site to a folder of its own, e.g. --output output"
        ));
    }
    let metadata = match std::fs::symlink_metadata(dest) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Previous::Nothing),
        Err(e) => return Err(format!("cannot open the output folder {shown}: {e}")),
    };
    if metadata.file_type().is_symlink() {
        return Err(format!(
            "the output folder {shown} is a symbolic link, which a build would replace by a \
             folder; give the folder it leads to: --output {}",
            real.display()
        ));
    }
    if !metadata.is_dir() {
        return Err(format!(
            "the output {shown} is {}, not a folder; a build would replace it; \
             give a folder, e.g. --output output",
            crate::files::file_kind(&metadata)
        ));
    }
    if let Some(postings) = read_marker(dest) {
        return Ok(Previous::Build { postings });
    }
    let empty = std::fs::read_dir(dest)
        .map_err(|e| format!("cannot open the output folder {shown}: {e}"))?
        .next()
        .is_none();
    if empty {
        return Ok(Previous::Nothing);
    }
    Err(format!(
        "the output folder {shown} holds files that `vacancy build` did not write (it has no \
         {MARKER} file), and a build replaces its output folder whole; give an empty or new \
         folder, e.g. --output output, or empty this one first if nothing in it is needed"
    ))
}

/// Where `path` really is: its own real path when it exists, else its
/// nearest existing ancestor's real path joined with the rest.
fn real_path(path: &Path) -> Result<PathBuf, String> {
    let mut rest = Vec::new();
    let mut existing = path;
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut real = real;
            for part in rest.iter().rev() {
                real.push(part);
            }
            return Ok(real);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
            }
            _ => {
                return Err(format!(
                    "the output folder {} is not a usable path; give a folder such as --output output",
                    path.display()
                ));
            }
        }
    }
}

/// The number of postings an earlier build's [`MARKER`] says it published.
fn read_marker(dest: &Path) -> Option<usize> {
    let path = dest.join(MARKER);
    let metadata = std::fs::symlink_metadata(&path).ok()?;
    if !metadata.is_file() || metadata.len() > 1024 {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let mut lines = text.lines();
    if lines.next()? != MARKER_FIRST_LINE {
        return None;
    }
    lines
        .find_map(|l| l.strip_prefix("postings = "))
        .and_then(|n| n.trim().parse().ok())
}
