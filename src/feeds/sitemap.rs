//! `sitemap.xml` with every indexable page and its translations
//! (`xhtml:link rel="alternate" hreflang`), and `robots.txt` pointing at it.

use std::io;

use chrono::NaiveDate;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::config::Config;
use crate::urls;

/// One page in the sitemap.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub loc: String,
    pub lastmod: NaiveDate,
    /// `(hreflang, absolute URL)` of every language version, itself included,
    /// plus `x-default`.
    pub alternates: Vec<(String, String)>,
}

pub fn sitemap(entries: &[Entry]) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    w.create_element("urlset")
        .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
        .with_attribute(("xmlns:xhtml", "http://www.w3.org/1999/xhtml"))
        .write_inner_content(|w| {
            for entry in entries {
                w.create_element("url").write_inner_content(|w| {
                    w.create_element("loc")
                        .write_text_content(BytesText::new(&entry.loc))?;
                    let lastmod = entry.lastmod.format("%Y-%m-%d").to_string();
                    w.create_element("lastmod")
                        .write_text_content(BytesText::new(&lastmod))?;
                    for (lang, href) in &entry.alternates {
                        w.create_element("xhtml:link")
                            .with_attribute(("rel", "alternate"))
                            .with_attribute(("hreflang", lang.as_str()))
                            .with_attribute(("href", href.as_str()))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

pub fn robots(config: &Config) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.permalink(urls::SITEMAP)
    )
    .into_bytes()
}
