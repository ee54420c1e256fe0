"""Builders shared by the signature tests."""

from django.contrib.auth import get_user_model

from mentoring_wagtail.signatures.signing import sign

from ..documents_support import make_document, make_order, pdf_bytes


def director():
    user, _created = get_user_model().objects.get_or_create(
        username="director",
        defaults={"first_name": "Анна", "last_name": "Вишнякова"},
    )
    return user


def signed_order(site, number="1-ОД", title="О наставничестве", user=None):
    scan = make_document(f"Скан {number}", data=pdf_bytes(f"Order {number}"))
    order = make_order(site, number=number, title=title, signed_scan=scan)
    order.save_revision().publish()
    order.refresh_from_db()
    signature = sign(order, user or director())
    return order, signature
