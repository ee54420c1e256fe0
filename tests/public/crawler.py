"""An anonymous visitor who follows every link of a site (tests only)."""

import re
from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag, urlsplit

LOCAL_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}
# Not the public site: the admin answers with its login page.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/django-admin/")
PAGE_LIMIT = 1500


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.links.append(value)


def local_path(url, base="/"):
    """The path (with query) of ``url`` if it points into the site, else None."""
    url, _fragment = urldefrag(url)
    if url.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.hostname not in (
        LOCAL_HOSTS | {None}
    ):
        return None
    path = parts.path
    if not path.startswith("/"):
        path = base.rsplit("/", 1)[0] + "/" + path
    if path.startswith(SKIPPED_PREFIXES):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


class Visit:
    def __init__(self, url, response):
        self.url = url
        self.status = response.status_code
        self.content_type = response.get("Content-Type", "")
        self.headers = response.headers
        # A streamed file is read to its end: the test client closes it then,
        # with Django's connection cleanup held off. Calling ``close()`` here
        # would close the test's PostgreSQL connection inside its transaction.
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        if self.content_type.startswith(("text/", "application/xml")):
            self.text = body.decode("utf-8", "replace")
        else:
            self.text = ""


def sitemap_paths(client):
    response = client.get("/sitemap.xml")
    if response.status_code != 200:
        return []
    locs = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    return [local_path(loc) for loc in locs if local_path(loc)]


def crawl(client, start_paths):
    """Visit ``start_paths`` and everything they link to; ``{path: Visit}``."""
    queue = list(dict.fromkeys(start_paths))
    visits = {}
    while queue and len(visits) < PAGE_LIMIT:
        path = queue.pop(0)
        if path in visits:
            continue
        visit = visits[path] = Visit(path, client.get(path))
        if visit.status == 200 and visit.content_type.startswith("text/html"):
            parser = LinkParser()
            parser.feed(visit.text)
            for link in parser.links:
                found = local_path(link.replace("&amp;", "&"), base=path)
                if found and found not in visits:
                    queue.append(found)
    return visits


def readable(text):
    """Everything a visitor's browser could show, attributes and URLs included."""
    import html

    return html.unescape(unquote(html.unescape(text)))
