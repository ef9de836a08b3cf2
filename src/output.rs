//! The built site in memory, and writing it so that the output folder is
//! always either the previous build or the new one. The new site is written
//! beside it into a staging folder and exchanged with the old in one atomic
//! step (`renameat2(RENAME_EXCHANGE)` on Linux; two renames elsewhere, with
//! the old site put back by the next build if one is killed in between).
//! A lock file beside the output keeps two builds from writing at once, and
//! what a killed build leaves behind is cleared by the next one under that lock.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

/// Where rendered files go: into memory (`vacancy serve`, tests) or straight
/// into the staging folder of an atomic write (`vacancy build`), so a large
/// board never has to fit in memory whole. Called from many threads at once.
pub trait Sink: Sync {
    fn put_shared(&self, path: String, bytes: Arc<[u8]>) -> io::Result<()>;

    /// A file only this sink will hold: one that writes it out need not
    /// copy it into shared memory first.
    fn put(&self, path: String, bytes: Vec<u8>) -> io::Result<()> {
        self.put_shared(path, Arc::from(bytes))
    }
}

/// A sink that collects the site in memory.
#[derive(Debug, Default)]
pub struct MemSink(std::sync::Mutex<Output>);

impl MemSink {
    pub fn into_output(self) -> Output {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemSink {
    fn put_shared(&self, path: String, bytes: Arc<[u8]>) -> io::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .add_shared(path, bytes);
        Ok(())
    }
}

/// A sink that writes each file as it comes into a fresh folder, checking
/// every path as [`Output`] does before a write, and counting what it wrote.
#[derive(Debug)]
pub struct DirSink {
    dir: PathBuf,
    /// Each path written, by its case-folded form.
    written: std::sync::Mutex<HashMap<String, String>>,
    /// The folders made so far (relative), so each is made once and not
    /// asked for again by every file written into it.
    folders: std::sync::RwLock<HashSet<String>>,
}

impl DirSink {
    /// Every path written, sorted.
    pub fn paths(&self) -> Vec<String> {
        let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        let mut paths: Vec<String> = written.values().cloned().collect();
        paths.sort();
        paths
    }

    fn write(&self, path: String, bytes: &[u8]) -> io::Result<()> {
        check_path(&path)?;
        {
            let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(other) = written.insert(path.to_lowercase(), path.clone()) {
                let (a, b) = if other <= path {
                    (other, path)
                } else {
                    (path, other)
                };
                return Err(collision(&a, &b));
            }
        }
        if let Some((folder, _)) = path.rsplit_once('/') {
            let made = self
                .folders
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .contains(folder);
            if !made {
                // Another thread may make it at the same time; both succeed.
                std::fs::create_dir_all(self.dir.join(folder))?;
                self.folders
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(folder.to_string());
            }
        }
        std::fs::write(self.dir.join(&path), bytes)
    }
}

impl Sink for DirSink {
    fn put_shared(&self, path: String, bytes: Arc<[u8]>) -> io::Result<()> {
        self.write(path, &bytes)
    }

    fn put(&self, path: String, bytes: Vec<u8>) -> io::Result<()> {
        self.write(path, &bytes)
    }
}

/// A sink for `vacancy check`: keeps, of each file, only what checking
/// needs (its path, and the anchors of a page), so checking a large board
/// takes no more memory than building it. Paths are checked as a build
/// writing them would.
#[derive(Debug, Default)]
pub struct IndexSink {
    /// Each path by its case-folded form.
    paths: std::sync::Mutex<HashMap<String, String>>,
    /// The pages whose anchors are kept.
    anchored: HashSet<String>,
    /// The `id` and `name` values of each of those pages.
    anchors: std::sync::Mutex<HashMap<String, HashSet<String>>>,
}

impl IndexSink {
    /// A sink that keeps the anchors of `pages` (paths of HTML files).
    pub fn keeping_anchors_of(pages: HashSet<String>) -> Self {
        IndexSink {
            anchored: pages,
            ..Default::default()
        }
    }

    /// Whether the site has a file at `path`.
    pub fn has(&self, path: &str) -> bool {
        let paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        paths.get(&path.to_lowercase()).is_some_and(|p| p == path)
    }

