//! A build killed at any moment loses nothing (issue 7): the real binary
//! builds a generated board of 80 postings and is killed with
//! SIGKILL at seeded moments spread over a build's duration. After each kill
//! `output/` is byte for byte the previous site or the new one, and the next
//! build succeeds and leaves no staging folders behind. Two builds started at
//! once either both succeed or one says another build is running; the site
//! is whole either way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{NOW, assert_snapshot, read_tree};

/// Postings in the generated board: enough that a build lasts tens of milliseconds.
const POSTINGS: usize = 80;

/// How many builds are killed.
const KILLS: usize = 24;

/// Only a hung build trips this.
const WATCHDOG: Duration = Duration::from_secs(120);

const CONFIG: &str = r#"base_url = "https://jobs.example.org/"
default_language = "sv"
time_zone = "Europe/Stockholm"
title = { sv = "Lediga jobb", en = "Jobs" }

[[languages]]
code = "sv"
name = "Svenska"
[[languages]]
code = "en"
name = "English"

[organization]
name = "Verket"
url = "https://www.example.org/"
"#;

/// The two versions of the board, which differ on every posting page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    Old,
    New,
}

fn write_board(root: &Path, variant: Variant) {
    std::fs::create_dir_all(root).unwrap();
    std::fs::write(root.join("vacancy.toml"), CONFIG).unwrap();
    let postings = root.join("content/postings");
    std::fs::create_dir_all(&postings).unwrap();
    let word = match variant {
        Variant::Old => "Gammal",
        Variant::New => "Ny",
    };
    for i in 0..POSTINGS {
        let places = ["Malmö", "Umeå", "Kiruna", "Lund"];
        let text = format!(
            "+++\ntitle = \"{word} tjänst {i}\"\npublished = 2026-02-{:02}\n\
             deadline = 2026-03-{:02}\nlocations = [\"{}\"]\nemployment = \"permanent\"\n\
             extent = \"full-time\"\n+++\n{word} text om tjänst {i}.\n\n- krav ett\n- krav två\n",
            1 + i % 27,
            2 + i % 27,
            places[i % places.len()],
        );
        std::fs::write(postings.join(format!("p{i:04}.sv.md")), text).unwrap();
    }
}

