"""A municipality's installation on one machine, all on loopback (scripts/cluster).

    scripts/cluster up       start everything (a fresh database each time)
    scripts/cluster check    each component's health; exit 1 if one is down
    scripts/cluster down     stop everything this script started
    scripts/cluster kill NAME | start NAME   SIGKILL / start one process
                             (app1, app2, worker): the fault runs use them
    scripts/cluster env      the environment of the stack, for `manage.py`

The pieces: PostgreSQL (the machine's, a database of its own), its own
redis-server (Django's cache and the sessions' copies), a moto server as the
S3 endpoint with one private bucket, two gunicorn app servers of the example
site, HAProxy in front (health checks on /healthz, retries, redispatch), and
the task worker (`manage.py mentoring_worker`, django-tasks-db with a
heartbeat). State (ports, process ids, logs, HAProxy's configuration) lives
in .cache/cluster/.

Run through the scripts/cluster wrapper, which installs Debian's haproxy and
redis-server and the `cluster` extra first.
"""

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# MENTORING_CLUSTER_STATE: another folder for a second stack (the tests use
# .cache/cluster-test, so they never stop a developer's own).
STATE_DIR = Path(os.environ.get("MENTORING_CLUSTER_STATE", ROOT / ".cache" / "cluster"))
STATE_FILE = STATE_DIR / "state.json"
SITE_DIR = ROOT / "example_site"
PYTHON = sys.executable
BUCKET = "mentoring-media"
S3_KEY = "cluster-key"
S3_SECRET = "cluster-secret"  # noqa: S105 (moto accepts any; a real S3 has its own)
APP_SERVERS = ("app1", "app2")
# The machine's own PostgreSQL (trust auth on loopback).
PG = {
    "host": os.environ.get("PGHOST", "127.0.0.1"),
    "port": os.environ.get("PGPORT", "5432"),
    "user": os.environ.get("PGUSER", "postgres"),
}
# One database per checkout, so two trees on one machine do not meet.
DB_NAME = os.environ.get(
    "MENTORING_CLUSTER_DB",
    "mentoring_cluster_" + hashlib.sha256(str(STATE_DIR).encode()).hexdigest()[:8],
)
TEMPLATE_DB = DB_NAME + "_migrated"
LOADED_DB = DB_NAME + "_demo"


