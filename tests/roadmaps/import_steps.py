"""The admin import as a curator goes through it: upload, preview, confirm."""

import re
from html import unescape

IMPORT_URL = "/admin/mentoring/roadmaps/import/"


def preview(client, parent, upload):
    """POST the file; the response is the preview (or the form with errors)."""
    return client.post(IMPORT_URL, {"parent": parent.pk, "file": upload})


def confirm(client, response):
    """Press «Create the draft page» on a preview."""
    form = re.search(
        r'<form[^>]*class="roadmap-import-confirm".*?</form>', response.text, re.S
    )
    assert form, "no confirmation form on the page"
    fields = {
        name: unescape(value)
        for name, value in re.findall(
            r'<input type="hidden" name="(\w+)" value="([^"]*)"', form.group(0)
        )
    }
    return client.post(IMPORT_URL, fields)


def import_file(client, parent, upload):
    """Upload and confirm: the response after the draft was created."""
    response = preview(client, parent, upload)
    assert response.status_code == 200
    return confirm(client, response)


def import_job(user, parent, state="queued", result=None, progress=40):
    """A large import's job as the worker leaves it (for walks of its page)."""
    from mentoring_wagtail.background.models import BackgroundJob
    from mentoring_wagtail.roadmaps.admin.import_job import read_roadmap_job

    return BackgroundJob.objects.create(
        title="Чтение дорожной карты «дорожная-карта.docx»",
        job_path=f"{read_roadmap_job.__module__}.{read_roadmap_job.__qualname__}",
        arguments={
            "name": "mentoring-imports/x.upload",
            "file_name": "дорожная-карта.docx",
            "language": "ru",
            "parent": parent.pk,
        },
        user=user,
        state=state,
        progress=progress,
        result=result or {},
    )


def preview_result(data):
    """The result of a job that read ``data`` (a .docx) into a preview."""
    from mentoring_wagtail.roadmaps.admin.import_preview import preview_token
    from mentoring_wagtail.roadmaps.word_reader import read_roadmap

    return {"token": preview_token(read_roadmap(data))}
