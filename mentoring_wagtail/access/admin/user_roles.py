"""The user form's «Роли» tab shows the programme's roles (issue 25, item 9).

Wagtail lists every group of the site there: the roles, but also Wagtail's
default «Moderators» and «Editors» and one «mentoring-page-responsible-N»
group per page someone was made responsible for (each portfolio has one).
The roles come first, each with what it may do; the technical groups go into
a collapsed «Служебные группы» section, named in words («Ответственные за
страницу «…»»).

It is one field still, Wagtail's ``groups``: every group stays a choice and
keeps its checkbox as it was, so saving the form never drops a technical
membership, and Wagtail's own save and permission handling are untouched.
"""

from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext, pgettext
from wagtail.models import Page
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from ..permissions import page_id_of_local_group
from ..site_roles import role_of_group_name
from ..staff_roles import ROLES, get_role

# Made by Wagtail's own migrations on every new site.
WAGTAIL_DEFAULT_GROUPS = {
    "Moderators": pgettext("Wagtail's default group", "Moderators"),
    "Editors": pgettext("Wagtail's default group", "Editors"),
}
ROLE_ORDER = {role.key: index for index, role in enumerate(ROLES)}


def is_technical(group):
    return group.name in WAGTAIL_DEFAULT_GROUPS or (
        page_id_of_local_group(group) is not None
    )


class RoleCheckboxes(forms.CheckboxSelectMultiple):
    """The roles first, other groups next, the technical ones collapsed."""

    template_name = "mentoring_wagtail/access/role_checkboxes.html"

    def optgroups(self, name, value, attrs=None):
        options = [
            option
            for _group, group_options, _index in super().optgroups(name, value, attrs)
            for option in group_options
        ]
        groups = [getattr(option["value"], "instance", None) for option in options]
        page_titles = dict(
            Page.objects.filter(
                pk__in=[page_id_of_local_group(g) for g in groups if g is not None]
            ).values_list("pk", "title")
        )
        roles, others, technical = [], [], []
        for option, group in zip(options, groups, strict=True):
            if group is None:
                others.append(option)
                continue
            key = role_of_group_name(group.name)
            if key is not None:
                option["label"] = f"{group.name} — {get_role(key).description}"
                roles.append((ROLE_ORDER[key], group.name, option))
            elif is_technical(group):
                option["label"] = technical_label(group, page_titles)
                technical.append(option)
            else:
                others.append(option)
        shown = [option for *_order, option in sorted(roles, key=lambda r: r[:2])]
        result = [(None, shown + others, 0)]
        if technical:
            # Collapsed, so say what is checked inside.
            checked = sum(1 for option in technical if option["selected"])
            title = gettext("Technical groups")
            if checked:
                title = gettext("Technical groups (checked: %(count)s)") % {
                    "count": checked
                }
            result.append((title, technical, 1))
        return result


def technical_label(group, page_titles):
    if group.name in WAGTAIL_DEFAULT_GROUPS:
        return gettext("%(name)s (made by default)") % {
            "name": WAGTAIL_DEFAULT_GROUPS[group.name]
        }
    page_id = page_id_of_local_group(group)
    title = page_titles.get(page_id)
    if title is None:
        return gettext("Responsible for a deleted page (No. %(id)s)") % {"id": page_id}
    return gettext("Responsible for the page «%(title)s»") % {"title": title}


class RolesTabMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("groups")
        if field is not None:
            field.queryset = Group.objects.order_by("name")
            field.widget = RoleCheckboxes(choices=field.choices)
            field.help_text = gettext(
                "The programme's roles. Technical groups are given by «Доступ» "
                "and the portfolios; they are kept as they are when you save."
            )


class RolesUserCreationForm(RolesTabMixin, UserCreationForm):
    pass


class RolesUserEditForm(RolesTabMixin, UserEditForm):
    pass


class RolesUserViewSet(UserViewSet):
    """Wagtail's users viewset with the «Роли» tab above."""

    def get_form_class(self, for_update=False):
        return RolesUserEditForm if for_update else RolesUserCreationForm
