//! Writes a complete synthetic site folder: vacancy.toml, plain pages and N
//! postings per language (Swedish and English), deterministic for a seed.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use rayon::prelude::*;

use crate::rng::Rng;
use crate::text::{self, Pair, Role};

/// The moment the board is meant to be built at: ~10% of the postings are
/// closed then and ~5% not yet published.
pub const NOW: &str = "2026-06-15T12:00:00+02:00";

/// Bumped whenever the generator's output changes, so cached boards are remade.
pub const VERSION: u32 = 1;

/// The file that marks a folder as made by this generator (safe to replace).
pub const MARKER: &str = ".synth";

const ATTACHMENT: &str = "arbetsbeskrivning.pdf";

/// What was generated, for the summary line.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub postings: usize,
    pub open: usize,
    pub closed: usize,
    pub future: usize,
    pub drafts: usize,
    pub remote: usize,
    pub with_attachment: usize,
    pub files: usize,
    pub bytes: u64,
    pub words_min: usize,
    pub words_max: usize,
    pub words_total: usize,
}

impl Stats {
    fn merge(mut self, o: Stats) -> Stats {
        let first = self.postings == 0;
        self.postings += o.postings;
        self.open += o.open;
        self.closed += o.closed;
        self.future += o.future;
        self.drafts += o.drafts;
        self.remote += o.remote;
        self.with_attachment += o.with_attachment;
        self.files += o.files;
        self.bytes += o.bytes;
        self.words_total += o.words_total;
        if o.postings > 0 {
            self.words_min = if first {
                o.words_min
            } else {
                self.words_min.min(o.words_min)
            };
            self.words_max = self.words_max.max(o.words_max);
        }
        self
    }
}

/// The text that marks a folder as this generator's, with the parameters.
pub fn marker(postings: usize, seed: u64, now: &str) -> String {
    format!("synth version={VERSION} postings={postings} seed={seed} now={now}\n")
}

/// Writes the board into `out`, which must be missing, empty, or an earlier board of ours.
pub fn generate(
    out: &Path,
    postings: usize,
    seed: u64,
    now: DateTime<FixedOffset>,
) -> io::Result<Stats> {
    prepare(out)?;
    let postings_dir = out.join("content/postings");
    let pages_dir = out.join("content/pages");
    std::fs::create_dir_all(&postings_dir)?;
    std::fs::create_dir_all(&pages_dir)?;
    std::fs::write(out.join("vacancy.toml"), config(postings, seed))?;
    for (slug, weight, title, body) in text::PAGES {
        for (lang, t, b) in [("sv", title.0, body.0), ("en", title.1, body.1)] {
            let text = format!("+++\ntitle = {}\nweight = {weight}\n+++\n\n{b}", quote(t));
            std::fs::write(pages_dir.join(format!("{slug}.{lang}.md")), text)?;
        }
    }
    let today = now.date_naive();
    let stats = (0..postings)
        .into_par_iter()
        .map(|i| {
            let p = posting(i, seed, today);
            write_posting(&postings_dir, &p)?;
            Ok::<Stats, io::Error>(p.stats)
        })
        .try_reduce(Stats::default, |a, b| Ok(a.merge(b)))?;
    std::fs::write(out.join(MARKER), marker(postings, seed, &now.to_rfc3339()))?;
    Ok(stats)
}

/// Refuses to overwrite a folder that is not one of our boards; clears one that is.
fn prepare(out: &Path) -> io::Result<()> {
    if !out.exists() {
        return std::fs::create_dir_all(out);
    }
    let empty = std::fs::read_dir(out)?.next().is_none();
    if empty {
        return Ok(());
    }
    if !out.join(MARKER).is_file() {
        return Err(io::Error::other(format!(
            "{} exists and is not a synthetic board (no {MARKER} file); choose an empty or new folder",
            out.display()
        )));
    }
    std::fs::remove_file(out.join(MARKER))?;
    let content = out.join("content");
    if content.exists() {
        std::fs::remove_dir_all(content)?;
    }
    Ok(())
}

