"""The curator's pairs, in headless Chromium at both paces (``pace``): from
the bases, «Предложить пары» offers each mentee a mentor; the curator accepts;
the secretary drafts the order fixing the groups from the groups' listing.

The director signs the order fixing the pairs from her dashboard: «Подписать»
leads to one short screen with one button, and the groups show the order in
force afterwards. The curator logs a meeting of one of two groups of one
mentor, told apart by their labels, choosing the attendees among the group's
people only.

The bases are made as records here; their Excel import is walked in
``test_bases_import.py``.
"""

import re

import pytest
from wagtail.models import Site, Workflow

from mentoring_wagtail.approvals.routes import ORDER_WORKFLOW
from mentoring_wagtail.models import Order
from mentoring_wagtail.participants.fixing_order import draft_fixing_order
from mentoring_wagtail.participants.models import Meeting, MentoringGroup
from mentoring_wagtail.participants.prefetches import visible_people_prefetch
from tests.documents_support import make_document
from tests.participants.support import make_group, make_mentee, make_mentor

from .support import log_in, messages, open_menu, school_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bases(live_server, mentoring_section):
    staff = school_staff("curator", "secretary")
    mentors = [
        make_mentor(last_name="Алгебраева", capacity=2),
        make_mentor(last_name="Шахматов", capacity=1),
    ]
    mentees = [make_mentee(last_name=name) for name in ("Звездочётова", "Лучикова")]
    return staff, mentors, mentees


def test_curator_matches_the_pairs_and_drafts_the_order_fixing_them(
    journey, live_server, bases
):
    j, url, page = journey, live_server.url, journey.page
    staff, mentors, mentees = bases
    j.allowed |= set(staff)
    log_in(j, url, "curator")
    j.stage("pairs")
    open_menu(j, "Участники", "Предложить пары")
    proposal = page.locator("table[data-proposal]")
    for mentee in mentees:
        assert mentee.person.last_name in proposal.inner_text()
    j.click(page.get_by_role("button", name="Принять пары"))
    assert messages(page)
    groups = MentoringGroup.objects.all()
    assert groups.count() >= 1 and all(g.status == "forming" for g in groups)
    assert sum(g.mentees.count() for g in groups) == len(mentees)

    j.record("curator: bases to the groups formed", j.since("pairs"))

    # The groups formed wait for their order: the secretary drafts it from
    # the groups' listing.
    log_in(j, url, "secretary")
    j.stage("order")
    open_menu(j, "Участники", "Пары и группы")
    draft = page.get_by_role("link", name=re.compile("закреплении"))
    assert draft.count(), (page.url, page.locator("main a").all_inner_texts())
    j.click(draft.first)
    j.click(page.get_by_role("button", name="Сформировать приказ", exact=True))
    order = Order.objects.get(kind="pairs")
    assert "закреплении наставнических пар" in order.title
    assert f"/edit/{order.pk}/" in page.url  # the order, to complete and submit
    j.record("secretary drafts the order fixing the pairs", j.since("order"))
    j.record("whole journey")
    j.assert_clean()


PAIRS_ORDER_NUMBER = "45-ОД"


@pytest.fixture
def order_at_signature(live_server, mentoring_section):
    """The order fixing a group, registered (number, scan) by the secretary,
    reviewed by the curator: it waits for the director's signature."""
    staff = school_staff("secretary", "curator", "director")
    group = make_group(
        make_mentor(last_name="Алгебраева"),
        mentees=[make_mentee(last_name="Звездочётова")],
        status="forming",
    )
    groups = MentoringGroup.objects.filter(pk=group.pk).prefetch_related(
        visible_people_prefetch("memberships", "visible_memberships")
    )
    order = draft_fixing_order(
        groups, staff["secretary"], Site.objects.get(is_default_site=True)
    )
    order.number = PAIRS_ORDER_NUMBER
    order.signed_scan = make_document("Скан приказа 45-ОД")
    order.save()
    order.save_revision(user=staff["secretary"])
    Workflow.objects.get(name=ORDER_WORKFLOW).start(order, staff["secretary"])
    order.refresh_from_db()
    order.current_workflow_task.on_action(
        order.current_workflow_task_state, staff["curator"], "approve"
    )
    return staff, order, group