fn build_command(root: &Path, output: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vacancy"));
    command
        .args(["build", "--quiet", "--now", NOW, "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// Waits for a child, killing it and failing the test if it hangs.
fn wait(mut child: Child) -> std::process::Output {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > WATCHDOG {
            let _ = child.kill();
            panic!("a build took over {WATCHDOG:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.wait_with_output().unwrap()
}

fn build(root: &Path, output: &Path) -> Duration {
    let started = Instant::now();
    let done = wait(build_command(root, output).spawn().unwrap());
    assert!(
        done.status.success(),
        "the build failed: {}",
        String::from_utf8_lossy(&done.stderr)
    );
    started.elapsed()
}

/// What sits beside the output folder besides the output and its lock.
fn leftovers(parent: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n != "output" && n != ".output.lock")
        .collect();
    names.sort();
    names
}

/// A small deterministic generator (SplitMix64): the same delays every run.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

struct Board {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    parent: PathBuf,
    output: PathBuf,
    sites: BTreeMap<&'static str, BTreeMap<String, Vec<u8>>>,
    /// How long one full build takes here.
    duration: Duration,
}

/// A generated board, with both variants built once for reference.
fn board() -> Board {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let parent = tmp.path().join("public");
    let output = parent.join("output");
    std::fs::create_dir_all(&parent).unwrap();
    let mut sites = BTreeMap::new();
    let mut duration = Duration::ZERO;
    for (name, variant) in [("new", Variant::New), ("old", Variant::Old)] {
        write_board(&root, variant);
        duration = duration.max(build(&root, &output));
        sites.insert(name, read_tree(&output));
    }
    assert_ne!(sites["old"], sites["new"]);
    let page = "sv/jobs/p0007/index.html";
    let old = String::from_utf8_lossy(&sites["old"][page]).to_string();
    assert!(old.contains("Gammal tjänst 7"));
    Board {
        _tmp: tmp,
        root,
        parent,
        output,
        sites,
        duration,
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let b = board();
    eprintln!("one build takes {:?}", b.duration);
    let mut random = Seeded(0x7ac4_0c1e);
    let mut current = "old";
    let (mut saw_old, mut saw_new) = (0, 0);
    for kill in 0..KILLS {
        let next = if current == "old" { "new" } else { "old" };
        write_board(
            &b.root,
            if next == "new" {
                Variant::New
            } else {
                Variant::Old
            },
        );
        // Spread over the whole build, and a little past its usual end.
        let span = b.duration.as_micros() as u64 * 6 / 5;
        let delay = Duration::from_micros(random.next() % span.max(1));
        let mut child = build_command(&b.root, &b.output).spawn().unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL on Unix; harmless if it already finished
        wait(child);

        let after = read_tree(&b.output);
        let which = if after == b.sites[current] {
            saw_old += 1;
            "previous"
        } else if after == b.sites[next] {
            saw_new += 1;
            "new"
        } else {
            panic!(
                "kill {kill} after {delay:?}: output/ is neither the {current} site nor the {next} \
                 one ({} files)",
                after.len()
            );
        };
        eprintln!("kill {kill} after {delay:?}: the {which} site");

        build(&b.root, &b.output);
        assert_eq!(
            read_tree(&b.output),
            b.sites[next],
            "the build after kill {kill}"
        );
        assert_eq!(
            leftovers(&b.parent),
            Vec::<String>::new(),
            "after kill {kill}"
        );
        current = next;
    }
    eprintln!("{saw_old} kills left the previous site, {saw_new} the new one");
    assert!(
        saw_old > 0,
        "no kill landed before the new site was in place"
    );
}

#[test]
fn two_builds_at_once_never_corrupt_the_site() {
    let b = board();
    write_board(&b.root, Variant::New);
    let (mut both, mut refused) = (0, 0);
    for round in 0..10 {
        let first = build_command(&b.root, &b.output).spawn().unwrap();
        let second = build_command(&b.root, &b.output).spawn().unwrap();
        let results = [wait(first), wait(second)];
        let failed: Vec<String> = results
            .iter()
            .filter(|r| !r.status.success())
            .map(|r| String::from_utf8_lossy(&r.stderr).to_string())
            .collect();
        assert!(
            failed.len() < 2,
            "round {round}: both builds failed: {failed:?}"
        );
        for stderr in &failed {
            assert_snapshot(
                "killed_builds/another-build-is-running",
                &stderr.replace(&b.parent.display().to_string(), "<public>"),
            );
        }
        if failed.is_empty() {
            both += 1;
        } else {
            refused += 1;
        }
        assert_eq!(read_tree(&b.output), b.sites["new"], "round {round}");
        assert_eq!(leftovers(&b.parent), Vec::<String>::new(), "round {round}");
    }
    eprintln!("{both} rounds both builds succeeded, {refused} one was refused");
}

/// What the second of two builds at once says, made certain by holding the
/// lock here: the same text `two_builds_at_once_never_corrupt_the_site`
/// compares each refusal with.
#[test]
fn a_build_while_another_holds_the_lock_is_refused_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let parent = tmp.path().join("public");
    let output = parent.join("output");
    std::fs::create_dir_all(&parent).unwrap();
    write_board(&root, Variant::New);
    let held = std::fs::File::create(vacancy::output::lock_path(&output).unwrap()).unwrap();
    held.lock().unwrap();
    let refused = wait(build_command(&root, &output).spawn().unwrap());
    assert_eq!(refused.status.code(), Some(1));
    assert!(!output.exists(), "nothing was written");
    assert_snapshot(
        "killed_builds/another-build-is-running",
        &String::from_utf8_lossy(&refused.stderr)
            .replace(&parent.display().to_string(), "<public>"),
    );
    drop(held);
    build(&root, &output);
}
