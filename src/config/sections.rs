//! The other tables of vacancy.toml: `[organization]` (and its logo),
//! the time zone and country, `[categories]`, `[locations]` and
//! `[accessibility]`.

use super::*;

pub(super) fn read_organization(f: &mut Fields<'_>, codes: &[String]) -> Option<Organization> {
    let example = "[organization]\nname = \"Example Agency\"\nurl = \"https://www.example.org/\"";
    let Some(mut t) = f.table("organization", example) else {
        f.missing("organization", example);
        return None;
    };
    let name = read_localized(&mut t, "name", codes, true);
    let url = t.text("url", "url = \"https://www.example.org/\"");
    if let Some(u) = &url
        && let Err(why) = crate::address::check_web_url(u.get_ref())
    {
        t.error_at_abs(
            "url",
            u.span(),
            why,
            "write an absolute URL such as \"https://www.example.org/\"",
        );
    }
    let logo = t.text("logo", "logo = \"assets/logo.svg\"");
    let logo_span = logo.as_ref().map_or(0..0, Sp::span);
    let logo = logo.filter(|l| match check_image_path(l.get_ref()) {
        Ok(()) => true,
        Err(why) => {
            t.error_at_abs("logo", l.span(), why, IMAGE_HELP);
            false
        }
    });
    let image = read_social_image(&mut t, codes);
    f.absorb(t, &["name", "url", "logo", "image", "image_alt"]);
    Some(Organization {
        name: name?,
        url: url.map(Sp::into_inner),
        logo: logo.map(Sp::into_inner),
        logo_span,
        image,
    })
}

/// `image = "assets/share.png"` with `image_alt`, its text alternative.
fn read_social_image(t: &mut Fields<'_>, codes: &[String]) -> Option<SocialImage> {
    let image = t.text("image", "image = \"assets/share.png\"")?;
    let span = image.span();
    let path = image.into_inner();
    let outside = match check_image_path(&path) {
        Err(why) => Some(why),
        // Its size must be known: link previews are laid out before loading it.
        Ok(()) if path.contains("://") => Some(format!(
            "\"{path}\" is a web address: the image must be a file under static/ so its size is known"
        )),
        Ok(()) => None,
    };
    if let Some(why) = outside {
        t.error_at_abs(
            "image",
            span,
            why,
            "give a file under static/, e.g. image = \"assets/share.png\" for static/assets/share.png",
        );
        return None;
    }
    if t.peek_span("image_alt").is_none() {
        t.missing(
            "image_alt",
            "image_alt = { sv = \"Logotyp och texten Lediga jobb\", en = \"Logo and the words Jobs\" }",
        );
    }
    let alt = read_localized(t, "image_alt", codes, false)?;
    Some(SocialImage {
        path,
        span,
        alt,
        raster: None,
    })
}

/// How an image is given in vacancy.toml.
const IMAGE_HELP: &str = "give a file under static/, e.g. logo = \"assets/logo.svg\" for \
     static/assets/logo.svg, or an address starting with https://";

/// An image is a path inside `static/` (no `..`, not absolute) or an absolute
/// `https:` address; whether the file exists is checked with the theme.
pub fn check_image_path(path: &str) -> Result<(), String> {
    if path.contains("://") || path.contains(':') {
        return match url::Url::parse(path) {
            Ok(u) if u.scheme() == "https" && u.host().is_some() => Ok(()),
            _ => Err(format!(
                "\"{path}\" is neither a file under static/ nor an https:// address"
            )),
        };
    }
    let inside = !path.starts_with('/')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    if inside {
        Ok(())
    } else {
        Err(format!(
            "\"{path}\" leads outside static/: an image path is relative to static/ and \
             cannot start with / or contain .."
        ))
    }
}

pub(super) fn read_time_zone(f: &mut Fields<'_>) -> Option<chrono_tz::Tz> {
    let Some(tz) = f.text("time_zone", "time_zone = \"Europe/Stockholm\"") else {
        return Some(chrono_tz::UTC);
    };
    match tz.get_ref().parse::<chrono_tz::Tz>() {
        Ok(zone) => Some(zone),
        Err(_) => {
            let names = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name());
            let help = match crate::diagnostic::did_you_mean(tz.get_ref(), names) {
                Some(close) => format!("did you mean \"{close}\"?"),
                None => "use an IANA time zone name such as \"Europe/Stockholm\"".into(),
            };
            f.error_at_abs(
                "time_zone",
                tz.span(),
                format!("\"{}\" is not a known time zone", tz.get_ref()),
                help,
            );
            None
        }
    }
}

pub(super) fn read_country(f: &mut Fields<'_>) -> String {
    let Some(c) = f.text("country", "country = \"SE\"") else {
        return String::new();
    };
    let code = c.get_ref().trim().to_ascii_uppercase();
    if code.len() != 2 || !code.chars().all(|ch| ch.is_ascii_alphabetic()) {
        f.error_at_abs(
            "country",
            c.span(),
            format!("\"{}\" is not a two-letter country code", c.get_ref()),
            "write an ISO 3166-1 code such as \"SE\"",
        );
        return String::new();
    }
    code
}

