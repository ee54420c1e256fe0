"""The admin's list of locked logins, and unlocking one (superusers, or who may
delete axes' access attempts)."""

import logging

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages

logger = logging.getLogger("mentoring_wagtail.lockouts")
UNLOCK_PERMISSION = "axes.delete_accessattempt"


def may_unlock(user):
    return user.is_active and user.has_perm(UNLOCK_PERMISSION)


def _check(request):
    if not may_unlock(request.user):
        raise PermissionDenied


def index(request):
    # deferred: django-axes is optional (the security extra)
    from axes.conf import settings as axes_settings

    # deferred: django-axes is optional (the security extra)
    from axes.models import AccessAttempt

    _check(request)
    attempts = AccessAttempt.objects.order_by("-attempt_time")[:200]
    return TemplateResponse(
        request,
        "mentoring_wagtail/lockouts/index.html",
        {
            "attempts": attempts,
            "failure_limit": axes_settings.AXES_FAILURE_LIMIT,
            "header_title": _("Login lockouts"),
        },
    )


@require_POST
def unlock(request, pk):
    # deferred: django-axes is optional (the security extra)
    from axes.models import AccessAttempt
    from axes.utils import reset

    _check(request)
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    reset(username=attempt.username, ip=attempt.ip_address)
    logger.warning(
        "Login lockout lifted by %s: username %r, address %s",
        request.user.get_username(),
        attempt.username,
        attempt.ip_address,
    )
    messages.success(
        request,
        _("Unlocked: %(username)s, %(address)s.")
        % {"username": attempt.username or "—", "address": attempt.ip_address or "—"},
    )
    return redirect("mentoring_lockouts:index")


urlpatterns = [
    path("", index, name="index"),
    path("<int:pk>/unlock/", unlock, name="unlock"),
]
