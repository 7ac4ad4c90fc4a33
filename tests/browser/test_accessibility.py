"""axe-core finds no WCAG 2.2 A or AA failure on any page of the app, for any role.

For each role the world of ``tests.support.world`` (two councils, with something of everything) is
built, every page the role can reach by links is found with the test client
(``tests.support.crawl``, one page per view: pages of one view share their template), and each is
opened in Chromium, signed in as that role, and checked by axe with the WCAG 2.0, 2.1 and
2.2 A and AA rules. Then what a crawl of links does not reach: every form sent empty or
with its answers cleared (the page with its error summary), the edit conflict page (409),
the 403 and 404 pages, and the empty states of a council with nothing recorded yet. PDFs
and spreadsheets are not web pages and are left out; so is Django's own admin.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.db.models import F
from django.test import Client
from django.urls import resolve, reverse
from django.utils import translation
from playwright.sync_api import expect

from partnerships.models import Role
from recommendations.models import Recommendation
from recommendations.services.imports import import_run_create
from tests.factories import (
    CommitteeFactory,
    CouncilFactory,
    MeetingFactory,
    ReviewFactory,
    user_with_role,
)
from tests.support.crawl import crawl
from tests.support.world import ROLES, build_world
from tests.test_permission_matrix import MATRIX, OK

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe-core goes into every page the context opens, before the page's own scripts (as a
# Playwright init script, which the page's Content Security Policy does not govern), so
# each check only runs it rather than sending the 500 kB script again.
AXE = Axe(axe_script="void 0")
PAGES_PER_VIEW = 1
PAGE_LIMIT = 150
# The button that sends a page's main form (a <button> with no type sends its form).
WELSH = "/cy/"
SEND = "main form[method=post] :is(button:not([type=button]), input[type=submit])"


def not_a_web_page(url: str) -> bool:
    """PDFs, spreadsheets, open data files, calendars, the JSON API and the theme's CSS are
    not pages; the admin is Django's own."""
    path = urlsplit(url).path
    return path.endswith((".pdf", ".xlsx", ".css", ".csv", ".json", ".ics")) or path.startswith(
        ("/admin/", "/api/")
    )


def welsh(url: str) -> bool:
    return urlsplit(url).path.startswith(WELSH)


def english_pages_only(url: str) -> bool:
    """The English pages: the Welsh ones (same templates) are crawled on their own."""
    return not_a_web_page(url) or welsh(url)


def welsh_pages_only(url: str) -> bool:
    return not_a_web_page(url) or not welsh(url)


def view_name(url: str) -> str:
    path = urlsplit(url).path
    with translation.override("cy" if welsh(url) else settings.LANGUAGE_CODE):
        return resolve(path).view_name


