# syntax=docker/dockerfile:1
#
# The frontdesk image: one binary, the shipped config, models and data, non-root.
#
#   docker build -t frontdesk .
#   docker run --rm frontdesk demo                        # the embedded-broker demo
#   docker run --rm -e FRONTDESK__KAFKA__BROKERS=kafka:9092 frontdesk run --stages router
#
# Stages: `chef` (toolchain and cargo-chef), `planner` (the dependency recipe), `builder`
# (dependencies built from the recipe, a layer that changes only when Cargo.toml or
# Cargo.lock do; then the workspace), `runtime` (distroless, glibc, no shell).
#
# The image's binary has no debug info (panics still name functions): the release
# profile's line tables alone are 193 of its 242 MB (`ls -l` before and after
# `strip --strip-debug`: 242,353,096 and 49,003,504 bytes).

ARG RUST_VERSION=1.95
ARG DEBIAN=bookworm

FROM rust:${RUST_VERSION}-slim-${DEBIAN} AS chef
# librdkafka, SQLite and jemalloc are compiled from source by their -sys crates (make, cc).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential cmake perl pkg-config python3 zlib1g-dev \
    && rm -rf /var/lib/apt/lists/*
RUN cargo install cargo-chef --locked --version 0.1.78
WORKDIR /src

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /src/recipe.json recipe.json
RUN cargo chef cook --release --locked --recipe-path recipe.json --package frontdesk --bin frontdesk
COPY . .
RUN cargo build --release --locked --package frontdesk --bin frontdesk \
    && mkdir -p /out/usr/bin /out/usr/share/frontdesk/models /out/var/lib/frontdesk \
    && strip --strip-debug -o /out/usr/bin/frontdesk target/release/frontdesk \
    && cp -r config data eval topics /out/usr/share/frontdesk/ \
    && cp -r models/router /out/usr/share/frontdesk/models/router

FROM gcr.io/distroless/cc-debian12:nonroot AS runtime
LABEL org.opencontainers.image.title="frontdesk" \
      org.opencontainers.image.description="Kafka-native customer-service agent" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=builder /out/usr /usr
COPY --from=builder --chown=65532:65532 /out/var/lib/frontdesk /var/lib/frontdesk
# Where the binary finds config/, models/ and data/ (src/home.rs); the working directory
# holds what it writes (the default SQLite state under .frontdesk/).
ENV FRONTDESK_HOME=/usr/share/frontdesk \
    FRONTDESK__METRICS__LISTEN=0.0.0.0:9464
WORKDIR /var/lib/frontdesk
# 65532 is distroless's `nonroot` user.
USER 65532:65532
EXPOSE 9464
ENTRYPOINT ["/usr/bin/frontdesk"]
CMD ["run"]
