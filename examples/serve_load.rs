//! A bounded load test of `vacancy serve`: the preview of a site folder (this
//! repository's example board by default) in this process, and many
//! keep-alive clients over loopback asking for its pages, its 404 and its
//! status, in rounds. Reports requests per second, errors, and the process's
//! resident memory (server and clients together) before, after each round,
//! and once every connection is closed.
//!
//! ```sh
//! cargo run --release --example serve_load -- --connections 1000 --requests 100000
//! ```
//!
//! Each connection needs a file descriptor on both ends: raise `ulimit -n`
//! above twice the number of connections first.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use vacancy::serve::{self, Limits, Options};

#[derive(Parser)]
struct Args {
    /// The site folder; the repository's example board by default.
    #[arg(long)]
    site: Option<PathBuf>,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 1000)]
    connections: usize,
    /// Requests in all, spread over the connections.
    #[arg(long, default_value_t = 100_000)]
    requests: usize,
    /// How many times to run the whole load; memory should not grow from one to the next.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// The moment to build the site for.
    #[arg(long, default_value = "2026-11-23T12:00:00+01:00")]
    now: String,
}

fn main() -> Result<(), String> {
    let args = Args::parse();
    let root = args
        .site
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let now = chrono::DateTime::parse_from_rfc3339(&args.now).map_err(|e| e.to_string())?;
    let limits = Limits {
        header_timeout: Duration::from_secs(2),
        ..Limits::default()
    };
    let options = Options {
        root,
        bind: Ipv4Addr::LOCALHOST.into(),
        port: 0,
        now: Some(now),
        limits,
    };
    let server = serve::start(options, |_| {}).map_err(|e| e.to_string())?;
    let status = server.status();
    let output = status.output.as_ref().ok_or("the site does not build")?;
    let base = status.base_path.clone();
    let mut paths: Vec<String> = output
        .files
        .keys()
        .filter(|p| p.ends_with(".html") || p.ends_with(".css") || p.ends_with(".json"))
        .take(200)
        .map(|p| format!("{base}{p}"))
        .collect();
    paths.push(format!("{base}no/such/page/"));
    paths.push("/__vacancy/status".into());
    let paths = Arc::new(paths);

    let before = rss_kib();
    println!(
        "serving {} files at {}; {} connections, {} requests",
        output.len(),
        server.url(),
        args.connections,
        args.requests
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    println!("resident memory (server and clients) before: {before} KiB");
    for round in 1..=args.rounds {
        let (done, errors, elapsed) = runtime.block_on(load(
            server.addr(),
            paths.clone(),
            args.connections,
            args.requests,
        ));
        println!(
            "round {round}: {done} responses, {errors} errors in {:.2} s: {:.0} requests/s; \
             resident memory {} KiB",
            elapsed.as_secs_f64(),
            done as f64 / elapsed.as_secs_f64(),
            rss_kib()
        );
    }
    std::thread::sleep(limits.header_timeout + Duration::from_secs(1));
    println!(
        "resident memory once every connection is closed: {} KiB",
        rss_kib()
    );
    Ok(())
}

/// Runs the clients; returns the good responses, the errors and the time taken.
async fn load(
    addr: SocketAddr,
    paths: Arc<Vec<String>>,
    connections: usize,
    requests: usize,
) -> (usize, usize, Duration) {
    let done = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..connections {
        let share = requests / connections + usize::from(c < requests % connections);
        let (paths, done, errors) = (paths.clone(), done.clone(), errors.clone());
        tasks.push(tokio::spawn(async move {
            match client(addr, &paths, c, share).await {
                Ok(n) => {
                    done.fetch_add(n, Ordering::Relaxed);
                }
                Err(n) => {
                    done.fetch_add(n, Ordering::Relaxed);
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    (
        done.load(Ordering::Relaxed),
        errors.load(Ordering::Relaxed),
        started.elapsed(),
    )
}

/// One keep-alive connection sending `count` requests one after another;
/// the number answered, as an error if the connection failed on the way.
async fn client(
    addr: SocketAddr,
    paths: &[String],
    seed: usize,
    count: usize,
) -> Result<usize, usize> {
    let stream = TcpStream::connect(addr).await.map_err(|_| 0usize)?;
    let mut stream = BufReader::new(stream);
    let mut answered = 0;
    for i in 0..count {
        let path = &paths[(seed * 7 + i * 13) % paths.len()];
        let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        let ok = async {
            stream.get_mut().write_all(request.as_bytes()).await?;
            read_response(&mut stream).await
        }
        .await;
        match ok {
            Ok(status) if status == 200 || status == 404 => answered += 1,
            _ => return Err(answered),
        }
    }
    Ok(answered)
}

/// Reads one response with a `content-length`; returns its status.
async fn read_response(stream: &mut BufReader<TcpStream>) -> std::io::Result<u16> {
    let bad = || std::io::Error::other("a malformed response");
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(bad)?;
    let mut length = None;
    loop {
        line.clear();
        if stream.read_line(&mut line).await? == 0 {
            return Err(bad());
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length.ok_or_else(bad)?];
    stream.read_exact(&mut body).await?;
    Ok(status)
}

/// This process's resident memory in KiB, from /proc (Linux); 0 elsewhere.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