fn write_posting(dir: &Path, p: &Generated) -> io::Result<()> {
    if p.attachment {
        let folder = dir.join(&p.slug);
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join("index.sv.md"), &p.sv)?;
        std::fs::write(folder.join("index.en.md"), &p.en)?;
        std::fs::write(folder.join(ATTACHMENT), pdf(&p.slug))?;
    } else {
        std::fs::write(dir.join(format!("{}.sv.md", p.slug)), &p.sv)?;
        std::fs::write(dir.join(format!("{}.en.md", p.slug)), &p.en)?;
    }
    Ok(())
}

fn config(postings: usize, seed: u64) -> String {
    let mut s = format!(
        "# A synthetic board: {postings} postings per language, seed {seed}.\n\
         # Made by `cargo run --release --example synth`; build it with --now {NOW}.\n\
         base_url = \"https://jobb.example.se/\"\n\
         default_language = \"sv\"\n\
         time_zone = \"Europe/Stockholm\"\n\
         country = \"SE\"\n\
         page_size = 50\n\
         title = {{ sv = \"Lediga jobb på Exempelverket\", en = \"Jobs at the Example Agency\" }}\n\
         description = {{ sv = \"Sök jobb på Exempelverket i hela Sverige.\", en = \"Find a job at the Example Agency all over Sweden.\" }}\n\n\
         [[languages]]\ncode = \"sv\"\nname = \"Svenska\"\nlocale = \"sv_SE\"\n\n\
         [[languages]]\ncode = \"en\"\nname = \"English\"\nlocale = \"en_GB\"\n\n\
         [organization]\n\
         name = {{ sv = \"Exempelverket\", en = \"The Example Agency\" }}\n\
         url = \"https://www.example.se/\"\n\
         logo = \"assets/logo.svg\"\n\n\
         [categories]\n"
    );
    for (key, sv, en) in text::CATEGORIES {
        let _ = writeln!(s, "{key} = {{ sv = {}, en = {} }}", quote(sv), quote(en));
    }
    s.push_str("\n[locations]\n");
    for (place, region) in text::PLACES {
        if let Some(region) = region {
            let _ = writeln!(s, "{} = {{ region = {} }}", quote(place), quote(region));
        }
    }
    s
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Zipf-like weights for the places: the k-th is drawn ∝ 1/k.
fn place_weights() -> Vec<f64> {
    (1..=text::PLACES.len()).map(|k| 1.0 / k as f64).collect()
}

struct Generated {
    slug: String,
    attachment: bool,
    sv: String,
    en: String,
    stats: Stats,
}

/// One contact: the facts, and a role per language.
struct ContactSpec {
    name: String,
    phone: Option<String>,
    email: Option<String>,
    union: bool,
    role: Option<Pair>,
}

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Open,
    Closed,
    Future,
}

