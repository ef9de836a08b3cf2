//! The live preview against other web pages in the user's browser: every
//! response carries the headers recommended for hosting (a strict Content
//! Security Policy, `nosniff`, a referrer policy), the reload script works
//! within that policy, and a preview on loopback answers only requests for
//! its own address or `localhost`, so a page whose host name is rebound to
//! 127.0.0.1 (DNS rebinding) cannot read it. Plain HTTP/1 requests over TCP
//! to a server on a free port over a copy of `tests/fixtures/serve` (a board
//! under `/careers/`).

use crate::common::{self, assert_snapshot};

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use scraper::Html;
use vacancy::serve::{self, Options, Server};

const PATIENCE: Duration = Duration::from_secs(15);

const CSP: &str = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

struct Preview {
    server: Server,
    _tmp: tempfile::TempDir,
}

fn preview_on(bind: IpAddr, prepare: impl FnOnce(&Path)) -> Preview {
    let tmp = common::copy_fixture("serve");
    prepare(tmp.path());
    let options = Options {
        root: tmp.path().to_path_buf(),
        bind,
        port: 0,
        now: Some(common::at(common::NOW)),
        limits: serve::Limits::default(),
    };
    let server =
        serve::start(options, |_| {}).unwrap_or_else(|e| panic!("the preview should start: {e}"));
    Preview { server, _tmp: tmp }
}

fn preview() -> Preview {
    preview_on(Ipv4Addr::LOCALHOST.into(), |_| {})
}

impl Preview {
    /// Where to connect: a wildcard address is reached through loopback.
    fn connect_to(&self) -> SocketAddr {
        let addr = self.server.addr();
        if addr.ip().is_unspecified() {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), addr.port())
        } else {
            addr
        }
    }

    fn port(&self) -> u16 {
        self.server.addr().port()
    }

    /// A request as a browser sends it, with this `Host`.
    fn get_as(&self, host: &str, path: &str) -> Reply {
        self.send(&format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    }

    /// A request for the preview's own address.
    fn get(&self, path: &str) -> Reply {
        self.get_as(&self.server.addr().to_string(), path)
    }

    fn send(&self, raw: &str) -> Reply {
        request(self.connect_to(), raw)
    }
}

struct Reply {
    status: u16,
    headers: BTreeMap<String, Vec<String>>,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The header's one value; fails the test if it is sent twice.
    fn header(&self, name: &str) -> Option<&str> {
        let values = self.headers.get(name)?;
        assert_eq!(values.len(), 1, "{name} is sent {} times", values.len());
        Some(values[0].as_str())
    }
}

fn parse_head(head: &str) -> (u16, BTreeMap<String, Vec<String>>) {
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a status line in {head:?}"));
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in lines.filter_map(|l| l.split_once(':')) {
        headers
            .entry(name.trim().to_ascii_lowercase())
            .or_default()
            .push(value.trim().to_string());
    }
    (status, headers)
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
    let (status, headers) = parse_head(std::str::from_utf8(&bytes[..split]).unwrap());
    Reply {
        status,
        headers,
        body: bytes[split + 4..].to_vec(),
    }
}

/// The head of the event stream (which never ends), as an EventSource asks.
fn event_stream_head(preview: &Preview, host: &str) -> Reply {
    let mut stream = TcpStream::connect(preview.connect_to()).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET /__vacancy/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("the stream's head");
        if line.trim().is_empty() {
            break;
        }
        head.push_str(&line);
    }
    let (status, headers) = parse_head(&head);
    Reply {
        status,
        headers,
        body: Vec::new(),
    }
}

fn assert_security_headers(what: &str, reply: &Reply) {
    assert_eq!(
        reply.header("content-security-policy"),
        Some(CSP),
        "{what} ({})",
        reply.status
    );
    assert_eq!(
        reply.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        reply.header("referrer-policy"),
        Some("strict-origin-when-cross-origin"),
        "{what}"
    );
    assert_eq!(reply.header("cache-control"), Some("no-store"), "{what}");
}

