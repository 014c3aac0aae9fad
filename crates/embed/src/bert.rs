//! A BERT encoder with the weights, names and arithmetic of
//! candle-transformers' `BertModel`, written out so that its layers can be
//! run one at a time (per-layer outputs, cached lower layers) and its top
//! layers can be trained with candle's autograd (see [`crate::tune`]).

use std::collections::HashMap;

use candle_core::{DType, Device, Module, Tensor, Var, D};
use candle_nn::{Embedding, Linear, VarBuilder};
use candle_transformers::models::bert::Config;

use crate::rng::{splitmix, SplitMix64};

/// Layer normalisation over the last dimension. `differentiable` selects
/// the composite (back-propagating) implementation instead of the fused
/// kernel; both compute the same function.
fn layer_norm(
    x: &Tensor,
    ln: &(Tensor, Tensor),
    eps: f32,
    differentiable: bool,
) -> candle_core::Result<Tensor> {
    if differentiable {
        candle_nn::ops::layer_norm_slow(x, &ln.0, &ln.1, eps)
    } else {
        candle_nn::ops::layer_norm(&x.contiguous()?, &ln.0, &ln.1, eps)
    }
}

fn load_linear(
    vb: &VarBuilder,
    in_dim: usize,
    out_dim: usize,
    name: &str,
) -> candle_core::Result<Linear> {
    let w = vb.get((out_dim, in_dim), &format!("{name}.weight"))?;
    let b = vb.get(out_dim, &format!("{name}.bias"))?;
    Ok(Linear::new(w, Some(b)))
}

fn load_ln(vb: &VarBuilder, dim: usize, name: &str) -> candle_core::Result<(Tensor, Tensor)> {
    Ok((
        vb.get(dim, &format!("{name}.weight"))?,
        vb.get(dim, &format!("{name}.bias"))?,
    ))
}

/// One transformer layer (self-attention and feed-forward, post-norm).
#[derive(Clone)]
pub struct Layer {
    query: Linear,
    key: Linear,
    value: Linear,
    attn_out: Linear,
    attn_ln: (Tensor, Tensor),
    inter: Linear,
    out: Linear,
    out_ln: (Tensor, Tensor),
    heads: usize,
    eps: f32,
}

/// Names of a layer's tensors, as in the Hugging Face checkpoint (below
/// `encoder.layer.N.`).
const LINEARS: [&str; 6] = [
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
];
const NORMS: [&str; 2] = ["attention.output.LayerNorm", "output.LayerNorm"];

impl Layer {
    /// Loads a layer from `vb` (positioned at `encoder.layer.N`).
    pub fn load(vb: &VarBuilder, config: &Config) -> candle_core::Result<Self> {
        let h = config.hidden_size;
        let i = config.intermediate_size;
        Ok(Self {
            query: load_linear(vb, h, h, LINEARS[0])?,
            key: load_linear(vb, h, h, LINEARS[1])?,
            value: load_linear(vb, h, h, LINEARS[2])?,
            attn_out: load_linear(vb, h, h, LINEARS[3])?,
            attn_ln: load_ln(vb, h, NORMS[0])?,
            inter: load_linear(vb, h, i, LINEARS[4])?,
            out: load_linear(vb, i, h, LINEARS[5])?,
            out_ln: load_ln(vb, h, NORMS[1])?,
            heads: config.num_attention_heads,
            eps: config.layer_norm_eps as f32,
        })
    }

    /// The layer's tensors by checkpoint name (relative to the layer).
    pub fn named_tensors(&self) -> Vec<(String, Tensor)> {
        let mut out = Vec::new();
        let lins = [
            &self.query,
            &self.key,
            &self.value,
            &self.attn_out,
            &self.inter,
            &self.out,
        ];
        for (name, l) in LINEARS.iter().zip(lins) {
            out.push((format!("{name}.weight"), l.weight().clone()));
            if let Some(b) = l.bias() {
                out.push((format!("{name}.bias"), b.clone()));
            }
        }
        for (name, ln) in NORMS.iter().zip([&self.attn_ln, &self.out_ln]) {
            out.push((format!("{name}.weight"), ln.0.clone()));
            out.push((format!("{name}.bias"), ln.1.clone()));
        }
        out
    }

    /// A copy of the layer whose tensors are trainable variables, and the
    /// variables.
    pub fn trainable(&self, config: &Config) -> candle_core::Result<(Self, Vec<Var>)> {
        let mut vars = Vec::new();
        let mut map = HashMap::new();
        for (name, t) in self.named_tensors() {
            let v = Var::from_tensor(&t.copy()?)?;
            map.insert(name, v.as_tensor().clone());
            vars.push(v);
        }
        let vb = VarBuilder::from_tensors(map, DType::F32, &Device::Cpu);
        Ok((Self::load(&vb, config)?, vars))
    }

