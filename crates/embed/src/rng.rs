//! The seeded generator behind fine-tuning's batch order, head
//! initialisation and dropout masks (SplitMix64): small, fast and the same
//! on every platform, so a seed names one training run.

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function: a well-mixed 64-bit hash of `x`.
pub(crate) fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(GOLDEN);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A SplitMix64 stream from a seed.
pub(crate) struct SplitMix(pub(crate) u64);

impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        let z = splitmix(self.0);
        self.0 = self.0.wrapping_add(GOLDEN);
        z
    }

    /// A float in `[0, 1)` with 24 random bits.
    pub(crate) fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }

    /// The stream one step past `seed`'s (the dropout masks start there).
    pub(crate) fn after(seed: u64) -> Self {
        Self(seed.wrapping_add(GOLDEN))
    }
}
