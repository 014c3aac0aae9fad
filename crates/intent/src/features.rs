//! Text featurisation: the shared sparse TF-IDF core (`frontdesk-tfidf`:
//! hashed word and character n-grams, sublinear tf, per-block L2 norms),
//! re-exported under its historical path. The injection detector in
//! `frontdesk-guard` uses the same core.

pub use frontdesk_tfidf::*;
