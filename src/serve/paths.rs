//! From a request path to a file of the built site, refusing anything that
//! could name a place outside it. The site is served from memory, so there is
//! no disk path to escape to; the checks still reject every request a file
//! server would have to refuse, so that a request never means two things.

use percent_encoding::percent_decode_str;

/// What a request path asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file of the output, by its key (`sv/jobs/x/index.html`).
    File(String),
    /// The same place with a slash, or the site under its sub-path.
    Redirect(String),
    /// Not in the output: the site's 404 page.
    NotFound,
    /// A path that can never name a file of the site: `..`, a backslash, a NUL.
    BadRequest(&'static str),
}

/// Resolves the raw (still percent-encoded) path of a request against a site
/// served under `base_path` (starts and ends with `/`); `exists` says whether
/// the output has a file.
pub fn resolve(
    raw: &str,
    query: Option<&str>,
    base_path: &str,
    exists: impl Fn(&str) -> bool,
) -> Target {
    let path = match decode(raw) {
        Ok(path) => path,
        Err(why) => return Target::BadRequest(why),
    };
    if path == "/" && base_path != "/" || format!("{path}/") == base_path {
        return Target::Redirect(base_path.to_string());
    }
    let Some(rel) = path.strip_prefix(base_path) else {
        return Target::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if exists(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if exists(rel) {
        return Target::File(rel.to_string());
    }
    if exists(&format!("{rel}/index.html")) {
        let query = query.map(|q| format!("?{q}")).unwrap_or_default();
        return Target::Redirect(format!("{raw}/{query}"));
    }
    Target::NotFound
}

/// The decoded path, once it is known to stay inside the site.
fn decode(raw: &str) -> Result<String, &'static str> {
    let path = percent_decode_str(raw)
        .decode_utf8()
        .map_err(|_| "the path is not UTF-8")?;
    if !path.starts_with('/') {
        return Err("the path does not start with /");
    }
    if path.contains('\\') {
        return Err("the path contains a backslash");
    }
    if path.contains('\0') {
        return Err("the path contains a NUL character");
    }
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Err("the path contains a . or .. segment");
    }
    Ok(path.into_owned())
}

/// The Content-Type of an output file, by its extension.
pub fn content_type(file: &str) -> &'static str {
    let extension = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILES: [&str; 4] = [
        "index.html",
        "sv/index.html",
        "sv/jobs/case-officer/index.html",
        "assets/style.css",
    ];

    fn at(raw: &str, base: &str) -> Target {
        resolve(raw, None, base, |f| FILES.contains(&f))
    }

    #[test]
    fn folders_serve_their_index_and_files_themselves() {
        assert_eq!(at("/", "/"), Target::File("index.html".into()));
        assert_eq!(at("/sv/", "/"), Target::File("sv/index.html".into()));
        assert_eq!(
            at("/assets/style.css", "/"),
            Target::File("assets/style.css".into())
        );
        assert_eq!(
            at("/sv/jobs/case%2Dofficer/", "/"),
            Target::File("sv/jobs/case-officer/index.html".into())
        );
    }

    #[test]
    fn a_folder_without_its_slash_redirects_keeping_the_query() {
        assert_eq!(at("/sv", "/"), Target::Redirect("/sv/".into()));
        assert_eq!(
            resolve("/sv/jobs/case-officer", Some("a=1"), "/", |f| FILES
                .contains(&f)),
            Target::Redirect("/sv/jobs/case-officer/?a=1".into())
        );
    }

    #[test]
    fn a_site_under_a_sub_path_is_served_there_only() {
        assert_eq!(at("/", "/jobs/"), Target::Redirect("/jobs/".into()));
        assert_eq!(at("/jobs", "/jobs/"), Target::Redirect("/jobs/".into()));
        assert_eq!(at("/jobs/", "/jobs/"), Target::File("index.html".into()));
        assert_eq!(
            at("/jobs/sv/", "/jobs/"),
            Target::File("sv/index.html".into())
        );
        assert_eq!(at("/sv/", "/jobs/"), Target::NotFound);
    }

    #[test]
    fn unknown_paths_are_not_found() {
        assert_eq!(at("/nowhere", "/"), Target::NotFound);
        assert_eq!(at("/nowhere/", "/"), Target::NotFound);
        assert_eq!(at("/sv/index.htm", "/"), Target::NotFound);
    }

    #[test]
    fn paths_that_could_leave_the_site_are_bad_requests() {
        for raw in [
            "/../Cargo.toml",
            "/sv/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/..%2fvacancy.toml",
            "/%2E%2E%2Fvacancy.toml",
            "/sv/./index.html",
            "/..\\vacancy.toml",
            "/sv%5c..%5cvacancy.toml",
            "/index.html%00.css",
            "/%ff",
        ] {
            assert!(
                matches!(at(raw, "/"), Target::BadRequest(_)),
                "{raw} was not refused: {:?}",
                at(raw, "/")
            );
        }
    }

    #[test]
    fn double_encoding_is_decoded_once_and_names_no_file() {
        assert_eq!(at("/%252e%252e/vacancy.toml", "/"), Target::NotFound);
    }

    #[test]
    fn content_types_follow_the_extension() {
        for (file, expected) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("assets/style.css", "text/css; charset=utf-8"),
            ("assets/board.js", "text/javascript; charset=utf-8"),
            ("sv/feed.xml", "application/xml; charset=utf-8"),
            ("sv/postings.json", "application/json"),
            ("sv/deadlines.ics", "text/calendar; charset=utf-8"),
            ("assets/logo.svg", "image/svg+xml"),
            ("sv/jobs/a/job.PDF", "application/pdf"),
            ("img/a.png", "image/png"),
            ("img/a.jpg", "image/jpeg"),
            ("img/a.jpeg", "image/jpeg"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("CNAME", "application/octet-stream"),
        ] {
            assert_eq!(content_type(file), expected, "{file}");
        }
    }
}
