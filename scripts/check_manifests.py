"""Offline checks of the deployables under deploy/ (run by scripts/check-manifests.sh).

- Kubernetes objects rendered from deploy/k8s (kustomize): validated with
  kubernetes-validate against the Kubernetes schemas in strict mode (unknown fields fail).
- KEDA ScaledObjects: parsed with the models generated from KEDA's CRDs
  (cloudcoil-models-keda); a field the CRD does not declare fails, as the API server's
  strict field validation would. Then the kafka triggers: required metadata,
  maxReplicaCount no more than the partitions of the topics (topics/topics.toml), the
  target Deployment exists and runs the stage whose consumer group the trigger watches.
- Every long-running container has liveness on /healthz and readiness on /readyz, and a
  grace period longer than the drain timeout; every PodDisruptionBudget selects pods.
- deploy/compose.yaml: services, dependencies and mounted files exist.
- Prometheus alert rules and the Grafana dashboard use only metric names the source
  registers.

Usage: check_manifests.py RENDERED_K8S_YAML REPO_ROOT
"""

import json
import re
import sys
import tomllib
from pathlib import Path

import kubernetes_validate
import yaml
from cloudcoil.models.keda.v1alpha1 import ScaledObject

K8S_VERSION = "1.31.0"
KAFKA_REQUIRED = {"consumerGroup", "topic", "lagThreshold", "activationLagThreshold", "limitToPartitionsWithLag"}
problems: list[str] = []


def fail(where: str, message: str) -> None:
    problems.append(f"{where}: {message}")


def where(doc: dict) -> str:
    return f"{doc.get('kind')}/{doc.get('metadata', {}).get('name')}"


def seconds(text: str) -> float:
    m = re.fullmatch(r"(\d+)(ms|s|m)", text)
    if not m:
        raise ValueError(f"unsupported duration {text!r}")
    n, unit = int(m.group(1)), m.group(2)
    return n / 1000 if unit == "ms" else n * (60 if unit == "m" else 1)


def partitions(root: Path, prefix: str = "frontdesk") -> dict[str, int]:
    decl = tomllib.loads((root / "topics/topics.toml").read_text())
    return {f"{prefix}.{t['name']}": t["partitions"] for t in decl["topic"]}


def unknown_fields(given, parsed, path="") -> list[str]:
    if isinstance(given, dict) and isinstance(parsed, dict):
        out = []
        for k, v in given.items():
            if k not in parsed:
                out.append(f"{path}/{k}")
            else:
                out.extend(unknown_fields(v, parsed[k], f"{path}/{k}"))
        return out
    if isinstance(given, list) and isinstance(parsed, list):
        return [p for g, q in zip(given, parsed) for p in unknown_fields(g, q, path + "[]")]
    return []


def check_scaled_object(doc: dict, deployments: dict, topic_partitions: dict) -> None:
    w = where(doc)
    try:
        parsed = ScaledObject.model_validate(doc).model_dump(by_alias=True, exclude_unset=True, mode="json")
    except Exception as e:  # pydantic's ValidationError lists every field
        fail(w, f"not a valid ScaledObject: {e}")
        return
    for field in unknown_fields(doc, parsed):
        fail(w, f"unknown field {field}")
    spec = doc["spec"]
    target = deployments.get(spec["scaleTargetRef"]["name"])
    if target is None:
        fail(w, f"scaleTargetRef {spec['scaleTargetRef']['name']} is no Deployment here")
        return
    args = target["spec"]["template"]["spec"]["containers"][0].get("args", [])
    stage = args[args.index("--stages") + 1] if "--stages" in args else None
    triggers = spec.get("triggers", [])
    if not triggers:
        fail(w, "no triggers")
    for t in triggers:
        meta = t.get("metadata", {})
        if t.get("type") != "kafka":
            fail(w, f"trigger type {t.get('type')!r}, expected kafka")
            continue
        missing = KAFKA_REQUIRED - meta.keys()
        if missing:
            fail(w, f"kafka trigger lacks {sorted(missing)}")
        if not ({"bootstrapServers", "bootstrapServersFromEnv"} & meta.keys()):
            fail(w, "kafka trigger has no bootstrapServers(FromEnv)")
        if meta.get("consumerGroup") != f"frontdesk.{stage}":
            fail(w, f"consumerGroup {meta.get('consumerGroup')!r} is not the group of stage {stage!r}")
        topic = meta.get("topic")
        if topic not in topic_partitions:
            fail(w, f"topic {topic!r} is not declared in topics/topics.toml")
        elif spec.get("maxReplicaCount", 100) > topic_partitions[topic]:
            fail(w, f"maxReplicaCount {spec.get('maxReplicaCount')} exceeds the {topic_partitions[topic]} partitions of {topic}")
        for key in ("lagThreshold", "activationLagThreshold"):
            if key in meta and not str(meta[key]).isdigit():
                fail(w, f"{key} {meta[key]!r} is not a whole number")


def check_workload(doc: dict, drain: float) -> None:
    w = where(doc)
    pod = doc["spec"]["template"]["spec"]
    if doc["kind"] == "Deployment":
        if pod.get("terminationGracePeriodSeconds", 30) <= drain:
            fail(w, f"terminationGracePeriodSeconds must exceed the drain timeout ({drain}s)")
        for c in pod["containers"]:
            for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
                got = c.get(probe, {}).get("httpGet", {}).get("path")
                if got != path:
                    fail(w, f"container {c['name']}: {probe} on {got!r}, expected {path}")
    sc = pod.get("securityContext", {})
    if not sc.get("runAsNonRoot"):
        fail(w, "pods must run as non-root")


