"""What a step of ``manage.py mentoring_setup`` reports, line by line.

Its own module so the features' setup steps (e.g. the default approval
routes) can yield results without importing the setup that runs them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SetupResult:
    created: bool
    message: str
