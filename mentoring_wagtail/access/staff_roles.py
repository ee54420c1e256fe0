"""The roles of a mentoring programme, as Django groups.

``mentoring_setup`` creates these groups (or adds what is missing to groups of
the same name) and never touches any other group of the site. Each role lists
model permissions as ``app_label.codename``, page permissions granted on every
«Наставничество» section, and permissions on the documents collection.
"""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext_lazy as _

ADMIN_ACCESS = "wagtailadmin.access_admin"
PAGE_EDIT = ("add_page", "change_page", "view_page")
PAGE_PUBLISH = (*PAGE_EDIT, "publish_page", "lock_page", "unlock_page")
COLLECTION_DOCUMENTS = ("add_document", "change_document", "choose_document")
# A curator adds pages and edits the ones they own (Wagtail's owner rule);
# other roadmaps only once made responsible for them (``permissions``).
PAGE_ADD_OWN = ("add_page", "view_page")

# The snippet types of the documents registry.
DOCUMENT_MODELS = ("order", "regulation", "mentoringprogramme", "programmedocument")


def document_permissions(*actions, models=DOCUMENT_MODELS):
    return tuple(
        f"mentoring_wagtail.{action}_{model}" for model in models for action in actions
    )


# Orders reach the site only through «Согласование приказа»: the director's
# sign-off publishes them, so nobody below the director holds publish_order.


@dataclass(frozen=True)
class Role:
    key: str
    name: str  # the group's name, as users see it
    description: str
    permissions: tuple = ()
    page_permissions: tuple = ()
    collection_permissions: tuple = ()
    extra: dict = field(default_factory=dict)
    # False: one group for the whole installation, never one per site (a
    # regional reader looks at every school).
    per_site: bool = True


ROLES = (
    Role(
        key="director",
        name="Директор",
        description=_("approves and signs orders, roadmaps and reports"),
        permissions=(
            ADMIN_ACCESS,
            "mentoring_wagtail.change_organisationsettings",
            *document_permissions("view", "publish", "unlock", models=("order",)),
            *document_permissions(
                "change",
                "view",
                "publish",
                "lock",
                "unlock",
                models=("regulation", "mentoringprogramme", "programmedocument"),
            ),
        ),
        page_permissions=PAGE_PUBLISH,
        collection_permissions=COLLECTION_DOCUMENTS,
    ),
    Role(
        key="curator",
        name="Куратор",
        description=_(
            "runs the programme: drafts roadmaps and reports, edits those they "
            "own or are made responsible for, prepares regulations and programmes"
        ),
        permissions=(
            ADMIN_ACCESS,
            *document_permissions("view", models=("order",)),
            *document_permissions(
                "add",
                "change",
                "view",
                "lock",
                "unlock",
                models=("regulation", "mentoringprogramme", "programmedocument"),
            ),
        ),
        page_permissions=PAGE_ADD_OWN,
        collection_permissions=COLLECTION_DOCUMENTS,
    ),
    Role(
        key="secretary",
        name="Секретарь",
        description=_("registers orders and uploads their signed scans"),
        permissions=(
            ADMIN_ACCESS,
            *document_permissions("add", "change", "view", "lock", "unlock"),
        ),
        collection_permissions=COLLECTION_DOCUMENTS,
    ),
    Role(
        key="methodologist",
        name="Методист",
        description=_("reviews roadmaps and programme documents"),
        permissions=(ADMIN_ACCESS, *document_permissions("view")),
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
        permissions=(ADMIN_ACCESS, *document_permissions("view")),
        page_permissions=PAGE_PUBLISH,
        collection_permissions=COLLECTION_DOCUMENTS,
    ),
    Role(
        key="regional_coordinator",
        name="Региональный координатор",
        description=_(
            "reads the aggregated indicators of every school side by side, "
            "never a person, an answer or a link (monitoring)"
        ),
        permissions=(ADMIN_ACCESS,),
        per_site=False,
    ),
)


def get_role(key):
    return next(role for role in ROLES if role.key == key)


def roles_markdown_table():
    """The roles table of docs/roles.md, rendered from ``ROLES``.

    Rendered in English msgids so the page does not depend on the active
    language; ``tests/access/test_permissions_roles.py`` checks the page holds it.
    """

    def codes(items):
        return ", ".join(f"`{item}`" for item in items) or "—"

    def model_codes(labels):
        # «order: add, change, view» reads better than a list of codenames.
        grouped, other = {}, []
        for label in labels:
            app_label, codename = label.split(".", 1)
            action, _sep, model = codename.partition("_")
            if app_label == "mentoring_wagtail" and model:
                grouped.setdefault(model, []).append(action)
            else:
                other.append(f"`{label}`")
        parts = other + [
            f"{model}: {', '.join(actions)}" for model, actions in grouped.items()
        ]
        return "; ".join(parts) or "—"

    lines = [
        "| Group | Role | Model permissions | Pages of the section | "
        "Documents collection |",
        "|---|---|---|---|---|",
    ]
    with translation.override("en"):
        for role in ROLES:
            lines.append(
                f"| {role.name} | {role.description} | "
                f"{model_codes(role.permissions)} | "
                f"{codes(role.page_permissions)} | "
                f"{codes(role.collection_permissions)} |"
            )
    return "\n".join(lines)
