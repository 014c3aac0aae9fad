//! How customers name a product of the catalog: the full name, its last words, plurals,
//! the head noun of a closed compound ("the watch"), an everyday word ("bike"), a last word
//! cut short ("the action cam").

use crate::text::{contains_words, normalise, on_word_boundaries};

/// Last words too generic to name a product alone; the words before them do ("the
/// dumbbells", "the vacuum", "my makeup").
const GENERIC: [&str; 3] = ["set", "cleaner", "kit"];

/// Words of product names and the everyday words people use for them ("bike" for a
/// "Bicycle", and so "bike helmet" for a "Cycling Helmet").
const SYNONYMS: &[(&str, &str)] = &[
    ("bicycle", "bike"),
    ("cycling", "bike"),
    // British: "my running trainers"
    ("shoes", "trainers"),
];

/// Everyday words for a whole product name ("the purple tee" for a "T-Shirt", "the cologne"
/// for the "Perfume"): only words that name no other product of the catalogue.
const EVERYDAY_NAMES: &[(&str, &str)] = &[
    ("t shirt", "tee"),
    ("sunglasses", "shades"),
    ("perfume", "cologne"),
    ("perfume", "fragrance"),
    ("portable charger", "power bank"),
    ("portable charger", "powerbank"),
    ("backpack", "rucksack"),
    ("patio umbrella", "parasol"),
    ("vacuum cleaner", "hoover"),
    ("luggage set", "suitcase"),
];

/// First words of product names that people use alone for the product ("the navy fleece"
/// for a "Fleece Jacket", "the jigsaw" for a "Jigsaw Puzzle").
const LEADING_NAMES: [&str; 2] = ["fleece", "jigsaw"];

