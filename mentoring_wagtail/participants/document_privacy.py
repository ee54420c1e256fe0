"""Which files name participants: the answer the core's serving rule asks for.

The Word draft and the signed scan of an order fixing mentoring pairs list
the mentors and mentees (many are minors) in their appendix; every file of
the app's private collection («Наставничество / Участники»: consent scans,
course certificates, order drafts) names someone too. Such a file is
withheld from visitors unless every person it names has a valid consent to
publication (the ``mentoring_document_names_people`` hook of
``documents/serving.py``). A fixed number of queries for any list of files.
"""

from django.db.models import Q
from wagtail.documents import get_document_model

from mentoring_wagtail.documents.orders import Order, OrderKind
from mentoring_wagtail.participants.models import MentorCourse, PersonalDataConsent

from .fixing_order import append_appendix
from .models import GroupMembership, MentoringGroup, Person
from .prefetches import visible_people_prefetch
from .storage import existing_private_collections


def _orders_naming_unconsented(order_ids):
    consented = Person.objects.with_publication_consent().values("pk")
    mentors = (
        MentoringGroup.objects.filter(fixing_order__in=order_ids)
        .exclude(mentor__person__in=consented)
        .values_list("fixing_order", flat=True)
    )
    mentees = (
        GroupMembership.objects.filter(group__fixing_order__in=order_ids)
        .exclude(mentee__person__in=consented)
        .values_list("group__fixing_order", flat=True)
    )
    return set(mentors) | set(mentees)


def withheld_documents(ids):
    """Ids among ``ids`` naming a participant without publication consent."""
    withheld = set()
    private = Q()
    for path in existing_private_collections().values_list("path", flat=True):
        private |= Q(collection__path__startswith=path)
    if private:
        withheld.update(
            get_document_model()
            .objects.filter(private, pk__in=ids)
            .values_list("pk", flat=True)
        )
    withheld.update(_files_of_records_naming_people(ids))
    fixing = MentoringGroup.objects.filter(fixing_order__isnull=False).values(
        "fixing_order"
    )
    orders = list(
        Order.objects.filter(Q(draft_file_id__in=ids) | Q(signed_scan_id__in=ids))
        .filter(Q(pk__in=fixing) | Q(kind=OrderKind.PAIRS))
        .values_list("pk", "draft_file_id", "signed_scan_id")
    )
    if orders:
        blocked = _orders_naming_unconsented([pk for pk, _d, _s in orders])
        # An order fixing pairs names people by its kind, whether or not a
        # group points to it: without groups, whom it names is unknown.
        linked = set(
            MentoringGroup.objects.filter(
                fixing_order__in=[pk for pk, _d, _s in orders]
            ).values_list("fixing_order", flat=True)
        )
        for pk, draft_id, scan_id in orders:
            if pk in blocked or pk not in linked:
                withheld.update({draft_id, scan_id} & set(ids))
    return withheld


def _files_of_records_naming_people(ids):
    """Consent scans and mentors' course certificates, in whatever
    collection they were put: private by what they are."""
    found = set(
        PersonalDataConsent.objects.filter(scan_id__in=ids).values_list(
            "scan_id", flat=True
        )
    )
    found |= set(
        MentorCourse.objects.filter(certificate_id__in=ids).values_list(
            "certificate_id", flat=True
        )
    )
    return found


def complete_order_docx(order, data):
    """The core's «Сформировать .docx» of a pairs order keeps its appendix."""
    groups = list(
        MentoringGroup.objects.filter(fixing_order=order.pk)
        .select_related("mentor__person", "form")
        .prefetch_related(visible_people_prefetch("memberships", "visible_memberships"))
        .order_by("academic_year", "mentor__person__last_name", "pk")
    )
    if not groups:
        return None
    return append_appendix(data, order, groups)
