#!/usr/bin/env python3
"""Validate the deployment files without a Docker engine or a Kubernetes cluster.

Checks docker-compose.yml against the Compose Specification JSON Schema (after interpolating ${VAR:-default}
the way `docker compose` does), then what the schema cannot see: dependencies that exist and can be met, mounts
and build files that exist, the worker's replica count, and that every environment variable the NewsIngest
binaries read has a value. Deploy/Dockerfile and Deploy/kubernetes/ are checked against the compose file.

Exit codes: 0 valid, 1 problems found (each printed), 2 cannot run (missing Python packages or files).

    python3 Scripts/validate-compose.py [--file docker-compose.yml] [--project-dir DIR] [--use-env]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
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


# ---- YAML ----------------------------------------------------------------------------------------------------


class StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys, as docker compose and kubectl do (PyYAML keeps the last one)."""


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node, deep=deep))


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, problems: Problems, many: bool = False):
    try:
        text = path.read_text(encoding="utf-8")
        if many:
            return [doc for doc in yaml.load_all(text, Loader=StrictLoader) if doc is not None]
        return yaml.load(text, Loader=StrictLoader)
    except (OSError, yaml.YAMLError) as error:
        problems.add(str(path), f"cannot be read as YAML: {error}")
        return None


# ---- Interpolation -------------------------------------------------------------------------------------------

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def interpolate_string(text: str, env: dict[str, str], where: str, problems: Problems) -> str:
    """Compose's substitution: $$, $NAME, ${NAME}, ${NAME:-d}, ${NAME-d}, ${NAME:?e}, ${NAME?e}, ${NAME:+a}."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != "$":
            out.append(ch)
            i += 1
            continue
        if text.startswith("$$", i):
            out.append("$")
            i += 2
            continue
        if text.startswith("${", i):
            depth, j = 1, i + 2
            while j < len(text) and depth:
                if text.startswith("${", j):
                    depth += 1
                    j += 2
                    continue
                if text[j] == "}":
                    depth -= 1
                j += 1
            if depth:
                problems.add(where, f"unterminated '${{' in {text!r}")
                return text
            out.append(_expand(text[i + 2 : j - 1], env, where, problems))
            i = j
            continue
        match = _NAME.match(text, i + 1)
        if not match:
            problems.add(where, f"lone '$' in {text!r}: write '$$' for a literal dollar sign")
            out.append("$")
            i += 1
            continue
        out.append(_lookup(match.group(0), env, where, problems))
        i = match.end()
    return "".join(out)


def _expand(body: str, env: dict[str, str], where: str, problems: Problems) -> str:
    match = _NAME.match(body)
    if not match:
        problems.add(where, f"invalid substitution '${{{body}}}'")
        return ""
    name, rest = match.group(0), body[match.end() :]
    value = env.get(name)
    for op in (":-", "-", ":?", "?", ":+", "+"):
        if rest.startswith(op):
            arg = interpolate_string(rest[len(op) :], env, where, problems)
            unset_or_empty = value is None or (op.startswith(":") and value == "")
            if op in (":-", "-"):
                return arg if unset_or_empty else value
            if op in (":?", "?"):
                if unset_or_empty:
                    problems.add(where, f"required variable {name} is not set: {arg}")
                    return ""
                return value
            return "" if unset_or_empty else arg
    if rest:
        problems.add(where, f"invalid substitution '${{{body}}}'")
        return ""
    return _lookup(name, env, where, problems)


def _lookup(name: str, env: dict[str, str], where: str, problems: Problems) -> str:
    if name not in env:
        problems.add(
            where,
            f"variable {name} is not set and has no default (compose would use an empty string; "
            "write $$ for a shell variable)",
        )
        return ""
    return env[name]


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
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip().strip("'\"")
    return values


# ---- Dockerfile ----------------------------------------------------------------------------------------------


class Dockerfile:
    """The parts of a Dockerfile the checks need: stages, and per stage its instructions."""

    def __init__(self, text: str) -> None:
        self.stages: list[list[tuple[str, str]]] = []
        for instruction, argument in self._instructions(text):
            if instruction == "FROM":
                self.stages.append([])
            if self.stages:
                self.stages[-1].append((instruction, argument))

    @staticmethod
    def _instructions(text: str):
        logical = ""
        for raw in text.splitlines():
            stripped = raw.strip()
            if not logical and (not stripped or stripped.startswith("#")):
                continue
            if stripped.startswith("#"):
                continue
            if stripped.endswith("\\"):
                logical += stripped[:-1] + " "
                continue
            logical += stripped
            parts = logical.split(None, 1)
            yield parts[0].upper(), parts[1] if len(parts) > 1 else ""
            logical = ""

    def final_env(self) -> dict[str, str]:
        env: dict[str, str] = {}
        for instruction, argument in self.stages[-1] if self.stages else []:
            if instruction != "ENV":
                continue
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
                if instruction not in ("COPY", "ADD"):
                    continue
                words = [w for w in shlex.split(argument) if not w.startswith("--")]
                if "--from=" in argument or len(words) < 2:
                    continue
                sources.extend(words[:-1])
        return sources


def dockerignore_patterns(context: Path) -> list[str]:
    path = context / ".dockerignore"
    if not path.is_file():
        return []
    return [
        line.strip().rstrip("/")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def is_ignored(source: str, patterns: list[str]) -> bool:
    source = source.removeprefix("./").rstrip("/") or "."
    return any(fnmatch(source, pattern) or source.startswith(pattern + "/") for pattern in patterns)


# ---- Compose checks ------------------------------------------------------------------------------------------


def environment_of(service: dict, project: Path, where: str, problems: Problems) -> dict[str, str]:
    env: dict[str, str] = {}
    env_files = service.get("env_file", [])
    for entry in [env_files] if isinstance(env_files, (str, dict)) else env_files:
        file = entry if isinstance(entry, str) else entry.get("path", "")
        path = project / file
        if path.is_file():
            env.update(read_env_file(path))
        elif not (isinstance(entry, dict) and entry.get("required") is False):
            problems.add(where, f"env_file {file} does not exist")
    declared = service.get("environment", {})
    if isinstance(declared, list):
        for item in declared:
            key, _, value = str(item).partition("=")
            env[key] = value
    else:
        env.update({key: "" if value is None else str(value) for key, value in declared.items()})
    return env


def check_shell_script(where: str, service: dict, problems: Problems) -> None:
    """A `sh -c` / `bash -c` script that does not parse would only fail when the container starts."""
    entrypoint = service.get("entrypoint")
    command = service.get("command")
    if not (isinstance(entrypoint, list) and len(entrypoint) == 2 and entrypoint[1] == "-c"):
        return
    shell = Path(str(entrypoint[0])).name
    if shell not in ("sh", "bash") or not isinstance(command, list) or not command:
        return
    checker = shutil.which("bash" if shell == "bash" else "sh")
    if checker is None:
        return
    result = subprocess.run([checker, "-n"], input=str(command[0]), capture_output=True, text=True)
    if result.returncode != 0:
        problems.add(f"{where}.command", f"{shell} syntax error: {result.stderr.strip()}")


def depends_on_of(service: dict) -> dict[str, dict]:
    deps = service.get("depends_on", {})
    if isinstance(deps, list):
        return {name: {"condition": "service_started"} for name in deps}
    return deps


def check_compose(doc: dict, project: Path, problems: Problems) -> dict:
    """Semantic checks; returns facts the Kubernetes checks reuse."""
    facts: dict = {"partitions": {}}
    services: dict = doc.get("services") or {}
    if not services:
        problems.add("services", "no services defined")
        return facts

    def active_by_default(name: str) -> bool:
        return not services[name].get("profiles")

    # Dependencies: targets exist, can be waited for, and form no cycle.
    for name, service in services.items():
        for target, spec in depends_on_of(service).items():
            where = f"services.{name}.depends_on.{target}"
            if target not in services:
                problems.add(where, f"depends on '{target}', which is not a service")
                continue
            if target == name:
                problems.add(where, "a service cannot depend on itself")
            if active_by_default(name) and not active_by_default(target):
                problems.add(where, f"'{target}' is only in profiles {services[target]['profiles']}")
            condition = (spec or {}).get("condition", "service_started")
            if condition == "service_healthy":
                check = services[target].get("healthcheck") or {}
                if not check.get("test") or check.get("disable"):
                    problems.add(where, f"waits for '{target}' to be healthy, but '{target}' has no healthcheck")
            if condition == "service_completed_successfully":
                restart = str(services[target].get("restart", "no"))
                if restart in ("always", "unless-stopped"):
                    problems.add(where, f"waits for '{target}' to complete, but it has restart: {restart}")
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(name: str, chain: list[str]) -> None:
        if name in done or name not in services:
            return
        if name in visiting:
            problems.add("services", "dependency cycle: " + " -> ".join(chain + [name]))
            return
        visiting.add(name)
        for target in depends_on_of(services[name]):
            visit(target, chain + [name])
        visiting.discard(name)
        done.add(name)

    for name in services:
        visit(name, [])

    named_volumes = set((doc.get("volumes") or {}).keys())
    dockerfiles: dict[str, Dockerfile] = {}
    for name, service in services.items():
        where = f"services.{name}"
        # Mounts: named volumes are declared, bind-mounted paths exist.
        for n, volume in enumerate(service.get("volumes", [])):
            if isinstance(volume, dict):
                kind, source = volume.get("type", "volume"), volume.get("source", "")
            else:
                source = str(volume).split(":", 1)[0]
                kind = "bind" if source.startswith((".", "/", "~")) else "volume"
            if kind == "bind" and not (project / source).exists():
                problems.add(f"{where}.volumes[{n}]", f"bind mount source {source} does not exist")
            if kind == "volume" and source and source not in named_volumes:
                problems.add(f"{where}.volumes[{n}]", f"named volume '{source}' is not declared under volumes:")
        check_shell_script(where, service, problems)
        check = service.get("healthcheck") or {}
        test = check.get("test")
        if isinstance(test, list) and test and test[0] not in ("CMD", "CMD-SHELL", "NONE"):
            problems.add(f"{where}.healthcheck.test", "a list test must start with CMD, CMD-SHELL or NONE")
        if (service.get("deploy") or {}).get("replicas") not in (None, 0, 1) and "container_name" in service:
            problems.add(where, "container_name prevents running more than one replica")
        # Build: one image for every app service, from a Dockerfile that exists.
        build = service.get("build")
        if build is None:
            continue
        if isinstance(build, str):
            build = {"context": build}
        context = project / build.get("context", ".")
        dockerfile = context / build.get("dockerfile", "Dockerfile")
        if not context.is_dir():
            problems.add(f"{where}.build.context", f"{context} is not a directory")
            continue
        if not dockerfile.is_file():
            problems.add(f"{where}.build.dockerfile", f"{dockerfile} does not exist")
            continue
        if service.get("image") != IMAGE:
            problems.add(f"{where}.image", f"app services share one image, {IMAGE}; got {service.get('image')!r}")
        key = str(dockerfile)
        if key not in dockerfiles:
            parsed = Dockerfile(dockerfile.read_text(encoding="utf-8"))
            dockerfiles[key] = parsed
            ignored = dockerignore_patterns(context)
            for source in parsed.copy_sources():
                if not any(context.glob(source.lstrip("/"))):
                    problems.add(str(dockerfile), f"COPY source {source} does not exist in the build context")
                elif is_ignored(source, ignored):
                    problems.add(str(dockerfile), f"COPY source {source} is excluded by .dockerignore")
        service["__image_env"] = dockerfiles[key].final_env()

    # Topics created by kafka-init, with their partition counts.
    init = services.get("kafka-init")
    if init is None:
        problems.add("services", "no kafka-init service: the workers need their topics created")
    else:
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
            topic, partitions = option.get("--topic"), option.get("--partitions", "")
            if "--if-not-exists" not in create:
                problems.add("services.kafka-init", f"creating {topic} without --if-not-exists fails on a rerun")
            if topic and partitions.isdigit():
                facts["partitions"][topic] = int(partitions)
            else:
                problems.add("services.kafka-init", f"--create without --topic and a numeric --partitions: {create}")
        for topic in REQUIRED_TOPICS:
            if topic not in facts["partitions"]:
                problems.add("services.kafka-init", f"topic {topic} is not created")

    kafka = services.get("kafka")
    if kafka is not None:
        kafka_env = environment_of(kafka, project, "services.kafka", problems)
        if kafka_env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "").lower() != "false":
            problems.add("services.kafka.environment", "KAFKA_AUTO_CREATE_TOPICS_ENABLE must be false")
        facts["advertised"] = kafka_env.get("KAFKA_ADVERTISED_LISTENERS", "")

    # The worker: replica count and a value for every variable the binaries read.
    worker = services.get(WORKER)
    if worker is None:
        problems.add("services", f"no '{WORKER}' service")
    else:
        replicas = (worker.get("deploy") or {}).get("replicas")
        count = replicas if isinstance(replicas, int) and not isinstance(replicas, bool) else None
        if isinstance(replicas, str) and replicas.isdigit():
            count = int(replicas)
        if count is None:
            problems.add(f"services.{WORKER}.deploy.replicas", f"must be a whole number, got {replicas!r}")
        elif count != WORKER_REPLICAS:
            problems.add(f"services.{WORKER}.deploy.replicas", f"must be {WORKER_REPLICAS}, got {count}")
        if not worker.get("stop_grace_period"):
            problems.add(f"services.{WORKER}", "stop_grace_period is not set: workers need time to drain")
        port = str(environment_of(worker, project, f"services.{WORKER}", Problems()).get("METRICS_PORT", ""))
        test = (worker.get("healthcheck") or {}).get("test")
        text = " ".join(test) if isinstance(test, list) else str(test or "")
        if not re.search(rf"\b{re.escape(port)}\b", text) or not re.search(r"/(readyz|healthz)\b", text):
            problems.add(f"services.{WORKER}.healthcheck", f"must ask /readyz or /healthz on METRICS_PORT ({port or 'unset'})")
    for name, required in ((WORKER, APP_ENV), ("producer", PRODUCER_ENV), ("migrate", MIGRATE_ENV)):
        service = services.get(name)
        if service is None:
            problems.add("services", f"no '{name}' service")
            continue
        env = dict(service.get("__image_env", {}))
        env.update(environment_of(service, project, f"services.{name}", problems))
        for variable in required:
            if not env.get(variable):
                problems.add(f"services.{name}.environment", f"{variable} has no value (compose or image ENV)")
        check_app_env(name, env, services, facts, problems)
        if name == WORKER:
            facts["worker_env"] = env
            count = facts["partitions"].get(env.get("KAFKA_TOPIC", ""))
            replicas = (service.get("deploy") or {}).get("replicas")
            if count is not None and isinstance(replicas, int) and replicas > count:
                problems.add(f"services.{WORKER}.deploy.replicas", f"{replicas} consumers for {count} partitions")
    producer = services.get("producer")
    if producer is not None and "tools" not in (producer.get("profiles") or []):
        problems.add("services.producer", "should run on demand: profiles: [\"tools\"]")
    for service in services.values():
        service.pop("__image_env", None)
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
        database = environment_of(postgres, Path("."), "", Problems()).get("POSTGRES_DB")
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


# ---- Main ----------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=ROOT / "docker-compose.yml", help="compose file to check")
    parser.add_argument(
        "--project-dir", type=Path, help="directory relative paths resolve against (default: the file's directory)"
    )
    parser.add_argument("--schema", type=Path, default=ROOT / "Deploy" / "compose-spec.json")
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
    if not compose_file.is_file() or not args.schema.is_file():
        missing = compose_file if not compose_file.is_file() else args.schema
        print(f"validate-compose: {missing} does not exist", file=sys.stderr)
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
        f"dependencies, mounts, image, environment and topics check out"
        + (f"; {objects} Kubernetes objects are consistent with it" if objects else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
