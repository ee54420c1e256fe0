"""The «Участники» menu: Wagtail model viewsets over the participants' models."""

from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from mentoring_wagtail.access.admin.viewset_guard import GuardedViewSetMixin

from .. import models
from ..prefetches import visible_people_prefetch
from . import scoped
from .forms import GroupForm, ParticipantsForm
from .group_inspect import GroupInspectView
from .matching import MatchingViewSet
from .meeting_form import MeetingForm
from .viewsets_support import (
    MembersColumn,
    attendee_names,
    fixing_order_label,
    mentee_names,
)


class ParticipantsViewSet(GuardedViewSetMixin, ModelViewSet):
    """Every view it builds, named below or added by a later Wagtail, refuses
    an object to whoever holds no right on it (``access.admin.viewset_guard``)."""

    index_view_class = scoped.ScopedIndexView
    edit_view_class = scoped.ScopedEditView
    delete_view_class = scoped.ScopedDeleteView
    inspect_view_class = scoped.ScopedInspectView
    history_view_class = scoped.ScopedHistoryView
    usage_view_class = scoped.ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False
    list_per_page = 50
    index_template_name = "mentoring_wagtail/participants/index.html"

    def listing_queryset(self):
        return self.model._default_manager.all()

    # Wagtail's «Добавить %(model_name)s» puts the name in the nominative
    # («Добавить встреча»): each viewset says its button in full.
    add_item_label = None

    def get_index_view_kwargs(self, **kwargs):
        if self.add_item_label:
            kwargs.setdefault("add_item_label", self.add_item_label)
        return super().get_index_view_kwargs(
            listing_queryset=self.listing_queryset, **kwargs
        )

    form_base_class = ParticipantsForm

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model,
            form=self.form_base_class,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.get_form_fields(),
        )


class PersonViewSet(ParticipantsViewSet):
    model = models.Person
    add_item_label = _("Add a participant")
    icon = "user"
    menu_label = _("People")
    menu_order = 100
    list_display = [
        Column("full_name", label=_("Full name")),
        "kind",
        "class_or_group",
        "birth_year",
        "position",
    ]
    list_filter = ["kind"]
    search_fields = ["last_name", "first_name", "patronymic", "class_or_group"]
    form_fields = [
        "site",
        "kind",
        "last_name",
        "first_name",
        "patronymic",
        "class_or_group",
        "birth_year",
        "position",
        "organisation",
        "email",
        "phone",
        "user",
    ]
    inspect_view_fields = [*form_fields[1:], "erased_at"]

    def listing_queryset(self):
        return self.model._default_manager.prefetch_related("consents")


class ConsentViewSet(ParticipantsViewSet):
    model = models.PersonalDataConsent
    add_item_label = _("Add a consent")
    edit_view_class = scoped.ConsentEditView
    icon = "doc-full"
    menu_label = _("Consents")
    menu_order = 110
    list_display = [
        "person",
        "given_by",
        "given_on",
        "covers_processing",
        "covers_publication",
        "withdrawn_on",
    ]
    list_filter = ["given_by", "covers_publication"]
    form_fields = [
        "person",
        "given_by",
        "representative_name",
        "representative_relation",
        "given_on",
        "covers_processing",
        "covers_publication",
        "scan",
        "withdrawn_on",
    ]

    def listing_queryset(self):
        return self.model._default_manager.select_related("person")


class MentorViewSet(ParticipantsViewSet):
    model = models.Mentor
    add_item_label = _("Add a mentor")
    index_view_class = type(
        "MentorIndexView", (scoped.BaseIndexView,), {"base": "mentors"}
    )
    icon = "user"
    menu_label = _("Mentor base")
    menu_order = 120
    list_display = ["person", "subject_area", "status", "capacity"]
    list_filter = ["status", "forms"]
    search_fields = ["person__last_name", "subject_area", "competencies"]
    form_fields = [
        "person",
        "subject_area",
        "competencies",
        "experience_years",
        "interests",
        "preferred_age_min",
        "preferred_age_max",
        "capacity",
        "free_time",
        "forms",
        "status",
    ]

    def listing_queryset(self):
        return self.model._default_manager.select_related("person")


class MentorCourseViewSet(ParticipantsViewSet):
    model = models.MentorCourse
    add_item_label = _("Add a course passed")
    icon = "doc-full"
    menu_label = _("Mentors' courses")
    menu_order = 125
    list_display = ["title", "mentor", "hours", "year"]
    form_fields = ["mentor", "title", "hours", "year", "certificate"]

    def listing_queryset(self):
        return self.model._default_manager.select_related("mentor__person")


