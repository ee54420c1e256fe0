"""``manage.py import_roadmap FILE.docx|FILE.json --parent <page id or URL path>``."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ...roadmaps.json_format import read_roadmap_file
from ...roadmaps.json_io import create_roadmap_page
from ...roadmaps.models import RoadmapPage
from ...section.base_page import BasePage
from ...word.safety import DocxRefused
from ..localized_help import LocalizedHelpCommand


def find_page(value):
    value = str(value).strip()
    if value.isdigit():
        page = BasePage.objects.filter(pk=int(value)).first()
    elif value.strip("/"):
        # A URL path as visitors see it, e.g. «/mentoring/» (without the site root).
        path = "/" + value.strip("/") + "/"
        page = (
            BasePage.objects.filter(url_path__endswith=path).order_by("depth").first()
        )
    else:
        page = None
    if page is None:
        raise CommandError(gettext("No page «%(page)s».") % {"page": value})
    return page.specific


class Command(LocalizedHelpCommand):
    help = _(
        "Create a draft roadmap page from a Word (.docx) roadmap or a JSON export."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the .docx or .json file"))
        parser.add_argument(
            "--parent", required=True, help=_("parent page: id or URL path")
        )
        parser.add_argument("--publish", action="store_true", help=_("publish at once"))
        parser.add_argument("--user", help=_("username recorded as the page's owner"))

    def handle(self, *args, **options):
        parent = find_page(options["parent"])
        if not RoadmapPage.can_create_at(parent):
            raise CommandError(
                gettext("A roadmap page cannot be created under «%(title)s».")
                % {"title": parent.title}
            )
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(
                    gettext("No user «%(user)s».") % {"user": options["user"]}
                )
        try:
            with open(options["file"], "rb") as handle:
                roadmap = read_roadmap_file(handle.read(), options["file"])
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except DocxRefused as exc:
            raise CommandError(str(exc)) from exc
        page = create_roadmap_page(
            parent, roadmap, user=user, publish=options["publish"]
        )
        stages = ngettext(
            "%(count)d stage", "%(count)d stages", len(roadmap.stages)
        ) % {"count": len(roadmap.stages)}
        activities = ngettext(
            "%(count)d activity", "%(count)d activities", roadmap.activity_count
        ) % {"count": roadmap.activity_count}
        self.stdout.write(f"{page.pk}: «{page.title}» — {stages}, {activities}")
        for warning in roadmap.warnings:
            self.stdout.write(f"  ! {warning}")
