//! iCalendar (RFC 5545) files with postings' application deadlines, written
//! with the icalendar crate (escaping, line folding). Stable UIDs and a
//! `DTSTAMP` of the build's "now" keep rebuilds byte-identical.

use std::collections::HashMap;

use chrono::Utc;
use icalendar::{Calendar, Component, Event, EventLike};
use rayon::prelude::*;

use crate::model::Site;
use crate::render::urls;
use crate::render::views::LangCtx;

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
            let head = header(site, ctx).to_string();
            head.strip_suffix(END).unwrap_or(&head).to_string()
        })
        .collect();
    let events = wanted
        .par_iter()
        .map(|&(lang, i)| ((lang, i), event(site, &langs[lang], i, &host).to_string()))
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

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn plain_text_turns_carriage_returns_into_line_feeds_and_drops_other_controls() {
        assert_eq!(plain("a\r\nb\rc\u{7}d\te\u{85}f"), "a\nb\ncd\tef");
        assert_eq!(plain("Lön: 5 €, Åre\nStart"), "Lön: 5 €, Åre\nStart");
        assert_eq!(plain(""), "");
    }
}
