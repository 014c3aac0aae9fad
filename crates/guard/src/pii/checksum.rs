//! Checksums that separate real identifiers from look-alike digit runs.

/// Luhn (mod 10) check over the ASCII digits of `s`; other characters are
/// ignored. Needs at least two digits.
pub fn luhn_valid(s: &str) -> bool {
    let digits: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() < 2 {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// IBAN check (ISO 13616): two letters, two check digits, 11..=30
/// alphanumerics, mod 97 == 1. Spaces are ignored; letters may be any case.
pub fn iban_valid(s: &str) -> bool {
    let compact: Vec<char> = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !(15..=34).contains(&compact.len()) {
        return false;
    }
    if !compact[..2].iter().all(|c| c.is_ascii_uppercase())
        || !compact[2..4].iter().all(|c| c.is_ascii_digit())
        || !compact.iter().all(|c| c.is_ascii_alphanumeric())
    {
        return false;
    }
    let mut rem: u32 = 0;
    for c in compact[4..].iter().chain(&compact[..4]) {
        let v = if c.is_ascii_digit() {
            *c as u32 - '0' as u32
        } else {
            *c as u32 - 'A' as u32 + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// Structural US SSN check on `AAA-GG-SSSS` digits (area not 000/666/9xx,
/// group not 00, serial not 0000).
pub fn ssn_valid(s: &str) -> bool {
    let d: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 9 {
        return false;
    }
    let area = d[0] * 100 + d[1] * 10 + d[2];
    let group = d[3] * 10 + d[4];
    let serial = d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8];
    area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert!(luhn_valid("4111 1111 1111 1111"));
        assert!(!luhn_valid("4111 1111 1111 1112"));
        assert!(luhn_valid("4454794511390933"));
        assert!(iban_valid("GB82 WEST 1234 5698 7654 32"));
        assert!(iban_valid("GB56HXDO88167774656119"));
        assert!(!iban_valid("GB82 WEST 1234 5698 7654 33"));
        assert!(iban_valid("DE89370400440532013000"));
        assert!(ssn_valid("460-89-9847"));
        assert!(!ssn_valid("666-12-3456"));
        assert!(!ssn_valid("123-00-4567"));
    }

    fn luhn_check_digit(body: &[u32]) -> u32 {
        // Compute the digit that makes body+digit Luhn-valid.
        let sum: u32 = body
            .iter()
            .rev()
            .enumerate()
            .map(|(i, &d)| {
                if i % 2 == 0 {
                    let x = d * 2;
                    if x > 9 {
                        x - 9
                    } else {
                        x
                    }
                } else {
                    d
                }
            })
            .sum();
        (10 - sum % 10) % 10
    }

    proptest! {
        #[test]
        fn luhn_accepts_constructed_and_rejects_single_digit_errors(
            body in proptest::collection::vec(0u32..10, 11..18),
            pos in 0usize..19,
            delta in 1u32..10,
        ) {
            let mut digits = body.clone();
            digits.push(luhn_check_digit(&body));
            let s: String = digits.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
            prop_assert!(luhn_valid(&s));
            let p = pos % digits.len();
            let mut bad = digits.clone();
            bad[p] = (bad[p] + delta) % 10;
            let s2: String = bad.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
            prop_assert!(!luhn_valid(&s2));
        }

        #[test]
        fn iban_accepts_constructed_and_rejects_swapped_check(
            country in "[A-Z]{2}",
            bban in "[A-Z0-9]{11,30}",
        ) {
            // Compute check digits: mod97 of bban + country + "00".
            let probe = format!("{country}00{bban}");
            let mut rem: u64 = 0;
            for c in probe[4..].chars().chain(probe[..4].chars()) {
                let v = c.to_digit(36).unwrap() as u64;
                rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
            }
            let check = 98 - rem;
            let iban = format!("{country}{check:02}{bban}");
            prop_assert!(iban_valid(&iban));
            let wrong = format!("{country}{:02}{bban}", (check + 1) % 100);
            prop_assert!(!iban_valid(&wrong));
        }

        #[test]
        fn checks_never_panic(s in "\\PC*") {
            let _ = luhn_valid(&s);
            let _ = iban_valid(&s);
            let _ = ssn_valid(&s);
        }
    }
}
