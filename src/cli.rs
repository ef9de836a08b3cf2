//! The command line: one `Args` struct per command, each with `run()`.
//! Commands print; the library they call never does.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::{Diagnostic, Diagnostics, count};

/// A line to standard output. A reader that went away (`vacancy build -v |
/// head -1`) is no error of the command's: the line is dropped, not a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// A line to standard error, dropped like [`say!`]'s when nobody reads it.
macro_rules! tell {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

#[derive(Debug, Parser)]
#[command(
    name = "vacancy",
    version,
    about = "Build an accessible, multilingual job board from Markdown postings"
)]
pub struct Cli {
    #[command(flatten)]
    pub site: SiteArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default `output/`).
    Build(BuildArgs),
    /// Validate the site without writing anything; exits non-zero on errors.
    Check(CheckArgs),
    /// Write a new posting file with every field present and explained.
    New(NewArgs),
    /// Create a minimal working site in a new folder.
    Init(InitArgs),
    /// Serve the site for previewing, rebuilding and reloading on every save.
    Serve(ServeArgs),
    /// Write the browser CMS (static/admin/) configured from vacancy.toml and the posting fields.
    Cms(CmsArgs),
}

/// Options every command takes, before or after its name
/// (`vacancy --root site build` and `vacancy build --root site` alike).
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The site folder (holding vacancy.toml).
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// The moment to build for, e.g. 2026-03-20 or 2026-03-20T12:00:00+01:00.
    /// Defaults to SOURCE_DATE_EPOCH when set, else the current time.
    #[arg(long, global = true)]
    pub now: Option<String>,
    /// Print nothing but errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also list every file written and print warnings in full.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Where to write the site; relative paths are relative to the site folder.
    #[arg(long, short, default_value = "output")]
    pub output: PathBuf,
    /// Use another base URL than vacancy.toml's (e.g. for a staging server).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Build even when the board would have no postings while the last build
    /// had some, or when the site has no content/ folder.
    #[arg(long)]
    pub allow_empty: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable text with the offending line shown.
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// How to print problems.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Treat every warning as an error (e.g. in CI before publishing).
    #[arg(long)]
    pub strict: bool,
    /// A site without a content/ folder (a board without postings) is no error.
    #[arg(long)]
    pub allow_empty: bool,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The posting's name in web addresses, e.g. case-officer-norrkoping.
    pub slug: String,
    /// The language of the file (default: the site's default language).
    #[arg(long)]
    pub lang: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct CmsArgs {
    /// The GitHub repository the CMS commits to, owner/name (default: the `origin` remote).
    #[arg(long)]
    pub repo: Option<String>,
    /// The branch it commits to (default: the branch checked out, else main).
    #[arg(long)]
    pub branch: Option<String>,
    /// Write the files again when they exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create.
    pub dir: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Only this computer can reach 127.0.0.1;
    /// 0.0.0.0 lets other machines in too, so change it only on purpose.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
}

/// Runs the command and returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let site = &cli.site;
    match cli.command {
        Command::Build(args) => build(site, args),
        Command::Check(args) => check(site, args),
        Command::New(args) => report(crate::scaffold::new_posting(
            &site.root,
            &args.slug,
            args.lang.as_deref(),
        )),
        Command::Init(args) => report(crate::scaffold::init(&args.dir)),
        Command::Serve(args) => serve(site, args),
        Command::Cms(args) => {
            let backend = crate::cms::Backend::from_git(&site.root, args.repo, args.branch);
            report(crate::cms::write(&site.root, &backend, args.force))
        }
    }
}

fn report(result: Result<String, String>) -> i32 {
    match result {
        Ok(message) => {
            say!("{message}");
            0
        }
        Err(message) => {
            tell!("error: {message}");
            1
        }
    }
}

fn now(site: &SiteArgs) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
    crate::resolve_now(site.now.as_deref(), crate::site_time_zone(&site.root))
}

fn build(site: &SiteArgs, args: BuildArgs) -> i32 {
    let now = match now(site) {
        Ok(n) => n,
        Err(e) => return report(Err(e)),
    };
    let root = &site.root;
    let output = if args.output.is_absolute() {
        args.output.clone()
    } else {
        root.join(&args.output)
    };
    let options = crate::BuildOptions {
        base_url: args.base_url.as_deref(),
        allow_empty: args.allow_empty,
    };
    let built = match crate::build(root, &output, now, options) {
        Ok(b) => b,
        Err(crate::BuildError::Content(failed)) => {
            print_diagnostics(&failed.0, Format::Human);
            tell!(
                "error: {failed}; nothing was written, {} is unchanged",
                output.display()
            );
            return 1;
        }
        Err(e) => return report(Err(e.to_string())),
    };
    if !site.quiet {
        if site.verbose {
            for path in &built.files {
                say!("  {path}");
            }
        }
        let warnings = built.warnings.warnings().count();
        if site.verbose {
            print_diagnostics(&built.warnings, Format::Human);
        } else if warnings > 0 {
            tell!(
                "{}: see them with `vacancy build --verbose` or `vacancy check`",
                count(warnings, "warning", "warnings")
            );
        }
        say!("{}", built.next_change_line());
        say!("{}", built.summary());
    }
    // The process ends now and the kernel takes its memory back whole:
    // freeing the model piece by piece first would only add time (at
    // 100,000 postings, hundreds of thousands of allocations on one thread).
    std::mem::forget(built);
    0
}

