//! The live preview as a browser and an editor meet it: a server on a free
//! port over a copy of `tests/fixtures/serve` (a board under the sub-path
//! `/careers/`), plain HTTP/1 requests over TCP, files changed on disk the
//! way editors save them. Every wait polls with a generous deadline; nothing
//! relies on a sleep being long enough.

use crate::common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use vacancy::serve::{self, Options, Report, Server};

/// How long a change may take to be served before the test fails. The target
/// is under 100 ms; this only bounds a test on a slow, busy machine.
const PATIENCE: Duration = Duration::from_secs(15);

/// A running preview over its own copy of the fixture.
struct Preview {
    root: PathBuf,
    server: Server,
    /// One line per report, in order: "updated ...", "failed ...".
    reports: Arc<Mutex<Vec<String>>>,
    _tmp: tempfile::TempDir,
}

fn preview() -> Preview {
    preview_of(|_| {})
}

/// A preview of the fixture as `prepare` leaves it.
fn preview_of(prepare: impl FnOnce(&Path)) -> Preview {
    preview_limited(prepare, serve::Limits::default())
}

fn preview_limited(prepare: impl FnOnce(&Path), limits: serve::Limits) -> Preview {
    let tmp = common::copy_fixture("serve");
    let root = tmp.path().to_path_buf();
    prepare(&root);
    let reports = Arc::new(Mutex::new(Vec::new()));
    let sink = reports.clone();
    let options = Options {
        root: root.clone(),
        bind: Ipv4Addr::LOCALHOST.into(),
        port: 0,
        now: Some(common::at(common::NOW)),
        limits,
    };
    let server = serve::start(options, move |report| {
        sink.lock().unwrap().push(describe(&report));
    })
    .unwrap_or_else(|e| panic!("the preview should start: {e}"));
    Preview {
        root,
        server,
        reports,
        _tmp: tmp,
    }
}

fn describe(report: &Report) -> String {
    match report {
        Report::Updated(update) => update.summary(),
        Report::Failed(failed) => format!("failed: {failed}"),
        Report::Moved(url) => format!("moved: {url}"),
        Report::Watch(why) => format!("watch: {why}"),
    }
}

impl Preview {
    fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    fn get(&self, path: &str) -> Reply {
        self.send("GET", path)
    }

    fn send(&self, method: &str, path: &str) -> Reply {
        request(
            self.addr(),
            &format!(
                "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.addr()
            ),
        )
    }

    fn status(&self) -> Value {
        let reply = self.get("/__vacancy/status");
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("content-type"), Some("application/json"));
        serde_json::from_slice(&reply.body).expect("the status is JSON")
    }

    fn reports(&self) -> Vec<String> {
        self.reports.lock().unwrap().clone()
    }

    /// Waits until `path` is served with a body containing `text` (soft
    /// hyphens in long words aside).
    fn wait_for_text(&self, path: &str, text: &str) -> Reply {
        eventually(&format!("{path} to contain {text:?}"), || {
            let reply = self.get(path);
            let shown = reply.text().replace('\u{ad}', "");
            (reply.status == 200 && shown.contains(text)).then_some(reply)
        })
    }

    /// Waits until the status has moved past `generation` or turned to an error.
    fn wait_for_status(&self, what: &str, ok: bool, after_generation: u64) -> Value {
        eventually(what, || {
            let status = self.status();
            let moved = status["generation"].as_u64().unwrap() > after_generation;
            let done = if ok {
                moved && status["ok"] == true
            } else {
                status["ok"] == false
            };
            done.then_some(status)
        })
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
}

