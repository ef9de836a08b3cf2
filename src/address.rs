//! Web addresses, e-mail addresses and phone numbers as editors write them:
//! checked the same way wherever they appear (vacancy.toml, front matter,
//! links in texts), and phone numbers turned into `tel:` links.

/// An absolute `http:` or `https:` URL.
pub fn check_web_url(url: &str) -> Result<(), String> {
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        Ok(u) => Err(format!(
            "\"{url}\" is not a web address: it must start with https:// (not {}:)",
            u.scheme()
        )),
        // The mistake editors make most: the address without its start.
        Err(url::ParseError::RelativeUrlWithoutBase) => Err(format!(
            "\"{url}\" is not a web address: a web address starts with https://"
        )),
        Err(e) => Err(format!("\"{url}\" is not a valid web address: {e}")),
    }
}

/// An e-mail address of the form `name@domain.tld`.
pub fn check_email(email: &str) -> Result<(), String> {
    let bad = || Err(format!("\"{email}\" is not a valid e-mail address"));
    let Some((local, domain)) = email.split_once('@') else {
        return bad();
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if local_ok && domain_ok { Ok(()) } else { bad() }
}

/// A phone number as people write it: digits, spaces, `+`, `-`, parentheses.
pub fn check_phone(phone: &str) -> Result<(), String> {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()/.".contains(c));
    if allowed && (5..=20).contains(&digits) {
        Ok(())
    } else {
        Err(format!("\"{phone}\" is not a phone number"))
    }
}

/// The `tel:` form of a phone number in `country` ("070-174 06 05" -> "+46701740605").
pub fn tel_uri(phone: &str, country: &str) -> String {
    let keep: String = phone
        .replace("(0)", "")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    if keep.starts_with('+') {
        return format!("tel:{keep}");
    }
    if let Some(rest) = keep.strip_prefix("00") {
        return format!("tel:+{rest}");
    }
    match (country_calling_code(country), keep.strip_prefix('0')) {
        (Some(cc), Some(national)) => format!("tel:+{cc}{national}"),
        _ => format!("tel:{keep}"),
    }
}

fn country_calling_code(country: &str) -> Option<&'static str> {
    Some(match country {
        "SE" => "46",
        "NO" => "47",
        "DK" => "45",
        "FI" => "358",
        "DE" => "49",
        "GB" => "44",
        "NL" => "31",
        "FR" => "33",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_are_checked() {
        assert!(check_email("anna.exempel@example.se").is_ok());
        for bad in [
            "anna",
            "anna@",
            "@example.se",
            "anna@example",
            "an na@example.se",
            "a..b@example.se",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_http_urls_are_web_addresses() {
        assert!(check_web_url("https://example.se/apply").is_ok());
        assert!(check_web_url("javascript:alert(1)").is_err());
        assert!(check_web_url("example.se/apply").is_err());
    }

    #[test]
    fn phone_numbers_become_international_tel_uris() {
        assert_eq!(tel_uri("070-174 06 05", "SE"), "tel:+46701740605");
        assert_eq!(tel_uri("+46 (0)70 174 06 05", "SE"), "tel:+46701740605");
        assert_eq!(tel_uri("0046 70 174 06 05", "SE"), "tel:+46701740605");
    }

    #[test]
    fn phone_check_rejects_letters() {
        assert!(check_phone("070-174 06 05").is_ok());
        assert!(check_phone("call me").is_err());
    }
}