def test_director_signs_the_order_fixing_the_pairs_from_her_dashboard(
    journey, live_server, order_at_signature
):
    j, url, page = journey, live_server.url, journey.page
    staff, order, group = order_at_signature
    j.allowed |= set(staff)
    log_in(j, url, "director")
    j.stage("sign")
    # The dashboard says what waits for her signature, with «Подписать».
    item = page.locator("[data-awaiting-item]", has_text=order.title)
    assert "к вашей подписи" in item.inner_text()
    j.click(item.get_by_role("link", name="Подписать"))
    # One short screen: what is signed, its number, the scan; one button.
    screen = page.locator("[data-sign-off]")
    assert order.title in screen.inner_text()
    assert PAIRS_ORDER_NUMBER in screen.inner_text()
    assert screen.locator("[data-sign-off-scan]").count() == 1
    assert screen.get_by_role("button").count() == 1
    j.click(screen.get_by_role("button", name="Подписать"))
    assert "одобрено на этапе «Подписание директором»" in messages(page)
    signed = j.record("director signs the pairs order", j.since("sign"))
    # Signed: nothing waits any more, the order is in force, the group shows it.
    assert page.locator("[data-awaiting-item]", has_text=order.title).count() == 0
    open_menu(j, "Наставничество", "Приказы")
    row = page.locator("tbody tr", has_text=order.title).inner_text()
    assert PAIRS_ORDER_NUMBER in row and "Действует" in row
    open_menu(j, "Участники", "Пары и группы")
    row = page.locator("tbody tr", has_text="Алгебраева").inner_text()
    assert PAIRS_ORDER_NUMBER in row, row
    group.refresh_from_db()
    assert group.fixing_order_in_force()
    j.record("whole journey")
    j.assert_clean()
    assert signed.clicks == 2, signed  # «Подписать», «Подписать»


MEETING_NOTES = "Разобрали олимпиадные задачи, наметили план на месяц"


@pytest.fixture
def two_groups(live_server, mentoring_section):
    """One mentor, two groups of one form and year (alike by their names),
    and a pupil of neither."""
    staff = school_staff("curator")
    mentor = make_mentor(last_name="Алгебраева", capacity=3)
    first = make_group(mentor, mentees=[make_mentee(last_name="Звездочётова")])
    second = make_group(mentor, mentees=[make_mentee(last_name="Лучикова")])
    make_mentee(last_name="Посторонняя")
    return staff, first, second


def test_curator_logs_a_meeting_of_one_of_two_alike_groups(
    journey, live_server, two_groups
):
    j, url, page = journey, live_server.url, journey.page
    staff, first, second = two_groups
    j.allowed |= set(staff)
    log_in(j, url, "curator")
    j.stage("meeting")
    open_menu(j, "Участники", "Журнал встреч")
    j.click(page.get_by_role("link", name=re.compile("Добавить встречу")).first)
    group_field = page.locator("#id_group")
    # The groups' options, not the empty choice (its label differs between
    # Django versions: «---------», «— Выберите значение —»).
    labels = [
        text.strip()
        for text in group_field.locator("option:not([value=''])").all_inner_texts()
    ]
    assert len(labels) == 2 and len(set(labels)) == 2, labels
    assert not any("Лучикова" in label for label in labels)  # no pupil named
    j.choose(group_field, value=str(second.pk))
    j.type("#id_date", "14.10.2025")  # as the field shows a date
    attendees = page.locator("#id_attendees")
    offered = attendees.inner_text()
    # Only the group's people: its mentor and its mentee.
    assert "Алгебраева" in offered and "Лучикова" in offered, offered
    assert "Звездочётова" not in offered and "Посторонняя" not in offered, offered
    for name in ("Алгебраева", "Лучикова"):
        j.check(attendees.locator("label", has_text=name).locator("input"))
    j.type("#id_notes", MEETING_NOTES)
    j.click(page.locator("footer button[type=submit]").first)
    assert messages(page)
    meeting = Meeting.objects.get()
    assert meeting.group == second
    assert {p.last_name for p in meeting.attendees.all()} == {
        "Алгебраева",
        "Лучикова",
    }
    # The meeting as it is shown afterwards: in the log, then on its form.
    row = page.locator("tbody tr", has_text="Лучикова")
    assert "14 октября 2025" in row.inner_text(), row.inner_text()
    assert "Алгебраева" in row.inner_text(), row.inner_text()
    j.click(row.locator("a").first)
    j.saved()  # the date and the notes typed, on the meeting's form
    for name in ("Алгебраева", "Лучикова"):
        assert attendees.locator("label", has_text=name).locator("input").is_checked()
    j.record("curator logs a meeting", j.since("meeting"))
    j.record("whole journey")
    j.assert_clean()
