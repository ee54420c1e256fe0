"""Run inside the cluster's own environment (its database and bucket), not the
test process: ``python tests/cluster/in_cluster.py seed|orders PREFIX``.

``seed`` adds what the privacy test needs beside the demo school, through the
same storage API the app servers use (the files land in the bucket), and
prints one JSON inventory; ``orders`` prints the numbers of the orders whose
title starts with PREFIX and the journal's last number.
"""

import io
import json
import sys

import django

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.images import ImageFile  # noqa: E402
from django.urls import reverse  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from wagtail.documents import get_document_model  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Collection, CollectionViewRestriction  # noqa: E402

from mentoring_wagtail.documents.numbering import OrderJournal  # noqa: E402
from mentoring_wagtail.documents.serving import may_open_document  # noqa: E402
from mentoring_wagtail.models import DocumentRegistryPage, Order  # noqa: E402
from mentoring_wagtail.portfolios.models import MentorPortfolioPage  # noqa: E402


def png(colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 500), colour).save(buffer, "PNG")
    return buffer.getvalue()


def seed():
    document_model = get_document_model()
    image_model = get_image_model()
    root = Collection.get_first_root_node()
    private = root.get_children().filter(name="Служебные (кластер)").first()
    if private is None:
        private = root.add_child(name="Служебные (кластер)")
        CollectionViewRestriction.objects.create(
            collection=private, restriction_type=CollectionViewRestriction.LOGIN
        )
    secret = document_model(title="Служебная записка (кластер)", collection=private)
    secret.file.save("sluzhebnaya-zapiska.pdf", ContentFile(b"%PDF-1.4 secret"))
    secret.save()
    # An ordinary picture (not a person's): its renditions are public.
    picture = image_model(title="Здание школы (кластер)", collection=root)
    picture.file.save("zdanie.png", ImageFile(io.BytesIO(png("navy")), "zdanie.png"))
    picture.save()
    picture_rendition = picture.get_rendition("fill-160x200-c100")

    portfolios = list(MentorPortfolioPage.objects.live().order_by("pk"))
    shown, hidden = portfolios[0], portfolios[-1]
    # Renditions of both photos exist in the bucket before the second
    # portfolio goes offline (as after a visitor saw it once).
    for page in (shown, hidden):
        page.photo.get_rendition("fill-320x400-c100")
    hidden.unpublish()
    hidden_rendition = hidden.photo.get_rendition("fill-320x400-c100")

    registry = DocumentRegistryPage.objects.live().first()
    drafts = Order.objects.filter(live=False).exclude(draft_file=None)
    published = Order.objects.filter(live=True).exclude(signed_scan=None)
    orders = Order.objects.filter(live=True).exclude(number="").order_by("-date", "-pk")
    return {
        "private_document": {"url": secret.url, "file": secret.file.name},
        "draft_documents": [
            {"url": o.draft_file.url, "file": o.draft_file.file.name} for o in drafts
        ],
        "published_scans": [o.signed_scan.file.name for o in published],
        # Every document, with the package's answer for an anonymous visitor
        # (its rules: docs/features/documents.md); the test checks that the
        # stack serves exactly these, from the bucket's bytes.
        "documents": [
            {
                "url": document.url,
                "file": document.file.name,
                "public": may_open_document(AnonymousUser(), document),
            }
            for document in document_model.objects.order_by("pk")
        ],
        "picture_rendition": picture_rendition.file.name,
        "hidden_rendition": hidden_rendition.file.name,
        "shown_photo": f"{shown.url}photo/{shown.photo_id}/portrait/",
        "hidden_photo": f"{hidden.url}photo/{hidden.photo_id}/portrait/",
        "revocable_order": {
            "number": orders[0].number,
            "revoke_url": reverse(
                Order.snippet_viewset.get_url_name("revoke"), args=[orders[0].pk]
            ),
            "detail_url": f"{registry.url}{Order.registry_type}/{orders[0].pk}/",
        },
        "order_add_url": reverse(Order.snippet_viewset.get_url_name("add")),
        "site": orders[0].site_id,
    }


def orders(prefix):
    found = Order.objects.filter(title__startswith=prefix)
    journal = OrderJournal.objects.order_by("-year", "-last_seq").first()
    return {
        "numbers": [o.number for o in found],
        "last_seq": journal.last_seq if journal else 0,
    }


if __name__ == "__main__":
    command = sys.argv[1]
    result = seed() if command == "seed" else orders(sys.argv[2])
    print("JSON:" + json.dumps(result, ensure_ascii=False))
