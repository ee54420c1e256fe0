"""What «Сформировать отчёт» will do and did, in the curator's words.

The indicators page says, before the button is pressed, whether the year's
report already is in the registry (a draft, approved, or on its route) and
so what pressing does; after pressing, the message says what was done.
"""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..background.models import JobState
from .report import (
    CREATED,
    IN_APPROVAL,
    NEW_REVISION,
    UPDATED,
    latest_report_file,
    year_report,
)
from .report_job import last_report_job


def report_state(year):
    """``None`` before the first report, else its record, what the button
    will do and where to read it."""
    record = year_report(year.site, year.academic_year)
    if record is None:
        return None
    values = {
        "year": year.academic_year,
        "date": date_format(record.date, "SHORT_DATE_FORMAT") if record.date else "—",
    }
    if record.workflow_in_progress:
        note = _(
            "The report for %(year)s is being approved: it does not change until "
            "it is approved or returned. The button downloads it as the approvers "
            "see it."
        )
        button = _("Download the report")
    elif record.live:
        note = _(
            "The report for %(year)s is approved and published. The button makes a "
            "new version of the same document as a draft; the published one stays "
            "until the new one is approved."
        )
        button = _("Update the report")
    else:
        note = _(
            "The registry has a draft report for %(year)s (of %(date)s). The "
            "button updates it with today's data: no second document is made."
        )
        button = _("Update the report")
    document = latest_report_file(record)
    return {
        "record": record,
        "note": note % values,
        "button": button,
        "download_url": document.url if document else "",
        "edit_url": reverse(
            "wagtailsnippets_mentoring_wagtail_programmedocument:edit",
            args=[record.pk],
        ),
    }


def report_message(done, academic_year):
    messages = {
        CREATED: _(
            "The report for %(year)s has been made and filed in the registry as a "
            "draft: check it and submit it for approval."
        ),
        UPDATED: _(
            "The draft report for %(year)s has been updated with today's data; "
            "no second document was made."
        ),
        NEW_REVISION: _(
            "The report for %(year)s is already approved: the new version is saved "
            "as a draft of the same document; the published one stays until the "
            "new one is approved."
        ),
        IN_APPROVAL: _(
            "The report for %(year)s is being approved and was not changed; the "
            "file downloaded is the one the approvers see."
        ),
    }
    return messages[done] % {"year": academic_year}


def report_job_state(year):
    """The year's last report job unless it is done: what the page says
    while it waits (and refreshes), or why it failed."""
    job = last_report_job(year)
    if job is None or job.state == JobState.DONE:
        return None
    values = {"year": year.academic_year, "attempts": job.attempts}
    if job.state == JobState.FAILED:
        text = _(
            "The report for %(year)s could not be made (%(attempts)s attempts). "
            "The administrator sees the error under «Background tasks» and may "
            "retry it; pressing the button starts it again."
        )
    elif job.state == JobState.RUNNING:
        text = _("The report for %(year)s is being made…")
    elif job.attempts:
        text = _(
            "The report for %(year)s failed on attempt %(attempts)s and will be "
            "tried again shortly."
        )
    else:
        text = _("The report for %(year)s is waiting for the background worker…")
    return {
        "job": job,
        "pending": job.state != JobState.FAILED,
        "text": text % values,
        "error": job.error.split("\n", 1)[0] if job.error else "",
    }
