"""Counts of our records that read as Russian: «1 приказ», «5 приказов».

Wagtail's listing footer glues the count to ``verbose_name_plural``
(``WagtailPaginator.items_count_label``), which gives «8 приказы» in Russian,
where a noun after a number takes one of three forms. A model of ours names
its count with ``ngettext`` in a ``count_label(count)`` class method; the
listings of our viewsets use this paginator and show the count on every page
(``mentoring_wagtail/access/index_results.html``).
"""

from django.utils.functional import cached_property
from django.utils.translation import ngettext
from wagtail.admin.paginator import WagtailPaginator


def count_label(model, count):
    label = getattr(model, "count_label", None)
    if label is not None:
        return label(count)
    return ngettext("%(count)d record", "%(count)d records", count) % {"count": count}


class CountedPaginator(WagtailPaginator):
    @cached_property
    def items_count_label(self):
        return count_label(self.model, self.count)
