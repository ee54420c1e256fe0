"""The public verification page of a signature and its .sig download."""

from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from ..documents.registry import (
    private_collection_ids,
    public_queryset,
    registry_models,
    with_related,
)
from .pages import canonical_content
from .verification import MISSING, PAGES, VALID, check_key, rate_limited


def public_records(page):
    site = page.get_registry_site()
    private = private_collection_ids()
    records = {
        model: with_related(model, public_queryset(model, site, private))
        for model in registry_models().values()
    }
    records[PAGES] = lambda model: model.objects.live().public().in_site(site)
    return records


def verify_signature(page, request, key):
    if rate_limited(request):
        response = HttpResponse(
            _("Too many checks from your address; try again in a minute."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        add_never_cache_headers(response)
        return response
    check = check_key(key, public_records(page))
    if request.GET.get("download") == "content":
        return signed_content(check)
    response = page.render(
        request,
        template="mentoring_wagtail/signatures/verify.html",
        context_overrides={"check": check, "registry_url": page.url},
    )
    if check.outcome == MISSING:
        response.status_code = 404
    # Every check reads the file afresh and counts against the rate limit:
    # no shared or page cache may answer for it.
    add_never_cache_headers(response)
    return response


def download_qualified(page, request, key):
    if rate_limited(request):
        response = HttpResponse(status=429)
        add_never_cache_headers(response)
        return response
    check = check_key(key, public_records(page))
    if check.qualified is None:
        raise Http404
    sig_file = check.qualified.sig_file
    handle = sig_file.storage.open(sig_file.name, "rb")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{check.signature.document.title[:80] or 'document'}.sig",
        content_type="application/pkcs7-signature",
    )
    add_never_cache_headers(response)
    return response


def signed_content(check):
    """The canonical content a page's signature covers, for ``sha256sum``.

    Offered only while it is the content signed (the check is valid), so the
    file downloaded is always the one whose digest the page shows.
    """
    if check.outcome != VALID or check.signature.document_id is not None:
        raise Http404
    response = HttpResponse(
        canonical_content(check.record),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="signed-content-{check.signature.key}.json"'
    )
    add_never_cache_headers(response)
    return response
