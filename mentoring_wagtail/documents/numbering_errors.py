"""The message for a registration number that another save took first."""

from django.utils.translation import gettext

from . import numbering


def duplicate_number_error(instance):
    """The form error when ``instance``'s number is registered already, or None."""
    number = (getattr(instance, "number", "") or "").strip()
    if not (number and instance.site_id and instance.date):
        return None
    if not numbering.number_taken(
        type(instance), instance.site, instance.date.year, number, instance.pk
    ):
        return None
    return gettext(
        "Order No. %(number)s of %(year)s is already registered; "
        "choose another number or leave it empty to take the next one."
    ) % {"number": number, "year": instance.date.year}
