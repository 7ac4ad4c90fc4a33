"""Search in a real browser, keyboard only, at 320 and 1280 CSS pixels wide.

Its own module: the search tests beside it share a world built in a transaction held open for
their module, which a live server's connection may not wait on (SQLite locks the tables)."""

import re

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [320, 1280])
def test_searching_by_keyboard_alone_at_any_width(live_server, page, width):
    """From the home page, Tab reaches the header's search box (after the skip link and the
    menu); typing and Enter search; the results keep the query and link to the record; and
    nothing scrolls sideways, even at 320px (400% zoom)."""
    from playwright.sync_api import expect

    from scrutiny.demo import demo_load

    demo_load()
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/")
    box = page.locator("#site-search-q")
    for _ in range(40):
        page.keyboard.press("Tab")
        if box.evaluate("el => el === document.activeElement"):
            break
    expect(box).to_be_focused()
    outline = box.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused box shows its focus"
    page.keyboard.type("LSDG")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=LSDG")
    expect(page.locator("#search-page-q")).to_have_value("LSDG")
    expect(page.locator("#site-search-q")).to_have_value("LSDG")
    expect(page.get_by_role("heading", name=re.compile(r"Organisations"))).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{overflow}px of sideways scrolling at {width}px"
    header = page.locator(".app-header-search").bounding_box()
    assert header["x"] >= 0 and header["x"] + header["width"] <= width
    page.screenshot(path=f"/tmp/search-{width}.png", full_page=False)
