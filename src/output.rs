//! The built site in memory, and writing it so that the output folder is
//! always either the previous build or the new one: the new site is written
//! beside it and swapped in with renames at the end.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

/// Every file of the built site: path relative to the output root, and bytes.
#[derive(Debug, Default, Clone)]
pub struct Output {
    pub files: BTreeMap<String, Arc<[u8]>>,
}

impl Output {
    pub fn add(&mut self, path: String, bytes: Vec<u8>) {
        self.files.insert(path, Arc::from(bytes));
    }

    pub fn add_shared(&mut self, path: String, bytes: Arc<[u8]>) {
        self.files.insert(path, bytes);
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

    /// Number of HTML pages under a language prefix (`sv/`).
    pub fn pages_in(&self, lang: &str) -> usize {
        let prefix = format!("{lang}/");
        self.files
            .keys()
            .filter(|p| p.starts_with(&prefix) && p.ends_with(".html"))
            .count()
    }

    /// Writes the site to `dest`, replacing what was there only once the
    /// whole new site is on disk.
    pub fn write_atomically(&self, dest: &Path) -> io::Result<()> {
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = dest
            .file_name()
            .ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidInput, "the output folder has no name")
            })?
            .to_string_lossy()
            .to_string();
        remove_leftovers(&parent, &name);
        let pid = std::process::id();
        let staging = parent.join(format!(".{name}.new-{pid}"));
        let result = self
            .write_into(&staging)
            .and_then(|()| swap_in(&staging, dest, &parent, &name, pid));
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&staging);
        }
        result
    }

    fn write_into(&self, dir: &Path) -> io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let mut folders: Vec<PathBuf> = self
            .files
            .keys()
            .filter_map(|p| Path::new(p).parent().map(Path::to_path_buf))
            .collect();
        folders.sort();
        folders.dedup();
        for folder in &folders {
            std::fs::create_dir_all(dir.join(folder))?;
        }
        self.files
            .par_iter()
            .try_for_each(|(path, bytes)| std::fs::write(dir.join(path), bytes))
    }
}

fn swap_in(staging: &Path, dest: &Path, parent: &Path, name: &str, pid: u32) -> io::Result<()> {
    if dest.exists() {
        let old = parent.join(format!(".{name}.old-{pid}"));
        std::fs::rename(dest, &old)?;
        if let Err(e) = std::fs::rename(staging, dest) {
            let _ = std::fs::rename(&old, dest);
            return Err(e);
        }
        std::fs::remove_dir_all(&old)?;
    } else {
        std::fs::rename(staging, dest)?;
    }
    Ok(())
}

/// Removes staging folders that a killed build left behind.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let new = format!(".{name}.new-");
        let old = format!(".{name}.old-");
        if file_name.starts_with(&new) || file_name.starts_with(&old) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
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
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("output")]);
    }
}