fn eventually<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "waited {PATIENCE:?} for {what} in vain"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Saves as most editors do: the new text goes to a hidden file beside the
/// old one, which then takes its place in one rename.
fn save_by_rename(path: &Path, text: &str) {
    let name = path.file_name().unwrap().to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

fn replaced(path: &Path, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    text.replace(from, to)
}

/// One HTTP response, read to the end of the connection.
struct Reply {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

fn request(addr: SocketAddr, raw: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("the preview accepts connections");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("a whole response");
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8(bytes[..split].to_vec()).unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: bytes[split + 4..].to_vec(),
    }
}

/// The live-reload event stream, read as a browser's EventSource would.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(preview: &Preview) -> Events {
        let mut stream = TcpStream::connect(preview.addr()).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        // HTTP/1.0, so the stream comes without chunked framing.
        stream
            .write_all(b"GET /__vacancy/events HTTP/1.0\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader
                .read_line(&mut line)
                .expect("the event stream's head");
            if line.trim().is_empty() {
                break;
            }
            head.push_str(&line);
        }
        assert!(head.starts_with("HTTP/1.0 200"), "{head}");
        assert!(head.contains("content-type: text/event-stream"), "{head}");
        Events { reader }
    }

    /// The next event's name and data; fails the test after `PATIENCE`.
    fn next(&mut self) -> (String, Value) {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).expect("an event in time");
            assert!(read > 0, "the event stream ended");
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() && !data.is_empty() {
                return (name, serde_json::from_str(&data).expect("JSON data"));
            } else if let Some(value) = line.strip_prefix("event: ") {
                name = value.to_string();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data.push_str(value);
            }
        }
    }
}

fn served_build(preview: &Preview) -> vacancy::Built {
    common::build_dir(&preview.root, common::NOW, Some(&preview.server.url()))
}

#[test]
fn the_site_is_served_under_its_sub_path_with_base_url_rewritten() {
    let preview = preview();
    let url = format!("http://{}/careers/", preview.addr());
    assert_eq!(preview.server.url(), url);

    let page = preview.get("/careers/sv/jobs/case-officer/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    let canonical = format!("<link rel=\"canonical\" href=\"{url}sv/jobs/case-officer/\">");
    assert!(page.text().contains(&canonical), "{}", page.text());

    let built = served_build(&preview);
    let expected = serve::inject(
        built.output.get("sv/jobs/case-officer/index.html").unwrap(),
        1,
    );
    assert!(
        page.body == expected,
        "the page is the build plus the reload script"
    );
    assert!(
        page.text().contains(
            "<script src=\"/__vacancy/reload.js\" data-generation=\"1\"></script>\n</body>"
        )
    );
}

#[test]
fn folders_without_a_slash_and_the_root_redirect() {
    let preview = preview();
    for (path, location) in [
        ("/", "/careers/"),
        ("/careers", "/careers/"),
        ("/careers/sv", "/careers/sv/"),
        (
            "/careers/sv/jobs/case-officer?from=mail",
            "/careers/sv/jobs/case-officer/?from=mail",
        ),
    ] {
        let reply = preview.get(path);
        assert_eq!(reply.status, 307, "{path}");
        assert_eq!(reply.header("location"), Some(location), "{path}");
    }
}

#[test]
fn every_kind_of_file_is_served_with_its_content_type() {
    let preview = preview();
    let built = served_build(&preview);
    for (file, content_type) in [
        ("index.html", "text/html; charset=utf-8"),
        ("assets/style.css", "text/css; charset=utf-8"),
        ("assets/board.js", "text/javascript; charset=utf-8"),
        ("assets/logo.svg", "image/svg+xml"),
        ("images/dot.png", "image/png"),
        ("sv/jobs/analyst/description.pdf", "application/pdf"),
        ("sv/feed.xml", "application/xml; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("sv/postings.json", "application/json"),
        ("sv/deadlines.ics", "text/calendar; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
    ] {
        let reply = preview.get(&format!("/careers/{file}"));
        assert_eq!(reply.status, 200, "{file}");
        assert_eq!(reply.header("content-type"), Some(content_type), "{file}");
        assert_eq!(reply.header("cache-control"), Some("no-store"), "{file}");
        if !file.ends_with(".html") {
            assert!(
                reply.body == built.output.get(file).unwrap(),
                "{file} is served as built"
            );
        }
    }
}

#[test]
fn head_requests_get_the_headers_without_the_body() {
    let preview = preview();
    let get = preview.get("/careers/sv/");
    let head = preview.send("HEAD", "/careers/sv/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-type"), get.header("content-type"));
    assert_eq!(
        head.header("content-length"),
        Some(get.body.len().to_string().as_str())
    );
}

#[test]
fn other_methods_are_refused() {
    let preview = preview();
    let reply = preview.send("POST", "/careers/sv/");
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("allow"), Some("GET, HEAD"));
}