    /// Runs the layer on `x` (batch, tokens, hidden) under the additive
    /// attention mask `mask` (batch, 1, 1, tokens; see [`extended_mask`]).
    /// `train` applies its dropout and uses back-propagating kernels.
    pub fn forward(
        &self,
        x: &Tensor,
        mask: &Tensor,
        train: Option<Dropout>,
    ) -> candle_core::Result<Tensor> {
        let diff = train.is_some();
        let mut stream = 0;
        let mut drop = |t: Tensor| -> candle_core::Result<Tensor> {
            stream += 1;
            match train {
                Some(d) => d.apply(&t, stream),
                None => Ok(t),
            }
        };
        let (b, n, h) = x.dims3()?;
        let hd = h / self.heads;
        let split = |t: Tensor| -> candle_core::Result<Tensor> {
            t.reshape((b, n, self.heads, hd))?
                .transpose(1, 2)?
                .contiguous()
        };
        let q = split(self.query.forward(x)?)?;
        let k = split(self.key.forward(x)?)?;
        let v = split(self.value.forward(x)?)?;
        let scores = (q.matmul(&k.t()?)? / (hd as f64).sqrt())?.broadcast_add(mask)?;
        let probs = if diff {
            candle_nn::ops::softmax(&scores, D::Minus1)?
        } else {
            candle_nn::ops::softmax_last_dim(&scores)?
        };
        let probs = drop(probs)?;
        let ctx = probs
            .matmul(&v)?
            .transpose(1, 2)?
            .contiguous()?
            .reshape((b, n, h))?;
        let a = drop(self.attn_out.forward(&ctx)?)?;
        let a = layer_norm(&(a + x)?, &self.attn_ln, self.eps, diff)?;
        let i = self.inter.forward(&a)?.gelu_erf()?;
        let o = drop(self.out.forward(&i)?)?;
        layer_norm(&(o + a)?, &self.out_ln, self.eps, diff)
    }
}

/// Training-time dropout drawn from its own seeded generator. candle's CPU
/// dropout draws from an unseeded thread-local generator, so two fine-tuning
/// runs on the same data gave different networks; with the masks seeded, the
/// same data and seed give the same network.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dropout {
    /// Probability of zeroing an activation (`0` disables dropout).
    pub p: f32,
    /// Seed of this forward pass's masks.
    pub seed: u64,
}

impl Dropout {
    /// The same probability with the seed mixed with `salt` (one seed per
    /// layer of a forward pass).
    pub fn salted(self, salt: u64) -> Self {
        Self {
            p: self.p,
            seed: splitmix(self.seed ^ splitmix(salt)),
        }
    }

    /// `t` with each element zeroed with probability `p` and the others
    /// scaled by `1 / (1 - p)`, as candle's dropout does; `stream` tells
    /// apart the masks drawn under one seed.
    pub fn apply(&self, t: &Tensor, stream: u64) -> candle_core::Result<Tensor> {
        if self.p <= 0.0 {
            return Ok(t.clone());
        }
        if self.p >= 1.0 {
            return t.zeros_like();
        }
        let keep = 1.0 / (1.0 - self.p);
        let cut = (f64::from(self.p) * 4_294_967_296.0) as u64;
        let mut rng =
            SplitMix64::after(splitmix(self.seed ^ splitmix(stream.wrapping_add(0x5EED))));
        let mask: Vec<f32> = (0..t.elem_count())
            .map(|_| {
                if rng.next_u64() >> 32 < cut {
                    0.0
                } else {
                    keep
                }
            })
            .collect();
        t * Tensor::from_vec(mask, t.shape(), t.device())?.to_dtype(t.dtype())?
    }
}

/// The additive attention mask (batch, 1, 1, tokens) for a 0/1 mask
/// (batch, tokens), as candle-transformers builds it.
pub fn extended_mask(mask: &Tensor) -> candle_core::Result<Tensor> {
    let m = mask.to_dtype(DType::F32)?.unsqueeze(1)?.unsqueeze(1)?;
    (m.ones_like()? - &m)?.broadcast_mul(&Tensor::new(f32::MIN, m.device())?)
}

/// Mean over the real tokens of `hidden` (batch, tokens, hidden) under the
/// 0/1 `mask` (batch, tokens).
pub fn mean_pool(hidden: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
    let maskf = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
    let summed = hidden.broadcast_mul(&maskf)?.sum(1)?;
    let counts = maskf.sum(1)?.clamp(1e-9f32, f32::MAX)?;
    summed.broadcast_div(&counts)
}

/// Rows of `x` (batch, dim) scaled to unit length.
pub fn unit_rows(x: &Tensor) -> candle_core::Result<Tensor> {
    let norm = x.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12f32, f32::MAX)?;
    x.broadcast_div(&norm)
}

