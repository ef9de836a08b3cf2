//! `vacancy serve`, the live preview: builds the site into memory, serves it
//! over HTTP, watches the sources and patches the site on every change (see
//! [`crate::incremental`]), and tells open pages to reload, or to show the
//! problems over the last good version when a change does not build.
//!
//! Three threads share one [`Status`] through a watch channel: the watcher's
//! (debounced batches of changed paths), the rebuild loop (the only writer)
//! and the HTTP server (tokio, many connections, readers only). The site is
//! served under its own sub-path at `http://<address>:<port>/<sub-path>/`, so
//! what works in the preview works when published. On a loopback address it
//! answers only requests for that address or `localhost` (see `host.rs`), and
//! every response carries the headers recommended for hosting (see
//! [`HEADERS`]).

mod conn;
mod host;
mod http;
pub mod paths;
mod watcher;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use tokio::sync::{oneshot, watch};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Failed};
use crate::incremental::{Change, Session, Update, classify};
use crate::output::Output;
use watcher::{Message, Watcher};

pub use conn::Limits;
pub use http::{ADMIN_CSP, HEADERS, PREFIX, inject};
pub use watcher::{DEBOUNCE, SOURCES};

/// How to serve a site.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder (holding `vacancy.toml`).
    pub root: PathBuf,
    /// The address to listen on; 127.0.0.1 unless changed on purpose.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// A fixed moment to build for; `None` follows the clock.
    pub now: Option<DateTime<FixedOffset>>,
    /// Timeouts and the connection cap; see [`Limits`].
    pub limits: Limits,
}

/// What happened, for the terminal: the library itself never prints.
#[derive(Debug)]
pub enum Report {
    /// The site was built or patched.
    Updated(Update),
    /// A change did not build; the last good site stays served.
    Failed(Failed),
    /// `base_url`'s sub-path changed, so the site moved to this address.
    Moved(String),
    /// Watching the files failed; changes may be missed.
    Watch(String),
}

/// What the preview serves now, and how it got there.
#[derive(Debug, Clone, Default)]
pub struct Status {
    /// Counts the site versions served; pages know the one they came from.
    pub generation: u64,
    /// The site's sub-path (`/` or `/jobs/`).
    pub base_path: String,
    /// The last good site, if one was built.
    pub output: Option<Arc<Output>>,
    /// The last update that changed the site.
    pub update: Option<Update>,
    /// The problems of the last change, if it failed; empty when it built.
    pub problems: Vec<Problem>,
}

/// One diagnostic as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: &'static str,
    /// The file, relative to the site folder.
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
    /// The diagnostic exactly as the terminal shows it.
    pub text: String,
}

impl Problem {
    fn of(d: &Diagnostic) -> Problem {
        let (line, column) = d.line_column().unzip();
        Problem {
            severity: if d.is_error() { "error" } else { "warning" },
            file: d.file().map(|f| f.display().to_string()),
            line,
            column,
            message: d.message.clone(),
            help: d.help.clone(),
            text: d.render(),
        }
    }
}

impl Status {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// What open pages need to know: which version is current, and what is wrong.
    pub fn event_json(&self) -> serde_json::Value {
        serde_json::json!({
            "generation": self.generation,
            "ok": self.is_ok(),
            "errors": self.problems,
        })
    }

    /// The status as `/__vacancy/status` sends it: with the last update's files.
    pub fn to_json(&self) -> serde_json::Value {
        let update = self.update.as_ref().map(|u| {
            serde_json::json!({
                "full": u.full,
                "rendered": u.rendered,
                "removed": u.removed,
                "elapsed_ms": u.elapsed.as_secs_f64() * 1000.0,
            })
        });
        serde_json::json!({
            "generation": self.generation,
            "ok": self.is_ok(),
            "base_path": self.base_path,
            "update": update,
            "errors": self.problems,
        })
    }
}

/// Why the preview could not start.
#[derive(Debug)]
pub enum StartError {
    Root(PathBuf, std::io::Error),
    Bind(SocketAddr, std::io::Error),
    Watch(String),
    Runtime(std::io::Error),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Root(root, e) => {
                write!(f, "cannot open the site folder {}: {e}", root.display())
            }
            StartError::Bind(addr, e) => write!(
                f,
                "cannot listen on {addr}: {e} (is another server using the port? try --port)"
            ),
            StartError::Watch(e) => write!(f, "cannot watch the site's files: {e}"),
            StartError::Runtime(e) => write!(f, "cannot start the web server: {e}"),
        }
    }
}

impl std::error::Error for StartError {}

