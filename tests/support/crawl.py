"""Visit every page a person can reach by following links, as the test client.

``crawl(client)`` starts at the home page and follows, breadth first, every same-site
``<a href>`` of every HTML page it gets, with GET only, until nothing new is left or it
has seen ``limit`` pages; with ``per_view``, it visits no more than that many pages of any
one view (a tenth recommendation page shows nothing the first few did not). It never
submits a form (so it never signs out, which is a form), stays out of the admin beyond its
index, treats the sign-in page as one page whatever ``next`` it carries, and skips what
``skip`` says (for instance PDFs, which are slow to draw). Each page comes back with its
response, so that checks of headers, markup or accessibility can run over the lot.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve, reverse

# Hosts the test client answers for: links to them are same-site.
SAME_SITE_HOSTS = {"", "testserver"}


@dataclass
class Page:
    url: str
    response: HttpResponse
    # The page whose link led here (None for a starting page).
    found_on: str | None

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def is_html(self) -> bool:
        return self.response.get("Content-Type", "").startswith("text/html")

    @property
    def html(self) -> str:
        return self.response.content.decode() if self.is_html else ""


class _LinkReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links(html: str, base: str) -> list[str]:
    """The same-site links of ``html`` (a page at ``base``) as paths with their query,
    without fragments, in the order they appear."""
    reader = _LinkReader()
    reader.feed(html)
    found = []
    for href in reader.hrefs:
        absolute, _ = urldefrag(urljoin(base, href))
        parts = urlsplit(absolute)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in SAME_SITE_HOSTS:
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _key(url: str, login_path: str) -> str:
    """One visit per page: the sign-in page's ``next`` only says where to go afterwards."""
    path = urlsplit(url).path
    return login_path if path == login_path else url


def _view_name(url: str) -> str:
    path = urlsplit(url).path
    try:
        return resolve(path).view_name
    except Resolver404:
        return path


def _in_admin_beyond_index(url: str) -> bool:
    path = urlsplit(url).path
    return path.startswith("/admin/") and path != "/admin/"


def crawl(
    client,
    *,
    start: Iterable[str] = ("/",),
    limit: int = 200,
    per_view: int | None = None,
    skip: Callable[[str], bool] = lambda url: False,
    secure: bool = False,
) -> list[Page]:
    """The pages reachable from ``start`` by links, at most ``limit`` of them and at most
    ``per_view`` of any one view, in the order visited. ``skip(url)`` true leaves a link
    unvisited; ``secure`` makes each request as if over https."""
    login_path = reverse(settings.LOGIN_URL)
    logout_path = reverse("logout")
    queue = deque((url, None) for url in start)
    seen = {_key(url, login_path) for url in start}
    per_view_count: Counter[str] = Counter()
    pages: list[Page] = []
    while queue and len(pages) < limit:
        url, found_on = queue.popleft()
        response = client.get(url, secure=secure)
        page = Page(url=url, response=response, found_on=found_on)
        pages.append(page)
        if not page.is_html:
            continue
        for link in links(page.html, f"http://testserver{url}"):
            key = _key(link, login_path)
            if (
                key in seen
                or _in_admin_beyond_index(link)
                or urlsplit(link).path == logout_path
                or skip(link)
            ):
                continue
            seen.add(key)
            view = _view_name(link)
            if per_view is not None and per_view_count[view] >= per_view:
                continue
            per_view_count[view] += 1
            queue.append((link, url))
    return pages
