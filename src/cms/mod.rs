//! `vacancy cms`: the configuration of a git-based browser CMS (Decap CMS;
//! Sveltia CMS reads the same) for the board, written from `vacancy.toml`
//! and the one declaration of the posting fields, so that the form and
//! `vacancy check` cannot drift apart. Also the `/admin/` page that loads it.

use std::path::Path;

use serde::Serialize;

use crate::config::Config;
use crate::i18n::Strings;

mod form;
use form::page_fields;
pub use form::{Choice, CmsField, posting_fields};

/// Where the CMS's files go: served by the board at `/admin/`.
pub const ADMIN_DIR: &str = "static/admin";

/// The pinned CMS release the admin page loads, with its Subresource
/// Integrity hash (`npm pack decap-cms@VERSION`, `dist/decap-cms.js`).
pub const DECAP_VERSION: &str = "3.16.3";
pub const DECAP_SRI: &str =
    "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p";

/// The git host the CMS commits to.
#[derive(Debug, Clone, Default)]
pub struct Backend {
    /// `owner/name` on GitHub.
    pub repo: Option<String>,
    pub branch: Option<String>,
}

#[derive(Serialize)]
struct DecapConfig<'a> {
    backend: BackendBlock,
    /// Lets `npx decap-server` serve the local repository to `/admin/`.
    local_backend: bool,
    media_folder: &'static str,
    public_folder: &'static str,
    locale: &'a str,
    /// File names made from titles: ASCII, accents dropped ("Handläggare"
    /// gives `handlaggare`), as `vacancy` requires of a posting's name.
    slug: SlugRules,
    i18n: I18n<'a>,
    collections: Vec<Collection>,
}

#[derive(Serialize)]
struct SlugRules {
    encoding: &'static str,
    clean_accents: bool,
    sanitize_replacement: &'static str,
}

#[derive(Serialize)]
struct BackendBlock {
    name: &'static str,
    repo: String,
    branch: String,
}

#[derive(Serialize)]
struct I18n<'a> {
    structure: &'static str,
    locales: Vec<&'a str>,
    default_locale: &'a str,
}

#[derive(Serialize)]
struct Collection {
    name: &'static str,
    label: String,
    folder: &'static str,
    create: bool,
    format: &'static str,
    frontmatter_delimiter: &'static str,
    extension: &'static str,
    slug: &'static str,
    i18n: bool,
    fields: Vec<CmsField>,
}

/// `static/admin/config.yml` for the site.
pub fn config_yml(config: &Config, strings: &Strings, backend: &Backend) -> String {
    let locales: Vec<&str> = config.language_codes().collect();
    let collection = |name, label: String, folder, fields| Collection {
        name,
        label,
        folder,
        create: true,
        format: "toml-frontmatter",
        frontmatter_delimiter: "+++",
        extension: "md",
        slug: "{{slug}}",
        i18n: true,
        fields,
    };
    let decap = DecapConfig {
        backend: BackendBlock {
            name: "github",
            repo: backend
                .repo
                .clone()
                .unwrap_or_else(|| "OWNER/REPOSITORY".into()),
            branch: backend.branch.clone().unwrap_or_else(|| "main".into()),
        },
        local_backend: true,
        media_folder: "static/uploads",
        public_folder: "/uploads",
        locale: &config.default_language,
        slug: SlugRules {
            encoding: "ascii",
            clean_accents: true,
            sanitize_replacement: "-",
        },
        i18n: I18n {
            structure: "multiple_files",
            locales,
            default_locale: &config.default_language,
        },
        collections: vec![
            collection(
                "postings",
                strings.get("nav.home"),
                "content/postings",
                posting_fields(config, strings),
            ),
            collection(
                "pages",
                strings.get("field.pages"),
                "content/pages",
                page_fields(strings),
            ),
        ],
    };
    let yaml = serde_yaml_ng::to_string(&decap).expect("the configuration serializes");
    format!(
        "# Written by `vacancy cms` from vacancy.toml and the posting fields vacancy\n\
         # checks: run it again (with --force) after changing either, rather than\n\
         # editing this file. For GitLab or Gitea, set backend.name to gitlab or gitea.\n{yaml}"
    )
}

/// `static/admin/index.html`: the CMS, pinned, checked by its hash.
pub fn admin_html() -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>Content manager</title>\n\
         </head>\n<body>\n\
         <script src=\"https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js\" \
         integrity=\"{DECAP_SRI}\" crossorigin=\"anonymous\"></script>\n</body>\n</html>\n"
    )
}

