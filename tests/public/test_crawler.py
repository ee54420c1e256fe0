"""An anonymous visitor crawls the demo site and finds nothing kept inside.

Starting from the home page, the sitemap and the registry's search for every
name and title that must stay inside, the crawler follows every link within
the site. It must reach every published page and record, and find no
unpublished document (title or file), no file of a private record that opens,
and no name some app declares non-public (``mentoring_wagtail_nonpublic_names``
hook: the demo's staff without publication consent, unpublished records).
"""

from io import StringIO
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction, Site

from mentoring_wagtail.documents.registry import DocumentRegistryPage
from mentoring_wagtail.models import MentoringIndexPage
from mentoring_wagtail.public.nonpublic import nonpublic_names
from tests.module_state import fresh_all, module_db_state

from .crawler import crawl, local_path, readable, sitemap_paths
from .public_site import files_kept_inside, public_pages, public_record_paths

pytestmark = pytest.mark.django_db

PRIVATE_TITLE = "Закрытый раздел для педагогов"
DRAFT_TITLE = "Черновик раздела о стажировках"


def add_hidden_pages(site):
    """A page behind a login and a draft page: neither may be found."""
    private = site.root_page.add_child(
        instance=MentoringIndexPage(title=PRIVATE_TITLE, slug="closed")
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    draft = site.root_page.add_child(
        instance=MentoringIndexPage(title=DRAFT_TITLE, slug="draft", live=False)
    )
    return private, draft


def search_paths(site, names):
    """The registry searched for every word of every name and title."""
    terms = {word for name in names for word in name.split() if len(word) > 3}
    terms |= set(names)
    paths = []
    for registry in DocumentRegistryPage.objects.live().descendant_of(site.root_page):
        paths += [f"{registry.url}?{urlencode({'q': term})}" for term in sorted(terms)]
    return paths


def load_and_crawl():
    """The demo school with two hidden pages, crawled by an anonymous visitor."""
    call_command("load_demo_school", stdout=StringIO())
    site = Site.objects.get(is_default_site=True)
    private, draft = add_hidden_pages(site)
    names = nonpublic_names(site) + [PRIVATE_TITLE, DRAFT_TITLE]
    client = Client()
    start = [
        "/",
        "/sitemap.xml",
        *sitemap_paths(client),
        *search_paths(site, names),
    ]
    visits = crawl(client, start)
    return {
        "visits": visits,
        "names": names,
        "hidden_pages": (private, draft),
        "cookies": {key: morsel.value for key, morsel in client.cookies.items()},
    }


# The demo, its hidden pages and the crawl, once for this module (instead of
# conftest's demo alone): each test starts from the rows and files the crawl
# left, with the crawling visitor's cookies (tests/module_state.py), as it did
# when each test crawled first. test_the_demo_has_something_to_hide starts
# from them too: the hidden pages' titles hold none of the names it looks for.
_demo_school = module_db_state(load_and_crawl)


@pytest.fixture
def crawled(_demo_school, demo_site, client):
    built = _demo_school.value
    for key, value in built["cookies"].items():
        client.cookies[key] = value
    return {
        "visits": built["visits"],
        "names": built["names"],
        "hidden_pages": fresh_all(built["hidden_pages"]),
        "site": demo_site,
    }


def test_the_demo_has_something_to_hide(demo_site):
    names = nonpublic_names(demo_site)
    # The unpublished order of the demo, and people without a consent to
    # publication: a mentee (a minor) of the bases.
    assert any("Лучший наставник" in name for name in names)
    assert "Осинкина" in names
    assert files_kept_inside()


def test_crawler_reaches_every_published_page_and_record(crawled, client):
    visits = crawled["visits"]
    expected = [page.url for page in public_pages(crawled["site"])]
    expected += public_record_paths(crawled["site"])
    missing = [path for path in expected if local_path(path) not in visits]
    assert not missing
    broken = {path: v.status for path, v in visits.items() if v.status >= 500}
    assert not broken


def shown_text(path, visit):
    """What the page shows beyond the visitor's own search words echoed back."""
    text = readable(visit.text)
    for term in parse_qs(urlsplit(path).query).get("q", []):
        # The words are echoed in the form and in links that keep the query
        # (page, low-vision switch); what the results show is crawled too from
        # the unfiltered listing, where nothing is stripped.
        for word in (term, *term.split()):
            text = text.replace(word, "")
    return text


def test_nothing_kept_inside_is_shown(crawled):
    leaks = {
        path: name
        for path, visit in crawled["visits"].items()
        for name in crawled["names"]
        if name in shown_text(path, visit)
    }
    assert not leaks


def test_sitemap_lists_only_public_pages(crawled, client):
    private, draft = crawled["hidden_pages"]
    listed = sitemap_paths(client)
    assert listed, "the example site publishes a sitemap"
    assert private.url not in listed and draft.url not in listed
    assert client.get(private.url).status_code != 200
    assert client.get(f"/{draft.slug}/").status_code == 404


def test_no_private_file_opens(crawled, client):
    kept = files_kept_inside()
    for document in kept:
        response = client.get(document.url)
        assert response.status_code != 200, document.title
    crawled_files = {
        path for path in crawled["visits"] if path.startswith("/documents/")
    }
    assert crawled_files, "published scans are linked from the registry"
    assert not crawled_files & {local_path(document.url) for document in kept}
