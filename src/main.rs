//! The `frontdesk` binary: see [`frontdesk::cli`].

/// Every record allocates and frees many small buffers (Avro values, envelopes, task
/// state) across tokio's worker threads, where glibc's arenas cost a quarter of the profile
/// (README, benchmarks). jemalloc is as fast there as mimalloc was and holds each stage's
/// resident set 30-50 % lower over a long backlog (`docs/MEASUREMENTS.md`, session 16).
/// `--no-default-features` builds with the system allocator (for heap profilers that wrap
/// malloc); `--no-default-features --features mimalloc` with mimalloc.
#[cfg(feature = "jemalloc")]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[cfg(all(feature = "mimalloc", not(feature = "jemalloc")))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    frontdesk::cli::main().await
}
