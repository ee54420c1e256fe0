"""Every journey runs at both paces (``pace``: automation, person) in the
session's one Chromium, with a :class:`Journey` recorder on its page.

With ``MENTORING_JOURNEY_TALLY=<file>`` (set by ``benchmarks/bench_journeys.py``)
each journey appends what it counted (clicks, fields, page loads, per part)
to that file as JSON lines.
"""

import json
import os

import pytest

from .recorder import PACES, Journey


@pytest.fixture(params=PACES, ids=[pace.name for pace in PACES])
def pace(request):
    return request.param


@pytest.fixture
def journey(browser_page, pace, request, settings):
    # The live server's request threads share one in-memory SQLite connection:
    # a background autosave landing during the user's own request failed now
    # and then with «database table is locked». Autosave has its own browser
    # test (tests/documents/test_journal_autosave_browser.py).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    recorded = Journey(browser_page, pace)
    yield recorded
    tally_file = os.environ.get("MENTORING_JOURNEY_TALLY")
    if tally_file and recorded.results:
        with open(tally_file, "a", encoding="utf-8") as out:
            for part, tally in recorded.results.items():
                row = {"journey": request.node.originalname, "part": part}
                row |= {"pace": pace.name, **vars(tally)}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
