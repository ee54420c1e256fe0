"""The participants app's own system check: its matching needs scipy."""

from importlib.util import find_spec

from django.core.checks import Warning


def scipy_installed_check(app_configs, **kwargs):
    """«Предложить пары» solves the cohort with scipy; say so at install time,
    not when the curator presses the button."""
    if find_spec("scipy") is not None:
        return []
    return [
        Warning(
            "scipy is not installed: the participants app's cohort matching "
            "(«Предложить пары») cannot run.",
            hint="Install the package with its participants extra: "
            "pip install 'mentoring_wagtail[participants]' (or pip install scipy).",
            id="mentoring_participants.W001",
        )
    ]
