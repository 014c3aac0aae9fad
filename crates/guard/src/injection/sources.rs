//! The texts a detector is trained on: the labelled injection set, ordinary
//! support tickets, customer e-mails and the augmentation grammar, and how
//! they are sampled into training, calibration and unseen parts.

use std::path::{Path, PathBuf};

use super::augment::{with_carriers, Templates};
use super::meta::{TrainConfig, TrainedOn};
use super::pieces::pieces;
use crate::data::{load_csv_texts, load_first_messages, load_injection_jsonl, LabelledText};
use crate::error::Result;

/// Where `frontdesk guard train` reads its texts, relative to the repository.
pub mod defaults {
    /// Labelled injections and benign texts (deepset/prompt-injections train split).
    pub const INJECTION: &str = "data/guardrails/injection_train.jsonl";
    /// Ordinary support tickets (CSV, `text` column).
    pub const ORDINARY: [&str; 3] = [
        "data/intents/bitext_dev.csv",
        "data/intents/banking77_train.csv",
        "data/intents/clinc150_train.csv",
    ];
    /// Customer e-mails (eval-set JSONL; the first message of each case).
    pub const EMAILS: &str = "eval/sets/retail_train.jsonl";
    /// Retail requests rewritten by people-like case writers (sessions 17-20): long,
    /// chatty, structured and terse letters, the phrasings real customers use. The
    /// later batches (`session21_*`) and the `people_*` sets are left out, to measure on.
    pub const PEOPLE_EMAILS: [&str; 11] = [
        "eval/rephrased/session17_a.jsonl",
        "eval/rephrased/session17_b.jsonl",
        "eval/rephrased/session17_c.jsonl",
        "eval/rephrased/session18_d.jsonl",
        "eval/rephrased/session18_e.jsonl",
        "eval/rephrased/session19_f.jsonl",
        "eval/rephrased/session19_g.jsonl",
        "eval/rephrased/session20_h.jsonl",
        "eval/rephrased/session20_i.jsonl",
        "eval/rephrased/session20_j.jsonl",
        "eval/rephrased/session20_k.jsonl",
    ];
    /// The augmentation grammar.
    pub const TEMPLATES: &str = "crates/guard/data/augment.toml";
}

/// Every text a training run may use, before sampling.
#[derive(Debug, Clone, Default)]
pub struct TrainingSources {
    /// Labelled texts (injections and benign).
    pub labelled: Vec<LabelledText>,
    /// Ordinary support tickets (benign), in file order.
    pub ordinary: Vec<String>,
    /// Customer e-mails (benign), in file order.
    pub emails: Vec<String>,
    /// Customer e-mails in people's phrasings (benign), in file order.
    pub people_emails: Vec<String>,
    /// The augmentation grammar, when augmenting.
    pub templates: Option<Templates>,
}

/// Files for [`TrainingSources::read`].
#[derive(Debug, Clone)]
pub struct SourceFiles {
    /// Labelled injection JSONL (`text`, `label`).
    pub injection: PathBuf,
    /// Ordinary ticket CSVs (`text` column).
    pub ordinary: Vec<PathBuf>,
    /// Eval-set JSONL files whose first messages are customer e-mails.
    pub emails: Vec<PathBuf>,
    /// Eval-set JSONL files of e-mails in people's phrasings.
    pub people_emails: Vec<PathBuf>,
    /// The augmentation grammar (none: no augmentation).
    pub templates: Option<PathBuf>,
}

impl SourceFiles {
    /// The shipped files under `root` (the repository).
    pub fn shipped(root: &Path) -> Self {
        Self {
            injection: root.join(defaults::INJECTION),
            ordinary: defaults::ORDINARY.iter().map(|p| root.join(p)).collect(),
            emails: vec![root.join(defaults::EMAILS)],
            people_emails: defaults::PEOPLE_EMAILS
                .iter()
                .map(|p| root.join(p))
                .collect(),
            templates: Some(root.join(defaults::TEMPLATES)),
        }
    }
}

