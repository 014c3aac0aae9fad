//! Fine-tuning the top transformer layer(s) of the embedding network on
//! labelled texts, on the CPU.
//!
//! The lower layers stay frozen: their token outputs are computed once
//! ([`lower_outputs`]), so each epoch only runs (forward and backward) the
//! tuned top layers and a linear softmax head over the mean-pooled output.
//! With `layers` equal to the network's depth every transformer layer is
//! tuned and only the (token, position, type) embedding layer stays frozen.
//! The head is thrown away; what is kept ([`TunedTop`], a small
//! safetensors file) is the tuned layers, whose mean-pooled output is a
//! task-adapted sentence embedding ([`Embedder::embed_tuned`]).

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use candle_core::{DType, Device, Tensor, Var};
use candle_nn::{AdamW, Optimizer, ParamsAdamW, VarBuilder};

use crate::bert::{extended_mask, mean_pool, Dropout, Layer};
use crate::rng::SplitMix64;
use crate::{EmbedError, Embedder, Result};

/// Fine-tuning settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TuneConfig {
    /// How many top layers are tuned (1 up to the network's depth, 6).
    pub layers: usize,
    /// Passes over the data.
    pub epochs: usize,
    /// Learning rate of the tuned layers (AdamW).
    pub lr: f64,
    /// Learning rate of the softmax head.
    pub head_lr: f64,
    /// AdamW weight decay.
    pub weight_decay: f64,
    /// Texts per step.
    pub batch_size: usize,
    /// Dropout inside the tuned layers during training.
    pub dropout: f32,
    /// Seed of the shuffling, the head's initialisation and the dropout masks.
    pub seed: u64,
    /// Stop after the epoch during which this many seconds have passed.
    pub max_secs: Option<f64>,
    /// Stop after this many passes (fewer than `epochs`: the learning-rate
    /// schedule is still planned over `epochs`, so training stops before
    /// the rates have decayed to 0).
    pub stop_after: Option<usize>,
    /// Fraction of the planned steps (`epochs` passes) over which both
    /// learning rates rise linearly from 0 (0 = no warm-up).
    pub warmup: f64,
    /// Whether both learning rates fall linearly to 0 at the end of the
    /// planned steps (after the warm-up); otherwise they stay constant.
    pub linear_decay: bool,
}

impl Default for TuneConfig {
    fn default() -> Self {
        Self {
            layers: 1,
            epochs: 4,
            lr: 1e-4,
            head_lr: 3e-3,
            weight_decay: 0.01,
            batch_size: 32,
            dropout: 0.1,
            seed: 42,
            max_secs: None,
            stop_after: None,
            warmup: 0.0,
            linear_decay: false,
        }
    }
}

impl TuneConfig {
    /// How many passes training runs: `epochs`, or fewer with `stop_after`.
    pub fn passes(&self) -> usize {
        self.stop_after.map_or(self.epochs, |k| k.min(self.epochs))
    }
}

/// What fine-tuning did.
#[derive(Debug, Clone, PartialEq)]
pub struct TuneReport {
    /// Mean training loss per epoch.
    pub epoch_loss: Vec<f32>,
    /// Seconds spent in the frozen lower layers.
    pub lower_secs: f64,
    /// Seconds spent training.
    pub train_secs: f64,
}

/// Fine-tuned copies of the network's top layers.
#[derive(Clone)]
pub struct TunedTop {
    /// Index of the first tuned layer (the layers below run unchanged).
    pub start: usize,
    /// The tuned layers, bottom first.
    pub layers: Vec<Layer>,
}

impl std::fmt::Debug for TunedTop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TunedTop")
            .field("start", &self.start)
            .field("layers", &self.layers.len())
            .finish()
    }
}

impl TunedTop {
    /// Saves the tuned layers as safetensors, under their checkpoint names
    /// (`encoder.layer.N.…`).
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let mut map: HashMap<String, Tensor> = HashMap::new();
        for (k, layer) in self.layers.iter().enumerate() {
            for (name, t) in layer.named_tensors() {
                map.insert(format!("encoder.layer.{}.{name}", self.start + k), t);
            }
        }
        candle_core::safetensors::save(&map, path.as_ref())?;
        Ok(())
    }

    /// Loads layers saved by [`TunedTop::save`] for `embedder`'s network.
    pub fn load(path: impl AsRef<Path>, embedder: &Embedder) -> Result<Self> {
        let path = path.as_ref();
        let tensors = candle_core::safetensors::load(path, &Device::Cpu)?;
        let n = embedder.encoder().layers.len();
        let present: Vec<usize> = (0..n)
            .filter(|i| tensors.contains_key(&format!("encoder.layer.{i}.output.dense.weight")))
            .collect();
        let (Some(&start), Some(&end)) = (present.first(), present.last()) else {
            return Err(EmbedError::Tuned(format!("{}: no layers", path.display())));
        };
        if end != n - 1 || present.len() != n - start {
            return Err(EmbedError::Tuned(format!(
                "{}: layers {present:?} are not the top of a {n}-layer network",
                path.display()
            )));
        }
        let vb = VarBuilder::from_tensors(tensors, DType::F32, &Device::Cpu);
        let config = &embedder.encoder().config;
        let layers = (start..n)
            .map(|i| Layer::load(&vb.pp(format!("encoder.layer.{i}")), config))
            .collect::<candle_core::Result<Vec<_>>>()?;
        Ok(Self { start, layers })
    }
}