/// Normalised ways to name a product: the full name and its word suffixes
/// ("indoor security camera", "security camera", "camera"), with plurals, and the same
/// with a name word replaced by its everyday word ([`SYNONYMS`]).
pub fn aliases(name: &str) -> Vec<String> {
    let norm = normalise(name);
    let mut out = name_aliases(&norm);
    if let Some(first) = norm.split(' ').next().filter(|w| LEADING_NAMES.contains(w)) {
        if first != norm {
            out.push(first.to_owned());
            out.push(format!("{first}s"));
        }
    }
    for (name, everyday) in EVERYDAY_NAMES {
        if norm == *name {
            out.push((*everyday).to_owned());
            out.push(format!("{everyday}s"));
        }
    }
    for (word, everyday) in SYNONYMS {
        let replaced: Vec<&str> = norm
            .split(' ')
            .map(|w| if w == *word { *everyday } else { w })
            .collect();
        let replaced = replaced.join(" ");
        if replaced != norm {
            for a in name_aliases(&replaced) {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
    }
    out
}

fn name_aliases(norm: &str) -> Vec<String> {
    let words: Vec<&str> = norm.split(' ').collect();
    let mut out = Vec::new();
    if words.len() > 1 {
        // "tshirt", "ereader"
        out.push(words.concat());
    }
    // "the dumbbells" for a "Dumbbell Set": the name without its generic last word
    let mut forms: Vec<String> = (0..words.len()).map(|i| words[i..].join(" ")).collect();
    if let [head @ .., last] = words.as_slice() {
        if !head.is_empty() && GENERIC.contains(last) {
            forms.push(head.join(" "));
        }
        // "the watch" for a "Wristwatch", "the shelf" for a "Bookshelf": the head noun of a
        // closed compound names it too
        if let Some(h) = COMPOUND_HEADS
            .iter()
            .find(|h| last.len() >= h.len() + 3 && last.ends_with(*h))
        {
            forms.push((*h).to_owned());
            // "tooth brush", "book shelf": the compound written as two words
            let split = format!("{} {h}", &last[..last.len() - h.len()]);
            if !head.is_empty() {
                forms.push(format!("{} {split}", head.join(" ")));
            }
            forms.push(split);
        }
    }
    for (i, a) in forms.into_iter().enumerate() {
        // a generic last word names no product on its own ("set" of "Dumbbell Set")
        if a.len() < 3 || (i > 0 && GENERIC.contains(&a.as_str())) {
            continue;
        }
        out.push(a.clone());
        if let Some(stem) = a.strip_suffix('s') {
            if stem.len() >= 3 {
                out.push(stem.to_owned());
            }
        } else {
            out.push(format!("{a}s"));
            out.push(format!("{a}es"));
            if let Some(stem) = a.strip_suffix('f') {
                out.push(format!("{stem}ves"));
            }
            if let Some(stem) = a.strip_suffix('y') {
                out.push(format!("{stem}ies"));
            }
            // "two gaming mice"
            if let Some(stem) = a.strip_suffix("mouse") {
                out.push(format!("{stem}mice"));
            }
        }
    }
    out
}

/// Head nouns of closed compounds in product names, each naming its compound on its own.
const COMPOUND_HEADS: &[&str] = &[
    "watch", "shelf", "board", "glasses", "pack", "book", "phones", "buds", "case", "bottle",
    "brush",
];

/// Where and how strongly (words matched) the product is named in `norm`.
pub fn mention(norm: &str, name: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for a in aliases(name) {
        if let Some(pos) = find_words(norm, &a) {
            let strength = a.split(' ').count();
            if best.is_none_or(|(_, s)| strength > s) {
                best = Some((pos, strength));
            }
        }
    }
    best.or_else(|| {
        shortened_spans(norm, name)
            .first()
            .map(|(a, _)| (*a, name.split_whitespace().count()))
    })
}

/// Where `norm` names a product of two words or more with its last word cut short ("the
/// action cam" for an "Action Camera"; at least three letters): byte ranges.
pub fn shortened_spans(norm: &str, name: &str) -> Vec<(usize, usize)> {
    let full = normalise(name);
    let words: Vec<&str> = full.split(' ').collect();
    let [head @ .., last] = words.as_slice() else {
        return Vec::new();
    };
    if head.is_empty() {
        return Vec::new();
    }
    let lead = head.join(" ");
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(i) = norm.get(start..).and_then(|h| h.find(&lead)) {
        let a = start + i;
        let after = a + lead.len();
        if let Some(word) = norm[after..]
            .strip_prefix(' ')
            .and_then(|r| r.split(' ').next())
        {
            let cut = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            let end = after + 1 + cut.len();
            if cut.len() >= 3
                && cut.len() < last.len()
                && last.starts_with(cut)
                && on_word_boundaries(norm, a, end)
            {
                out.push((a, end));
            }
        }
        start = a + 1;
    }
    out
}

/// Byte offset of `needle` in `hay` on word boundaries.
pub fn find_words(hay: &str, needle: &str) -> Option<usize> {
    let mut start = 0;
    while let Some(i) = hay.get(start..)?.find(needle) {
        let a = start + i;
        let b = a + needle.len();
        if contains_words(&hay[a..], needle) && on_word_boundaries(hay, a, b) {
            return Some(a);
        }
        start = a + 1;
    }
    None
}

/// The word that names what a product is: its name's last word, or the one before a generic
/// last word ("dumbbell" of "Dumbbell Set").
pub fn head_noun(name: &str) -> String {
    let norm = normalise(name);
    let words: Vec<&str> = norm.split(' ').collect();
    match words.as_slice() {
        [.., before, last] if GENERIC.contains(last) => (*before).to_owned(),
        [.., last] => (*last).to_owned(),
        [] => String::new(),
    }
}

/// Whether `typed` is `word` with one letter left out, one added, or two neighbours
/// swapped, inside the word (not one replaced, and not at its end, where "charge",
/// "puzzled" and "officer" are words of their own), and not `word` itself.
pub fn one_slip(typed: &str, word: &str) -> bool {
    let (a, b) = (typed.as_bytes(), word.as_bytes());
    if a == b {
        return false;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        1 => {
            let i = short.iter().zip(long).take_while(|(x, y)| x == y).count();
            // the slip must not be the last letter (an ending), nor the first
            i > 0 && i + 1 < long.len() && short[i..] == long[i + 1..]
        }
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|i| a[*i] != b[*i]).collect();
            matches!(diff.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i])
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The retail catalogue's product names (`data/retail/products.json`).
    const CATALOGUE_NAMES: &[&str] = &[
        "Action Camera",
        "Air Purifier",
        "Backpack",
        "Bicycle",
        "Bluetooth Speaker",
        "Bookshelf",
        "Coffee Maker",
        "Cycling Helmet",
        "Desk Lamp",
        "Digital Camera",
        "Dumbbell Set",
        "E-Reader",
        "Electric Kettle",
        "Electric Toothbrush",
        "Espresso Machine",
        "Fleece Jacket",
        "Gaming Mouse",
        "Garden Hose",
        "Grill",
        "Headphones",
        "Hiking Boots",
        "Indoor Security Camera",
        "Jigsaw Puzzle",
        "LED Light Bulb",
        "Laptop",
        "Luggage Set",
        "Makeup Kit",
        "Mechanical Keyboard",
        "Notebook",
        "Office Chair",
        "Patio Umbrella",
        "Perfume",
        "Pet Bed",
        "Portable Charger",
        "Running Shoes",
        "Skateboard",
        "Smart Thermostat",
        "Smart Watch",
        "Smartphone",
        "Sneakers",
        "Sunglasses",
        "T-Shirt",
        "Tablet",
        "Tea Kettle",
        "Vacuum Cleaner",
        "Wall Clock",
        "Water Bottle",
        "Wireless Earbuds",
        "Wristwatch",
        "Yoga Mat",
    ];

    #[test]
    fn names_products_by_suffix() {
        assert!(mention("my laser gaming mouse", "Gaming Mouse").is_some());
        assert!(mention("the mouse", "Gaming Mouse").is_some());
        assert!(mention("my running shoe", "Running Shoes").is_some());
        assert!(mention("the house", "Gaming Mouse").is_none());
        assert!(mention("everything but the dumbbells", "Dumbbell Set").is_some());
        assert!(mention("the tv set", "Dumbbell Set").is_none());
        assert!(mention("change the vacuum to the bagless one", "Vacuum Cleaner").is_some());
        assert!(mention("the makeup", "Makeup Kit").is_some());
        assert!(mention("a first aid kit", "Makeup Kit").is_none());
        // the head noun of a closed compound
        assert!(mention("change the watch to leather", "Wristwatch").is_some());
        assert!(mention("the shelves", "Bookshelf").is_some());
        assert!(mention("my twatch", "Wristwatch").is_none());
        // one letter left out, added or swapped; never one replaced
        assert!(one_slip("botles", "bottles") && one_slip("dumbells", "dumbbells"));
        assert!(one_slip("keybaord", "keyboard") && one_slip("lapptop", "laptop"));
        assert!(!one_slip("speaker", "sneaker") && !one_slip("laptop", "laptop"));
        // an ending is no slip: these are words of their own
        assert!(!one_slip("charge", "charger") && !one_slip("puzzled", "puzzle"));
        assert!(!one_slip("officer", "office") && !one_slip("office", "offices"));
        // ... and written as two words
        assert!(mention("the blue tooth brush", "Electric Toothbrush").is_some());
        assert!(mention("two book shelves", "Bookshelf").is_some());
        // everyday words
        assert!(mention("the green road bike i received", "Bicycle").is_some());
        assert!(mention("the bike helmet", "Cycling Helmet").is_some());
        assert!(mention("the navy fleece runs big", "Fleece Jacket").is_some());
        assert!(mention("both fleeces", "Fleece Jacket").is_some());
        assert!(mention("the 1000 piece jigsaw", "Jigsaw Puzzle").is_some());
        assert!(mention("the purple tee is an xl", "T-Shirt").is_some());
        assert!(mention("both tees", "T-Shirt").is_some());
        assert!(mention("my new shades", "Sunglasses").is_some());
        assert!(mention("a teeth whitening kit", "T-Shirt").is_none());
        assert!(mention("the keyboard, the cologne and the dumbbells", "Perfume").is_some());
        assert!(mention("the little power bank", "Portable Charger").is_some());
        assert!(mention("both suitcases", "Luggage Set").is_some());
        assert!(mention("the hoover", "Vacuum Cleaner").is_some());
        assert!(mention("the yellow running trainers", "Running Shoes").is_some());
        // each everyday word names one product only
        for (_, everyday) in EVERYDAY_NAMES {
            let named = CATALOGUE_NAMES
                .iter()
                .filter(|n| mention(everyday, n).is_some())
                .count();
            assert_eq!(named, 1, "{everyday}");
        }
        // a name's last word cut short
        assert!(mention("the action cam - the waterproof one", "Action Camera").is_some());
        assert!(mention("the action ca", "Action Camera").is_none());
        assert!(mention("the cam", "Action Camera").is_none());
    }
}
