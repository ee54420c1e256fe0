"""Registration only: the admin views live in ``admin/``."""

from django.urls import include, path
from wagtail import hooks

from .admin import base_exports, bases, fixing_order, privacy
from .admin.choosers import mentee_chooser_viewset, mentor_chooser_viewset
from .admin.viewsets import ParticipantsViewSetGroup
from .audit import register_log_actions
from .document_privacy import complete_order_docx, withheld_documents
from .models import Person


@hooks.register("register_admin_viewset")
def register_participants_viewsets():
    return [ParticipantsViewSetGroup(), mentor_chooser_viewset, mentee_chooser_viewset]


@hooks.register("register_log_actions")
def register_participants_log_actions(actions):
    register_log_actions(actions)


@hooks.register("register_admin_urls")
def register_participants_urls():
    return [
        path(
            "mentoring/participants/bases/", include(bases, namespace="mentoring_bases")
        ),
        path(
            "mentoring/participants/exports/",
            include(base_exports, namespace="mentoring_base_exports"),
        ),
        path(
            "mentoring/participants/fixing-order/",
            include(fixing_order, namespace="mentoring_fixing_order"),
        ),
        path(
            "mentoring/participants/person/",
            include(privacy, namespace="mentoring_participants_privacy"),
        ),
    ]


@hooks.register("mentoring_document_names_people")
def withhold_files_naming_participants(ids):
    return withheld_documents(ids)


@hooks.register("mentoring_complete_order_docx")
def keep_the_pairs_appendix(order, data):
    return complete_order_docx(order, data)


@hooks.register("mentoring_wagtail_nonpublic_names")
def names_without_publication_consent(site):
    """Everyone of the site without a valid consent to publication stays inside."""
    published = Person.objects.filter(site=site).with_publication_consent()
    names = (
        Person.objects.filter(site=site)
        .exclude(pk__in=published.values("pk"))
        .values_list("first_name", "last_name")
    )
    for first_name, last_name in names:
        if last_name:
            yield f"{first_name} {last_name}".strip()
            yield last_name


@hooks.register("mentoring_staff_details")
def staff_details_from_people(users, field):
    """Position and phone of staff users, from their records in the base."""
    return dict(
        Person.objects.filter(user__in=users)
        .exclude(**{field: ""})
        .values_list("user_id", field)
    )
