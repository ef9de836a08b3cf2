//! The HTTP side of the preview: the site from memory, the live-reload
//! script, its event stream and a status document. Every handler reads the
//! current [`Status`] from a watch channel and never waits on a rebuild, so a
//! slow client or a long rebuild holds up no other request.
//!
//! Every response, whatever answers it (a page, a file, a 404, a redirect,
//! a refusal, the preview's own endpoints), carries the headers the README
//! recommends for hosting the board, so the preview shows what a strict
//! Content Security Policy allows, and `Cache-Control: no-store`.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, Response, StatusCode, Uri, header};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::watch;

use super::Status;
use super::host::Hosts;
use super::paths::{self, Target};
use crate::output::Output;

/// Where the preview's own endpoints live, outside any site's paths.
pub const PREFIX: &str = "/__vacancy/";
const SCRIPT: &str = include_str!("reload.js");

type Current = watch::Receiver<Arc<Status>>;

pub fn router(current: Current, hosts: Hosts) -> Router {
    Router::new()
        .route("/__vacancy/events", get(events))
        .route("/__vacancy/reload.js", get(script))
        .route("/__vacancy/status", get(status))
        .fallback(site)
        // Inside the headers' layer, so that refusals carry them too.
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(hosts),
            only_own_host,
        ))
        .layer(axum::middleware::from_fn(preview_headers))
        .with_state(current)
}

/// What every response carries: the README's headers for hosting (a strict
/// Content Security Policy, no MIME sniffing, no full addresses sent to
/// other sites), and no caching, since a preview must always show the file
/// as it is now. The reload script and its overlay need nothing more than
/// `default-src 'self'`: an external script, an event stream to the same
/// origin, and styles set through the DOM rather than inline.
pub const HEADERS: [(header::HeaderName, &str); 4] = [
    (header::CACHE_CONTROL, "no-store"),
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
];

/// The policy of the browser CMS's page (`/admin/`, see `vacancy cms`),
/// as the README gives it: the CMS script from unpkg (which compiles its
/// configuration's validator at run time, hence `'unsafe-eval'`, on this
/// page only), the styles it sets inline, and connections to GitHub and to
/// a local `decap-server`.
pub const ADMIN_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-eval' https://unpkg.com; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; \
     connect-src 'self' https://unpkg.com https://api.github.com http://localhost:8081; \
     frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

async fn preview_headers(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response<Body> {
    let path = request.uri().path();
    let admin = path.ends_with("/admin/") || path.ends_with("/admin/index.html");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if admin {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(ADMIN_CSP),
        );
    }
    response
}

