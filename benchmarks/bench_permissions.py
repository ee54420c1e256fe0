"""The order listing in the admin under the guardian permission policy.

    MENTORING_DEV_NO_MIGRATIONS=1 .venv/bin/python benchmarks/bench_permissions.py
    MENTORING_DB=postgres .venv/bin/python benchmarks/bench_permissions.py

Prints, side by side in one run, for 100 and for 2 000 orders (50 per page):
* the secretary (model permission through her group): the listing as Wagtail
  builds it, plus the policy's instance filter;
* a mentor holding guardian object permissions on 10 orders: the listing
  filtered through guardian's tables;
* a superuser: the baseline without any filtering.
Each line gives median render time and SQL queries; the ratio compares the
large database with the small one.
"""

import datetime

from harness import benchmark_database, format_row, measure, scaled

SMALL = scaled(100, 12)
LARGE = scaled(2_000, 20)


def add_orders(site, start, count):
    from mentoring_wagtail.models import Order

    date = datetime.date.today() - datetime.timedelta(days=30)
    Order.objects.bulk_create(
        [
            Order(
                site=site,
                title=f"О мероприятии № {n}",
                number=f"{n}-ОД",
                date=date,
                year=date.year,
                kind="other",
                live=True,
            )
            for n in range(start, start + count)
        ]
    )


def main():
    with benchmark_database():
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse
        from guardian.shortcuts import assign_perm
        from wagtail.models import Site

        from mentoring_wagtail.models import Order
        from mentoring_wagtail.setup.steps import run_setup
        from tests.approvals_support import make_user

        run_setup()
        site = Site.objects.get(is_default_site=True)
        secretary = make_user("secretary", "secretary")
        mentor = make_user("mentor", "mentor")
        admin = get_user_model().objects.create_superuser("root", "r@x.example", "x")
        add_orders(site, 1, SMALL)
        for order in Order.objects.order_by("pk")[:10]:
            assign_perm("mentoring_wagtail.view_order", mentor, order)
        url = reverse("wagtailsnippets_mentoring_wagtail_order:list")

        def client_for(user):
            client = Client()
            client.force_login(user)
            return client

        clients = {
            "secretary": client_for(secretary),
            "mentor (10 object grants)": client_for(mentor),
            "superuser": client_for(admin),
        }
        small = {
            name: measure(lambda c=c: c.get(url), runs=15)
            for name, c in clients.items()
        }
        add_orders(site, SMALL + 1, LARGE - SMALL)
        large = {
            name: measure(lambda c=c: c.get(url), runs=15)
            for name, c in clients.items()
        }
        for name in clients:
            print(
                format_row(
                    f"order listing, {name}, {LARGE} vs {SMALL} orders",
                    large[name],
                    small[name],
                )
            )
        print(
            format_row(
                f"mentor vs superuser at {LARGE} orders",
                large["mentor (10 object grants)"],
                large["superuser"],
            )
        )


if __name__ == "__main__":
    main()
