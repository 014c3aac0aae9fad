//! Webhook signatures: the HMACs the providers sign with, verified in constant time, and
//! the one frontdesk signs its own outbound webhooks with.

use base64::Engine;
use hmac::{Hmac, Mac};
use subtle::ConstantTimeEq;

/// The hash under an HMAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// HMAC-SHA1 (Intercom, Twilio).
    Sha1,
    /// HMAC-SHA256 (Zendesk, Mailgun, frontdesk's outbound webhook).
    Sha256,
}

/// How a signature is written in its header or field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Standard base64 (Zendesk, Twilio).
    Base64,
    /// Lowercase hex (Intercom, Mailgun).
    Hex,
}

/// The MAC of the concatenated `parts` under `key`.
pub fn mac(alg: Algorithm, key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    match alg {
        Algorithm::Sha1 => run::<Hmac<sha1::Sha1>>(key, parts),
        Algorithm::Sha256 => run::<Hmac<sha2::Sha256>>(key, parts),
    }
}

fn run<M: Mac + hmac::digest::KeyInit>(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
    let Ok(mut m) = <M as Mac>::new_from_slice(key) else {
        unreachable!("HMAC accepts keys of any length")
    };
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().to_vec()
}

/// Whether `signature` (as written, in `encoding`) is the MAC of `parts` under `key`.
/// Undecodable signatures are simply wrong; the comparison is constant-time.
pub fn verify(
    alg: Algorithm,
    encoding: Encoding,
    key: &[u8],
    parts: &[&[u8]],
    signature: &str,
) -> bool {
    let given = match encoding {
        Encoding::Base64 => base64::engine::general_purpose::STANDARD
            .decode(signature.trim())
            .ok(),
        Encoding::Hex => hex::decode(signature.trim()).ok(),
    };
    let Some(given) = given else { return false };
    let expected = mac(alg, key, parts);
    expected.len() == given.len() && bool::from(expected.ct_eq(&given))
}

/// The MAC of `parts`, written in `encoding` (for outbound signatures and test fixtures).
pub fn sign(alg: Algorithm, encoding: Encoding, key: &[u8], parts: &[&[u8]]) -> String {
    let m = mac(alg, key, parts);
    match encoding {
        Encoding::Base64 => base64::engine::general_purpose::STANDARD.encode(m),
        Encoding::Hex => hex::encode(m),
    }
}

/// Constant-time equality of a presented token with the configured one.
pub fn token_matches(given: &str, expected: &str) -> bool {
    given.len() == expected.len() && bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

/// What Twilio signs: the full URL it called, then every POST parameter's name and value,
/// sorted by name, concatenated without separators.
pub fn twilio_payload(url: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut s = String::with_capacity(url.len() + 16 * params.len());
    s.push_str(url);
    for (k, v) in sorted {
        s.push_str(k);
        s.push_str(v);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example in Twilio's "Validating requests" documentation (auth token 12345).
    #[test]
    fn twilio_documented_example_verifies() {
        let params: Vec<(String, String)> = [
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+12349013030"),
            ("Digits", "1234"),
            ("From", "+12349013030"),
            ("To", "+18005551212"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let payload = twilio_payload("https://mycompany.com/myapp.php?foo=1&bar=2", &params);
        assert!(verify(
            Algorithm::Sha1,
            Encoding::Base64,
            b"12345",
            &[payload.as_bytes()],
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        ));
        assert!(!verify(
            Algorithm::Sha1,
            Encoding::Base64,
            b"12346",
            &[payload.as_bytes()],
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        ));
    }

    /// RFC 4231 test case 2 (HMAC-SHA256, key "Jefe").
    #[test]
    fn sha256_matches_rfc_4231() {
        assert_eq!(
            sign(
                Algorithm::Sha256,
                Encoding::Hex,
                b"Jefe",
                &[b"what do ya want ", b"for nothing?"]
            ),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    /// RFC 2202 test case 2 (HMAC-SHA1, key "Jefe").
    #[test]
    fn sha1_matches_rfc_2202() {
        assert_eq!(
            sign(
                Algorithm::Sha1,
                Encoding::Hex,
                b"Jefe",
                &[b"what do ya want for nothing?"]
            ),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
    }

    #[test]
    fn garbage_and_truncated_signatures_fail() {
        let good = sign(Algorithm::Sha256, Encoding::Base64, b"k", &[b"body"]);
        assert!(verify(
            Algorithm::Sha256,
            Encoding::Base64,
            b"k",
            &[b"body"],
            &good
        ));
        assert!(!verify(
            Algorithm::Sha256,
            Encoding::Base64,
            b"k",
            &[b"body"],
            &good[..20]
        ));
        assert!(!verify(
            Algorithm::Sha256,
            Encoding::Base64,
            b"k",
            &[b"body"],
            "%%%"
        ));
        assert!(!verify(
            Algorithm::Sha256,
            Encoding::Hex,
            b"k",
            &[b"body"],
            "zz"
        ));
        assert!(token_matches("abc", "abc"));
        assert!(!token_matches("abd", "abc"));
        assert!(!token_matches("ab", "abc"));
    }
}
