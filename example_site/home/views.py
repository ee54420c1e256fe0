"""The site's search page, as `wagtail start` makes it (in Russian)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
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