def say(message):
    print(f"==> {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_state():
    if STATE_FILE.exists():
        return json.loads(STATE_FILE.read_text())
    return None


def save_state(state):
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    STATE_FILE.write_text(json.dumps(state, indent=2))


def workers():
    """gunicorn workers per app server (sync: one request each at a time)."""
    return int(os.environ.get("MENTORING_CLUSTER_WORKERS", "2"))


def site_environment(state):
    """What each Django process of the stack runs with."""
    ports = state["ports"]
    return {
        "PYTHONPATH": f"{ROOT}{os.pathsep}{SITE_DIR}",
        # MENTORING_CLUSTER_SETTINGS: another settings module (a benchmark's).
        "DJANGO_SETTINGS_MODULE": os.environ.get(
            "MENTORING_CLUSTER_SETTINGS", "example_site.settings"
        ),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "cluster-"
        + hashlib.sha256(str(ROOT).encode()).hexdigest(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{ports['haproxy']}",
        "MENTORING_DB": "postgres",
        "PGDATABASE": state["database"],
        "PGHOST": PG["host"],
        "PGPORT": PG["port"],
        "PGUSER": PG["user"],
        "MENTORING_REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/0",
        "MENTORING_S3_ENDPOINT": f"http://127.0.0.1:{ports['s3']}",
        "MENTORING_S3_BUCKET": BUCKET,
        "MENTORING_S3_ACCESS_KEY": S3_KEY,
        "MENTORING_S3_SECRET_KEY": S3_SECRET,
        "MENTORING_TASKS_BACKEND": "database",
        # A killed worker's task is queued again within about 20 s.
        "MENTORING_WORKER_DEAD_AFTER": "15",
        "MENTORING_BEHIND_PROXY": "1",
        "CACHE_DIR": str(STATE_DIR / "unused-file-cache"),
    }


def process_environment(state):
    env = dict(os.environ)
    env.update(site_environment(state))
    return env


def command_for(name, state):
    ports = state["ports"]
    if name == "redis":
        return [
            "redis-server",
            "--port", str(ports["redis"]),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", str(STATE_DIR),
        ]  # fmt: skip
    if name == "s3":
        return [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(ports["s3"])]
    if name in APP_SERVERS:
        return [
            PYTHON, "-m", "gunicorn", "example_site.wsgi:application",
            "--bind", f"127.0.0.1:{ports[name]}",
            "--workers", str(workers()),
            "--timeout", "60",
            "--graceful-timeout", "5",
            "--access-logfile", "-",
            "--name", f"mentoring-{name}",
        ]  # fmt: skip
    if name == "worker":
        return [
            PYTHON,
            "manage.py",
            "mentoring_worker",
            "--no-reload",
            "--interval",
            "0.5",
        ]
    if name == "haproxy":
        return ["haproxy", "-db", "-f", str(STATE_DIR / "haproxy.cfg")]
    raise SystemExit(f"unknown component: {name}")


def start(name, state):
    """Start one process in its own session (so `kill` takes its children)."""
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    log = open(STATE_DIR / f"{name}.log", "ab")  # noqa: SIM115 (the child keeps it)
    process = subprocess.Popen(  # noqa: S603 (our own commands)
        command_for(name, state),
        cwd=SITE_DIR,
        env=process_environment(state),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    state["pids"][name] = process.pid
    save_state(state)
    return process.pid


def alive(pid):
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (killed, not yet reaped by us) counts as dead.
    try:
        status = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return status != "Z"


def stop(name, state, sig=signal.SIGTERM, wait=10.0):
    """Signal the process group of ``name``; SIGKILL what outlives ``wait``."""
    pid = state["pids"].get(name)
    if not pid:
        return
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + wait
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if alive(pid):
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    # The group's other members (gunicorn's workers) go with it.
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    state["pids"][name] = None
    save_state(state)


def wait_for(what, probe, timeout=60.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            if probe():
                return
        except Exception as error:  # noqa: BLE001 (not up yet)
            last = error
        time.sleep(0.2)
    raise SystemExit(f"{what} did not come up in {timeout:.0f} s ({last})")


def http_status(url, timeout=3.0):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def redis_ping(port):
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(b"PING\r\n")
        return sock.recv(16).startswith(b"+PONG")


def s3_client(port):
    import boto3  # deferred: the cluster extra

    return boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{port}",
        aws_access_key_id=S3_KEY,
        aws_secret_access_key=S3_SECRET,
        region_name="us-east-1",
    )


def pg_connect(dbname="postgres"):
    import psycopg  # deferred: the postgres extra

    return psycopg.connect(
        host=PG["host"], port=PG["port"], user=PG["user"], dbname=dbname,
        autocommit=True, connect_timeout=5,
    )  # fmt: skip


def migrations_fingerprint():
    digest = hashlib.sha256()
    for folder in (ROOT / "mentoring_wagtail", SITE_DIR):
        for path in sorted(folder.rglob("migrations/*.py")):
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def manage(state, *args):
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=SITE_DIR,
        env=process_environment(state),
        check=True,
        stdout=open(STATE_DIR / "setup.log", "ab"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )


def code_fingerprint():
    """Of everything the demo school's load depends on: the package's and the
    site's code, and the fixtures."""
    digest = hashlib.sha256()
    for folder in (ROOT / "mentoring_wagtail", SITE_DIR, ROOT / "fixtures"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".json", ".docx", ".html"):
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def database_exists(conn, name):
    found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
    return found.fetchone() is not None


def prepare_database(state):
    """A fresh database with the demo school, and its files in the bucket.

    The first `up` migrates a template database (once per set of migrations),
    loads the demo school into a copy (its files go to the bucket) and keeps
    both as a snapshot: a database template and the bucket's files under
    .cache/cluster/bucket/. Later `up`s copy the snapshot back while no code
    has changed, in seconds instead of minutes.
    """
    marker = STATE_DIR / "snapshot-fingerprint"
    migrated_marker = STATE_DIR / "template-fingerprint"
    snapshot_dir = STATE_DIR / "bucket"
    fingerprint = code_fingerprint()
    migrations = migrations_fingerprint()
    with pg_connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        if (
            marker.exists()
            and marker.read_text() == fingerprint
            and database_exists(conn, LOADED_DB)
            and snapshot_dir.is_dir()
        ):
            say("Copying the demo school's snapshot (database and files)")
            conn.execute(f'CREATE DATABASE "{DB_NAME}" TEMPLATE "{LOADED_DB}"')
            client = s3_client(state["ports"]["s3"])
            for path in sorted(snapshot_dir.rglob("*")):
                if path.is_file():
                    key = path.relative_to(snapshot_dir).as_posix()
                    client.upload_file(str(path), BUCKET, key)
            return
        fresh_template = not (
            database_exists(conn, TEMPLATE_DB)
            and migrated_marker.exists()
            and migrated_marker.read_text() == migrations
        )
        if fresh_template:
            say("Migrating a template database (once per set of migrations)")
            conn.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE_DB}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{TEMPLATE_DB}"')
    if fresh_template:
        manage_env_db(state, TEMPLATE_DB, "migrate", "--noinput")
        migrated_marker.write_text(migrations)
    with pg_connect() as conn:
        conn.execute(f'CREATE DATABASE "{DB_NAME}" TEMPLATE "{TEMPLATE_DB}"')
    say("Loading the demo school (files into the bucket)")
    manage(state, "load_demo_school")
    with pg_connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{LOADED_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{LOADED_DB}" TEMPLATE "{DB_NAME}"')
    shutil.rmtree(snapshot_dir, ignore_errors=True)
    client = s3_client(state["ports"]["s3"])
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            target = snapshot_dir / item["Key"]
            target.parent.mkdir(parents=True, exist_ok=True)
            client.download_file(BUCKET, item["Key"], str(target))
    marker.write_text(fingerprint)


def manage_env_db(state, dbname, *args):
    env = process_environment(state)
    env["PGDATABASE"] = dbname
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=SITE_DIR,
        env=env,
        check=True,
        stdout=open(STATE_DIR / "setup.log", "ab"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )


def write_haproxy_config(state):
    ports = state["ports"]
    servers = "\n".join(
        f"    server {name} 127.0.0.1:{ports[name]} check" for name in APP_SERVERS
    )
    config = f"""\
# Written by scripts/cluster up. What matters for a school's visitors:
# - a server is taken out after 3 failed health checks 500 ms apart (the
#   /healthz view reaches the database and the cache) and back after 2 good;
# - each server gets at most as many requests at once as it has workers;
#   the others wait in HAProxy's queue (up to 30 s), not in gunicorn's
#   backlog, so a busy server still answers its health check in time and is
#   not taken out for being busy;
# - a server that refuses a connection is marked down at once (observe
#   layer4): otherwise, its slots being the only free ones while the other
#   server is busy, every retry would go back to the dead one;
# - a request whose connection fails, or whose server closes without an
#   answer, is retried (3 times), each time on the other server (redispatch);
# - only GET and HEAD are retried once sent: a write that reached a server is
#   never sent twice (the server committed it or not; the visitor sees which).
global
    maxconn 512
    log stdout format raw local0 info
    stats socket {STATE_DIR / "haproxy.sock"} mode 600 level admin

defaults
    log global
    mode http
    option httplog
    option forwardfor
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout check 5s
    timeout queue 30s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout

frontend web
    bind 127.0.0.1:{ports["haproxy"]}
    default_backend app

backend app
    balance roundrobin
    http-request disable-l7-retry if !{{ method GET HEAD }}
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 500ms fall 3 rise 2 maxconn {workers()} observe layer4 error-limit 1 on-error mark-down
{servers}

listen stats
    bind 127.0.0.1:{ports["stats"]}
    stats enable
    stats uri /
"""
    (STATE_DIR / "haproxy.cfg").write_text(config)


def start_app_server(name, state):
    start(name, state)
    port = state["ports"][name]
    wait_for(name, lambda: http_status(f"http://127.0.0.1:{port}/healthz") == 200)


def up():
    state = load_state()
    if state and any(alive(pid) for pid in state["pids"].values()):
        say("The cluster is already up (scripts/cluster down stops it)")
        return check()
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    for log in STATE_DIR.glob("*.log"):
        log.unlink()
    names = ("redis", "s3", *APP_SERVERS, "haproxy", "stats")
    state = {"ports": {name: free_port() for name in names}, "pids": {}}
    state["database"] = DB_NAME
    state["bucket"] = BUCKET
    save_state(state)
    started = time.monotonic()
    try:
        say(f"redis-server on 127.0.0.1:{state['ports']['redis']}")
        start("redis", state)
        wait_for("redis", lambda: redis_ping(state["ports"]["redis"]))
        say(f"S3 (moto) on 127.0.0.1:{state['ports']['s3']}, bucket {BUCKET}")
        start("s3", state)
        client = s3_client(state["ports"]["s3"])
        wait_for("s3", lambda: client.list_buckets() is not None)
        client.create_bucket(Bucket=BUCKET)
        say(f"PostgreSQL database {DB_NAME}")
        prepare_database(state)
        for name in APP_SERVERS:
            say(f"{name}: gunicorn on 127.0.0.1:{state['ports'][name]}")
            start(name, state)
        for name in APP_SERVERS:
            health = f"http://127.0.0.1:{state['ports'][name]}/healthz"
            wait_for(name, lambda health=health: http_status(health) == 200)
        write_haproxy_config(state)
        say(f"HAProxy on 127.0.0.1:{state['ports']['haproxy']}")
        start("haproxy", state)
        front = f"http://127.0.0.1:{state['ports']['haproxy']}/healthz"
        wait_for("haproxy", lambda: http_status(front) == 200)
        say("Task worker (manage.py mentoring_worker)")
        start("worker", state)
    except BaseException:
        say("Start failed: stopping what was started (logs in .cache/cluster/)")
        down(quiet=True)
        raise
    say(f"Up in {time.monotonic() - started:.0f} s")
    return check()


def down(quiet=False):
    state = load_state()
    if not state:
        if not quiet:
            say("Nothing to stop")
        return 0
    for name in ("haproxy", "worker", *APP_SERVERS, "s3", "redis"):
        stop(name, state)
    # The data lived as long as the stack (its files were in moto's memory);
    # the templates stay for the next `up`.
    try:
        with pg_connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{state["database"]}" WITH (FORCE)')
    except Exception as error:  # noqa: BLE001 (PostgreSQL gone: nothing to drop)
        say(f"The database {state['database']} was not dropped: {error}")
    STATE_FILE.unlink(missing_ok=True)
    if not quiet:
        say("Stopped")
    return 0


def haproxy_servers(state):
    """Each app server's state as HAProxy's health checks see it."""
    url = f"http://127.0.0.1:{state['ports']['stats']}/;csv"
    with urllib.request.urlopen(url, timeout=3) as response:  # noqa: S310
        rows = response.read().decode().splitlines()
    header = rows[0].lstrip("# ").split(",")
    seen = {}
    for row in rows[1:]:
        values = dict(zip(header, row.split(","), strict=False))
        if values.get("pxname") == "app" and values.get("svname") in APP_SERVERS:
            seen[values["svname"]] = values.get("status", "?")
    return seen


def check():
    state = load_state()
    if not state:
        print("cluster: down")
        return 1
    ports = state["ports"]
    results = []

    def probe(name, test):
        try:
            detail = test()
            ok = bool(detail)
        except Exception as error:  # noqa: BLE001 (reported, not raised)
            ok, detail = False, f"{type(error).__name__}: {error}"
        results.append(ok)
        print(
            f"{name:<10} {'up' if ok else 'DOWN':<5} {detail if detail is not True else ''}"
        )

    probe(
        "postgres",
        lambda: (
            pg_connect(state["database"]).execute("SELECT 1").fetchone()
            and f"database {state['database']}"
        ),
    )
    probe("redis", lambda: redis_ping(ports["redis"]) and f"127.0.0.1:{ports['redis']}")
    probe(
        "s3",
        lambda: (
            s3_client(ports["s3"]).head_bucket(Bucket=BUCKET)
            and f"http://127.0.0.1:{ports['s3']}/{BUCKET}"
        ),
    )
    balancer = {}
    try:
        balancer = haproxy_servers(state)
    except Exception:  # noqa: BLE001, S110 (reported by the haproxy line)
        pass
    for name in APP_SERVERS:
        url = f"http://127.0.0.1:{ports[name]}/healthz"
        probe(
            name,
            lambda url=url, name=name: (
                http_status(url) == 200
                and f"{url} (balancer: {balancer.get(name, '?')})"
            ),
        )
    front = f"http://127.0.0.1:{ports['haproxy']}/"
    probe(
        "haproxy",
        lambda: (
            http_status(front + "healthz") == 200
            and f"{front} (stats: http://127.0.0.1:{ports['stats']}/)"
        ),
    )
    probe(
        "worker",
        lambda: (
            alive(state["pids"].get("worker")) and f"pid {state['pids'].get('worker')}"
        ),
    )
    return 0 if all(results) else 1


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    command, *rest = argv
    if command == "up":
        return up()
    if command == "down":
        return down()
    if command == "check":
        return check()
    if command == "env":
        state = load_state()
        if not state:
            print("cluster: down", file=sys.stderr)
            return 1
        for key, value in site_environment(state).items():
            print(f"export {key}={value!r}")
        return 0
    if command in ("kill", "start") and rest:
        state = load_state()
        if not state:
            print("cluster: down", file=sys.stderr)
            return 1
        for name in rest:
            if name not in (*APP_SERVERS, "worker"):
                raise SystemExit(f"only app1, app2 and worker: not {name}")
            if command == "kill":
                stop(name, state, sig=signal.SIGKILL, wait=5)
            elif name in APP_SERVERS:
                start_app_server(name, state)
            else:
                start(name, state)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
