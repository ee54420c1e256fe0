"""Driving ``scripts/cluster`` from a benchmark: its commands, and code run
with Django set up as the cluster's servers are (their settings, database and
cache, read from ``scripts/cluster env``)."""

# The subprocesses here are our own (scripts/cluster, the cluster's Python).
# ruff: noqa: S603

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "cluster"


class ClusterControl:
    def __init__(self, state_dir, **extra_environment):
        self.state_dir = Path(state_dir)
        self.extra_environment = extra_environment

    def environment(self):
        env = dict(os.environ)
        env["MENTORING_CLUSTER_STATE"] = str(self.state_dir)
        env.update(self.extra_environment)
        env.setdefault("MENTORING_CLUSTER_PYTHON", sys.executable)
        return env

    def script(self, *args, check=True):
        done = subprocess.run(
            [str(SCRIPT), *args], env=self.environment(), capture_output=True, text=True
        )
        if check and done.returncode != 0:
            raise SystemExit(
                f"scripts/cluster {' '.join(args)}:\n{done.stdout}{done.stderr}"
            )
        return done

    def in_cluster(self, code):
        """Run ``code`` in the cluster's Django; its last printed line is JSON."""
        env = self.environment()
        exports = self.script("env").stdout
        env.update(re.findall(r"^export (\w+)='(.*)'$", exports, re.MULTILINE))
        done = subprocess.run(
            [
                env["MENTORING_CLUSTER_PYTHON"],
                "-c",
                "import django; django.setup()\n" + code,
            ],
            cwd=ROOT / "example_site",
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout.strip().splitlines()[-1])
