"""Installing the participants app without its extra is said by ``check``,
not discovered when the curator presses «Предложить пары»."""

import sys

from django.core.checks import run_checks


def ids():
    return [message.id for message in run_checks()]


def test_no_warning_with_scipy_installed():
    assert "mentoring_participants.W001" not in ids()


def test_a_site_without_scipy_is_told_which_extra_to_install(monkeypatch):
    # A module set to None in sys.modules is one Python cannot import.
    monkeypatch.setitem(sys.modules, "scipy", None)
    (warning,) = [m for m in run_checks() if m.id == "mentoring_participants.W001"]
    assert "«Предложить пары»" in warning.msg
    assert "mentoring_wagtail[participants]" in warning.hint
