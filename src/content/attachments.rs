//! Files published beside a posting (`content/postings/<slug>/<file>`): only
//! the kinds an employer attaches, each checked by its name's extension and
//! by its content, so that nothing a browser would run (HTML, SVG, script)
//! is ever published on the board's own origin.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::model::Attachment;

/// A kind of file a posting may have beside it.
struct Kind {
    extensions: &'static [&'static str],
    /// What the file says it is, for messages.
    name: &'static str,
    /// Whether the bytes are of this kind (magic bytes, or text for `.txt`).
    is: fn(&[u8]) -> bool,
}

/// The allowed attachments. A host serves a file by its extension, so the
/// extension decides what a visitor's browser does with it; the content
/// check makes sure a renamed web page or script is not published as one.
const KINDS: &[Kind] = &[
    Kind {
        extensions: &["pdf"],
        name: "a PDF document",
        is: infer::archive::is_pdf,
    },
    Kind {
        extensions: &["png"],
        name: "a PNG image",
        is: infer::image::is_png,
    },
    Kind {
        extensions: &["jpg", "jpeg"],
        name: "a JPEG image",
        is: infer::image::is_jpeg,
    },
    Kind {
        extensions: &["gif"],
        name: "a GIF image",
        is: infer::image::is_gif,
    },
    Kind {
        extensions: &["webp"],
        name: "a WebP image",
        is: is_webp,
    },
    Kind {
        extensions: &["docx"],
        name: "a Word document",
        is: infer::doc::is_docx,
    },
    Kind {
        extensions: &["xlsx"],
        name: "an Excel workbook",
        is: infer::doc::is_xlsx,
    },
    Kind {
        extensions: &["odt"],
        name: "an OpenDocument text",
        is: infer::odf::is_odt,
    },
    Kind {
        extensions: &["ods"],
        name: "an OpenDocument spreadsheet",
        is: infer::odf::is_ods,
    },
    Kind {
        extensions: &["txt"],
        name: "plain UTF-8 text",
        is: is_plain_text,
    },
];

