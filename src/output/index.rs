//! The sink `vacancy check` renders into: of each file only what checking
//! needs (its path, and the anchors of the pages links point at), so that
//! checking a large board takes no more memory than building it.

use std::collections::{HashMap, HashSet};
use std::io;
use std::sync::Arc;

use super::{Sink, record};

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
        record(&self.paths, &path)?;
        if self.anchored.contains(&path) {
            let found = anchors_of(&String::from_utf8_lossy(&bytes));
            let mut anchors = self.anchors.lock().unwrap_or_else(|e| e.into_inner());
            anchors.insert(path, found);
        }
        Ok(())
    }
}