/// A running preview; dropping it stops the server and the watcher.
pub struct Server {
    addr: SocketAddr,
    origin: String,
    current: watch::Receiver<Arc<Status>>,
    to_rebuild: mpsc::Sender<Message>,
    stop_http: Option<oneshot::Sender<()>>,
    http: Option<JoinHandle<std::io::Result<()>>>,
    rebuild: Option<JoinHandle<()>>,
}

/// Builds the site, starts watching it and serves it; returns once the first
/// build is done (successful or not) and the server accepts connections.
pub fn start(
    options: Options,
    report: impl FnMut(Report) + Send + 'static,
) -> Result<Server, StartError> {
    let root = std::fs::canonicalize(&options.root)
        .map_err(|e| StartError::Root(options.root.clone(), e))?;
    let wanted = SocketAddr::new(options.bind, options.port);
    let listener = std::net::TcpListener::bind(wanted).map_err(|e| StartError::Bind(wanted, e))?;
    listener
        .set_nonblocking(true)
        .map_err(StartError::Runtime)?;
    let addr = listener.local_addr().map_err(StartError::Runtime)?;
    let origin = format!("http://{}", reachable(addr));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("vacancy-http")
        .build()
        .map_err(StartError::Runtime)?;

    let (to_rebuild, messages) = mpsc::channel();
    let watcher =
        Watcher::start(&root, to_rebuild.clone()).map_err(|e| StartError::Watch(e.to_string()))?;
    let (publish, current) = watch::channel(Arc::new(Status::default()));
    let mut rebuilder = Rebuilder::new(root, origin.clone(), options.now, publish, report);
    rebuilder.first_build();
    let rebuild = std::thread::Builder::new()
        .name("vacancy-rebuild".into())
        .spawn(move || rebuilder.run(watcher, messages))
        .map_err(StartError::Runtime)?;

    let (stop_http, stopped) = oneshot::channel();
    // The real address, so that with --port 0 the port picked is the one answered.
    let router = http::router(current.clone(), host::Hosts::new(addr));
    let http = std::thread::Builder::new()
        .name("vacancy-serve".into())
        .spawn(move || runtime.block_on(serve(listener, router, options.limits, stopped)))
        .map_err(StartError::Runtime)?;
    Ok(Server {
        addr,
        origin,
        current,
        to_rebuild,
        stop_http: Some(stop_http),
        http: Some(http),
        rebuild: Some(rebuild),
    })
}

async fn serve(
    listener: std::net::TcpListener,
    router: axum::Router,
    limits: Limits,
    stopped: oneshot::Receiver<()>,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    tokio::select! {
        () = conn::accept_loop(listener, router, limits) => Ok(()),
        _ = stopped => Ok(()),
    }
}

/// The address to put in links: a wildcard address is reached through loopback.
fn reachable(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), addr.port())
        }
        _ => addr,
    }
}

impl Server {
    /// The address the server listens on (with the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The site's address: `http://127.0.0.1:1111/` plus its sub-path.
    pub fn url(&self) -> String {
        format!("{}{}", self.origin, self.current.borrow().base_path)
    }

    /// What is served now.
    pub fn status(&self) -> Arc<Status> {
        self.current.borrow().clone()
    }

    /// Blocks until the server stops (it does not, unless it fails).
    pub fn wait(mut self) -> std::io::Result<()> {
        match self.http.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(std::io::Error::other("the web server panicked")),
            None => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.to_rebuild.send(Message::Stop);
        if let Some(stop) = self.stop_http.take() {
            let _ = stop.send(());
        }
        if let Some(http) = self.http.take() {
            let _ = http.join();
        }
        if let Some(rebuild) = self.rebuild.take() {
            let _ = rebuild.join();
        }
    }
}

/// Whether an update that changed nothing is worth a line in the terminal:
/// after a save it is (the editor waits for it), after time passed it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quiet {
    Never,
    IfUnchanged,
}

/// The rebuild loop's state: the session, and where the site is served.
struct Rebuilder {
    root: PathBuf,
    origin: String,
    now: Option<DateTime<FixedOffset>>,
    time_zone: chrono_tz::Tz,
    base_path: String,
    session: Session,
    /// A full rebuild failed: every change rebuilds everything until one succeeds.
    full_pending: bool,
    publish: watch::Sender<Arc<Status>>,
    report: Box<dyn FnMut(Report) + Send>,
}

impl Rebuilder {
    fn new(
        root: PathBuf,
        origin: String,
        now: Option<DateTime<FixedOffset>>,
        publish: watch::Sender<Arc<Status>>,
        report: impl FnMut(Report) + Send + 'static,
    ) -> Self {
        let config = Config::load(&root).ok();
        let base_path = config
            .as_ref()
            .map_or_else(|| "/".to_string(), |c| c.base_path.clone());
        let time_zone = config.map_or(chrono_tz::UTC, |c| c.time_zone);
        let session = Session::new(&root, Some(format!("{origin}{base_path}")));
        Rebuilder {
            root,
            origin,
            now,
            time_zone,
            base_path,
            session,
            full_pending: false,
            publish,
            report: Box::new(report),
        }
    }