impl TrainingSources {
    /// Reads every file.
    pub fn read(files: &SourceFiles) -> Result<Self> {
        let mut ordinary = Vec::new();
        for f in &files.ordinary {
            ordinary.extend(load_csv_texts(f)?);
        }
        let first_messages = |files: &[PathBuf]| -> Result<Vec<String>> {
            let mut out = Vec::new();
            for f in files {
                out.extend(load_first_messages(f)?);
            }
            Ok(out)
        };
        Ok(Self {
            labelled: load_injection_jsonl(&files.injection)?,
            ordinary,
            emails: first_messages(&files.emails)?,
            people_emails: first_messages(&files.people_emails)?,
            templates: files.templates.as_ref().map(Templates::load).transpose()?,
        })
    }
}

/// The benign and augmented texts every fold trains on, beside the
/// labelled ones.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// The texts.
    pub texts: Vec<LabelledText>,
    /// Their weights (parallel).
    pub weights: Vec<f32>,
    /// Ordinary tickets held back to check the false-positive rate while
    /// the threshold is chosen (never trained on).
    pub calibration_ordinary: Vec<String>,
    /// Counts by source (the labelled counts are filled in by training).
    pub trained_on: TrainedOn,
}

impl Extras {
    fn push_all(&mut self, texts: impl IntoIterator<Item = LabelledText>, weight: f32) -> usize {
        let before = self.texts.len();
        self.texts.extend(texts);
        self.weights.resize(self.texts.len(), weight);
        self.texts.len() - before
    }
}

/// Samples `sources` as `cfg` says: every `ordinary_every`-th ticket (from
/// the first) for training and the ones halfway between for calibration;
/// long composites of the training tickets; every `emails_every`-th e-mail;
/// the augmentation draws, a share of them behind a training ticket.
pub fn extras(sources: &TrainingSources, cfg: &TrainConfig) -> Extras {
    let mut out = Extras::default();
    let benign = |t: &str| LabelledText {
        text: t.to_owned(),
        label: false,
    };
    let every = cfg.ordinary_every;
    let tickets = every_nth(&sources.ordinary, every);
    if every > 1 {
        out.calibration_ordinary = sources
            .ordinary
            .iter()
            .skip(every / 2)
            .step_by(every)
            .cloned()
            .collect();
    }
    out.trained_on.ordinary = out.push_all(tickets.iter().map(|t| benign(t)), 1.0);
    let composites = long_benign_composites(&tickets, cfg.composite_passes);
    out.trained_on.composites = out.push_all(composites.iter().map(|t| benign(t)), 1.0);
    let emails = every_nth(&sources.emails, cfg.emails_every);
    out.trained_on.emails = out.push_all(emails.iter().map(|t| benign(t)), 1.0);
    let people = every_nth(&sources.people_emails, cfg.people_emails_every);
    out.trained_on.people_emails = out.push_all(people.iter().map(|t| benign(t)), 1.0);
    let mut drawn = Vec::new();
    if let Some(t) = sources
        .templates
        .as_ref()
        .filter(|_| cfg.augment_per_pattern > 0)
    {
        drawn = t.generate(cfg.augment_per_pattern, cfg.seed);
        drawn = with_carriers(&drawn, &tickets, cfg.carrier_share, cfg.seed ^ 0xCA88);
        out.trained_on.augmented_injections = drawn.iter().filter(|t| t.label).count();
        out.trained_on.augmented_benign = drawn.len() - out.trained_on.augmented_injections;
        out.push_all(drawn.iter().cloned(), cfg.augment_weight);
    }
    if cfg.benign_piece_weight > 0.0 {
        // A long text is scored by its best piece too, so the pieces of benign
        // letters are what a false alarm is made of: learn them as benign.
        let letters = emails
            .iter()
            .chain(&people)
            .chain(drawn.iter().filter(|t| !t.label).map(|t| &t.text));
        let pieces: Vec<LabelledText> = letters.flat_map(|text| pieces(text)).map(benign).collect();
        out.trained_on.benign_pieces = out.push_all(pieces, cfg.benign_piece_weight);
    }
    out
}

/// Every `n`-th of `texts`, from the first (none when `n` is 0).
fn every_nth(texts: &[String], n: usize) -> Vec<String> {
    match n {
        0 => Vec::new(),
        _ => texts.iter().step_by(n).cloned().collect(),
    }
}

