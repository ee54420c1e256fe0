"""«Импорт из .docx» in the «Наставничество» menu, for whoever may import."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from .views import import_parents_for


class RoadmapImportMenuItem(MenuItem):
    def __init__(self):
        super().__init__(
            _("Import a roadmap from .docx"),
            reverse("mentoring_roadmap:import"),
            name="mentoring-roadmap-import",
            icon_name="upload",
            order=900,
        )

    def is_shown(self, request):
        # The same check as the import view itself.
        return bool(import_parents_for(request.user))
