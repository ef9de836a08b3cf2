//! Which host names the preview answers to, against DNS rebinding.
//!
//! A preview on a loopback address cannot be reached from other machines, but
//! any web page the user opens can still reach it through the browser: the
//! page's own host name is made to resolve to 127.0.0.1 (DNS rebinding), and
//! its scripts then read the preview as if it were their own site, drafts
//! and all. The browser still sends the page's host name in `Host`, so a
//! preview listening on loopback answers only requests for its own address
//! (`127.0.0.1:1111`, `[::1]:1111`) or `localhost` with its port, and refuses
//! every other host with 421 and a note on what to open instead.
//!
//! A preview listening on any other address (`--bind 0.0.0.0`, a LAN
//! address) was opened to other machines on purpose, under whatever names
//! they know it by, so it answers every host. A request without `Host`
//! (HTTP/1.0 tools) is answered too: browsers always send one, so such a
//! request never comes from a web page.

use std::net::{IpAddr, SocketAddr};

use axum::body::Body;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};

/// The host names a preview answers to.
#[derive(Debug, Clone)]
pub struct Hosts {
    /// The `Host` values answered (lowercase), or `None` for any host.
    allowed: Option<Vec<String>>,
    /// What a refused request is told, ready to send.
    refusal: String,
}

impl Hosts {
    /// The hosts a preview listening on `addr` (with its real port) answers to.
    pub fn new(addr: SocketAddr) -> Hosts {
        let port = addr.port();
        let ip = match addr.ip() {
            IpAddr::V4(ip) => ip.to_string(),
            IpAddr::V6(ip) => format!("[{ip}]"),
        };
        let loopback = addr.ip().to_canonical().is_loopback();
        let allowed = loopback.then(|| {
            let mut names = vec![format!("{ip}:{port}"), format!("localhost:{port}")];
            // Browsers leave out the port when it is HTTP's default.
            if port == 80 {
                names.extend([ip.clone(), "localhost".to_string()]);
            }
            names
        });
        let origin = format!("http://{ip}:{port}/");
        let refusal = format!(
            "This preview answers only at {origin} and http://localhost:{port}/, \
             not at the host name this request was sent to.\n\
             Open {origin} instead, or start `vacancy serve --bind 0.0.0.0` to answer \
             any host name (that also lets other machines in).\n"
        );
        Hosts { allowed, refusal }
    }

    /// Whether a `Host` value (or a request target's authority) is answered.
    pub fn allows(&self, host: &str) -> bool {
        match &self.allowed {
            None => true,
            Some(names) => names.iter().any(|name| name.eq_ignore_ascii_case(host)),
        }
    }

    /// Whether a request is answered: every host it names must be. The
    /// authority of an absolute-form target (`GET http://host/ HTTP/1.1`)
    /// counts as much as `Host`, and a value that is not text is refused.
    pub fn accepts<B>(&self, request: &Request<B>) -> bool {
        if self.allowed.is_none() {
            return true;
        }
        let authority = request.uri().authority().map(|a| a.as_str());
        let hosts = request
            .headers()
            .get_all(header::HOST)
            .iter()
            .map(|value| value.to_str().ok());
        authority
            .map(Some)
            .into_iter()
            .chain(hosts)
            .all(|host| host.is_some_and(|host| self.allows(host)))
    }

    /// The answer to a request for another host: 421 Misdirected Request,
    /// saying where the preview is.
    pub fn refuse(&self) -> Response<Body> {
        let mut response = Response::new(Body::from(self.refusal.clone()));
        *response.status_mut() = StatusCode::MISDIRECTED_REQUEST;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn at(ip: IpAddr, port: u16) -> Hosts {
        Hosts::new(SocketAddr::new(ip, port))
    }

    fn request(host: Option<&str>, target: &str) -> Request<()> {
        let mut builder = Request::builder().uri(target);
        if let Some(host) = host {
            builder = builder.header(header::HOST, host);
        }
        builder.body(()).unwrap()
    }

    #[test]
    fn on_loopback_only_the_own_address_and_localhost_with_the_port_are_answered() {
        let hosts = at(Ipv4Addr::LOCALHOST.into(), 1111);
        for host in ["127.0.0.1:1111", "localhost:1111", "LocalHost:1111"] {
            assert!(hosts.allows(host), "{host} is refused");
        }
        for host in [
            "evil.example:1111",
            "evil.example",
            "127.0.0.1",
            "localhost",
            "localhost.:1111",
            "127.0.0.1:2222",
            "localhost:11111",
            "[::1]:1111",
            "127.0.0.1.evil.example:1111",
            "",
        ] {
            assert!(!hosts.allows(host), "{host} is answered");
        }
    }

    #[test]
    fn on_ipv6_loopback_the_bracketed_address_is_answered() {
        let hosts = at(Ipv6Addr::LOCALHOST.into(), 1111);
        assert!(hosts.allows("[::1]:1111"));
        assert!(hosts.allows("localhost:1111"));
        assert!(!hosts.allows("127.0.0.1:1111"));
        assert!(!hosts.allows("::1:1111"));
    }

    #[test]
    fn on_port_80_the_names_without_a_port_are_answered_as_browsers_send_them() {
        let hosts = at(Ipv4Addr::LOCALHOST.into(), 80);
        for host in ["127.0.0.1", "localhost", "127.0.0.1:80", "localhost:80"] {
            assert!(hosts.allows(host), "{host} is refused");
        }
        assert!(!hosts.allows("evil.example"));
    }

    #[test]
    fn off_loopback_every_host_is_answered() {
        for ip in [
            IpAddr::from(Ipv4Addr::UNSPECIFIED),
            IpAddr::from(Ipv6Addr::UNSPECIFIED),
            IpAddr::from(Ipv4Addr::new(192, 168, 1, 20)),
        ] {
            let hosts = at(ip, 1111);
            assert!(hosts.allows("evil.example:1111"), "{ip}");
            assert!(
                hosts.accepts(&request(Some("laptop.local:1111"), "/")),
                "{ip}"
            );
        }
    }

    #[test]
    fn every_host_a_request_names_must_be_answered() {
        let hosts = at(Ipv4Addr::LOCALHOST.into(), 1111);
        assert!(hosts.accepts(&request(Some("127.0.0.1:1111"), "/")));
        assert!(hosts.accepts(&request(None, "/")), "HTTP/1.0 without Host");
        assert!(!hosts.accepts(&request(Some("evil.example:1111"), "/")));
        assert!(!hosts.accepts(&request(
            Some("127.0.0.1:1111"),
            "http://evil.example:1111/"
        )));
        assert!(!hosts.accepts(&request(None, "http://evil.example:1111/")));
        assert!(hosts.accepts(&request(None, "http://localhost:1111/")));
        let two = Request::builder()
            .uri("/")
            .header(header::HOST, "127.0.0.1:1111")
            .header(header::HOST, "evil.example:1111")
            .body(())
            .unwrap();
        assert!(!hosts.accepts(&two));
        let not_text = Request::builder()
            .uri("/")
            .header(header::HOST, HeaderValue::from_bytes(b"\xff:1111").unwrap())
            .body(())
            .unwrap();
        assert!(!hosts.accepts(&not_text));
    }
}
