"""The execution report: every activity of a roadmap on one screen.

The curator sets status and actual result of many activities at once, filters
to open or overdue ones, confirms or rejects suggested evidence, and saves one
new revision of the page, or saves and submits it to the page's workflow. The
same rules as Wagtail's page editor apply: ``permissions_for_user`` decides
(edit to open and save, submit for moderation to submit), a page locked for
the user (by a person, a workflow task or a schedule) is read-only, the
``before_edit_page``/``after_edit_page`` hooks run, the revision is logged,
and a draft page's row is saved like the editor does. A report opened on an
older revision than the latest is merged field by field (``report_merge``):
a revision without changes (the editor's autosave) never refuses it, and a
real conflict shows the report again with what was typed beside the other
version, saving nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import WorkflowState

from ...section.base_page import BasePage
from ..blocks import STATUS_CHOICES
from ..models import RoadmapPageMixin
from ..report_merge import activity_fields, base_revision, merge
from ..report_rows import SHOW_CHOICES, STATUSES, apply_changes, report_rows
from ..suggestion_models import EvidenceSuggestion

RESULT_MAX = 5000


def _roadmap(page_id):
    page = get_object_or_404(BasePage, pk=page_id).specific
    if not isinstance(page, RoadmapPageMixin):
        raise PermissionDenied
    return page


def _run_hooks(name, request, page):
    for fn in hooks.get_hooks(name):
        response = fn(request, page)
        if hasattr(response, "status_code"):
            return response
    return None


def _pending_suggestions(page):
    found = {}
    for suggestion in EvidenceSuggestion.objects.filter(
        page_id=page.pk, status=EvidenceSuggestion.PENDING
    ).select_related("order"):
        found.setdefault(suggestion.block_id, []).append(suggestion)
    return found


def _posted_changes(request, block_ids):
    """``({block id: {field: value}}, errors)`` from the posted form."""
    changes, errors = {}, []
    bulk = request.POST.get("bulk_status", "")
    selected = set(request.POST.getlist("selected"))
    for block_id in block_ids:
        status = request.POST.get(f"status-{block_id}")
        result = request.POST.get(f"result-{block_id}")
        if block_id in selected and bulk:
            status = bulk
        change = {}
        if status is not None:
            if status not in STATUSES:
                errors.append(gettext("Unknown status «%(s)s».") % {"s": status[:40]})
                continue
            change["status"] = status
        if result is not None:
            result = result.replace("\r\n", "\n").strip()
            if len(result) > RESULT_MAX:
                errors.append(
                    gettext("An actual result is longer than %(max)s characters.")
                    % {"max": RESULT_MAX}
                )
                continue
            change["actual_result"] = result
        if change:
            changes[block_id] = change
    if bulk and bulk not in STATUSES:
        errors.append(gettext("Unknown status «%(s)s».") % {"s": bulk[:40]})
    return changes, errors


def _decisions(request, suggestions):
    """Confirmed order pks by block id, and the decided suggestions."""
    confirmed, decided = {}, []
    for block_id, items in suggestions.items():
        for suggestion in items:
            decision = request.POST.get(f"suggestion-{suggestion.pk}", "")
            if decision == "confirm":
                confirmed.setdefault(block_id, []).append(suggestion.order_id)
                decided.append((suggestion, suggestion.CONFIRMED))
            elif decision == "reject":
                decided.append((suggestion, suggestion.REJECTED))
    return confirmed, decided


def _submit(page, user):
    """Submit for approval as the editor's «Отправить на утверждение» does."""
    state = page.current_workflow_state
    if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        page.get_workflow().start(page, user)


def _can_submit(page, perms):
    state = page.current_workflow_state
    in_moderation = (
        state is not None and state.status != WorkflowState.STATUS_NEEDS_CHANGES
    )
    return (
        perms.can_submit_for_moderation()
        and page.get_workflow() is not None
        and not in_moderation
    )


def _status_options(current):
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if value == current else "", label)
            for value, label in STATUS_CHOICES
        ),
    )


