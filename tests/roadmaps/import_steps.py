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
