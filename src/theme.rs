//! The theme: templates, static files and string tables. The default theme is
//! compiled into the binary; a site overrides any of its files by name
//! (site `templates/`, `static/`, `i18n/` > `themes/default/` on disk > built-in).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use include_dir::{Dir, include_dir};

use crate::diagnostic::{Diagnostic, SourceFile};

static DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The folder of the default theme inside a site, used instead of the built-in copy when present.
pub const THEME_DIR: &str = "themes/default";

#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Template name (`posting.html`) to source.
    pub templates: BTreeMap<String, SourceFile>,
    /// Path under the output root to bytes.
    pub static_files: BTreeMap<String, Arc<[u8]>>,
    /// Language code to its string table.
    pub i18n: BTreeMap<String, SourceFile>,
}

impl Theme {
    /// The built-in theme with the site's overrides applied.
    pub fn load(root: &Path) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme::default();
        theme.add_embedded(&DEFAULT);
        let mut errors = Vec::new();
        let theme_dir = root.join(THEME_DIR);
        for (base, prefix) in [(theme_dir.as_path(), THEME_DIR), (root, "")] {
            for (folder, kind) in [
                ("templates", Kind::Template),
                ("static", Kind::Static),
                ("i18n", Kind::I18n),
            ] {
                let dir = base.join(folder);
                if dir.is_dir() {
                    let shown = Path::new(prefix).join(folder);
                    theme.add_dir(&dir, &shown, kind, &mut errors);
                }
            }
        }
        if errors.is_empty() {
            Ok(theme)
        } else {
            Err(errors)
        }
    }

    fn add_embedded(&mut self, dir: &Dir<'static>) {
        for entry in dir.entries() {
            match entry {
                include_dir::DirEntry::Dir(d) => self.add_embedded(d),
                include_dir::DirEntry::File(f) => {
                    let path = f.path().to_string_lossy().replace('\\', "/");
                    let shown = Path::new(THEME_DIR).join(&path);
                    if let Some(name) = path.strip_prefix("templates/") {
                        let text = String::from_utf8_lossy(f.contents()).into_owned();
                        self.templates
                            .insert(name.to_string(), SourceFile::new(shown, text));
                    } else if let Some(name) = path.strip_prefix("static/") {
                        self.static_files
                            .insert(name.to_string(), Arc::from(f.contents()));
                    } else if let Some(lang) = path
                        .strip_prefix("i18n/")
                        .and_then(|n| n.strip_suffix(".toml"))
                    {
                        let text = String::from_utf8_lossy(f.contents()).into_owned();
                        self.i18n
                            .insert(lang.to_string(), SourceFile::new(shown, text));
                    }
                }
            }
        }
    }

    fn add_dir(&mut self, dir: &Path, shown: &Path, kind: Kind, errors: &mut Vec<Diagnostic>) {
        for entry in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || crate::content::is_ignored(&name) {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let key = rel.to_string_lossy().replace('\\', "/");
            let shown_path = shown.join(rel);
            match kind {
                Kind::Static => match std::fs::read(entry.path()) {
                    Ok(bytes) => {
                        self.static_files.insert(key, Arc::from(bytes));
                    }
                    Err(e) => errors.push(
                        Diagnostic::error(format!("cannot read the file: {e}")).in_file(shown_path),
                    ),
                },
                Kind::Template | Kind::I18n => match crate::files::read_text(dir, rel) {
                    Ok(file) => {
                        let file = SourceFile::new(shown_path, file.text);
                        if kind == Kind::Template {
                            self.templates.insert(key, file);
                        } else if let Some(lang) = key.strip_suffix(".toml") {
                            self.i18n.insert(lang.to_string(), file);
                        }
                    }
                    Err(d) => errors.push(d.in_file(shown_path)),
                },
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Template,
    Static,
    I18n,
}
