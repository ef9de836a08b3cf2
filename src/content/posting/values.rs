//! Reading the fields whose values need more than a type check: dates,
//! places, categories, salary (words or figures) and contacts.

use super::*;

pub(super) fn read_published(f: &mut Fields<'_>) -> Option<Sp<chrono::NaiveDate>> {
    let d = f.date_or_word("published", false, &[], "published = 2026-02-20")?;
    let span = d.span();
    match d.into_inner() {
        Ok(DateOrTime::Date(date)) => Some(Sp::new(span, date)),
        _ => None,
    }
}

pub(super) fn read_deadline(f: &mut Fields<'_>) -> Option<Sp<DateOrTime>> {
    let d = f.date_or_word("deadline", true, &[], "deadline = 2026-03-20")?;
    let span = d.span();
    d.into_inner().ok().map(|v| Sp::new(span, v))
}

pub(super) fn read_start(f: &mut Fields<'_>) -> Option<Sp<Start>> {
    let words = &["by-agreement", "immediately"];
    let unquoted = f.is_datetime("start");
    let s = f.date_or_word("start", false, words, "start = 2026-03-02")?;
    let span = s.span();
    let start = match s.into_inner() {
        Ok(DateOrTime::Date(d)) => {
            // A date or a word is a text in the browser form: it shows a
            // date without quotes as a clock time.
            if unquoted {
                f.form_cannot_show("start", span.clone(), format!("start = \"{d}\""));
            }
            Start::Date(d)
        }
        Err("immediately") => Start::Immediately,
        Err(_) => Start::ByAgreement,
        Ok(_) => return None,
    };
    Some(Sp::new(span, start))
}

pub(super) fn map_sp<T, U>(s: Sp<T>, f: impl FnOnce(T) -> U) -> Sp<U> {
    let span = s.span();
    Sp::new(span, f(s.into_inner()))
}

