//! Broken, odd and outsized files in `content/` (issue 7): each gives an
//! error naming the file, line and field, or a correct page; never a panic,
//! and always within a watchdog's generous deadline. Each test adds one file
//! to a copy of the `board` fixture.

use crate::common;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use crate::common::{NOW, assert_snapshot, at, copy_fixture, only_error, page, render_all, text};
use vacancy::Built;
use vacancy::diagnostic::{Diagnostic, Diagnostics};

/// Far above what any of these builds needs, even unoptimized on a busy
/// machine; only a hang (a build taking minutes) trips it.
const WATCHDOG: Duration = Duration::from_secs(120);

/// Facts that make a posting valid, after its title.
const FACTS: &str = "published = 2026-02-10\ndeadline = 2026-03-20\nlocations = [\"Malmö\"]\n\
                     employment = \"permanent\"\nextent = \"full-time\"\n";

/// A valid Swedish posting file with this title and body.
fn posting(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n{FACTS}+++\n{body}")
}

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Builds `root` in memory on another thread; fails the test if it takes
/// longer than the watchdog allows or panics.
fn build_within_watchdog(root: &Path) -> Result<Built, Diagnostics> {
    let (send, receive) = mpsc::channel();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        let result = vacancy::build_in_memory(&root, at(NOW), None).map_err(|failed| failed.0);
        let _ = send.send(result);
    });
    match receive.recv_timeout(WATCHDOG) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("the build took over {WATCHDOG:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the build panicked"),
    }
}

/// The diagnostics of a site folder that must not build.
fn must_fail(root: &Path) -> Diagnostics {
    match build_within_watchdog(root) {
        Ok(built) => panic!("it should not build, but {} files were", built.output.len()),
        Err(ds) => ds,
    }
}

/// The board with one more file, built; must fail.
fn errors_with(rel: &str, bytes: impl AsRef<[u8]>) -> Diagnostics {
    let site = copy_fixture("board");
    write(site.path(), rel, bytes);
    match build_within_watchdog(site.path()) {
        Ok(built) => panic!(
            "{rel} should not build, but {} files were",
            built.output.len()
        ),
        Err(ds) => ds,
    }
}

/// The board with one more file, built; must succeed.
fn built_with(rel: &str, bytes: impl AsRef<[u8]>) -> Built {
    let site = copy_fixture("board");
    write(site.path(), rel, bytes);
    build_within_watchdog(site.path())
        .unwrap_or_else(|ds| panic!("{rel} should build, but:\n{}", render_all(&ds)))
}

const FILE: &str = "content/postings/broken.sv.md";

/// The one error about `FILE`, checked for its message and line; the caller
/// compares its whole rendered text with a snapshot.
fn assert_only_error(all: &Diagnostics, message: &str, line: Option<usize>) -> Diagnostic {
    let d = only_error(all, FILE);
    assert_eq!(d.message, message);
    assert_eq!(d.line_column().map(|(l, _)| l), line, "{}", d.render());
    d.clone()
}

/// The rendered text of every diagnostic, with the temporary folder `dir`
/// (outside the site) written `<outside>`.
fn shown_outside(all: &Diagnostics, dir: &Path) -> String {
    render_all(all).replace(&dir.display().to_string(), "<outside>")
}

#[test]
fn an_empty_posting_file_is_reported_as_empty() {
    let d = assert_only_error(&errors_with(FILE, ""), "the file is empty", None);
    assert_snapshot("broken_input/empty", &d.render());
}

#[test]
fn a_lone_fence_is_front_matter_that_is_never_closed() {
    let mut shown = String::new();
    for text in ["+++", "+++\n", "\n\n+++\r\n"] {
        let all = errors_with(FILE, text);
        let d = only_error(&all, FILE);
        assert_eq!(d.message, "the front matter is not closed", "{text:?}");
        shown.push_str(&format!("{text:?}\n{}\n", d.render()));
    }
    assert_snapshot("broken_input/lone-fence", &shown);
}

