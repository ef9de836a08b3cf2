//! Where the built site goes: a [`Sink`] that takes each file as it is made,
//! into memory ([`MemSink`], the live preview and tests), onto disk through
//! an atomic swap ([`atomic`], `vacancy build`), or into an index of paths
//! and anchors ([`index`], `vacancy check`); and which output folders a build
//! may replace ([`destination`]).

mod atomic;
mod destination;
mod index;

pub use atomic::{DirSink, Written, lock_path, write_atomically};
pub use destination::{MARKER, Previous, check_destination};
pub use index::IndexSink;

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Component, Path};
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
        let mut folders: Vec<std::path::PathBuf> = self
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

/// Checks a path a sink is given and records it by its case-folded form:
/// two paths that differ only in case are refused, as a case-insensitive
/// disk or host would keep only one of them.
fn record(paths: &std::sync::Mutex<HashMap<String, String>>, path: &str) -> io::Result<()> {
    check_path(path)?;
    let mut paths = paths.lock().unwrap_or_else(|e| e.into_inner());
    match paths.insert(path.to_lowercase(), path.to_string()) {
        Some(other) if other.as_str() <= path => Err(collision(&other, path)),
        Some(other) => Err(collision(path, &other)),
        None => Ok(()),
    }
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

#[cfg(not(target_os = "linux"))]
fn exchange_paths(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}
