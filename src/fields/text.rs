//! Texts in TOML: quoted, not empty, within a length, free of control
//! characters, and, where a check applies, a valid address or number.

use toml::de::DeValue;

use super::{Fields, Sp};

impl Fields<'_> {
    pub fn string(&mut self, key: &str, example: &str) -> Option<Sp<String>> {
        let (_, value) = self.take_raw(key)?;
        match value.get_ref() {
            DeValue::String(s) => {
                if let Err(why) = check_controls(&self.name(key), s) {
                    self.error_at(key, value.span(), why, CONTROL_HELP);
                    return None;
                }
                let span = self.abs(value.span());
                if is_placeholder(s) {
                    self.placeholders.push((self.name(key), span.clone()));
                }
                Some(Sp::new(span, s.to_string()))
            }
            _ => {
                self.wrong_type(key, &value, "text in quotes", example);
                None
            }
        }
    }

    /// A string that must not be empty.
    pub fn text(&mut self, key: &str, example: &str) -> Option<Sp<String>> {
        let s = self.string(key, example)?;
        if s.get_ref().trim().is_empty() {
            self.error_at_abs(
                key,
                s.span(),
                format!("`{}` is empty", self.name(key)),
                format!("write some text, e.g. {example}, or remove the line"),
            );
            return None;
        }
        Some(s)
    }

    /// A text that `check` accepts, trimmed; otherwise an error at the value
    /// saying why, with `example` as the help.
    pub fn checked(
        &mut self,
        key: &str,
        example: &str,
        check: fn(&str) -> Result<(), String>,
    ) -> Option<Sp<String>> {
        self.checked_with(
            key,
            example,
            &format!("write it like this: {example}"),
            check,
        )
    }

    /// [`Fields::checked`] with a help of its own.
    pub fn checked_with(
        &mut self,
        key: &str,
        example: &str,
        help: &str,
        check: fn(&str) -> Result<(), String>,
    ) -> Option<Sp<String>> {
        let value = self.text(key, example)?;
        let trimmed = value.get_ref().trim().to_string();
        match check(&trimmed) {
            Ok(()) => Some(Sp::new(value.span(), trimmed)),
            Err(why) => {
                self.error_at_abs(key, value.span(), why, help);
                None
            }
        }
    }

    /// A string that must not be empty nor longer than `max` characters:
    /// titles, names and other texts shown on one line.
    pub fn short_text(&mut self, key: &str, example: &str, max: usize) -> Option<Sp<String>> {
        let s = self.text(key, example)?;
        let length = s.get_ref().trim().chars().count();
        if length > max {
            let name = self.name(key);
            self.error_at_abs(
                key,
                s.span(),
                format!("`{name}` is too long: {length} characters, at most {max} are allowed"),
                format!(
                    "shorten `{name}` to {max} characters or fewer; longer material belongs in the text below the front matter"
                ),
            );
            return None;
        }
        Some(s)
    }

    pub fn string_list(&mut self, key: &str, example: &str) -> Option<Sp<Vec<Sp<String>>>> {
        let (_, value) = self.take_raw(key)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, &value, "a list of texts", example);
            return None;
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) if !s.trim().is_empty() => {
                    match check_controls(&self.name(key), s) {
                        Ok(()) => out.push(Sp::new(self.abs(item.span()), s.trim().to_string())),
                        Err(why) => self.error_at(key, item.span(), why, CONTROL_HELP),
                    }
                }
                _ => {
                    self.error_at(
                        key,
                        item.span(),
                        format!(
                            "every entry of `{}` must be non-empty text in quotes",
                            self.name(key)
                        ),
                        format!("write it like this: {example}"),
                    );
                }
            }
        }
        Some(Sp::new(self.abs(value.span()), out))
    }
}

/// A control character (other than tab and line breaks) in a text: it would
/// make a page invalid HTML, so it is refused naming the field.
pub fn check_controls(field: &str, text: &str) -> Result<(), String> {
    match text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        Some(c) => Err(format!(
            "`{field}` holds the control character U+{:04X}, which cannot be shown on a page",
            u32::from(c)
        )),
        None => Ok(()),
    }
}

/// How to fix a control character in a text.
pub const CONTROL_HELP: &str = "remove it: write the text with letters, digits and punctuation only \
     (a `\\u001b`-style escape or a character pasted from another program often puts one there)";

/// The prefix `vacancy new` puts in what an editor must still write.
pub const PLACEHOLDER: &str = "TODO:";

/// Whether a text is still a placeholder of `vacancy new`.
pub fn is_placeholder(text: &str) -> bool {
    text.trim_start().starts_with(PLACEHOLDER)
}
