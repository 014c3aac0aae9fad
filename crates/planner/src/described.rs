//! Option values described rather than named: "the old-fashioned kind with hands" is a wall
//! clock's `type: analog`, "one that plugs into the wall" a desk lamp's `power source: AC
//! adapter`, "hardback" a notebook's `cover type: hard cover`.
//!
//! The store's catalog is closed (its option keys and values are in `products.json`), so the
//! ways people describe each value are listed here once, by key and value, not learnt from
//! any e-mail. A description counts only for a product whose variants take that key and value
//! (the caller asks with the product's own option space), and only where it is not written as
//! what is being replaced ("instead of the one with hands").
//!
//! Each phrase is written normalised ([`crate::text::normalise`]: lower case, hyphens as
//! spaces, "grey" as "gray") and is matched on word boundaries.

/// Phrases that describe `value` of option `key`, both normalised.
pub(crate) fn descriptions(key: &str, value: &str) -> &'static [&'static str] {
    match (key, value) {
        // wall clock
        ("type", "analog") => &[
            "analogue",
            "with hands",
            "with clock hands",
            "has hands",
            "have hands",
            "hour hand",
            "minute hand",
            "old fashioned",
            "traditional clock",
            "classic clock",
        ],
        ("type", "digital") => &[
            "digital display",
            "shows the numbers",
            "led numbers",
            "no hands",
            "without hands",
        ],
        // desk lamp
        ("power source", "ac adapter") => &[
            "wall outlet",
            "wall socket",
            "power outlet",
            "electrical outlet",
            "plugs into the wall",
            "plug into the wall",
            "plugged into the wall",
            "plugs in to the wall",
            "mains",
            "power adapter",
            "power cord",
            "ac power",
        ],
        ("power source", "battery") => &[
            "battery powered",
            "battery operated",
            "runs on batteries",
            "runs on battery",
        ],
        ("power source", "usb") => &["usb powered", "usb cable", "powered by usb", "usb port"],
        // LED light bulb
        ("color temperature", "daylight") => &[
            "cool white",
            "bright white",
            "cold white",
            "cooler light",
            "whiter light",
            "bluish",
            "day light",
        ],
        ("color temperature", "warm white") => &[
            "warm light",
            "warmer light",
            "soft white",
            "yellowish",
            "warm glow",
        ],
        ("connectivity", "none") => &[
            "not smart",
            "non smart",
            "no smart",
            "regular bulb",
            "plain bulb",
            "no app",
            "without an app",
            "no wifi or bluetooth",
            "no wireless",
        ],
        // electric toothbrush
        ("battery type", "aa batteries") => &[
            "aa",
            "double a",
            "regular batteries",
            "disposable batteries",
            "replaceable batteries",
            "normal batteries",
            "takes batteries",
        ],
        ("battery type", "rechargeable") => &[
            "charging base",
            "charging stand",
            "recharge",
            "charges on",
            "built in battery",
        ],
        // gaming mouse, headphones
        ("connectivity", "wired") => &[
            "with a cable",
            "with a cord",
            "corded",
            "cabled",
            "has a cable",
            "has a cord",
        ],
        ("connectivity", "wireless") => &[
            "cordless",
            "no cable",
            "no cord",
            "without a cable",
            "without a cord",
            "cable free",
            "cord free",
        ],
        // indoor security camera
        ("connectivity", "ethernet") => &[
            "network cable",
            "lan cable",
            "ethernet cable",
            "cat5",
            "cat6",
            "plugs into the router",
            "plugs into my router",
        ],
        // e-reader
        ("connectivity", "wi fi + cellular") => &[
            "cellular",
            "3g",
            "4g",
            "lte",
            "mobile data",
            "sim card",
            "data plan",
        ],
        ("connectivity", "wi fi") => &["wifi only", "wi fi only", "just wifi", "only wifi"],
        // headphones
        ("type", "over ear") => &[
            "around the ear",
            "around the ears",
            "full size",
            "full sized",
        ],
        ("type", "on ear") => &["sit on the ear", "sit on the ears", "sits on the ears"],
        ("type", "in ear") => &["in the ear", "in the ears", "earbud style", "earphones"],
        // vacuum cleaner
        ("features", "cordless") => &["no cord", "without a cord", "battery powered", "cord free"],
        ("features", "pet hair removal") => &[
            "pet hair",
            "dog hair",
            "cat hair",
            "for pets",
            "pet fur",
            "animal hair",
        ],
        ("features", "hepa filter") => &["hepa"],
        ("type", "robotic") => &["robot", "robot vacuum", "roomba", "drives itself"],
        ("type", "upright") => &["stand up vacuum", "stand up one"],
        // coffee maker
        ("features", "built in grinder") => &[
            "grinder",
            "grinds the beans",
            "grinds beans",
            "grind the beans",
            "whole beans",
        ],
        ("features", "auto shutoff") => &[
            "auto shut off",
            "automatic shut off",
            "automatic shutoff",
            "turns itself off",
            "switches itself off",
            "shuts itself off",
            "auto off",
        ],
        ("features", "timer") => &["programmable", "set a time"],
        // perfume
        ("gender", "men") => &[
            "for men",
            "men's",
            "mens",
            "masculine",
            "for him",
            "cologne",
        ],
        ("gender", "women") => &[
            "for women",
            "women's",
            "womens",
            "feminine",
            "for her",
            "ladies",
        ],
        ("gender", "unisex") => &["gender neutral", "for anyone"],
        // mechanical keyboard
        ("size", "full size") => &[
            "full sized",
            "number pad",
            "numpad",
            "num pad",
            "numeric keypad",
            "number keys on the side",
        ],
        ("size", "80%") => &["80 percent", "eighty percent", "tenkeyless", "tkl"],
        ("size", "60%") => &["60 percent", "sixty percent"],
        ("switch type", "clicky") => &["clicking sound", "clicking keys", "blue switches"],
        ("switch type", "linear") => &["smooth switches", "smooth keys", "red switches"],
        ("switch type", "tactile") => &["bumpy", "brown switches"],
        ("backlight", "rgb") => &[
            "rainbow",
            "multicolor",
            "multi color",
            "multicolored",
            "colorful",
        ],
        // notebook
        ("cover type", "hard cover") => &["hardcover", "hardback", "hard back"],
        ("cover type", "soft cover") => &["softcover", "paperback", "softback", "soft back"],
        // office chair
        ("backrest height", "high back") => {
            &["tall back", "taller back", "higher back", "headrest"]
        }
        ("backrest height", "standard") => &[
            "normal back",
            "regular back",
            "shorter back",
            "standard back",
        ],
        ("armrest", "none") => &["no arms", "armless", "without arms"],
        // luggage set
        ("material", "hardshell") => &["hard shell", "hard sided", "hard case", "hardside"],
        ("material", "softshell") => &["soft shell", "soft sided", "soft case", "softside"],
        // fleece jacket
        ("zipper", "full") => &["full zip", "zips all the way", "zip all the way"],
        ("zipper", "half") => &["half zip", "zips half way", "zip half way", "halfway zip"],
        // T-shirt
        ("style", "crew neck") => &["crewneck", "round neck", "crew"],
        ("style", "v neck") => &["vneck", "v shaped neck"],
        // sunglasses
        ("lens type", "polarized") => &["polarised", "anti glare", "cut the glare", "cuts glare"],
        ("lens type", "non polarized") => &[
            "not polarized",
            "not polarised",
            "non polarised",
            "unpolarized",
            "regular lenses",
        ],
        // patio umbrella
        ("tilt mechanism", "auto tilt") => &["automatic tilt", "tilts automatically"],
        ("tilt mechanism", "manual tilt") => &["tilt by hand", "tilts by hand"],
        // makeup kit
        ("kit size", "professional") => &["pro kit", "pro version", "the pro one", "full kit"],
        ("kit size", "basic") => &["starter kit", "simple kit", "smaller kit"],
        // smart watch, wristwatch bands
        ("band material", "silicone") | ("strap material", "silicone") => {
            &["rubber band", "rubber strap", "sport band", "sports band"]
        }
        ("band material", "metal") | ("strap material", "metal") => &[
            "steel band",
            "steel strap",
            "stainless band",
            "stainless strap",
            "metal bracelet",
            "link band",
        ],
        ("display", "amoled") => &["oled"],
        // digital camera
        ("storage", "sd card") => &["sd cards", "takes sd"],
        ("storage", "cf card") => &["compactflash", "compact flash", "cf cards", "takes cf"],
        // portable charger
        ("output", "usb c") => &["type c", "usbc"],
        ("output", "usb a") => &["type a", "usba", "regular usb"],
        ("output", "wireless") => &["wireless charging", "qi", "charging pad"],
        // grill
        ("type", "gas") => &["propane"],
        ("size", "portable") => &["for camping", "travel size", "take camping"],
        // dumbbell set
        ("set type", "adjustable") => &["adjust the weight", "change the weight"],
        // running shoes
        ("sole", "eva") => &["foam sole"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::*;
    use crate::text::normalise;
    use crate::variant::{option_mentions, option_space};

    /// The store's own catalog, as the repository ships it.
    fn catalog() -> Vec<Value> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/retail/products.json"
        );
        let text = std::fs::read_to_string(path).expect("the catalog");
        let all: Value = serde_json::from_str(&text).expect("json");
        match all {
            Value::Object(m) => m.into_values().collect(),
            Value::Array(a) => a,
            _ => Vec::new(),
        }
    }

    fn product(name: &str) -> Value {
        catalog()
            .into_iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name} is in the catalog"))
    }

    fn read(text: &str, name: &str, key: &str) -> Option<BTreeSet<String>> {
        option_mentions(text, &product(name)).get(key).cloned()
    }

    fn one(v: &str) -> Option<BTreeSet<String>> {
        Some(BTreeSet::from([v.to_owned()]))
    }

    /// Every described key and value is one the catalog sells, written as `normalise` leaves
    /// it, or it could never match.
    #[test]
    fn every_description_is_of_a_value_the_catalog_sells() {
        let mut pairs = BTreeSet::new();
        for p in catalog() {
            for (k, vals) in option_space(&p) {
                for v in vals {
                    pairs.insert((normalise(&k), normalise(&v)));
                }
            }
        }
        let described: Vec<_> = pairs
            .iter()
            .filter(|(k, v)| !descriptions(k, v).is_empty())
            .collect();
        assert!(described.len() > 60, "{} described", described.len());
        for (k, v) in described {
            for d in descriptions(k, v) {
                assert_eq!(&normalise(d), d, "{k}: {v}: {d:?} is not normalised");
                assert_ne!(d, v, "{k}: {v} describes itself");
            }
        }
    }

    #[test]
    fn values_described_by_what_they_do_are_read() {
        let cases = [
            (
                "the old-fashioned kind with hands, 12 inches",
                "Wall Clock",
                "type",
                "analog",
            ),
            (
                "one that plugs straight into a wall outlet",
                "Desk Lamp",
                "power source",
                "AC adapter",
            ),
            (
                "a cool white one, not the yellow light",
                "LED Light Bulb",
                "color temperature",
                "daylight",
            ),
            (
                "one that takes regular batteries",
                "Electric Toothbrush",
                "battery type",
                "AA batteries",
            ),
            (
                "the hardback one in A5",
                "Notebook",
                "cover type",
                "hard cover",
            ),
            (
                "the kind that plugs in with a network cable",
                "Indoor Security Camera",
                "connectivity",
                "Ethernet",
            ),
            (
                "the version with a built in grinder",
                "Coffee Maker",
                "features",
                "built-in grinder",
            ),
            (
                "a tenkeyless board with bumpy keys",
                "Mechanical Keyboard",
                "size",
                "80%",
            ),
            (
                "a tenkeyless board with bumpy keys",
                "Mechanical Keyboard",
                "switch type",
                "tactile",
            ),
            (
                "the one with cellular so I can read on the train",
                "E-Reader",
                "connectivity",
                "Wi-Fi + Cellular",
            ),
            ("a hard-sided set", "Luggage Set", "material", "hardshell"),
            (
                "one that's good with dog hair",
                "Vacuum Cleaner",
                "features",
                "pet hair removal",
            ),
        ];
        for (text, name, key, value) in cases {
            assert_eq!(read(text, name, key), one(value), "{text:?} on the {name}");
        }
    }

    #[test]
    fn a_description_written_as_what_is_replaced_is_not_wanted() {
        assert_eq!(
            read(
                "I want a digital one instead of the one with hands",
                "Wall Clock",
                "type"
            ),
            one("digital")
        );
    }

    #[test]
    fn a_description_counts_only_for_a_product_that_sells_it() {
        // a water bottle has no power source; "wall outlet" names nothing of it
        assert_eq!(
            read(
                "it sits next to the wall outlet",
                "Water Bottle",
                "power source"
            ),
            None
        );
        // "lower back" is a body part, not a chair's standard backrest
        assert_eq!(
            read("it hurts my lower back", "Office Chair", "backrest height"),
            None
        );
    }
}