impl Backend {
    /// The GitHub repository and branch of the site's own git checkout,
    /// where the command was not given them: `origin`'s address and the
    /// branch checked out, read from `.git/` (nothing is run).
    pub fn from_git(root: &Path, repo: Option<String>, branch: Option<String>) -> Backend {
        let git = root.join(".git");
        let repo = repo.or_else(|| {
            let config = std::fs::read_to_string(git.join("config")).ok()?;
            github_repo(&config)
        });
        let branch = branch.or_else(|| {
            let head = std::fs::read_to_string(git.join("HEAD")).ok()?;
            head.trim()
                .strip_prefix("ref: refs/heads/")
                .map(str::to_string)
        });
        Backend { repo, branch }
    }
}

/// `owner/name` of the `origin` remote in a git config, when it is on GitHub.
fn github_repo(config: &str) -> Option<String> {
    let mut in_origin = false;
    for line in config.lines().map(str::trim) {
        if line.starts_with('[') {
            in_origin = line == "[remote \"origin\"]";
        } else if in_origin && let Some(url) = line.strip_prefix("url") {
            let url = url.trim_start().strip_prefix('=')?.trim();
            let path = url
                .split_once("github.com/")
                .or_else(|| url.split_once("github.com:"))?
                .1;
            let path = path.trim_end_matches('/').trim_end_matches(".git");
            return (path.split('/').count() == 2).then(|| path.to_string());
        }
    }
    None
}

/// Writes the admin page and the configuration into `static/admin/`.
pub fn write(root: &Path, backend: &Backend, force: bool) -> Result<String, String> {
    let (config, strings) = load(root)?;
    let dir = root.join(ADMIN_DIR);
    let files = [
        ("index.html", admin_html()),
        ("config.yml", config_yml(&config, &strings, backend)),
    ];
    if !force && let Some((name, _)) = files.iter().find(|(n, _)| dir.join(n).exists()) {
        return Err(format!(
            "{ADMIN_DIR}/{name} already exists; run `vacancy cms --force` to write it again"
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {ADMIN_DIR}: {e}"))?;
    for (name, text) in &files {
        std::fs::write(dir.join(name), text)
            .map_err(|e| format!("cannot write {ADMIN_DIR}/{name}: {e}"))?;
    }
    Ok(format!(
        "wrote {ADMIN_DIR}/index.html and {ADMIN_DIR}/config.yml: the CMS is at /admin/ of the built site"
    ))
}

/// A warning when `static/admin/config.yml` is no longer what `vacancy cms`
/// writes for the site (vacancy.toml or the posting fields changed since):
/// the form would offer what `check` refuses, or miss a field.
pub fn drift(
    root: &Path,
    config: &Config,
    strings: &Strings,
) -> Option<crate::diagnostic::Diagnostic> {
    let rel = format!("{ADMIN_DIR}/config.yml");
    let written = std::fs::read_to_string(root.join(&rel)).ok()?;
    let expected = config_yml(config, strings, &Backend::default());
    // The backend block is the board owner's (GitHub, GitLab, Gitea, which
    // repository): only what follows it is compared.
    let after_backend = |text: &str| {
        text.split_once("\nlocal_backend:")
            .map(|(_, rest)| rest.to_string())
    };
    if after_backend(&written).is_some() && after_backend(&written) == after_backend(&expected) {
        return None;
    }
    Some(
        crate::diagnostic::Diagnostic::warning(
            "the browser CMS's configuration no longer matches vacancy.toml and the posting fields",
        )
        .in_file(rel)
        .help("run `vacancy cms --force` to write it again; give --repo and --branch if the CMS commits elsewhere than this checkout's origin"),
    )
}

/// The site's configuration and its default language's strings.
pub fn load(root: &Path) -> Result<(Config, Strings), String> {
    let first = |ds: Vec<crate::diagnostic::Diagnostic>| {
        ds.first()
            .map(|d| {
                d.render()
                    .trim_start_matches("error: ")
                    .trim_end()
                    .to_string()
            })
            .unwrap_or_else(|| "the site cannot be read".into())
    };
    let config = Config::load(root).map_err(first)?;
    let theme = crate::theme::Theme::load(root).map_err(first)?;
    let strings = crate::i18n::load(&config, &theme.i18n).map_err(first)?;
    let default = strings
        .into_iter()
        .find(|s| s.lang == config.default_language)
        .ok_or("the default language has no strings")?;
    Ok((config, default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repository_is_read_from_origin_on_github() {
        let ssh =
            "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@github.com:agency/jobs.git\n";
        assert_eq!(github_repo(ssh).as_deref(), Some("agency/jobs"));
        let https = "[remote \"origin\"]\n\turl = https://github.com/agency/jobs\n";
        assert_eq!(github_repo(https).as_deref(), Some("agency/jobs"));
        let other = "[remote \"origin\"]\n\turl = https://gitlab.com/agency/jobs.git\n";
        assert_eq!(github_repo(other), None);
    }
}
