//! Writing the site so that the output folder is always either the previous
//! build or the new one: the new site is written beside it into a staging
//! folder and exchanged with the old in one atomic step
//! (`renameat2(RENAME_EXCHANGE)` on Linux; two renames elsewhere, with the
//! old site put back by the next build if one is killed in between). A lock
//! file beside the output keeps two builds from writing at once, and what a
//! killed build leaves behind is cleared by the next one under that lock.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::destination::{MARKER, marker_text};
use super::{Sink, invalid, record};

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

impl DirSink {
    /// Every path written, sorted.
    pub fn paths(&self) -> Vec<String> {
        let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        let mut paths: Vec<String> = written.values().cloned().collect();
        paths.sort();
        paths
    }

    fn write(&self, path: String, bytes: &[u8]) -> io::Result<()> {
        record(&self.written, &path)?;
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

#[cfg(test)]
mod tests {
    use super::super::Output;
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