def check_k8s(rendered: Path, root: Path) -> None:
    docs = [d for d in yaml.safe_load_all(rendered.read_text()) if d]
    env = {}
    for d in docs:
        if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "frontdesk-env":
            env = d["data"]
    drain = seconds(env.get("FRONTDESK__RUNTIME__DRAIN_TIMEOUT", "20s"))
    deployments = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    topic_partitions = partitions(root)
    for d in docs:
        if d["apiVersion"].startswith("keda.sh/"):
            check_scaled_object(d, deployments, topic_partitions)
            continue
        try:
            kubernetes_validate.validate(d, K8S_VERSION, strict=True)
        except kubernetes_validate.ValidationError as e:
            fail(where(d), f"{'/'.join(map(str, e.path))}: {e.message}")
        if d["kind"] in ("Deployment", "Job"):
            check_workload(d, drain)
        if d["kind"] == "PodDisruptionBudget":
            selector = d["spec"]["selector"]["matchLabels"]
            if not any(selector.items() <= dep["spec"]["template"]["metadata"]["labels"].items() for dep in deployments.values()):
                fail(where(d), f"selects no Deployment's pods ({selector})")
    scaled = {d["spec"]["scaleTargetRef"]["name"] for d in docs if d["kind"] == "ScaledObject"}
    stages = {n for n, d in deployments.items() if "--stages" in d["spec"]["template"]["spec"]["containers"][0].get("args", [])}
    for name in sorted(stages - scaled):
        fail(f"Deployment/{name}", "a stage without a ScaledObject")
    print(f"k8s: {len(docs)} objects checked ({len(scaled)} ScaledObjects)")


def check_compose(root: Path) -> None:
    path = root / "deploy/compose.yaml"
    compose = yaml.safe_load(path.read_text())
    services = compose["services"]
    for name, s in services.items():
        w = f"compose service {name}"
        if "image" not in s and "build" not in s:
            fail(w, "has neither image nor build")
        for dep in s.get("depends_on", {}):
            if dep not in services:
                fail(w, f"depends on unknown service {dep}")
        for v in s.get("volumes", []):
            source = v.split(":")[0] if isinstance(v, str) else v.get("source", "")
            if source.startswith(".") and not (path.parent / source).exists():
                fail(w, f"mounts {source}, which does not exist")
    print(f"compose: {len(services)} services checked")


def known_metrics(root: Path) -> set[str]:
    """Metric names the source registers: `frontdesk_` + the runtime's names (counters get
    `_total`, histograms `_bucket`/`_sum`/`_count`) and any literal `frontdesk_..._total`."""
    src = (root / "src/runtime/metrics.rs").read_text()
    names = set()
    for name, counter in re.findall(r'\(\s*"([a-z_]+)",\s*"[^"]*",\s*(true|false),', src):
        names.add(f"frontdesk_{name}" + ("_total" if counter == "true" else ""))
    for name in re.findall(r'"([a-z_]+)",\s*"[^"]*",\s*(?:latency|outcomes)\.clone\(\)', src):
        if name.endswith("_seconds"):
            names.update(f"frontdesk_{name}{s}" for s in ("_bucket", "_sum", "_count"))
        else:
            names.add(f"frontdesk_{name}_total")
    # counters by a second label: (name, help, label, |m| ...)
    for name in re.findall(r'\(\s*"([a-z_]+)",\s*"[^"]*",\s*"[a-z_]+",\s*\|m\|', src):
        names.add(f"frontdesk_{name}_total")
    # descriptors encoded by hand: a gauge keeps its name, a counter gets `_total`
    for name, kind in re.findall(
        r'encode_descriptor\(\s*"([a-z_]+)",[^;]*?(ConstGauge|ConstCounter)', src
    ):
        names.add(f"frontdesk_{name}" + ("_total" if kind == "ConstCounter" else ""))
    for f in (root / "src").rglob("*.rs"):
        names.update(re.findall(r'"(frontdesk_[a-z_]+_total)"', f.read_text()))
    return names


def check_metric_names(root: Path) -> None:
    known = known_metrics(root)
    exprs = []
    rules = yaml.safe_load((root / "deploy/prometheus/alerts.yml").read_text())
    for group in rules["groups"]:
        for rule in group["rules"]:
            for key in ("alert", "expr", "for"):
                if key not in rule:
                    fail(f"alert {rule.get('alert')}", f"lacks {key}")
            exprs.append((f"alert {rule.get('alert')}", rule.get("expr", "")))
    dashboard = json.loads((root / "deploy/grafana/dashboards/frontdesk.json").read_text())
    for panel in dashboard["panels"]:
        for target in panel.get("targets", []):
            exprs.append((f"panel {panel.get('title')!r}", target["expr"]))
    for w, expr in exprs:
        for name in re.findall(r"\b(frontdesk_[a-z_]+)", expr):
            if name not in known:
                fail(w, f"uses {name}, which the source does not register")
    print(f"metrics: {len(exprs)} expressions checked against {len(known)} registered names")


def main() -> int:
    rendered, root = Path(sys.argv[1]), Path(sys.argv[2])
    check_k8s(rendered, root)
    check_compose(root)
    check_metric_names(root)
    for p in problems:
        print(f"FAIL {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
