#!/usr/bin/env python3
"""Check the deployment files against each other and against NewsIngest, without a Docker engine or a cluster.

docker-compose.yml is interpolated as `docker compose` does (${VAR:-default}, $$) and validated by jsonschema against
the Compose Specification (../shared/compose-spec.json). Then the checks only this project can make: the topics
kafka-init creates, the worker's replicas, drain time and probes, a value for every variable the binaries read,
brokers, database and topics that name what compose runs, the image and its Dockerfile, Deploy/kubernetes/ against
itself and the compose file, and the Grafana dashboard against the worker's metrics.

Exit codes: 0 valid, 1 problems found (each printed), 2 cannot run (missing Python packages or files).

    python3 -m pip install -r Scripts/requirements.txt   # jsonschema, PyYAML (Scripts/test.sh does it)
    python3 Scripts/validate-compose.py [--file docker-compose.yml] [--project-dir DIR] [--use-env]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import sys
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import urlsplit

try:
    import jsonschema
    import yaml
except ImportError as missing:
    print(
        f"validate-compose: the Python package '{missing.name}' is not installed.\n"
        "Install the script's dependencies with: python3 -m pip install -r Scripts/requirements.txt",
        file=sys.stderr,
    )
    sys.exit(2)

ROOT = Path(__file__).resolve().parent.parent

# What the binaries read from the environment (ingest-worker reads all of them).
APP_ENV = [
    "KAFKA_BROKERS",
    "DATABASE_URL",
    "KAFKA_TOPIC",
    "KAFKA_DLQ_TOPIC",
    "KAFKA_GROUP",
    "INGEST_BATCH_SIZE",
    "INGEST_THREADS",
    "INGEST_MIGRATIONS_DIR",
    "METRICS_PORT",
]
PRODUCER_ENV = ["KAFKA_BROKERS", "KAFKA_TOPIC"]
MIGRATE_ENV = ["DATABASE_URL", "INGEST_MIGRATIONS_DIR"]
WORKER = "worker"
WORKER_REPLICAS = 3
IMAGE = "newsingest:latest"
REQUIRED_TOPICS = ["articles.raw", "articles.dlq"]


class Problems:
    """Collects every problem so one run reports all of them."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{where}: {message}")


def load_yaml(path: Path, problems: Problems, many: bool = False):
    try:
        text = path.read_text(encoding="utf-8")
        if many:
            return [doc for doc in yaml.safe_load_all(text) if doc is not None]
        return yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as error:
        problems.add(str(path), f"cannot be read as YAML: {error}")
        return None


# ---- Interpolation: the schema must see what compose would run ---------------------------------------------------

# $$, ${NAME...} (one level of nesting inside a default), $NAME, or a lone $.
_SUBSTITUTION = re.compile(r"\$\$|\$\{((?:[^{}]|\{[^{}]*\})*)\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$")
_BRACED = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-|:\?|\?|:\+|\+)(.*))?", re.S)


def interpolate_string(text: str, env: dict[str, str], where: str, problems: Problems) -> str:
    """Compose's substitution: $$, $NAME, ${NAME}, ${NAME:-d}, ${NAME-d}, ${NAME:?e}, ${NAME?e}, ${NAME:+a}."""

    def lookup(name: str) -> str:
        if name not in env:
            problems.add(
                where,
                f"variable {name} is not set and has no default (compose would use an empty string; "
                "write $$ for a shell variable)",
            )
        return env.get(name, "")

    def replace(match: re.Match) -> str:
        braced, bare = match.group(1), match.group(2)
        if match.group(0) == "$$":
            return "$"
        if bare is not None:
            return lookup(bare)
        if braced is None:
            problems.add(where, f"lone '$' in {text!r}: write '$$' for a literal dollar sign")
            return "$"
        parts = _BRACED.fullmatch(braced)
        if not parts:
            problems.add(where, f"invalid substitution '${{{braced}}}'")
            return ""
        name, op, arg = parts.groups()
        if op is None:
            return lookup(name)
        value = env.get(name)
        unset = value is None or (op.startswith(":") and value == "")
        arg = interpolate_string(arg, env, where, problems)
        if op in (":-", "-"):
            return arg if unset else value
        if op in (":?", "?"):
            if unset:
                problems.add(where, f"required variable {name} is not set: {arg}")
            return value or ""
        return "" if unset else arg

    return _SUBSTITUTION.sub(replace, text)


