//! Watching the site's sources: `vacancy.toml` and the folders a build reads,
//! never the output or anything else in the site folder (a repository's
//! `target/` can hold more folders than inotify allows watches). Events are
//! debounced, so an editor's save by rename, its swap and backup files and a
//! burst of changes arrive as one batch of paths.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{self, EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long the files must be quiet before a batch is sent: short, since
/// the whole way from save to served page should take under 100 ms.
pub const DEBOUNCE: Duration = Duration::from_millis(30);
const TICK: Duration = Duration::from_millis(5);

/// The folders of a site that a build reads; `vacancy.toml` is watched with
/// the site folder itself.
pub const SOURCES: [&str; 5] = ["content", "templates", "static", "i18n", "themes"];

/// What the watcher tells the rebuild loop.
#[derive(Debug)]
pub enum Message {
    /// These files changed (absolute paths).
    Changed(Vec<PathBuf>),
    /// Events were lost (the kernel's queue overflowed): rebuild everything.
    Rescan,
    /// The watcher failed; the text says why.
    Error(String),
    /// The server is stopping.
    Stop,
}

pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root` and sending batches to `to`.
    pub fn start(root: &Path, to: Sender<Message>) -> notify::Result<Watcher> {
        let debouncer = new_debouncer(DEBOUNCE, Some(TICK), move |result| {
            let _ = to.send(message_of(result));
        })?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: BTreeSet::new(),
        };
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        if let Some(error) = watcher.refresh(&[]).into_iter().next() {
            return Err(error);
        }
        Ok(watcher)
    }

    /// Watches source folders created since the last call (a site may gain a
    /// `templates/` while served) and forgets removed ones; a folder among
    /// `changed` may have been replaced, so it is watched anew. Returns the
    /// folders that could not be watched (they are tried again next time).
    pub fn refresh(&mut self, changed: &[PathBuf]) -> Vec<notify::Error> {
        let mut errors = Vec::new();
        for name in SOURCES {
            let dir = self.root.join(name);
            if changed.contains(&dir) && self.watched.remove(&dir) {
                let _ = self.debouncer.unwatch(&dir);
            }
            let present = dir.is_dir();
            let known = self.watched.contains(&dir);
            if present && !known {
                match self.debouncer.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(dir);
                    }
                    // The backend often names no path: say which folder.
                    Err(e) => errors.push(e.add_path(dir)),
                }
            } else if !present && known {
                let _ = self.debouncer.unwatch(&dir);
                self.watched.remove(&dir);
            }
        }
        errors
    }
}

/// Opening and reading a file changes nothing; the build itself reads every
/// source, so reacting to reads would rebuild for ever.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn message_of(result: DebounceEventResult) -> Message {
    match result {
        Ok(events) if events.iter().any(|e| e.need_rescan()) => Message::Rescan,
        Ok(events) => Message::Changed(
            events
                .into_iter()
                .filter(|e| changes_content(&e.kind))
                .flat_map(|e| e.event.paths)
                .collect(),
        ),
        Err(errors) => Message::Error(
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        ),
    }
}
