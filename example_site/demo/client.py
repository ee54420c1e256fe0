"""The demo school as a client over HTTP sees it: signing in and the form of
an order registered at once.

Shared by tests/cluster/ and benchmarks/bench_cluster.py, which drive the
running stack through its sockets; it imports no Django, so either may use it
without setting Django up.
"""

import datetime
import json
import re
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "demo_school.json"


def demo_password():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))["password"]


def sign_in(session, base, username="admin"):
    """Sign ``session`` (a requests session) in through ``base``; returns the
    login form's answer (302 when signed in)."""
    page = session.get(f"{base}/admin/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    return session.post(
        f"{base}/admin/login/",
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": demo_password(),
            "next": "/admin/",
        },
        allow_redirects=False,
        timeout=30,
    )


def order_form(session, title, site):
    """The fields of a «закрепление пар» order registered at once (a number
    from the journal), as the add form posts them."""
    return {
        "csrfmiddlewaretoken": session.cookies["csrftoken"],
        "title": title,
        "number": "",
        "date": datetime.date.today().isoformat(),
        "site": site,
        "kind": "pairs",
        "summary": "Закрепить пары.",
        "body": "ПРИКАЗЫВАЮ:\n1. Закрепить пары.",
        "signatory_title": "Директор",
        "signatory_name": "А.Б. Вишнякова",
        "register_now": "on",
    }
