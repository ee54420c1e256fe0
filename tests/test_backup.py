"""A backup made with ``dumpdata`` restores everything on PostgreSQL.

The documented backup command (``mentoring_backup``, docs/operations/backups.md) is run on the demo school
(with a grant and a revocation added, and a page and a user deleted, whose
audit log Wagtail keeps), the database is emptied (``flush``, as a fresh restore
target is) and the backup loaded. Every row of every model in the backup —
pages, revisions, records, documents, guardian grants, groups, the order
journal, the audit log — must come back field by field, the files must still
open, and the site must keep working: the next order number follows the
journal, new rows get new ids.
"""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry, Site

from mentoring_wagtail.backup import EXCLUDED, PythonSerializer
from mentoring_wagtail.documents.numbering import take_next_number
from mentoring_wagtail.documents.registry import DocumentRegistryPage
from mentoring_wagtail.documents.revocation import revoke
from mentoring_wagtail.models import Order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def backed_up_models():
    excluded = set(EXCLUDED)
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in excluded
        and model._meta.label_lower not in excluded
        and not model._meta.proxy
        and model._meta.managed
    ]


def snapshot():
    """Every row of every backed-up model, serialised with natural foreign keys."""
    rows = {}
    for model in backed_up_models():
        queryset = model._base_manager.order_by("pk")
        rows[model._meta.label] = PythonSerializer().serialize(
            queryset, use_natural_foreign_keys=True
        )
    return rows


def to_the_millisecond(value):
    # Django's JSON serialiser writes times to the millisecond (XML would keep
    # microseconds but cannot write Wagtail's StreamField); docs/operations/backups.md says so.
    if isinstance(value, datetime.datetime | datetime.time):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def first_difference(rows_before, rows_after):
    """``(pk, field, before, after)`` of the first difference, or None."""
    if len(rows_before) != len(rows_after):
        return ("rows", len(rows_before), len(rows_after))
    for old, new in zip(rows_before, rows_after, strict=True):
        if old.get("pk") != new.get("pk"):
            return (old.get("pk"), "pk", old.get("pk"), new.get("pk"))
        for field, value in old["fields"].items():
            restored = new["fields"].get(field)
            if to_the_millisecond(restored) != to_the_millisecond(value):
                return (old.get("pk"), field, value, restored)
    return None


def make_backup(path):
    call_command("mentoring_backup", "--output", str(path), stdout=StringIO())


def renumber_content_types():
    """Give the restore target other content type ids, as another server has."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE django_content_type SET id = id + 100000")
        cursor.execute(
            "UPDATE auth_permission SET content_type_id = content_type_id + 100000"
        )
    ContentType.objects.clear_cache()


@pytest.fixture
def school(db):
    call_command("load_demo_school", stdout=StringIO())
    from guardian.shortcuts import assign_perm

    # A per-object grant and a revocation, so both must survive.
    order = Order.objects.filter(live=True).order_by("pk").first()
    group = Group.objects.create(name="Проверка резервной копии")
    assign_perm("mentoring_wagtail.change_order", group, order)
    revoke(order, revoked_on=datetime.date(2026, 1, 1), note="проверка")

    # Deleted rows whose audit log stays: a page and a user.
    home = Site.objects.get(is_default_site=True).root_page
    gone = home.add_child(instance=Page(title="Удалённая страница", slug="gone"))
    leaver = get_user_model().objects.create_user("leaver", password="x")  # noqa: S106
    log(gone, "wagtail.create", user=leaver)
    gone.delete()
    leaver.delete()
    return order


def files_served(client, registry):
    """Order number → the status a visitor gets for its scan; each page opens."""
    served = {}
    for order in Order.objects.filter(live=True, revoked_on__isnull=True):
        page = client.get(registry.document_url(order))
        assert page.status_code == 200
        scan = client.get(order.signed_scan.url)
        if scan.status_code == 200:
            b"".join(scan.streaming_content)
        served[order.number] = scan.status_code
    return served


def test_backup_restores_every_record_file_revision_grant_and_counter(
    school, client, tmp_path
):
    from guardian.models import GroupObjectPermission

    before = snapshot()
    assert before["guardian.GroupObjectPermission"]
    assert before["wagtailcore.Revision"] and before["mentoring_wagtail.OrderJournal"]
    deleted_page_log = PageLogEntry.objects.filter(label="Удалённая страница")
    assert deleted_page_log.exists()
    registry = DocumentRegistryPage.objects.live().get()
    served_before = files_served(client, registry)
    assert 200 in served_before.values()
    backup = tmp_path / "backup.json"
    make_backup(backup)

    call_command("flush", interactive=False, verbosity=0)
    assert not Page.objects.exists() and not Order.objects.exists()
    renumber_content_types()
    call_command("loaddata", str(backup), verbosity=0)
    call_command("update_index", stdout=StringIO())

    after = snapshot()
    differences = {
        label: first_difference(before[label], after[label]) for label in before
    }
    assert differences == dict.fromkeys(before)
    assert deleted_page_log.exists()
    assert GroupObjectPermission.objects.filter(
        group__name__contains="резервной"
    ).exists()

    # The records' pages open again, and their files are served (or withheld:
    # a pairs order names pupils) exactly as before the backup.
    registry = DocumentRegistryPage.objects.live().get()
    assert files_served(client, registry) == served_before

    # The registry's search works on the rebuilt index.
    found = client.get(registry.url, {"q": school.title.split()[-1].strip("«»")})
    assert school.title in found.content.decode()

    # The journal goes on where it stopped; new rows get fresh ids.
    last = Order.objects.filter(live=True).order_by("-date").first()
    new = Order(site=Site.objects.get(is_default_site=True), kind=last.kind)
    new.title, new.date = "После восстановления", last.date
    number = take_next_number(new)
    assert not Order.objects.filter(
        site=new.site, year=new.date.year, number=number
    ).exists()
    new.save()
    home = Site.objects.get(is_default_site=True).root_page
    home.add_child(instance=Page(title="Новая страница", slug="after-restore"))