/// Refuses requests for another host before any handler sees them (see `host.rs`).
async fn only_own_host(
    State(hosts): State<Arc<Hosts>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response<Body> {
    if hosts.accepts(&request) {
        next.run(request).await
    } else {
        hosts.refuse()
    }
}

async fn site(State(current): State<Current>, method: Method, uri: Uri) -> Response<Body> {
    if method != Method::GET && method != Method::HEAD {
        let mut response = text(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are served\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let status = current.borrow().clone();
    respond(&status, &uri)
}

fn respond(status: &Status, uri: &Uri) -> Response<Body> {
    let Some(output) = status.output.as_deref() else {
        return not_built(status.generation);
    };
    let exists = |file: &str| output.files.contains_key(file);
    match paths::resolve(uri.path(), uri.query(), &status.base_path, exists) {
        Target::File(file) => file_response(output, status.generation, StatusCode::OK, &file),
        Target::Redirect(location) => match HeaderValue::from_str(&location) {
            Ok(location) => {
                let mut response = with_status(StatusCode::TEMPORARY_REDIRECT, Body::empty());
                response.headers_mut().insert(header::LOCATION, location);
                response
            }
            Err(_) => text(StatusCode::BAD_REQUEST, "the path cannot be redirected\n"),
        },
        Target::NotFound if output.files.contains_key(NOT_FOUND) => {
            file_response(output, status.generation, StatusCode::NOT_FOUND, NOT_FOUND)
        }
        Target::NotFound => text(StatusCode::NOT_FOUND, "not found\n"),
        Target::BadRequest(why) => text(StatusCode::BAD_REQUEST, &format!("{why}\n")),
    }
}

const NOT_FOUND: &str = "404.html";

fn file_response(output: &Output, generation: u64, code: StatusCode, file: &str) -> Response<Body> {
    let Some(bytes) = output.files.get(file) else {
        return text(StatusCode::NOT_FOUND, "not found\n");
    };
    let content_type = paths::content_type(file);
    // The browser CMS's page is not reloaded when the site is rebuilt: its
    // own saves rebuild it, and a reload would throw away the form.
    let cms = file == crate::urls::ADMIN_PAGE;
    let body = if content_type.starts_with("text/html") && !cms {
        Body::from(inject(bytes, generation))
    } else {
        Body::from(bytes.to_vec())
    };
    typed(code, content_type, body)
}

/// Until the site first builds, every page is this one: it shows the errors
/// and reloads once the site builds.
fn not_built(generation: u64) -> Response<Body> {
    let page = inject(NOT_BUILT.as_bytes(), generation);
    typed(
        StatusCode::SERVICE_UNAVAILABLE,
        "text/html; charset=utf-8",
        Body::from(page),
    )
}

const NOT_BUILT: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<title>The site has not built yet</title>\n</head>\n<body>\n<h1>The site has not built yet</h1>\n\
<p>Its errors are shown in the terminal and here. Fix them and save: this page reloads by itself.</p>\n\
</body>\n</html>\n";

fn text(code: StatusCode, message: &str) -> Response<Body> {
    typed(
        code,
        "text/plain; charset=utf-8",
        Body::from(message.to_string()),
    )
}

fn typed(code: StatusCode, content_type: &'static str, body: Body) -> Response<Body> {
    let mut response = with_status(code, body);
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

fn with_status(code: StatusCode, body: Body) -> Response<Body> {
    let mut response = Response::new(body);
    *response.status_mut() = code;
    response
}

/// The page with the reload script before its last `</body>` (or at its end).
pub fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let tag =
        format!("<script src=\"{PREFIX}reload.js\" data-generation=\"{generation}\"></script>\n");
    let at = last_body_end(html).unwrap_or(html.len());
    let mut page = Vec::with_capacity(html.len() + tag.len());
    page.extend_from_slice(&html[..at]);
    page.extend_from_slice(tag.as_bytes());
    page.extend_from_slice(&html[at..]);
    page
}

fn last_body_end(html: &[u8]) -> Option<usize> {
    const END: &[u8] = b"</body>";
    html.windows(END.len())
        .rposition(|w| w.eq_ignore_ascii_case(END))
}

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
}

async fn status(State(current): State<Current>) -> impl IntoResponse {
    let json = current.borrow().to_json().to_string();
    ([(header::CONTENT_TYPE, "application/json")], json)
}

/// The current status at once, then every new one: `reload` after a good
/// build, `failed` with the problems after a bad one. A client that falls
/// behind sees only the latest, never a backlog.
async fn events(
    State(mut current): State<Current>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    current.mark_changed();
    let stream = futures_util::stream::unfold(current, |mut current| async move {
        current.changed().await.ok()?;
        let event = event_of(&current.borrow_and_update());
        Some((Ok(event), current))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn event_of(status: &Status) -> Event {
    let name = if status.is_ok() { "reload" } else { "failed" };
    Event::default()
        .event(name)
        .retry(Duration::from_secs(1))
        .data(status.event_json().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_closing_body_tag() {
        let page = b"<html><body><p>&lt;/body&gt;</p></BODY></html>";
        let injected = String::from_utf8(inject(page, 7)).unwrap();
        assert_eq!(
            injected,
            "<html><body><p>&lt;/body&gt;</p><script src=\"/__vacancy/reload.js\" data-generation=\"7\"></script>\n</BODY></html>"
        );
    }

    #[test]
    fn a_page_without_a_body_tag_gets_the_script_at_its_end() {
        let injected = String::from_utf8(inject(b"<p>hi</p>", 1)).unwrap();
        assert!(injected.starts_with("<p>hi</p><script src="), "{injected}");
    }

    #[test]
    fn the_script_builds_the_overlay_without_markup_from_messages() {
        assert!(!SCRIPT.contains("innerHTML"));
        assert!(!SCRIPT.contains("insertAdjacentHTML"));
        assert!(SCRIPT.contains("textContent"));
        assert!(SCRIPT.contains("\"role\", \"alert\""));
    }

    #[test]
    fn the_script_needs_no_inline_style_or_script_under_the_policy() {
        // Styles set through `element.style` are not inline styles to a
        // Content Security Policy; a style attribute, `cssText` or a <style>
        // element would be blocked, and so would evaluated strings.
        for blocked in [
            "setAttribute(\"style\"",
            "cssText",
            "createElement(\"style\")",
            "createElement(\"script\")",
            "eval(",
            "new Function",
            "setTimeout(\"",
            "javascript:",
        ] {
            assert!(!SCRIPT.contains(blocked), "reload.js uses {blocked}");
        }
        assert!(SCRIPT.contains("node.style[name] = styles[name]"));
    }
}
