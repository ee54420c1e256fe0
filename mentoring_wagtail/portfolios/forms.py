"""The portfolio page's admin form: one portfolio per mentor, alt text, consent."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminPageForm

from ..choice_ids import CheckedChoiceIdsMixin
from .eligibility import why_not_publishable


def goes_public(data):
    """The edit view's button pressed would publish now or on approval."""
    if "action-publish" in data or "action-submit" in data:
        return True
    return (
        "action-workflow-action" in data
        and data.get("workflow-action-name") == "approve"
    )


class MentorPortfolioPageForm(CheckedChoiceIdsMixin, WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if "mentor" in self.fields:
            mentor = cleaned.get("mentor")
        else:
            mentor = self.instance.mentor if self.instance.mentor_id else None
        if "mentor" in self.fields and mentor is not None:
            others = type(self.instance).objects.filter(mentor=mentor)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "mentor", gettext("This mentor already has a portfolio page.")
                )
        if cleaned.get("photo") and not (cleaned.get("photo_alt") or "").strip():
            self.add_error(
                "photo_alt",
                gettext("Describe the photo for visitors who cannot see it."),
            )
        if goes_public(self.data):
            reason = why_not_publishable(mentor)
            if reason:
                raise ValidationError(reason)
        return cleaned
