"""Every admin page of the package under a strict Content-Security-Policy.

The demo school gives real objects; ``admin_csp`` finds the pages from what
the package registers. Each page that answers a GET with a whole HTML page
is opened in headless Chromium under ``CSP``; any violation fails the test
unless Wagtail's own code causes it (``WAGTAIL_OWNED``, each entry checked
against the installed Wagtail), and so does any inline event handler or
``javascript:`` URL in the page.

One live-server test loads the demo once and runs every check (the
superuser's pages, the modals and results, each role's pages, the check of
the check), each in a fresh browser context, and reports every failing one:
as six tests they loaded the demo six times, flushed the database six times
and asked for every admin URL twice. The rows a check's visits add (audit
entries, editing sessions) are removed before the next, so each starts from
the rows its own test did.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
import wagtail
from django.core.management import call_command

from tests.conftest import fresh_page

from . import admin_csp, admin_urls


def in_browser(test):
    return pytest.mark.browser(pytest.mark.django_db(transaction=True)(test))


# 'report-sample' loosens nothing: it puts the first 40 characters of a
# blocked inline script or style into the report.
CSP = (
    "default-src 'self'; script-src 'self' 'report-sample'; "
    "style-src 'self' 'report-sample'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)

COLLECT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => {
    const el = e.target && e.target.outerHTML ? e.target : null;
    window.__csp.push({directive: e.effectiveDirective, blocked: e.blockedURI,
        source: e.sourceFile, line: e.lineNumber, sample: e.sample,
        text: el && /^(SCRIPT|STYLE)$/.test(el.tagName) ? el.textContent.slice(0, 300) : '',
        element: el ? el.outerHTML.slice(0, 160) : ''});
}, true);
"""
# Inline handlers and javascript: URLs are blocked only when they run (on a
# click), so they are looked for in the page instead.
HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
    .filter(a => /^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value))
    .map(a => `${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 60)}"`))"""

WAGTAIL = Path(wagtail.__file__).parent
ROLES = ("curator", "secretary", "mentor")


@dataclass(frozen=True)
class Owned:
    """A violation Wagtail's own code causes, and where that code lives."""

    directive: str
    starts: str  # the blocked script's or style's text, whitespace collapsed
    source: str  # a file of the installed Wagtail …
    literal: str  # … that contains this

    def matches(self, violation):
        text = " ".join((violation["text"] or violation["sample"]).split())
        return violation["directive"] == self.directive and text.startswith(self.starts)


# What Wagtail 8.0.1's admin itself needs beyond a strict policy (see the
# docs/security.md). Form widgets end their HTML with an inline
# <script> that starts them (wagtail/admin/widgets/chooser.py, the date and
# time widget templates, InlinePanel's template); Draftail, the rich-text
# editor, inserts <style> elements. Nothing of the package is here.
WAGTAIL_OWNED = (
    Owned(
        "script-src-elem",
        'initDateChooser("',
        "admin/templates/wagtailadmin/widgets/date_input.html",
        "<script>initDateChooser(",
    ),
    Owned(
        "script-src-elem",
        'initDateTimeChooser("',
        "admin/templates/wagtailadmin/widgets/datetime_input.html",
        "<script>initDateTimeChooser(",
    ),
    Owned(
        "script-src-elem",
        'initTimeChooser("',
        "admin/templates/wagtailadmin/widgets/time_input.html",
        "<script>initTimeChooser(",
    ),
    *(
        Owned(
            "script-src-elem",
            f'new {constructor}("',
            source,
            f'js_constructor = "{constructor}"',
        )
        for constructor, source in (
            # A ChooserViewSet's widget (the participants' mentor chooser).
            ("Chooser", "admin/widgets/chooser.py"),
            ("PageChooser", "admin/widgets/chooser.py"),
            ("SnippetChooser", "snippets/widgets.py"),
            ("DocumentChooser", "documents/views/chooser.py"),
            ("ImageChooser", "images/widgets.py"),
        )
    ),
    Owned(
        "script-src-elem",
        "(function() { var panel = new InlinePanel(",
        "admin/templates/wagtailadmin/panels/inline_panel.html",
        "var panel = new InlinePanel(",
    ),
    Owned(
        "script-src-elem",
        "(function() { var panel = new MultipleChooserPanel(",
        "admin/templates/wagtailadmin/panels/multiple_chooser_panel.html",
        "var panel = new MultipleChooserPanel(",
    ),
    Owned(
        "style-src-elem",
        ".Draftail-block--",
        "admin/static/wagtailadmin/js/draftail.js",
        ".Draftail-block--unstyled.Draftail-block--empty",
    ),
    Owned(
        "style-src-elem",
        ".public-DraftStyleDefault-",
        "admin/static/wagtailadmin/js/draftail.js",
        "public-DraftStyleDefault-depth",
    ),
)


def ours(violation):
    return not any(owned.matches(violation) for owned in WAGTAIL_OWNED)


