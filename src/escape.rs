//! Escaping text for HTML: the one function every page, feed description
//! and template output goes through.

/// Escapes text for HTML text and quoted attributes (`&`, `<`, `>`, `"`, `'`);
/// unlike Tera's default it leaves `/` alone, so URLs stay readable.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    escape_runs(input, |piece| out.push_str(piece));
    out
}

/// [`escape_html`] for Tera, writing as it goes.
pub fn escape_write(input: &str, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    escape_runs(input, |piece| {
        if result.is_ok() {
            result = w.write_all(piece.as_bytes());
        }
    });
    result
}

/// Gives `push` the escaped text piece by piece: the runs between special
/// characters whole (most text has none) and each special character's entity.
/// The search is over bytes (all five are ASCII, and no byte of a longer
/// UTF-8 character equals one), several times faster than by character.
fn escape_runs<'s>(input: &'s str, mut push: impl FnMut(&'s str)) {
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let mut rest = input;
    while let Some(at) = rest.as_bytes().iter().position(special) {
        push(&rest[..at]);
        push(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    push(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_replaces_the_five_special_characters_and_nothing_else() {
        assert_eq!(
            escape_html("Lön & <b>\"förmåner\"</b> – 'Åre' / 5 €"),
            "Lön &amp; &lt;b&gt;&quot;förmåner&quot;&lt;/b&gt; – &#39;Åre&#39; / 5 €"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("<<>>"), "&lt;&lt;&gt;&gt;");
    }
}
