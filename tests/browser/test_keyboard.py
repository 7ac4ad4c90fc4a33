"""With the keyboard alone (Tab, Shift+Tab, Enter, Space, arrow keys and typing: no mouse,
no clicks, no filling fields from the test), a democratic services officer skips to the
main content, signs in, logs a progress update on a recommendation and edits a
recommendation; each step saves what was typed, and wherever focus lands it can be seen."""

import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Role
from tests.factories import (
    user_with_role,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the focused element is: enough to find it by the words a sighted user sees.
DESCRIBE = """() => {
  const el = document.activeElement;
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  return {
    tag: el.tagName.toLowerCase(),
    type: (el.getAttribute('type') || '').toLowerCase(),
    id: el.id,
    name: el.getAttribute('name') || '',
    text: (el.innerText || el.value || '').trim().replace(/\\s+/g, ' '),
    label: label.trim().replace(/\\s+/g, ' '),
    legend: (el.closest('fieldset')?.querySelector('legend')?.innerText || '').trim(),
  };
}"""

# The focused element's look, focused and not: GOV.UK Frontend shows focus as a yellow
# outline or background with a black bar (box-shadow); a radio or checkbox shows it on the
# ring its label draws (::before), the input itself being invisible.
FOCUS_STYLES = """() => {
  const el = document.activeElement;
  const look = () => {
    const s = getComputedStyle(el);
    const parts = {
      outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
        ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none',
      shadow: s.boxShadow, background: s.backgroundColor, colour: s.color,
    };
    if (['radio', 'checkbox'].includes(el.type) && el.labels && el.labels.length) {
      const ring = getComputedStyle(el.labels[0], '::before');
      parts.ring = `${ring.boxShadow} ${ring.outlineStyle} ${ring.outlineWidth}`;
      const mark = getComputedStyle(el.labels[0], '::after');
      parts.ringAfter = `${mark.boxShadow} ${mark.outlineStyle} ${mark.outlineWidth}`;
    }
    return parts;
  };
  const focused = look();
  el.blur();
  const unfocused = look();
  el.focus();
  return {focused, unfocused, stillFocused: document.activeElement === el};
}"""


def focused(page) -> dict:
    return page.evaluate(DESCRIBE)


def assert_focus_visible(page) -> None:
    """The focused element looks different from how it looks unfocused: an outline, a box
    shadow, or a change of background or colour."""
    styles = page.evaluate(FOCUS_STYLES)
    assert styles["stillFocused"]
    changed = {
        key: (styles["unfocused"][key], value)
        for key, value in styles["focused"].items()
        if value != styles["unfocused"][key]
    }
    assert changed, f"focus on {focused(page)} cannot be seen: {styles['focused']}"


def tab_to(page, wanted, *, key="Tab", limit=80) -> dict:
    """Press Tab (or Shift+Tab) until the focused element is ``wanted`` (a test of what
    ``focused`` says), checking at each stop that focus can be seen."""
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if now["tag"] != "body":
            assert_focus_visible(page)
        if wanted(now):
            return now
    raise AssertionError(
        f"{limit} presses of {key} never reached the element wanted; last: {focused(page)}"
    )


def labelled(words):
    return lambda el: words in el["label"]


def showing(words):
    return lambda el: words in el["text"]


@pytest.fixture
def leicester_numbers():
    return (4, 5)


@pytest.fixture
def review(leicester, lscdg, leicester_review, leicester_recs):
    for rec in leicester_recs.values():
        rec.responsible_bodies.add(lscdg)
    user_with_role(Role.DEMOCRATIC_SERVICES, leicester, username="dem.services")
    return leicester_review


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_server, page, review):
    page.goto(live_server.url + "/")

    first = tab_to(page, lambda el: True, limit=1)

    assert first["text"] == "Skip to main content"
    expect(page.locator(".govuk-skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()
    # The next Tab goes on from the main content, past the header.
    after = tab_to(page, lambda el: True, limit=1)
    assert page.evaluate("document.activeElement.closest('main') !== null"), after


def test_sign_in_log_an_update_and_edit_a_recommendation_by_keyboard(live_server, page, review):
    page.goto(live_server.url + review.get_absolute_url())

    # Sign in: the header's link, then the form.
    tab_to(page, showing("Sign in"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    tab_to(page, labelled("Username"))
    page.keyboard.type("dem.services")
    tab_to(page, labelled("Password"))
    page.keyboard.type("correct-horse-battery")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Signed in as")).to_be_visible()
    expect(page).to_have_url(live_server.url + review.get_absolute_url())

    # Log a progress update: from the review's page to its form.
    tab_to(page, showing("Log a progress update"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a progress update")
    # How it was given: radios, chosen with the arrow keys.
    first_radio = tab_to(page, lambda el: el["type"] == "radio")
    page.keyboard.press("ArrowDown")
    chosen = focused(page)
    assert chosen["name"] == first_radio["name"] and chosen["id"] != first_radio["id"]
    assert_focus_visible(page)
    tab_to(page, labelled("Given by (role)"))
    page.keyboard.type("Head of Democratic Services")
    tab_to(page, lambda el: el["tag"] == "textarea" and "Recommendation 4" in el["legend"])
    page.keyboard.type("A report on career pathways was received today.")
    tab_to(page, lambda el: el["tag"] == "select" and "Recommendation 4" in el["legend"])
    status_before = page.evaluate("document.activeElement.value")
    page.keyboard.press("ArrowDown")
    status_after = page.evaluate("document.activeElement.value")
    assert status_after != status_before, "the arrow key did not change the status"
    status_label = page.evaluate(
        "document.activeElement.options[document.activeElement.selectedIndex].text"
    )
    tab_to(page, showing("Save update"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/updates/\d+/$"))
    main = page.locator("main")
    expect(main).to_contain_text("A report on career pathways was received today.")
    expect(main).to_contain_text(status_label.strip())

    # Edit recommendation 4: from the update to the recommendation, then its edit form.
    tab_to(page, showing("Recommendation 4"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("4. Quality of care")
    tab_to(page, showing("Edit recommendation"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit recommendation 4")
    tab_to(page, labelled("Short heading"))
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Quality of care and keeping carers in post")
    # Back up with Shift+Tab past the field and forward again: the words stay.
    tab_to(
        page, lambda el: el["tag"] != "input" or "Short heading" not in el["label"], key="Shift+Tab"
    )
    tab_to(page, labelled("Short heading"))
    saving = tab_to(page, showing("Save recommendation"))
    assert saving["tag"] in ("button", "input"), saving
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "4. Quality of care and keeping carers in post"
    )