#[test]
fn unterminated_front_matter_is_reported_where_it_opens() {
    let text = format!("+++\ntitle = \"Utan slut\"\n{FACTS}++\nText.\n");
    let d = assert_only_error(
        &errors_with(FILE, text),
        "the front matter is not closed",
        Some(1),
    );
    assert_snapshot("broken_input/unterminated", &d.render());
}

#[test]
fn a_byte_order_mark_is_ignored_and_the_title_is_clean() {
    let text = format!("\u{feff}{}", posting("Med BOM", "Brödtext.\n"));
    let built = built_with(FILE, text);
    let p = page(&built, "sv/jobs/broken/index.html");
    assert_eq!(text_of(&p, "h1"), "Med BOM");
    let title = text_of(&p, "title");
    assert!(title.starts_with("Med BOM"), "{title:?}");
    assert!(!p.doc.html().contains('\u{feff}'));
}

#[test]
fn crlf_line_endings_give_the_same_page_as_lf() {
    let body = "Första stycket\nfortsätter här.\n\n## Krav\n\n- ett\n- två\n\n> citat\n";
    let lf = posting("Radslut", body);
    let site = copy_fixture("board");
    write(site.path(), "content/postings/lf.sv.md", &lf);
    write(
        site.path(),
        "content/postings/crlf.sv.md",
        lf.replace('\n', "\r\n"),
    );
    let built =
        build_within_watchdog(site.path()).unwrap_or_else(|ds| panic!("{}", render_all(&ds)));
    let lf = page(&built, "sv/jobs/lf/index.html");
    let crlf = page(&built, "sv/jobs/crlf/index.html");
    for css in [
        "h1",
        ".posting-body h2",
        ".posting-body li",
        ".posting-body blockquote",
        "meta[name=description]",
    ] {
        let texts = |p: &common::Page| -> Vec<String> {
            p.all(css)
                .iter()
                .map(|e| format!("{}|{}", text(e), e.attr("content").unwrap_or_default()))
                .collect()
        };
        assert!(!texts(&lf).is_empty(), "{css}");
        assert_eq!(texts(&crlf), texts(&lf), "{css}");
    }
    assert!(!crlf.doc.html().contains('\r'));
}

#[test]
fn a_file_that_is_not_utf8_names_its_line() {
    let mut bytes = format!("+++\ntitle = \"Latin\"\n{FACTS}+++\nL").into_bytes();
    bytes.push(0xe4); // "ä" in Latin-1
    bytes.extend_from_slice(b"nk\n");
    let d = assert_only_error(
        &errors_with(FILE, bytes),
        "the file is not valid UTF-8 text (line 9)",
        Some(9),
    );
    assert_snapshot("broken_input/not-utf8", &d.render());
}

#[test]
fn a_fifty_megabyte_body_is_refused_with_the_size_limit() {
    let mut text = posting("Stor", "");
    text.push_str(&"Lorem ipsum dolor sit amet.\n".repeat(50_000_000 / 28 + 1));
    assert!(text.len() > 50_000_000);
    let d = assert_only_error(
        &errors_with(FILE, text),
        "the file is larger than 1 MiB, the most a text file may be",
        None,
    );
    assert_snapshot("broken_input/too-large", &d.render());
}

#[test]
fn ten_thousand_nested_list_levels_are_refused_at_their_line() {
    let body = format!("Inledning.\n\n{}djupt\n", "- ".repeat(10_000));
    let d = assert_only_error(
        &errors_with(FILE, posting("Djup", &body)),
        "the text nests lists, quotes, links or HTML elements more than 100 levels deep",
        Some(11),
    );
    assert_snapshot("broken_input/nested-lists", &d.render());
}