fn posting(i: usize, seed: u64, today: NaiveDate) -> Generated {
    let mut r = Rng::for_item(seed, i as u64);
    let role: &Role = r.pick(text::ROLES);

    // When: ~10% closed, ~5% future, the rest open.
    let x = r.unit();
    let status = if x < 0.10 {
        Status::Closed
    } else if x < 0.15 {
        Status::Future
    } else {
        Status::Open
    };
    let day = |n: i64| today + Duration::days(n);
    let (published, deadline) = match status {
        Status::Open => (day(-r.between(0, 45)), day(r.between(0, 60))),
        Status::Closed => {
            let d = day(-r.between(1, 120));
            (d - Duration::days(r.between(14, 45)), d)
        }
        Status::Future => {
            let p = day(r.between(1, 30));
            (p, p + Duration::days(r.between(14, 45)))
        }
    };
    let deadline_text = match r.below(20) {
        0 => format!("{deadline}T16:00:00"),
        1 => {
            let summer = (4..=10).contains(&deadline.month());
            format!(
                "{deadline}T23:59:00{}",
                if summer { "+02:00" } else { "+01:00" }
            )
        }
        _ => deadline.to_string(),
    };

    // Where.
    let workplace = match r.unit() {
        x if x < 0.08 => "remote",
        x if x < 0.33 => "hybrid",
        _ => "onsite",
    };
    let weights = place_weights();
    let count = match (workplace, r.unit()) {
        ("remote", x) if x < 0.8 => 0,
        ("remote", _) => 1,
        (_, x) if x < 0.85 => 1,
        (_, x) if x < 0.97 => 2,
        _ => 3,
    };
    let places: Vec<&str> = r
        .distinct(text::PLACES.len(), count, &weights)
        .into_iter()
        .map(|k| text::PLACES[k].0)
        .collect();
    let place_pair: (String, String) = match places.as_slice() {
        [] => ("Sverige (på distans)".into(), "Sweden (remote)".into()),
        [one] => (one.to_string(), one.to_string()),
        [init @ .., last] => (
            format!("{} och {last}", init.join(", ")),
            format!("{} and {last}", init.join(", ")),
        ),
    };

    // What.
    let employment = role.employment.unwrap_or_else(|| {
        [
            "permanent",
            "fixed-term",
            "temporary",
            "seasonal",
            "internship",
        ][r.weighted(&[0.62, 0.2, 0.1, 0.05, 0.03])]
    });
    let probation = match (employment, r.unit()) {
        ("permanent", x) if x < 0.75 => Some(true),
        ("permanent", x) if x < 0.85 => Some(false),
        ("fixed-term", x) if x < 0.1 => Some(false),
        _ => None,
    };
    let part_time = r.chance(0.15);
    let extent_percent = if part_time {
        Some(*r.pick(&[25, 50, 60, 75, 80, 90]))
    } else if r.chance(0.05) {
        Some(100)
    } else {
        None
    };
    let hours = r.chance(0.5).then(|| *r.pick(text::HOURS));
    let start = match r.below(10) {
        0..=2 => Some((deadline + Duration::days(r.between(20, 90))).to_string()),
        3..=5 => Some("\"by-agreement\"".to_string()),
        6 => Some("\"immediately\"".to_string()),
        _ => None,
    };
    enum Salary {
        Text(Pair),
        Range(String),
    }
    let salary = match r.unit() {
        x if x < 0.4 => Some(Salary::Text(*r.pick(text::SALARY_TEXTS))),
        x if x < 0.8 => Some(Salary::Range(salary_range(&mut r))),
        _ => None,
    };
    let mut categories = vec![role.category];
    if r.chance(0.2) {
        let other = r.pick(text::CATEGORIES).0;
        if other != role.category {
            categories.push(other);
        }
    }
    let categories = (!r.chance(0.08)).then_some(categories);
    let (unit_sv, unit_en) = *r.pick(text::units(role.category));
    let unit = r.chance(0.7);
    let organization = r.chance(0.15);
    let reference = r
        .chance(0.85)
        .then(|| format!("2026/{:05}", 10_000 + (i * 7919 + r.below(7919)) % 89_999));
    let number = 100_000 + i;
    let (apply_url, apply_email) = match r.unit() {
        x if x < 0.65 => (true, false),
        x if x < 0.80 => (false, true),
        x if x < 0.90 => (true, true),
        _ => (false, false),
    };
    let contacts = contacts(&mut r);
    let screening = match r.unit() {
        x if x < 0.15 => Some(true),
        x if x < 0.20 => Some(false),
        _ => None,
    };
    let draft = match r.unit() {
        x if x < 0.005 => Some(true),
        x if x < 0.025 => Some(false),
        _ => None,
    };
    let attachment = r.chance(0.01);

    // Slug and titles.
    let place_slug = if places.is_empty() {
        "distans".to_string()
    } else {
        slug::slugify(places[0])
    };
    let slug = format!("{}-{place_slug}-{:06}", slug::slugify(role.sv), i + 1);
    let (mut title_sv, mut title_en) = match r.below(3) {
        0 => (
            format!("{} till {unit_sv}, {}", role.sv, place_pair.0),
            format!("{}, {unit_en}, {}", role.en, place_pair.1),
        ),
        _ => (
            format!("{}, {}", role.sv, place_pair.0),
            format!("{}, {}", role.en, place_pair.1),
        ),
    };
    if employment == "fixed-term" && r.chance(0.4) {
        title_sv.push_str(", visstidsanställning");
        title_en.push_str(", fixed term");
    }

    // The facts: written in the Swedish file (most), the English one, or both alike.
    let mut facts = String::new();
    let _ = writeln!(facts, "published = {published}");
    let _ = writeln!(facts, "deadline = {deadline_text}");
    if !places.is_empty() {
        let list: Vec<String> = places.iter().map(|p| quote(p)).collect();
        let _ = writeln!(facts, "locations = [{}]", list.join(", "));
    }
    if workplace != "onsite" || r.chance(0.3) {
        let _ = writeln!(facts, "workplace = \"{workplace}\"");
    }
    let _ = writeln!(facts, "employment = \"{employment}\"");
    if let Some(p) = probation {
        let _ = writeln!(facts, "probation = {p}");
    }
    let extent = if part_time { "part-time" } else { "full-time" };
    let _ = writeln!(facts, "extent = \"{extent}\"");
    if let Some(p) = extent_percent {
        let _ = writeln!(facts, "extent_percent = {p}");
    }
    if let Some(s) = &start {
        let _ = writeln!(facts, "start = {s}");
    }
    if let Some(Salary::Range(range)) = &salary {
        let _ = writeln!(facts, "salary = {range}");
    }
    if let Some(c) = &categories {
        let list: Vec<String> = c.iter().map(|k| quote(k)).collect();
        let _ = writeln!(facts, "categories = [{}]", list.join(", "));
    }
    if let Some(reference) = &reference {
        let _ = writeln!(facts, "reference = {}", quote(reference));
    }
    if apply_url {
        let _ = writeln!(
            facts,
            "apply_url = \"https://www.example.se/jobb/{number}\""
        );
    }
    if apply_email {
        let _ = writeln!(facts, "apply_email = \"rekrytering+{number}@example.se\"");
    }
    if let Some(s) = screening {
        let _ = writeln!(facts, "screening = {s}");
    }
    let facts_in = match r.unit() {
        x if x < 0.80 => (true, false),
        x if x < 0.95 => (false, true),
        _ => (true, true),
    };
    let en_contacts = r.chance(0.7);

    // Bodies.
    let subst = Subst {
        role: (role.sv_mid, role.en_mid),
        unit: (unit_sv, unit_en),
        place: (&place_pair.0, &place_pair.1),
        reference: reference.as_deref(),
    };
    let (body_sv, body_en, words) = body(
        &mut r,
        &subst,
        screening == Some(true),
        probation == Some(true),
        attachment,
    );

    let summaries = r.chance(0.6);
    let mut files = [String::new(), String::new()];
    for (k, file) in files.iter_mut().enumerate() {
        let sv = k == 0;
        let lang = |p: Pair| if sv { p.0 } else { p.1 };
        let _ = writeln!(file, "+++");
        let title = if sv { &title_sv } else { &title_en };
        let _ = writeln!(file, "title = {}", quote(title));
        if summaries && (sv || r.chance(0.9)) {
            let summary = if sv {
                format!(
                    "Vi söker {} till {unit_sv} i {}. Sök senast {deadline}.",
                    role.sv_mid, place_pair.0
                )
            } else {
                format!(
                    "We are looking for {} for the {unit_en} in {}. Apply by {deadline}.",
                    role.en_mid, place_pair.1
                )
            };
            let _ = writeln!(file, "summary = {}", quote(&summary));
        }
        if (sv && facts_in.0) || (!sv && facts_in.1) {
            file.push_str(&facts);
        }
        if let Some(h) = hours {
            let _ = writeln!(file, "hours = {}", quote(lang(h)));
        }
        if let Some(Salary::Text(t)) = &salary {
            let _ = writeln!(file, "salary = {}", quote(lang(*t)));
        }
        if organization {
            let org = if sv {
                "Exempelverket – regional verksamhet"
            } else {
                "The Example Agency – Regional Operations"
            };
            let _ = writeln!(file, "organization = {}", quote(org));
        }
        if unit {
            let u = if sv {
                capitalize(unit_sv)
            } else {
                unit_en.to_string()
            };
            let _ = writeln!(file, "unit = {}", quote(&u));
        }
        if sv && let Some(d) = draft {
            let _ = writeln!(file, "draft = {d}");
        }
        if sv || en_contacts {
            for c in &contacts {
                let _ = writeln!(file, "\n[[contacts]]\nname = {}", quote(&c.name));
                if let Some(role) = c.role {
                    let _ = writeln!(file, "role = {}", quote(lang(role)));
                }
                if let Some(phone) = &c.phone {
                    let _ = writeln!(file, "phone = {}", quote(phone));
                }
                if let Some(email) = &c.email {
                    let _ = writeln!(file, "email = {}", quote(email));
                }
                if c.union {
                    let _ = writeln!(file, "union = true");
                }
            }
        }
        let _ = writeln!(file, "+++\n");
        file.push_str(if sv { &body_sv } else { &body_en });
    }
    let [sv, en] = files;
    let stats = Stats {
        postings: 1,
        open: usize::from(draft != Some(true) && status == Status::Open),
        closed: usize::from(draft != Some(true) && status == Status::Closed),
        future: usize::from(draft != Some(true) && status == Status::Future),
        drafts: usize::from(draft == Some(true)),
        remote: usize::from(workplace == "remote"),
        with_attachment: usize::from(attachment),
        files: if attachment { 3 } else { 2 },
        bytes: (sv.len() + en.len() + if attachment { pdf(&slug).len() } else { 0 }) as u64,
        words_min: words.0.min(words.1),
        words_max: words.0.max(words.1),
        words_total: words.0 + words.1,
    };
    Generated {
        slug,
        attachment,
        sv,
        en,
        stats,
    }
}

