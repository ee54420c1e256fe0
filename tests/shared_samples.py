"""Where the real Word roadmaps of ../shared/samples are.

They sit beside the repository (``../shared``) in the team's checkouts and in
CI; ``MENTORING_SHARED_DIR`` points elsewhere. Missing samples skip the tests
that need them on a developer's machine and fail them in CI.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _find_samples_dir():
    candidates = [
        os.environ.get("MENTORING_SHARED_DIR"),
        ROOT.parent / "shared",
        "/work/shared",
    ]
    for candidate in filter(None, candidates):
        samples = Path(candidate) / "samples"
        if samples.is_dir():
            return samples
    return ROOT.parent / "shared" / "samples"


SAMPLES_DIR = _find_samples_dir()


def require_samples():
    if SAMPLES_DIR.is_dir():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"the shared sample roadmaps are missing: {SAMPLES_DIR}")
    pytest.skip("the shared sample roadmaps are not available")


def sample(name):
    require_samples()
    return SAMPLES_DIR / name
