"""A simple electronic signature of one file of one official record."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentoring_wagtail.access.site_scope import ThroughObject

from ..approvals.models import object_reference

DOCUMENT_MODEL = getattr(settings, "WAGTAILDOCS_DOCUMENT_MODEL", "wagtaildocs.Document")


class SignatureQuerySet(models.QuerySet):
    def current(self):
        return self.filter(superseded_at__isnull=True)

    def for_object(self, obj):
        content_type, object_id = object_reference(obj)
        return self.filter(content_type=content_type, object_id=object_id)


class Signature(models.Model):
    """Who signed which file of which record, when, and the key that names it.

    Never deleted: signing a new file supersedes the previous signature.
    """

    mentoring_site_path = ThroughObject()

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=255)
    # A registry record signs a file; a page (the roadmap) signs the canonical
    # content of its published revision (``pages.py``): one or the other.
    document = models.ForeignKey(
        DOCUMENT_MODEL,
        verbose_name=_("signed file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("signed revision"),
        null=True,
        blank=True,
        # Purging old revisions keeps the signature, its digest and its key.
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer_name = models.CharField(_("signer's full name"), max_length=255)
    signer_position = models.CharField(_("signer's position"), max_length=255)
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    streebog256 = models.CharField(
        _("GOST R 34.11-2012 (256) digest of the file"), max_length=64, blank=True
    )
    # Wagtail's own SHA-1 of the file when signed: the registry compares it
    # with the document's current one without reading the file.
    file_hash = models.CharField(max_length=40, blank=True, editable=False)
    nonce = models.CharField(max_length=32, editable=False)
    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    sign_off = models.ForeignKey(
        "mentoring_wagtail.SignOff",
        verbose_name=_("sign-off"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # When the file behind the signature was found replaced (logged once).
    file_replaced_at = models.DateTimeField(
        _("file replaced at"), null=True, blank=True
    )

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("electronic signature")
        verbose_name_plural = _("electronic signatures")
        ordering = ["-signed_at", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "superseded_at"],
                name="mw_signature_object",
            )
        ]

    def __str__(self):
        return f"{self.signer_name} {self.signed_at:%d.%m.%Y %H:%M} ({self.key})"

    @property
    def content_object(self):
        model = self.content_type.model_class()
        return model._default_manager.filter(pk=self.object_id).first()

    def supersede(self, by):
        """Mark this signature replaced by ``by``, signed after it."""
        self.superseded_at = by.signed_at
        self.superseded_by = by
        self.save(update_fields=["superseded_at", "superseded_by"])


class QualifiedSignature(models.Model):
    """A detached CMS signature (КЭП) attached to a signed file, verified on upload."""

    mentoring_site_path = "signature"

    signature = models.ForeignKey(
        Signature,
        verbose_name=_("simple signature of the same file"),
        on_delete=models.PROTECT,
        related_name="qualified",
    )
    sig_file = models.FileField(_("signature file"), upload_to="mentoring/signatures/")
    digest_algorithm = models.CharField(_("digest algorithm"), max_length=50)
    # Owner, issuer, serial, validity and signing time, as read from the CMS.
    certificate = models.JSONField(_("certificate"), default=dict)
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attached by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attached_at = models.DateTimeField(_("attached at"), default=timezone.now)

    class Meta:
        verbose_name = _("qualified electronic signature")
        verbose_name_plural = _("qualified electronic signatures")
        ordering = ["-attached_at", "-pk"]

    def __str__(self):
        return self.certificate.get("owner", "") or str(self.signature)
