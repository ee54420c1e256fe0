"""The monitoring years' viewset: every view confined to the user's schools."""

from django.contrib.admin.utils import unquote
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Site

from ..models import MonitoringYear
from ..scope import confine, refuses_other_schools, year_for
from . import views


def _year_permission(action):
    return f"{views.APP}.{action or 'view'}_monitoringyear"


class YearOfOwnSchoolMixin:
    """Every view of the years' viewset works on the user's schools only:
    the listing, the object it opens and the sites its form offers."""

    def setup(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            action = getattr(self, "permission_required", None)
            year_for(request.user, unquote(str(pk)), _year_permission(action))
        super().setup(request, *args, **kwargs)

    def get_base_queryset(self):
        return confine(super().get_base_queryset(), self.request.user, views.VIEW_YEAR)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if "site" in form.fields:
            action = getattr(self, "permission_required", None)
            form.fields["site"].queryset = confine(
                Site.objects.all(), self.request.user, _year_permission(action)
            )
        return form


class MonitoringYearViewSet(ModelViewSet):
    model = MonitoringYear
    icon = "date"
    menu_label = _("Monitoring years")
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = [
        "academic_year",
        "site",
        "students_10_19",
        "students_15_19",
        "young_new_teachers",
    ]
    form_fields = [
        "site",
        "academic_year",
        "students_10_19",
        "students_15_19",
        "young_new_teachers",
        "students_total",
        "teachers_total",
        "target_mentees_10_19",
        "target_mentors_15_19",
        "target_mentee_satisfaction",
        "target_mentor_satisfaction",
        "target_teachers_with_mentor",
        "regulatory_basis",
        "conclusions",
    ]

    def construct_view(self, view_class, **kwargs):
        confined = type(
            f"OwnSchool{view_class.__name__}", (YearOfOwnSchoolMixin, view_class), {}
        )
        return refuses_other_schools(super().construct_view(confined, **kwargs))