#[test]
fn deep_quotes_and_html_that_would_take_minutes_to_sanitize_are_refused() {
    // Unchecked, the first took minutes and the last grew into gigabytes.
    let reopened: String = (0..5_000)
        .map(|i| format!("<div><b id=b{i}></div>\n"))
        .collect::<String>()
        + &"<p>x</p><table>\n".repeat(5_000);
    let too_deep = "the text nests lists, quotes, links or HTML elements more than 100 levels deep";
    let mut shown = String::new();
    for (body, message, line) in [
        (format!("{} x\n", "> ".repeat(300_000)), too_deep, 9),
        ("<div>".repeat(150_000), too_deep, 9),
        (
            reopened,
            "more than 20 HTML text elements (<b>, <i>, <a>, ...) are left open",
            // The 21st <b>, on the 21st line of the text.
            29,
        ),
    ] {
        let all = errors_with(FILE, posting("Djup", &body));
        shown.push_str(&assert_only_error(&all, message, Some(line)).render());
    }
    assert_snapshot("broken_input/deep-quotes-and-html", &shown);
}

#[test]
fn twenty_nested_list_levels_render_as_twenty_nested_lists() {
    let body: String = (0..20)
        .map(|i| format!("{}- nivå {i}\n", "  ".repeat(i)))
        .collect();
    let built = built_with(FILE, posting("Listor", &body));
    let p = page(&built, "sv/jobs/broken/index.html");
    let deepest = p
        .all("main li")
        .into_iter()
        .find(|li| text(li) == "nivå 19")
        .expect("the deepest item");
    let lists = deepest
        .ancestors()
        .filter_map(scraper::ElementRef::wrap)
        .filter(|e| e.value().name() == "ul")
        .count();
    assert_eq!(lists, 20);
}

#[test]
fn a_one_megabyte_title_is_too_long_naming_file_line_and_field() {
    let title = "Handläggare ".repeat(80_000);
    let d = assert_only_error(
        &errors_with(FILE, posting(&title, "Text.\n")),
        &format!(
            "`title` is too long: {} characters, at most 300 are allowed",
            title.trim().chars().count()
        ),
        Some(2),
    );
    assert_eq!(d.field.as_deref(), Some("title"));
    let shown = d.render();
    assert!(shown.len() < 2_000, "{} bytes shown", shown.len());
    assert_snapshot("broken_input/long-title", &shown);
}

#[test]
fn a_title_of_three_hundred_characters_is_shown_whole() {
    let title = "a".repeat(299) + "b";
    let built = built_with(FILE, posting(&title, "Text.\n"));
    let p = page(&built, "sv/jobs/broken/index.html");
    assert_eq!(text_of(&p, "h1"), title);
}

#[test]
fn other_one_line_fields_have_length_limits_too() {
    let long = "x".repeat(301);
    let mut shown = String::new();
    for (field, line) in [
        ("organization", format!("organization = \"{long}\"")),
        ("unit", format!("unit = \"{long}\"")),
        ("hours", format!("hours = \"{long}\"")),
        ("reference", format!("reference = \"{long}\"")),
        ("salary", format!("salary = \"{long}\"")),
        (
            "locations",
            format!("workplace = \"remote\"\nlocations = [\"{long}\"]"),
        ),
        ("summary", format!("summary = \"{}\"", "y".repeat(1001))),
    ] {
        let facts = FACTS.replace("locations = [\"Malmö\"]\n", "");
        let facts = if field == "locations" {
            facts
        } else {
            format!("{facts}locations = [\"Malmö\"]\n")
        };
        let text = format!("+++\ntitle = \"Fält\"\n{facts}{line}\n+++\nText.\n");
        let all = errors_with(FILE, text);
        let d = only_error(&all, FILE);
        assert_eq!(d.field.as_deref(), Some(field), "{}", d.render());
        shown.push_str(&d.render());
    }
    assert_snapshot("broken_input/long-fields", &shown);
}

// ---------------------------------------------------------------------------
// Names and links

#[test]
fn a_posting_file_linked_from_outside_content_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.sv.md");
    std::fs::write(&secret, posting("Hemlig", "deploy key\n")).unwrap();
    let site = copy_fixture("board");
    std::os::unix::fs::symlink(&secret, site.path().join(FILE)).unwrap();
    let all = must_fail(site.path());
    only_error(&all, FILE);
    assert_snapshot(
        "broken_input/linked-posting",
        &shown_outside(&all, outside.path()),
    );
}

