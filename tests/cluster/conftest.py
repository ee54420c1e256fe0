"""One cluster for the whole module, started by the project's own script.

`scripts/cluster up` (with its own state folder, .cache/cluster-test-*, so a
developer's stack is never touched; in the PostgreSQL run only) installs Debian's haproxy and
redis-server and the `cluster` extra when they are missing. When it cannot,
or PostgreSQL is not reachable, the tests are skipped with the reason; under
CI=true they fail instead.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from demo.client import sign_in

ROOT = Path(__file__).resolve().parents[2]
# One folder per Python, so two test runs side by side never share a stack.
STATE_DIR = ROOT / ".cache" / f"cluster-test-{Path(sys.prefix).name}"
SCRIPT = ROOT / "scripts" / "cluster"


def unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"the cluster is required in CI: {reason}")
    pytest.skip(reason)


class Cluster:
    def __init__(self, state, environment):
        self.state = state
        self.environment = environment
        ports = state["ports"]
        self.front = f"http://127.0.0.1:{ports['haproxy']}"
        self.servers = {
            name: f"http://127.0.0.1:{ports[name]}" for name in ("app1", "app2")
        }
        self.s3_endpoint = f"http://127.0.0.1:{ports['s3']}"
        self.bucket = state["bucket"]

    def script(self, *args):
        return subprocess.run(  # noqa: S603
            [str(SCRIPT), *args],
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def django(self, *args):
        """Run tests/cluster/in_cluster.py in the cluster's environment."""
        exports = self.script("env").stdout
        env = dict(self.environment)
        env.update(re.findall(r"^export (\w+)='(.*)'$", exports, re.MULTILINE))
        done = subprocess.run(  # noqa: S603
            [sys.executable, str(Path(__file__).parent / "in_cluster.py"), *args],
            cwd=ROOT / "example_site",
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        line = next(x for x in done.stdout.splitlines() if x.startswith("JSON:"))
        return json.loads(line[5:])

    def s3(self):
        import boto3  # the cluster extra, installed by scripts/cluster up

        return boto3.client(
            "s3",
            endpoint_url=self.s3_endpoint,
            aws_access_key_id="cluster-key",
            aws_secret_access_key="cluster-secret",  # noqa: S106
            region_name="us-east-1",
        )

    def login(self, base, username="admin"):
        """A signed-in requests session (through ``base``)."""
        import requests  # the cluster extra (moto's dependency)

        session = requests.Session()
        response = sign_in(session, base, username)
        assert response.status_code == 302, response.text[:500]
        return session


@pytest.fixture(scope="module")
def cluster():
    if os.environ.get("MENTORING_DB") != "postgres":
        # Not a missing tool: the stack's database is PostgreSQL whatever the
        # run's, so it is proved once, in the PostgreSQL run.
        pytest.skip("the cluster runs on PostgreSQL: proved in the PostgreSQL run")
    environment = dict(os.environ)
    environment["MENTORING_CLUSTER_STATE"] = str(STATE_DIR)
    environment["MENTORING_CLUSTER_PYTHON"] = sys.executable
    started = subprocess.run(  # noqa: S603
        [str(SCRIPT), "up"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if started.returncode != 0:
        output = (started.stdout + started.stderr)[-2000:]
        if "could not install" in output or "connection failed" in output:
            unavailable(f"scripts/cluster up could not start the stack: {output}")
        pytest.fail(f"scripts/cluster up failed:\n{output}")
    state = json.loads((STATE_DIR / "state.json").read_text())
    try:
        yield Cluster(state, environment)
    finally:
        subprocess.run(  # noqa: S603
            [str(SCRIPT), "down"], env=environment, capture_output=True, timeout=120
        )


@pytest.fixture(scope="module")
def inventory(cluster):
    return cluster.django("seed")
