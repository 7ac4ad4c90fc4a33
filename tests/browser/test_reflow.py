"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide, the width of a 1280 pixel screen zoomed to
400%, no page scrolls sideways. A wide table may scroll inside its own region (focusable,
named, role=region: the accepted pattern), which does not widen the page. Checked on every
page of the crawl for the public and for democratic services, who see the most forms."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.test_accessibility import sign_in
from tests.support.crawl import crawl
from tests.support.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320

# What sticks out past the right edge of the viewport, outside any scrolling region: the
# innermost such elements, to name in a failure.
STICKING_OUT = """(width) => {
  const scrolls = el => {
    const s = getComputedStyle(el);
    return ['auto', 'scroll'].includes(s.overflowX) && el !== document.documentElement
      && el !== document.body;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    let inside = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (scrolls(a)) { inside = true; break; }
    }
    if (inside) continue;
    if ([...el.children].some(c => c.getBoundingClientRect().right > width + 0.5)) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.className && typeof el.className === 'string'
         ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    out.push(`${name} (right edge ${Math.round(box.right)}px)`);
  }
  return out.slice(0, 5);
}"""

SCROLL_REGIONS = """() => [...document.querySelectorAll('*')].filter(el => {
  const s = getComputedStyle(el);
  return ['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth
    && el !== document.documentElement && el !== document.body;
}).map(el => ({
  role: el.getAttribute('role'), tabindex: el.getAttribute('tabindex'),
  label: el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'),
  tag: el.tagName.toLowerCase(), cls: el.className,
}))"""


def leave_out(url: str) -> bool:
    path = urlsplit(url).path
    return (
        path.endswith((".pdf", ".xlsx", ".csv", ".css"))
        or path.startswith("/admin/")
        or path.startswith("/cy/")
    )


# A sans font wider than Arial (and than Liberation Sans, which has Arial's metrics): a
# server or a reader's browser may have only this one, and the pages must reflow with it.
WIDE_FONT = "html, body, body * { font-family: 'DejaVu Sans', sans-serif !important; }"


def _too_wide(page, live_server, pages, *, style: str | None = None) -> list[str]:
    problems = []
    for crawled in pages:
        if not crawled.is_html:
            continue
        page.goto(live_server.url + crawled.url)
        if style:
            page.add_style_tag(content=style)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            sticking = page.evaluate(STICKING_OUT, WIDTH)
            problems.append(f"{crawled.url} is {width}px wide: {sticking}")
        # A region that scrolls must be reachable by keyboard and named.
        for region in page.evaluate(SCROLL_REGIONS):
            if region["tabindex"] != "0" or region["role"] != "region" or not region["label"]:
                problems.append(f"{crawled.url}: a scrolling {region} a keyboard cannot reach")
    return problems


@pytest.mark.parametrize("role", ["anonymous", "democratic"])
def test_no_page_scrolls_sideways_at_320_pixels(live_server, context, page, role):
    world = build_world()
    client = sign_in(context, live_server, world.user(role))
    page.set_viewport_size({"width": WIDTH, "height": 640})
    pages = crawl(client, limit=150, per_view=1, skip=leave_out)

    problems = _too_wide(page, live_server, pages)
    assert not problems, f"{len(problems)} pages too wide at {WIDTH}px:\n  " + "\n  ".join(problems)


def test_pages_reflow_at_320_pixels_in_a_wider_font(live_server, browser):
    """Democratic services see the most forms; every page they reach reflows in DejaVu Sans."""
    world = build_world()
    # The site's policy refuses inline styles, so only this test's browser may add one.
    context = browser.new_context(bypass_csp=True)
    try:
        client = sign_in(context, live_server, world.user("democratic"))
        page = context.new_page()
        page.set_viewport_size({"width": WIDTH, "height": 640})
        pages = crawl(client, limit=150, per_view=1, skip=leave_out)
        problems = _too_wide(page, live_server, pages, style=WIDE_FONT)
    finally:
        context.close()
    assert not problems, f"{len(problems)} pages too wide at {WIDTH}px:\n  " + "\n  ".join(problems)
