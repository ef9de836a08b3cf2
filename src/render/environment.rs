//! The Tera environment: the theme's templates compiled with vacancy's
//! filters (`fmt`, `json_encode`, `hyphenate`, `hyphenate_html`) and function (`plural`), and Tera's errors
//! as diagnostics at their place in the template's file.

use std::collections::HashMap;

use tera::{Kwargs, State, Tera, TeraResult, Value as TeraValue};

use crate::diagnostic::Diagnostic;
use crate::escape::escape_write;
use crate::i18n::Strings;
use crate::theme::Theme;

/// Compiles the theme's templates and registers vacancy's filters and functions.
pub fn environment(theme: &Theme, strings: &[Strings]) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    tera.set_escape_fn(escape_write);
    // Tera checks at compile time that every filter and function a template
    // calls exists, so they are registered first.
    tera.register_filter("fmt", fmt_filter);
    tera.register_filter("json_encode", json_encode_filter);
    tera.register_filter("hyphenate", |text: &str, kwargs: Kwargs, _: &State| {
        let lang = kwargs.get::<&str>("lang")?.unwrap_or_default();
        Ok::<_, tera::Error>(crate::hyphenate::text(text, lang).into_owned())
    });
    tera.register_filter("hyphenate_html", |html: &str, kwargs: Kwargs, _: &State| {
        let lang = kwargs.get::<&str>("lang")?.unwrap_or_default();
        Ok::<_, tera::Error>(crate::hyphenate::html(html, lang).into_owned())
    });
    let rules: HashMap<String, Strings> = strings
        .iter()
        .map(|s| (s.lang.clone(), s.plural_only()))
        .collect();
    tera.register_function("plural", move |kwargs: Kwargs, _: &State| {
        plural_function(&rules, &kwargs)
    });
    let sources: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(name, file)| (name.as_str(), &*file.text))
        .collect();
    if let Err(e) = tera.add_raw_templates(sources) {
        let d = template_diagnostic(theme, "a template cannot be compiled", &e);
        return Err(vec![d.help(
            "fix the template's Tera syntax; see https://keats.github.io/tera/docs/",
        )]);
    }
    Ok(tera)
}

/// `{{ t.page_n | fmt(n=2) }}`: puts each named value in place of `{name}`.
fn fmt_filter(template: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let mut out = template.to_string();
    for (name, v) in kwargs.iter() {
        let name = name.as_str().unwrap_or_default();
        let text = match v.as_str() {
            Some(s) => s.to_string(),
            None => v.to_string(),
        };
        out = out.replace(&format!("{{{name}}}"), &text);
    }
    Ok(out)
}

/// `{{ value | json_encode }}`: JSON text, with object keys in sorted order
/// so that a page is the same on every build.
fn json_encode_filter(value: TeraValue, _: Kwargs, _: &State) -> TeraResult<String> {
    json_encode(&value)
}

pub(super) fn json_encode(value: &TeraValue) -> TeraResult<String> {
    let json = serde_json::to_value(value).map_err(tera::Error::message)?;
    serde_json::to_string(&json).map_err(tera::Error::message)
}

/// `plural(n=3, lang="sv", forms=t.open_positions)`: the CLDR plural form
/// of the language for `n`, with `{n}` filled in.
fn plural_function(rules: &HashMap<String, Strings>, kwargs: &Kwargs) -> TeraResult<String> {
    let n = kwargs.get::<i64>("n")?.unwrap_or(0);
    let lang = kwargs.get::<&str>("lang")?.unwrap_or("");
    let forms: TeraValue = kwargs.get("forms")?.unwrap_or_else(TeraValue::none);
    if let Some(text) = forms.as_str() {
        return Ok(text.replace("{n}", &n.to_string()));
    }
    let Some(map) = forms.as_map() else {
        return Err(tera::Error::message(
            "plural() needs `forms`, a plural table from the strings",
        ));
    };
    let forms: toml::Table = map
        .iter()
        .filter_map(|(k, v)| {
            Some((
                k.as_str()?.to_string(),
                toml::Value::String(v.as_str()?.to_string()),
            ))
        })
        .collect();
    Ok(match rules.get(lang).or_else(|| rules.values().next()) {
        Some(s) => s.pick(&forms, n),
        None => n.to_string(),
    })
}

/// A Tera error as a diagnostic: at its line and column in the template's
/// file when Tera knows them, with the whole cause chain in the message.
fn template_diagnostic(theme: &Theme, what: &str, e: &tera::Error) -> Diagnostic {
    use std::error::Error;
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let mut parts = vec![match report {
        Some(r) => r.message().to_string(),
        None => e.to_string(),
    }];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    let message = parts.join(": ");
    let mut d = Diagnostic::error(format!("{what}: {message}"));
    if let Some(r) = report
        && let Some(file) = theme.templates.get(r.filename())
    {
        let range = r.span().range.clone();
        d = if range.end <= file.text.len() && file.text.is_char_boundary(range.start) {
            d.at(file, range, "here")
        } else {
            d.in_file(&file.path)
        };
    }
    d
}

/// A failed rendering of `what` (a page's file, or the cards) with `template`.
pub(super) fn render_error(
    theme: &Theme,
    what: &str,
    template: &str,
    e: &tera::Error,
) -> Diagnostic {
    template_diagnostic(
        theme,
        &format!("rendering {what} with {template} failed"),
        e,
    )
    .help("check the template against the variables listed in themes/default/README.md")
}