    fn now(&self) -> DateTime<FixedOffset> {
        self.now.unwrap_or_else(|| {
            chrono::Utc::now()
                .with_timezone(&self.time_zone)
                .fixed_offset()
        })
    }

    fn first_build(&mut self) {
        self.apply(&Change::Everything, Quiet::Never);
    }

    fn run(mut self, mut watcher: Watcher, messages: mpsc::Receiver<Message>) {
        loop {
            let first = match self.until_time_passes() {
                Some(wait) => match messages.recv_timeout(wait) {
                    Ok(message) => message,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        self.apply(&Change::Postings(Default::default()), Quiet::IfUnchanged);
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                },
                None => match messages.recv() {
                    Ok(message) => message,
                    Err(_) => return,
                },
            };
            // Whatever queued up during the last rebuild is one more batch, not many.
            let mut batch = vec![first];
            batch.extend(messages.try_iter());
            let mut paths = Vec::new();
            let mut rescan = false;
            for message in batch {
                match message {
                    Message::Stop => return,
                    Message::Changed(changed) => paths.extend(changed),
                    Message::Rescan => rescan = true,
                    Message::Error(why) => (self.report)(Report::Watch(why)),
                }
            }
            for error in watcher.refresh(&paths) {
                (self.report)(Report::Watch(error.to_string()));
            }
            let change = if rescan {
                Change::Everything
            } else {
                classify(&self.root, &paths)
            };
            if change != Change::Nothing {
                self.apply(&change, Quiet::Never);
            }
        }
    }

    /// When following the clock, how long until the site changes by itself:
    /// a posting is published or closes, or a new day changes "N days left".
    fn until_time_passes(&self) -> Option<std::time::Duration> {
        if self.now.is_some() || self.full_pending {
            return None;
        }
        let now = self.now();
        let site = self.session.site()?;
        let today = now.with_timezone(&self.time_zone).date_naive();
        let midnight =
            crate::model::local_to_fixed(today.succ_opt()?.and_hms_opt(0, 0, 0)?, self.time_zone);
        let next = site.next_change.map_or(midnight, |c| c.min(midnight));
        let wait = (next - now).to_std().unwrap_or_default();
        // A second late, so the moment has surely passed; at most an hour, in
        // case the clock jumped.
        Some((wait + std::time::Duration::from_secs(1)).min(std::time::Duration::from_secs(3600)))
    }

    fn apply(&mut self, change: &Change, quiet: Quiet) {
        let change = if self.full_pending {
            &Change::Everything
        } else {
            change
        };
        if *change == Change::Everything {
            self.follow_config();
        }
        match self.session.apply(change, self.now()) {
            Ok(update) => {
                self.full_pending = false;
                self.built(update, quiet);
            }
            Err(failed) => {
                self.full_pending |= *change == Change::Everything;
                self.failed(failed);
            }
        }
    }

    /// Serves the site under its new sub-path when `base_url` changed one.
    fn follow_config(&mut self) {
        let Ok(config) = Config::load(&self.root) else {
            return;
        };
        self.time_zone = config.time_zone;
        if config.base_path != self.base_path {
            self.base_path = config.base_path;
            let base_url = format!("{}{}", self.origin, self.base_path);
            self.session = Session::new(&self.root, Some(base_url.clone()));
            if self.publish.borrow().output.is_some() {
                (self.report)(Report::Moved(base_url));
            }
        }
    }

    // The terminal hears of a change before any page does.
    fn built(&mut self, update: Update, quiet: Quiet) {
        let last = self.publish.borrow().clone();
        let changed = !update.rendered.is_empty() || !update.removed.is_empty();
        if changed || quiet == Quiet::Never {
            (self.report)(Report::Updated(update.clone()));
        }
        if changed || !last.is_ok() || last.output.is_none() {
            self.publish.send_replace(Arc::new(Status {
                generation: last.generation + 1,
                base_path: self.base_path.clone(),
                output: self.session.output(),
                update: Some(update),
                problems: Vec::new(),
            }));
        }
    }

    fn failed(&mut self, failed: Failed) {
        let last = self.publish.borrow().clone();
        let base_path = if last.output.is_some() {
            last.base_path.clone()
        } else {
            self.base_path.clone()
        };
        let problems = failed.0.0.iter().map(Problem::of).collect();
        (self.report)(Report::Failed(failed));
        self.publish.send_replace(Arc::new(Status {
            base_path,
            problems,
            ..(*last).clone()
        }));
    }
}
