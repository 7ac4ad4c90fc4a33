"""The API's documentation, reached from /api/v1/docs in Chromium, loads under the site's
Content Security Policy with no violation: it is the site's own page, not Swagger UI."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def test_the_api_docs_page_passes_the_sites_csp(live_server, page):
    page.add_init_script(LISTEN)
    console = []
    page.on("console", lambda message: console.append(message.text))
    response = page.goto(live_server.url + "/api/v1/docs")
    assert page.url == live_server.url + "/open-data/api/"
    assert "script-src" in response.headers["content-security-policy"]
    assert page.get_by_role("heading", level=1).inner_text() == "The open data API"
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__violations") == []
    assert not [text for text in console if "Content Security Policy" in text]
