//! Numbers written in words before a unit ("thirty-two gigs", "a hundred ml"), read as digits
//! so that free text compares with the catalog's option values (32GB, 100ml).

/// The value of a number written as a word, "seventeen" or "thirty", below a hundred.
fn number_word(w: &str) -> Option<u32> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    ONES.iter()
        .position(|o| *o == w)
        .map(|n| n as u32)
        .or_else(|| {
            TENS.iter()
                .position(|t| *t == w)
                .map(|n| 20 + 10 * n as u32)
        })
}

/// Words of a measure that follow its number: "seventeen inch", "one terabyte".
const UNIT_WORDS: &[&str] = &[
    "ft",
    "inch",
    "liter",
    "ml",
    "milliliter",
    "millilitre",
    "milliliters",
    "millilitres",
    "gb",
    "tb",
    "gig",
    "gigs",
    "gigabyte",
    "gigabytes",
    "terabyte",
    "terabytes",
    "mah",
    "w",
    "watt",
    "watts",
    "mp",
    "megapixel",
    "megapixels",
    "degree",
    "degrees",
    "piece",
    "pieces",
    "oz",
    "ounce",
    "ounces",
    "lb",
    "lbs",
    "pound",
    "pounds",
    "mm",
    "cm",
    "hour",
    "hours",
    "bar",
    "cup",
    "cups",
    "x",
];

/// A number written in words before a unit becomes digits ("thirty two gigs" -> "32 gigs",
/// "a hundred ml" -> "100 ml", "20k mAh" -> "20000 mah"), so it compares with the option
/// values' digits. A number word before anything else stays a word ("the one with", "one of
/// them").
pub(crate) fn numbers_before_units(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let mut value = None;
        let mut used = 0;
        if let Some(n) = thousands(&words[i]) {
            value = Some(n);
            used = 1;
        } else if matches!(words[i].as_str(), "a" | "one")
            && words.get(i + 1).is_some_and(|w| w == "hundred")
        {
            value = Some(100);
            used = 2;
        } else if let Some(n) = number_word(&words[i]) {
            value = Some(n);
            used = 1;
            if n >= 20 {
                if let Some(k) = words
                    .get(i + 1)
                    .and_then(|w| number_word(w))
                    .filter(|k| *k < 10)
                {
                    value = Some(n + k);
                    used = 2;
                }
            }
        }
        match value {
            Some(n)
                if words
                    .get(i + used)
                    .is_some_and(|u| UNIT_WORDS.contains(&u.as_str())) =>
            {
                out.push(n.to_string());
                i += used;
            }
            _ => {
                out.push(words[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// "20k": thousands written with a "k" (whole thousands only).
fn thousands(word: &str) -> Option<u32> {
    let digits = word.strip_suffix('k')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u32>().ok()?.checked_mul(1000)
}

#[cfg(test)]
mod tests {
    use crate::text::normalise;

    #[test]
    fn number_words_before_units_become_digits() {
        assert_eq!(normalise("the seventeen inch screen"), "the 17 inch screen");
        assert_eq!(normalise("thirty-two gigs of RAM"), "32 gigs of ram");
        assert_eq!(normalise("a hundred ml bottle"), "100 ml bottle");
        assert_eq!(normalise("one terabyte SSD"), "1 terabyte ssd");
        assert_eq!(normalise("one foot taller"), "1 ft taller");
        assert_eq!(normalise("the 20k mAh one"), "the 20000 mah one");
        // a "k" before anything else stays as written
        assert_eq!(normalise("a 10k run"), "a 10k run");
        // a number word before anything else stays a word
        assert_eq!(
            normalise("the one with two pockets"),
            "the one with two pockets"
        );
        assert_eq!(normalise("one of the twenty"), "one of the twenty");
    }
}