#[test]
fn unknown_paths_get_the_sites_404_page_with_status_404() {
    let preview = preview();
    let built = served_build(&preview);
    let not_found = serve::inject(built.output.get("404.html").unwrap(), 1);
    for path in [
        "/careers/nowhere/",
        "/careers/sv/jobs/nobody/",
        "/careers/sv/index.htm",
        "/elsewhere.html",
        "/careers/%252e%252e/vacancy.toml",
    ] {
        let reply = preview.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(
            reply.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert!(reply.body == not_found, "{path} gets the site's 404 page");
    }
}

#[test]
fn requests_outside_the_output_are_refused() {
    let preview = preview();
    let secrets = std::fs::read_to_string(preview.path("vacancy.toml")).unwrap();
    for path in [
        "/../Cargo.toml",
        "/careers/../vacancy.toml",
        "/careers/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/careers/%2e%2e/vacancy.toml",
        "/..%2fvacancy.toml",
        "/careers/..%2fvacancy.toml",
        "/careers/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/careers/..%5cvacancy.toml",
        "/careers/sv/%00/index.html",
        "/careers/./index.html",
        "/careers//etc/passwd",
        "//etc/passwd",
        "/careers/%ff",
    ] {
        let reply = preview.get(path);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{path} got {}",
            reply.status
        );
        let body = reply.text();
        assert!(
            !body.contains("root:") && !body.contains("[package]") && !body.contains(&secrets),
            "{path} served a file outside the output"
        );
    }
}

#[test]
fn the_reload_script_is_served_but_never_part_of_a_build() {
    let preview = preview();
    let script = preview.get("/__vacancy/reload.js");
    assert_eq!(script.status, 200);
    assert_eq!(
        script.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(script.text().contains("EventSource(\"/__vacancy/events\")"));
    let built = common::build_dir(&preview.root, common::NOW, None);
    for (file, bytes) in &built.output.files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("__vacancy"), "{file} mentions the preview");
    }
}

#[test]
fn editing_a_posting_serves_the_new_page_and_renders_only_that_page() {
    let preview = preview();
    let posting = preview.path("content/postings/case-officer.sv.md");
    let text = replaced(
        &posting,
        "Vi söker en handläggare.",
        "Vi söker två handläggare.",
    );
    std::fs::write(&posting, text).unwrap();

    let page = preview.wait_for_text(
        "/careers/sv/jobs/case-officer/",
        "Vi söker två handläggare.",
    );
    assert!(page.text().contains("data-generation=\"2\""));
    let status = preview.status();
    assert_eq!(status["ok"], true);
    assert_eq!(status["update"]["full"], false);
    assert_eq!(
        status["update"]["rendered"],
        // The page, and the search index holding the postings' texts.
        serde_json::json!([
            "sv/jobs/case-officer/index.html",
            "sv/search/index.json",
            "sv/search/0.json",
            "en/search/index.json",
            "en/search/0.json"
        ])
    );
    let listing = preview.get("/careers/sv/");
    assert!(listing.text().replace('\u{ad}', "").contains("Handläggare"));
}