def interpolate(node, env: dict[str, str], where: str, problems: Problems):
    if isinstance(node, str):
        return interpolate_string(node, env, where, problems)
    if isinstance(node, list):
        return [interpolate(item, env, f"{where}[{n}]", problems) for n, item in enumerate(node)]
    if isinstance(node, dict):
        # Keys starting with x- are extension fields: compose does not interpolate those.
        return {
            key: value if str(key).startswith("x-") else interpolate(value, env, f"{where}.{key}", problems)
            for key, value in node.items()
        }
    return node


def read_env_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip().strip("'\"")
    return values


# ---- The image ---------------------------------------------------------------------------------------------------


class Dockerfile:
    """The parts of Deploy/Dockerfile the checks need: stages, and per stage its instructions."""

    def __init__(self, text: str) -> None:
        self.stages: list[list[tuple[str, str]]] = []
        logical = ""
        for raw in text.splitlines():
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.endswith("\\"):
                logical += stripped[:-1] + " "
                continue
            parts = (logical + stripped).split(None, 1)
            logical = ""
            instruction, argument = parts[0].upper(), parts[1] if len(parts) > 1 else ""
            if instruction == "FROM":
                self.stages.append([])
            if self.stages:
                self.stages[-1].append((instruction, argument))

    def final_env(self) -> dict[str, str]:
        env: dict[str, str] = {}
        for instruction, argument in self.stages[-1] if self.stages else []:
            if instruction == "ENV":
                words = shlex.split(argument)
                if words and "=" not in words[0]:
                    env[words[0]] = " ".join(words[1:])
                else:
                    env.update(word.split("=", 1) for word in words if "=" in word)
        return env

    def copy_sources(self) -> list[str]:
        sources: list[str] = []
        for stage in self.stages:
            for instruction, argument in stage:
                words = [w for w in shlex.split(argument) if not w.startswith("--")]
                if instruction in ("COPY", "ADD") and "--from=" not in argument and len(words) >= 2:
                    sources.extend(words[:-1])
        return sources


def check_image(where: str, service: dict, project: Path, dockerfiles: dict, problems: Problems) -> dict[str, str]:
    """One image for every app service, from a Dockerfile whose COPY sources reach the build context. Returns the
    image's ENV."""
    build = service.get("build")
    build = {"context": build} if isinstance(build, str) else build
    context = project / build.get("context", ".")
    dockerfile = context / build.get("dockerfile", "Dockerfile")
    if not dockerfile.is_file():
        problems.add(f"{where}.build", f"{dockerfile} does not exist")
        return {}
    if service.get("image") != IMAGE:
        problems.add(f"{where}.image", f"app services share one image, {IMAGE}; got {service.get('image')!r}")
    key = str(dockerfile)
    if key not in dockerfiles:
        dockerfiles[key] = Dockerfile(dockerfile.read_text(encoding="utf-8"))
        ignore = context / ".dockerignore"
        ignored = [
            line.strip().rstrip("/")
            for line in (ignore.read_text(encoding="utf-8").splitlines() if ignore.is_file() else [])
            if line.strip() and not line.strip().startswith("#")
        ]
        for source in dockerfiles[key].copy_sources():
            relative = source.removeprefix("./").rstrip("/") or "."
            if not any(context.glob(source.lstrip("/"))):
                problems.add(key, f"COPY source {source} does not exist in the build context")
            elif any(fnmatch(relative, pattern) or relative.startswith(pattern + "/") for pattern in ignored):
                problems.add(key, f"COPY source {source} is excluded by .dockerignore")
    return dockerfiles[key].final_env()


# ---- Compose checks ----------------------------------------------------------------------------------------------


def environment_of(service: dict) -> dict[str, str]:
    declared = service.get("environment", {})
    if isinstance(declared, list):
        return dict(str(item).partition("=")[::2] for item in declared)
    return {key: "" if value is None else str(value) for key, value in declared.items()}


