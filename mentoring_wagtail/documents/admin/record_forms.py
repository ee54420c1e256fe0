"""Admin forms of the official records (registration, a new order's defaults)."""

from django import forms
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.models import Site

from ...access.permissions import get_policy
from ...access.school_links import SameSchoolFormMixin
from ...choice_ids import CheckedChoiceIdsMixin
from .. import numbering
from ..orders import Order


class OfficialDocumentForm(
    SameSchoolFormMixin, CheckedChoiceIdsMixin, WagtailAdminModelForm
):
    """Offers the sites the user's roles cover; hides the field when that is
    one site (the installation has one); sets it by default."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "site" in self.fields:
            sites = list(self._allowed_sites())
            self.fields["site"].queryset = Site.objects.filter(
                pk__in=[site.pk for site in sites]
            )
            if len(sites) == 1:
                # One organisation: nothing to choose, so no field to show.
                if not self.instance.site_id:
                    self.instance.site = sites[0]
                del self.fields["site"]
            elif not self.instance.site_id and sites and not self.initial.get("site"):
                # (A prefilled new instance puts «site: None» in the initial data.)
                self.initial["site"] = sites[0].pk

    def _allowed_sites(self):
        sites = Site.objects.order_by("-is_default_site", "pk")
        policy = get_policy(type(self.instance))
        user = self.for_user
        if user is None or not hasattr(policy, "role_sites"):
            return sites
        allowed = policy.role_sites(user, ["add", "change"])
        if allowed is None:
            return sites
        return sites.filter(pk__in={*allowed, self.instance.site_id} - {None})

    # Set by the add and edit views: True only for the user's own submit, not
    # for Wagtail's background autosave nor for a preview.
    explicit_save = False

    @property
    def publishing(self):
        return "action-publish" in self.data


def new_order_defaults(order, initial):
    """A new order is dated today and of the kind the journal registers most."""
    defaults = {}
    if not order.date and not initial.get("date"):
        defaults["date"] = timezone.localdate()
    site_id = order.site_id or initial.get("site")
    registered = Order.objects.exclude(number="")
    if site_id:
        registered = registered.filter(site_id=site_id)
    most_often = (
        registered.values("kind")
        .annotate(count=Count("pk"))
        .order_by("-count", "kind")
        .values_list("kind", flat=True)
        .first()
    )
    kind_default = Order._meta.get_field("kind").default
    if most_often and initial.get("kind", kind_default) == kind_default:
        defaults["kind"] = most_often
    return defaults


class OrderForm(OfficialDocumentForm):
    register_now = forms.BooleanField(
        label=_("register now"),
        required=False,
        help_text=_("take the next number of the registration journal on saving"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.update(new_order_defaults(self.instance, self.initial))
            self.instance.date = self.instance.date or self.initial.get("date")
            if "kind" in self.initial:
                self.instance.kind = self.initial["kind"]
        if "number" in self.fields and not self.instance.number:
            site_id = self.instance.site_id or self.initial.get("site")
            site = Site.objects.filter(pk=site_id).first() if site_id else None
            suggestion = (
                numbering.suggest_number(
                    site, self.instance.kind, self.instance.date or timezone.localdate()
                )
                if site
                else ""
            )
            help_text = gettext(
                "Leave empty to take the next number of the journal when the order "
                "is registered or published."
            )
            if suggestion:
                help_text += " " + gettext("Next number: %(number)s.") % {
                    "number": suggestion
                }
            self.fields["number"].help_text = help_text

    def _post_clean(self):
        # The instance holds the submitted values only from here on.
        super()._post_clean()
        if self.publishing:
            for field, message in self.instance.get_publish_errors().items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)

    def save(self, commit=True):
        order = self.instance
        if not self.explicit_save:
            # Autosave and preview: the journal is not touched.
            pass
        elif not order.number and (
            self.cleaned_data.get("register_now") or self.publishing
        ):
            order.register()
        elif order.number:
            # Typed by hand, perhaps in an earlier autosave: the journal
            # moves past it (nothing happens for a number it gave).
            numbering.note_manual_number(order)
        return super().save(commit=commit)


# Filters -----------------------------------------------------------------
