"""``manage.py import_roadmap FILE.docx --parent <page id or URL path>``."""

from django.core.management.base import BaseCommand, CommandError

from ...importexport.docx_safety import DocxRefused
from ...importexport.roadmap_json import create_roadmap_page
from ...importexport.roadmap_reader import read_roadmap


def find_page(value):
    from ...models.base_page import BasePage

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
        raise CommandError(f"No page {value!r}.")
    return page.specific


class Command(BaseCommand):
    help = "Create a draft roadmap page from a Word (.docx) roadmap."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .docx file")
        parser.add_argument(
            "--parent", required=True, help="parent page: id or URL path"
        )
        parser.add_argument("--publish", action="store_true", help="publish at once")
        parser.add_argument("--user", help="username recorded as the page's owner")

    def handle(self, *args, **options):
        from django.contrib.auth import get_user_model

        from ...models.roadmap import RoadmapPage

        parent = find_page(options["parent"])
        if not RoadmapPage.can_create_at(parent):
            raise CommandError(
                f"A roadmap page cannot be created under «{parent.title}»."
            )
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user {options['user']!r}.")
        try:
            with open(options["file"], "rb") as handle:
                roadmap = read_roadmap(handle.read())
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except DocxRefused as exc:
            raise CommandError(str(exc)) from exc
        page = create_roadmap_page(
            parent, roadmap, user=user, publish=options["publish"]
        )
        self.stdout.write(
            f"{page.pk}: «{page.title}» — {len(roadmap.stages)} stages, "
            f"{roadmap.activity_count} activities"
        )
        for warning in roadmap.warnings:
            self.stdout.write(f"  ! {warning}")