def describe(violation):
    what = violation["text"] or violation["sample"] or violation["blocked"]
    where = re.sub(r"^https?://[^/]+", "", violation["source"] or "")
    return (
        f"{violation['directive']} «{' '.join(what.split())[:80]}» "
        f"({where}:{violation['line']}) {violation['element'][:80]}"
    )


@pytest.fixture
def demo(db, django_user_model):
    """The demo school, with a record of each guarded model on its route."""
    from mentoring_wagtail.models import RoadmapPage

    call_command("load_demo_school", stdout=StringIO())
    admin = django_user_model.objects.get(is_superuser=True)
    for model in [*admin_urls.guarded_snippet_models(), RoadmapPage]:
        admin_csp.put_on_route(model, admin)
    return admin


@pytest.fixture
def strict_admin(chromium, live_server, client, settings):
    """``signed_in(user)`` opens a fresh browser context with that user's
    session; its ``visit(path)`` returns what broke the policy there."""
    settings.MENTORING_TEST_CSP = CSP
    # Two of Wagtail's requests to other hosts, turned off as a host with
    # this policy would (docs/security.md): default avatars from www.gravatar.com …
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None
    # … and the superuser's dashboard asking releases.wagtail.org for news.
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = False

    @contextmanager
    def signed_in(user, route=None):
        with fresh_page(chromium) as page:
            page.add_init_script(COLLECT)
            if route is not None:
                page.route(*route)
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            page.context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
            yield StrictPage(page, live_server.url)

    return signed_in


@dataclass
class StrictPage:
    page: object
    url: str

    def visit(self, path):
        response = self.page.goto(self.url + path)
        assert response.status == 200, path
        assert response.headers["content-security-policy"] == CSP
        # Violation events are dispatched asynchronously.
        self.page.wait_for_timeout(100)
        violations = self.page.evaluate("() => window.__csp")
        return [describe(v) for v in violations if ours(v)] + self.page.evaluate(
            HANDLERS
        ), violations


def answers(client, user, paths):
    """Each path with the user's GET answer, sorted into whole admin pages and
    parts of a page (modals as JSON, results): one request a path."""
    client.force_login(user)
    pages, fragments = [], []
    for label, path in paths:
        response = client.get(path)
        if response.status_code != 200:
            continue
        kind = response["Content-Type"]
        if kind.startswith("text/html") and b"<html" in response.content[:500]:
            pages.append((label, path))
            continue
        html = None
        if kind.startswith("application/json"):
            data = response.json()
            html = data.get("html") if isinstance(data, dict) else None
        elif kind.startswith("text/html"):
            html = response.text
        if html:
            fragments.append((label, path, html))
    return pages, fragments


def problems_on(strict_admin, user, pages):
    problems, wagtails = [], set()
    with strict_admin(user) as strict:
        for label, path in pages:
            found, violations = strict.visit(path)
            problems += [f"{label} {path}: {problem}" for problem in found]
            wagtails |= {v["directive"] for v in violations if not ours(v)}
    return problems, wagtails


def test_wagtail_owned_violations_are_wagtails_code():
    """Each excused violation is still made by the installed Wagtail."""
    for owned in WAGTAIL_OWNED:
        assert owned.literal in (WAGTAIL / owned.source).read_text(), owned


@dataclass
class Walk:
    """What the checks share: the demo's superuser, every admin path of the
    package, and the superuser's answers to them."""

    admin: object
    client: object
    strict_admin: object
    paths: list
    pages: list  # (label, path) answered with a whole admin page
    fragments: list  # (label, path, html) answered with part of a page


def an_inline_script_or_style_of_ours_fails(walk):
    """The check catches what it is for: markup added to the dashboard."""

    def add_inline_markup(route):
        response = route.fetch()
        body = response.text().replace(
            "</main>",
            '<script>document.title = "x";</script>'
            '<p style="color: red">x</p><a href="javascript:void(0)">x</a></main>',
        )
        route.fulfill(response=response, body=body)

    with walk.strict_admin(walk.admin, ("**/admin/", add_inline_markup)) as strict:
        found, _violations = strict.visit("/admin/")
    assert any('script-src-elem «document.title = "x";»' in p for p in found)
    assert any(p.startswith("style-src-attr «color: red»") for p in found)
    assert any("javascript:void(0)" in p for p in found)


def every_admin_page_of_the_package_keeps_a_strict_policy(walk):
    names = {label.split("[")[0] for label, _path in walk.pages}
    # The enumeration found the package's own views, not only Wagtail's.
    assert {
        "wagtailadmin_home",
        "mentoring_roadmap:report",
        "mentoring_roadmap:import",
        "mentoring_sharing:object",
        "mentoring_familiarisation:object",
        "wagtailsnippets_mentoring_wagtail_order:revoke",
        "wagtailsnippets_mentoring_wagtail_order:edit",
        "wagtailadmin_pages:edit",
        "wagtailsettings:edit",
        "mentoring_monitoring_overview",
        "mentoring_people:index",
        "mentoring_bases:import",
    } <= names, sorted(names)
    problems, wagtails = problems_on(walk.strict_admin, walk.admin, walk.pages)
    assert not problems, "\n".join(problems)
    # Wagtail's own widgets did run into the policy: the check was listening.
    assert "script-src-elem" in wagtails


