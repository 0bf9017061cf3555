#!/usr/bin/env python3
"""NewsIngest end-to-end benchmark: what a newcomer measures when they point a firehose at it.

Run through Scripts/bench-e2e.sh (see --help). It builds release binaries, starts a private PostgreSQL (its own
data folder and port, default settings, fsync on) and the dev broker, and for each worker count: a fresh
database, `ingestctl migrate`, the corpus produced with `ingest-producer`, N `ingest-worker` processes started,
and the time until every article is in `story_articles` and the workers' database sessions are idle (linking
done). Then, in the same run: the reference Python worker on the same corpus and PostgreSQL, rows and bytes
stored per article, the COPY limit of those rows, latency produce -> visible at half the maximum rate, and the
throughput again with many articles already stored.

It relies on what stays stable across storage redesigns: the binaries' command lines, the public views
`story_articles` (and its first_seen, which is the producer's fetch time), and PostgreSQL's own catalogs; its
completion polls read the tables behind story_articles (see VISIBLE_SINCE_SQL) and check against the view.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus as corpus_generator  # noqa: E402
from libpq import Connection, DatabaseError  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEER = os.path.join(ROOT, "..", "shared", "peer", "peer.sh")
HZ = os.sysconf("SC_CLK_TCK")
BENCH_DB = "bench"

# Sessions doing work for the benchmark database: anything but idle client connections (ours excluded).
BUSY_SESSIONS_SQL = """SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
  AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle'"""
VISIBLE_COUNT_SQL = "SELECT count(DISTINCT article_id) FROM story_articles"
# The polls count what the view shows without scanning it: an article is in story_articles when it has a
# story_members row (written in the transaction that stores the article, as its singleton story) and is of the
# current pipeline version. Counted above the largest article id of a mark taken while the database was quiet, a
# poll costs an index range over the new articles, not the whole view (0.9 s of server time per 1,000 articles
# with 100,000 stored). The view itself is counted once after each phase, untimed, and must agree.
MARK_SQL = "SELECT coalesce(max(article_id), 0) FROM articles"
VISIBLE_SINCE_SQL = """SELECT count(*) FROM story_members m JOIN current_articles a ON a.article_id = m.article_id
  WHERE m.article_id > {mark}"""
# Linking still queued after the commit (story and claim-variant linking run after the batch transaction): a phase
# ends only when both queues are empty, so its time includes all the linking.
LINK_BACKLOG_SQL = "SELECT (SELECT count(*) FROM dedup_pending) + (SELECT count(*) FROM claim_link_pending)"


class BenchError(Exception):
    pass


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------------
# CPU and memory from /proc


