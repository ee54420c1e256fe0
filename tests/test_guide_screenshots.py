"""The screenshots of the user guide (docs/guide/), taken in Chromium on the demo school.

Each role's user signs in and opens the screens their guide page describes; the
test fails if a screen does not open for them, or if a guide page shows a picture
this test does not take. The pictures are committed in ``docs/guide/img/`` so the
documentation builds without a browser and a change to them is seen in review.
A run writes them to ``tests/_screenshots/guide/``; with
``MENTORING_UPDATE_GUIDE_SCREENSHOTS=1`` it replaces the committed ones:

    MENTORING_UPDATE_GUIDE_SCREENSHOTS=1 .venv/bin/python -m pytest \\
        tests/test_guide_screenshots.py -p no:randomly
"""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide"
IMAGE = re.compile(r"!\[[^\]]*\]\(img/([\w.-]+\.png)\)")
# Wagtail's admin scrolls inside its own panel, so a full-page shot is the
# viewport: a tall one shows the dashboards' second panel.
VIEWPORT = {"width": 1280, "height": 1200}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.slow(
        reason="loads the demo school and opens 21 screens as six users (1–2 min)"
    ),
]


def output_dir():
    if os.environ.get("MENTORING_UPDATE_GUIDE_SCREENSHOTS") == "1":
        return GUIDE / "img"
    return ROOT / "tests" / "_screenshots" / "guide"


def images_in_guide():
    return {
        name
        for page in GUIDE.glob("*.md")
        for name in IMAGE.findall(page.read_text(encoding="utf-8"))
    }


def put_on_route(obj, user):
    """Send ``obj`` for approval along its route, as its author would."""
    workflow = obj.get_workflow()
    obj.save_revision(user=user)
    workflow.start(obj, user)


def screens():
    """(username or None for a visitor, file name, path[, tab]) per shot, in order.

    A ``(None, None, step)`` entry changes the school between shots: the
    order and the roadmap go on their routes after the curator's screens, and
    the curator's review passes so the order waits for the director's signature.
    """
    from wagtail.models import Site

    from mentoring_wagtail.models import MentoringIndexPage, Order, RoadmapPage

    site = Site.objects.get(is_default_site=True)
    section = MentoringIndexPage.objects.live().first()
    roadmap = RoadmapPage.objects.first()
    order = Order.objects.filter(live=True).order_by("date", "pk").first()
    User = get_user_model()
    admin = User.objects.get(is_superuser=True)
    curator = User.objects.get(username="curator")

    def send_for_approval():
        put_on_route(order, User.objects.get(username="secretary"))
        order.refresh_from_db()
        order.current_workflow_task_state.approve(user=curator)
        put_on_route(roadmap, curator)

    def snippet(name, *args):
        return reverse(f"wagtailsnippets_mentoring_wagtail_order:{name}", args=args)

    return [
        ("secretary", "secretary-dashboard.png", reverse("wagtailadmin_home")),
        ("secretary", "secretary-orders.png", snippet("list")),
        ("secretary", "secretary-order-add.png", snippet("add")),
        ("curator", "curator-dashboard.png", reverse("wagtailadmin_home")),
        ("curator", "curator-roadmap-import.png", reverse("mentoring_roadmap:import")),
        (
            "curator",
            "curator-roadmap-report.png",
            reverse("mentoring_roadmap:report", args=[roadmap.pk]),
        ),
        ("curator", "curator-groups.png", reverse("mentoring_groups:index")),
        ("curator", "curator-matching.png", reverse("mentoring_matching:cohort")),
        ("curator", "curator-monitoring.png", reverse("mentoring_monitoring_overview")),
        (None, None, send_for_approval),
        ("director", "director-dashboard.png", reverse("wagtailadmin_home")),
        ("director", "director-order.png", snippet("edit", order.pk)),
        ("methodist", "methodist-dashboard.png", reverse("wagtailadmin_home")),
        (
            "methodist",
            "methodist-roadmap-preview.png",
            reverse("wagtailadmin_pages:view_draft", args=[roadmap.pk]),
        ),
        ("mentor", "mentor-dashboard.png", reverse("wagtailadmin_home")),
        ("mentor", "mentor-portfolio.png", reverse("mentoring_portfolios:mine")),
        ("mentor", "mentor-groups.png", reverse("mentoring_groups:index")),
        (
            admin.username,
            "web-admin-organisation.png",
            reverse(
                "wagtailsettings:edit",
                args=["mentoring_wagtail", "organisationsettings", site.pk],
            ),
        ),
        (
            admin.username,
            "web-admin-explorer.png",
            reverse("wagtailadmin_explore", args=[section.pk]),
        ),
        (
            admin.username,
            "web-admin-user-roles.png",
            reverse("wagtailusers_users:edit", args=[curator.pk]),
            "Роли",
        ),
        (
            admin.username,
            "web-admin-workflows.png",
            reverse("wagtailadmin_workflows:index"),
        ),
        (None, "public-section.png", section.url),
    ]


def test_each_role_guide_screen_opens_and_is_photographed(
    browser_page, live_server, client, settings
):
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no requests to other hosts
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = False
    call_command("load_demo_school", stdout=StringIO())
    shots = screens()
    assert images_in_guide() <= {shot[1] for shot in shots}, (
        "a guide page shows a picture this test does not take"
    )
    folder = output_dir()
    folder.mkdir(parents=True, exist_ok=True)
    page = browser_page
    page.set_viewport_size(VIEWPORT)
    signed_in = object()
    User = get_user_model()
    for username, name, path, *tab in shots:
        if name is None:
            path()  # a step of the school's day between shots
            continue
        if username != signed_in:
            page.context.clear_cookies()
            client.logout()
            if username is not None:
                client.force_login(User.objects.get(username=username))
                cookie = client.cookies[settings.SESSION_COOKIE_NAME]
                page.context.add_cookies(
                    [
                        {
                            "name": cookie.key,
                            "value": cookie.value,
                            "url": live_server.url,
                        }
                    ]
                )
            signed_in = username
        response = page.goto(live_server.url + path)
        assert response.status == 200, (username, path, response.status)
        assert "/admin/login/" not in page.url, (username, path)
        if tab:
            page.get_by_role("tab", name=tab[0]).click()
        page.screenshot(path=str(folder / name))