pub(super) fn read_categories(f: &mut Fields<'_>, codes: &[String]) -> Vec<Category> {
    let example = "[categories]\nit = { sv = \"IT\", en = \"IT\" }";
    let Some(mut t) = f.table("categories", example) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in t.remaining_keys() {
        if !is_slug(key.get_ref()) {
            t.error_at_abs(
                key.get_ref(),
                key.span(),
                format!(
                    "the category key \"{}\" is not usable in a URL",
                    key.get_ref()
                ),
                "use lowercase letters, digits and hyphens, e.g. \"case-handling\"",
            );
        }
        if let Some(label) = read_localized(&mut t, key.get_ref(), codes, true) {
            out.push(Category {
                key: key.into_inner(),
                label,
            });
        }
    }
    f.absorb(t, &[]);
    out
}

pub(super) fn read_locations(f: &mut Fields<'_>) -> BTreeMap<String, LocationInfo> {
    let Some(mut t) = f.table(
        "locations",
        "[locations]\n\"Norrköping\" = { region = \"Östergötlands län\" }",
    ) else {
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for key in t.remaining_keys() {
        if let Err(why) = crate::fields::check_controls("locations", key.get_ref()) {
            t.error_at_abs(key.get_ref(), key.span(), why, crate::fields::CONTROL_HELP);
            continue;
        }
        if let Some(mut place) = t.table(
            key.get_ref(),
            "\"Norrköping\" = { region = \"Östergötlands län\" }",
        ) {
            let region = place
                .text("region", "region = \"Östergötlands län\"")
                .map(Sp::into_inner);
            t.absorb(place, &["region"]);
            out.insert(key.into_inner(), LocationInfo { region });
        }
    }
    f.absorb(t, &[]);
    out
}

pub(super) fn read_accessibility(f: &mut Fields<'_>, codes: &[String]) -> Option<Accessibility> {
    let example = "[accessibility]\ndate = 2026-11-01\nemail = \"access@example.org\"\n\
                   supervisor = \"Agency for Digital Government\"\nsupervisor_url = \"https://www.digg.se/\"";
    let mut t = f.table("accessibility", example)?;
    let date = t
        .date_or_word("date", false, &[], "date = 2026-11-01")
        .and_then(|d| match d.into_inner() {
            Ok(crate::fields::DateOrTime::Date(d)) => Some(d),
            _ => None,
        });
    let standard = t
        .text("standard", "standard = \"WCAG 2.2 AA\"")
        .map(Sp::into_inner);
    let email = t.checked_with(
        "email",
        "email = \"access@example.org\"",
        "write an address such as \"access@example.org\"",
        crate::address::check_email,
    );
    let phone = t
        .text("phone", "phone = \"010-123 45 67\"")
        .map(Sp::into_inner);
    let supervisor = read_localized(&mut t, "supervisor", codes, true);
    let supervisor_url = t.checked_with(
        "supervisor_url",
        "supervisor_url = \"https://www.digg.se/\"",
        "write an absolute https:// address",
        crate::address::check_web_url,
    );
    let known_issues = read_localized(&mut t, "known_issues", codes, false);
    t.missing_unless_reported(&[
        ("date", date.is_some()),
        ("email", email.is_some()),
        ("supervisor_url", supervisor_url.is_some()),
    ]);
    let ok = t.diagnostics.is_empty();
    f.absorb(t, ACCESSIBILITY_FIELDS);
    if !ok {
        return None;
    }
    Some(Accessibility {
        date: date?,
        standard: standard.unwrap_or_else(|| "WCAG 2.2 AA".to_string()),
        email: email?.into_inner(),
        phone,
        supervisor: supervisor?,
        supervisor_url: supervisor_url?.into_inner(),
        known_issues,
    })
}

const ACCESSIBILITY_FIELDS: &[&str] = &[
    "date",
    "standard",
    "email",
    "phone",
    "supervisor",
    "supervisor_url",
    "known_issues",
];

impl Config {
    /// Checks the images vacancy.toml names under `static/` against `read`
    /// (the site's and the theme's static files): the logo must exist, and
    /// the social image be a PNG or JPEG, whose size is kept.
    pub fn check_images<'b>(
        &mut self,
        file: &SourceFile,
        read: impl Fn(&str) -> Option<&'b [u8]>,
    ) -> Vec<Diagnostic> {
        let org = &mut self.organization;
        let mut out = Vec::new();
        if let Some(logo) = &org.logo
            && !logo.starts_with("https://")
            && read(logo).is_none()
        {
            out.push(
                Diagnostic::error(format!("the logo \"{logo}\" is not a file under static/"))
                    .field("organization.logo")
                    .at(file, org.logo_span.clone(), "no such file")
                    .help(format!(
                        "put the image at static/{logo}, or correct the path"
                    )),
            );
        }
        if let Some(image) = &mut org.image {
            let found = read(&image.path)
                .ok_or_else(|| format!("the image \"{}\" is not a file under static/", image.path))
                .and_then(|bytes| crate::image::raster(&image.path, bytes));
            match found {
                Ok(raster) => image.raster = Some(raster),
                Err(why) => out.push(
                    Diagnostic::error(why)
                        .field("organization.image")
                        .at(file, image.span.clone(), "the social image")
                        .help(crate::image::HELP),
                ),
            }
        }
        out
    }
}
