"""What the import read, carried from the preview to the curator's confirmation.

Nothing is stored between the two steps: the roadmap read from the file goes
into the preview form as a signed, compressed token (Django's ``signing``),
and the confirmation creates the page from it. The signature means the page
is made from exactly what the curator saw; the token expires after a day.
"""

from django.core import signing
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..blocks import STATUS_CHOICES
from ..interchange import Activity, Roadmap, Stage
from ..json_format import roadmap_to_json
from ..word_reader import RoadmapImportError

# The module's name before it moved to admin/: previews already issued stay valid.
SALT = "mentoring_wagtail.roadmaps.admin.import_preview"
MAX_AGE = 24 * 60 * 60


def preview_token(roadmap):
    data = roadmap_to_json(roadmap)
    data.update(
        intro=list(roadmap.intro),
        order_number=roadmap.order_number,
        order_date=roadmap.order_date,
        attachments=list(roadmap.attachments),
    )
    return signing.dumps(data, salt=SALT, compress=True)


def roadmap_from_token(token):
    """The roadmap of a preview; ``RoadmapImportError`` if the token is not ours."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as exc:
        raise RoadmapImportError(
            _("The preview is more than a day old; upload the file again.")
        ) from exc
    except signing.BadSignature as exc:
        raise RoadmapImportError(
            _("The preview was damaged; upload the file again.")
        ) from exc
    roadmap = Roadmap(
        title=data["title"],
        year=data["year"],
        approval_text=data["approval_text"],
        considered_text=data["considered_text"],
        order_number=data["order_number"],
        order_date=data["order_date"],
        intro=data["intro"],
        intro_html=data["intro_html"],
        approved_order=data["approved_by_order"],
        warnings=list(data["import_warnings"]),
        attachments=data["attachments"],
    )
    for raw_stage in data["stages"]:
        stage = Stage(title=raw_stage["title"], goal=raw_stage["goal"])
        stage.activities = [Activity(**item) for item in raw_stage["items"]]
        roadmap.stages.append(stage)
    return roadmap


def preview_response(request, roadmap, parent, token, file_name):
    """The preview page: what was read, and the confirmation of the draft."""
    labels = dict(STATUS_CHOICES)
    for stage in roadmap.stages:
        for activity in stage.activities:
            activity.status_label = labels.get(activity.status, "")
    return TemplateResponse(
        request,
        "mentoring_wagtail/roadmaps/import_preview.html",
        {
            "roadmap": roadmap,
            "parent": parent,
            "token": token,
            "file_name": file_name,
            "header_title": _("Check what was read"),
        },
    )