def axe_failures(page, where: str) -> list[str]:
    """What axe finds wrong with the page open in ``page``, one readable line per element."""
    results = AXE.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_22_AA},
            "resultTypes": ["violations"],
        },
    )
    return [
        f"{where}: {violation['id']} ({violation['help']}) at {' '.join(node['target'])}: "
        + " ".join((node.get("failureSummary") or "").split())
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def sign_in(context, live_server, user) -> Client:
    """The browser ``context`` signed in as ``user`` (anonymous for None), with the same
    session as the test client returned."""
    client = Client()
    if user is not None:
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return client


@pytest.fixture
def context(context):
    context.add_init_script(path=AXE_FILE_PATH)
    return context


def check(page, live_server, url: str, role: str) -> list[str]:
    page.goto(live_server.url + url)
    return axe_failures(page, f"{url} as {role}")


def report(failures: list[str]) -> str:
    return f"{len(failures)} accessibility failures:\n  " + "\n  ".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_reaches_passes_axe(live_server, context, page, role):
    world = build_world()
    client = sign_in(context, live_server, world.user(role))

    # The council chooser and the updates owed are linked only from some home pages.
    start = ("/", reverse("scrutiny:home-council-list"), reverse("scrutiny:update-owed-list"))
    pages = crawl(
        client, start=start, limit=PAGE_LIMIT, per_view=PAGES_PER_VIEW, skip=english_pages_only
    )

    assert len(pages) < PAGE_LIMIT, "raise the limit: some views were never reached"
    html = [p for p in pages if p.is_html]
    assert len(html) >= 12, [p.url for p in pages]
    views = {view_name(p.url) for p in html}
    assert {
        "scrutiny:home",
        "scrutiny:meeting-pack",
        "recommendations:recommendation-detail",
        "scrutiny:open-data",
        "scrutiny:api-docs",
    } <= views
    failures = []
    for crawled in html:
        failures += check(page, live_server, crawled.url, role)
        if role != "anonymous":
            # The browser is signed in as the role, as the test client was.
            expect(page.locator(".app-signed-in")).to_be_visible()
    assert not failures, report(failures)


# Forms that may rightly be sent empty ("keep our word for every status"), and an answer
# that makes them wrong, so that their errors are checked too: a Welsh word with no English.
WRONG_ANSWERS = {
    "/status-words/": ("#id_label_cy_on_track", "Ar y gweill"),
    # No other names at all is a right answer; a name too long is not.
    "/aliases/": ("#id_aliases", "x" * 201),
}


def clear_and_send(page) -> None:
    """Empty every answer of the page's main form, then send it as its first button would
    (after giving a wrong answer where an empty form is a right one)."""
    page.evaluate(
        """() => {
          const form = [...document.querySelectorAll('main form')]
            .find(f => (f.method || '').toLowerCase() === 'post');
          for (const field of form.querySelectorAll('input, textarea, select')) {
            const type = (field.type || '').toLowerCase();
            if (['hidden', 'submit', 'button'].includes(type)) continue;
            if (type === 'checkbox' || type === 'radio') field.checked = false;
            else if (field.tagName === 'SELECT') field.selectedIndex = -1;
            else field.value = '';
          }
        }"""
    )
    for path, (field, answer) in WRONG_ANSWERS.items():
        if path in page.url:
            page.locator(field).fill(answer)
    page.locator(SEND).first.click()
    page.wait_for_load_state()


# Confirmations with nothing to fill in: sent, they do what they say. The import's problems
# show on the preview itself, checked below with a tracker that has some; deleting saved
# columns asks nothing but "are you sure". A signed-in user follows, or stops following, a
# review or a committee with one button, and stops a follow's emails with one.
CONFIRMATIONS = {
    "recommendations:import-preview",
    "recommendations:import-mapping-delete",
    # Deactivating and reactivating an account: "are you sure" (an error shows only for
    # one's own account or a council's last democratic services, in tests/partnerships).
    "partnerships:user-deactivate",
    "partnerships:user-reactivate",
    # Resetting someone's two-factor sign-in: "are you sure" (tests/partnerships).
    "partnerships:user-two-factor-reset",
    "scrutiny:review-follow",
    "scrutiny:committee-follow",
    "scrutiny:follow-unsubscribe",
    # Checking a submitted update: its first button accepts it, with nothing to fill in
    # (returning it asks for a comment: tests/recommendations/test_update_requests.py).
    "recommendations:update-request-detail",
}
# A reset link's or an invitation's form opens only with a real token
# (tests/partnerships/test_password_reset.py, test_accounts.py);
# the matrix's made-up one shows the page saying the link does not work, with no form.
NEEDS_A_REAL_LINK = {"password_reset_confirm", "partnerships:invitation-accept"}
# Without an authenticator app (as in the world) these two pages say so and have no form;
# with one, tests/partnerships/test_two_factor.py checks them.
NEEDS_AN_APP = {"two-factor-recovery-codes", "two-factor-remove"}
BAD_TRACKER = b"Ref,Review,Recommendation,Target date\r\n1,Parks,Open the gates.,31/02/2030\r\n"


def form_urls(world) -> list[str]:
    """Every page of the app with a form democratic services may send."""
    urls = []
    for name, rule in MATRIX.items():
        if rule.get.get("democratic") == OK and rule.post.get("democratic") == OK:
            if name in ("login", "logout", *CONFIRMATIONS, *NEEDS_A_REAL_LINK, *NEEDS_AN_APP):
                continue
            urls.append(reverse(name, kwargs=rule.kwargs(world)) + rule.query)
    return urls


def test_every_form_with_its_errors_passes_axe(live_server, context, page):
    world = build_world()
    sign_in(context, live_server, world.democratic)
    failures = []
    for url in form_urls(world):
        # The form as it opens is checked by the crawl of democratic services' pages.
        page.goto(live_server.url + url)
        clear_and_send(page)
        if page.locator(".govuk-error-summary").count():
            failures += axe_failures(page, f"{url} sent empty, as democratic")
        else:
            failures.append(f"{url}: sent empty, it showed no error summary ({page.url})")
    bad = import_run_create(
        actor=world.democratic, committee=world.committee_a, filename="bad.csv", content=BAD_TRACKER
    )
    page.goto(live_server.url + reverse("recommendations:import-preview", args=[bad.pk]))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    failures += axe_failures(page, "a tracker's import preview with its problems")
    assert not failures, report(failures)


def test_sign_in_errors_and_the_error_pages_pass_axe(live_server, context, page):
    world = build_world()
    failures = []
    # Sign-in sent empty, then with a wrong password.
    page.goto(live_server.url + reverse("login"))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    failures += axe_failures(page, "sign-in sent empty")
    page.get_by_label("Username").fill(world.officer.username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    failures += axe_failures(page, "sign-in with a wrong password")
    # 404, as anyone.
    response = page.goto(live_server.url + "/reviews/999999/")
    assert response.status == 404
    failures += axe_failures(page, "404 page")
    # 403: a councillor asks for a form only democratic services have.
    sign_in(context, live_server, world.councillor)
    response = page.goto(live_server.url + reverse("scrutiny:committee-create"))
    assert response.status == 403
    failures += axe_failures(page, "403 page")
    assert not failures, report(failures)


def test_the_edit_conflict_page_passes_axe(live_server, context, page):
    world = build_world()
    sign_in(context, live_server, world.democratic)
    rec = world.rec_a1
    page.goto(live_server.url + reverse("recommendations:recommendation-edit", args=[rec.pk]))
    # Someone else saves the recommendation after this page was opened.
    Recommendation.objects.filter(pk=rec.pk).update(
        title="Quality of care, as someone else put it", version=F("version") + 1
    )
    page.locator(SEND).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Someone else changed")
    failures = axe_failures(page, "edit conflict (409)")
    assert not failures, report(failures)


@pytest.mark.parametrize("role", ["anonymous", "democratic"])
def test_empty_states_pass_axe(live_server, context, page, role):
    """A council that has recorded nothing yet: empty lists, a committee with no meetings,
    a review with no recommendations, a meeting with no agenda."""
    council = CouncilFactory(name="Newtown Council", short_name="Newtown")
    democratic = user_with_role(Role.DEMOCRATIC_SERVICES, council)
    client = sign_in(context, live_server, democratic if role == "democratic" else None)
    # First the lists with nothing in them at all.
    empty_lists = crawl(client, limit=60, per_view=PAGES_PER_VIEW, skip=english_pages_only)
    committee = CommitteeFactory(council=council, name="Overview and Scrutiny")
    CommitteeFactory(council=council, name="Audit Committee")
    ReviewFactory(committee=committee, title="Library opening hours")
    MeetingFactory(committee=committee, date=datetime.date.today() + datetime.timedelta(10))
    MeetingFactory(committee=committee, date=datetime.date(2021, 3, 1))
    nearly_empty = crawl(client, limit=60, per_view=3, skip=english_pages_only)
    views = {view_name(p.url) for p in nearly_empty}
    assert {
        "scrutiny:committee-detail",
        "scrutiny:review-detail",
        "scrutiny:meeting-detail",
        "scrutiny:meeting-pack",
    } <= views, views
    seen_empty = {p.url for p in empty_lists}
    urls = [p.url for p in empty_lists + nearly_empty if p.is_html and p.url not in seen_empty]
    # A search that finds nothing, and a list filtered down to nothing.
    urls += [
        reverse("scrutiny:search") + "?q=zzyzx",
        reverse("recommendations:recommendation-list") + "?status=achieved",
    ]
    failures = []
    for url in dict.fromkeys([p.url for p in empty_lists if p.is_html] + urls):
        failures += check(page, live_server, url, f"{role} (empty)")
    assert not failures, report(failures)


@pytest.mark.parametrize("role", ["anonymous", "officer"])
def test_the_welsh_pages_pass_axe(live_server, context, page, role):
    """The same pages in Welsh: the language is marked, and nothing else may differ."""
    world = build_world()
    client = sign_in(context, live_server, world.user(role))

    pages = crawl(
        client, start=[WELSH], limit=PAGE_LIMIT, per_view=PAGES_PER_VIEW, skip=welsh_pages_only
    )

    html = [p for p in pages if p.is_html]
    assert len(html) >= 12, [p.url for p in pages]
    failures = []
    for crawled in html:
        failures += check(page, live_server, crawled.url, f"{role}, in Welsh")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert not failures, report(failures)


def test_the_lists_committee_choice_and_keyset_pages_pass_axe(
    live_server, context, page, monkeypatch
):
    """The review choice of a chosen committee, the error for another committee's review,
    and a keyset page with its previous and next links (issue 17)."""
    monkeypatch.setattr("recommendations.views.recommendations.PAGE_SIZE", 2)
    build_world()
    listed = reverse("recommendations:recommendation-list")
    rec = Recommendation.objects.filter(review__published=True).order_by("pk").first()
    failures = []
    for url in (
        f"{listed}?committee={rec.review.committee_id}",
        f"{listed}?committee={rec.review.committee_id}&review=999999",
        f"{listed}?after={rec.pk}",
    ):
        failures += check(page, live_server, url, "anonymous")
    expect(page.locator(".govuk-pagination--block")).to_be_visible()
    assert not failures, report(failures)