def created_topics(init: dict, problems: Problems) -> dict[str, int]:
    """The topics kafka-init's `kafka-topics.sh --create` commands make, with their partition counts."""
    partitions: dict[str, int] = {}
    command = init.get("command", "")
    text = " ".join(command) if isinstance(command, list) else str(command)
    words = shlex.split(text.replace("\\\n", " "))
    for n, word in enumerate(words):
        if word != "--create":
            continue
        create = words[n:]
        end = next((k for k, w in enumerate(create[1:], 1) if w.endswith("kafka-topics.sh") or w == "--create"), None)
        create = create[:end]
        option = {create[k]: create[k + 1] for k in range(len(create) - 1) if create[k].startswith("--")}
        topic, count = option.get("--topic"), option.get("--partitions", "")
        if "--if-not-exists" not in create:
            problems.add("services.kafka-init", f"creating {topic} without --if-not-exists fails on a rerun")
        if topic and count.isdigit():
            partitions[topic] = int(count)
        else:
            problems.add("services.kafka-init", f"--create without --topic and a numeric --partitions: {create}")
    for topic in REQUIRED_TOPICS:
        if topic not in partitions:
            problems.add("services.kafka-init", f"topic {topic} is not created")
    return partitions


def check_worker(worker: dict, partitions: dict[str, int], problems: Problems) -> None:
    """Replicas (a whole number, as many as planned, no more than partitions), drain time, and a probe."""
    where = f"services.{WORKER}"
    replicas = (worker.get("deploy") or {}).get("replicas")
    count = replicas if isinstance(replicas, int) and not isinstance(replicas, bool) else None
    if isinstance(replicas, str) and replicas.isdigit():
        count = int(replicas)
    if count is None:
        problems.add(f"{where}.deploy.replicas", f"must be a whole number, got {replicas!r}")
    elif count != WORKER_REPLICAS:
        problems.add(f"{where}.deploy.replicas", f"must be {WORKER_REPLICAS}, got {count}")
    topic = environment_of(worker).get("KAFKA_TOPIC", "")
    if count is not None and topic in partitions and count > partitions[topic]:
        problems.add(f"{where}.deploy.replicas", f"{count} consumers for {partitions[topic]} partitions")
    if not worker.get("stop_grace_period"):
        problems.add(where, "stop_grace_period is not set: workers need time to drain")
    port = environment_of(worker).get("METRICS_PORT", "")
    test = (worker.get("healthcheck") or {}).get("test")
    text = " ".join(test) if isinstance(test, list) else str(test or "")
    if not re.search(rf"\b{re.escape(port)}\b", text) or not re.search(r"/(readyz|healthz)\b", text):
        problems.add(f"{where}.healthcheck", f"must ask /readyz or /healthz on METRICS_PORT ({port or 'unset'})")


def check_compose(doc: dict, project: Path, problems: Problems) -> dict:
    """The project's own checks of the compose file; returns facts the Kubernetes checks reuse."""
    facts: dict = {"partitions": {}}
    services: dict = doc.get("services") or {}
    init = services.get("kafka-init")
    if init is None:
        problems.add("services", "no kafka-init service: the workers need their topics created")
    else:
        facts["partitions"] = created_topics(init, problems)
    kafka = services.get("kafka")
    if kafka is not None:
        kafka_env = environment_of(kafka)
        if kafka_env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "").lower() != "false":
            problems.add("services.kafka.environment", "KAFKA_AUTO_CREATE_TOPICS_ENABLE must be false")
        facts["advertised"] = kafka_env.get("KAFKA_ADVERTISED_LISTENERS", "")
    dockerfiles: dict[str, Dockerfile] = {}
    for name, required in ((WORKER, APP_ENV), ("producer", PRODUCER_ENV), ("migrate", MIGRATE_ENV)):
        service = services.get(name)
        if service is None:
            problems.add("services", f"no '{name}' service")
            continue
        env = check_image(f"services.{name}", service, project, dockerfiles, problems) if "build" in service else {}
        env.update(environment_of(service))
        for variable in required:
            if not env.get(variable):
                problems.add(f"services.{name}.environment", f"{variable} has no value (compose or image ENV)")
        check_app_env(name, env, services, facts, problems)
    if WORKER in services:
        check_worker(services[WORKER], facts["partitions"], problems)
    producer = services.get("producer")
    if producer is not None and "tools" not in (producer.get("profiles") or []):
        problems.add("services.producer", "should run on demand: profiles: [\"tools\"]")
    return facts


