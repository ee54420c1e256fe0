"""Which schools a user's monitoring rights cover, and the objects in them.

Every monitoring screen loads its year, questionnaire, links and answers
through these functions, so one check decides what is listed and what is
opened. A per-site role («Куратор — Школа № 2 (сайт 3)») covers its site
only; a plain role, a direct permission or a superuser covers every site,
as for the documents registry (``access.permissions``). Another school's
id reads exactly like an id that does not exist.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Site

from mentoring_wagtail.access.lookups import clean_pk
from mentoring_wagtail.access.site_roles import role_of_group_name, site_id_of_name
from mentoring_wagtail.access.site_scope import filter_to_sites

from .models import MonitoringYear, QuestionnairePage


class OutsideSchools(Http404):
    """Not among the user's schools (or not there at all)."""


def sites_for(user, permission):
    """The site ids where ``user`` holds ``permission``: None for every site."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return None
    cache = user.__dict__.setdefault("_mentoring_monitoring_sites", {})
    if permission not in cache:
        cache[permission] = _sites_for(user, permission)
    return cache[permission]


def _sites_for(user, permission):
    if not user.has_perm(permission):
        return frozenset()
    app_label, codename = permission.split(".", 1)
    held = {
        "permissions__content_type__app_label": app_label,
        "permissions__codename": codename,
    }
    if user.user_permissions.filter(
        content_type__app_label=app_label, codename=codename
    ).exists():
        return None
    sites = set()
    for name in user.groups.filter(**held).values_list("name", flat=True):
        site_id = site_id_of_name(name) if role_of_group_name(name) else None
        if site_id is None:
            return None
        sites.add(site_id)
    # Held through another authentication backend: not ours to confine.
    return frozenset(sites) or None


def confine(queryset, user, permission):
    """``queryset`` kept to the sites where ``user`` holds ``permission``,
    by the school its model declares (``access.site_scope``)."""
    sites = sites_for(user, permission)
    if sites is None:
        return queryset
    if queryset.model is Site:
        return queryset.filter(pk__in=sites)
    return filter_to_sites(queryset, sites)


def questionnaires_for(user, permission):
    return confine(QuestionnairePage.objects.all(), user, permission)


def require(user, *permissions):
    if not all(user.has_perm(permission) for permission in permissions):
        raise PermissionDenied


def year_for(user, pk, *permissions):
    """The year ``pk`` if every one of ``permissions`` covers its school."""
    require(user, *permissions)
    queryset = MonitoringYear.objects.select_related("site")
    for permission in permissions:
        queryset = confine(queryset, user, permission)
    year = queryset.filter(pk=_pk(MonitoringYear, pk)).first()
    if year is None:
        raise OutsideSchools
    return year


def questionnaire_for(user, page_id, permission):
    require(user, permission)
    questionnaire = (
        questionnaires_for(user, permission)
        .filter(pk=_pk(QuestionnairePage, page_id))
        .first()
    )
    if questionnaire is None:
        raise OutsideSchools
    return questionnaire


def _pk(model, value):
    try:
        return clean_pk(model, value)
    except Http404 as exc:
        raise OutsideSchools from exc


REFUSAL_TEMPLATE = "mentoring_wagtail/monitoring/admin/refused.html"


def refusal_response(request):
    return TemplateResponse(
        request,
        REFUSAL_TEMPLATE,
        {
            "message": _(
                "There is no such monitoring record among your school's: "
                "it belongs to another school or does not exist."
            )
        },
        status=404,
    )


def refuses_other_schools(view):
    """A view decorator: another school's id gets the refusal page, not data."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except OutsideSchools:
            return refusal_response(request)

    return wrapper