pub(super) fn keyword<T>(
    f: &mut Fields<'_>,
    key: &str,
    keys: &[&'static str],
    from: fn(&str) -> Option<T>,
) -> Option<Sp<T>> {
    f.choice(key, keys).and_then(|k| {
        let span = k.span();
        from(k.get_ref()).map(|v| Sp::new(span, v))
    })
}

/// Places of work; each names a page (`/sv/locations/<slug>/`), so each must
/// have letters or digits to make a web address from.
pub(super) fn read_locations(f: &mut Fields<'_>) -> Option<Sp<Vec<String>>> {
    let list = f.string_list("locations", "locations = [\"Norrköping\", \"Stockholm\"]")?;
    let span = list.span();
    let mut places = Vec::new();
    for place in list.into_inner() {
        if place.get_ref().chars().count() > limits::LINE {
            f.error_at_abs(
                "locations",
                place.span(),
                format!(
                    "a place name is too long: at most {} characters are allowed",
                    limits::LINE
                ),
                "write the name of the town or city, e.g. locations = [\"Norrköping\"]",
            );
        } else if crate::model::location_slug(place.get_ref()).is_empty() {
            f.error_at_abs(
                "locations",
                place.span(),
                format!(
                    "\"{}\" cannot be a place name: it has no letters or digits",
                    place.get_ref()
                ),
                "write the name of the town or city, e.g. locations = [\"Norrköping\"]",
            );
        } else {
            places.push(place.into_inner());
        }
    }
    Some(Sp::new(span, places))
}

pub(super) fn read_categories(f: &mut Fields<'_>, config: &Config) -> Option<Sp<Vec<String>>> {
    let list = f.string_list("categories", "categories = [\"case-handling\"]")?;
    let span = list.span();
    let mut keys = Vec::new();
    for key in list.into_inner() {
        if config.category(key.get_ref()).is_some() {
            if !keys.contains(key.get_ref()) {
                keys.push(key.get_ref().clone());
            }
            continue;
        }
        let known: Vec<&str> = config.categories.iter().map(|c| c.key.as_str()).collect();
        let help = match crate::diagnostic::did_you_mean(key.get_ref(), known.iter().copied()) {
            Some(close) => format!("did you mean \"{close}\"?"),
            None if known.is_empty() => {
                "no categories are defined: add them under [categories] in vacancy.toml".into()
            }
            None => format!(
                "the categories in vacancy.toml are: {}; add a new one there first",
                known.join(", ")
            ),
        };
        f.error_at_abs(
            "categories",
            key.span(),
            format!("\"{}\" is not a category of this site", key.get_ref()),
            help,
        );
    }
    Some(Sp::new(span, keys))
}

pub(super) fn read_salary(f: &mut Fields<'_>) -> (Option<Sp<SalaryRange>>, Option<String>) {
    let example = "salary = { min = 38000, max = 46000, currency = \"SEK\", per = \"month\" }";
    let Some((_, value)) = f.take_raw("salary") else {
        return (None, None);
    };
    let span = f.abs(value.span());
    match value.into_inner() {
        toml::de::DeValue::String(s) if !s.trim().is_empty() => {
            // The browser form holds the words in the table (`text`).
            f.form_cannot_show(
                "salary",
                span.clone(),
                format!("salary = {{ text = {} }}", toml::Value::from(s.as_ref())),
            );
            (None, salary_text(f, &s, span))
        }
        toml::de::DeValue::Table(table) => {
            // Re-read the table through `Fields` for per-field messages.
            let mut t = f.subtable("salary", span.clone(), table);
            let text = t
                .string("text", "text = \"Individual salary setting\"")
                .filter(|s| !s.get_ref().trim().is_empty());
            let text = text.and_then(|s| {
                let at = s.span();
                salary_text(f, s.get_ref(), at)
            });
            // An empty table (the form's, for a language nobody filled in)
            // says nothing.
            let range = if t.has_any(&["min", "max", "currency", "per"]) {
                salary_range(f, t, span)
            } else {
                f.absorb(t, SALARY_FIELDS);
                None
            };
            (range, text)
        }
        _ => {
            f.error_at_abs(
                "salary",
                span,
                "`salary` must be text (\"Individual salary setting\") or a table of figures"
                    .into(),
                format!("write it like this: {example}"),
            );
            (None, None)
        }
    }
}

/// A salary in words: one line of text.
pub(super) fn salary_text(f: &mut Fields<'_>, s: &str, span: Range<usize>) -> Option<String> {
    if s.trim().chars().count() > limits::LINE {
        f.error_at_abs(
            "salary",
            span,
            format!(
                "`salary` is too long: at most {} characters are allowed",
                limits::LINE
            ),
            "say the salary in a sentence; details belong in the text below the front matter",
        );
        return None;
    }
    if let Err(why) = crate::fields::check_controls("salary", s) {
        f.error_at_abs("salary", span, why, crate::fields::CONTROL_HELP);
        return None;
    }
    Some(s.trim().to_string())
}

/// Salary figures: `min` and/or `max`, a currency code, and what they are per.
pub(super) fn salary_range<'a>(
    f: &mut Fields<'a>,
    mut t: Fields<'a>,
    span: Range<usize>,
) -> Option<Sp<SalaryRange>> {
    let min = number(&mut t, "min");
    let max = number(&mut t, "max");
    let currency = t.text("currency", "currency = \"SEK\"");
    let per = keyword(&mut t, "per", SalaryPer::KEYS, SalaryPer::from_key);
    if currency.is_none() {
        t.missing("currency", "currency = \"SEK\"");
    }
    if min.is_none() && max.is_none() {
        t.missing("min", "min = 38000");
    }
    if let (Some(lo), Some(hi)) = (&min, &max)
        && lo.get_ref() > hi.get_ref()
    {
        let message = format!(
            "the salary maximum {} is below the minimum {}",
            hi.get_ref(),
            lo.get_ref()
        );
        t.error_at_abs("max", hi.span(), message, "swap the two figures");
    }
    if let Some(c) = &currency
        && !(c.get_ref().len() == 3 && c.get_ref().chars().all(|ch| ch.is_ascii_uppercase()))
    {
        t.error_at_abs(
            "currency",
            c.span(),
            format!("\"{}\" is not a currency code", c.get_ref()),
            "write an ISO 4217 code such as \"SEK\" or \"EUR\"",
        );
    }
    let ok = t.diagnostics.is_empty();
    f.absorb(t, SALARY_FIELDS);
    let range = SalaryRange {
        min: min.map(Sp::into_inner),
        max: max.map(Sp::into_inner),
        currency: currency?.into_inner(),
        per: per.map_or(SalaryPer::Month, Sp::into_inner),
    };
    ok.then(|| Sp::new(span, range))
}

