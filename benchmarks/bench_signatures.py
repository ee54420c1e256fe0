"""The registry listing with the signature mark against the same listing without it.

    .venv/bin/python benchmarks/bench_signatures.py             # SQLite
    MENTORING_DB=postgres .venv/bin/python benchmarks/bench_signatures.py

One site with 10 000 published orders, each with its signed scan and a simple
electronic signature. Side by side in one run (requests alternate):

* the registry's first page with the marks (the feature's columns added to
  the listing's query) against the same page with the feature switched off
  (``documents.listing_columns`` emptied): SQL queries (target: equal) and
  median wall/CPU time;
* the same for one record's page.

The whole-page cache and the registry's listing cache are off: every request
renders the registry afresh.
"""

import datetime
import hashlib
import secrets

from bench_registry import KINDS, WORDS, build_site, measure_side_by_side
from harness import SMOKE, benchmark_database, format_row, scaled

SIGNED = scaled(10_000, 25)


def add_signed_orders(site, count):
    """Published orders with a scan each and a current signature of that scan."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from mentoring_wagtail.models import Order
    from mentoring_wagtail.signatures.models import Signature

    Document = get_document_model()
    root = Collection.get_first_root_node()
    scans = Document.objects.bulk_create(
        [
            Document(
                title=f"Скан {seq}-ОД",
                file=f"documents/scan-{seq}.pdf",
                file_hash=hashlib.sha256(str(seq).encode()).hexdigest()[:40],
                file_size=1000,
                collection=root,
            )
            for seq in range(count)
        ],
        batch_size=1000,
    )
    if scans[0].pk is None:  # SQLite before returning ids
        scans = list(Document.objects.filter(title__startswith="Скан ").order_by("pk"))
    orders = []
    for seq, scan in enumerate(scans):
        date = datetime.date(2015 + seq % 10, 1 + seq % 12, 1 + seq % 28)
        orders.append(
            Order(
                site=site,
                number=f"{seq}-ОД",
                date=date,
                year=date.year,
                title="О " + WORDS[seq % len(WORDS)],
                kind=KINDS[seq % len(KINDS)],
                signed_scan=scan,
                live=True,
            )
        )
    orders = Order.objects.bulk_create(orders, batch_size=1000)
    if orders[0].pk is None:
        orders = list(Order.objects.filter(site=site).select_related("signed_scan"))
    director = get_user_model().objects.create(
        username="bench-director", first_name="Анна", last_name="Вишнякова"
    )
    content_type = ContentType.objects.get_for_model(Order)
    now = timezone.now()
    Signature.objects.bulk_create(
        [
            Signature(
                content_type=content_type,
                object_id=str(order.pk),
                document_id=order.signed_scan_id,
                signer=director,
                signer_name="Анна Вишнякова",
                signer_position="Директор",
                signed_at=now,
                sha256=hashlib.sha256(str(order.pk).encode()).hexdigest(),
                file_hash=order.signed_scan.file_hash,
                nonce=secrets.token_hex(16),
                key=secrets.token_hex(16),
            )
            for order in orders
        ],
        batch_size=1000,
    )
    return orders


def main():
    from django.db import connection
    from django.test import Client, override_settings

    from mentoring_wagtail.documents import listing_columns

    with (
        benchmark_database(),
        override_settings(
            MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT=0,
            MENTORING_WAGTAIL_REGISTRY_CACHE_TIMEOUT=0,
        ),
    ):
        site, path = build_site("signed.example", is_default=True)
        orders = add_signed_orders(site, SIGNED)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client()
        registered = list(listing_columns._COLUMNS)

        def getter(url, marks):
            def get():
                listing_columns._COLUMNS[:] = registered if marks else []
                try:
                    response = client.get(url, HTTP_HOST="signed.example")
                finally:
                    listing_columns._COLUMNS[:] = registered
                assert response.status_code == 200
                shown = "signature-mark__link" in response.text
                assert shown is marks, "the mark is not where it should be"

            return get

        listing = measure_side_by_side(getter(path, True), getter(path, False))
        record_url = f"{path}orders/{orders[len(orders) // 2].pk}/"
        record = measure_side_by_side(
            getter(record_url, True), getter(record_url, False)
        )
        print(
            f"Signature mark benchmark on {connection.vendor} "
            f"({SIGNED} signed orders{', smoke run' if SMOKE else ''})"
        )
        print(format_row("registry page 1, marks vs none", *listing, target=1.5))
        print(format_row("record page, mark vs none", *record, target=1.5))
        same = all(a.queries == b.queries for a, b in (listing, record))
        print(
            f"equal query counts with and without the mark: {'yes' if same else 'NO'}"
        )


if __name__ == "__main__":
    main()
