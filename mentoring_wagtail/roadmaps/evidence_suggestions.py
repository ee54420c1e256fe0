"""Offer registered orders as evidence of the activities whose results cite them.

«Приказ №32 от 04.09.2024 г.», «Издан приказ ОО от 10.01.2023 г. № 05-ОД»: a
result or actual result naming an order that the registry holds (same site,
number and date) gets an ``EvidenceSuggestion``. Nothing is linked here: the
curator confirms or rejects each suggestion in the execution report.

Runs as ``django_tasks`` tasks: after an import (``suggest_for_page``) and
whenever an order is saved with a number (``suggest_for_order``, from a
``post_save`` signal, after the commit).
"""

import datetime
import re

from django.db import transaction
from django.db.models.signals import post_save
from django_tasks import task

from ..documents.orders import Order
from ..section.base_page import BasePage
from .models import RoadmapPage, iter_raw_activities
from .suggestion_models import EvidenceSuggestion

DATE = r"\d{1,2}\.\d{1,2}\.\d{2,4}"
RE_CITATION = re.compile(
    r"приказ\w*(?:\s+[A-ZА-ЯЁ]{1,6}\b)?"
    rf"(?:\s*(?:от\s*)+(?P<date1>{DATE})\s*(?:г(?:ода)?\.?)?)?"
    r"\s*№\s*(?P<number>[\w\-/]*\w)"
    rf"(?:\s*(?:от\s*)+(?P<date2>{DATE}))?",
    re.IGNORECASE,
)


def _date(text):
    day, month, year = (int(part) for part in text.split("."))
    year = year + 2000 if year < 100 else year
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def cited_orders(text):
    """``[(number, date, cited text)]`` of the orders a text cites with a date."""
    found = []
    for match in RE_CITATION.finditer(text or ""):
        raw_date = match["date1"] or match["date2"]
        day = _date(raw_date) if raw_date else None
        if day is not None:
            found.append((match["number"], day, match[0]))
    return found


def _activities(page):
    """``(block id, value)`` of the page's latest content."""
    latest = page.get_latest_revision_as_object()
    for _index, _stage, block_id, value in iter_raw_activities(latest.stages):
        if block_id:
            yield block_id, value


def _offer(page, orders_by_key, only_order=None):
    made = 0
    for block_id, value in _activities(page):
        linked = {
            item.get("value")
            for item in value.get("evidence") or ()
            if item.get("type") == "order"
        }
        text = "\n".join(value.get(name) or "" for name in ("result", "actual_result"))
        for number, day, cited in cited_orders(text):
            order = orders_by_key.get((number.lower(), day))
            if order is None or order.pk in linked:
                continue
            if only_order is not None and order.pk != only_order.pk:
                continue
            _obj, created = EvidenceSuggestion.objects.get_or_create(
                page_id=page.pk,
                block_id=block_id,
                order=order,
                defaults={"cited_text": cited},
            )
            made += created
    return made


@task()
def suggest_for_page(page_id):
    """Suggestions for every activity of one roadmap (after an import)."""
    page = BasePage.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    page = page.specific
    site = page.get_site()
    orders = Order.objects.exclude(number="")
    if site is not None:
        orders = orders.filter(site=site)
    keys = {(o.number.lower(), o.date): o for o in orders}
    if not keys:
        return 0  # no registered order to suggest: the roadmap is not read
    return _offer(page, keys)


@task()
def suggest_for_order(order_id):
    """Suggestions of one newly registered order, across the site's roadmaps."""
    order = Order.objects.filter(pk=order_id).exclude(number="").first()
    if order is None:
        return 0
    made = 0
    keys = {(order.number.lower(), order.date): order}
    for page in RoadmapPage.objects.descendant_of(order.site.root_page, inclusive=True):
        made += _offer(page, keys, only_order=order)
    return made


def offer_after_import(page):
    transaction.on_commit(lambda: suggest_for_page.enqueue(page.pk))


def connect_signals():
    post_save.connect(order_saved, sender=Order, dispatch_uid="mentoring_evidence")


def order_saved(sender, instance, **kwargs):
    """``post_save`` of an order: offer it once it has its number."""
    if instance.number:
        pk = instance.pk
        transaction.on_commit(lambda: suggest_for_order.enqueue(pk))