def report_view(request, page_id):
    real = _roadmap(page_id)
    perms = real.permissions_for_user(request.user)
    if not perms.can_edit():
        raise PermissionDenied
    response = _run_hooks("before_edit_page", request, real)
    if response:
        return response
    page = real.get_latest_revision_as_object()
    lock = real.get_lock()
    locked = lock is not None and lock.for_user(request.user)
    show = request.GET.get("show", "all")
    show = show if show in SHOW_CHOICES else "all"
    suggestions = _pending_suggestions(real)
    url = reverse("mentoring_roadmap:report", args=[real.pk])

    if request.method == "POST":
        if locked:
            messages.error(request, lock.get_message(request.user))
            return redirect(f"{url}?show={show}")
        submit = bool(request.POST.get("action-submit"))
        if submit and not _can_submit(real, perms):
            raise PermissionDenied
        block_ids = request.POST.getlist("row")
        changes, errors = _posted_changes(request, block_ids)
        confirmed, decided = _decisions(request, suggestions)
        if errors:
            for error in errors:
                messages.error(request, error)
            return redirect(f"{url}?show={show}")
        posted_revision = request.POST.get("revision", "")
        if posted_revision != str(real.latest_revision_id or ""):
            typed = changes
            changes, conflicts = _merge_with_latest(real, page, posted_revision, typed)
            if conflicts:
                messages.error(request, _conflict_message(conflicts))
                return _render(
                    request,
                    real,
                    page,
                    show,
                    suggestions,
                    perms,
                    (locked, lock),
                    typed=typed,
                    conflicts=conflicts,
                )
        raw = apply_changes(page.stages, changes, confirmed)
        with transaction.atomic():
            if raw is not None:
                page.stages = raw
                if not page.live:
                    page.save()  # a draft's row follows its content, as in the editor
                page.save_revision(user=request.user, log_action=True, clean=False)
            now = timezone.now()
            for suggestion, status in decided:
                suggestion.status, suggestion.decided_by = status, request.user
                suggestion.decided_at = now
                suggestion.save(update_fields=["status", "decided_by", "decided_at"])
            if submit:
                real.refresh_from_db()
                _submit(real, request.user)
        if submit:
            messages.success(
                request,
                gettext("«%(title)s» was saved and submitted for approval.")
                % {"title": real.get_admin_display_title()},
            )
        elif raw is not None:
            messages.success(request, gettext("The execution report was saved."))
        elif decided:
            messages.success(request, gettext("Your decisions on evidence were saved."))
        else:
            messages.info(request, gettext("Nothing was changed."))
        response = _run_hooks("after_edit_page", request, real)
        return response or redirect(f"{url}?show={show}")

    return _render(request, real, page, show, suggestions, perms, (locked, lock))


def _merge_with_latest(real, page, posted_revision, changes):
    """Changes still to apply on the latest revision, and the conflicts."""
    base = base_revision(real, posted_revision)
    if base is None and not posted_revision and real.latest_revision_id is None:
        base_fields = activity_fields(real.stages)
    elif base is None:
        base_fields = None
    else:
        base_fields = activity_fields(base.as_object().stages)
    return merge(base_fields, activity_fields(page.stages), changes)


def _conflict_message(conflicts):
    count = len({conflict.block_id for conflict in conflicts})
    return ngettext(
        "Someone else changed %(count)s activity you changed too since you "
        "opened the report; nothing was saved. What you typed is kept below, "
        "with the other version beside it: check and save again.",
        "Someone else changed %(count)s activities you changed too since you "
        "opened the report; nothing was saved. What you typed is kept below, "
        "with the other version beside it: check and save again.",
        count,
    ) % {"count": count}


def _render(request, real, page, show, suggestions, perms, lock_state, **posted):
    """The report; after a conflict, with what was typed and the other version."""
    locked, lock = lock_state
    typed = posted.get("typed") or {}
    theirs = {}
    for conflict in posted.get("conflicts") or []:
        theirs.setdefault(conflict.block_id, {})[conflict.field] = conflict.theirs
    labels_by_status = dict(STATUS_CHOICES)
    rows = report_rows(page, timezone.localdate(), show)
    # The status options are built once per status, not per row: a template
    # loop over 300 rows × 5 options was a third of the report's time.
    options = {current: _status_options(current) for current in STATUSES}
    for row in rows:
        mine = typed.get(row.block_id, {})
        row.status = mine.get("status", row.status)
        row.actual_result = mine.get("actual_result", row.actual_result)
        other = theirs.get(row.block_id)
        if other:
            row.other_version = {
                "status": labels_by_status.get(other.get("status"), ""),
                "actual_result": other.get("actual_result"),
            }
        row.suggestions = suggestions.get(row.block_id, [])
        for suggestion in row.suggestions:
            suggestion.decision = request.POST.get(f"suggestion-{suggestion.pk}", "")
        row.status_options = options.get(row.status) or options["planned"]
        labels = {"number": row.number or row.title[:40]}
        row.select_label = gettext("Select activity %(number)s") % labels
        row.status_label = gettext("Status of activity %(number)s") % labels
        row.result_label = gettext("Actual result of activity %(number)s") % labels
    return TemplateResponse(
        request,
        "mentoring_wagtail/roadmaps/report.html",
        {
            "page": real,
            "rows": rows,
            "show": show,
            "show_choices": [
                ("all", _("all")),
                ("open", _("open")),
                ("overdue", _("overdue")),
            ],
            "statuses": STATUS_CHOICES,
            "locked": locked,
            "lock_message": lock.get_message(request.user) if locked else "",
            "can_submit": _can_submit(real, perms) and not locked,
            "revision_id": real.latest_revision_id or "",
            "edit_url": reverse("wagtailadmin_pages:edit", args=[real.pk]),
            "header_title": gettext("Execution report: %(title)s")
            % {"title": real.get_admin_display_title()},
        },
        status=409 if theirs else 200,
    )


class RoadmapReportItem(PageMenuItem):
    label = _("Execution report")
    icon_name = "tasks"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.url = reverse("mentoring_roadmap:report", args=[self.page.pk])

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()
