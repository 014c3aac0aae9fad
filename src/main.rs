//! The `frontdesk` binary: see [`frontdesk::cli`].

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    frontdesk::cli::main().await
}
