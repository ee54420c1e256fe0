"""Chooser views confined to the school of the record they were opened for.

The form's chooser widget passes the record's school (``site=3``) or its
parent record (``app_label.model=12``) in the chooser's
URL (``access.school_links``). Every view of a chooser reads it: the listing,
its search and result pages, and the ``chosen`` steps, which refuse a row of
another school even when its id is typed by hand. The parameter follows the
modal from page to page (Wagtail's ``preserve_url_parameters``).
"""

from django.core.exceptions import PermissionDenied

from ..school_links import (
    confine_to_linked_school,
    is_in_linked_school,
    linking_parameters,
)


class LinkedSchoolMixin:
    """Keep the linking parameters in every URL the modal builds."""

    @property
    def preserve_url_parameters(self):
        kept = list(
            self.__dict__.get("_base_preserved")
            or getattr(super(), "preserve_url_parameters", ["multiple"])
        )
        request = getattr(self, "request", None)
        if request is not None:
            kept += [p for p in linking_parameters(request.GET) if p not in kept]
        return kept

    @preserve_url_parameters.setter
    def preserve_url_parameters(self, value):
        # The viewset hands its own list to the view; the property adds ours.
        self.__dict__["_base_preserved"] = value


class SchoolLinkedChooseMixin(LinkedSchoolMixin):
    """``choose`` and ``choose_results``: only the linked school's rows."""

    def get_object_list(self):
        return confine_to_linked_school(super().get_object_list(), self.request.GET)


class SchoolLinkedChosenMixin(LinkedSchoolMixin):
    """``chosen``: a row of another school is refused."""

    def get_object(self, pk):
        obj = super().get_object(pk)
        if not is_in_linked_school(obj, self.request.GET):
            raise PermissionDenied
        return obj


class SchoolLinkedChosenMultipleMixin(LinkedSchoolMixin):
    """``chosen_multiple``: ids of another school are left out."""

    def get_objects(self, pks):
        return confine_to_linked_school(super().get_objects(pks), self.request.GET)