/// The whole encoder: embeddings and the transformer layers.
#[derive(Clone)]
pub struct Encoder {
    word: Embedding,
    position: Embedding,
    token_type: Embedding,
    ln: (Tensor, Tensor),
    eps: f32,
    /// The transformer layers, bottom first.
    pub layers: Vec<Layer>,
    /// The network's configuration.
    pub config: Config,
}

impl Encoder {
    /// Loads the encoder from a checkpoint (`embeddings.*`, `encoder.*`,
    /// with or without a `bert.` prefix).
    pub fn load(vb: VarBuilder, config: &Config) -> candle_core::Result<Self> {
        let vb = if vb.contains_tensor("embeddings.word_embeddings.weight") {
            vb
        } else {
            vb.pp("bert")
        };
        let h = config.hidden_size;
        let e = vb.pp("embeddings");
        let emb = |n: usize, name: &str| -> candle_core::Result<Embedding> {
            Ok(Embedding::new(e.get((n, h), &format!("{name}.weight"))?, h))
        };
        let layers = (0..config.num_hidden_layers)
            .map(|i| Layer::load(&vb.pp(format!("encoder.layer.{i}")), config))
            .collect::<candle_core::Result<Vec<_>>>()?;
        Ok(Self {
            word: emb(config.vocab_size, "word_embeddings")?,
            position: emb(config.max_position_embeddings, "position_embeddings")?,
            token_type: emb(config.type_vocab_size, "token_type_embeddings")?,
            ln: load_ln(&e, h, "LayerNorm")?,
            eps: config.layer_norm_eps as f32,
            layers,
            config: config.clone(),
        })
    }

    /// The embedding layer's output (batch, tokens, hidden).
    pub fn embed_tokens(&self, ids: &Tensor, types: &Tensor) -> candle_core::Result<Tensor> {
        let (_, n) = ids.dims2()?;
        let pos = Tensor::arange(0u32, n as u32, ids.device())?;
        let x = (self.word.forward(ids)? + self.token_type.forward(types)?)?
            .broadcast_add(&self.position.forward(&pos)?)?;
        layer_norm(&x, &self.ln, self.eps, false)
    }

    /// The embedding output followed by every layer's output (so
    /// `layers.len() + 1` tensors).
    pub fn hidden_states(
        &self,
        ids: &Tensor,
        types: &Tensor,
        mask: &Tensor,
    ) -> candle_core::Result<Vec<Tensor>> {
        let ext = extended_mask(mask)?;
        let mut out = vec![self.embed_tokens(ids, types)?];
        for layer in &self.layers {
            let next = layer.forward(out.last().expect("non-empty"), &ext, None)?;
            out.push(next);
        }
        Ok(out)
    }

    /// The output of the first `n` layers (`n = 0`: the embedding output).
    pub fn forward_to(
        &self,
        ids: &Tensor,
        types: &Tensor,
        mask: &Tensor,
        n: usize,
    ) -> candle_core::Result<Tensor> {
        let ext = extended_mask(mask)?;
        let mut x = self.embed_tokens(ids, types)?;
        for layer in self.layers.iter().take(n) {
            x = layer.forward(&x, &ext, None)?;
        }
        Ok(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ones(n: usize) -> Tensor {
        Tensor::ones((n / 100, 100), DType::F32, &Device::Cpu).unwrap()
    }

    fn values(t: &Tensor) -> Vec<f32> {
        t.flatten_all().unwrap().to_vec1().unwrap()
    }

    #[test]
    fn dropout_masks_follow_the_seed_and_stream() {
        let x = ones(20_000);
        let d = Dropout { p: 0.1, seed: 42 };
        let a = values(&d.apply(&x, 1).unwrap());
        assert_eq!(a, values(&d.apply(&x, 1).unwrap()), "same seed, same mask");
        assert_ne!(a, values(&d.apply(&x, 2).unwrap()), "another stream");
        assert_ne!(
            a,
            values(&d.salted(1).apply(&x, 1).unwrap()),
            "another salt"
        );
        assert_ne!(
            values(&d.salted(1).apply(&x, 1).unwrap()),
            values(&d.salted(2).apply(&x, 1).unwrap())
        );
        // About p of the elements are zeroed; the rest are scaled to keep the mean.
        let zeroed = a.iter().filter(|&&v| v == 0.0).count() as f64 / a.len() as f64;
        assert!((zeroed - 0.1).abs() < 0.01, "zeroed {zeroed}");
        let keep = 1.0 / 0.9;
        assert!(a.iter().all(|&v| v == 0.0 || (v - keep).abs() < 1e-6));
    }

    #[test]
    fn dropout_edge_probabilities() {
        let x = ones(1_000);
        let none = Dropout { p: 0.0, seed: 7 };
        assert_eq!(values(&none.apply(&x, 1).unwrap()), values(&x));
        let all = Dropout { p: 1.0, seed: 7 };
        assert!(values(&all.apply(&x, 1).unwrap()).iter().all(|&v| v == 0.0));
    }
}
