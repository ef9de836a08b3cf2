//! Benchmark of the live preview (issue 5): the time from saving one posting
//! to its new page being served, on a large board. Not a test: it prints
//! numbers for the notes.
//!
//! ```sh
//! # a generated board of N postings per language (Swedish and English)
//! cargo run --release --example serve_latency -- --postings 10000
//! # or any site folder, e.g. one made by `--example synth`, at its moment
//! cargo run --release --example serve_latency -- --site target/boards/10k --now 2026-06-15T12:00:00+02:00
//! ```
//!
//! It starts `vacancy serve` in-process on a free port, then edits one
//! posting several times the way editors save (a hidden file renamed over the
//! old one) and polls the posting's page over HTTP until the edit shows.
//! Each time covers the watcher, the debounce window, the incremental
//! rebuild and the request. Two kinds of edit: a body edit (the posting's
//! own page changes) and a title edit (listings, term pages and feeds too).

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Parser;
use vacancy::serve::{self, Options, Report};

#[derive(Debug, Parser)]
#[command(about = "Time from saving a posting to its new page being served")]
struct Args {
    /// Generate a board with this many postings per language.
    #[arg(long, conflicts_with = "site")]
    postings: Option<usize>,
    /// Use this site folder instead (it is edited: use a copy).
    #[arg(long)]
    site: Option<PathBuf>,
    /// The moment to build the site for.
    #[arg(long, default_value = NOW)]
    now: String,
    /// Edits of each kind to time.
    #[arg(long, default_value_t = 15)]
    edits: usize,
}

const NOW: &str = "2026-03-01T12:00:00+01:00";
const PATIENCE: Duration = Duration::from_secs(60);

fn main() -> Result<(), String> {
    let args = Args::parse();
    let now = chrono::DateTime::parse_from_rfc3339(&args.now).map_err(|e| e.to_string())?;
    let (_scratch, root) = match (&args.site, args.postings) {
        (Some(site), _) => (None, site.clone()),
        (None, Some(n)) => {
            let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
            generate(scratch.path(), n).map_err(|e| e.to_string())?;
            let root = scratch.path().to_path_buf();
            (Some(scratch), root)
        }
        (None, None) => return Err("give --postings N or --site DIR".into()),
    };

    let reports = Arc::new(Mutex::new(Vec::new()));
    let sink = reports.clone();
    let started = Instant::now();
    let options = Options {
        root: root.clone(),
        bind: Ipv4Addr::LOCALHOST.into(),
        port: 0,
        now: Some(now),
        limits: serve::Limits::default(),
    };
    let server =
        serve::start(options, move |r| sink.lock().unwrap().push(r)).map_err(|e| e.to_string())?;
    let status = server.status();
    let Some(output) = status.output.clone() else {
        for report in reports.lock().unwrap().iter() {
            if let Report::Failed(failed) = report {
                for d in &failed.0.0 {
                    eprint!("{}", d.render());
                }
            }
        }
        return Err("the site does not build".into());
    };
    println!(
        "{}: {} files served; first build {} ms ({} ms until serving)",
        root.display(),
        output.files.len(),
        status.update.as_ref().map_or(0, |u| u.elapsed.as_millis()),
        started.elapsed().as_millis()
    );

    let (source, page) = pick_posting(&root, &output).ok_or("no posting page to edit")?;
    let url = format!("{}{page}", status.base_path);
    println!("editing {} (served at {url})", source.display());
    let addr = server.addr();
    let mut body = Vec::new();
    let mut title = Vec::new();
    for i in 0..args.edits {
        let marker = format!("Benchmark edit {i} {}", std::process::id());
        body.push(time_edit(&server, addr, &source, &url, &marker, |text| {
            format!("{}\n\n{marker}\n", text.trim_end())
        })?);
        let marker = format!("Title {i}");
        title.push(time_edit(&server, addr, &source, &url, &marker, |text| {
            retitle(text, &marker)
        })?);
    }
    summarize("body edit", &body);
    summarize("title edit", &title);
    let failures = reports
        .lock()
        .unwrap()
        .iter()
        .filter(|r| matches!(r, Report::Failed(_)))
        .count();
    if failures > 0 {
        return Err(format!("{failures} rebuilds failed"));
    }
    Ok(())
}

/// One measurement: save-to-served, and the rebuild's own share of it.
struct Sample {
    served: Duration,
    rebuild: Duration,
    rendered: usize,
}

fn time_edit(
    server: &serve::Server,
    addr: SocketAddr,
    source: &Path,
    url: &str,
    marker: &str,
    change: impl Fn(&str) -> String,
) -> Result<Sample, String> {
    let text = std::fs::read_to_string(source).map_err(|e| e.to_string())?;
    let new = change(&text);
    let name = source.file_name().unwrap().to_string_lossy();
    let hidden = source.with_file_name(format!(".{name}.new"));
    std::fs::write(&hidden, new).map_err(|e| e.to_string())?;
    let generation = server.status().generation;
    let saved = Instant::now();
    std::fs::rename(&hidden, source).map_err(|e| e.to_string())?;
    loop {
        if get(addr, url)?.contains(marker) {
            break;
        }
        if saved.elapsed() > PATIENCE {
            return Err(format!("{marker} was not served within {PATIENCE:?}"));
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let served = saved.elapsed();
    let status = server.status();
    let update = status.update.as_ref().ok_or("no update")?;
    if status.generation != generation + 1 {
        eprintln!(
            "note: {} updates for one save",
            status.generation - generation
        );
    }
    // Let the watcher settle before the next save.
    std::thread::sleep(Duration::from_millis(150));
    Ok(Sample {
        served,
        rebuild: update.elapsed,
        rendered: update.rendered.len(),
    })
}

fn get(addr: SocketAddr, path: &str) -> Result<String, String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&response).into_owned())
}