#[test]
fn a_save_by_rename_among_swap_and_backup_files_rebuilds_once() {
    let preview = preview();
    let posting = preview.path("content/postings/case-officer.sv.md");
    let original = std::fs::read_to_string(&posting).unwrap();
    // What vim and emacs leave beside a file being edited.
    std::fs::write(
        preview.path("content/postings/.case-officer.sv.md.swp"),
        "swap",
    )
    .unwrap();
    std::fs::write(
        preview.path("content/postings/case-officer.sv.md~"),
        &original,
    )
    .unwrap();
    std::fs::write(
        preview.path("content/postings/#case-officer.sv.md#"),
        "autosave",
    )
    .unwrap();
    save_by_rename(
        &posting,
        &replaced(
            &posting,
            "title = \"Handläggare\"",
            "title = \"Erfaren handläggare\"",
        ),
    );
    preview.wait_for_text("/careers/sv/", "Erfaren handläggare");
    let status = preview.status();
    let rendered: Vec<&str> = status["update"]["rendered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    for file in [
        "sv/jobs/case-officer/index.html",
        "sv/index.html",
        "sv/feed.xml",
    ] {
        assert!(
            rendered.contains(&file),
            "{file} not rendered: {rendered:?}"
        );
    }
    for file in [
        "sv/jobs/developer/index.html",
        "en/jobs/case-officer/index.html",
    ] {
        assert!(!rendered.contains(&file), "{file} rendered: {rendered:?}");
    }

    // A second, unrelated save: any further rebuild for the first one would
    // be reported before this one's.
    let other = preview.path("content/postings/developer.sv.md");
    save_by_rename(&other, &replaced(&other, "en utvecklare", "två utvecklare"));
    preview.wait_for_text("/careers/sv/jobs/developer/", "två utvecklare");
    let reports = preview.reports();
    assert_eq!(
        reports.len(),
        3,
        "one initial build and one per save: {reports:#?}"
    );
    assert!(
        reports.iter().all(|r| !r.starts_with("failed")),
        "{reports:#?}"
    );
}

#[test]
fn a_content_error_is_shown_and_the_last_good_site_stays_until_it_is_fixed() {
    let preview = preview();
    let posting = preview.path("content/postings/case-officer.sv.md");
    let good = std::fs::read_to_string(&posting).unwrap();
    save_by_rename(
        &posting,
        &replaced(
            &posting,
            "employment = \"permanent\"",
            "employment = \"permanant\"",
        ),
    );
    let status = preview.wait_for_status("the error to be reported", false, 0);
    assert_eq!(
        status["generation"], 1,
        "the site served is still the first"
    );
    let errors = status["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let error = &errors[0];
    assert_eq!(error["file"], "content/postings/case-officer.sv.md");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(7), Some(14))
    );
    assert_eq!(
        error["message"],
        "\"permanant\" is not a valid value for `employment`"
    );
    let as_build = common::render_all(&common::errors_of_dir(&preview.root, common::NOW));
    assert_eq!(error["text"], as_build, "the same text as `build` prints");
    common::assert_snapshot("serve/content-error", &as_build);

    // Pages opened now show the overlay too, over the last good content.
    let mut events = Events::open(&preview);
    let (name, data) = events.next();
    assert_eq!(name, "failed");
    assert_eq!(data["errors"], status["errors"]);
    let page = preview.get("/careers/sv/jobs/case-officer/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Vi söker en handläggare."));
    assert!(page.text().contains("data-generation=\"1\""));

    save_by_rename(
        &posting,
        &good.replace("en handläggare", "en ny handläggare"),
    );
    let (name, data) = events.next();
    assert_eq!(
        (name.as_str(), &data["generation"]),
        ("reload", &Value::from(2))
    );
    assert_eq!(data["errors"], serde_json::json!([]));
    preview.wait_for_text("/careers/sv/jobs/case-officer/", "en ny handläggare");
    assert_eq!(preview.status()["ok"], true);
}

#[test]
fn the_event_stream_sends_reload_after_a_change() {
    let preview = preview();
    let mut events = Events::open(&preview);
    let (name, data) = events.next();
    assert_eq!(
        (name.as_str(), &data["generation"]),
        ("reload", &Value::from(1))
    );
    assert_eq!(data["ok"], true);

    let posting = preview.path("content/postings/developer.sv.md");
    save_by_rename(
        &posting,
        &replaced(&posting, "en utvecklare", "fler utvecklare"),
    );
    let (name, data) = events.next();
    assert_eq!(
        (name.as_str(), &data["generation"]),
        ("reload", &Value::from(2))
    );
    preview.wait_for_text("/careers/sv/jobs/developer/", "fler utvecklare");
}