/// Frozen lower-layer output of one text: `(tokens, hidden)`.
pub type TokenStates = Tensor;

/// The output of the first `n` layers for each text, unpadded
/// (`(tokens, hidden)` per text, in the order of `texts`).
pub fn lower_outputs<S: AsRef<str>>(
    embedder: &Embedder,
    texts: &[S],
    n: usize,
) -> Result<Vec<TokenStates>> {
    let mut out: Vec<Option<Tensor>> = vec![None; texts.len()];
    for batch in embedder.length_batches(texts) {
        let bt: Vec<&str> = batch.iter().map(|&i| texts[i].as_ref()).collect();
        let (ids, types, mask) = embedder.tokenize(&bt)?;
        let h = embedder.encoder().forward_to(&ids, &types, &mask, n)?;
        let lens: Vec<u32> = mask.sum(1)?.to_vec1::<u32>()?;
        for (k, (&i, &len)) in batch.iter().zip(&lens).enumerate() {
            out[i] = Some(h.get(k)?.narrow(0, 0, len as usize)?.contiguous()?);
        }
    }
    Ok(out
        .into_iter()
        .map(|t| t.expect("every text is in a batch"))
        .collect())
}

/// Pads per-text states into `(batch, longest, hidden)` with a 0/1 mask.
fn pad(states: &[&Tensor]) -> Result<(Tensor, Tensor)> {
    let longest = states
        .iter()
        .map(|t| t.dim(0).unwrap_or(0))
        .max()
        .unwrap_or(0);
    let hidden = states.first().map_or(0, |t| t.dim(1).unwrap_or(0));
    let mut rows = Vec::with_capacity(states.len());
    let mut mask = Vec::with_capacity(states.len() * longest);
    for t in states {
        let len = t.dim(0)?;
        let row = if len < longest {
            Tensor::cat(
                &[
                    *t,
                    &Tensor::zeros((longest - len, hidden), DType::F32, &Device::Cpu)?,
                ],
                0,
            )?
        } else {
            (*t).clone()
        };
        rows.push(row);
        mask.extend((0..longest).map(|j| u32::from(j < len)));
    }
    let x = Tensor::stack(&rows, 0)?;
    let mask = Tensor::from_vec(mask, (states.len(), longest), &Device::Cpu)?;
    Ok((x, mask))
}

/// Runs `layers` on padded lower states and mean-pools the result.
fn top_pool(layers: &[Layer], x: &Tensor, mask: &Tensor, train: Option<Dropout>) -> Result<Tensor> {
    let ext = extended_mask(mask)?;
    let mut h = x.clone();
    for (i, layer) in layers.iter().enumerate() {
        h = layer.forward(&h, &ext, train.map(|d| d.salted(i as u64)))?;
    }
    Ok(mean_pool(&h, mask)?)
}

/// Batches of similar length in random order: indices sorted by length
/// with random tie-breaking noise, cut into batches, batches shuffled.
fn epoch_batches(lens: &[usize], batch: usize, rng: &mut SplitMix64) -> Vec<Vec<usize>> {
    let mut order: Vec<(f32, usize)> = lens
        .iter()
        .enumerate()
        .map(|(i, &l)| (l as f32 + 3.0 * rng.unit(), i))
        .collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut batches: Vec<Vec<usize>> = order
        .chunks(batch.max(1))
        .map(|c| c.iter().map(|p| p.1).collect())
        .collect();
    rng.shuffle(&mut batches);
    batches
}