fn summarize(kind: &str, samples: &[Sample]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut served: Vec<f64> = samples.iter().map(|s| ms(s.served)).collect();
    let mut rebuild: Vec<f64> = samples.iter().map(|s| ms(s.rebuild)).collect();
    served.sort_by(f64::total_cmp);
    rebuild.sort_by(f64::total_cmp);
    let median = |v: &[f64]| v[v.len() / 2];
    println!(
        "{kind}: save-to-served median {:.1} ms (min {:.1}, max {:.1}) over {} saves; \
         rebuild median {:.1} ms, {} files rendered",
        median(&served),
        served[0],
        served[served.len() - 1],
        samples.len(),
        median(&rebuild),
        samples[0].rendered
    );
}

/// The newest open posting in the default language: the first on the home
/// page, so that a title edit touches listings, term pages and feeds.
fn pick_posting(root: &Path, output: &vacancy::output::Output) -> Option<(PathBuf, String)> {
    let config = vacancy::config::Config::load(root).ok()?;
    let lang = config.default_language.clone();
    let home = String::from_utf8_lossy(output.get(&format!("{lang}/index.html"))?).into_owned();
    let link = format!("{}{lang}/jobs/", config.base_path);
    let at = home.find(&link)? + link.len();
    let slug = home[at..].split('/').next()?.to_string();
    let dir = root.join("content/postings");
    [
        dir.join(format!("{slug}.{lang}.md")),
        dir.join(&slug).join(format!("index.{lang}.md")),
    ]
    .into_iter()
    .find(|p| p.is_file() && has_title(p))
    .map(|p| (p, format!("{lang}/jobs/{slug}/")))
}

fn has_title(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|t| t.lines().any(|l| l.starts_with("title = \"")))
}

fn retitle(text: &str, marker: &str) -> String {
    let mut done = false;
    text.lines()
        .map(|line| match line.strip_prefix("title = \"") {
            Some(_) if !done => {
                done = true;
                format!("title = \"{marker}\"")
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// A plain board: `n` postings in Swedish and English over 25 places and 5
/// categories, most of them open at [`NOW`], bodies of a few paragraphs.
fn generate(root: &Path, n: usize) -> std::io::Result<()> {
    let postings = root.join("content/postings");
    std::fs::create_dir_all(&postings)?;
    std::fs::write(root.join("vacancy.toml"), CONFIG)?;
    let places = [
        "Stockholm",
        "Göteborg",
        "Malmö",
        "Uppsala",
        "Västerås",
        "Örebro",
        "Linköping",
        "Helsingborg",
        "Jönköping",
        "Norrköping",
        "Lund",
        "Umeå",
        "Gävle",
        "Borås",
        "Eskilstuna",
        "Södertälje",
        "Karlstad",
        "Täby",
        "Växjö",
        "Halmstad",
        "Sundsvall",
        "Luleå",
        "Trollhättan",
        "Östersund",
        "Kalmar",
    ];
    let categories = ["it", "legal", "case-handling", "hr", "finance"];
    let employment = ["permanent", "fixed-term", "temporary"];
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for i in 0..n {
        let published = start + chrono::Duration::days((i % 58) as i64);
        let deadline = published + chrono::Duration::days(20 + (i % 90) as i64);
        let sv = format!(
            "+++\ntitle = \"Handläggare {i}\"\npublished = {published}\ndeadline = {deadline}\n\
             locations = [\"{}\"]\nemployment = \"{}\"\nextent = \"full-time\"\n\
             categories = [\"{}\"]\nreference = \"2026/{i}\"\napply_email = \"jobb@example.se\"\n+++\n\n\
             Vi söker en handläggare till vår enhet. {BODY_SV}\n\n## Om tjänsten\n\n{BODY_SV}\n\n\
             - Erfarenhet av handläggning\n- God förmåga att uttrycka dig i tal och skrift\n",
            places[i % places.len()],
            employment[i % employment.len()],
            categories[i % categories.len()],
        );
        let en = format!(
            "+++\ntitle = \"Case officer {i}\"\n+++\n\nWe are looking for a case officer. {BODY_EN}\n\n\
             ## The job\n\n{BODY_EN}\n"
        );
        std::fs::write(postings.join(format!("job-{i:05}.sv.md")), sv)?;
        std::fs::write(postings.join(format!("job-{i:05}.en.md")), en)?;
    }
    Ok(())
}

const BODY_SV: &str = "Du arbetar med ärenden från hela landet tillsammans med erfarna kollegor, \
    och du bidrar till att utveckla arbetssätt och rutiner. Arbetet innebär många kontakter \
    med sökande, myndigheter och organisationer.";
const BODY_EN: &str = "You work with cases from all over the country together with experienced \
    colleagues, and you help develop our ways of working. The job involves many contacts with \
    applicants, authorities and organisations.";

const CONFIG: &str = r#"base_url = "https://jobs.example.org/"
default_language = "sv"
time_zone = "Europe/Stockholm"
country = "SE"
page_size = 20
title = { sv = "Lediga jobb", en = "Jobs" }

[[languages]]
code = "sv"
name = "Svenska"

[[languages]]
code = "en"
name = "English"

[organization]
name = { sv = "Exempelverket", en = "Example Agency" }
url = "https://www.example.org/"

[categories]
it = { sv = "IT", en = "IT" }
legal = { sv = "Juridik", en = "Law" }
case-handling = { sv = "Handläggning", en = "Case handling" }
hr = { sv = "Personal", en = "HR" }
finance = { sv = "Ekonomi", en = "Finance" }
"#;
