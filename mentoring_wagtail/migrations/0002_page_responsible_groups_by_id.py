"""Page responsible groups are named by the page's id, not its title.

The old name «Ответственные: «<title>» (#<id>)» followed the title at the time
of the first grant; after a rename the group disappeared from «Доступ». The
id in the old name is kept, so renamed pages get their group back. Where a
group of the new name already exists, the members are merged into it.
"""

import re

from django.db import migrations

OLD_NAME = re.compile(r"^Ответственные: «.*» \(#(\d+)\)$", re.DOTALL)
PREFIX = "mentoring-page-responsible-"


def rename_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__startswith="Ответственные: «"):
        match = OLD_NAME.match(group.name)
        if not match:
            continue
        new_name = f"{PREFIX}{match.group(1)}"
        existing = Group.objects.filter(name=new_name).first()
        if existing is None:
            group.name = new_name
            group.save(update_fields=["name"])
        else:
            existing.user_set.add(*group.user_set.all())
            group.delete()


def restore_group_names(apps, schema_editor):
    """Back to «Ответственные: «<title>» (#<id>)», the title read from the page."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    for group in Group.objects.filter(name__startswith=PREFIX):
        page_id = group.name[len(PREFIX) :]
        if not page_id.isdigit():
            continue
        page = Page.objects.filter(pk=int(page_id)).only("title").first()
        title = page.title if page else ""
        group.name = f"Ответственные: «{title}» (#{page_id})"[:150]
        group.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("mentoring_wagtail", "0001_initial")]

    operations = [migrations.RunPython(rename_groups, restore_group_names)]
