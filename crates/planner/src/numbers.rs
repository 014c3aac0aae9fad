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
    "millimeter",
    "millimeters",
    "millimetre",
    "millimetres",
    "cm",
    "centimeter",
    "centimeters",
    "centimetre",
    "centimetres",
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
        let (value, used) = match thousands(&words[i]) {
            Some(n) => (Some(n), 1),
            None => spelled(&words[i..]),
        };
        // "size eleven": a number after "size" is a size, whatever follows it
        let after_size = i > 0 && words[i - 1] == "size";
        match value {
            Some(n)
                if after_size
                    || words
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

/// A number spelled in words at the start of `words`, and how many words it takes:
/// "seventeen", "thirty two", "a hundred", "fifteen hundred", "twenty thousand",
/// "two thousand five hundred". `(None, 0)` when the first word is no number word.
fn spelled(words: &[String]) -> (Option<u32>, usize) {
    // below a hundred: "seventeen", "thirty", "thirty two"
    let below_hundred = |at: usize| -> Option<(u32, usize)> {
        let n = number_word(words.get(at)?)?;
        match words.get(at + 1).and_then(|w| number_word(w)) {
            Some(k) if n >= 20 && n % 10 == 0 && k < 10 => Some((n + k, 2)),
            _ => Some((n, 1)),
        }
    };
    let word = |at: usize| words.get(at).map(String::as_str);
    let (mut value, mut used) = match word(0) {
        Some("a") if matches!(word(1), Some("hundred" | "thousand")) => (1, 1),
        _ => match below_hundred(0) {
            Some(v) => v,
            None => return (None, 0),
        },
    };
    // "fifteen hundred", "twenty thousand", "two thousand five hundred"
    if word(used) == Some("thousand") {
        value *= 1000;
        used += 1;
        if let Some((h, n)) = below_hundred(used) {
            if word(used + n) == Some("hundred") {
                value += h * 100;
                used += n + 1;
            }
        }
    } else if word(used) == Some("hundred") {
        value *= 100;
        used += 1;
    }
    (Some(value), used)
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
        // hundreds and thousands spelled out
        assert_eq!(
            normalise("twenty thousand mAh instead of five thousand"),
            "20000 mah instead of five thousand"
        );
        assert_eq!(
            normalise("the two thousand piece one"),
            "the 2000 piece one"
        );
        assert_eq!(normalise("fifteen hundred pieces"), "1500 pieces");
        assert_eq!(normalise("two thousand five hundred pieces"), "2500 pieces");
        assert_eq!(normalise("a thousand pieces"), "1000 pieces");
        assert_eq!(
            normalise("six millimetres thick, not five millimeter"),
            "6 millimetres thick not 5 millimeter"
        );
        assert_eq!(
            normalise("the same boot in size eleven, not size ten."),
            "the same boot in size 11 not size 10"
        );
        // a spelled number before anything else stays as written
        assert_eq!(normalise("a thousand thanks"), "a thousand thanks");
    }
}
