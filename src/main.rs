//! The `frontdesk` binary: see [`frontdesk::cli`].

/// Every record allocates and frees many small buffers (Avro values, envelopes, task
/// state) across tokio's worker threads; mimalloc's thread-local free lists cost less
/// there than glibc's arenas (see the README's benchmark notes).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    frontdesk::cli::main().await
}
