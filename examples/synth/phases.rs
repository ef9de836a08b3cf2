//! In-process timing of a build's parts, against floors that do only the
//! unavoidable work: reading the files, parsing the Markdown, writing the bytes.
//! Uses only the library's stable entry points (`Config::load`,
//! `content::load`, `markdown::render`, `build_in_memory`, `Output::write_atomically`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The site folder to measure.
    #[arg(long)]
    root: PathBuf,
    /// The moment to build for.
    #[arg(long, default_value = crate::board::NOW)]
    now: String,
    /// How many times to run each part (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// A folder for the written sites (emptied first; not inside the board).
    #[arg(long)]
    scratch: PathBuf,
}

/// One measured part: its name and every run's time.
struct Part {
    name: &'static str,
    what: &'static str,
    times: Vec<Duration>,
}

pub fn run(args: &Args) -> Result<(), String> {
    let now = vacancy::parse_now(&args.now, chrono_tz::Europe::Stockholm)?;
    let runs = args.runs.max(1);
    let mut parts: Vec<Part> = Vec::new();
    let mut record = |name: &'static str, what: &'static str, t: Duration| match parts
        .iter_mut()
        .find(|p| p.name == name)
    {
        Some(p) => p.times.push(t),
        None => parts.push(Part {
            name,
            what,
            times: vec![t],
        }),
    };
    let files = markdown_files(&args.root.join("content/postings"));
    let mut facts = String::new();
    for run in 0..runs {
        // Floor: read every posting file.
        let t = Instant::now();
        let texts: Vec<String> = files
            .par_iter()
            .map(|p| std::fs::read_to_string(p).unwrap_or_default())
            .collect();
        record("read", "read every posting file (floor)", t.elapsed());
        let bodies: Vec<(&str, &str)> = texts.iter().map(|t| split(t)).collect();

        // Floor: parse the front matter as plain TOML.
        let t = Instant::now();
        let ok = bodies
            .par_iter()
            .filter(|(front, _)| front.parse::<toml::Table>().is_ok())
            .count();
        record(
            "toml",
            "parse front matter to a TOML table (floor)",
            t.elapsed(),
        );

        // Floor: Markdown to HTML with pulldown-cmark alone.
        let t = Instant::now();
        let html_bytes: usize = bodies
            .par_iter()
            .map(|(_, body)| {
                let mut html = String::with_capacity(body.len() * 3 / 2);
                let options = pulldown_cmark::Options::ENABLE_TABLES
                    | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
                    | pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION
                    | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
                pulldown_cmark::html::push_html(
                    &mut html,
                    pulldown_cmark::Parser::new_ext(body, options),
                );
                html.len()
            })
            .sum();
        record(
            "markdown",
            "Markdown to HTML, pulldown-cmark only (floor)",
            t.elapsed(),
        );

        // The project's Markdown step: render, sanitize (ammonia), first paragraph.
        let t = Instant::now();
        let _: usize = bodies
            .par_iter()
            .map(|(_, body)| vacancy::markdown::render(body).html.len())
            .sum();
        record(
            "markdown+sanitize",
            "vacancy::markdown::render (pulldown-cmark + ammonia + summary)",
            t.elapsed(),
        );
        drop(texts);

        // Loading: config, discovery, reading, validation, merging, Markdown.
        let t = Instant::now();
        let config = vacancy::config::Config::load(&args.root).map_err(|d| format!("{d:?}"))?;
        let (content, _warnings) = vacancy::content::load(&args.root, &config)
            .map_err(|d| format!("{} problems loading the content", d.len()))?;
        let load = t.elapsed();
        record(
            "load",
            "Config::load + content::load (read, validate, Markdown, merge)",
            load,
        );
        let postings = content.postings.len();
        drop(content);

        // The whole build in memory (loads again, then model, pages, feeds).
        let t = Instant::now();
        let built = vacancy::build_in_memory(&args.root, now, None)
            .map_err(|f| format!("the build failed: {f}"))?;
        let build = t.elapsed();
        record("build_in_memory", "load + model + render + feeds", build);
        record(
            "render+feeds (derived)",
            "build_in_memory minus load",
            build.saturating_sub(load),
        );

        // Writing: the project's atomic write into an empty folder.
        let out = args.scratch.join("site");
        let _ = std::fs::remove_dir_all(&args.scratch);
        std::fs::create_dir_all(&args.scratch).map_err(|e| e.to_string())?;
        let t = Instant::now();
        built
            .output
            .write_atomically(&out)
            .map_err(|e| e.to_string())?;
        record(
            "write_atomically",
            "Output::write_atomically to an empty folder",
            t.elapsed(),
        );

        // Floor: the same bytes written in parallel, no staging or rename.
        let floor = args.scratch.join("floor");
        let t = Instant::now();
        write_plain(&floor, &built.output.files).map_err(|e| e.to_string())?;
        record(
            "write",
            "the same files written in parallel, plainly (floor)",
            t.elapsed(),
        );

        let files_out = built.output.files.len();
        let bytes_out: usize = built.output.files.values().map(|b| b.len()).sum();
        let t = Instant::now();
        drop(built);
        record("drop", "freeing the built site", t.elapsed());
        if run == 0 {
            facts = format!(
                "{} posting files ({} front matters parsed), {postings} postings; \
                 {files_out} files out, {:.1} MB; HTML from Markdown alone {:.1} MB; \
                 {} threads",
                files.len(),
                ok,
                bytes_out as f64 / 1e6,
                html_bytes as f64 / 1e6,
                rayon::current_num_threads()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&args.scratch);
    println!("{}: {facts}", args.root.display());
    println!(
        "{:<24} {:>9} {:>9} {:>9}  what",
        "part", "median s", "min s", "max s"
    );
    for p in &parts {
        let mut t = p.times.clone();
        t.sort();
        println!(
            "{:<24} {:>9.3} {:>9.3} {:>9.3}  {}",
            p.name,
            t[t.len() / 2].as_secs_f64(),
            t[0].as_secs_f64(),
            t[t.len() - 1].as_secs_f64(),
            p.what
        );
    }
    Ok(())
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .max_depth(2)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    files
}

/// Front matter and body of a content file (`+++` fences).
fn split(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return ("", text);
    };
    match rest.find("\n+++\n") {
        Some(end) => (&rest[..end + 1], &rest[end + 5..]),
        None => ("", text),
    }
}

fn write_plain(
    dir: &Path,
    files: &std::collections::BTreeMap<std::sync::Arc<str>, std::sync::Arc<[u8]>>,
) -> std::io::Result<()> {
    let mut folders: Vec<&Path> = files
        .keys()
        .filter_map(|p| Path::new(&**p).parent())
        .collect();
    folders.sort();
    folders.dedup();
    std::fs::create_dir_all(dir)?;
    for f in folders {
        std::fs::create_dir_all(dir.join(f))?;
    }
    files
        .par_iter()
        .try_for_each(|(path, bytes)| std::fs::write(dir.join(&**path), bytes))
}