fn check(site: &SiteArgs, args: CheckArgs) -> i32 {
    let now = match now(site) {
        Ok(n) => n,
        Err(e) => return report(Err(e)),
    };
    let options = crate::check::Options {
        strict: args.strict,
        allow_empty: args.allow_empty,
    };
    match crate::check::check(&site.root, now, options) {
        Ok(built) => {
            print_diagnostics(&built.warnings, args.format);
            if args.format == Format::Human {
                let warnings = built.warnings.warnings().count();
                let postings = built.site.content.postings.len();
                match warnings {
                    0 => say!(
                        "ok: no errors in {}",
                        count(postings, "posting", "postings")
                    ),
                    n => say!(
                        "ok: no errors in {} ({})",
                        count(postings, "posting", "postings"),
                        count(n, "warning", "warnings")
                    ),
                }
            }
            0
        }
        Err(failed) => {
            print_diagnostics(&failed.0, args.format);
            if args.format == Format::Human {
                tell!("error: {failed}");
            }
            1
        }
    }
}

fn serve(site: &SiteArgs, args: ServeArgs) -> i32 {
    // A fixed moment only when asked for one, as `build` would; else the clock, live.
    let fixed = site.now.is_some() || std::env::var_os("SOURCE_DATE_EPOCH").is_some();
    let now = match fixed.then(|| now(site)).transpose() {
        Ok(n) => n,
        Err(e) => return report(Err(e)),
    };
    let options = crate::serve::Options {
        root: site.root.clone(),
        bind: args.bind,
        port: args.port,
        now,
        limits: crate::serve::Limits::default(),
    };
    let server = match crate::serve::start(options, print_serve_report) {
        Ok(server) => server,
        Err(e) => return report(Err(e.to_string())),
    };
    say!("serving {} at {}", site.root.display(), server.url());
    say!("watching for changes; press Ctrl-C to stop");
    match server.wait() {
        Ok(()) => 0,
        Err(e) => report(Err(format!("the web server stopped: {e}"))),
    }
}

fn print_serve_report(event: crate::serve::Report) {
    use crate::serve::Report;
    match event {
        Report::Updated(update) => say!("{}", update.summary()),
        Report::Failed(failed) => {
            print_diagnostics(&failed.0, Format::Human);
            tell!("error: {failed}; still serving the last good build");
        }
        Report::Moved(url) => say!("base_url changed: now serving at {url}"),
        Report::Watch(why) => tell!("warning: watching files: {why}"),
    }
}

/// Prints every diagnostic to stderr (human) or stdout (machine formats).
pub fn print_diagnostics(diagnostics: &Diagnostics, format: Format) {
    let stderr = std::io::stderr();
    let stdout = std::io::stdout();
    for d in &diagnostics.0 {
        match format {
            Format::Human => {
                let _ = write!(stderr.lock(), "{}", d.render());
            }
            Format::Json => {
                let _ = writeln!(stdout.lock(), "{}", d.to_json());
            }
            Format::Github => {
                let _ = writeln!(stdout.lock(), "{}", github_annotation(d));
            }
        }
    }
}

/// GitHub Actions workflow commands that put the problem on the right line:
/// one for the file it is reported in, and one more for each other file it
/// points at (a fact given differently in two translations is shown on
/// both, so a pull request that changed either one shows it). One per line.
pub fn github_annotation(d: &Diagnostic) -> String {
    let level = if d.is_error() { "error" } else { "warning" };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let title = d
        .field
        .as_ref()
        .map(|f| format!("title={}", escape_property(f)));
    let command = |place: Option<String>| {
        let props: Vec<String> = place.into_iter().chain(title.clone()).collect();
        format!("::{level} {}::{}", props.join(","), escape_data(&message))
    };
    let Some(first) = d.labels.first() else {
        let place = d
            .file()
            .map(|f| format!("file={}", escape_property(&f.display().to_string())));
        return command(place);
    };
    let mut seen = Vec::new();
    let mut lines = Vec::new();
    for label in std::iter::once(first).chain(&d.labels[1..]) {
        if seen.contains(&&label.file.path) {
            continue;
        }
        seen.push(&label.file.path);
        let (line, col) = label.file.line_column(label.span.start);
        let file = escape_property(&label.file.path.display().to_string());
        lines.push(command(Some(format!("file={file},line={line},col={col}"))));
    }
    lines.join("\n")
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