#[test]
fn a_posting_folder_linked_from_outside_content_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "index.sv.md", posting("Hemlig", "x\n"));
    write(outside.path(), "id_ed25519", "PRIVATE KEY");
    let site = copy_fixture("board");
    let rel = "content/postings/linked";
    std::os::unix::fs::symlink(outside.path(), site.path().join(rel)).unwrap();
    let all = must_fail(site.path());
    let d = only_error(&all, rel);
    assert_eq!(d.message, format!("{rel} is a link to a folder"));
    assert_snapshot(
        "broken_input/linked-folder",
        &shown_outside(&all, outside.path()),
    );
}

#[test]
fn a_postings_folder_that_is_a_link_out_of_content_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    write(
        outside.path(),
        "hemlig.sv.md",
        posting("Hemlig", "deploy key\n"),
    );
    let site = copy_fixture("board");
    let postings = site.path().join("content/postings");
    std::fs::remove_dir_all(&postings).unwrap();
    std::os::unix::fs::symlink(outside.path(), &postings).unwrap();
    let all = must_fail(site.path());
    // The link is not walked: nothing names what lies behind it.
    let d = only_error(&all, "content/postings");
    assert_eq!(d.message, "content/postings is a symbolic link");
    assert!(!format!("{all:?}").contains("hemlig"), "{all:#?}");
    assert_snapshot(
        "broken_input/linked-postings-folder",
        &shown_outside(&all, outside.path()),
    );
}

#[test]
fn an_attachment_linked_from_outside_content_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "passwd", "root:x:0:0");
    let site = copy_fixture("board");
    let rel = "content/postings/analyst/passwd.txt";
    std::os::unix::fs::symlink(outside.path().join("passwd"), site.path().join(rel)).unwrap();
    let all = must_fail(site.path());
    only_error(&all, rel);
    assert_snapshot(
        "broken_input/linked-attachment",
        &shown_outside(&all, outside.path()),
    );
}

#[test]
fn two_posting_names_that_differ_only_in_case_are_an_error_naming_both() {
    let site = copy_fixture("board");
    write(
        site.path(),
        "content/postings/Chef.sv.md",
        posting("Chef", "x\n"),
    );
    write(
        site.path(),
        "content/postings/chef.sv.md",
        posting("chef", "x\n"),
    );
    let all = must_fail(site.path());
    let d = only_error(&all, "content/postings/Chef.sv.md");
    assert_eq!(
        d.message,
        "\"Chef\" cannot be used in a web address, and differs only in case from \
         content/postings/chef.sv.md"
    );
    assert!(common::about(&all, "content/postings/chef.sv.md").is_empty());
    assert_snapshot("broken_input/names-differing-in-case", &d.render());
}

#[test]
fn two_attachments_that_differ_only_in_case_are_an_error_naming_both() {
    let site = copy_fixture("board");
    write(site.path(), "content/postings/analyst/CV.pdf", "%PDF-1");
    write(site.path(), "content/postings/analyst/cv.pdf", "%PDF-2");
    let all = must_fail(site.path());
    let d = only_error(&all, "content/postings/analyst/cv.pdf");
    assert_eq!(
        d.message,
        "the attachments \"CV.pdf\" and \"cv.pdf\" differ only in case"
    );
    assert_snapshot("broken_input/attachments-differing-in-case", &d.render());
}

#[test]
fn names_with_dots_slashes_or_drive_letters_are_not_slugs() {
    let mut shown = String::new();
    for name in [
        "a..b.sv.md",
        "x\\..\\..\\etc.sv.md",
        "C:x.sv.md",
        "%2e%2e.sv.md",
        "x y.sv.md",
    ] {
        let rel = format!("content/postings/{name}");
        let all = errors_with(&rel, posting("Namn", "x\n"));
        shown.push_str(&only_error(&all, &rel).render());
    }
    assert_snapshot("broken_input/names-not-slugs", &shown);
}

fn text_of(p: &common::Page, css: &str) -> String {
    text(
        &p.first(css)
            .unwrap_or_else(|| panic!("no {css} in {}", p.path)),
    )
}