def check_app_env(name: str, env: dict[str, str], services: dict, facts: dict, problems: Problems) -> None:
    where = f"services.{name}.environment"
    hostnames = set(services) | {s.get("hostname") for s in services.values() if s.get("hostname")}
    for broker in filter(None, env.get("KAFKA_BROKERS", "").split(",")):
        host, _, port = broker.strip().rpartition(":")
        if host not in hostnames or not port.isdigit():
            problems.add(where, f"KAFKA_BROKERS entry {broker!r} is not host:port of a compose service")
        elif facts.get("advertised") is not None and f"//{broker.strip()}" not in facts["advertised"]:
            problems.add(where, f"KAFKA_BROKERS entry {broker!r} is not an advertised Kafka listener")
    url = env.get("DATABASE_URL")
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("postgres", "postgresql") or parts.hostname not in hostnames:
            problems.add(where, "DATABASE_URL must be postgres://user:password@<compose service>:port/db")
        postgres = services.get(parts.hostname or "", {})
        database = environment_of(postgres).get("POSTGRES_DB")
        if database and parts.path.lstrip("/") != database:
            problems.add(where, f"DATABASE_URL names database {parts.path.lstrip('/')!r}, not {database!r}")
    for variable in ("KAFKA_TOPIC", "KAFKA_DLQ_TOPIC"):
        topic = env.get(variable)
        if topic and facts["partitions"] and topic not in facts["partitions"]:
            problems.add(where, f"{variable}={topic} is not created by kafka-init (auto-create is off)")
    for variable in ("INGEST_BATCH_SIZE", "INGEST_THREADS"):
        value = env.get(variable)
        if value and not (value.isdigit() and int(value) > 0):
            problems.add(where, f"{variable} must be a positive integer, got {value!r}")


# ---- Kubernetes checks ---------------------------------------------------------------------------------------


