//! Deadline calendars as a strict calendar app reads them: RFC 5545 allows
//! at most 75 octets a line (without the CRLF), continuation lines included
//! with their leading space, and a fold must not split a character. Postings
//! whose titles put the end of the `SUMMARY` line at every place around a
//! fold, in ASCII and in two-, three- and four-octet characters, are built,
//! and every line of every calendar is measured and unfolded again.

use crate::common;

use std::collections::BTreeSet;

use icalendar::{Calendar, Component};

/// The Swedish label before a title in an event's summary.
const LABEL: &str = "Sista ansökningsdag: ";

/// A copy of the feeds fixture with a Swedish posting per title.
fn site_with_titles(titles: &[(String, String)]) -> tempfile::TempDir {
    let tmp = common::copy_fixture("feeds");
    for (slug, title) in titles {
        std::fs::write(
            tmp.path().join(format!("content/postings/{slug}.sv.md")),
            format!(
                "+++\ntitle = \"{title}\"\npublished = 2026-02-20\ndeadline = 2026-03-20\n\
                 locations = [\"Norrköping\"]\nemployment = \"permanent\"\nextent = \"full-time\"\n\
                 apply_email = \"jobb@example.se\"\n+++\n\nText.\n"
            ),
        )
        .unwrap();
    }
    tmp
}

/// Checks every line of a calendar file as a strict reader would and
/// returns its text unfolded (every CRLF followed by one space removed).
fn unfolded(file: &str, bytes: &[u8]) -> String {
    let body = bytes
        .strip_suffix(b"\r\n")
        .unwrap_or_else(|| panic!("{file} does not end in CRLF"));
    let text = std::str::from_utf8(body).unwrap_or_else(|e| panic!("{file} is not UTF-8: {e}"));
    for line in text.split("\r\n") {
        assert!(
            !line.contains(['\r', '\n']),
            "{file}: a bare CR or LF in {line:?}"
        );
        assert!(
            line.len() <= 75,
            "{file}: a line of {} octets: {line:?}",
            line.len()
        );
    }
    // Each line must be text on its own: a fold splitting a character leaves
    // half of it at the end of one line and half at the start of the next.
    for line in body.split(|&b| b == b'\n') {
        assert!(
            std::str::from_utf8(line).is_ok(),
            "{file}: a fold splits a character: {line:?}"
        );
    }
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .replace("\r\n ", "")
}

/// Builds the site and checks all its calendars; returns the unfolded
/// `SUMMARY` lines of the Swedish one.
fn summaries(titles: &[(String, String)]) -> Vec<String> {
    let tmp = site_with_titles(titles);
    let built = common::build_dir(tmp.path(), common::NOW, None);
    let mut calendars = 0;
    for (file, bytes) in &built.output.files {
        if file.ends_with(".ics") {
            unfolded(file, bytes);
            calendars += 1;
        }
    }
    assert!(calendars > titles.len(), "{calendars} calendars");
    let all = built.output.get("sv/deadlines.ics").expect("the calendar");
    let text = unfolded("sv/deadlines.ics", all);
    let parsed: Calendar = text.parse().expect("the calendar parses");
    let parsed: BTreeSet<String> = parsed
        .events()
        .filter_map(|e| e.get_summary().map(str::to_string))
        .collect();
    for (slug, title) in titles {
        assert!(
            parsed.contains(&format!("{LABEL}{title}")),
            "{slug}'s event lacks its whole title"
        );
        let own = built
            .output
            .get(&format!("sv/jobs/{slug}/deadline.ics"))
            .unwrap_or_else(|| panic!("{slug} has no calendar"));
        let own = unfolded(slug, own);
        assert!(
            own.contains(&format!("\r\nSUMMARY:{LABEL}{title}\r\n")),
            "{slug}: the unfolded summary is not the title"
        );
    }
    text.split("\r\n")
        .filter(|l| l.starts_with("SUMMARY:"))
        .map(str::to_string)
        .collect()
}

#[test]
fn summary_lines_whose_last_folded_piece_is_74_75_or_76_octets_stay_within_75() {
    // Titles of 100 to 200 letters put the end of the SUMMARY line at every
    // place of its second and third lines.
    let titles: Vec<(String, String)> = (100..=200)
        .map(|n| (format!("fold-{n}"), "x".repeat(n)))
        .collect();
    let lengths: BTreeSet<usize> = summaries(&titles).iter().map(String::len).collect();
    // A content line of 75 + 74k + r octets has a last piece of r after the
    // first line and k full continuation lines.
    for last in [74, 75, 76] {
        for k in [0, 1] {
            let length = 75 + 74 * k + last;
            assert!(
                lengths.contains(&length),
                "no summary line of {length} octets (last piece {last}) among {lengths:?}"
            );
        }
    }
}

#[test]
fn multi_byte_characters_across_the_fold_are_never_split() {
    let mut titles = Vec::new();
    for (name, c) in [("o", "ö"), ("euro", "€"), ("emoji", "😀")] {
        // Every alignment of a run of the character against every line end.
        for pad in 0..4 {
            let title = format!("{}{}", "a".repeat(pad), c.repeat(70));
            titles.push((format!("wide-{name}-{pad}"), title));
        }
        // One character where the line is full.
        for at in 40..=60 {
            let title = format!("{}{c}{}", "b".repeat(at), "c".repeat(60));
            titles.push((format!("one-{name}-{at}"), title));
        }
    }
    titles.push((
        "mixed".to_string(),
        ["Lön 50 000 € 😀 Handläggare Åre–Östersund"; 5].join(" "),
    ));
    let summaries = summaries(&titles);
    assert!(summaries.iter().any(|s| s.len() > 150), "{summaries:?}");
}