    /// Whether the page at `path` has an element with this `id` or `name`.
    pub fn has_anchor(&self, path: &str, anchor: &str) -> bool {
        let anchors = self.anchors.lock().unwrap_or_else(|e| e.into_inner());
        anchors.get(path).is_some_and(|a| a.contains(anchor))
    }
}

impl Sink for IndexSink {
    fn put_shared(&self, path: String, bytes: Arc<[u8]>) -> io::Result<()> {
        check_path(&path)?;
        {
            let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(other) = paths.insert(path.to_lowercase(), path.clone()) {
                let (a, b) = if other <= path {
                    (other, path)
                } else {
                    (path, other)
                };
                return Err(collision(&a, &b));
            }
        }
        if self.anchored.contains(&path) {
            let found = anchors_of(&String::from_utf8_lossy(&bytes));
            let mut anchors = self.anchors.lock().unwrap_or_else(|e| e.into_inner());
            anchors.insert(path, found);
        }
        Ok(())
    }
}

/// The values of `id="..."` and `name="..."` attributes in a page.
fn anchors_of(html: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    for attribute in [" id=\"", " name=\""] {
        for (at, _) in html.match_indices(attribute) {
            let rest = &html[at + attribute.len()..];
            if let Some(end) = rest.find('"') {
                out.insert(rest[..end].to_string());
            }
        }
    }
    out
}

/// Writes a site to `dest` as `render` produces it, replacing what was there
/// only once the whole new site is on disk: `render` puts its files into a
/// staging folder beside `dest`, which is then exchanged with the old site.
/// When `render` fails, the staging folder is removed and `dest` is untouched.
/// The new site carries the [`MARKER`] file with `published` postings, so a
/// later build knows the folder is its own to replace.
pub fn write_atomically<T, E>(
    dest: &Path,
    published: usize,
    render: impl FnOnce(&DirSink) -> Result<T, E>,
) -> Result<T, Written<E>> {
    let (parent, name) = parent_and_name(dest).map_err(Written::Io)?;
    std::fs::create_dir_all(&parent).map_err(Written::Io)?;
    let _lock = lock(&parent, &name).map_err(Written::Io)?;
    recover(dest, &parent, &name).map_err(Written::Io)?;
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    // A fresh folder: never write through what an earlier run left here.
    if let Err(e) = std::fs::create_dir(&staging) {
        return Err(Written::Io(e));
    }
    let sink = DirSink {
        dir: staging.clone(),
        written: Default::default(),
        folders: Default::default(),
    };
    let result = match render(&sink) {
        Ok(value) => std::fs::write(staging.join(MARKER), marker_text(published))
            .and_then(|()| swap_in(&staging, dest, &parent, &name, EXCHANGE))
            .map(|()| value)
            .map_err(Written::Io),
        Err(e) => Err(Written::Render(e)),
    };
    if result.is_err() {
        let _ = remove_any(&staging);
    }
    result
}

/// Why [`write_atomically`] left the output as it was.
#[derive(Debug)]
pub enum Written<E> {
    /// Rendering failed.
    Render(E),
    /// A file could not be written, or the output is locked by another build.
    Io(io::Error),
}

/// Every file of the built site: path relative to the output root, and bytes.
#[derive(Debug, Default, Clone)]
pub struct Output {
    /// Paths are shared strings: `vacancy serve` copies the whole map on
    /// every update, which then costs no string copies.
    pub files: BTreeMap<Arc<str>, Arc<[u8]>>,
}

impl Output {
    pub fn add(&mut self, path: String, bytes: Vec<u8>) {
        self.files.insert(Arc::from(path), Arc::from(bytes));
    }

    /// Adds every file of `other`.
    pub fn extend(&mut self, other: Output) {
        self.files.extend(other.files);
    }

    pub fn add_shared(&mut self, path: String, bytes: Arc<[u8]>) {
        self.files.insert(Arc::from(path), bytes);
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| &b[..])
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Writes the site to `dest`, replacing what was there only once the
    /// whole new site is on disk. Fails, touching nothing, when another build
    /// is writing to `dest` or a path would land outside it.
    pub fn write_atomically(&self, dest: &Path) -> io::Result<()> {
        self.check_paths()?;
        write_atomically(dest, 0, |sink| {
            self.files
                .par_iter()
                .try_for_each(|(path, bytes)| sink.put_shared(path.to_string(), bytes.clone()))
        })
        .map_err(|e| match e {
            Written::Render(e) | Written::Io(e) => e,
        })
    }

    /// Every path must stay inside the output folder, and no two may differ
    /// only in case: on a case-insensitive disk or host one would replace the other.
    fn check_paths(&self) -> io::Result<()> {
        let mut folded: HashMap<String, &str> = HashMap::new();
        for path in self.files.keys() {
            check_path(path)?;
            if let Some(other) = folded.insert(path.to_lowercase(), path) {
                return Err(collision(other, path));
            }
        }
        Ok(())
    }