fn salary_range(r: &mut Rng) -> String {
    let (per, currency, lo, step) = match r.below(20) {
        0 => ("hour", "SEK", 140, 5),
        1 => ("year", "EUR", 42_000, 1_000),
        _ => ("month", "SEK", 28_000, 500),
    };
    let min = lo + step * r.between(0, 50);
    let max = min + step * r.between(2, 24);
    let per_text = if per == "month" && r.chance(0.5) {
        String::new()
    } else {
        format!(", per = \"{per}\"")
    };
    match r.below(10) {
        0 => format!("{{ min = {min}, currency = \"{currency}\"{per_text} }}"),
        1 => format!("{{ max = {max}, currency = \"{currency}\"{per_text} }}"),
        _ => format!("{{ min = {min}, max = {max}, currency = \"{currency}\"{per_text} }}"),
    }
}

fn contacts(r: &mut Rng) -> Vec<ContactSpec> {
    if r.chance(0.15) {
        return Vec::new();
    }
    let ordinary = 1 + usize::from(r.chance(0.3));
    let union = if r.chance(0.6) {
        1 + usize::from(r.chance(0.2))
    } else {
        0
    };
    (0..ordinary + union)
        .map(|k| {
            let first = *r.pick(text::FIRST_NAMES);
            let last = *r.pick(text::LAST_NAMES);
            let is_union = k >= ordinary;
            let role = if is_union {
                Some(*r.pick(text::UNION_ROLES))
            } else {
                r.chance(0.95).then(|| *r.pick(text::CONTACT_ROLES))
            };
            ContactSpec {
                name: format!("{first} {last}"),
                phone: r.chance(0.9).then(|| {
                    format!(
                        "070-{:03} {:02} {:02}",
                        r.below(1000),
                        r.below(100),
                        r.below(100)
                    )
                }),
                email: r
                    .chance(0.8)
                    .then(|| format!("{}.{}@example.se", ascii(first), ascii(last))),
                union: is_union,
                role,
            }
        })
        .collect()
}

