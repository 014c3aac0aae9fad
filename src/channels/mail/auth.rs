//! Whether an e-mail's sender is verified: read from the `Authentication-Results` headers
//! (RFC 8601) that the receiving MTA added, and only from authserv-ids the config trusts.
//!
//! Anyone can write an `Authentication-Results` header into a message; a conforming MTA
//! removes those that carry its own authserv-id before adding its own (RFC 8601 §5), so
//! only headers with a trusted id count. A sender is verified when one of them reports
//! `dmarc=pass`, or `dkim=pass` with `header.d` the From domain, or `spf=pass` with the
//! `smtp.mailfrom` domain the From domain.

/// One `Authentication-Results` header, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthResults {
    /// Who evaluated (the receiving MTA's authserv-id), lowercase.
    pub authserv_id: String,
    /// The method results, in header order.
    pub results: Vec<MethodResult>,
}

/// One method's result, e.g. `dkim=pass header.d=example.com`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodResult {
    /// The method (`dkim`, `spf`, `dmarc`, ...), lowercase.
    pub method: String,
    /// Its result (`pass`, `fail`, ...), lowercase.
    pub result: String,
    /// Its properties, e.g. `("header.d", "example.com")`; names lowercase.
    pub props: Vec<(String, String)>,
}

/// Parses one header value; `None` when it has no authserv-id.
pub fn parse(value: &str) -> Option<AuthResults> {
    let text = strip_comments(&value.replace(['\r', '\n'], " "));
    let mut parts = text.split(';');
    let authserv_id = parts
        .next()?
        .split_whitespace()
        .next()?
        .to_ascii_lowercase();
    let mut results = Vec::new();
    for part in parts {
        let mut tokens = part.split_whitespace();
        let Some((method, result)) = tokens.next().and_then(|t| t.split_once('=')) else {
            continue;
        };
        let props = tokens
            .filter_map(|t| t.split_once('='))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.trim_matches('"').to_owned()))
            .collect();
        results.push(MethodResult {
            method: method.to_ascii_lowercase(),
            result: result.to_ascii_lowercase(),
            props,
        });
    }
    Some(AuthResults {
        authserv_id,
        results,
    })
}

/// Removes RFC 5322 comments (nested parentheses).
fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The domain of an address (`user@Example.COM` → `example.com`).
pub fn domain_of(address: &str) -> Option<String> {
    address
        .rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('>').to_ascii_lowercase())
        .filter(|d| !d.is_empty())
}

/// Whether `from` is verified by any of `headers` from a trusted authserv-id.
pub fn sender_verified<'a>(
    headers: impl IntoIterator<Item = &'a str>,
    trusted: &[String],
    from: &str,
) -> bool {
    let Some(from_domain) = domain_of(from) else {
        return false;
    };
    headers
        .into_iter()
        .filter_map(parse)
        .filter(|r| {
            trusted
                .iter()
                .any(|t| t.eq_ignore_ascii_case(&r.authserv_id))
        })
        .flat_map(|r| r.results)
        .any(
            |MethodResult {
                 method,
                 result,
                 props,
             }| {
                if result != "pass" {
                    return false;
                }
                let prop_domain = |name: &str| {
                    props
                        .iter()
                        .find(|(k, _)| k == name)
                        .map(|(_, v)| domain_of(v).unwrap_or_else(|| v.to_ascii_lowercase()))
                };
                match method.as_str() {
                    "dmarc" => prop_domain("header.from").is_none_or(|d| d == from_domain),
                    "dkim" => prop_domain("header.d").is_some_and(|d| d == from_domain),
                    "spf" => prop_domain("smtp.mailfrom").is_some_and(|d| d == from_domain),
                    _ => false,
                }
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusted() -> Vec<String> {
        vec!["mx.acme.example".to_owned()]
    }

    #[test]
    fn parses_the_rfc_8601_example_shape() {
        let r = parse(
            "mx.acme.example (Postfix); dkim=pass (2048-bit key) header.d=example.com header.s=sel1;\r\n spf=pass smtp.mailfrom=alice@example.com",
        )
        .unwrap();
        assert_eq!(r.authserv_id, "mx.acme.example");
        assert_eq!(r.results.len(), 2);
        assert_eq!(r.results[0].method, "dkim");
        assert_eq!(
            r.results[1].props[0],
            ("smtp.mailfrom".into(), "alice@example.com".into())
        );
    }

    #[test]
    fn only_trusted_authserv_ids_and_aligned_domains_verify() {
        let from = "alice@example.com";
        let ok = "mx.acme.example; dkim=pass header.d=example.com";
        assert!(sender_verified([ok], &trusted(), from));
        // The same claim from an authserv-id nobody trusts (e.g. written by the sender).
        let forged = "evil.example; dkim=pass header.d=example.com";
        assert!(!sender_verified([forged], &trusted(), from));
        // DKIM passed, but for another domain than the From address.
        let other = "mx.acme.example; dkim=pass header.d=mailer.example";
        assert!(!sender_verified([other], &trusted(), from));
        assert!(sender_verified(
            ["mx.acme.example; dmarc=pass header.from=example.com"],
            &trusted(),
            from
        ));
        assert!(sender_verified(
            ["mx.acme.example; spf=pass smtp.mailfrom=bounce@EXAMPLE.com"],
            &trusted(),
            from
        ));
        assert!(!sender_verified(
            ["mx.acme.example; dmarc=fail header.from=example.com"],
            &trusted(),
            from
        ));
        assert!(!sender_verified([ok], &[], from));
    }
}