#[test]
fn a_broken_config_holds_every_change_until_it_is_fixed() {
    let preview = preview();
    let config = preview.path("vacancy.toml");
    let good = std::fs::read_to_string(&config).unwrap();
    save_by_rename(
        &config,
        &good.replace("page_size = 10", "page_size = \"ten\""),
    );
    preview.wait_for_status("the config error", false, 0);

    // A posting saved meanwhile must not be patched into the old site as if all were well.
    let posting = preview.path("content/postings/developer.sv.md");
    save_by_rename(
        &posting,
        &replaced(&posting, "en utvecklare", "tre utvecklare"),
    );
    eventually("the posting's save to be handled", || {
        (preview.reports().len() >= 3).then_some(())
    });
    let status = preview.status();
    assert_eq!(status["ok"], false, "{status:#}");
    assert_eq!(status["errors"][0]["file"], "vacancy.toml");
    common::assert_snapshot(
        "serve/config-error",
        status["errors"][0]["text"].as_str().unwrap(),
    );

    save_by_rename(&config, &good);
    let status = preview.wait_for_status("the fixed config to build", true, 1);
    assert_eq!(status["update"]["full"], true);
    preview.wait_for_text("/careers/sv/jobs/developer/", "tre utvecklare");
    let reports = preview.reports();
    assert!(
        reports
            .iter()
            .all(|r| r.starts_with("rebuilt everything") || r.starts_with("failed")),
        "nothing was patched while the config was broken: {reports:#?}"
    );
}

#[test]
fn a_templates_folder_created_while_serving_is_watched() {
    let preview = preview();
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/posting.html");
    let template = std::fs::read_to_string(theme).unwrap();
    let templates = preview.path("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("posting.html"), &template).unwrap();
    let status = preview.wait_for_status("the new folder to be built", true, 1);
    assert_eq!(status["update"]["full"], true);

    let marked = template.replacen(
        "{% block main %}",
        "{% block main %}<p>preview-marker</p>",
        1,
    );
    assert_ne!(marked, template, "the posting template has a main block");
    save_by_rename(&templates.join("posting.html"), &marked);
    preview.wait_for_text("/careers/sv/jobs/case-officer/", "preview-marker");
}

#[test]
fn a_site_that_does_not_build_at_start_shows_its_errors_until_fixed() {
    let posting = "content/postings/developer.sv.md";
    let preview = preview_of(|root| {
        let path = root.join(posting);
        std::fs::write(&path, replaced(&path, "extent = \"full-time\"\n", "")).unwrap();
    });
    let page = preview.get("/careers/sv/");
    assert_eq!(page.status, 503);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.text().contains("<script src=\"/__vacancy/reload.js\""));
    let status = preview.status();
    assert_eq!(status["ok"], false);
    assert_eq!(status["errors"][0]["file"], posting);

    let path = preview.path(posting);
    let fixed = replaced(
        &path,
        "employment = ",
        "extent = \"full-time\"\nemployment = ",
    );
    save_by_rename(&path, &fixed);
    preview.wait_for_text("/careers/sv/jobs/developer/", "Utvecklare");
}

#[test]
fn a_new_sub_path_in_base_url_moves_the_site() {
    let preview = preview();
    let config = preview.path("vacancy.toml");
    save_by_rename(
        &config,
        &replaced(
            &config,
            "https://jobs.example.org/careers/",
            "https://jobs.example.org/jobb/",
        ),
    );
    let status = eventually("the site to move", || {
        let status = preview.status();
        (status["base_path"] == "/jobb/").then_some(status)
    });
    assert_eq!(status["ok"], true);
    assert_eq!(
        preview.server.url(),
        format!("http://{}/jobb/", preview.addr())
    );
    let page = preview.get("/jobb/sv/jobs/case-officer/");
    assert_eq!(page.status, 200);
    let canonical = format!(
        "href=\"http://{}/jobb/sv/jobs/case-officer/\"",
        preview.addr()
    );
    assert!(page.text().contains(&canonical));
    assert_eq!(preview.get("/careers/sv/").status, 404);
    assert_eq!(preview.get("/").header("location"), Some("/jobb/"));
    let moved = format!("moved: http://{}/jobb/", preview.addr());
    assert!(
        preview.reports().contains(&moved),
        "{:#?}",
        preview.reports()
    );
}

// ---------------------------------------------------------------------------
// Slow, idle and half-open clients

/// Whether the server has closed `stream`: a read ends (EOF or reset) rather
/// than waiting. Reads and counts whatever was still on the way.
fn closed_by_server(stream: &mut TcpStream) -> (bool, usize) {
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut total = 0;
    let mut buf = vec![0; 64 * 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return (true, total),
            Ok(n) => total += n,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                return (false, total);
            }
            Err(_) => return (true, total),
        }
    }
}