/// Lowercase ASCII for an e-mail address ("Åsa" -> "asa").
fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'å' | 'ä' | 'Å' | 'Ä' => 'a',
            'ö' | 'Ö' => 'o',
            'é' | 'É' => 'e',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Values that fill the `{...}` slots of the sentences, per language.
struct Subst<'a> {
    role: Pair,
    unit: Pair,
    place: (&'a str, &'a str),
    reference: Option<&'a str>,
}

impl Subst<'_> {
    fn fill(&self, p: Pair) -> (String, String) {
        let one = |s: &str, role: &str, unit: &str, place: &str| {
            let filled = s
                .replace("{role}", role)
                .replace("{unit}", unit)
                .replace("{place}", place)
                .replace("{ref}", self.reference.unwrap_or("-"));
            capitalize(&filled)
        };
        (
            one(p.0, self.role.0, self.unit.0, self.place.0),
            one(p.1, self.role.1, self.unit.1, self.place.1),
        )
    }
}

/// A part of a body.
enum Block {
    Heading(usize, Pair),
    Para(Vec<(String, String)>),
    List(Vec<(String, String)>),
    Ordered(Vec<Pair>),
}

fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The Swedish and English bodies, 400-700 words each, and their word counts.
fn body(
    r: &mut Rng,
    s: &Subst<'_>,
    screening: bool,
    probation: bool,
    attachment: bool,
) -> (String, String, (usize, usize)) {
    let sentences = |r: &mut Rng, pool: &[Pair], lo: i64, hi: i64| -> Vec<(String, String)> {
        let k = r.between(lo, hi) as usize;
        r.distinct(pool.len(), k, &[])
            .into_iter()
            .map(|i| s.fill(pool[i]))
            .collect()
    };
    let items = |r: &mut Rng, pool: &[Pair], lo: i64, hi: i64| -> Vec<(String, String)> {
        let k = r.between(lo, hi) as usize;
        r.distinct(pool.len(), k, &[])
            .into_iter()
            .map(|i| (capitalize(pool[i].0), capitalize(pool[i].1)))
            .collect()
    };
    let mut blocks = Vec::new();
    blocks.push(Block::Para(sentences(r, text::INTRO, 1, 1)));
    blocks.push(Block::Heading(2, text::H_ABOUT));
    let mut about = sentences(r, text::ABOUT, 2, 3);
    about.push(s.fill(*r.pick(text::ABOUT_LINK)));
    let about_at = blocks.len();
    blocks.push(Block::Para(about));
    blocks.push(Block::Heading(2, text::H_TASKS));
    let tasks_at = blocks.len();
    blocks.push(Block::Para(sentences(r, text::TASKS, 1, 2)));
    blocks.push(Block::Para(vec![(
        "Arbetsuppgifterna omfattar bland annat:".into(),
        "Your tasks include:".into(),
    )]));
    blocks.push(Block::List(items(r, text::TASK_BULLETS, 3, 6)));
    blocks.push(Block::Heading(2, text::H_WHO));
    blocks.push(Block::Para(sentences(r, text::WHO, 2, 3)));
    blocks.push(Block::Heading(3, text::H_REQUIRED));
    blocks.push(Block::List(items(r, text::REQUIRED, 3, 5)));
    blocks.push(Block::Heading(3, text::H_MERIT));
    blocks.push(Block::List(items(r, text::MERIT, 2, 4)));
    blocks.push(Block::Heading(2, text::H_OFFER));
    blocks.push(Block::Para(sentences(r, text::OFFER, 1, 1)));
    blocks.push(Block::List(items(r, text::OFFER_BULLETS, 3, 5)));
    blocks.push(Block::Para(vec![s.fill(text::OFFER_LINK)]));
    if screening || probation || attachment {
        blocks.push(Block::Heading(2, text::H_OTHER));
        let mut other = Vec::new();
        if probation {
            other.push(s.fill(text::PROBATION));
        }
        if screening {
            other.push(s.fill(text::SCREENING));
        }
        if attachment {
            other.push(s.fill(text::ATTACHMENT));
        }
        blocks.push(Block::Para(other));
    }
    blocks.push(Block::Heading(2, text::H_APPLY));
    let mut apply = sentences(r, text::APPLY, 1, 2);
    if s.reference.is_none() {
        apply.retain(|(sv, _)| !sv.contains("referensnummer"));
    }
    apply.push(s.fill(*r.pick(text::APPLY_LINK)));
    blocks.push(Block::Para(apply));
    if r.chance(0.2) {
        blocks.push(Block::Ordered(vec![
            (
                "Fyll i formuläret och bifoga dina handlingar.",
                "Fill in the form and attach your documents.",
            ),
            (
                "Vi går igenom ansökningarna efter sista ansökningsdag.",
                "We review the applications after the deadline.",
            ),
            (
                "Vi hör av oss till dem som går vidare.",
                "We contact the applicants who go on.",
            ),
        ]));
    }

    // Lengthen the "about" and "tasks" paragraphs until the average reaches the target.
    let target = r.between(430, 640) as usize;
    let mut count = (0, 0);
    for b in &blocks {
        let (sv, en) = render(b);
        count.0 += words(&sv);
        count.1 += words(&en);
    }
    let pool: Vec<Pair> = text::FILLER
        .iter()
        .chain(text::TASKS)
        .chain(text::ABOUT)
        .copied()
        .collect();
    let mut used: HashSet<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p.iter().map(|(sv, _)| sv.clone())),
            _ => None,
        })
        .flatten()
        .collect();
    let mut order = r.distinct(pool.len(), pool.len(), &[]);
    let mut next = 0;
    while (count.0 + count.1) / 2 < target {
        if next == order.len() {
            order = r.distinct(pool.len(), pool.len(), &[]);
            next = 0;
            used.clear();
        }
        let (sv, en) = s.fill(pool[order[next]]);
        next += 1;
        if !used.insert(sv.clone()) {
            continue;
        }
        count.0 += words(&sv);
        count.1 += words(&en);
        let at = if r.chance(0.7) { tasks_at } else { about_at };
        if let Block::Para(p) = &mut blocks[at] {
            p.push((sv, en));
        }
    }
    let (mut sv, mut en) = (String::new(), String::new());
    for b in &blocks {
        let (a, b) = render(b);
        sv.push_str(&a);
        en.push_str(&b);
    }
    (sv, en, count)
}

