//! Errors for editors: each names the file, line, column and field, shows the
//! offending line and says how to fix it. A run gathers every diagnostic it
//! finds instead of stopping at the first.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use serde::Serialize;

/// How bad a diagnostic is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One text file as read from disk, shared by every diagnostic that points into it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, as editors see it.
    pub path: PathBuf,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The longest line shown whole under a diagnostic.
const MAX_SHOWN_LINE: usize = 200;

/// The text to show a span in, and the span in it: the file itself, unless
/// the span's line is too long to print (a 1 MB title). Then the line is cut
/// after the span's start, with the lines before it left empty so that line
/// numbers stay right.
fn shown(text: &Arc<str>, span: Range<usize>) -> (Arc<str>, Range<usize>) {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if line_end - line_start <= MAX_SHOWN_LINE {
        return (text.clone(), span);
    }
    let cut = floor_char_boundary(text, (start + MAX_SHOWN_LINE / 2).min(line_end));
    let cut = cut.max(floor_char_boundary(
        text,
        (line_start + MAX_SHOWN_LINE).min(line_end),
    ));
    let lines_before = text[..line_start].matches('\n').count();
    let mut short = "\n".repeat(lines_before);
    let offset = short.len();
    short.push_str(&text[line_start..cut]);
    short.push_str(" …");
    let end = span.end.clamp(start, cut);
    let shifted = offset + start - line_start..offset + end - line_start;
    (Arc::from(short), shifted)
}

/// A place in a file that a diagnostic points at.
#[derive(Debug, Clone)]
pub struct Label {
    pub file: SourceFile,
    pub span: Range<usize>,
    pub message: String,
}

/// A problem found in a site, with everything an editor needs to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The front-matter or config field concerned, when there is one.
    pub field: Option<String>,
    /// The file, when the problem is not about a place inside it.
    pub path: Option<PathBuf>,
    /// The primary place; the first label is the one whose line is reported.
    pub labels: Vec<Label>,
    pub help: Option<String>,
    /// A warning that holds only while today is before this date (a
    /// publication date far ahead is a likely typo until it nears).
    pub only_before: Option<chrono::NaiveDate>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            field: None,
            path: None,
            labels: Vec::new(),
            help: None,
            only_before: None,
        }
    }

    /// Whether the diagnostic holds on `today` (see [`Diagnostic::only_before`]).
    pub fn holds_on(&self, today: chrono::NaiveDate) -> bool {
        self.only_before.is_none_or(|d| today < d)
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Names the file the diagnostic is about. Places already pointing into
    /// the file under its previous name are renamed too (a file read under one
    /// name and shown to editors under another).
    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        if let Some(old) = self.path.replace(path.clone()) {
            for label in self.labels.iter_mut().filter(|l| l.file.path == old) {
                label.file.path = path.clone();
            }
        }
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn at(mut self, file: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Self {
        self.path.get_or_insert_with(|| file.path.clone());
        self.labels.push(Label {
            file: file.clone(),
            span,
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file this diagnostic is about, relative to the site root.
    pub fn file(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// 1-based line and column of the primary place, when known.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        let label = self.labels.first()?;
        Some(label.file.line_column(label.span.start))
    }

    /// The diagnostic as the terminal shows it: header, file:line:column, the
    /// line itself with the place underlined, and the suggested fix.
    pub fn render(&self) -> String {
        let mut files = SimpleFiles::new();
        let mut cs_labels = Vec::new();
        for (i, label) in self.labels.iter().enumerate() {
            let (text, span) = shown(&label.file.text, label.span.clone());
            let id = files.add(label.file.path.display().to_string(), text);
            let cs_label = if i == 0 {
                cs::Label::primary(id, span)
            } else {
                cs::Label::secondary(id, span)
            };
            cs_labels.push(cs_label.with_message(label.message.clone()));
        }
        let severity = match self.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let mut message = self.message.clone();
        if self.labels.is_empty()
            && let Some(path) = &self.path
        {
            message = format!("{}: {message}", path.display());
        }
        let mut diagnostic = cs::Diagnostic::new(severity)
            .with_message(message)
            .with_labels(cs_labels);
        if let Some(help) = &self.help {
            diagnostic = diagnostic.with_notes(vec![format!("help: {help}")]);
        }
        term::emit_into_string(&term::Config::default(), &files, &diagnostic)
            .unwrap_or_else(|_| format!("{}\n", self.message))
    }

    /// A one-line form for machine consumers.
    pub fn to_json(&self) -> serde_json::Value {
        let (line, column) = self.line_column().unzip();
        serde_json::json!({
            "severity": self.severity,
            "file": self.path.as_ref().map(|p| p.display().to_string()),
            "line": line,
            "column": column,
            "field": self.field,
            "message": self.message,
            "help": self.help,
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// Every diagnostic of a run. A build fails when any of them is an error.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorted by file, then place in it, so that an editor reads them top
    /// to bottom and output is stable across runs.
    pub fn sort(&mut self) {
        self.0.sort_by_cached_key(|d| {
            let first = d.labels.first();
            (
                first
                    .map(|l| l.file.path.clone())
                    .or_else(|| d.path.clone()),
                first.map(|l| l.span.start),
                d.message.clone(),
            )
        });
    }
}

/// The result of a run that failed with content errors (and maybe warnings).
#[derive(Debug)]
pub struct Failed(pub Diagnostics);

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.errors().count();
        write!(f, "{} found", count(n, "error", "errors"))
    }
}

/// `n` with the noun in the singular or plural: "1 error", "3 errors".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl std::error::Error for Failed {}

/// Suggests the closest of `candidates` to a misspelt `word`.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let file = SourceFile::new("a.md", "+++\ntitle = \"Åsa\"\nbad = 1\n");
        let offset = file.text.find("bad").unwrap();
        assert_eq!(file.line_column(offset), (3, 1));
        let offset = file.text.find('"').unwrap() + 1;
        assert_eq!(file.line_column(offset), (2, 10));
    }

    #[test]
    fn rendered_error_names_file_line_and_shows_the_line() {
        let file = SourceFile::new("content/postings/x.sv.md", "+++\ntitel = \"A\"\n+++\n");
        let d = Diagnostic::error("unknown field `titel`")
            .at(&file, 4..9, "not a posting field")
            .help("did you mean `title`?");
        let text = d.render();
        assert!(text.contains("content/postings/x.sv.md:2:1"), "{text}");
        assert!(text.contains("titel = \"A\""), "{text}");
        assert!(text.contains("help: did you mean `title`?"), "{text}");
    }

    #[test]
    fn renaming_the_file_renames_the_places_in_it() {
        let file = SourceFile::new("posting.html", "{% if %}\n");
        let d = Diagnostic::error("bad")
            .at(&file, 3..5, "here")
            .in_file("templates/posting.html");
        assert_eq!(d.file(), Some(Path::new("templates/posting.html")));
        assert!(
            d.render().contains("templates/posting.html:1:4"),
            "{}",
            d.render()
        );
    }

    #[test]
    fn did_you_mean_finds_close_words_only() {
        let fields = ["title", "deadline", "locations"];
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("dedline", fields), Some("deadline"));
        assert_eq!(did_you_mean("salary", fields), None);
    }
}