/// Whether `stream` is still open: nothing to read, and no end.
fn still_open(stream: &TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let mut byte = [0];
    let open = matches!(
        (&*stream).read(&mut byte),
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock
    );
    stream.set_nonblocking(false).unwrap();
    open
}

#[test]
fn idle_and_slowloris_connections_do_not_hold_up_others_and_are_closed_after_the_timeout() {
    let limits = serve::Limits {
        header_timeout: Duration::from_secs(5),
        ..serve::Limits::default()
    };
    let preview = preview_limited(|_| {}, limits);
    // 200 clients that connect and send nothing.
    let mut idle: Vec<TcpStream> = (0..200)
        .map(|_| TcpStream::connect(preview.addr()).unwrap())
        .collect();
    // 50 that send part of a request's headers and then one more byte now and then.
    let mut slow: Vec<TcpStream> = (0..50)
        .map(|i| {
            let mut s = TcpStream::connect(preview.addr()).unwrap();
            let host = preview.addr();
            write!(s, "GET /careers/ HTTP/1.1\r\nHost: {host}\r\nX-Slow-{i}: ").unwrap();
            s
        })
        .collect();
    let dripping: Vec<TcpStream> = slow.iter().map(|s| s.try_clone().unwrap()).collect();
    let drip = std::thread::spawn(move || {
        for _ in 0..40 {
            for mut s in &dripping {
                let _ = s.write_all(b"a");
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    });

    for _ in 0..50 {
        let reply = preview.get("/careers/sv/");
        assert_eq!(reply.status, 200);
        assert!(reply.text().contains("<html"));
    }
    let keep_alive = request(
        preview.addr(),
        &format!(
            "GET /__vacancy/status HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            preview.addr()
        ),
    );
    assert_eq!(keep_alive.status, 200);
    // The answers came while every idle and slow client was still connected.
    assert!(idle.iter().chain(&slow).all(still_open), "closed too early");

    for (i, stream) in idle.iter_mut().chain(slow.iter_mut()).enumerate() {
        let (closed, _) = closed_by_server(stream);
        assert!(
            closed,
            "connection {i} is still open after the header timeout"
        );
    }
    drip.join().unwrap();
    assert_eq!(preview.get("/careers/sv/").status, 200);
}

#[test]
fn an_idle_keep_alive_connection_is_closed_after_the_timeout() {
    let limits = serve::Limits {
        header_timeout: Duration::from_secs(1),
        ..serve::Limits::default()
    };
    let preview = preview_limited(|_| {}, limits);
    let mut stream = TcpStream::connect(preview.addr()).unwrap();
    let host = preview.addr();
    write!(stream, "GET /careers/sv/ HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
    let (closed, bytes) = closed_by_server(&mut stream);
    assert!(closed, "the connection stays open after its request");
    assert!(bytes > 1000, "the page came first ({bytes} bytes)");
}

#[test]
fn a_client_that_stops_reading_is_dropped_while_others_are_served() {
    let limits = serve::Limits {
        write_timeout: Duration::from_secs(1),
        ..serve::Limits::default()
    };
    let preview = preview_limited(|_| {}, limits);
    let page = preview.get("/careers/sv/").body.len();
    let requests = 5_000;
    let mut stream = TcpStream::connect(preview.addr()).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let pipelined = format!(
        "GET /careers/sv/ HTTP/1.1\r\nHost: {}\r\n\r\n",
        preview.addr()
    )
    .repeat(requests);
    // Writing may block once the server stops reading; errors mean it hung up.
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(pipelined.as_bytes());
    });
    // Not reading: the server's writes stall. Others are served meanwhile.
    for _ in 0..20 {
        assert_eq!(preview.get("/careers/sv/").status, 200);
    }
    std::thread::sleep(Duration::from_secs(2));
    let (closed, received) = closed_by_server(&mut stream);
    assert!(closed, "the stalled connection is still open");
    assert!(
        received < requests * page,
        "all {requests} responses were delivered ({received} bytes): nothing was dropped"
    );
    sender.join().unwrap();
}