pub(super) fn number(t: &mut Fields<'_>, key: &str) -> Option<Sp<f64>> {
    let (_, value) = t.take_raw(key)?;
    let span = t.abs(value.span());
    let n = match value.get_ref() {
        toml::de::DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
        toml::de::DeValue::Float(x) => x.as_str().replace('_', "").parse::<f64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if n >= 0.0 && n.is_finite() => Some(Sp::new(span, n)),
        _ => {
            t.error_at_abs(
                key,
                span,
                format!("`salary.{key}` must be a positive number"),
                format!("write it like this: {key} = 38000"),
            );
            None
        }
    }
}

pub(super) fn read_contacts(f: &mut Fields<'_>) -> Option<Sp<Vec<RawContact>>> {
    let example =
        "[[contacts]]\nname = \"Anna Exempel\"\nrole = \"Unit manager\"\nphone = \"070-174 06 05\"";
    let span = f.peek_span("contacts")?;
    let tables = f.tables("contacts", example)?;
    let first = tables.first().map(|t| t.anchor().start);
    let mut out = Vec::new();
    for (i, mut t) in tables.into_iter().enumerate() {
        let contact = RawContact {
            span: t.anchor(),
            name_written: t.peek_span("name").is_some(),
            name: t.short_text("name", "name = \"Anna Exempel\"", limits::LINE),
            role: t
                .short_text("role", "role = \"Unit manager\"", limits::LINE)
                .map(Sp::into_inner),
            phone: t.checked("phone", "phone = \"070-174 06 05\"", check_phone),
            email: t.checked("email", "email = \"anna@example.se\"", check_email),
            union: t.bool("union"),
        };
        if let Some(first) = first {
            misplaced(&mut t, i + 1, first);
        }
        f.absorb(t, CONTACT_FIELDS);
        out.push(contact);
    }
    Some(Sp::new(span, out))
}

/// A posting field written below `[[contacts]]` belongs, in TOML, to the
/// contact above it: say where the line goes instead of calling it unknown.
fn misplaced(t: &mut Fields<'_>, contact: usize, first: usize) {
    let file = t.file();
    let (first_line, _) = file.line_column(first);
    for key in t.remaining_keys() {
        let name = key.get_ref().as_str();
        if CONTACT_FIELDS.contains(&name) || Field::named(name).is_none() {
            continue;
        }
        t.take_any(name);
        t.diagnostics.push(
            Diagnostic::error(format!(
                "`{name}` is read as part of contact {contact}, not of the posting"
            ))
            .field(name)
            .at(file, key.span(), "below a [[contacts]] line")
            .help(format!(
                "move this line above the first `[[contacts]]` (line {first_line}): \
                 lines below it belong to that contact"
            )),
        );
    }
}

pub(super) const CONTACT_FIELDS: &[&str] = &["name", "role", "phone", "email", "union"];

pub(super) const SALARY_FIELDS: &[&str] = &["min", "max", "currency", "per", "text"];