/// Multi-sentence benign texts built from `tickets`: each of `passes`
/// deterministic orderings (a stride through the list) is cut into groups of
/// 3 to 8 consecutive tickets, and each group is joined into one message, so
/// that the model sees long benign messages and does not learn
/// "long text => injection".
pub fn long_benign_composites(tickets: &[String], passes: usize) -> Vec<String> {
    const STRIDES: [usize; 4] = [1, 7, 13, 31];
    let n = tickets.len();
    let mut out = Vec::new();
    for &stride in STRIDES.iter().take(passes) {
        if n == 0 || gcd(stride, n) != 1 {
            continue;
        }
        let order: Vec<&str> = (0..n).map(|i| tickets[(i * stride) % n].trim()).collect();
        let (mut i, mut size) = (0, 3);
        while i + size <= n {
            let parts: Vec<String> = order[i..i + size]
                .iter()
                .map(|t| {
                    if t.ends_with(['.', '!', '?']) {
                        t.to_string()
                    } else {
                        format!("{t}.")
                    }
                })
                .collect();
            out.push(parts.join(" "));
            i += size;
            size = if size >= 8 { 3 } else { size + 1 };
        }
    }
    out
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composites_join_groups_of_tickets() {
        let t: Vec<String> = (0..10).map(|i| format!("ticket {i}")).collect();
        let c = long_benign_composites(&t, 1);
        assert_eq!(
            c,
            vec![
                "ticket 0. ticket 1. ticket 2.",
                "ticket 3. ticket 4. ticket 5. ticket 6."
            ]
        );
        // A stride sharing a factor with the list length is skipped.
        assert_eq!(long_benign_composites(&t[..7], 2).len(), 2);
        assert!(long_benign_composites(&[], 4).is_empty());
    }

    #[test]
    fn training_and_calibration_tickets_are_disjoint() {
        let sources = TrainingSources {
            ordinary: (0..100).map(|i| format!("ticket number {i}")).collect(),
            emails: (0..8).map(|i| format!("email {i}")).collect(),
            ..TrainingSources::default()
        };
        let cfg = TrainConfig {
            ordinary_every: 10,
            composite_passes: 0,
            emails_every: 4,
            ..TrainConfig::default()
        };
        let e = extras(&sources, &cfg);
        assert_eq!(e.trained_on.ordinary, 10);
        assert_eq!(e.trained_on.emails, 2);
        assert_eq!(e.calibration_ordinary.len(), 10);
        assert!(e.calibration_ordinary[0].ends_with(" 5"));
        assert!(e
            .calibration_ordinary
            .iter()
            .all(|c| e.texts.iter().all(|t| &t.text != c)));
        assert_eq!(e.texts.len(), e.weights.len());
    }

    #[test]
    fn people_letters_and_the_pieces_of_benign_letters_are_trained_as_benign() {
        let letter = "Hi there, hope your week is going well. The weather has been lovely here. \
                      Please change the address on order #W1234567. Thanks so much!";
        let sources = TrainingSources {
            emails: vec!["Where is my parcel?".into()],
            people_emails: vec![letter.into(), "Cancel #W7654321 please.".into()],
            ..TrainingSources::default()
        };
        let cfg = TrainConfig {
            ordinary_every: 0,
            composite_passes: 0,
            emails_every: 1,
            people_emails_every: 1,
            benign_piece_weight: 0.5,
            augment_per_pattern: 0,
            ..TrainConfig::default()
        };
        let e = extras(&sources, &cfg);
        assert_eq!((e.trained_on.emails, e.trained_on.people_emails), (1, 2));
        // Four sentences: scored, and so trained, as three overlapping pairs.
        assert_eq!(e.trained_on.benign_pieces, 3);
        let piece = e
            .texts
            .iter()
            .position(|t| {
                t.text
                    .starts_with("The weather has been lovely here. Please")
            })
            .expect("a sentence pair of the letter");
        assert!(!e.texts[piece].label);
        assert_eq!(e.weights[piece], 0.5);
        let none = extras(
            &sources,
            &TrainConfig {
                people_emails_every: 0,
                benign_piece_weight: 0.0,
                ..cfg
            },
        );
        assert_eq!(
            (none.trained_on.people_emails, none.trained_on.benign_pieces),
            (0, 0)
        );
    }
}
