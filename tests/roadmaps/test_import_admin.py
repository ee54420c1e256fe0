"""The import as the curator meets it: menu, warnings kept with the page,
the «РАССМОТРЕНО» and «УТВЕРЖДАЮ» blocks on the page."""

import pytest

from mentoring_wagtail.models import RoadmapPage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
from mentoring_wagtail.roadmaps.word_reader import read_roadmap
from tests import roadmap_docx

pytestmark = pytest.mark.django_db


def test_import_is_in_the_mentoring_menu(admin_client, mentoring_section):
    response = admin_client.get("/admin/")
    assert "/admin/mentoring/roadmaps/import/" in response.text


def test_import_is_not_in_the_menu_of_who_cannot_import(
    client, django_user_model, mentoring_section
):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "/admin/mentoring/roadmaps/import/" not in response.text


def test_warnings_stay_in_the_editor_until_cleared(admin_client, mentoring_section):
    roadmap = read_roadmap(roadmap_docx.report_layout())
    assert roadmap.warnings
    page = create_roadmap_page(mentoring_section, roadmap)
    edit_url = f"/admin/pages/{page.pk}/edit/"
    response = admin_client.get(edit_url)
    assert 'name="import_warnings"' in response.text
    page = RoadmapPage.objects.get(pk=page.pk)
    assert page.import_warnings == "\n".join(roadmap.warnings)
    page.import_warnings = ""
    page.save_revision().publish()
    response = admin_client.get(edit_url)
    assert 'name="import_warnings"' not in response.text


def test_both_approval_blocks_are_on_the_page(client, mentoring_section):
    roadmap = read_roadmap(roadmap_docx.omutninsk_layout())
    page = create_roadmap_page(mentoring_section, roadmap, publish=True)
    text = client.get(page.url).text
    assert "РАССМОТРЕНО:<br>на педагогическом совете" in text
    assert "УТВЕРЖДАЮ:" in text and "Приказ № 21 от 30.08.2024 г." in text


def test_deleting_an_order_a_roadmap_cites_is_refused(admin_client, mentoring_section):
    from django.urls import reverse
    from django.utils.translation import gettext
    from wagtail.admin.admin_url_finder import quote

    from mentoring_wagtail.models import Order
    from tests.documents_support import make_order

    order = make_order(number="21", publish=True)
    roadmap = read_roadmap(roadmap_docx.omutninsk_layout())
    page = create_roadmap_page(mentoring_section, roadmap)
    page.approved_by_order = order
    page.save_revision().publish()
    response = admin_client.post(
        reverse(Order.snippet_viewset.get_url_name("delete"), args=[quote(order.pk)]),
        follow=True,
    )
    assert Order.objects.filter(pk=order.pk).exists()
    message = gettext(
        "«%(object)s» is referred to by «%(citing)s» and cannot be "
        "deleted. An official record is never deleted: revoke it instead "
        "(mark it «no longer in force» with the date and the cancelling "
        "order)."
    ) % {"object": order, "citing": page.title}
    assert message in [str(m).strip() for m in response.context["messages"]]


def test_an_order_cited_only_by_a_draft_in_approval_is_not_deleted(
    admin_client, mentoring_section, django_user_model
):
    """The draft's revision cites the order; the saved row does not."""
    from django.urls import reverse
    from wagtail.admin.admin_url_finder import quote

    from mentoring_wagtail.models import Order
    from tests.documents_support import make_order

    order = make_order(number="22", publish=True)
    roadmap = read_roadmap(roadmap_docx.omutninsk_layout())
    page = create_roadmap_page(mentoring_section, roadmap, publish=True)
    page.approved_by_order = order
    page.save_revision()  # a draft: the live row keeps no approving order
    page.refresh_from_db()
    assert page.approved_by_order_id is None
    user = django_user_model.objects.get(username="admin")
    page.get_workflow().start(page, user)
    delete_url = reverse(
        Order.snippet_viewset.get_url_name("delete"), args=[quote(order.pk)]
    )
    response = admin_client.post(delete_url, follow=True)
    assert Order.objects.filter(pk=order.pk).exists()
    texts = [str(m) for m in response.context["messages"]]
    assert any(page.title in text and "согласовани" in text for text in texts), texts
    # Once the route is cancelled, the draft holds nothing up.
    page.current_workflow_state.cancel(user=user)
    admin_client.post(delete_url)
    assert not Order.objects.filter(pk=order.pk).exists()


def test_word_export_keeps_both_blocks_and_sub_sections(mentoring_section):
    from mentoring_wagtail.roadmaps.export import export_roadmap_bytes

    original = read_roadmap(roadmap_docx.omutninsk_layout())
    page = create_roadmap_page(mentoring_section, original)
    content, _type, _name = export_roadmap_bytes(page)
    again = read_roadmap(content)
    assert again.considered_text == original.considered_text
    assert again.approval_text == original.approval_text
    assert [a.task for s in again.stages for a in s.activities] == [
        a.task for s in original.stages for a in s.activities
    ]