def check_kubernetes(directory: Path, project: Path, facts: dict, problems: Problems) -> int:
    """Cross-checks the manifests with each other and with the compose facts. Returns the object count."""
    objects: dict[tuple[str, str], dict] = {}
    files = sorted(directory.glob("*.yaml"))
    for path in files:
        for doc in load_yaml(path, problems, many=True) or []:
            kind, name = doc.get("kind"), (doc.get("metadata") or {}).get("name")
            if not (doc.get("apiVersion") and kind):
                problems.add(str(path), "a document without apiVersion and kind")
                continue
            if kind != "Kustomization" and not name:
                problems.add(str(path), f"{kind} without metadata.name")
            objects[(kind, name or path.name)] = doc | {"__file": path.name}
    kustomization = next((o for (k, _), o in objects.items() if k == "Kustomization"), None)
    if kustomization is None:
        problems.add(str(directory), "no kustomization.yaml")
    else:
        for resource in kustomization.get("resources", []):
            if not (directory / resource).is_file():
                problems.add(f"{directory}/kustomization.yaml", f"resource {resource} does not exist")

    def named(kind: str, name: str):
        return objects.get((kind, name))

    secret = next((o for (k, _), o in objects.items() if k == "Secret"), {})
    secret_keys = set((secret.get("stringData") or {}) | (secret.get("data") or {}))
    dockerfile = Dockerfile((project / "Deploy" / "Dockerfile").read_text(encoding="utf-8"))
    image_env = dockerfile.final_env()
    uid_match = re.search(r"--uid\s+(\d+)", " ".join(a for s in dockerfile.stages for _, a in s))
    image_uid = int(uid_match.group(1)) if uid_match else None

    def pod_env(where: str, pod: dict) -> dict[str, str]:
        env = dict(image_env)
        for container in pod.get("containers", []):
            for source in container.get("envFrom", []):
                ref = (source.get("configMapRef") or {}).get("name")
                config = named("ConfigMap", ref) if ref else None
                if ref and config is None:
                    problems.add(where, f"envFrom ConfigMap {ref} is not defined")
                env.update((config or {}).get("data") or {})
            for item in container.get("env", []):
                key_ref = (item.get("valueFrom") or {}).get("secretKeyRef") or {}
                if key_ref:
                    if key_ref.get("key") not in secret_keys:
                        problems.add(where, f"secretKeyRef {key_ref.get('key')} is not in the Secret template")
                    env[item["name"]] = "<secret>"
                else:
                    env[item["name"]] = str(item.get("value", ""))
        user = (pod.get("securityContext") or {}).get("runAsUser")
        if not (pod.get("securityContext") or {}).get("runAsNonRoot"):
            problems.add(where, "pod securityContext.runAsNonRoot is not true")
        if image_uid is not None and user != image_uid:
            problems.add(where, f"runAsUser {user} is not the image's user {image_uid}")
        return env

    def check_worker_pod(where: str, template: dict, env: dict[str, str]) -> None:
        pod = template.get("spec") or {}
        port = env.get("METRICS_PORT", "")
        annotations = (template.get("metadata") or {}).get("annotations") or {}
        if annotations.get("prometheus.io/scrape") != "true" or annotations.get("prometheus.io/port") != port:
            problems.add(where, f"pod annotations must ask Prometheus to scrape METRICS_PORT ({port or 'unset'})")
        volumes = {v.get("name"): v for v in pod.get("volumes", [])}
        for container in pod.get("containers", []):
            # Arguments are world-readable in /proc/PID/cmdline: secrets go in a mounted file or the environment.
            for word in (container.get("command") or []) + (container.get("args") or []):
                if re.search(r"password|secret|jaas|token|PASSWORD|SECRET", str(word)):
                    problems.add(where, f"a secret in a command-line argument: {str(word).split('=')[0]}=...")
            ports = {p.get("name"): str(p.get("containerPort")) for p in container.get("ports", [])}
            for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
                get = (container.get(probe) or {}).get("httpGet") or {}
                target = str(get.get("port", ""))
                if get.get("path") != path or ports.get(target, target) != port:
                    problems.add(where, f"{probe} must GET {path} on METRICS_PORT ({port or 'unset'})")
            for mount in container.get("volumeMounts", []):
                secret_volume = (volumes.get(mount.get("name")) or {}).get("secret")
                for item in (secret_volume or {}).get("items", []):
                    if item.get("key") not in secret_keys:
                        problems.add(where, f"secret volume key {item.get('key')} is not in the Secret template")
        config_file = env.get("KAFKA_CONFIG_FILE")
        if config_file:
            mounted = [
                m.get("mountPath", "")
                for c in pod.get("containers", [])
                for m in c.get("volumeMounts", [])
                if (volumes.get(m.get("name")) or {}).get("secret")
            ]
            if not any(config_file.startswith(path.rstrip("/") + "/") for path in mounted):
                problems.add(where, f"KAFKA_CONFIG_FILE {config_file} is not in a mounted Secret")

    worker_config: dict[str, str] = {}
    for (kind, name), doc in objects.items():
        where = f"{directory.name}/{doc['__file']} {kind}/{name}"
        spec = doc.get("spec") or {}
        if kind == "Deployment":
            template = spec.get("template") or {}
            labels = (template.get("metadata") or {}).get("labels") or {}
            selector = (spec.get("selector") or {}).get("matchLabels") or {}
            if not selector or any(labels.get(k) != v for k, v in selector.items()):
                problems.add(where, "selector.matchLabels does not match the pod template labels")
            worker_config = pod_env(where, template.get("spec") or {})
            for variable in APP_ENV:
                if not worker_config.get(variable):
                    problems.add(where, f"{variable} has no value")
            check_worker_pod(where, template, worker_config)
        if kind == "Job":
            pod = (spec.get("template") or {}).get("spec") or {}
            if pod.get("restartPolicy") not in ("Never", "OnFailure"):
                problems.add(where, "a Job's restartPolicy must be Never or OnFailure")
            env = pod_env(where, pod)
            for variable in MIGRATE_ENV:
                if not env.get(variable):
                    problems.add(where, f"{variable} has no value")
    for (kind, name), doc in objects.items():
        if kind != "ScaledObject":
            continue
        where = f"{directory.name}/{doc['__file']} {kind}/{name}"
        spec = doc.get("spec") or {}
        target = (spec.get("scaleTargetRef") or {}).get("name")
        if named("Deployment", target) is None:
            problems.add(where, f"scaleTargetRef {target} is not a Deployment here")
        for trigger in spec.get("triggers", []):
            if trigger.get("type") != "kafka":
                continue
            meta = trigger.get("metadata") or {}
            pairs = (("consumerGroup", "KAFKA_GROUP"), ("topic", "KAFKA_TOPIC"), ("bootstrapServers", "KAFKA_BROKERS"))
            for field, variable in pairs:
                if meta.get(field) != worker_config.get(variable):
                    problems.add(where, f"{field} {meta.get(field)!r} is not the worker's {variable}")
            partitions = facts["partitions"].get(meta.get("topic"))
            if partitions and int(spec.get("maxReplicaCount", 100)) > partitions:
                problems.add(where, f"maxReplicaCount exceeds the {partitions} partitions of {meta.get('topic')}")
            auth = (trigger.get("authenticationRef") or {}).get("name")
            if auth:
                trigger_auth = named("TriggerAuthentication", auth)
                if trigger_auth is None:
                    problems.add(where, f"authenticationRef {auth} is not defined")
                for ref in ((trigger_auth or {}).get("spec") or {}).get("secretTargetRef", []):
                    if ref.get("key") not in secret_keys:
                        problems.add(where, f"TriggerAuthentication key {ref.get('key')} is not in the Secret")
    return len(objects)


