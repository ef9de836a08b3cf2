//! A site's own `templates/` and `static/` files replace the built-in theme's
//! files of the same name; everything it does not replace keeps working.

use crate::common::{
    NOW, assert_snapshot, build, copy_fixture, errors_of_dir, fixture, page, text,
};

#[test]
fn a_site_template_replaces_the_theme_template_of_the_same_name() {
    let built = build("overrides", NOW);
    for (path, title) in [
        ("sv/jobs/case-officer/index.html", "Handläggare"),
        ("en/jobs/case-officer/index.html", "Case officer"),
    ] {
        let p = page(&built, path);
        assert!(
            p.has("main [data-site-template]"),
            "{path} uses the site's template"
        );
        assert_eq!(text(&p.first("main h1").unwrap()), title);
        assert!(
            !p.has("main .facts"),
            "{path} still shows the theme's facts"
        );
    }
    let en = page(&built, "en/jobs/case-officer/index.html");
    assert_eq!(
        text(&en.first(".site-deadline").unwrap()),
        "Closing date: 20 March 2026",
        "the site's template sees the same variables as the theme's"
    );
}

#[test]
fn the_site_template_is_still_wrapped_in_the_themes_base_layout() {
    let built = build("overrides", NOW);
    let p = page(&built, "en/jobs/case-officer/index.html");
    assert_eq!(p.lang_dir(), ("en".to_string(), "ltr".to_string()));
    assert!(p.has("a.skip-link[href='#main']"));
    assert!(p.has("footer"));
    assert_eq!(
        p.hreflang().get("sv").map(String::as_str),
        Some("https://jobb.example.se/sv/jobs/case-officer/")
    );
}

#[test]
fn pages_the_site_does_not_override_use_the_built_in_templates() {
    let built = build("overrides", NOW);
    let home = page(&built, "en/index.html");
    assert_eq!(home.listed(), ["case-officer"]);
    assert!(home.has("details.filters"), "the theme's filter panel");
    let term = page(&built, "sv/locations/norrkoping/index.html");
    assert_eq!(term.listed(), ["case-officer"]);
    assert!(built.output.get("404.html").is_some());
}

#[test]
fn a_site_static_file_replaces_the_themes_file_and_the_others_stay() {
    let built = build("overrides", NOW);
    let site_logo = std::fs::read(fixture("overrides").join("static/assets/logo.svg")).unwrap();
    assert_eq!(built.output.get("assets/logo.svg"), Some(&site_logo[..]));
    let theme = build("board", NOW);
    assert_ne!(theme.output.get("assets/logo.svg"), Some(&site_logo[..]));
    for asset in ["assets/style.css", "assets/board.js"] {
        let bytes = built.output.get(asset);
        assert!(bytes.is_some_and(|b| !b.is_empty()), "{asset} is missing");
        assert_eq!(bytes, theme.output.get(asset), "{asset} is the theme's");
    }
    let home = page(&built, "sv/index.html");
    let css = home.attr("link[rel=stylesheet]", "href").unwrap();
    assert!(css.starts_with("/assets/style.css"), "{css}");
}

#[test]
fn a_static_file_of_the_sites_own_is_published_as_is() {
    let built = build("overrides", NOW);
    let own = std::fs::read(fixture("overrides").join("static/assets/extra.txt")).unwrap();
    assert_eq!(built.output.get("assets/extra.txt"), Some(&own[..]));
}

/// The first error of the overrides site with `templates/posting.html`
/// replaced by `template`; it must name that file.
fn posting_template_error(template: &str) -> vacancy::diagnostic::Diagnostic {
    let site = copy_fixture("overrides");
    std::fs::write(site.path().join("templates/posting.html"), template).unwrap();
    let errors = errors_of_dir(site.path(), NOW);
    let d = errors.errors().next().expect("an error").clone();
    assert_eq!(
        d.file().and_then(|f| f.to_str()),
        Some("templates/posting.html"),
        "{}",
        d.render()
    );
    d
}

#[test]
fn a_site_template_that_does_not_compile_is_reported_with_its_file() {
    let d = posting_template_error(
        "{% extends \"base.html\" %}\n{% block main %}{% if %}{% endblock main %}\n",
    );
    assert_snapshot("overrides/template-does-not-compile", &d.render());
}

#[test]
fn template_errors_point_at_their_line_and_column() {
    // A syntax error on line 2, column 26 (1-based) of the site's template: the lone `}`.
    let d = posting_template_error(
        "{% extends \"base.html\" %}\n{% block main %}<h1>{{ x }</h1>{% endblock main %}\n",
    );
    assert_eq!(d.line_column(), Some((2, 26)), "{}", d.render());
    assert_snapshot("overrides/template-syntax-error", &d.render());

    // A variable the page does not have, found while rendering: the error
    // names the template line and the fields there are.
    let d = posting_template_error(
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ posting.titel }}</h1>{% endblock main %}\n",
    );
    assert_eq!(
        d.line_column().map(|(line, _)| line),
        Some(3),
        "{}",
        d.render()
    );
    // Names the fields the posting has, so the misspelling is easy to see.
    assert_snapshot("overrides/template-unknown-variable", &d.render());
}
