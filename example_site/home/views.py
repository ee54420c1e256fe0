"""The site's search page, as `wagtail start` makes it (in Russian); a health check."""

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.http import HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Page

PER_PAGE = 10


def search(request):
    query = request.GET.get("query", "").strip()[:200]
    results = Page.objects.none()
    if query:
        # Live, public pages only: a private or draft page (a portfolio
        # without consent, a questionnaire) never shows in results.
        results = Page.objects.live().public().specific().search(query)
    paginator = Paginator(results, PER_PAGE)
    try:
        results = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        results = paginator.page(1)
    except EmptyPage:
        results = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request, "home/search.html", {"search_query": query, "search_results": results}
    )


def health(request):
    """For the balancer's health check: 200 while this server can reach the
    database and the shared cache, 503 otherwise. Two round trips, no page."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        cache.get("mentoring:health")
    except Exception as error:  # any failure means: send visitors elsewhere
        reason = f"unavailable: {type(error).__name__}"
        return HttpResponse(reason, status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