def modals_and_partial_results_keep_the_policy_too(walk):
    """Choosers and listing results, put into a page as Wagtail's modal does."""
    names = {label.rsplit(":", 1)[-1] for label, _path, _html in walk.fragments}
    assert {"choose", "choose_results", "list_results"} <= names, names
    problems = []
    with walk.strict_admin(walk.admin) as strict:
        strict.visit("/admin/")
        page = strict.page
        for label, path, html in walk.fragments:
            page.evaluate(
                """html => { window.__csp = [];
                const box = document.createElement('div');
                box.id = 'csp-fragment';
                document.body.append(box);
                jQuery(box).html(html); }""",
                html,
            )
            page.wait_for_timeout(100)
            violations = page.evaluate("() => window.__csp")
            problems += [
                f"{label} {path}: {describe(v)}" for v in violations if ours(v)
            ]
            problems += [f"{label} {path}: {h}" for h in page.evaluate(HANDLERS)]
            page.evaluate("() => document.getElementById('csp-fragment').remove()")
    assert not problems, "\n".join(problems)


def role_user_sees_no_violation_either(role):
    """The dashboard (panels differ by role) and the package's own views."""

    def check(walk):
        from demo.school import DEMO_USERS
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username=DEMO_USERS[role])
        wanted = ("wagtailadmin_home", "mentoring_", "wagtailsnippets_mentoring")
        paths = [
            (label, path)
            for label, path in walk.paths
            if label.startswith(wanted) and label.endswith(("]", "edit", "home"))
        ]
        pages, _fragments = answers(walk.client, user, paths)
        assert len(pages) >= 2, pages
        problems, _wagtails = problems_on(walk.strict_admin, user, pages)
        assert not problems, "\n".join(problems)

    check.__name__ = f"{role}_sees_no_violation_either"
    return check


# Rows that opening a page adds: the package's audit logs a view of personal
# data, and Wagtail opens an editing session on an edit page. Nothing else
# changes but the signed-in user's ``last_login``, session and axes' access
# log (the tables compared one by one after each check).
TRACES = (
    "wagtailcore.ModelLogEntry",
    "wagtailcore.PageLogEntry",
    "wagtailadmin.EditingSession",
)


def last_rows():
    from django.apps import apps

    return {
        name: apps.get_model(name)
        .objects.order_by("-pk")
        .values_list("pk", flat=True)
        .first()
        or 0
        for name in TRACES
    }


def remove_rows_after(last):
    from django.apps import apps

    for name, pk in last.items():
        apps.get_model(name).objects.filter(pk__gt=pk).delete()


@in_browser
@pytest.mark.slow(
    reason="opens every admin page of the package in Chromium through the live "
    "server, as the superuser and as each role, and puts every modal and result "
    "into a page (about 60 s of CPU): the walk is what proves no page escapes "
    "the policy, and finding the fragments by their answers covers a new "
    "chooser or listing unnamed"
)
def test_every_admin_page_and_fragment_keeps_a_strict_policy(
    demo, strict_admin, client
):
    paths = admin_csp.admin_paths(
        admin_csp.page_samples(), admin_urls.guarded_snippet_models()
    )
    demo_rows = last_rows()
    pages, fragments = answers(client, demo, paths)
    answered_rows = last_rows()
    walk = Walk(demo, client, strict_admin, paths, pages, fragments)
    # Each check starts from the rows its own test started from when they were
    # six: the superuser's walks after the superuser's answers, the others
    # from the demo alone (each role asks for its own answers).
    plan = [
        (every_admin_page_of_the_package_keeps_a_strict_policy, answered_rows),
        (modals_and_partial_results_keep_the_policy_too, answered_rows),
        (an_inline_script_or_style_of_ours_fails, demo_rows),
        *((role_user_sees_no_violation_either(role), demo_rows) for role in ROLES),
    ]
    failures = []
    for check, start in plan:
        remove_rows_after(start)
        try:
            check(walk)
        except AssertionError as error:
            failures.append(f"{check.__name__}: {error}")
    assert not failures, "\n\n".join(failures)


INLINE = re.compile(
    r"<script(?![^>]*\b(src|type=\"application/json\")\b)[^>]*>\s*\S"
    r"|<style\b|\sstyle=|\son[a-z]+=|javascript:",
    re.IGNORECASE,
)


def test_no_template_of_the_package_has_inline_script_or_style():
    """Also the templates no page above reaches (e-mails are not pages)."""
    root = Path(admin_csp.__file__).resolve().parents[2] / "mentoring_wagtail"
    found = [
        f"{path.relative_to(root)}: {match.group(0)!r}"
        for path in root.rglob("templates/**/*.html")
        if "notifications" not in path.parts
        for match in [INLINE.search(path.read_text())]
        if match
    ]
    assert not found, "\n".join(found)