/// The learning-rate factor (in `[0, 1]`) at step `step` (0-based) of
/// `total` planned steps: a linear rise over the first `warmup` fraction
/// of the steps, then constant, or with `decay` a linear fall to 0 at
/// `total`.
pub fn lr_factor(step: usize, total: usize, warmup: f64, decay: bool) -> f64 {
    let total = total.max(1) as f64;
    let t = step as f64 + 1.0;
    let warm = (warmup.clamp(0.0, 1.0) * total).round();
    if t <= warm {
        return t / warm;
    }
    if decay {
        ((total - t + 1.0) / (total - warm).max(1.0)).clamp(0.0, 1.0)
    } else {
        1.0
    }
}

/// A trainable copy of the top layers, the softmax head and their variables.
pub struct Trainer {
    layers: Vec<Layer>,
    start: usize,
    head_w: Var,
    head_b: Var,
    opt_layers: AdamW,
    opt_head: AdamW,
    cfg: TuneConfig,
    config: candle_transformers::models::bert::Config,
    rng: SplitMix64,
    steps: usize,
    planned: Option<usize>,
}

impl Trainer {
    /// Starts from `embedder`'s top `cfg.layers` layers and a small random
    /// head over `n_classes` classes.
    pub fn new(embedder: &Embedder, n_classes: usize, cfg: &TuneConfig) -> Result<Self> {
        let enc = embedder.encoder();
        let n = enc.layers.len();
        let k = cfg.layers.clamp(1, n);
        let mut layers = Vec::new();
        let mut vars = Vec::new();
        for layer in &enc.layers[n - k..] {
            let (l, v) = layer.trainable(&enc.config)?;
            layers.push(l);
            vars.extend(v);
        }
        let hidden = embedder.dim();
        let mut rng = SplitMix64::new(cfg.seed);
        let init: Vec<f32> = (0..n_classes * hidden)
            .map(|_| (rng.unit() - 0.5) * 0.04)
            .collect();
        let head_w = Var::from_tensor(&Tensor::from_vec(init, (n_classes, hidden), &Device::Cpu)?)?;
        let head_b = Var::from_tensor(&Tensor::zeros(n_classes, DType::F32, &Device::Cpu)?)?;
        let params = |lr: f64| ParamsAdamW {
            lr,
            weight_decay: cfg.weight_decay,
            ..ParamsAdamW::default()
        };
        let opt_layers = AdamW::new(vars, params(cfg.lr))?;
        let opt_head = AdamW::new(vec![head_w.clone(), head_b.clone()], params(cfg.head_lr))?;
        Ok(Self {
            layers,
            start: n - k,
            head_w,
            head_b,
            opt_layers,
            opt_head,
            cfg: cfg.clone(),
            config: enc.config.clone(),
            rng,
            steps: 0,
            planned: None,
        })
    }

    /// How many optimisation steps the learning-rate schedule spans
    /// (default: `epochs` passes, fixed at the first [`Trainer::epoch`]).
    pub fn plan_steps(&mut self, total: usize) {
        self.planned = Some(total);
    }

    /// Index of the first tuned layer: [`lower_outputs`] must be computed
    /// with this many layers.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Mean cross-entropy of the batch `idx` (when training, with dropout
    /// masks drawn from the seed `train`).
    fn loss(
        &self,
        states: &[TokenStates],
        labels: &[usize],
        idx: &[usize],
        train: Option<u64>,
    ) -> Result<Tensor> {
        let refs: Vec<&Tensor> = idx.iter().map(|&i| &states[i]).collect();
        let (x, mask) = pad(&refs)?;
        let dropout = train.map(|seed| Dropout {
            p: self.cfg.dropout,
            seed,
        });
        let pooled = top_pool(&self.layers, &x, &mask, dropout)?;
        let logits = pooled
            .matmul(&self.head_w.as_tensor().t()?)?
            .broadcast_add(self.head_b.as_tensor())?;
        let y: Vec<u32> = idx.iter().map(|&i| labels[i] as u32).collect();
        let y = Tensor::from_vec(y, idx.len(), &Device::Cpu)?;
        Ok(candle_nn::loss::cross_entropy(&logits, &y)?)
    }

    /// One optimisation step on the batch `idx`; returns its loss.
    pub fn step(&mut self, states: &[TokenStates], labels: &[usize], idx: &[usize]) -> Result<f32> {
        if let Some(total) = self.planned {
            let f = lr_factor(self.steps, total, self.cfg.warmup, self.cfg.linear_decay);
            self.opt_layers.set_learning_rate(self.cfg.lr * f);
            self.opt_head.set_learning_rate(self.cfg.head_lr * f);
        }
        let seed = self.rng.next_u64();
        let loss = self.loss(states, labels, idx, Some(seed))?;
        let grads = loss.backward()?;
        self.opt_layers.step(&grads)?;
        self.opt_head.step(&grads)?;
        self.steps += 1;
        Ok(loss.to_scalar::<f32>()?)
    }

