"""The registration journal of orders (журнал регистрации приказов).

Numbers follow a pattern such as ``{seq}-ОД`` or ``{seq}/{year}``
(``MENTORING_WAGTAIL_ORDER_NUMBER_PATTERN``, or the organisation's own in its
settings) and restart every calendar year. One :class:`OrderJournal` row per
site, journal and year holds the last sequence number; taking a number locks
that row (``SELECT … FOR UPDATE``) until the order is saved in the same
transaction, so two secretaries registering at the same moment never get the
same number. A unique constraint on the order's number is the last guard.

A number is taken only by an explicit act (registration or signing), never by
autosave or preview. The number of a draft deleted before it was ever
published goes back to the journal (``freed_seqs``) and is given again first,
as a school's paper journal reuses a line that was never signed.
"""

import re
import string

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ..conf import get_setting
from ..section.site_settings import OrganisationSettings

DEFAULT_JOURNAL = "main"


class OrderJournal(models.Model):
    mentoring_site_path = "site"

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    journal = models.CharField(_("journal"), max_length=50, default=DEFAULT_JOURNAL)
    year = models.PositiveSmallIntegerField(_("year"))
    last_seq = models.PositiveIntegerField(_("last sequence number"), default=0)
    # Numbers given to drafts that were deleted before signing: the next
    # registrations take them again, so the journal keeps no gap.
    freed_seqs = models.JSONField(_("freed sequence numbers"), default=list, blank=True)

    class Meta:
        verbose_name = _("order journal")
        verbose_name_plural = _("order journals")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "journal", "year"],
                name="mentoring_orderjournal_unique_year",
            )
        ]

    def __str__(self):
        return f"{self.journal} {self.year}: {self.last_seq}"


def journal_for_kind(kind):
    return get_setting("ORDER_JOURNALS").get(kind, DEFAULT_JOURNAL)


def number_pattern_for_site(site):
    """The organisation's own pattern if it set one, else the package setting."""
    own = ""
    if site is not None:
        organisation = OrganisationSettings.objects.filter(site=site).first()
        own = getattr(organisation, "order_number_pattern", "") if organisation else ""
    return own or get_setting("ORDER_NUMBER_PATTERN")


def format_number(pattern, *, seq, year, journal=DEFAULT_JOURNAL):
    return pattern.format(seq=seq, year=year, journal=journal)


def pattern_regex(pattern, *, year, journal=DEFAULT_JOURNAL):
    """A regex matching numbers made by ``pattern`` in ``year``, seq captured."""
    parts = []
    for literal, field, _spec, _conv in string.Formatter().parse(pattern):
        parts.append(re.escape(literal))
        if field == "seq":
            parts.append(r"0*(?P<seq>\d+)")
        elif field == "year":
            parts.append(re.escape(str(year)))
        elif field == "journal":
            parts.append(re.escape(journal))
        elif field is not None:
            parts.append(r".*?")
    return re.compile("^" + "".join(parts) + "$", re.IGNORECASE)


def parse_seq(pattern, number, *, year, journal=DEFAULT_JOURNAL):
    """The sequence number inside ``number``, or ``None`` if it does not fit."""
    match = pattern_regex(pattern, year=year, journal=journal).match(number.strip())
    if not match or match.groupdict().get("seq") is None:
        return None
    return int(match.group("seq"))


def _journal_row(site, journal, year, *, lock):
    row, _created = OrderJournal.objects.get_or_create(
        site=site, journal=journal, year=year
    )
    if lock:
        row = OrderJournal.objects.select_for_update().get(pk=row.pk)
    return row


def suggest_number(site, kind, date):
    """The number the next registration would get (nothing is reserved)."""
    journal = journal_for_kind(kind)
    row = OrderJournal.objects.filter(
        site=site, journal=journal, year=date.year
    ).first()
    seq = min(row.freed_seqs) if row and row.freed_seqs else None
    if seq is None:
        seq = (row.last_seq if row else 0) + 1
    return format_number(
        number_pattern_for_site(site), seq=seq, year=date.year, journal=journal
    )


def number_taken(order_model, site, year, number, exclude_pk=None):
    duplicates = order_model.objects.filter(site=site, year=year, number=number)
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    return duplicates.exists()


def take_next_number(order):
    """Give ``order`` the next free number of its journal and return it.

    Call inside the transaction that saves the order: the journal row stays
    locked until that transaction ends.
    """
    journal = journal_for_kind(order.kind)
    year = order.date.year
    pattern = number_pattern_for_site(order.site)
    with transaction.atomic():
        row = _journal_row(order.site, journal, year, lock=True)
        number = None
        freed = sorted(row.freed_seqs or [])
        while freed and number is None:
            seq = freed.pop(0)
            candidate = format_number(pattern, seq=seq, year=year, journal=journal)
            if not number_taken(type(order), order.site, year, candidate, order.pk):
                number = candidate
        seq = row.last_seq
        while number is None:
            seq += 1
            candidate = format_number(pattern, seq=seq, year=year, journal=journal)
            # A number typed by hand earlier may already hold this place.
            if not number_taken(type(order), order.site, year, candidate, order.pk):
                number = candidate
                row.last_seq = seq
        row.freed_seqs = freed
        row.save(update_fields=["last_seq", "freed_seqs"])
    order.number = number
    return number


def free_number(order):
    """Give the number of ``order``, deleted before it was ever signed, back."""
    if not order.number or order.first_published_at or not order.site_id:
        return
    journal = journal_for_kind(order.kind)
    year = order.date.year
    seq = parse_seq(
        number_pattern_for_site(order.site), order.number, year=year, journal=journal
    )
    if seq is None:
        return
    with transaction.atomic():
        row = _journal_row(order.site, journal, year, lock=True)
        if seq > row.last_seq or seq in row.freed_seqs:
            return
        row.freed_seqs = sorted([*row.freed_seqs, seq])
        row.save(update_fields=["freed_seqs"])


def order_deleted(sender, instance, raw=False, **kwargs):
    """``post_delete`` receiver of orders."""
    if not raw:
        free_number(instance)


def note_manual_number(order):
    """Move the journal past a number the secretary typed by hand."""
    journal = journal_for_kind(order.kind)
    year = order.date.year
    seq = parse_seq(
        number_pattern_for_site(order.site), order.number, year=year, journal=journal
    )
    if seq is None:
        return
    with transaction.atomic():
        row = _journal_row(order.site, journal, year, lock=True)
        changed = []
        if seq > row.last_seq:
            row.last_seq = seq
            changed.append("last_seq")
        if seq in row.freed_seqs:
            row.freed_seqs = [s for s in row.freed_seqs if s != seq]
            changed.append("freed_seqs")
        if changed:
            row.save(update_fields=changed)
