//! The hostile corpus (`tests/fixtures/hostile/xss-vectors.txt`) and a whole
//! site made of it: every vector in every front-matter text field, in
//! `vacancy.toml` and in Markdown bodies. Used by
//! `tests/integration/hardening.rs`, which checks what the build writes, and
//! by `tests/browser.rs`, which loads every page in Chromium.

use std::path::Path;

/// The vectors, with `{TAB}`, `{LF}`, `{CR}`, `{NUL}` and `{FF}` decoded.
pub fn vectors() -> Vec<String> {
    let path = super::fixture("hostile").join("xss-vectors.txt");
    std::fs::read_to_string(path)
        .expect("the XSS corpus")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
        .map(|l| {
            l.replace("{TAB}", "\t")
                .replace("{LF}", "\n")
                .replace("{CR}", "\r")
                .replace("{NUL}", "\0")
                .replace("{FF}", "\u{c}")
        })
        .collect()
}

/// `s` without the control characters a front-matter text may not hold
/// (all but tab and line breaks): those are refused with an error, which
/// `tests/integration/hardening.rs` checks on its own.
pub fn printable(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// A TOML basic string that holds `s` exactly, less the control characters
/// a text may not hold.
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in printable(s).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The site's own settings, with hostile text in every free-text setting.
pub fn hostile_config(v: &[String]) -> String {
    let s = |i: usize| toml_string(&v[i % v.len()]);
    format!(
        r#"base_url = "https://jobs.example.org/"
default_language = "sv"
time_zone = "Europe/Stockholm"
country = "SE"
page_size = 50
title = {{ sv = {t0}, en = {t1} }}

[[languages]]
code = "sv"
name = "Svenska"
[[languages]]
code = "en"
name = "English"

[organization]
name = {{ sv = {t2}, en = {t3} }}
url = "https://www.example.org/"
logo = "assets/logo.svg"

[categories]
it = {{ sv = {t4}, en = {t5} }}

[locations]
"Norrköping" = {{ region = {t6} }}

[accessibility]
date = 2026-01-15
standard = {t7}
email = "access@example.org"
phone = "070-174 06 99"
supervisor = {{ sv = {t8}, en = {t9} }}
supervisor_url = "https://supervisor.example.org/"
known_issues = {{ sv = {t10}, en = {t11} }}
"#,
        t0 = s(2),
        t1 = s(11),
        t2 = s(16),
        t3 = s(19),
        t4 = s(23),
        t5 = s(36),
        t6 = s(48),
        t7 = s(60),
        t8 = s(72),
        t9 = s(90),
        t10 = s(100),
        t11 = s(120),
    )
}

/// A Markdown body that puts a vector raw, inline, in a list, a quote, a
/// table, a link, an image and a reference link.
pub fn hostile_body(v: &str, w: &str) -> String {
    format!(
        "{v}\n\nText {v} text.\n\n- {v}\n  - {w}\n\n> {v}\n\n| a | b |\n|---|---|\n| {v} | {w} |\n\n\
         [link]({w}) ![image]({w}) [ref][r]\n\n[r]: {w}\n\n## {v}\n\n<div>{w}</div>\n"
    )
}

/// A posting per vector, each with the vector in every text field, in two
/// languages; every tenth closed, so archive pages are checked too.
pub fn hostile_posting(i: usize, v: &[String]) -> (String, String) {
    let own = &v[i];
    let next = &v[(i + 1) % v.len()];
    let s = toml_string;
    let deadline = if i.is_multiple_of(10) {
        "2026-02-20"
    } else {
        "2026-03-20"
    };
    let salary = if i.is_multiple_of(2) {
        format!("salary = {}", s(&fit(own)))
    } else {
        "salary = { min = 30000, max = 40000, currency = \"SEK\", per = \"month\" }".to_string()
    };
    let sv = format!(
        "+++\ntitle = {t}\nsummary = {n}\npublished = 2026-02-01\ndeadline = {deadline}\n\
         locations = [{loc}, \"Norrköping\"]\nworkplace = \"hybrid\"\nemployment = \"permanent\"\n\
         extent = \"full-time\"\nhours = {t}\nstart = \"by-agreement\"\n{salary}\n\
         organization = {t}\nunit = {n}\ncategories = [\"it\"]\nreference = {t}\n\
         apply_url = \"https://apply.example.org/{i}\"\napply_email = \"jobs{i}@example.org\"\n\
         [[contacts]]\nname = {t}\nrole = {n}\nphone = \"070-174 06 05\"\nemail = \"c{i}@example.org\"\n\
         +++\n{body}",
        t = s(&fit(own)),
        n = s(&fit(next)),
        loc = s(&format!("{} {i}", own.chars().take(60).collect::<String>())),
        body = hostile_body(own, next),
    );
    let en_salary = if i.is_multiple_of(2) {
        format!("salary = {}\n", s(&fit(next)))
    } else {
        String::new()
    };
    let en = format!(
        "+++\ntitle = {n}\nsummary = {t}\nhours = {n}\n{en_salary}organization = {n}\nunit = {t}\n\
         [[contacts]]\nname = {t}\nrole = {n}\nphone = \"070-174 06 05\"\nemail = \"c{i}@example.org\"\n\
         +++\n{body}",
        t = s(&fit(own)),
        n = s(&fit(next)),
        body = hostile_body(next, own),
    );
    (sv, en)
}

/// A vector cut to the 300 characters a title or other one-line field may
/// hold; bodies get every vector whole.
pub fn fit(v: &str) -> String {
    v.chars().take(300).collect()
}

/// Writes the whole hostile site into `root`; returns every text used as a
/// title, whole and as cut to fit.
pub fn hostile_site(root: &Path) -> Vec<String> {
    let v = vectors();
    write(root, "vacancy.toml", hostile_config(&v));
    for i in 0..v.len() {
        let (sv, en) = hostile_posting(i, &v);
        write(root, &format!("content/postings/p{i:03}.sv.md"), sv);
        write(root, &format!("content/postings/p{i:03}.en.md"), en);
    }
    let everything: String = v.iter().map(|x| format!("{x}\n\n")).collect();
    for (n, i) in [5usize, 29, 77, 131].into_iter().enumerate() {
        let page = format!(
            "+++\ntitle = {}\ndescription = {}\nweight = {n}\n+++\n{everything}",
            toml_string(&fit(&v[i % v.len()])),
            toml_string(&fit(&v[(i + 3) % v.len()]))
        );
        write(root, &format!("content/pages/page-{n}.sv.md"), &page);
        write(root, &format!("content/pages/page-{n}.en.md"), &page);
    }
    v.iter()
        .flat_map(|x| [printable(x), printable(&fit(x))])
        .collect()
}