#[test]
fn every_response_carries_the_content_security_policy_nosniff_and_referrer_policy() {
    let preview = preview();
    let host = preview.server.addr().to_string();
    for (what, path, status) in [
        ("a page", "/careers/sv/", 200),
        ("a static file", "/careers/assets/style.css", 200),
        (
            "an attachment",
            "/careers/sv/jobs/analyst/description.pdf",
            200,
        ),
        ("a calendar", "/careers/sv/deadlines.ics", 200),
        ("the site's 404 page", "/careers/nowhere/", 404),
        (
            "a path outside the site",
            "/careers/%2e%2e/vacancy.toml",
            400,
        ),
        ("a redirect", "/careers", 307),
        ("the preview's status", "/__vacancy/status", 200),
        ("the reload script", "/__vacancy/reload.js", 200),
    ] {
        let reply = preview.get(path);
        assert_eq!(reply.status, status, "{what}: {path}");
        assert_security_headers(what, &reply);
    }
    for (what, raw, status) in [
        (
            "a POST to a page",
            format!(
                "POST /careers/sv/ HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            ),
            405,
        ),
        (
            "a POST to the status",
            format!(
                "POST /__vacancy/status HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            ),
            405,
        ),
        (
            "a HEAD request",
            format!("HEAD /careers/sv/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
            200,
        ),
        (
            "a request for another host",
            format!(
                "GET /careers/sv/ HTTP/1.1\r\nHost: evil.example:{}\r\nConnection: close\r\n\r\n",
                preview.port()
            ),
            421,
        ),
    ] {
        let reply = preview.send(&raw);
        assert_eq!(reply.status, status, "{what}");
        assert_security_headers(what, &reply);
    }
    let events = event_stream_head(&preview, &host);
    assert_eq!(events.status, 200);
    assert_eq!(events.header("content-type"), Some("text/event-stream"));
    assert_security_headers("the event stream", &events);
}

#[test]
fn the_page_shown_before_the_site_first_builds_carries_the_headers_too() {
    let preview = preview_on(Ipv4Addr::LOCALHOST.into(), |root| {
        let posting = root.join("content/postings/developer.sv.md");
        let text = std::fs::read_to_string(&posting).unwrap();
        std::fs::write(&posting, text.replace("extent = \"full-time\"\n", "")).unwrap();
    });
    let page = preview.get("/careers/sv/");
    assert_eq!(page.status, 503);
    assert_security_headers("the not-built page", &page);
}

/// Under `default-src 'self'` a page may run only scripts from its own
/// origin, and neither inline scripts nor style attributes nor `<style>`
/// elements apply. What the preview adds to a page stays within that.
#[test]
fn the_reload_script_and_its_event_stream_fit_the_policy() {
    let preview = preview();
    for path in ["/careers/sv/", "/careers/nowhere/"] {
        let page = preview.get(path);
        let html = Html::parse_document(&page.text());
        let scripts: Vec<_> = html.select(&common::sel("script")).collect();
        let reload: Vec<_> = scripts
            .iter()
            .filter(|s| s.value().attr("src") == Some("/__vacancy/reload.js"))
            .collect();
        assert_eq!(reload.len(), 1, "{path} loads the reload script once");
        assert_eq!(reload[0].inner_html(), "", "the reload script is external");
        for script in &scripts {
            let data_block = matches!(
                script.value().attr("type"),
                Some("application/ld+json" | "application/json")
            );
            assert!(
                script
                    .value()
                    .attr("src")
                    .is_some_and(|src| src.starts_with('/'))
                    || data_block,
                "{path} has a script the policy blocks: {}",
                script.html()
            );
        }
        assert!(!html.select(&common::sel("[style], style")).any(|_| true));
    }
    let script = preview.get("/__vacancy/reload.js").text();
    assert!(
        script.contains("new EventSource(\"/__vacancy/events\")"),
        "same origin"
    );
    assert!(
        !script.contains("setAttribute(\"style\"") && !script.contains("cssText"),
        "the overlay's styles are set through the DOM, not as inline styles"
    );
    assert!(!script.contains("createElement(\"style\")"));
}

#[test]
fn a_request_for_another_host_is_refused_and_told_where_the_preview_is() {
    let preview = preview();
    let port = preview.port();
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("127.0.0.1.evil.example:{port}"),
        format!("localhost.:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
    ] {
        for path in [
            "/careers/sv/",
            "/__vacancy/status",
            "/careers/sv/postings.json",
        ] {
            let reply = preview.get_as(&host, path);
            assert_eq!(reply.status, 421, "Host: {host}, {path}");
            assert_eq!(
                reply.header("content-type"),
                Some("text/plain; charset=utf-8")
            );
            assert_snapshot(
                "serve_security/another-host",
                &reply.text().replace(&format!(":{port}/"), ":<port>/"),
            );
        }
        assert_eq!(event_stream_head(&preview, &host).status, 421, "{host}");
    }
    // A request target naming another host counts as much as Host.
    let absolute = preview.send(&format!(
        "GET http://evil.example:{port}/careers/sv/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(absolute.status, 421);
}

#[test]
fn the_own_address_and_localhost_with_the_port_are_served() {
    let preview = preview();
    let port = preview.port();
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let page = preview.get_as(&host, "/careers/sv/");
        assert_eq!(page.status, 200, "Host: {host}");
        assert!(page.text().contains("Lediga jobb"), "Host: {host}");
        assert_eq!(preview.get_as(&host, "/__vacancy/status").status, 200);
    }
    // Browsers always send Host; a tool speaking HTTP/1.0 without one is served.
    let old = preview.send("GET /careers/sv/ HTTP/1.0\r\n\r\n");
    assert_eq!(old.status, 200);
}

#[test]
fn on_ipv6_loopback_the_bracketed_address_and_localhost_are_served() {
    let preview = preview_on(Ipv6Addr::LOCALHOST.into(), |_| {});
    let port = preview.port();
    assert_eq!(
        preview
            .get_as(&format!("[::1]:{port}"), "/careers/sv/")
            .status,
        200
    );
    assert_eq!(
        preview
            .get_as(&format!("localhost:{port}"), "/careers/sv/")
            .status,
        200
    );
    let refused = preview.get_as(&format!("evil.example:{port}"), "/careers/sv/");
    assert_eq!(refused.status, 421);
    assert_snapshot(
        "serve_security/another-host-on-ipv6",
        &refused.text().replace(&format!(":{port}/"), ":<port>/"),
    );
}

/// Listening on every address was asked for on purpose: other machines use
/// whatever name they know this one by.
#[test]
fn a_preview_bound_beyond_loopback_answers_any_host() {
    let preview = preview_on(Ipv4Addr::UNSPECIFIED.into(), |_| {});
    let port = preview.port();
    for host in [format!("laptop.local:{port}"), format!("127.0.0.1:{port}")] {
        let page = preview.get_as(&host, "/careers/sv/");
        assert_eq!(page.status, 200, "Host: {host}");
        assert_security_headers("a page", &page);
    }
}

/// Issue 17: the browser CMS's page (`vacancy cms`) is served under its own
/// policy, the README's, which lets the pinned CMS script and its
/// connections in; every other page keeps the strict one.
#[test]
fn the_cms_page_gets_its_own_policy_and_the_board_keeps_the_strict_one() {
    let preview = preview_on(Ipv4Addr::LOCALHOST.into(), |root| {
        let out = common::vacancy(&["cms", "--repo", "agency/jobs", "--root", common::arg(root)]);
        common::assert_success(&out);
    });
    let host = preview.server.addr().to_string();
    let get = |path: &str| {
        request(
            preview.connect_to(),
            &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    let admin = get("/careers/admin/");
    assert_eq!(admin.status, 200);
    assert_eq!(
        admin.headers["content-security-policy"],
        [serve::ADMIN_CSP.to_string()]
    );
    assert!(serve::ADMIN_CSP.contains("script-src 'self' 'unsafe-eval' https://unpkg.com"));
    // A rebuild (after the CMS saved) must not reload the form away.
    let body = String::from_utf8_lossy(&admin.body);
    assert!(
        body.contains("decap-cms") && !body.contains("reload.js"),
        "{body}"
    );
    let page = get("/careers/sv/");
    assert_eq!(page.headers["content-security-policy"], [CSP.to_string()]);
    let config = get("/careers/admin/config.yml");
    assert_eq!(config.status, 200);
    assert_eq!(config.headers["content-security-policy"], [CSP.to_string()]);
}