    #[cfg(test)]
    fn write_into(&self, dir: &Path) -> io::Result<()> {
        // A fresh folder: never write through what an earlier run left here.
        std::fs::create_dir(dir)?;
        let mut folders: Vec<PathBuf> = self
            .files
            .keys()
            .filter_map(|p| Path::new(&**p).parent().map(Path::to_path_buf))
            .collect();
        folders.sort();
        folders.dedup();
        for folder in &folders {
            std::fs::create_dir_all(dir.join(folder))?;
        }
        self.files
            .par_iter()
            .try_for_each(|(path, bytes)| std::fs::write(dir.join(&**path), bytes))
    }
}

/// The file every build leaves in its output folder. A folder holding it
/// was written by `vacancy build`, so the next build may replace it whole;
/// any other non-empty folder is refused, never deleted.
pub const MARKER: &str = ".vacancy-build";

const MARKER_FIRST_LINE: &str =
    "Written by `vacancy build`: every build replaces this whole folder.";

fn marker_text(published: usize) -> String {
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

/// A path must stay inside the output folder, with names file systems accept.
fn check_path(path: &str) -> io::Result<()> {
    let inside = !path.is_empty()
        && !path.contains('\\')
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !inside {
        return Err(invalid(format!(
            "\"{path}\" would be written outside the output folder"
        )));
    }
    if let Some(long) = path.split('/').find(|part| part.len() > MAX_NAME_BYTES) {
        return Err(invalid(format!(
            "\"{long}\" in \"{path}\" is longer than {MAX_NAME_BYTES} bytes, more than \
             file systems allow in one name; shorten the place, slug or file name it comes from"
        )));
    }
    Ok(())
}

fn collision(a: &str, b: &str) -> io::Error {
    invalid(format!(
        "\"{a}\" and \"{b}\" differ only in case, so one would \
         overwrite the other on a case-insensitive file system; rename one"
    ))
}

/// The longest file or folder name common file systems accept (ext4, APFS, NTFS).
const MAX_NAME_BYTES: usize = 255;

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

fn parent_and_name(dest: &Path) -> io::Result<(PathBuf, String)> {
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dest
        .file_name()
        .ok_or_else(|| invalid("the output folder has no name".into()))?
        .to_string_lossy()
        .to_string();
    Ok((parent, name))
}

/// The lock file beside the output, `.<name>.lock`: held (an advisory lock,
/// released by the system however the process ends) while a build writes.
pub fn lock_path(dest: &Path) -> io::Result<PathBuf> {
    let (parent, name) = parent_and_name(dest)?;
    Ok(parent.join(format!(".{name}.lock")))
}

fn lock(parent: &Path, name: &str) -> io::Result<File> {
    let path = parent.join(format!(".{name}.lock"));
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(io::Error::new(
            io::ErrorKind::WouldBlock,
            format!(
                "another build is running: it is writing this folder and holds the lock {}; \
                 wait until it has finished, then build again",
                path.display()
            ),
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Clears what killed builds left. Runs under the lock, so no other build is
/// using any of it. If a build was killed between the two renames of the
/// fallback swap, the output folder is missing: the old site is put back.
fn recover(dest: &Path, parent: &Path, name: &str) -> io::Result<()> {
    let new = format!(".{name}.new-");
    let old = format!(".{name}.old-");
    let mut olds = Vec::new();
    for entry in std::fs::read_dir(parent)?.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        if file_name.starts_with(&new) {
            remove_any(&entry.path())?;
        } else if file_name.starts_with(&old) {
            olds.push(entry.path());
        }
    }
    if !exists(dest)?
        && let Some(previous) = olds.pop()
    {
        std::fs::rename(&previous, dest)?;
    }
    for left in olds {
        remove_any(&left)?;
    }
    Ok(())
}

fn exists(path: &Path) -> io::Result<bool> {
    match std::fs::symlink_metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

fn remove_any(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Whether to try the atomic exchange before falling back to two renames.
const EXCHANGE: bool = cfg!(target_os = "linux");

fn swap_in(
    staging: &Path,
    dest: &Path,
    parent: &Path,
    name: &str,
    exchange: bool,
) -> io::Result<()> {
    if !exists(dest)? {
        return std::fs::rename(staging, dest);
    }
    if exchange && exchange_paths(staging, dest)? {
        // `staging` now holds the old site; a kill here leaves it for the
        // next build to clear, with the new site already in place.
        let _ = remove_any(staging);
        return Ok(());
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    std::fs::rename(dest, &old)?;
    if let Err(e) = std::fs::rename(staging, dest) {
        let _ = std::fs::rename(&old, dest);
        return Err(e);
    }
    let _ = remove_any(&old);
    Ok(())
}

/// Swaps two paths in one step; `false` when the kernel or file system cannot.
#[cfg(target_os = "linux")]
fn exchange_paths(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange_paths(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_replaces_the_old_site_entirely() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("output");
        let mut first = Output::default();
        first.add("a/index.html".into(), b"one".to_vec());
        first.add("stale.html".into(), b"old".to_vec());
        first.write_atomically(&dest).unwrap();
        let mut second = Output::default();
        second.add("a/index.html".into(), b"two".to_vec());
        second.write_atomically(&dest).unwrap();
        assert_eq!(std::fs::read(dest.join("a/index.html")).unwrap(), b"two");
        assert!(!dest.join("stale.html").exists());
        assert_eq!(names_in(tmp.path()), ["output"]);
    }

    /// The names in a folder, besides the lock file, sorted.
    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n != ".output.lock")
            .collect();
        names.sort();
        names
    }

    fn site(text: &str) -> Output {
        let mut o = Output::default();
        o.add("index.html".into(), text.as_bytes().to_vec());
        o.add("sv/jobs/x/index.html".into(), text.as_bytes().to_vec());
        o
    }

    #[test]
    fn paths_that_leave_the_output_folder_are_refused_before_anything_is_written() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("output");
        for bad in [
            "../escape.html",
            "/etc/passwd",
            "a/../../b",
            "",
            "./a",
            "a\\..\\b",
        ] {
            let mut o = site("x");
            o.add(bad.into(), b"bad".to_vec());
            let e = o.write_atomically(&dest).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{bad}");
            assert!(e.to_string().contains("outside the output folder"), "{e}");
            assert!(names_in(tmp.path()).is_empty(), "{bad}");
        }
    }

    #[test]
    fn a_name_longer_than_file_systems_allow_is_refused_with_the_path() {
        let tmp = tempfile::tempdir().unwrap();
        let mut o = site("x");
        let long = "a".repeat(256);
        o.add(format!("sv/locations/{long}/index.html"), b"1".to_vec());
        let e = o.write_atomically(&tmp.path().join("output")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with(&format!("\"{long}\" in \"sv/locations/")),
            "{e}"
        );
        assert!(names_in(tmp.path()).is_empty());
    }

    #[test]
    fn paths_that_differ_only_in_case_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let mut o = site("x");
        o.add("sv/jobs/x/CV.pdf".into(), b"1".to_vec());
        o.add("sv/jobs/x/cv.pdf".into(), b"2".to_vec());
        let e = o.write_atomically(&tmp.path().join("output")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"sv/jobs/x/CV.pdf\" and \"sv/jobs/x/cv.pdf\" differ only in case, so one would \
             overwrite the other on a case-insensitive file system; rename one"
        );
    }

    #[test]
    fn a_second_writer_is_told_another_build_is_running_and_changes_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("output");
        site("one").write_atomically(&dest).unwrap();
        let held = File::create(lock_path(&dest).unwrap()).unwrap();
        held.lock().unwrap();
        let e = site("two").write_atomically(&dest).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::WouldBlock);
        assert!(e.to_string().starts_with("another build is running"), "{e}");
        assert_eq!(std::fs::read(dest.join("index.html")).unwrap(), b"one");
        drop(held);
        site("two").write_atomically(&dest).unwrap();
        assert_eq!(std::fs::read(dest.join("index.html")).unwrap(), b"two");
    }

    #[test]
    fn the_two_rename_fallback_replaces_the_site_too() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("output");
        site("one").write_atomically(&dest).unwrap();
        let staging = tmp.path().join(".output.new-1");
        site("two").write_into(&staging).unwrap();
        swap_in(&staging, &dest, tmp.path(), "output", false).unwrap();
        assert_eq!(std::fs::read(dest.join("index.html")).unwrap(), b"two");
        assert_eq!(names_in(tmp.path()), ["output"]);
    }

    #[test]
    fn leftovers_of_killed_builds_are_cleared_and_a_missing_site_is_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let dest = tmp.path().join("output");
        // Killed between the fallback's two renames: no output, the old site
        // set aside, the new one staged.
        site("old")
            .write_into(&tmp.path().join(".output.old-7"))
            .unwrap();
        site("half")
            .write_into(&tmp.path().join(".output.new-7"))
            .unwrap();
        std::fs::write(tmp.path().join(".output.new-8"), b"a file").unwrap();
        site("next").write_atomically(&dest).unwrap();
        assert_eq!(std::fs::read(dest.join("index.html")).unwrap(), b"next");
        assert_eq!(names_in(tmp.path()), ["output"]);

        let _ = std::fs::remove_dir_all(&dest);
        site("old")
            .write_into(&tmp.path().join(".output.old-9"))
            .unwrap();
        let _lock = lock(tmp.path(), "output").unwrap();
        recover(&dest, tmp.path(), "output").unwrap();
        assert_eq!(std::fs::read(dest.join("index.html")).unwrap(), b"old");
        assert_eq!(names_in(tmp.path()), ["output"]);
    }
}
