//! Reading the site's files: only regular files, each within a size limit,
//! with an editor-friendly error for a file that is not UTF-8 text.

use std::path::Path;

use crate::diagnostic::{Diagnostic, SourceFile};

/// Reads a text file, with an editor-friendly error for bad encodings.
pub fn read_text(root: &Path, rel: &Path) -> Result<SourceFile, Diagnostic> {
    let bytes = read_limited(&root.join(rel), MAX_TEXT_BYTES).map_err(|e| {
        let d = Diagnostic::error(format!("cannot read the file: {e}")).in_file(rel);
        match e.kind() {
            std::io::ErrorKind::InvalidInput => d.help(NOT_REGULAR_HELP),
            _ => d,
        }
    })?;
    let Some(bytes) = bytes else {
        return Err(Diagnostic::error(format!(
            "the file is larger than {} MiB, the most a text file may be",
            MAX_TEXT_BYTES >> 20
        ))
        .in_file(rel)
        .help("a posting or page is read whole into memory; put long material into an attachment (a PDF) and link to it"));
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(rel, text)),
        Err(e) => {
            // Shown with the bad bytes replaced, so the line can be displayed and
            // pointed at; the text before the first bad byte is unchanged.
            let valid = e.utf8_error().valid_up_to();
            let shown = SourceFile::new(rel, String::from_utf8_lossy(e.as_bytes()).into_owned());
            let (line, _) = shown.line_column(valid);
            let bad = valid..valid + char::REPLACEMENT_CHARACTER.len_utf8();
            Err(Diagnostic::error(format!("the file is not valid UTF-8 text (line {line})"))
                .at(&shown, bad, "this character is not UTF-8")
                .help("save the file with the UTF-8 encoding (most editors offer it under \"Save as\")"))
        }
    }
}

/// The most a posting, page, template or string table may weigh: far above
/// any real one, low enough that a runaway file cannot exhaust memory.
pub const MAX_TEXT_BYTES: u64 = 1 << 20;

/// The file's bytes, or `None` when it is longer than `max`. Only a regular
/// file is opened: a FIFO, socket or device (which could block the build
/// forever or never end) is an error before anything is opened.
pub fn read_limited(path: &Path, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("it is {}, not a regular file", file_kind(&metadata)),
        ));
    }
    // Sized from the file's length, so a file is read in one call (and one more
    // to see its end) rather than in growing steps; `take` still bounds a file
    // that grows while it is read.
    let len = metadata.len();
    if len > max {
        return Ok(None);
    }
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::with_capacity(len as usize + 64);
    file.take(max + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// What a file that is not a regular file is, in words.
pub fn file_kind(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = metadata.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if metadata.is_dir() {
        "a folder"
    } else if metadata.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

const NOT_REGULAR_HELP: &str =
    "only ordinary files are read from the site folder; remove it or replace it with a file";

/// The error for a content path that is a pipe, socket or device.
pub fn not_regular(rel: &Path, metadata: &std::fs::Metadata) -> Diagnostic {
    Diagnostic::error(format!("it is {}, not a regular file", file_kind(metadata)))
        .in_file(rel)
        .help(NOT_REGULAR_HELP)
}