def machine_busy_jiffies():
    """Busy time of the whole machine, all cores: user, nice, system, irq, softirq, steal (not idle or iowait)."""
    with open("/proc/stat") as handle:
        fields = [int(x) for x in handle.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return user + nice + system + irq + softirq + steal


def process_cpu_seconds(pid, children=False):
    """utime + stime of a live process (plus its reaped children's with children=True), in seconds."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / HZ


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return None


class CPUSampler(threading.Thread):
    """Samples the machine's busy time every 0.1 s, so that the busy CPU-seconds of any past interval can be read
    back (the reference worker's timed window is only known after it ends)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            sample = (time.time(), machine_busy_jiffies())
            with self.lock:
                self.samples.append(sample)
            self.stopping.wait(0.1)

    def busy_at(self, when):
        with self.lock:
            samples = list(self.samples)
        before = max((s for s in samples if s[0] <= when), default=samples[0], key=lambda s: s[0])
        after = min((s for s in samples if s[0] >= when), default=samples[-1], key=lambda s: s[0])
        if after[0] == before[0]:
            return before[1]
        return before[1] + (after[1] - before[1]) * (when - before[0]) / (after[0] - before[0])

    def busy_seconds(self, start, end):
        """Busy CPU-seconds of the whole machine between two wall-clock times."""
        return (self.busy_at(end) - self.busy_at(start)) / HZ

    def busy_cores(self, seconds):
        """Average busy cores over the last `seconds`: how loaded the machine is by others before a phase."""
        time.sleep(seconds)
        now = time.time()
        return self.busy_seconds(now - seconds, now) / seconds


# ---------------------------------------------------------------------------------------------------------------
# Processes we start, always stopped on the way out


class Processes:
    def __init__(self):
        self.live = []

    def start(self, command, log_path, env=None, stdin=subprocess.DEVNULL, group=False):
        handle = open(log_path, "ab")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=stdin, stdout=handle, stderr=handle,
                                   start_new_session=group)
        handle.close()
        process.own_group = group
        self.live.append(process)
        return process

    def stop(self, process, grace=30):
        if process.poll() is None:
            self._signal(process, signal.SIGTERM)
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                self._signal(process, signal.SIGKILL)
                process.wait()
        if process in self.live:
            self.live.remove(process)

    def stop_all(self):
        for process in list(self.live):
            self.stop(process, grace=15)

    @staticmethod
    def _signal(process, sig):
        try:
            if process.own_group:
                os.killpg(process.pid, sig)
            else:
                process.send_signal(sig)
        except ProcessLookupError:
            pass


def run(command, env=None, timeout=None, check=True):
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise BenchError(f"{' '.join(command[:3])} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result


def pinned(cpus, command):
    """`command` restricted to the CPUs in `cpus` (a taskset list such as "1" or "0,1"), or as it is."""
    return ["taskset", "-c", cpus] + command if cpus else command


class CPUQuota:
    """CPU limits per process through the kernel's CFS bandwidth control: a control group per limited process
    (cgroup v2 `cpu.max`, else v1 `cpu.cfs_quota_us`) under one group of this run, removed on the way out. With
    --worker-cpu-limit each worker gets the same share of a core, so the workers, not PostgreSQL, are the limit
    and 1 vs 2 workers shows what a second worker adds when the database has room."""

    PERIOD_US = 100_000

    def __init__(self):
        v2 = "/sys/fs/cgroup"
        try:
            with open(os.path.join(v2, "cgroup.controllers")) as handle:
                controllers = handle.read().split()
        except FileNotFoundError:
            controllers = []
        if "cpu" in controllers:
            self.v2, root = True, v2
            with open(os.path.join(v2, "cgroup.subtree_control"), "w") as handle:
                handle.write("+cpu")
        elif os.path.isfile("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"):
            self.v2, root = False, "/sys/fs/cgroup/cpu"
        else:
            raise BenchError("--worker-cpu-limit needs the cgroup cpu controller (v2 cpu.max or v1 cpu.cfs_quota_us)")
        self.base = os.path.join(root, f"newsingest-bench-{os.getpid()}")
        try:
            os.makedirs(self.base, exist_ok=True)
            if self.v2:
                with open(os.path.join(self.base, "cgroup.subtree_control"), "w") as handle:
                    handle.write("+cpu")
        except OSError as error:
            raise BenchError(f"--worker-cpu-limit: cannot create a control group under {root}: {error}")
        self.groups = []

    def group(self, name, cores):
        """A fresh group `name` limited to `cores` CPU-seconds per second."""
        path = os.path.join(self.base, name)
        if os.path.isdir(path):
            os.rmdir(path)
        os.makedirs(path)
        quota = max(1000, int(cores * self.PERIOD_US))
        if self.v2:
            with open(os.path.join(path, "cpu.max"), "w") as handle:
                handle.write(f"{quota} {self.PERIOD_US}")
        else:
            with open(os.path.join(path, "cpu.cfs_period_us"), "w") as handle:
                handle.write(str(self.PERIOD_US))
            with open(os.path.join(path, "cpu.cfs_quota_us"), "w") as handle:
                handle.write(str(quota))
        self.groups.append(path)
        return path

    @staticmethod
    def inside(path, command):
        """`command`, started inside group `path` (its threads and children stay there)."""
        return ["sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', path] + command

    @staticmethod
    def throttled(path):
        """(periods, throttled periods) of group `path` so far."""
        stats = {}
        with open(os.path.join(path, "cpu.stat")) as handle:
            for line in handle:
                key, _, value = line.partition(" ")
                stats[key] = int(value)
        return stats.get("nr_periods", 0), stats.get("nr_throttled", 0)

    def close(self):
        for path in reversed(self.groups + [self.base]):
            try:
                os.rmdir(path)
            except OSError:
                pass


def as_postgres(command):
    return ["runuser", "-u", "postgres", "--"] + command if os.geteuid() == 0 else command


# ---------------------------------------------------------------------------------------------------------------
# Services


def describe_background(work):
    """`PrivatePostgres.background_work` in words: "1 checkpoint (wal), 4 autovacuum runs (0.31 s CPU)"."""
    points = work["checkpoints"]
    text = f"{len(points)} checkpoint{'' if len(points) == 1 else 's'}"
    if points:
        text += f" ({'; '.join(points)})"
    runs = work["autovacuum_runs"]
    return text + f", {runs} autovacuum run{'' if runs == 1 else 's'} ({work['autovacuum_cpu']:.2f} s CPU)"


class PrivatePostgres:
    """A PostgreSQL cluster of our own: fresh data folder, own port, default settings (fsync on) as a user has,
    unless --pg-setting names others. Only logging differs: every checkpoint and autovacuum run is logged, so each
    phase can report the server's background work that fell inside it (`background_work`)."""

    # Logging only: what the phase report reads from the server log. --pg-setting may override either.
    LOGGING = {"log_checkpoints": "on", "log_autovacuum_min_duration": "0"}

    def __init__(self, folder, port, cpus=None, statements=False, keep=False, settings=()):
        self.folder = folder
        # --pg-setting: server settings other than the defaults, given on the command line of every start.
        self.settings = list(settings)
        self.cpus = cpus
        self.statements = statements
        # --keep-preload: the data folder survives between runs (its kept preload database is reused).
        self.keep = keep
        self.data = os.path.join(folder, "data")
        self.log_file = os.path.join(folder, "server.log")
        self.port = port
        self.bin = sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: [int(x) for x in v.split(".")])[-1]
        self.bin = f"/usr/lib/postgresql/{self.bin}/bin"
        self.started = False

    def start(self):
        reused = self.keep and os.path.exists(os.path.join(self.data, "PG_VERSION"))
        if reused:
            self.stop()
        else:
            if os.path.exists(self.folder):
                self.stop()
                if os.path.exists(os.path.join(self.data, "PG_VERSION")):
                    log(f"removing the PostgreSQL data folder of a former run ({self.data}), with any preload kept "
                        "in it: --keep-preload reuses it instead")
                shutil.rmtree(self.folder)
            os.makedirs(self.folder)
            if os.geteuid() == 0:
                shutil.chown(self.folder, "postgres", "postgres")
            run(as_postgres([f"{self.bin}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust",
                             "--encoding=UTF8", "--locale=C.UTF-8"]))
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        if self.statements:
            # --pg-stats: the one non-default setting, and only when asked (pg_stat_statements costs a little).
            options += " -c shared_preload_libraries=pg_stat_statements"
        named = {setting.split("=", 1)[0].strip() for setting in self.settings}
        for name, value in self.LOGGING.items():
            if name not in named:
                options += f" -c {name}={value}"
        for setting in self.settings:
            options += f" -c {setting}"
        # The postmaster's CPU affinity (taskset) is inherited by every backend it forks.
        run(as_postgres(pinned(self.cpus, [
            f"{self.bin}/pg_ctl", "-D", self.data, "-l", self.log_file, "-w", "-t", "60",
            "-o", options, "start"])))
        self.started = True

    def stop(self):
        if os.path.exists(os.path.join(self.data, "PG_VERSION")):
            run(as_postgres([f"{self.bin}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"]), check=False)
        self.started = False

    def conninfo(self, database="postgres"):
        return (f"host=127.0.0.1 port={self.port} user=postgres dbname={database} "
                "options='-c client_min_messages=warning'")

    def url(self, database):
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database="postgres"):
        return Connection(self.conninfo(database))

    def recreate(self, database, template=None):
        with self.connect() as conn:
            conn.query(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            # FILE_COPY: a multi-GB template copied as files, not written through the WAL.
            copy = f' TEMPLATE "{template}" STRATEGY FILE_COPY' if template else ""
            conn.query(f'CREATE DATABASE "{database}"{copy}')

    def exists(self, database):
        with self.connect() as conn:
            return conn.value(f"SELECT count(*) FROM pg_database WHERE datname = '{database}'") == "1"

    def server_cpu_seconds(self):
        """CPU of the postmaster (with its reaped backends) and of every live child: all the server's work."""
        with open(os.path.join(self.data, "postmaster.pid")) as handle:
            postmaster = int(handle.readline())
        total = process_cpu_seconds(postmaster, children=True)
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as handle:
                        if int(handle.read().rsplit(")", 1)[1].split()[1]) == postmaster:
                            total += process_cpu_seconds(int(entry))
                except (FileNotFoundError, ProcessLookupError, IndexError):
                    pass
        return total

    def log_position(self):
        """Where the server log ends now: `background_work` reads what is written after it."""
        try:
            return os.path.getsize(self.log_file)
        except FileNotFoundError:
            return 0

    def background_work(self, since):
        """Checkpoints started and autovacuum runs (vacuum or analyze, any database) logged after `since`, with the
        CPU the autovacuum runs report (`system usage`): work of the server that a phase pays for but no statement
        of ours shows."""
        try:
            with open(self.log_file, "rb") as handle:
                handle.seek(since)
                text = handle.read().decode("utf-8", "replace")
        except FileNotFoundError:
            text = ""
        checkpoints, runs, cpu, current = [], 0, 0.0, False
        for line in text.splitlines():
            started = re.search(r"LOG:  checkpoint starting: (.*)$", line)
            if started:
                checkpoints.append(started.group(1).strip())
                continue
            if re.search(r"LOG:  automatic (vacuum|analyze) of table ", line):
                runs += 1
                current = True
                continue
            usage = re.search(r"CPU: user: ([\d.]+) s, system: ([\d.]+) s", line)
            if usage and current:
                cpu += float(usage.group(1)) + float(usage.group(2))
                current = False
        return {"checkpoints": checkpoints, "autovacuum_runs": runs, "autovacuum_cpu": round(cpu, 2)}

    def reset_statements(self, database):
        if self.statements:
            with self.connect(database) as conn:
                conn.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                conn.query("SELECT pg_stat_statements_reset()")

    def statement_report(self, database, articles, path, top=20):
        """The top statements by total time since reset_statements, per 1,000 articles, written to `path`."""
        if not self.statements:
            return None
        with self.connect(database) as conn:
            rows = conn.query(f"""SELECT round(total_exec_time::numeric, 1), calls, rows,
                    shared_blks_hit + shared_blks_read + shared_blks_dirtied, wal_bytes,
                    regexp_replace(left(query, 160), '\\s+', ' ', 'g')
                FROM pg_stat_statements JOIN pg_database d ON d.oid = dbid
                WHERE d.datname = current_database() ORDER BY total_exec_time DESC LIMIT {int(top)}""")
            totals = conn.query("""SELECT round(sum(total_exec_time)::numeric, 1), sum(calls), sum(rows),
                    sum(shared_blks_hit + shared_blks_read + shared_blks_dirtied), sum(wal_bytes), count(*)
                FROM pg_stat_statements JOIN pg_database d ON d.oid = dbid
                WHERE d.datname = current_database()""")
        per = 1000 / max(articles, 1)
        lines = [f"{'ms/1k art':>10} {'calls/1k':>9} {'rows/1k':>9} {'blocks/1k':>10} {'WAL KB/1k':>9}  statement"]
        for ms, calls, count, blocks, wal, query in rows:
            lines.append(f"{float(ms) * per:10.0f} {int(calls) * per:9.0f} {int(count) * per:9.0f} "
                         f"{int(blocks) * per:10.0f} {int(wal) * per / 1024:9.0f}  {query}")
        for ms, calls, count, blocks, wal, distinct in totals:
            lines.append(f"{float(ms or 0) * per:10.0f} {int(calls or 0) * per:9.0f} {int(count or 0) * per:9.0f} "
                         f"{int(blocks or 0) * per:10.0f} {int(wal or 0) * per / 1024:9.0f}  (all {distinct} statements)")
        with open(path, "w") as handle:
            handle.write("\n".join(lines) + "\n")
        return lines

    def version_and_settings(self):
        with self.connect() as conn:
            shown = {name: conn.value(f"SHOW {name}") for name in
                     ["server_version", "fsync", "synchronous_commit", "shared_buffers"]}
            # As the server reports them (units normalised), so the report says what ran, not what was asked.
            shown["changed"] = {name: conn.value(f"SHOW {name}")
                                for name in (s.split("=", 1)[0].strip() for s in self.settings)}
            return shown


class DevBroker:
    """`ingestctl dev-broker`, fresh for each phase: topics are in memory, so each phase starts from offset 0."""

    def __init__(self, bench):
        self.bench = bench
        self.process = None
        self.bootstrap = None

    def start(self):
        path = os.path.join(self.bench.workdir, "bootstrap")
        if os.path.exists(path):
            os.remove(path)
        self.process = self.bench.processes.start(
            [self.bench.bin("ingestctl"), "dev-broker", "--brokers", "3", "--topic", f"articles.raw:{self.bench.args.partitions}", "--topic",
             "articles.dlq:2", "--bootstrap-file", path], os.path.join(self.bench.logs, "broker.log"))
        deadline = time.time() + 30
        while not (os.path.exists(path) and open(path).read().strip()):
            if time.time() > deadline or self.process.poll() is not None:
                raise BenchError("the dev broker did not start; see logs/broker.log")
            time.sleep(0.1)
        self.bootstrap = open(path).read().strip()

    def stop(self):
        if self.process:
            self.bench.processes.stop(self.process)
            self.process = None


# ---------------------------------------------------------------------------------------------------------------
# The benchmark


class Bench:
    def __init__(self, args):
        self.args = args
        self.workdir = os.path.abspath(args.workdir)
        self.logs = os.path.join(self.workdir, "logs")
        shutil.rmtree(self.logs, ignore_errors=True)
        os.makedirs(self.logs)
        self.processes = Processes()
        self.sampler = CPUSampler()
        self.pg = PrivatePostgres(os.path.join(self.workdir, "pg"), args.pg_port, args.pin_postgres, args.pg_stats,
                                 args.keep_preload, args.pg_setting)
        self.broker = DevBroker(self)
        self.quota = None  # CPUQuota, made by the first limited process
        self.bin_path = None
        self.group = None
        self.results = {"phases": {}}

    def bin(self, name):
        return os.path.join(self.bin_path, name)

    def env(self, database=BENCH_DB):
        env = dict(os.environ)
        env.update(KAFKA_BROKERS=self.broker.bootstrap or "", DATABASE_URL=self.pg.url(database))
        for key in ["KAFKA_TOPIC", "KAFKA_GROUP", "KAFKA_DLQ_TOPIC", "KAFKA_CONFIG"]:
            env.pop(key, None)
        if self.group:
            env["KAFKA_GROUP"] = self.group
        return env

    # --- set-up

    def build(self):
        if not self.args.no_build:
            log("building release binaries (swift build -c release)")
            subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True,
                           stdout=open(os.path.join(self.logs, "build.log"), "w"), stderr=subprocess.STDOUT)
        self.bin_path = os.path.abspath(self.args.bin_path) if self.args.bin_path else \
            run(["swift", "build", "-c", "release", "--show-bin-path"]).stdout.strip()
        for name in ["ingest-producer", "ingest-worker", "ingestctl"]:
            if not os.access(self.bin(name), os.X_OK):
                raise BenchError(f"{self.bin(name)} is missing: build without --no-build")

    def prepare_corpus(self):
        if self.args.corpus:
            self.corpus = os.path.abspath(self.args.corpus)
            files = corpus_files(self.corpus)
            self.corpus_info = {"source": self.corpus, "files": len(files),
                                "bytes": sum(os.path.getsize(f) for f in files), "expected": None}
        else:
            pages = "-html" if self.args.html_pages else ""
            brief = f"-p{self.args.paragraphs}" if self.args.paragraphs else ""
            folder = os.path.join(self.workdir, f"corpus-s{self.args.seed}-n{self.args.articles}{pages}{brief}")
            log(f"corpus: {self.args.articles} generated articles (seed {self.args.seed}"
                f"{', as whole web pages' if pages else ''}{', first paragraphs only' if brief else ''}) in {folder}")
            manifest = corpus_generator.ensure(folder, self.args.articles, self.args.seed,
                                               html_pages=self.args.html_pages, paragraphs=self.args.paragraphs)
            self.corpus = folder
            self.corpus_info = {"source": f"generated, seed {self.args.seed}", "files": manifest["articles"],
                                "bytes": manifest["bytes"], "expected": manifest["distinct"],
                                "stories": manifest["stories"], "json": manifest["json"], "text": manifest["text"],
                                "html": manifest["html"], "paragraphs": manifest["paragraphs"]}
        self.results["corpus"] = self.corpus_info

    def fresh_phase(self, database=BENCH_DB):
        """A new dev broker and a new, migrated database."""
        self.broker.stop()
        self.broker.start()
        self.pg.recreate(database)
        run([self.bin("ingestctl"), "migrate"], env=self.env(database))

    def produce(self, paths, database=BENCH_DB, label="produce", quiet=False):
        started = time.time()
        result = run([self.bin("ingest-producer")] + paths, env=self.env(database), timeout=3600)
        match = re.search(r"published (\d+)/(\d+) articles", result.stdout)
        if not match:
            raise BenchError(f"unexpected producer output: {result.stdout}{result.stderr}")
        published = int(match.group(1))
        if not quiet:
            log(f"{label}: published {published} articles in {time.time() - started:.1f} s")
            # Kept per phase: its progress lines and librdkafka's messages are what shows a slow publish.
            name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
            with open(os.path.join(self.logs, f"producer-{name}.log"), "w") as out:
                out.write(result.stdout + result.stderr)
        return published

    def produce_corpus(self, mark, label):
        """Produces the corpus at once, or with --produce-window in slices of --produce-slice files, each once
        fewer than the window are produced and not yet visible: the dev broker keeps only about 5 MB per
        partition, so a backlog of large pages would lose its oldest messages before the workers read them."""
        if not self.args.produce_window:
            return self.produce([self.corpus], label=label)
        files = sorted(corpus_files(self.corpus), key=os.path.basename)
        step = self.args.produce_slice
        started = time.time()
        produced = 0
        with self.pg.connect(BENCH_DB) as conn:
            for first in range(0, len(files), step):
                while produced + step - int(conn.value(VISIBLE_SINCE_SQL.format(mark=int(mark[0])))) > \
                        self.args.produce_window:
                    time.sleep(0.1)
                produced += self.produce(files[first:first + step], quiet=True)
        log(f"{label}: published {produced} articles in {time.time() - started:.1f} s, at most "
            f"{self.args.produce_window} ahead of story_articles")
        return produced

    def start_workers(self, count, tag):
        threads = ["--threads", str(self.args.worker_threads)] if self.args.worker_threads else []
        if self.args.worker_batch_size:
            threads += ["--batch-size", str(self.args.worker_batch_size)]
        procs = []
        for i in range(1, count + 1):
            command = pinned(self.args.pin_workers,
                             [self.bin("ingest-worker"), "--worker-id", f"bench-{tag}-{i}"] + threads)
            group = None
            if self.args.worker_cpu_limit:
                self.quota = self.quota or CPUQuota()
                group = self.quota.group(f"{tag}-{i}", self.args.worker_cpu_limit)
                command = CPUQuota.inside(group, command)
            process = self.processes.start(command, os.path.join(self.logs, f"worker-{tag}-{i}.log"), env=self.env())
            process.cpu_group = group
            procs.append(process)
        return procs

    def throttling(self, procs):
        """Share of CFS periods in which the workers' CPU limit held them back (None without --worker-cpu-limit)."""
        groups = [p.cpu_group for p in procs if getattr(p, "cpu_group", None)]
        if not groups:
            return None
        periods, throttled = map(sum, zip(*(CPUQuota.throttled(g) for g in groups)))
        return throttled / periods if periods else None

    def lag(self, database=BENCH_DB):
        """Total lag from `ingestctl status`, or None when it cannot say."""
        result = run([self.bin("ingestctl"), "status"], env=self.env(database), check=False, timeout=300)
        match = re.search(r"total lag (\d+)", result.stdout)
        return int(match.group(1)) if match else None

    def visibility_mark(self):
        """(largest article id, articles in story_articles), taken while no worker is storing: the base of
        wait_complete's polls."""
        with self.pg.connect(BENCH_DB) as conn:
            return int(conn.value(MARK_SQL)), int(conn.value(VISIBLE_COUNT_SQL))

    def check_visible(self, count, label):
        """The view's own count after a phase must be what the polls counted."""
        with self.pg.connect(BENCH_DB) as conn:
            visible = int(conn.value(VISIBLE_COUNT_SQL))
        if visible != count:
            raise BenchError(f"{label}: story_articles holds {visible} articles, the polls counted {count}")

    def wait_complete(self, expected, started, mark, baseline=0, min_interval=0.1, label="", exact=False):
        """Polls until story_articles holds `expected` articles, no linking is queued, and the database has been
        quiet for 3 polls. `mark` is visibility_mark() from before the articles were produced or the workers
        started.

        Returns (visible_at, settled_at, count). Polls get rarer while much is left and come every `min_interval`
        near the end, so the end time is precise while the polling costs little. If the count stops short (a folder with copies of the same text, or dead
        letters), it is accepted once `ingestctl status` reports no lag, unless `exact` (a generated corpus, whose
        files are all distinct articles)."""
        conn = self.pg.connect(BENCH_DB)
        try:
            visible_at = quiet_since = None
            quiet = 0
            last_count, last_change = -1, started
            last_report = time.time()
            while True:
                now = time.time()
                if visible_at is None:
                    query_started = time.monotonic()
                    count = mark[1] + int(conn.value(VISIBLE_SINCE_SQL.format(mark=int(mark[0]))))
                    query_seconds = time.monotonic() - query_started
                    if count != last_count:
                        last_count, last_change = count, now
                    if count >= expected:
                        visible_at = now
                    elif now - last_change > self.args.stall_seconds and count > baseline and \
                            int(conn.value(BUSY_SESSIONS_SQL)) == 0 and self.lag() == 0:
                        message = (f"{label}: everything consumed, but {count - baseline} distinct articles stored, "
                                   f"not {expected - baseline}: copies of the same text, dead letters, or messages "
                                   "the dev broker dropped (librdkafka's mock cluster keeps only a few MB per "
                                   "partition: produce fewer articles at once)")
                        if exact:
                            raise BenchError(message)
                        log(message + "; using the stored count")
                        expected, visible_at = count, last_change
                    if now - started > self.args.timeout:
                        raise BenchError(f"{label}: {count - baseline}/{expected - baseline} articles after "
                                         f"{self.args.timeout} s; see {self.logs}")
                if visible_at is not None:
                    if int(conn.value(BUSY_SESSIONS_SQL)) == 0 and int(conn.value(LINK_BACKLOG_SQL)) == 0:
                        quiet_since = quiet_since if quiet else now
                        quiet += 1
                        if quiet >= 3:
                            return visible_at, max(quiet_since, visible_at), last_count
                    else:
                        quiet = 0
                    time.sleep(min_interval)
                    continue
                if now - last_report > 15:
                    log(f"{label}: {count - baseline}/{expected - baseline} articles in story_articles")
                    last_report = now
                done = count - baseline
                rate = done / (now - started) if done > 0 else None
                interval = 0.25 * (expected - count) / rate if rate else 0.5
                time.sleep(max(min(interval, 2.0), min_interval, 3 * query_seconds))
        finally:
            conn.close()

    def owners(self, tag, database=BENCH_DB):
        """Partition -> owning worker of this phase ("-" when unowned), from the claims in consumer_offsets: what
        `ingestctl status` shows, without its totals, which count whole views (seconds each with 100,000 stored)."""
        group = self.group or "newsingest-workers"
        with self.pg.connect(database) as conn:
            rows = conn.query(f"""SELECT partition, coalesce(owner, '-') FROM consumer_offsets
                WHERE consumer_group = '{group}' AND topic = 'articles.raw'""")
        mine = re.compile(rf"bench-{re.escape(tag)}-\d+")
        owned = {str(partition): owner for partition, owner in rows if mine.fullmatch(owner)}
        return {str(p): owned.get(str(p), "-") for p in range(self.args.partitions)}

    def wait_joined(self, workers, tag, timeout=120):
        """Waits until every partition is owned and each of the `workers` owns some, stable for 1 s; returns the
        seconds it took (the consumer group's join and the partition claims)."""
        started = time.time()
        stable_since = last = None
        while time.time() - started < timeout:
            owners = self.owners(tag)
            ready = owners and "-" not in owners.values() and len(set(owners.values())) == workers
            if ready and owners == last:
                if time.time() - stable_since >= 1.0:
                    return stable_since - started
            else:
                stable_since = time.time()
            last = owners if ready else None
            time.sleep(0.2)
        raise BenchError(f"{tag}: the workers did not share the partitions within {timeout} s; see {self.logs}")

    def timed_run(self, workers, expected, tag, baseline=0, warm=False):
        """Starts `workers` workers on what is in the topic and times them until everything is linked. If `warm`
        (--warm-start), the workers start on an empty topic, join the group and claim their partitions first; then the
        corpus is produced and the time runs from the start of production (a running deployment fed a burst)."""
        procs, cpu_before, joined = [], 0.0, None
        if warm:
            procs = self.start_workers(workers, tag)
            joined = self.wait_joined(workers, tag)
            cpu_before = sum(process_cpu_seconds(p.pid) for p in procs)
            log(f"{tag}: workers joined and claimed every partition after {joined:.1f} s")
        background = self.sampler.busy_cores(1.0)
        mark = self.visibility_mark()
        self.pg.reset_statements(BENCH_DB)
        log_start = self.pg.log_position()
        pg_cpu_start = self.pg.server_cpu_seconds()
        started = time.time()
        producer_cpu = None
        if warm:
            # The producer runs inside the timed window here: its CPU (reaped children) is reported apart.
            children_before = process_cpu_seconds(os.getpid(), children=True) - process_cpu_seconds(os.getpid())
            published = self.produce_corpus(mark, label=f"{tag}: {workers} worker(s)")
            producer_cpu = process_cpu_seconds(os.getpid(), children=True) - process_cpu_seconds(os.getpid()) \
                - children_before
            expected = expected or baseline + published
        else:
            procs = self.start_workers(workers, tag)
            if self.args.backlog:
                # Timed from when every partition is claimed, over the articles still to do: the join is left out
                # and no producer runs during the phase.
                joined = self.wait_joined(workers, tag)
                with self.pg.connect(BENCH_DB) as conn:
                    baseline = mark[1] + int(conn.value(VISIBLE_SINCE_SQL.format(mark=int(mark[0]))))
                cpu_before = sum(process_cpu_seconds(p.pid) for p in procs)
                pg_cpu_start = self.pg.server_cpu_seconds()
                started = time.time()
                log(f"{tag}: workers joined after {joined:.1f} s, {baseline} articles already done; timing the rest")
        try:
            visible_at, settled_at, count = self.wait_complete(expected, started, mark, baseline, label=tag,
                                                               exact=self.corpus_info["expected"] is not None)
            worker_cpu = sum(process_cpu_seconds(p.pid) for p in procs) - cpu_before
            rss = max((peak_rss_mb(p.pid) or 0) for p in procs)
            pg_cpu = self.pg.server_cpu_seconds() - pg_cpu_start
            background_work = self.pg.background_work(log_start)
            throttled = self.throttling(procs)
            exited = [p.args[-1] for p in procs if p.poll() is not None]
            if exited:
                raise BenchError(f"{tag}: workers exited early: {exited}; see {self.logs}")
        finally:
            for process in procs:
                self.processes.stop(process)
        articles = count - baseline
        statements = self.pg.statement_report(BENCH_DB, articles, os.path.join(self.logs, f"pg-stats-{tag}.txt"))
        if statements:
            log(f"{tag}: top statements by PostgreSQL time (pg_stat_statements), per 1,000 articles:\n"
                + "\n".join(statements))
        self.check_visible(count, tag)
        with self.pg.connect(BENCH_DB) as conn:
            stories = int(conn.value("SELECT count(DISTINCT story_key) FROM story_articles"))
        elapsed = settled_at - started
        busy = self.sampler.busy_seconds(started, settled_at)
        result = {
            "workers": workers, "articles": articles, "seconds": round(elapsed, 2),
            "visible_seconds": round(visible_at - started, 2), "rate": articles / elapsed,
            "busy_cpu_per_1000": busy / articles * 1000, "worker_cpu_per_1000": worker_cpu / articles * 1000,
            "postgres_cpu_per_1000": pg_cpu / articles * 1000, "peak_rss_mb": rss,
            "processes_cpu_per_1000": (worker_cpu + pg_cpu) / articles * 1000,
            "background_cores": round(background, 2), "joined_seconds": joined and round(joined, 2),
            "stories": stories, "producer_cpu_per_1000": producer_cpu and producer_cpu / articles * 1000,
            "throttled": throttled,
            # Busy CPU that was not ours (workers, PostgreSQL, producer): other programs' load during the phase.
            "others_cores": max(0.0, busy - worker_cpu - pg_cpu - (producer_cpu or 0)) / elapsed,
            "pg_background": background_work,
        }
        log(f"{tag}: {articles} articles in {elapsed:.1f} s = {result['rate']:.0f} articles/s "
            f"(all visible after {visible_at - started:.1f} s); busy CPU {result['busy_cpu_per_1000']:.1f} s per "
            f"1,000; peak worker RSS {rss:.0f} MB; others were using {background:.2f} cores before the start; "
            f"PostgreSQL: {describe_background(background_work)}")
        return result

    # --- phases

    def throughput(self, workers):
        self.fresh_phase()
        if self.args.warm_start:
            return self.timed_run(workers, self.corpus_info["expected"], f"ours-{workers}w", warm=True)
        published = self.produce([self.corpus], label=f"{workers} worker(s)")
        expected = self.corpus_info["expected"] or published
        return self.timed_run(workers, expected, f"ours-{workers}w")

    def table_sizes(self, articles):
        """Rows and bytes (heap, TOAST and indexes) per table in schema public, per stored article."""
        with self.pg.connect(BENCH_DB) as conn:
            conn.query("CHECKPOINT")
            tables = conn.query("""SELECT quote_ident(c.relname), pg_table_size(c.oid), pg_indexes_size(c.oid)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1""")
            rows = []
            for name, table_bytes, index_bytes in tables:
                count = int(conn.value(f"SELECT count(*) FROM public.{name}"))
                rows.append({"table": name, "rows": count, "rows_per_article": count / articles,
                             "bytes_per_article": (int(table_bytes) + int(index_bytes)) / articles,
                             "index_bytes_per_article": int(index_bytes) / articles,
                             "total_mb": (int(table_bytes) + int(index_bytes)) / 1e6})
            database_mb = int(conn.value("SELECT pg_database_size(current_database())")) / 1e6
        rows.sort(key=lambda r: -r["bytes_per_article"])
        return {"articles": articles, "tables": rows, "database_mb": database_mb}

    def copy_limit(self, articles):
        """Dumps the stored rows and loads them with COPY into a fresh migrated database in one transaction."""
        dump = os.path.join(self.workdir, "stored-rows.sql")
        run([f"{self.pg.bin}/pg_dump", "-h", "127.0.0.1", "-p", str(self.pg.port), "-U", "postgres", "--data-only",
             "-f", dump, BENCH_DB])
        target = BENCH_DB + "_copy"
        self.pg.recreate(target)
        run([self.bin("ingestctl"), "migrate"], env=self.env(target))
        with self.pg.connect(target) as conn:
            # Whatever the migrations seeded is in the dump too: start from empty tables.
            tables = [r[0] for r in conn.query("""SELECT 'public.' || quote_ident(c.relname) FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'""")]
            if tables:
                conn.query(f"TRUNCATE {', '.join(tables)} CASCADE")
        started = time.time()
        run([f"{self.pg.bin}/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-h", "127.0.0.1",
             "-p", str(self.pg.port), "-U", "postgres", "-d", target, "-f", dump])
        seconds = time.time() - started
        size = os.path.getsize(dump)
        os.remove(dump)
        with self.pg.connect() as conn:
            conn.query(f'DROP DATABASE "{target}" WITH (FORCE)')
        log(f"COPY limit: {articles} articles' rows ({size / 1e6:.0f} MB dump) loaded in {seconds:.1f} s = "
            f"{articles / seconds:.0f} articles/s")
        return {"seconds": round(seconds, 2), "rate": articles / seconds, "dump_mb": size / 1e6}

    def peer(self, workers):
        """The reference Python worker on the same corpus and PostgreSQL (database postgres, its own tables)."""
        command = pinned(self.args.pin_workers,
                         ["bash", PEER, "e2e", self.corpus, str(workers), "127.0.0.1", str(self.pg.port)])
        group = None
        if self.args.worker_cpu_limit:
            self.quota = self.quota or CPUQuota()
            # Its worker processes share one group with the limit of as many of ours.
            group = self.quota.group(f"peer-{workers}w", self.args.worker_cpu_limit * workers)
            command = CPUQuota.inside(group, command)
        background = self.sampler.busy_cores(1.0)
        self.pg.reset_statements(BENCH_DB)
        pg_cpu_start = self.pg.server_cpu_seconds()
        process = self.processes.start(command, os.path.join(self.logs, f"peer-{workers}w.log"), group=True)
        try:
            process.wait(self.args.timeout)
        except subprocess.TimeoutExpired:
            raise BenchError(f"the reference worker did not finish in {self.args.timeout} s")
        finally:
            self.processes.stop(process)
        throttled = None
        if group:
            periods, held = CPUQuota.throttled(group)
            throttled = held / periods if periods else None
        ended = time.time()
        pg_cpu = self.pg.server_cpu_seconds() - pg_cpu_start  # its whole run: an upper bound
        output = open(os.path.join(self.logs, f"peer-{workers}w.log")).read()
        match = re.search(r"peer e2e: workers=\d+ articles=(\d+)/(\d+) seconds=([\d.]+) worker_cpu_s=([\d.]+) "
                          r"rate=(\d+)", output)
        if process.returncode != 0 or not match:
            raise BenchError(f"the reference worker failed:\n{output[-2000:]}")
        stored, seconds, worker_cpu = int(match.group(1)), float(match.group(3)), float(match.group(4))
        # Its timed window ends when its workers exit, just before it counts rows and prints.
        busy = self.sampler.busy_seconds(ended - seconds - 0.1, ended - 0.1)
        result = {"workers": workers, "articles": stored, "seconds": seconds, "rate": stored / seconds,
                  "busy_cpu_per_1000": busy / stored * 1000, "worker_cpu_per_1000": worker_cpu / stored * 1000,
                  "postgres_cpu_per_1000": pg_cpu / stored * 1000,
                  "processes_cpu_per_1000": (worker_cpu + pg_cpu) / stored * 1000,
                  "background_cores": round(background, 2), "throttled": throttled}
        log(f"reference worker, {workers} worker(s): {stored} articles in {seconds:.1f} s = {result['rate']:.0f} "
            f"articles/s; busy CPU {result['busy_cpu_per_1000']:.1f} s per 1,000")
        return result

    def peer_core(self, limit):
        """The reference worker's pipeline alone (`peer.sh core`: no Kafka, no PostgreSQL, one process) on the first
        `limit` files of the corpus."""
        files = sorted(corpus_files(self.corpus), key=os.path.basename)[:limit]
        started = process_cpu_seconds(os.getpid(), children=True)
        result = run(["bash", PEER, "core"] + files, timeout=self.args.timeout)
        cpu = process_cpu_seconds(os.getpid(), children=True) - started
        match = re.search(r"peer core: (\d+) articles, (\d+) claims, ([\d.]+)s, (\d+) articles/s", result.stdout)
        if not match:
            raise BenchError(f"unexpected output of peer.sh core: {result.stdout}{result.stderr}")
        articles, seconds = int(match.group(1)), float(match.group(3))
        log(f"reference worker's pipeline alone: {articles} pages in {seconds:.1f} s = {articles / seconds:.0f} "
            f"pages/s on one core ({cpu:.1f} CPU-s with reading the files)")
        return {"articles": articles, "seconds": seconds, "rate": articles / seconds,
                "cpu_per_1000": cpu / articles * 1000}

    def latency(self, rate):
        """Paced production at `rate` articles/s in 1-second chunks; latency = first visible in story_articles
        minus first_seen (the producer's fetch time, stamped when each chunk's producer run starts)."""
        workers = max(self.args.workers)
        self.fresh_phase()
        # In generation order (file names start with a sequence number), so chunks follow the news as it breaks.
        files = sorted(corpus_files(self.corpus), key=os.path.basename)
        warmup, paced = files[:12], files[12:]
        procs = self.start_workers(workers, "latency")
        seen = {}
        stop = threading.Event()

        def poll():
            with self.pg.connect(BENCH_DB) as conn:
                while not stop.is_set():
                    polled = time.time()
                    for article, first_seen in conn.query(
                            "SELECT article_id, extract(epoch FROM first_seen) FROM story_articles"):
                        if article not in seen:
                            seen[article] = (float(first_seen), polled)
                    stop.wait(self.args.latency_poll)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        try:
            self.produce(warmup, label="latency warm-up")
            deadline = time.time() + 120
            while len(seen) < len(warmup):
                if time.time() > deadline:
                    raise BenchError("latency: the warm-up articles never became visible")
                time.sleep(0.2)
            warm = set(seen)
            paced_started = time.time()
            produced, chunk, chunks = 0, 0, []
            while produced < len(paced) and time.time() - paced_started < self.args.latency_seconds:
                due = paced_started + chunk
                if time.time() < due:
                    time.sleep(due - time.time())
                count = int((chunk + 1) * rate) - int(chunk * rate)
                if count:
                    launched = time.time()
                    produced += self.produce(paced[produced:produced + count], label=f"latency chunk {chunk}")
                    chunks.append((launched, time.time()))
                chunk += 1
            paced_seconds = time.time() - paced_started
            expected = len(warmup) + produced
            last, last_change = len(seen), time.time()
            while len(seen) < expected and time.time() - last_change < self.args.stall_seconds:
                time.sleep(0.2)
                if len(seen) != last:
                    last, last_change = len(seen), time.time()
        finally:
            stop.set()
            poller.join()
            for process in procs:
                self.processes.stop(process)
        latencies, after_ack = [], []
        for article, (first, visible) in seen.items():
            if article in warm:
                continue
            latencies.append(visible - first)
            # The producer run that stamped it: first_seen falls between its launch and its exit.
            acknowledged = [end for launched, end in chunks if launched - 0.01 <= first <= end]
            if acknowledged:
                after_ack.append(visible - acknowledged[0])
        if not latencies:
            raise BenchError("latency: no paced article became visible")
        latencies.sort()
        after_ack.sort()
        result = {"target_rate": rate, "actual_rate": produced / paced_seconds, "articles": len(latencies),
                  "missing": expected - len(seen), "p50": percentile(latencies, 50), "p99": percentile(latencies, 99),
                  "max": latencies[-1], "poll_seconds": self.args.latency_poll,
                  "producer_seconds": statistics.median(end - launched for launched, end in chunks),
                  "ack_p50": percentile(after_ack, 50) if after_ack else None,
                  "ack_p99": percentile(after_ack, 99) if after_ack else None}
        log(f"latency at {result['actual_rate']:.0f} articles/s: p50 {result['p50']:.2f} s, p99 "
            f"{result['p99']:.2f} s, max {result['max']:.2f} s over {len(latencies)} articles")
        return result

    def preloaded(self, workers):
        """Stores `--preload` other articles first, then times the corpus on top of them."""
        folder = os.path.join(self.workdir, f"preload-s{self.args.seed + 7919}-n{self.args.preload}")
        log(f"preload corpus: {self.args.preload} articles in {folder}")
        corpus_generator.ensure(folder, self.args.preload, self.args.seed + 7919, first_story=10_000_000)
        kept = f"preload_s{self.args.seed + 7919}_n{self.args.preload}"
        if self.args.keep_preload and self.pg.exists(kept):
            return self.reused_preload(workers, kept)
        self.fresh_phase()
        # Produced in slices while the workers run: the dev broker keeps only a few MB per partition, so a backlog
        # of 100,000 articles would lose its oldest messages before they were read.
        files = sorted(corpus_files(folder), key=os.path.basename)
        started = time.time()
        procs = self.start_workers(workers, "preload")
        try:
            stored = 0
            for first in range(0, len(files), self.args.preload_slice):
                mark = self.visibility_mark()
                stored += self.produce(files[first:first + self.args.preload_slice], label="preload slice")
                _, settled_at, count = self.wait_complete(stored, started, mark, min_interval=1.0, label="preload",
                                                          exact=True)
            self.check_visible(count, "preload")
        finally:
            for process in procs:
                self.processes.stop(process)
        log(f"preload: {stored} articles stored in {settled_at - started:.0f} s")
        if self.args.keep_preload:
            log(f"keeping the preloaded database as {kept} for later --keep-preload runs")
            self.pg.recreate(kept, template=BENCH_DB)
        result = self.on_top_of_preload(workers, stored)
        result["preload_rate"] = stored / (settled_at - started)
        return result

    def reused_preload(self, workers, kept):
        """--keep-preload: the preload database a former run kept, cloned and migrated to this build's schema."""
        log(f"preload: reusing the kept database {kept} (cloned, then migrated)")
        self.broker.stop()
        self.broker.start()
        self.pg.recreate(BENCH_DB, template=kept)
        # The kept positions and sightings belong to the kept run's broker, whose offsets this fresh one reuses
        # from 0: a consumer group of its own starts from 0 without meeting them. The clone keeps the planner
        # statistics and the visibility map as the preload left them.
        self.group = "newsingest-bench-reused"
        run([self.bin("ingestctl"), "migrate"], env=self.env())
        with self.pg.connect(BENCH_DB) as conn:
            # A migration that rewrites a table writes its WAL here; without a checkpoint the phase's own would
            # come earlier, and its full-page images would count against the build with the newer schema.
            conn.query("CHECKPOINT")
            stored = int(conn.value(VISIBLE_COUNT_SQL))
        result = self.on_top_of_preload(workers, stored)
        result["preload_rate"] = 0
        result["reused"] = kept
        return result

    def on_top_of_preload(self, workers, stored):
        tag = f"ours-{workers}w-after-{stored}"
        if self.args.warm_start:
            # Timed as the empty-database phase is: the workers join before the corpus is produced, so neither
            # phase counts the group join (about 3 s) and their ratio compares the same work.
            known = self.corpus_info["expected"]
            result = self.timed_run(workers, stored + known if known else None, tag, baseline=stored, warm=True)
            result["preloaded"] = stored
            return result
        published = self.produce([self.corpus], label="corpus on top of the preload")
        expected = stored + (self.corpus_info["expected"] or published)
        result = self.timed_run(workers, expected, tag, baseline=stored)
        result["preloaded"] = stored
        return result

    # --- the whole run

    def run(self):
        self.sampler.start()
        self.build()
        self.prepare_corpus()
        log(f"starting a private PostgreSQL on 127.0.0.1:{self.args.pg_port} (data in {self.pg.folder})")
        self.pg.start()
        self.results["postgres"] = self.pg.version_and_settings()
        phases = self.results["phases"]
        for workers in self.args.workers:
            phases[f"ours_{workers}w"] = self.throughput(workers)
        best = max(self.args.workers)
        articles = phases[f"ours_{best}w"]["articles"]
        self.results["storage"] = self.table_sizes(articles)
        if not self.args.skip_copy:
            self.results["copy_limit"] = self.copy_limit(articles)
        self.broker.stop()
        if not self.args.skip_peer:
            run(["bash", PEER, "setup"], timeout=1800)
            if self.args.html_pages:
                # Its e2e produces the whole corpus before its workers start, which the dev broker cannot hold
                # for pages of this size: its pipeline alone on the same pages instead.
                self.results["peer_core"] = self.peer_core(self.args.peer_core_files)
            else:
                for workers in self.args.workers:
                    phases[f"peer_{workers}w"] = self.peer(workers)
        if self.args.latency_seconds > 0:
            rate = self.args.latency_rate or max(phases[f"ours_{w}w"]["rate"] for w in self.args.workers) / 2
            self.results["latency"] = self.latency(rate)
        if self.args.preload > 0:
            phases["preloaded"] = self.preloaded(best)
        self.broker.stop()

    def close(self):
        self.processes.stop_all()
        if self.quota:
            self.quota.close()
        self.pg.stop()
        self.sampler.stopping.set()


def corpus_files(folder):
    """The files ingest-producer and the reference worker read from a folder, in a stable order."""
    found = []
    for directory, subdirectories, names in os.walk(folder):
        subdirectories.sort()
        for name in sorted(names):
            if not name.startswith(".") and name.lower() != "readme.md":
                found.append(os.path.join(directory, name))
    return found


def percentile(values, p):
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


# ---------------------------------------------------------------------------------------------------------------
# Report


def report(results, args):
    phases = results["phases"]
    corpus = results["corpus"]
    pg = results["postgres"]
    lines = []
    add = lines.append
    add("")
    add(f"NewsIngest end-to-end benchmark, {results['date']}")
    add(f"machine: {results['machine']}")
    changed = pg.get("changed") or {}
    kind = "settings" if changed else "default settings"
    add(f"PostgreSQL {pg['server_version']} (private, {kind}: fsync={pg['fsync']}, synchronous_commit="
        f"{pg['synchronous_commit']}, shared_buffers={pg['shared_buffers']}"
        + "".join(f", {name}={value}" for name, value in changed.items() if name != "shared_buffers")
        + "; checkpoints and autovacuum runs logged); dev broker: 3 brokers, 6 partitions")
    extra = f", {corpus['stories']} stories, {corpus['text']} text + {corpus['json']} JSON" if "stories" in corpus else ""
    if corpus.get("html"):
        extra = (f", {corpus['stories']} stories, whole web pages of {corpus['bytes'] / corpus['files'] / 1e3:.0f} KB "
                 "on average around the articles of the plain corpus with the same seed")
    if corpus.get("paragraphs"):
        extra += f"; each article cut to its first {corpus['paragraphs']} paragraphs"
    add(f"corpus: {corpus['source']}: {corpus['files']} files, {corpus['bytes'] / 1e6:.1f} MB{extra}")
    if args.pin_postgres or args.pin_workers:
        add(f"pinned (taskset): PostgreSQL on CPUs {args.pin_postgres or 'any'}, "
            f"workers and reference worker on CPUs {args.pin_workers or 'any'}")
    if args.worker_cpu_limit:
        add(f"CPU limit: each worker may use {args.worker_cpu_limit:g} of a core (its own cgroup, CFS quota); the "
            "reference worker's processes share a group limited to as many cores as our workers of the phase; "
            "PostgreSQL is not limited")
    if args.worker_threads:
        add(f"each worker runs its pipeline on {args.worker_threads} thread(s) (--threads)")
    if args.worker_batch_size:
        add(f"each worker takes batches of up to {args.worker_batch_size} messages (--batch-size)")
    if args.produce_window:
        add(f"produced in slices of {args.produce_slice} files while the workers run, at most "
            f"{args.produce_window} articles ahead of story_articles (the dev broker keeps about 5 MB per partition)")
    if args.backlog:
        add(f"backlog: the corpus was produced before the workers started ({args.partitions} partitions); each phase "
            "is timed from when the workers had claimed every partition, over the articles left, with no producer "
            "running")
    if args.warm_start:
        add("warm start: the workers joined the consumer group and claimed their partitions before the corpus was "
            "produced; each phase is timed from the start of production (the join is printed apart)")
    add("")
    add(f"{'':44}{'NewsIngest':>14}{'reference':>14}{'ratio':>10}")

    def row(label, ours, theirs=None, unit="", ratio=True, digits=0):
        def fmt(v):
            return "-" if v is None else f"{v:,.{digits}f}{unit}"
        r = f"{ours / theirs:.2f}x" if ratio and ours is not None and theirs and theirs >= 0.1 else ""
        add(f"{label:44}{fmt(ours):>14}{fmt(theirs):>14}{r:>10}")

    for w in args.workers:
        ours, peer = phases.get(f"ours_{w}w"), phases.get(f"peer_{w}w")
        if ours is None:
            continue
        add(f"-- {w} worker{'s' if w > 1 else ''}")
        row("end to end, articles/s", ours["rate"], peer and peer["rate"])
        row("  seconds", ours["seconds"], peer and peer["seconds"], ratio=False, digits=1)
        row("busy CPU s of the machine / 1,000 articles", ours["busy_cpu_per_1000"],
            peer and peer["busy_cpu_per_1000"], digits=1)
        row("workers + PostgreSQL CPU s / 1,000 articles", ours["processes_cpu_per_1000"],
            peer and peer.get("processes_cpu_per_1000"), digits=1)
        row("  workers", ours["worker_cpu_per_1000"], peer and peer["worker_cpu_per_1000"], digits=1)
        row("  PostgreSQL server", ours["postgres_cpu_per_1000"], peer and peer.get("postgres_cpu_per_1000"),
            digits=1)
        if ours.get("producer_cpu_per_1000") is not None:
            row("  ingest-producer, during the timed phase", ours["producer_cpu_per_1000"], None, digits=1)
        if ours["postgres_cpu_per_1000"] > 0:
            add(f"  {'workers : PostgreSQL CPU':42}{ours['worker_cpu_per_1000'] / ours['postgres_cpu_per_1000']:>14.1f}"
                " : 1")
        if ours.get("stories") is not None:
            row("stories in story_articles", ours["stories"], None)
        if ours.get("joined_seconds") is not None:
            row("  group join before the timed phase, s", ours["joined_seconds"], None, ratio=False, digits=1)
        if ours.get("pg_background") is not None:
            add(f"  {'PostgreSQL background work in the phase':42}  {describe_background(ours['pg_background'])}")
        row("peak worker RSS, MB", ours["peak_rss_mb"], None)
        if ours.get("throttled") is not None:
            theirs = peer.get("throttled") if peer else None
            row("CPU periods held back by the limit, %", ours["throttled"] * 100,
                None if theirs is None else theirs * 100, ratio=False)
        row("others' load before the start, cores", ours["background_cores"], peer and peer.get("background_cores"),
            ratio=False, digits=2)
        if ours.get("others_cores") is not None:
            row("others' load during the phase, cores", ours["others_cores"], None, ratio=False, digits=2)
    others = [p.get("background_cores", 0) for p in phases.values()]
    if others and max(others) > 0.2:
        add(f"note: other programs kept up to {max(others):.1f} cores busy before phases started; the machine's busy "
            "CPU includes their work, the workers + PostgreSQL figures do not")
    if len(args.workers) > 1:
        one, two = phases.get(f"ours_{min(args.workers)}w"), phases.get(f"ours_{max(args.workers)}w")
        add(f"scaling {max(args.workers)} vs {min(args.workers)} workers: {two['rate'] / one['rate']:.2f}x")
        if min(args.workers) == 1 and max(args.workers) == 2 and os.cpu_count() == 2 and not args.worker_cpu_limit:
            # Two workers share both cores with PostgreSQL (and the producer): at best 2 CPU-seconds per second over
            # W + P (+ F) CPU-seconds per article, using the 1-worker phase's split. Over the 1-worker rate measured,
            # that is the most 2 workers can add on this machine.
            w, p = one["worker_cpu_per_1000"] / 1000, one["postgres_cpu_per_1000"] / 1000
            f = (one.get("producer_cpu_per_1000") or 0) / 1000
            ceiling = 2 / (w + p + f)
            add(f"  ceiling for 2 workers on 2 cores from the 1-worker CPU split, 2 / (W + P{' + F' if f else ''}): "
                f"{ceiling:,.0f} articles/s = {ceiling / one['rate']:.2f}x the 1-worker rate (W workers, P PostgreSQL"
                f"{', F ingest-producer' if f else ''}, CPU s per article)")
    if "peer_core" in results:
        c = results["peer_core"]
        add(f"-- reference worker's pipeline alone (peer.sh core, one process, no Kafka or PostgreSQL), first "
            f"{c['articles']} files: {c['rate']:.0f} articles/s by its own clock, {c['cpu_per_1000']:.1f} CPU-s per 1,000 "
            "with its start and file reading (its regular expressions and MinHash run over the raw markup: it "
            "extracts no text)")
    if "preloaded" in phases:
        p, base = phases["preloaded"], phases[f"ours_{max(args.workers)}w"]
        add(f"-- {p['workers']} workers with {p['preloaded']:,} articles already stored")
        row("end to end, articles/s", p["rate"], None)
        add(f"  {p['rate'] / base['rate']:.0%} of the empty-database figure; busy CPU {p['busy_cpu_per_1000']:.1f} s "
            f"per 1,000 articles; peak worker RSS {p['peak_rss_mb']:.0f} MB; "
            + (f"the preload: the kept database {p['reused']}, cloned" if p.get("reused")
               else f"the preload itself ran at {p['preload_rate']:.0f} articles/s"))
        if p.get("pg_background") is not None:
            add(f"  PostgreSQL background work in the phase: {describe_background(p['pg_background'])}")
    if "latency" in results:
        lat = results["latency"]
        add(f"-- latency produce -> visible in story_articles, {lat['actual_rate']:.0f} articles/s "
            f"(half of the best rate), {lat['articles']} articles, polled every {lat['poll_seconds']} s")
        add(f"  from the producer's start (first_seen): p50 {lat['p50']:.2f} s   p99 {lat['p99']:.2f} s   max "
            f"{lat['max']:.2f} s" + (f"   ({lat['missing']} never visible)" if lat["missing"] else ""))
        if lat.get("ack_p50") is not None:
            add(f"  from the producer's exit (all acknowledged): p50 {lat['ack_p50']:.2f} s   p99 {lat['ack_p99']:.2f} s"
                f"   (one ingest-producer run per 1-second chunk took {lat['producer_seconds']:.2f} s)")
    if "copy_limit" in results:
        c = results["copy_limit"]
        best = phases[f"ours_{max(args.workers)}w"]
        add(f"-- COPY limit: the stored rows ({c['dump_mb']:.0f} MB as a dump) loaded into a fresh migrated database "
            f"in one transaction: {c['seconds']:.1f} s = {c['rate']:,.0f} articles/s")
        add(f"  end to end with {best['workers']} workers is {best['rate'] / c['rate']:.0%} of it")
    storage = results["storage"]
    add(f"-- stored per article ({storage['articles']:,} articles, database {storage['database_mb']:.0f} MB)")
    add(f"  {'table':32}{'rows':>10}{'rows/art':>10}{'bytes/art':>11}{'of which idx':>14}{'MB':>8}")
    total_rows = total_bytes = 0
    for t in storage["tables"]:
        if t["rows"] == 0 and t["total_mb"] < 0.1:
            continue
        total_rows += t["rows"]
        total_bytes += t["bytes_per_article"]
        add(f"  {t['table']:32}{t['rows']:>10,}{t['rows_per_article']:>10.1f}{t['bytes_per_article']:>11,.0f}"
            f"{t['index_bytes_per_article']:>14,.0f}{t['total_mb']:>8.1f}")
    add(f"  {'total':32}{total_rows:>10,}{total_rows / storage['articles']:>10.1f}{total_bytes:>11,.0f}")
    return "\n".join(lines)


def machine_description():
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024
    except OSError:
        memory = 0
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, {platform.system()} {platform.release()}"


def parse_arguments():
    parser = argparse.ArgumentParser(
        prog="Scripts/bench-e2e.sh",
        description="End-to-end benchmark: private PostgreSQL + dev broker, 1 and 2 workers, the reference worker, "
                    "CPU, storage, the COPY limit, latency and a preloaded database. Prints a table at the end.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--corpus", help="folder of articles to use instead of a generated corpus")
    parser.add_argument("--articles", type=int, default=8000, help="size of the generated corpus")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated corpus")
    parser.add_argument("--workers", default="1,2", help="worker counts to time, comma-separated")
    parser.add_argument("--html-pages", action="store_true",
                        help="generate each article as the whole 100-300 KB web page an outlet serves (scripts, "
                             "menus, ads, teasers, comments around the same text): parsing then dominates the "
                             "workers' CPU while the rows stored per article stay the same. Needs --preload 0 and "
                             "--warm-start (then implies --produce-window 150) or --backlog (with --partitions 48 "
                             "for 1,500 pages); the reference worker runs its pipeline alone on the pages "
                             "(peer.sh core)")
    parser.add_argument("--paragraphs", type=int, default=0,
                        help="keep only each generated article's first N paragraphs (news briefs: fewer rows stored)")
    parser.add_argument("--worker-threads", type=int,
                        help="pipeline threads per worker (ingest-worker --threads; default: all cores), e.g. 1 "
                             "so that each worker is one core's worth, as a pod with a 1-CPU limit")
    parser.add_argument("--worker-batch-size", type=int,
                        help="messages per worker batch (ingest-worker --batch-size; default 500), e.g. 100 for "
                             "200 KB pages")
    parser.add_argument("--produce-window", type=int,
                        help="produce the timed corpus in slices while the workers run, at most this many articles "
                             "ahead of story_articles (needs --warm-start)")
    parser.add_argument("--partitions", type=int, default=6, help="partitions of articles.raw on the dev broker")
    parser.add_argument("--backlog", action="store_true",
                        help="produce the corpus before the workers start and time each phase from when they have "
                             "claimed every partition, over the articles left: no producer and no group join in the "
                             "timed phase (the dev broker keeps only a few MB per partition: raise --partitions)")
    parser.add_argument("--produce-slice", type=int, default=50, help="files per producer run with --produce-window")
    parser.add_argument("--peer-core-files", type=int, default=200,
                        help="pages the reference worker's pipeline runs on with --html-pages")
    parser.add_argument("--preload", type=int, default=100_000,
                        help="articles stored before timing the corpus again (0 skips)")
    parser.add_argument("--preload-slice", type=int, default=4000,
                        help="articles produced at a time during the preload (the dev broker's retention is small)")
    parser.add_argument("--skip-peer", action="store_true", help="do not run the reference Python worker")
    parser.add_argument("--skip-copy", action="store_true", help="do not measure the COPY limit")
    parser.add_argument("--latency-seconds", type=float, default=30, help="paced production time (0 skips)")
    parser.add_argument("--latency-rate", type=float, help="paced rate (default: half the best measured rate)")
    parser.add_argument("--latency-poll", type=float, default=0.1, help="seconds between story_articles polls")
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("NEWSINGEST_BENCH_PG_PORT", "55439")),
                        help="port of the private PostgreSQL (env NEWSINGEST_BENCH_PG_PORT)")
    parser.add_argument("--workdir", default=os.path.join(ROOT, ".dev", "bench"),
                        help="corpora, PostgreSQL data, logs and results")
    parser.add_argument("--timeout", type=float, default=7200, help="give up on a phase after this many seconds")
    parser.add_argument("--stall-seconds", type=float, default=15,
                        help="accept fewer articles than files when nothing new appears for this long and lag is 0")
    parser.add_argument("--pg-stats", action="store_true",
                        help="load pg_stat_statements and print each timed phase's top statements (logs/pg-stats-*)")
    parser.add_argument("--pg-setting", action="append", default=[], metavar="NAME=VALUE",
                        help="a PostgreSQL server setting other than its default, repeatable (e.g. shared_buffers=4GB "
                             "max_wal_size=16GB, as Deploy/postgres/postgresql.conf sets them); default: none")
    parser.add_argument("--keep-preload", action="store_true",
                        help="keep the PostgreSQL data folder between runs and the preloaded database in it (as "
                             "preload_sSEED_nN); a later run with this option clones and migrates that database "
                             "instead of storing the preload again (minutes saved per run at 100,000 articles; the "
                             "stored rows are then those of the build that made it); a run without it deletes the "
                             "data folder, kept preloads included")
    parser.add_argument("--no-build", action="store_true", help="use the release binaries as they are")
    parser.add_argument("--bin-path", metavar="FOLDER",
                        help="take ingest-worker, ingest-producer and ingestctl from this folder (implies --no-build), "
                             "e.g. a copy of another branch's release binaries, to compare two builds back to back")
    parser.add_argument("--warm-start", action="store_true",
                        help="start the workers on the empty topic and let them join the group and claim every "
                             "partition before producing; time from the start of production (the consumer group's "
                             "join, about 3 s on the dev broker, is then not part of the rate, in the phase on top of "
                             "the preload too)")
    parser.add_argument("--pin-postgres", metavar="CPUS",
                        help="run PostgreSQL on these CPUs only (taskset list, e.g. 0)")
    parser.add_argument("--worker-cpu-limit", type=float, metavar="CORES",
                        help="limit each worker process to this share of a core (e.g. 0.2; a cgroup with a CFS "
                             "quota, which needs root), and the reference worker to as many cores as our workers of the "
                             "phase: the workers, not PostgreSQL, are then the limit, so 1 vs 2 workers shows what a "
                             "second worker adds when the database has room")
    parser.add_argument("--pin-workers", metavar="CPUS",
                        help="run the workers and the reference worker on these CPUs only (e.g. 1): with "
                             "--pin-postgres, shows how workers scale when they do not compete with the database")
    args = parser.parse_args()
    args.no_build = args.no_build or args.bin_path is not None
    args.workers = sorted({int(w) for w in args.workers.split(",")})
    if args.html_pages:
        if args.corpus or not (args.warm_start or args.backlog) or args.preload:
            parser.error("--html-pages generates its corpus and needs --warm-start or --backlog, and --preload 0")
        if args.warm_start:
            args.produce_window = args.produce_window or 150
    if args.backlog and args.warm_start:
        parser.error("--backlog and --warm-start are two ways to leave the join out: choose one")
    if args.produce_window and not args.warm_start:
        parser.error("--produce-window needs --warm-start (the corpus is produced while the workers run)")
    return args


def main():
    args = parse_arguments()
    bench = Bench(args)

    def interrupted(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupted)
    commit = run(["git", "rev-parse", "--short", "HEAD"], check=False).stdout.strip()
    bench.results.update(date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                         machine=machine_description(), commit=commit, arguments=vars(args))
    status = 0
    try:
        bench.run()
    except (BenchError, DatabaseError, subprocess.SubprocessError) as error:
        log(f"error: {error}")
        status = 1
    except KeyboardInterrupt:
        log("interrupted")
        status = 130
    finally:
        bench.close()
    if "storage" in bench.results:
        text = report(bench.results, args)
        print(text)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        with open(os.path.join(bench.workdir, f"results-{stamp}.json"), "w") as handle:
            json.dump(bench.results, handle, indent=1)
        with open(os.path.join(bench.workdir, f"results-{stamp}.txt"), "w") as handle:
            handle.write(text + "\n")
        log(f"results saved in {bench.workdir}/results-{stamp}.txt and .json")
    return status


if __name__ == "__main__":
    sys.exit(main())