    /// For each of `states` (in order), without dropout: the tuned
    /// layers' mean-pooled output scaled to unit length (the tuned
    /// embedding, as [`Embedder::embed_tuned`] gives it) and the softmax
    /// head's logits (the fine-tuned classifier's scores).
    pub fn predict(&self, states: &[TokenStates]) -> Result<Vec<(Vec<f32>, Vec<f32>)>> {
        let lens: Vec<usize> = states.iter().map(|t| t.dim(0).unwrap_or(0)).collect();
        let mut order: Vec<usize> = (0..states.len()).collect();
        order.sort_by_key(|&i| lens[i]);
        let mut out = vec![(Vec::new(), Vec::new()); states.len()];
        for idx in order.chunks(64) {
            let refs: Vec<&Tensor> = idx.iter().map(|&i| &states[i]).collect();
            let (x, mask) = pad(&refs)?;
            let pooled = top_pool(&self.layers, &x, &mask, None)?;
            let logits = pooled
                .matmul(&self.head_w.as_tensor().t()?)?
                .broadcast_add(self.head_b.as_tensor())?
                .to_vec2::<f32>()?;
            let unit = crate::bert::unit_rows(&pooled)?.to_vec2::<f32>()?;
            for ((&i, e), l) in idx.iter().zip(unit).zip(logits) {
                out[i] = (e, l);
            }
        }
        Ok(out)
    }

    /// Mean loss over all of `states`, without dropout and without training.
    pub fn eval_loss(&self, states: &[TokenStates], labels: &[usize]) -> Result<f32> {
        let lens: Vec<usize> = states.iter().map(|t| t.dim(0).unwrap_or(0)).collect();
        let mut order: Vec<usize> = (0..states.len()).collect();
        order.sort_by_key(|&i| lens[i]);
        let mut total = 0f32;
        for idx in order.chunks(64) {
            total += self.loss(states, labels, idx, None)?.to_scalar::<f32>()? * idx.len() as f32;
        }
        Ok(total / states.len().max(1) as f32)
    }

    /// One pass over the data in random batches; returns the mean loss.
    pub fn epoch(&mut self, states: &[TokenStates], labels: &[usize]) -> Result<f32> {
        let lens: Vec<usize> = states.iter().map(|t| t.dim(0).unwrap_or(0)).collect();
        let batches = epoch_batches(&lens, self.cfg.batch_size, &mut self.rng);
        if self.planned.is_none() {
            self.plan_steps(self.cfg.epochs.max(1) * batches.len());
        }
        let mut total = 0f32;
        for idx in &batches {
            total += self.step(states, labels, idx)? * idx.len() as f32;
        }
        Ok(total / states.len().max(1) as f32)
    }

