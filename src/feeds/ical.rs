//! iCalendar (RFC 5545) files with postings' application deadlines, written
//! with the icalendar crate (escaping, line folding) and checked here: the
//! crate can fold a line's last piece into 76 octets, so any content line it
//! leaves too long is folded again (see [`folded`]). Stable UIDs and a
//! `DTSTAMP` of the build's "now" keep rebuilds byte-identical.

use std::collections::HashMap;

use chrono::Utc;
use icalendar::{Calendar, Component, Event, EventLike};
use rayon::prelude::*;

use crate::model::Site;
use crate::urls;
use crate::views::LangCtx;

use super::facts_line;

/// The parts calendars are made of, each written once: every language's
/// opening lines and each posting's deadline event per language, shared by
/// the language's calendar and the posting's own.
pub struct Events {
    heads: Vec<String>,
    events: HashMap<(usize, usize), String>,
}

/// The icalendar crate writes a calendar as its properties followed by its
/// components, each ending in CRLF, then this closing line.
const END: &str = "END:VCALENDAR\r\n";

/// The calendar heads of every language and the events of the given
/// (language, posting) pairs, written in parallel.
pub fn events(site: &Site, langs: &[LangCtx<'_>], wanted: &[(usize, usize)]) -> Events {
    let host = url::Url::parse(&site.config.base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    let heads = langs
        .iter()
        .map(|ctx| {
            let head = folded(header(site, ctx).to_string());
            head.strip_suffix(END).unwrap_or(&head).to_string()
        })
        .collect();
    let events = wanted
        .par_iter()
        .map(|&(lang, i)| {
            let event = event(site, &langs[lang], i, &host).to_string();
            ((lang, i), folded(event))
        })
        .collect();
    Events { heads, events }
}

/// A calendar of `postings`' deadlines in language `lang`.
pub fn calendar(lang: usize, postings: &[usize], events: &Events) -> Vec<u8> {
    let head = &events.heads[lang];
    let mut out = String::with_capacity(head.len() + postings.len() * 800 + END.len());
    out.push_str(head);
    for i in postings {
        out.push_str(&events.events[&(lang, *i)]);
    }
    out.push_str(END);
    out.into_bytes()
}

fn header(site: &Site, ctx: &LangCtx<'_>) -> Calendar {
    let config = &site.config;
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    let prodid = format!(
        "-//vacancy//vacancy {}//{}",
        env!("CARGO_PKG_VERSION"),
        ctx.lang().to_uppercase()
    );
    cal.append_property(("PRODID", prodid.as_str()));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    cal.name(&plain(&format!(
        "{}: {}",
        config.title.get(ctx.lang(), &config.default_language),
        ctx.strings.get("fact.deadline")
    )));
    cal.done()
}

fn event(site: &Site, ctx: &LangCtx<'_>, i: usize, host: &str) -> Event {
    let config = &site.config;
    let p = site.posting(i);
    let t = p.shown_in(ctx.lang(), &config.default_language);
    let url = config.permalink(&urls::posting(&t.lang, &p.slug));
    let summary = plain(&format!("{}: {}", ctx.fact_label("deadline"), t.title));
    let description = plain(&format!(
        "{}\n{}\n\n{url}",
        facts_line(site, ctx, i),
        t.summary
    ));
    let mut e = Event::new();
    e.uid(&format!("deadline-{}-{}@{host}", p.slug, ctx.lang()))
        .timestamp(site.now.with_timezone(&Utc))
        .summary(&summary)
        .description(&description)
        .url(&url);
    let d = &p.facts.deadline;
    if d.has_time {
        let at = d.closes.with_timezone(&Utc);
        e.starts(at).ends(at);
    } else {
        // An all-day event ends (exclusively) the next day.
        e.starts(d.date).ends(d.date.succ_opt().unwrap_or(d.date));
    }
    if !p.facts.locations.is_empty() {
        e.location(&plain(&p.facts.locations.join(", ")));
    }
    e.done()
}

/// Text as an iCalendar value may hold it: the icalendar crate escapes line
/// feeds, commas and semicolons, but a carriage return or other control
/// character would pass through raw and break the content line.
fn plain(text: &str) -> String {
    let unwanted = |c: char| c.is_control() && !matches!(c, '\n' | '\t');
    if !text.contains(unwanted) {
        return text.to_string();
    }
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// The longest content line RFC 5545 allows, in octets, without its CRLF.
const LINE: usize = 75;

/// Serialized iCalendar text (content lines ending in CRLF) with every line
/// within [`LINE`] octets. The icalendar crate (0.17) folds continuation
/// lines within 74 octets plus the leading space, except the last piece of
/// a line, which it allows 75, so that line is 76 octets. Lines the crate
/// folded correctly are kept byte for byte; a content line with a piece too
/// long is unfolded and folded again by [`fold`].
fn folded(text: String) -> String {
    if text.split("\r\n").all(|line| line.len() <= LINE) {
        return text;
    }
    let body = text.strip_suffix("\r\n").unwrap_or(&text);
    let mut out = String::with_capacity(text.len() + text.len() / LINE * 3);
    let mut lines = body.split("\r\n").peekable();
    while let Some(first) = lines.next() {
        let mut pieces = vec![first];
        while let Some(more) = lines.next_if(|line| line.starts_with([' ', '\t'])) {
            pieces.push(more);
        }
        if pieces.iter().all(|piece| piece.len() <= LINE) {
            for piece in pieces {
                out.push_str(piece);
                out.push_str("\r\n");
            }
        } else {
            // Unfolded: each continuation line less the blank the fold added.
            let mut line = String::from(first);
            for piece in &pieces[1..] {
                line.push_str(&piece[1..]);
            }
            fold(&line, &mut out);
        }
    }
    out
}

/// Writes one unfolded content line to `out` as RFC 5545 folds it: at most
/// [`LINE`] octets a line, each continuation line starting with one space
/// that counts among them, cut only between characters, and each line
/// ending in CRLF. A cut is moved before a space or tab where it can be, so
/// that no continuation line starts with two blanks, which some readers
/// would take for one.
fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    let mut room = LINE;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut before_blank = cut;
        while before_blank > room / 2 && rest[before_blank..].starts_with([' ', '\t']) {
            before_blank -= 1;
            while !rest.is_char_boundary(before_blank) {
                before_blank -= 1;
            }
        }
        if !rest[before_blank..].starts_with([' ', '\t']) {
            cut = before_blank;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LINE - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_turns_carriage_returns_into_line_feeds_and_drops_other_controls() {
        assert_eq!(plain("a\r\nb\rc\u{7}d\te\u{85}f"), "a\nb\ncd\tef");
        assert_eq!(plain("Lön: 5 €, Åre\nStart"), "Lön: 5 €, Åre\nStart");
        assert_eq!(plain(""), "");
    }

    /// Asserts that every line of `text` ends in CRLF and holds at most 75
    /// octets, and returns the text unfolded as RFC 5545 says: every CRLF
    /// followed by one space removed.
    fn unfolded(text: &str) -> String {
        let body = text.strip_suffix("\r\n").expect("text ends in CRLF");
        for line in body.split("\r\n") {
            assert!(line.len() <= LINE, "{} octets: {line:?}", line.len());
            assert!(!line.contains(['\r', '\n']), "a bare CR or LF: {line:?}");
        }
        text.replace("\r\n ", "")
    }

    fn fold_one(line: &str) -> String {
        let mut out = String::new();
        fold(line, &mut out);
        out
    }

    /// An event with this summary, as the crate writes it.
    fn event_with_summary(summary: &str) -> String {
        let stamp = chrono::DateTime::from_timestamp(1_790_000_000, 0).expect("a moment");
        Event::new()
            .uid("deadline-x-sv@example.se")
            .timestamp(stamp)
            .summary(summary)
            .done()
            .to_string()
    }

    #[test]
    fn lines_of_every_length_fold_within_75_octets_and_unfold_to_themselves() {
        for len in 0..=400 {
            let line: String = "SUMMARY:"
                .chars()
                .chain(std::iter::repeat('x'))
                .take(len)
                .collect();
            let out = fold_one(&line);
            assert_eq!(unfolded(&out), format!("{line}\r\n"), "{len} octets");
            // Each line but the last is as full as the limit allows.
            let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
            for (n, line) in lines.iter().enumerate().take(lines.len() - 1) {
                assert_eq!(line.len(), LINE, "line {n} of {len} octets");
            }
        }
    }

    #[test]
    fn a_last_piece_of_74_75_or_76_octets_stays_within_the_limit() {
        let line = |len: usize| "x".repeat(len);
        let pieces = |text: &str| -> Vec<usize> {
            text.trim_end_matches("\r\n")
                .split("\r\n")
                .map(str::len)
                .collect()
        };
        // 75 octets, then a continuation line of a space and 74: 75 octets.
        assert_eq!(pieces(&fold_one(&line(75 + 74))), [75, 75]);
        // A last piece of 75 goes on two lines.
        assert_eq!(pieces(&fold_one(&line(75 + 75))), [75, 75, 2]);
        assert_eq!(pieces(&fold_one(&line(75 + 76))), [75, 75, 3]);
        assert_eq!(pieces(&fold_one(&line(75 + 74 + 75))), [75, 75, 75, 2]);
    }

    #[test]
    fn multi_byte_characters_at_the_limit_move_whole_to_the_next_line() {
        for (c, width) in [('ö', 2), ('€', 3), ('😀', 4)] {
            assert_eq!(c.len_utf8(), width);
            // The character would take octets 74 to 74 + width: it starts the next line.
            let first = "x".repeat(LINE - 1);
            assert_eq!(
                fold_one(&format!("{first}{c}y")),
                format!("{first}\r\n {c}y\r\n"),
                "{c} straddling the first line's end"
            );
            // The same on a continuation line, whose room is 74 after its space.
            let second = "y".repeat(LINE - 2);
            assert_eq!(
                fold_one(&format!("{}{second}{c}z", "x".repeat(LINE))),
                format!("{}\r\n {second}\r\n {c}z\r\n", "x".repeat(LINE)),
                "{c} straddling a continuation line's end"
            );
            // Every alignment of a run of them against every line end.
            for pad in 0..width {
                let line = format!(
                    "DESCRIPTION:{}{}",
                    "a".repeat(pad),
                    c.to_string().repeat(80)
                );
                let out = fold_one(&line);
                assert_eq!(unfolded(&out), format!("{line}\r\n"), "{c} after {pad}");
            }
        }
    }

    #[test]
    fn a_fold_keeps_blanks_off_the_start_of_continuation_lines() {
        let line = format!("{} {}", "x".repeat(LINE), "y".repeat(10));
        assert_eq!(
            fold_one(&line),
            format!("{}\r\n x {}\r\n", "x".repeat(LINE - 1), "y".repeat(10))
        );
        // Only blanks where the cut falls: the cut stays, still valid.
        let blanks = format!("x{}", " ".repeat(200));
        assert_eq!(unfolded(&fold_one(&blanks)), format!("{blanks}\r\n"));
    }

    #[test]
    fn the_crates_76_octet_lines_are_refolded_and_its_valid_lines_kept() {
        // "SUMMARY:" is 8 octets; the content line is 75 + 74k + last piece.
        for (len, crate_too_long) in [(149, false), (150, true), (151, false), (224, true)] {
            let summary = "s".repeat(len - "SUMMARY:".len());
            let raw = event_with_summary(&summary);
            let longest = raw.split("\r\n").map(str::len).max().unwrap_or(0);
            // If this fails, icalendar folds correctly now and `folded` may go.
            assert_eq!(longest > LINE, crate_too_long, "the crate on {len} octets");
            let fixed = folded(raw.clone());
            assert_eq!(unfolded(&fixed), raw.replace("\r\n ", ""), "{len}");
            assert!(unfolded(&fixed).contains(&format!("\r\nSUMMARY:{summary}\r\n")));
            if !crate_too_long {
                assert_eq!(fixed, raw, "valid output is kept byte for byte");
            }
        }
    }

    #[test]
    fn every_event_the_crate_writes_comes_out_within_75_octets() {
        let words = [
            "Lön",
            "€",
            "😀",
            "ö",
            "Handläggare",
            "a",
            "  ",
            "IT-tekniker,",
            "x;y",
        ];
        let (mut refolded, mut kept) = (0, 0);
        for len in 0..300 {
            let summary: String = (0..len)
                .map(|i| words[(i * 7 + len) % words.len()])
                .collect();
            let raw = event_with_summary(&summary);
            let fixed = folded(raw.clone());
            assert_eq!(unfolded(&fixed), raw.replace("\r\n ", ""), "{summary:?}");
            if raw.split("\r\n").all(|line| line.len() <= LINE) {
                assert_eq!(fixed, raw, "valid output is kept byte for byte");
                kept += 1;
            } else {
                refolded += 1;
            }
            let parsed: icalendar::Calendar = format!(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n{fixed}END:VCALENDAR\r\n"
            )
            .parse()
            .expect("the calendar parses");
            let event = parsed.events().next().expect("one event");
            assert_eq!(event.get_summary(), Some(summary.as_str()));
        }
        assert!(refolded > 0 && kept > 0, "{refolded} refolded, {kept} kept");
    }
}
