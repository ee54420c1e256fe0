from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from ..documents.admin.views import DOCUMENT_VIEWSETS


class MentoringViewSetGroup(SnippetViewSetGroup):
    """The one «Наставничество» menu that holds every admin view of the package."""

    menu_label = _("Mentoring")
    menu_icon = "group"
    menu_order = 250
    add_to_admin_menu = True
    # Views that are not viewsets (the roadmap import) join through this hook.
    submenu_hook = "register_mentoring_menu_item"
    # Each feature appends its viewset classes here.
    items = (*DOCUMENT_VIEWSETS,)