    /// The tuned layers (detached copies).
    pub fn tuned(&self) -> Result<TunedTop> {
        let layers = self
            .layers
            .iter()
            .map(|l| {
                let map: HashMap<String, Tensor> = l
                    .named_tensors()
                    .into_iter()
                    .map(|(n, t)| Ok((n, t.detach().copy()?)))
                    .collect::<candle_core::Result<_>>()?;
                let vb = VarBuilder::from_tensors(map, DType::F32, &Device::Cpu);
                Ok(Layer::load(&vb, &self.config)?)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(TunedTop {
            start: self.start,
            layers,
        })
    }
}

/// Fine-tunes the top `cfg.layers` layers on `texts` with class indices
/// `labels` (`< n_classes`).
pub fn fine_tune<S: AsRef<str>>(
    embedder: &Embedder,
    texts: &[S],
    labels: &[usize],
    n_classes: usize,
    cfg: &TuneConfig,
) -> Result<(TunedTop, TuneReport)> {
    fine_tune_with_progress(embedder, texts, labels, n_classes, cfg, |_, _, _| {})
}

/// [`fine_tune`], calling `on_epoch(pass, mean loss, seconds training so
/// far)` after each pass (passes counted from 1).
pub fn fine_tune_with_progress<S: AsRef<str>>(
    embedder: &Embedder,
    texts: &[S],
    labels: &[usize],
    n_classes: usize,
    cfg: &TuneConfig,
    mut on_epoch: impl FnMut(usize, f32, f64),
) -> Result<(TunedTop, TuneReport)> {
    if texts.len() != labels.len() || labels.iter().any(|&y| y >= n_classes) {
        return Err(EmbedError::Tuned(format!(
            "{} texts, {} labels, {n_classes} classes",
            texts.len(),
            labels.len()
        )));
    }
    let mut trainer = Trainer::new(embedder, n_classes, cfg)?;
    let start = Instant::now();
    let states = lower_outputs(embedder, texts, trainer.start())?;
    let lower_secs = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut epoch_loss = Vec::new();
    for pass in 1..=cfg.passes() {
        epoch_loss.push(trainer.epoch(&states, labels)?);
        on_epoch(pass, epoch_loss[pass - 1], start.elapsed().as_secs_f64());
        if cfg
            .max_secs
            .is_some_and(|m| start.elapsed().as_secs_f64() >= m)
        {
            break;
        }
    }
    Ok((
        trainer.tuned()?,
        TuneReport {
            epoch_loss,
            lower_secs,
            train_secs: start.elapsed().as_secs_f64(),
        },
    ))
}

impl Embedder {
    /// A copy of this embedder whose top layers are `top`'s: its
    /// [`Embedder::embed`] gives the tuned embeddings. The frozen layers'
    /// weights are shared, not copied.
    pub fn with_top(&self, top: &TunedTop) -> Result<Embedder> {
        let n = self.encoder().layers.len();
        if top.start + top.layers.len() != n {
            return Err(EmbedError::Tuned(format!(
                "layers {}..{} are not the top of a {n}-layer network",
                top.start,
                top.start + top.layers.len()
            )));
        }
        let mut out = self.clone();
        out.model.layers.truncate(top.start);
        out.model.layers.extend(top.layers.iter().cloned());
        Ok(out)
    }

    /// The network's top `k` layers (its last `k` transformer layers, which
    /// [`Embedder::with_top`] put there if they were tuned), as a
    /// [`TunedTop`] to save. The weights are shared, not copied.
    pub fn top(&self, k: usize) -> TunedTop {
        let n = self.encoder().layers.len();
        let start = n - k.min(n);
        TunedTop {
            start,
            layers: self.encoder().layers[start..].to_vec(),
        }
    }

    /// Embeddings of `texts` from the network with its top layers replaced
    /// by `top`: for each text, the usual embedding (unit length, as
    /// [`Embedder::embed`]) and the tuned one (unit length), computed in one
    /// pass through the shared lower layers.
    pub fn embed_tuned<S: AsRef<str>>(
        &self,
        texts: &[S],
        top: &TunedTop,
    ) -> Result<Vec<(Vec<f32>, Vec<f32>)>> {
        let mut out = vec![(Vec::new(), Vec::new()); texts.len()];
        let enc = self.encoder();
        for batch in self.length_batches(texts) {
            let bt: Vec<&str> = batch.iter().map(|&i| texts[i].as_ref()).collect();
            let (ids, types, mask) = self.tokenize(&bt)?;
            let lower = enc.forward_to(&ids, &types, &mask, top.start)?;
            let base = top_pool(&enc.layers[top.start..], &lower, &mask, None)?;
            let tuned = top_pool(&top.layers, &lower, &mask, None)?;
            let base = crate::bert::unit_rows(&base)?.to_vec2::<f32>()?;
            let tuned = crate::bert::unit_rows(&tuned)?.to_vec2::<f32>()?;
            for ((&i, b), t) in batch.iter().zip(base).zip(tuned) {
                out[i] = (b, t);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_warms_up_then_decays_to_zero() {
        // Constant without warm-up or decay (the default).
        assert!((0..10).all(|k| lr_factor(k, 10, 0.0, false) == 1.0));
        // 10 % warm-up of 20 steps: 0.5, 1, then a linear fall to 1/18.
        let f: Vec<f64> = (0..20).map(|k| lr_factor(k, 20, 0.1, true)).collect();
        assert_eq!(f[0], 0.5);
        assert_eq!(f[1], 1.0);
        assert_eq!(f[2], 1.0);
        assert!(f.windows(2).skip(2).all(|w| w[1] < w[0]));
        assert!((f[19] - 1.0 / 18.0).abs() < 1e-12);
        // Past the plan the rate stays at 0, never negative.
        assert_eq!(lr_factor(25, 20, 0.1, true), 0.0);
        // Warm-up without decay stays at 1 afterwards.
        assert_eq!(lr_factor(15, 20, 0.1, false), 1.0);
    }

    #[test]
    fn batches_cover_every_row_once() {
        let lens = [3, 9, 4, 4, 12, 7, 1];
        let mut rng = SplitMix64::new(1);
        let mut seen: Vec<usize> = epoch_batches(&lens, 3, &mut rng)
            .into_iter()
            .flatten()
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..lens.len()).collect::<Vec<_>>());
    }
}
