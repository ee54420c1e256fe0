"""The simple electronic signature of a published page: the roadmap.

A roadmap page is an electronic document in its own right: the school posts
it (with the execution it reports) as a page, not as a file. When the route's
last step (the director's approval) publishes it, what the visitor reads is
signed: the page's **canonical content**, the UTF-8 JSON of its published
fields (``SIGNED_PAGE_FIELDS``: title, academic year, «РАССМОТРЕНО» and
«УТВЕРЖДАЮ» blocks, approving order, introduction, and the stages with every
activity, status and actual result as stored), keys sorted, no spaces.

Why this and not the ``.docx`` the admin offers: the Word file is built on
request, and its bytes change with python-docx's version and the zip's
timestamps, so nobody could recompute its digest later; the canonical content
is a pure function of the published revision. The verification page
recomputes it from the page as served and offers it for download
(``content.json``), so anyone can check the SHA-256 with ``sha256sum``.

The mark shows while the page's live revision is the signed one; publishing a
new revision without the route's approval removes it (the verification page
then says the document changed after signing); approving again signs again
and supersedes the previous signature, kept in history.
"""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from gostcrypto import gosthash
from wagtail.log_actions import log
from wagtail.models import get_page_models

from ..approvals.models import object_reference
from ..documents.registry import DocumentRegistryPageMixin
from ..roadmaps.models import RoadmapPageMixin
from ..section.base_page import BasePage
from ..section.site_settings import OrganisationSettings
from .keys import new_nonce, signature_key
from .models import Signature

# Page types that are electronic documents, and the fields that make them up.
SIGNED_PAGE_FIELDS = {
    RoadmapPageMixin: (
        "title",
        "academic_year",
        "considered_text",
        "approval_text",
        "approved_by_order",
        "intro",
        "stages",
    ),
}


def signed_fields(page):
    """The fields signed for ``page``'s type, or None when it is not signed."""
    for model, fields in SIGNED_PAGE_FIELDS.items():
        if isinstance(page, model):
            return fields
    return None


def canonical_content(page):
    """The bytes signed for ``page`` (its fields as stored, canonical JSON)."""
    values = {"page": page.pk}
    for name in signed_fields(page):
        field = page._meta.get_field(name)
        values[name] = field.get_prep_value(field.value_from_object(page))
    text = json.dumps(
        values,
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return text.encode("utf-8")


def content_sha256(page):
    return hashlib.sha256(canonical_content(page)).hexdigest()


def signer_details(user, page):
    """Full name and position of ``user`` as of now, from the page's site."""
    site = page.get_site()
    organisation = OrganisationSettings.for_site(site) if site else None
    name = (user.get_full_name() or "").strip() if user else ""
    name = name or (organisation.director_name if organisation else "") or str(user)
    position = organisation.director_title if organisation else ""
    return name, position


def live_page(page):
    """``page`` as published now, read afresh (specific), or None."""
    page = type(page.specific)._default_manager.filter(pk=page.pk).first()
    if page is None or not page.live or page.live_revision_id is None:
        return None
    return page


@transaction.atomic
def sign_page(page, user):
    """Sign ``page``'s published revision; return the signature (None if not live).

    The same revision with the same content keeps its signature; anything
    else gets a new one and the previous one is superseded.
    """
    page = live_page(page)
    if page is None or signed_fields(page) is None:
        return None
    sha256 = content_sha256(page)
    content_type, object_id = object_reference(page)
    current = (
        Signature.objects.select_for_update()
        .filter(content_type=content_type, object_id=object_id)
        .current()
        .first()
    )
    if (
        current
        and current.revision_id == page.live_revision_id
        and current.sha256 == sha256
    ):
        return current
    now = timezone.now()
    name, position = signer_details(user, page)
    nonce = new_nonce()
    signature = Signature.objects.create(
        content_type=content_type,
        object_id=object_id,
        document=None,
        revision_id=page.live_revision_id,
        signer=user,
        signer_name=name,
        signer_position=position,
        signed_at=now,
        sha256=sha256,
        streebog256="",  # computed in the background (tasks.py)
        nonce=nonce,
        key=signature_key(
            f"{content_type.pk}:{object_id}",
            f"revision-{page.live_revision_id}",
            sha256,
            now,
            nonce,
        ),
    )
    if current:
        current.supersede(by=signature)
    transaction.on_commit(lambda: compute_page_streebog.enqueue(signature.pk))
    log(
        instance=page,
        action="mentoring_wagtail.simple_signature",
        user=user,
        revision=page.live_revision,
        data={"key": signature.key, "file": page.title, "sha256": sha256},
    )
    return signature


def page_mark(page):
    """The current signature of ``page`` while its live revision is the one signed."""
    if signed_fields(page) is None or not page.live or not page.live_revision_id:
        return None
    return (
        Signature.objects.for_object(page)
        .current()
        .filter(revision_id=page.live_revision_id)
        .first()
    )


def lapsed_on(page, today=None):
    """The date the page stopped being in force: its approving order revoked."""
    order = getattr(page, "approved_by_order", None)
    revoked_on = getattr(order, "revoked_on", None)
    today = today or timezone.localdate()
    return revoked_on if revoked_on and revoked_on <= today else None


def sign_on_route_approved(sender, instance, user=None, **kwargs):
    """``workflow_approved``: the route's last step published a signed page type.

    A publication scheduled for later (``go_live_at``) is not live yet and is
    not signed: the director approves what visitors read now.
    """
    page = instance.content_object
    if page is None or not hasattr(page, "specific"):
        return
    page = live_page(page)
    # Scheduled: the approved revision waits while an older one stays live.
    if page is None or page.live_revision_id != page.latest_revision_id:
        return
    if signed_fields(page) is not None:
        sign_page(page, user)


def verification_base_url(page):
    """The URL of the registry of ``page``'s site (its verification pages live
    under it), or "" when the site has no published registry."""
    registry_types = [
        model
        for model in get_page_models()
        if issubclass(model, DocumentRegistryPageMixin) and not model._meta.abstract
    ]
    site = page.get_site()
    if site is None or not registry_types:
        return ""
    registry = (
        BasePage.objects.live()
        .public()
        .in_site(site)
        .type(*registry_types)
        .order_by("path")
        .first()
    )
    return registry.url if registry is not None else ""


@task()
def compute_page_streebog(signature_pk):
    """The Стрибог digest of a signed page's canonical content, if still live."""
    signature = Signature.objects.filter(pk=signature_pk).first()
    if signature is None or signature.streebog256:
        return
    page = signature.content_object
    page = live_page(page) if page is not None else None
    if page is None or page.live_revision_id != signature.revision_id:
        return
    content = canonical_content(page)
    if hashlib.sha256(content).hexdigest() == signature.sha256:
        streebog = gosthash.new("streebog256", data=content).hexdigest()
        Signature.objects.filter(pk=signature_pk).update(streebog256=streebog)