/// The allowed extensions, for messages and the README: "pdf, png, ...".
pub fn allowed_list() -> String {
    KINDS
        .iter()
        .flat_map(|k| k.extensions.iter().map(|e| format!(".{e}")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn is_webp(bytes: &[u8]) -> bool {
    bytes.starts_with(b"RIFF") && infer::image::is_webp(bytes)
}

/// UTF-8 text without NUL or other control characters besides tab, line
/// breaks and form feed: a `.txt` is shown as text, never as a program.
fn is_plain_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| {
        !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
    })
}

/// Names a posting folder's own files have; an attachment may not take them.
const GENERATED: &[&str] = &["index.html", "deadline.ics"];

/// Reads the attachments in a posting's `folder`: every file that is not a
/// posting text, hidden or an editor's backup.
pub fn read(root: &Path, folder: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<Attachment> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return out;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    let mut folded: BTreeMap<String, String> = BTreeMap::new();
    for entry in entries {
        let name = entry.file_name().to_string_lossy().to_string();
        if super::is_ignored(&name) || name.ends_with(".md") {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(&entry.path())
            .to_path_buf();
        // Follows a link, so a linked file counts as a file; where it leads is checked below.
        match std::fs::metadata(entry.path()) {
            Ok(m) if m.is_dir() => continue,
            Ok(m) if !m.is_file() => {
                diagnostics.push(crate::files::not_regular(&rel, &m));
                continue;
            }
            _ => {}
        }
        if let Err(d) = super::check_inside_content(root, &rel) {
            diagnostics.push(d);
            continue;
        }
        if let Err(d) = check_name(&name, &rel, &mut folded) {
            diagnostics.push(d);
            continue;
        }
        match crate::files::read_limited(&entry.path(), MAX_ATTACHMENT_BYTES) {
            Ok(Some(bytes)) => match check_kind(&name, &bytes, &rel) {
                Ok(()) => out.push(Attachment {
                    name,
                    bytes: Arc::from(bytes),
                }),
                Err(d) => diagnostics.push(d),
            },
            Ok(None) => diagnostics.push(
                Diagnostic::error(format!(
                    "the attachment is larger than {} MiB",
                    MAX_ATTACHMENT_BYTES >> 20
                ))
                .in_file(&rel)
                .help("make the file smaller (e.g. export the PDF for the web) or link to it where it is kept"),
            ),
            Err(e) => diagnostics
                .push(Diagnostic::error(format!("cannot read the attachment: {e}")).in_file(&rel)),
        }
    }
    out
}

/// The most an attachment may weigh: far above a job description or a
/// picture, low enough that a mistaken video cannot fill memory.
pub const MAX_ATTACHMENT_BYTES: u64 = 50 << 20;

fn check_name(
    name: &str,
    rel: &Path,
    folded: &mut BTreeMap<String, String>,
) -> Result<(), Diagnostic> {
    if GENERATED.iter().any(|g| g.eq_ignore_ascii_case(name)) {
        let what = if name.to_lowercase().ends_with(".ics") {
            "calendar file"
        } else {
            "page"
        };
        return Err(Diagnostic::error(format!(
            "the attachment name \"{name}\" is taken by the posting's own {what}"
        ))
        .in_file(rel)
        .help("rename the attachment, e.g. job-description.pdf"));
    }
    if let Some(other) = folded.insert(name.to_lowercase(), name.to_string()) {
        return Err(Diagnostic::error(format!(
            "the attachments \"{other}\" and \"{name}\" differ only in case"
        ))
        .in_file(rel)
        .help("on many servers and computers they are the same file; rename or remove one"));
    }
    if !is_safe_file_name(name) {
        return Err(Diagnostic::error(format!(
            "the attachment name \"{name}\" cannot be published"
        ))
        .in_file(rel)
        .help("use letters, digits, '-', '_' and '.' only, e.g. job-description.pdf"));
    }
    Ok(())
}

/// The file's extension must be one of [`KINDS`] and its content that kind.
fn check_kind(name: &str, bytes: &[u8], rel: &Path) -> Result<(), Diagnostic> {
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let Some(kind) = KINDS
        .iter()
        .find(|k| k.extensions.contains(&extension.as_str()))
    else {
        let shown = if extension.is_empty() {
            "a file without an extension".to_string()
        } else {
            format!("a .{extension} file")
        };
        return Err(Diagnostic::error(format!(
            "the attachment \"{name}\" is {shown}, which a posting cannot publish"
        ))
        .in_file(rel)
        .help(format!(
            "a posting folder may hold only these kinds of files: {}; save the file as one of them \
             (e.g. a web page or SVG as PDF), or move it out of content/",
            allowed_list()
        )));
    };
    if (kind.is)(bytes) {
        return Ok(());
    }
    Err(Diagnostic::error(format!(
        "the attachment \"{name}\" is not {}, although its name says so",
        kind.name
    ))
    .in_file(rel)
    .help(format!(
        "open the file and save it again as {} (its content is checked, not only its name); \
         allowed are: {}",
        kind.name,
        allowed_list()
    )))
}

fn is_safe_file_name(name: &str) -> bool {
    !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_.".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_error(name: &str, bytes: &[u8]) -> Option<String> {
        check_kind(name, bytes, Path::new(name))
            .err()
            .map(|d| d.message)
    }

    #[test]
    fn the_allowed_kinds_pass_by_name_and_content() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0";
        let webp = b"RIFF\x24\0\0\0WEBPVP8 ";
        for (name, bytes) in [
            ("a.pdf", &b"%PDF-1.4\n"[..]),
            ("a.PNG", &png[..]),
            ("a.jpg", &jpeg[..]),
            ("a.jpeg", &jpeg[..]),
            ("a.gif", &b"GIF89a\x01\0\x01\0"[..]),
            ("a.webp", &webp[..]),
            ("a.txt", "Lön: 35 000 kr\r\n\tVälkommen!".as_bytes()),
        ] {
            assert_eq!(kind_error(name, bytes), None, "{name}");
        }
    }

    #[test]
    fn web_pages_svg_and_script_are_refused_whatever_they_are_called() {
        assert_eq!(
            kind_error("apply.html", b"<script src=apply.js></script>").as_deref(),
            Some("the attachment \"apply.html\" is a .html file, which a posting cannot publish")
        );
        for name in [
            "a.svg", "a.js", "a.htm", "a.xhtml", "a.xml", "a.css", "a.mjs",
        ] {
            assert!(kind_error(name, b"%PDF-1.4").is_some(), "{name}");
        }
        assert_eq!(
            kind_error("README", b"text").as_deref(),
            Some(
                "the attachment \"README\" is a file without an extension, which a posting cannot publish"
            )
        );
        assert_eq!(
            kind_error("cv.pdf", b"<html><script>alert(1)</script>").as_deref(),
            Some("the attachment \"cv.pdf\" is not a PDF document, although its name says so")
        );
        assert!(kind_error("a.png", b"<svg onload=alert(1)>").is_some());
        assert!(kind_error("a.txt", b"\0\x01binary").is_some());
        assert!(kind_error("a.docx", b"PK\x03\x04not really").is_some());
        assert!(kind_error("a.webp", b"XXXXXXXXWEBP<script>").is_some());
    }
}