fn render(b: &Block) -> (String, String) {
    match b {
        Block::Heading(level, (sv, en)) => {
            let hashes = "#".repeat(*level);
            (format!("{hashes} {sv}\n\n"), format!("{hashes} {en}\n\n"))
        }
        Block::Para(sentences) => {
            let sv: Vec<&str> = sentences.iter().map(|p| p.0.as_str()).collect();
            let en: Vec<&str> = sentences.iter().map(|p| p.1.as_str()).collect();
            (wrap(&sv.join(" ")), wrap(&en.join(" ")))
        }
        Block::List(items) => {
            let mut sv = String::new();
            let mut en = String::new();
            for (a, b) in items {
                let _ = writeln!(sv, "- {a}");
                let _ = writeln!(en, "- {b}");
            }
            sv.push('\n');
            en.push('\n');
            (sv, en)
        }
        Block::Ordered(items) => {
            let mut sv = String::new();
            let mut en = String::new();
            for (n, (a, b)) in items.iter().enumerate() {
                let _ = writeln!(sv, "{}. {a}", n + 1);
                let _ = writeln!(en, "{}. {b}", n + 1);
            }
            sv.push('\n');
            en.push('\n');
            (sv, en)
        }
    }
}

/// A paragraph with lines of about 100 characters, as editors tend to write.
fn wrap(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line = 0;
    for word in text.split(' ') {
        if line > 0 && line + word.len() > 100 {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out.push_str("\n\n");
    out
}

/// A small valid one-page PDF naming the posting.
pub fn pdf(slug: &str) -> Vec<u8> {
    let text = format!("Arbetsbeskrivning / Job description: {slug}");
    let stream = format!("BT /F1 14 Tf 72 770 Td ({text}) Tj ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{stream}endstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (n, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{body}\nendobj\n", n + 1);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = writeln!(out, "{o:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.into_bytes()
}