class MenteeViewSet(ParticipantsViewSet):
    model = models.Mentee
    add_item_label = _("Add a mentee")
    index_view_class = type(
        "MenteeIndexView", (scoped.BaseIndexView,), {"base": "mentees"}
    )
    icon = "user"
    menu_label = _("Mentee base")
    menu_order = 130
    list_display = ["person", "request_kind", "request_source", "preferred_form"]
    list_filter = ["request_kind", "request_source"]
    search_fields = ["person__last_name", "request_text", "interests"]
    form_fields = [
        "person",
        "request_kind",
        "request_text",
        "request_source",
        "interests",
        "free_time",
        "preferred_form",
    ]

    inspect_view_fields = [
        "person",
        "person__kind",
        "person__class_or_group",
        "person__birth_year",
        *form_fields[1:],
    ]

    def listing_queryset(self):
        return self.model._default_manager.select_related("person", "preferred_form")


class MentoringFormViewSet(ParticipantsViewSet):
    model = models.MentoringForm
    add_item_label = _("Add a form of mentoring")
    icon = "list-ul"
    menu_label = _("Forms of mentoring")
    menu_order = 190
    list_display = ["name", "code"]
    form_fields = ["name", "code", "mentor_kinds", "mentee_kinds", "sort_order"]


class GroupViewSet(ParticipantsViewSet):
    model = models.MentoringGroup
    add_item_label = _("Add a mentoring group")
    index_view_class = scoped.GroupIndexView
    inspect_view_class = GroupInspectView
    icon = "group"
    menu_label = _("Pairs and groups")
    menu_order = 140
    form_base_class = GroupForm
    list_display = [
        "__str__",
        MembersColumn("mentees", label=_("mentees"), accessor=mentee_names),
        "status",
        "start",
        "planned_end",
        Column(
            "fixing_order",
            label=_("order fixing the group"),
            accessor=fixing_order_label,
        ),
    ]
    list_filter = ["status", "academic_year", "form"]
    form_fields = [
        "site",
        "mentor",
        "mentees",
        "form",
        "academic_year",
        "start",
        "planned_end",
        "goals",
        "status",
        "dissolution_reason",
        "fixing_order",
    ]
    # The members are listed by the card itself, in one query.
    inspect_view_fields = [name for name in form_fields if name != "mentees"]

    def listing_queryset(self):
        return self.model._default_manager.select_related(
            "mentor__person", "form", "fixing_order"
        ).prefetch_related(
            visible_people_prefetch("memberships", "visible_memberships")
        )


class PlanTaskViewSet(ParticipantsViewSet):
    model = models.GroupPlanTask
    add_item_label = _("Add a plan task")
    icon = "tasks"
    menu_label = _("Plan tasks")
    menu_order = 150
    list_display = ["title", "group", "deadline", "done"]
    list_filter = ["done"]
    form_fields = ["group", "title", "deadline", "done", "done_on", "sort_order"]

    def listing_queryset(self):
        return self.model._default_manager.select_related(
            "group__mentor__person", "group__form"
        )


class MeetingViewSet(ParticipantsViewSet):
    model = models.Meeting
    add_item_label = _("Add a meeting")
    form_base_class = MeetingForm
    icon = "date"
    menu_label = _("Meeting log")
    menu_order = 160
    list_display = [
        "date",
        "kind",
        "group",
        Column("attendees", label=_("who attended"), accessor=attendee_names),
    ]
    list_filter = ["kind"]
    form_fields = ["group", "date", "kind", "attendees", "notes"]

    def listing_queryset(self):
        return self.model._default_manager.select_related(
            "group__mentor__person", "group__form"
        ).prefetch_related(visible_people_prefetch("attendees", "visible_attendees"))


class ParticipantsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Participants")
    menu_icon = "group"
    menu_order = 260
    items = (
        PersonViewSet("mentoring_people"),
        ConsentViewSet("mentoring_consents"),
        MentorViewSet("mentoring_mentors"),
        MentorCourseViewSet("mentoring_mentor_courses"),
        MenteeViewSet("mentoring_mentees"),
        GroupViewSet("mentoring_groups"),
        MatchingViewSet("mentoring_matching"),
        PlanTaskViewSet("mentoring_plan_tasks"),
        MeetingViewSet("mentoring_meetings"),
        MentoringFormViewSet("mentoring_forms"),
    )