def check_dashboard(project: Path, problems: Problems) -> None:
    """Every metric the Grafana dashboard queries is one the worker defines (Sources/Worker)."""
    dashboard = project / "Deploy" / "grafana" / "newsingest-dashboard.json"
    if not dashboard.is_file():
        return
    try:
        panels = json.loads(dashboard.read_text(encoding="utf-8")).get("panels", [])
    except json.JSONDecodeError as error:
        problems.add(str(dashboard), f"not JSON: {error}")
        return
    sources = " ".join(p.read_text(encoding="utf-8") for p in (project / "Sources" / "Worker").glob("*.swift"))
    defined = set(re.findall(r'label: "(ingest_[a-z_]+)"', sources))
    for panel in panels:
        for target in panel.get("targets", []):
            for name in re.findall(r"\b(ingest_[a-z_]+)", target.get("expr", "")):
                base = re.sub(r"_(bucket|sum|count)$", "", name)
                if name not in defined and base not in defined:
                    problems.add(f"{dashboard.name} {panel.get('title')!r}", f"{name} is not a metric the worker defines")


# ---- Main --------------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=ROOT / "docker-compose.yml", help="compose file to check")
    parser.add_argument(
        "--project-dir", type=Path, help="directory relative paths resolve against (default: the file's directory)"
    )
    parser.add_argument(
        "--schema",
        type=Path,
        default=ROOT.parent / "shared" / "compose-spec.json",
        help="the Compose Specification JSON Schema (default: ../shared/compose-spec.json)",
    )
    parser.add_argument(
        "--use-env",
        action="store_true",
        help="interpolate with the current environment and .env; by default only the file's own defaults are used",
    )
    parser.add_argument("--no-kubernetes", action="store_true", help="skip Deploy/kubernetes")
    parser.add_argument("--kubernetes-dir", type=Path, help="manifests to check (default: Deploy/kubernetes)")
    args = parser.parse_args()
    compose_file = args.file.resolve()
    project = (args.project_dir or compose_file.parent).resolve()
    for required in (compose_file, args.schema):
        if not required.is_file():
            print(f"validate-compose: {required} does not exist", file=sys.stderr)
            return 2

    problems = Problems()
    raw = load_yaml(compose_file, problems)
    if raw is not None and not isinstance(raw, dict):
        problems.add(str(compose_file), "the top level is not a mapping")
        raw = None
    facts: dict = {"partitions": {}}
    services = 0
    if raw is not None:
        env: dict[str, str] = {}
        if args.use_env:
            if (project / ".env").is_file():
                env.update(read_env_file(project / ".env"))
            env.update(os.environ)
        doc = interpolate(raw, env, compose_file.name, problems)
        schema = json.loads(args.schema.read_text(encoding="utf-8"))
        # The schema names draft 07 by an address jsonschema does not know ("https://", no "#").
        validator = jsonschema.Draft7Validator(schema)
        for error in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
            where = ".".join(map(str, error.absolute_path)) or "(top level)"
            problems.add(f"{compose_file.name} {where}", f"schema: {error.message}")
        services = len(doc.get("services") or {})
        facts = check_compose(doc, project, problems)
    kubernetes = (args.kubernetes_dir or project / "Deploy" / "kubernetes").resolve()
    objects = 0
    if not args.no_kubernetes and kubernetes.is_dir():
        objects = check_kubernetes(kubernetes, project, facts, problems)

    check_dashboard(project, problems)

    if problems.items:
        for item in problems.items:
            print(f"error: {item}", file=sys.stderr)
        print(f"validate-compose: {len(problems.items)} problem(s) in {compose_file}", file=sys.stderr)
        return 1
    print(
        f"validate-compose: OK: {compose_file.name} ({services} services) matches the Compose Specification; "
        f"topics, workers, image and environment check out"
        + (f"; {objects} Kubernetes objects are consistent with it" if objects else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
