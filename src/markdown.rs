//! Markdown bodies to safe HTML: pulldown-cmark renders, ammonia sanitizes with
//! an allow-list, and the first paragraph becomes the plain-text summary.

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A rendered Markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitized HTML, safe to insert into a page as is.
    pub html: String,
    /// The first paragraph as plain text.
    pub first_paragraph: String,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .add_generic_attributes(["id", "dir"])
        .id_prefix(None)
        .link_rel(Some("noopener noreferrer"))
        .rm_tags(["img"])
        .add_tags(["img"])
        .add_tag_attributes("img", ["src", "alt", "width", "height", "loading"]);
    b
});

/// Renders a Markdown body. The page title is the only `h1`, so headings in
/// the body start at `h2`: a `#` heading is shifted down one level.
pub fn render(markdown: &str) -> Rendered {
    let parser = Parser::new_ext(markdown, options()).map(demote_h1);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    Rendered {
        html: SANITIZER.clean(&html).to_string(),
        first_paragraph: first_paragraph(markdown),
    }
}

fn demote_h1(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
            Event::End(TagEnd::Heading(HeadingLevel::H2))
        }
        other => other,
    }
}

/// The text of the first paragraph, without markup, whitespace collapsed.
pub fn first_paragraph(markdown: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shortens plain text to at most `max` characters at a word boundary.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_event_handlers_and_javascript_links_are_removed() {
        let r = render(
            "Hi <script>alert(1)</script><img src=x onerror=alert(1)> \
             [x](javascript:alert(1)) <iframe src=\"https://e.org\"></iframe>",
        );
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("<iframe"), "{}", r.html);
    }

    #[test]
    fn headings_lists_tables_and_links_survive() {
        let r =
            render("## Krav\n\n- Juristexamen\n\n|a|b|\n|-|-|\n|1|2|\n\n[Läs](https://example.se)");
        assert!(r.html.contains("<h2>Krav</h2>"), "{}", r.html);
        assert!(r.html.contains("<li>Juristexamen</li>"));
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("href=\"https://example.se\""));
    }

    #[test]
    fn a_level_one_heading_in_the_body_becomes_level_two() {
        assert!(render("# Om jobbet").html.contains("<h2>Om jobbet</h2>"));
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let md = "## Om oss\n\nVi är *ungefär* 6 000\npersoner.\n\nAndra stycket.";
        assert_eq!(first_paragraph(md), "Vi är ungefär 6 000 personer.");
    }

    #[test]
    fn truncate_cuts_at_a_word() {
        assert_eq!(truncate("alpha beta gamma", 12), "alpha beta…");
        assert_eq!(truncate("short", 12), "short");
    }
}
