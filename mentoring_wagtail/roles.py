"""The roles of a mentoring programme, as Django groups.

``mentoring_setup`` creates these groups (or adds what is missing to groups of
the same name) and never touches any other group of the site. Each role lists
model permissions as ``app_label.codename``, page permissions granted on every
«Наставничество» section, and permissions on the documents collection.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

ADMIN_ACCESS = "wagtailadmin.access_admin"
PAGE_EDIT = ("add_page", "change_page", "view_page")
PAGE_PUBLISH = (*PAGE_EDIT, "publish_page", "lock_page", "unlock_page")
COLLECTION_DOCUMENTS = ("add_document", "change_document", "choose_document")


@dataclass(frozen=True)
class Role:
    key: str
    name: str  # the group's name, as users see it
    description: str
    permissions: tuple = ()
    page_permissions: tuple = ()
    collection_permissions: tuple = ()
    extra: dict = field(default_factory=dict)


ROLES = (
    Role(
        key="director",
        name="Директор",
        description=_("approves and signs orders, roadmaps and reports"),
        permissions=(ADMIN_ACCESS, "mentoring_wagtail.change_organisationsettings"),
        page_permissions=PAGE_PUBLISH,
        collection_permissions=COLLECTION_DOCUMENTS,
    ),
    Role(
        key="curator",
        name="Куратор",
        description=_("runs the programme: edits roadmaps, pairs and reports"),
        permissions=(ADMIN_ACCESS,),
        page_permissions=PAGE_EDIT,
        collection_permissions=COLLECTION_DOCUMENTS,
    ),
    Role(
        key="secretary",
        name="Секретарь",
        description=_("registers orders and uploads their signed scans"),
        permissions=(ADMIN_ACCESS,),
        collection_permissions=COLLECTION_DOCUMENTS,
    ),
    Role(
        key="methodologist",
        name="Методист",
        description=_("reviews roadmaps and programme documents"),
        permissions=(ADMIN_ACCESS,),
        page_permissions=("view_page",),
        collection_permissions=("choose_document",),
    ),
    Role(
        key="mentor",
        name="Наставник",
        description=_("keeps their own portfolio"),
        permissions=(ADMIN_ACCESS,),
    ),
    Role(
        key="site_editor",
        name="Редактор сайта",
        description=_("publishes pages of the mentoring section"),
        permissions=(ADMIN_ACCESS,),
        page_permissions=PAGE_PUBLISH,
        collection_permissions=COLLECTION_DOCUMENTS,
    ),
)


def get_role(key):
    return next(role for role in ROLES if role.key == key)
