//! The HTTP side of the preview: the site from memory, the live-reload
//! script, its event stream and a status document. Every handler reads the
//! current [`Status`] from a watch channel and never waits on a rebuild, so a
//! slow client or a long rebuild holds up no other request.

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
use super::paths::{self, Target};

/// Where the preview's own endpoints live, outside any site's paths.
pub const PREFIX: &str = "/__vacancy/";
const SCRIPT: &str = include_str!("reload.js");

type Current = watch::Receiver<Arc<Status>>;

pub fn router(current: Current) -> Router {
    Router::new()
        .route("/__vacancy/events", get(events))
        .route("/__vacancy/reload.js", get(script))
        .route("/__vacancy/status", get(status))
        .fallback(site)
        .layer(axum::middleware::map_response(no_store))
        .with_state(current)
}

/// A preview must always show the file as it is now.
async fn no_store(mut response: Response<Body>) -> Response<Body> {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

async fn site(State(current): State<Current>, method: Method, uri: Uri) -> Response<Body> {
    if method != Method::GET && method != Method::HEAD {
        return Response::builder()
            .status(StatusCode::METHOD_NOT_ALLOWED)
            .header(header::ALLOW, "GET, HEAD")
            .body(Body::from("only GET and HEAD are served\n"))
            .expect("a valid response");
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
        Target::File(file) => file_response(status, StatusCode::OK, &file),
        Target::Redirect(location) => match HeaderValue::from_str(&location) {
            Ok(location) => Response::builder()
                .status(StatusCode::TEMPORARY_REDIRECT)
                .header(header::LOCATION, location)
                .body(Body::empty())
                .expect("a valid response"),
            Err(_) => text(StatusCode::BAD_REQUEST, "the path cannot be redirected\n"),
        },
        Target::NotFound if output.files.contains_key(NOT_FOUND) => {
            file_response(status, StatusCode::NOT_FOUND, NOT_FOUND)
        }
        Target::NotFound => text(StatusCode::NOT_FOUND, "not found\n"),
        Target::BadRequest(why) => text(StatusCode::BAD_REQUEST, &format!("{why}\n")),
    }
}

const NOT_FOUND: &str = "404.html";

fn file_response(status: &Status, code: StatusCode, file: &str) -> Response<Body> {
    let output = status.output.as_deref().expect("checked by the caller");
    let bytes = output.files[file].clone();
    let content_type = paths::content_type(file);
    let body = if content_type.starts_with("text/html") {
        Body::from(inject(&bytes, status.generation))
    } else {
        Body::from(bytes.to_vec())
    };
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, content_type)
        .body(body)
        .expect("a valid response")
}

/// Until the site first builds, every page is this one: it shows the errors
/// and reloads once the site builds.
fn not_built(generation: u64) -> Response<Body> {
    let page = inject(NOT_BUILT.as_bytes(), generation);
    Response::builder()
        .status(StatusCode::SERVICE_UNAVAILABLE)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .body(Body::from(page))
        .expect("a valid response")
}

const NOT_BUILT: &str = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<title>The site has not built yet</title>\n</head>\n<body>\n<h1>The site has not built yet</h1>\n\
<p>Its errors are shown in the terminal and here. Fix them and save: this page reloads by itself.</p>\n\
</body>\n</html>\n";

fn text(code: StatusCode, message: &str) -> Response<Body> {
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(message.to_string()))
        .expect("a valid response")
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
}
