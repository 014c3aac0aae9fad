//! Exclusions: "everything except the vacuum and the helmet", "return it all but the
//! tablet", "I'm keeping the camera and sending everything else back": the items of the order
//! acted on are all but those kept.

use std::sync::LazyLock;

use regex::Regex;

use crate::customer::Item;
use crate::text::re;

use super::context::Ctx;
use super::items::ALL_ITEMS;
use super::kept::{split_kept, without_staying};
use super::mentions::{mentions, Mention};
use super::Resolution;

static EXCEPT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:except(?: for)?|but not|other than|apart from|besides|excluding|but keep|keep the)\b|\b(?:return(?:ing)?|send(?:ing)?(?: back)?|exchange|cancel)\s+(?:back\s+)?(?:everything|all (?:the )?(?:items|things)|all of it)\s+(?P<but>but)\b",
    )
});

/// "everything else", "the rest", "all the others": the order's items but those kept.
static EVERYTHING_ELSE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:everything|anything|all)\s+else\b|\b(?:all\s+)?the rest\b|\ball (?:the )?others\b|\bthe other (?:items|things|ones|stuff)\b",
    )
});

/// "meaning", "i.e.", "that is", "namely", or a colon: what follows restates the words
/// before it.
static RESTATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)[,;:(]?\s*\b(?:meaning|i\.e\.|that is|namely|in other words|so (?:that's|that is|just)|which (?:is|are|means))\b|\s*:\s*",
    )
});

/// `text` up to the end of its first sentence or clause (".", ";", "!", "?", a new line).
fn sentence_of(text: &str) -> &str {
    &text[..text.find(['.', ';', '!', '?', '\n']).unwrap_or(text.len())]
}

/// The things an exclusion names, up to its sentence's end: the parts of "except the phone
/// and the brown pet bed" (split at "and", "or", "&" and commas) that open with a
/// determiner or a possessive ("the", "my", "both", ...).
fn kept_phrases(excluded: &str) -> usize {
    static SPLIT: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?i)\s*(?:,|&|\band\b|\bor\b|\bplus\b)\s*"));
    static OPENS: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)^(?:except(?: for)?|but not|other than|apart from|besides|excluding|but keep|keep|but)?\s*(?:also\s+)?(?:the|my|a|an|both|these|those|that|this|his|her|our|their)\b",
        )
    });
    SPLIT
        .split(sentence_of(excluded))
        .filter(|part| OPENS.is_match(part.trim()))
        .count()
}

/// Where the words of an exclusion start: "except ...", or the "but" of "everything but
/// the tablet".
fn except_at(text: &str) -> Option<usize> {
    EXCEPT
        .captures(text)
        .map(|c| c.name("but").or_else(|| c.get(0)).map_or(0, |m| m.start()))
}

/// Whether `text` holds the words of an exclusion ("except", "everything but", ...).
pub(super) fn excludes(text: &str) -> bool {
    EXCEPT.is_match(text)
}

/// What an exclusion in a request's clause decides.
pub(super) enum Excluded<'a> {
    /// The items acted on, or the question to ask about them.
    Decided(Result<Vec<(Item, usize)>, Resolution>),
    /// The words to read the acted-on items from: the clause, or its part before an
    /// exclusion that names products ("return the lamp but not the mouse").
    ReadFrom(&'a str),
}

impl<'c> Ctx<'c> {
    /// Reads the clause's exclusion, if any, against the order's `items`.
    pub(super) fn exclusion(&self, items: &[Item]) -> Excluded<'c> {
        let mut source = self.req.clause.as_str();
        // "I'm keeping the camera and sending everything else back", "I'll keep the lamp.
        // The rest goes back": what the keeping words name stays, the rest is acted on
        if EVERYTHING_ELSE.is_match(source) && self.req.kind != "item_change" {
            let keeping = format!(
                "{} {}",
                split_kept(&self.req.before).1,
                split_kept(source).1
            );
            let kept = mentions(&keeping, items);
            if !kept.is_empty() {
                return Excluded::Decided(self.all_but(items, &kept, ""));
            }
            // "The tablet has been a hit, so that one is staying with us. Everything else in
            // that order I'd like to return.": with no keeping words read and no product in
            // the clause, "else" sets the request against this order's products named just
            // before it (when it names none of them, "else" is about something outside the
            // order, and the order's items are read as before)
            let before = mentions(&self.req.before, items);
            if mentions(source, items).is_empty() && !before.is_empty() {
                return Excluded::Decided(self.all_but(items, &before, ""));
            }
        }
        if let Some(at) = except_at(source) {
            let (kept, excluded) = (&source[..at], &source[at..]);
            // "everything except the vacuum and the helmet, meaning the makeup kit and the
            // perfume": what follows "meaning" restates what goes, it is not left out
            let (excluded, restated) = match RESTATED.find(excluded) {
                Some(m) => (&excluded[..m.start()], &excluded[m.end()..]),
                None => (excluded, ""),
            };
            let out_named = mentions(excluded, items);
            // "everything except the phone and the brown pet bed" where "phone" names none of
            // the order's items: what stays is not known, so which items is asked
            if ALL_ITEMS.is_match(kept)
                && self.req.kind != "item_change"
                && kept_phrases(excluded) > mentions(sentence_of(excluded), items).len()
            {
                return Excluded::Decided(Err(self.which_items(items)));
            }
            if ALL_ITEMS.is_match(kept) && self.req.kind != "item_change" {
                return Excluded::Decided(self.all_but(items, &out_named, restated));
            }
            if !out_named.is_empty() {
                source = kept;
            }
        }
        Excluded::ReadFrom(source)
    }

    /// Every item of the order but those `kept` names; a question when that leaves nothing
    /// or keeps nothing, when a kept product has several items, or when `restated` (the
    /// words that restate the exclusion: "..., meaning the makeup kit and the perfume")
    /// names a kept item again.
    fn all_but(
        &self,
        items: &[Item],
        kept: &[Mention],
        restated: &str,
    ) -> Result<Vec<(Item, usize)>, Resolution> {
        if kept.iter().any(|m| m.items.len() > 1) {
            return Err(Resolution::ask(format!(
                "Order {} has several of the items you want to keep. Which ones should stay?",
                self.order_id
            )));
        }
        let keep: Vec<&str> = kept
            .iter()
            .flat_map(|m| m.items.iter().map(|i| i.item_id.as_str()))
            .collect();
        let rest: Vec<(Item, usize)> = items
            .iter()
            .filter(|i| !keep.contains(&i.item_id.as_str()))
            .map(|i| (i.clone(), 0))
            .collect();
        let restated_kept = mentions(&without_staying(restated), items)
            .iter()
            .any(|m| m.items.iter().any(|i| keep.contains(&i.item_id.as_str())));
        if rest.is_empty() || keep.is_empty() || restated_kept {
            return Err(self.which_items(items));
        }
        Ok(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::kept_phrases;

    #[test]
    fn the_things_an_exclusion_names_are_counted() {
        assert_eq!(
            kept_phrases("except the phone and the brown pet bed; the dog likes it"),
            2
        );
        assert_eq!(kept_phrases("apart from the camera, which I love"), 1);
        assert_eq!(kept_phrases("except the lamp, the mug and my kettle."), 3);
        assert_eq!(kept_phrases("but the tablet"), 1);
    }
}
