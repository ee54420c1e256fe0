"""Demo data of the approval routes: local rights and a familiarisation.

The demo curator is made responsible for the demo roadmap (and edits just
that), the methodologist may edit one demo regulation through a guardian
object permission, and the mentor and the methodologist are asked to
acknowledge the first order in force. Idempotent.
"""

from guardian.shortcuts import assign_perm

from mentoring_wagtail.access.permissions import make_responsible_for_page
from mentoring_wagtail.approvals.routes import ensure_default_workflows
from mentoring_wagtail.models import Acknowledgement, Order, Regulation, RoadmapPage


def load(site, section, users):
    list(ensure_default_workflows())
    roadmap = RoadmapPage.objects.descendant_of(section).order_by("path").first()
    if roadmap is not None:
        make_responsible_for_page(users["curator"], roadmap)
    regulation = Regulation.objects.order_by("pk").first()
    if regulation is not None:
        assign_perm(
            "mentoring_wagtail.change_regulation", users["methodologist"], regulation
        )
    order = Order.objects.filter(live=True).order_by("date", "pk").first()
    if order is not None:
        Acknowledgement.require(
            order,
            [users["mentor"], users["methodologist"]],
            requested_by=users.get("secretary"),
        )
