//! RSS 2.0 feeds of open postings, newest first, written with quick-xml.

use std::collections::HashMap;
use std::io;

use chrono::{DateTime, FixedOffset};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use rayon::prelude::*;

use crate::model::{Site, local_to_fixed};
use crate::urls;
use crate::views::LangCtx;

use super::{FeedSpec, facts_line};

/// How many postings a feed carries: the newest are what subscribers need.
pub const FEED_LIMIT: usize = 100;

/// Each posting's `<item>`, written once per language and shared by every
/// feed that carries it, keyed by (language, posting).
pub type Items = HashMap<(usize, usize), Vec<u8>>;

/// The items of the given (language, posting) pairs, written in parallel.
pub fn items(site: &Site, langs: &[LangCtx<'_>], wanted: &[(usize, usize)]) -> io::Result<Items> {
    wanted
        .par_iter()
        .map(|&(lang, i)| {
            // Written two levels deep, where an item sits (rss > channel), so
            // its line breaks and indentation are those it has in a feed.
            let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
            w.write_event(Event::Start(BytesStart::new("rss")))?;
            w.write_event(Event::Start(BytesStart::new("channel")))?;
            let start = w.get_ref().len();
            item(&mut w, site, &langs[lang], i)?;
            Ok(((lang, i), w.get_ref()[start..].to_vec()))
        })
        .collect()
}

/// The postings a feed carries.
pub fn carried(postings: &[usize]) -> &[usize] {
    &postings[..postings.len().min(FEED_LIMIT)]
}

pub fn feed(
    site: &Site,
    ctx: &LangCtx<'_>,
    lang: usize,
    spec: &FeedSpec<'_>,
    items: &Items,
) -> io::Result<Vec<u8>> {
    let config = &site.config;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    w.create_element("rss")
        .with_attribute(("version", "2.0"))
        .with_attribute(("xmlns:atom", "http://www.w3.org/2005/Atom"))
        .write_inner_content(|w| {
            w.create_element("channel").write_inner_content(|w| {
                text(w, "title", &spec.title)?;
                text(w, "link", &config.permalink(&spec.page_rel))?;
                let description = ctx
                    .strings
                    .plural("open_positions", spec.postings.len() as i64);
                // Readers show a channel's description as HTML, as they do an item's.
                let description = format!("{} – {description}", spec.title);
                text(w, "description", &crate::escape::escape_html(&description))?;
                text(w, "language", ctx.lang())?;
                text(w, "lastBuildDate", &site.now.to_rfc2822())?;
                text(
                    w,
                    "generator",
                    concat!("vacancy ", env!("CARGO_PKG_VERSION")),
                )?;
                w.create_element("atom:link")
                    .with_attribute(("href", config.permalink(&spec.rel).as_str()))
                    .with_attribute(("rel", "self"))
                    .with_attribute(("type", "application/rss+xml"))
                    .write_empty()?;
                for &i in carried(spec.postings) {
                    // After the element before it, the writer stands where
                    // it stands after an item: the bytes can go in as they are.
                    w.get_mut().extend_from_slice(&items[&(lang, i)]);
                }
                Ok(())
            })?;
            Ok(())
        })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn item(w: &mut Writer<Vec<u8>>, site: &Site, ctx: &LangCtx<'_>, i: usize) -> io::Result<()> {
    let config = &site.config;
    let p = site.posting(i);
    let t = p.shown_in(ctx.lang(), &config.default_language);
    let link = config.permalink(&urls::posting(&t.lang, &p.slug));
    let deadline_label = ctx.fact_label("deadline");
    let card = ctx.card(i);
    let description = format!(
        "<p>{}</p><p>{}: {}</p><p>{}</p>",
        crate::escape::escape_html(&facts_line(site, ctx, i)),
        crate::escape::escape_html(deadline_label),
        crate::escape::escape_html(&card.deadline.text),
        crate::escape::escape_html(&t.summary),
    );
    w.create_element("item").write_inner_content(|w| {
        text(w, "title", &t.title)?;
        text(w, "link", &link)?;
        w.create_element("guid")
            .with_attribute(("isPermaLink", "true"))
            .write_text_content(BytesText::new(&link))?;
        text(w, "pubDate", &published_moment(site, i).to_rfc2822())?;
        text(w, "description", &description)?;
        for location in &p.facts.locations {
            text(w, "category", location)?;
        }
        text(w, "category", &card.employment.label)?;
        for key in &p.facts.categories {
            if let Some(c) = config.category(key) {
                text(
                    w,
                    "category",
                    c.label.get(ctx.lang(), &config.default_language),
                )?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// The start of the publication day in the site's time zone.
pub fn published_moment(site: &Site, i: usize) -> DateTime<FixedOffset> {
    let p = site.posting(i);
    let midnight = p
        .facts
        .published
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists");
    local_to_fixed(midnight, site.config.time_zone)
}

fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_chars(value)))?;
    Ok(())
}

/// Drops the characters XML 1.0 cannot hold at all (most control characters):
/// quick-xml escapes markup but writes those as they are, and one of them in a
/// title would make the whole feed unreadable.
pub fn xml_chars(value: &str) -> std::borrow::Cow<'_, str> {
    // XML 1.0 `Char`; Rust's `char` already excludes the surrogates.
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || ('\u{20}'..='\u{fffd}').contains(&c) || c > '\u{ffff}'
    };
    if value.chars().all(allowed) {
        std::borrow::Cow::Borrowed(value)
    } else {
        std::borrow::Cow::Owned(value.chars().filter(|&c| allowed(c)).collect())
    }
}
