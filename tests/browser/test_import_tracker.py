"""In a real browser: democratic services upload the six-monthly monitoring CSV, correct
one proposed column, give the date of undated progress, preview, confirm and find the
review's tracker with the references in natural order; then save the columns, say what an
unknown body is, import, and see the next upload take the saved columns."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from partnerships.models import Organisation, Role
from tests.factories import AliasFactory, CommitteeFactory, PartnershipFactory, user_with_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = Path(__file__).resolve().parent.parent / "data" / "trackers" / "six-monthly-monitoring.csv"


@pytest.fixture
def signed_in(live_server, page):
    committee = CommitteeFactory(name="Overview and Scrutiny Committee")
    lscdg = PartnershipFactory(
        name="Leicester/shire Social Care Development Group", short_name="LSCDG"
    )
    AliasFactory(organisation=lscdg, name="LSDG")
    PartnershipFactory(name="Skills for Care", short_name="")
    user_with_role(Role.DEMOCRATIC_SERVICES, committee.council, username="democratic.services")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("democratic.services")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Sign in").click()
    return page


def test_upload_correct_a_column_preview_confirm_and_see_the_tracker(live_server, signed_in):
    page = signed_in
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Import a tracker").click()
    page.get_by_label("Tracker spreadsheet").set_input_files(CSV)
    page.get_by_label("Committee").select_option(label="Overview and Scrutiny Committee")
    page.get_by_role("button", name="Upload").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check the columns")
    expect(page.get_by_label("Partner(s)")).to_have_value("bodies")
    rag = page.get_by_label("RAG", exact=True)
    expect(rag).to_have_value("rag")
    rag.select_option(label="Not imported")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Show them as problems, so that I can correct the file").check()
    page.get_by_role("button", name="Preview the import").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Preview the import")
    expect(page.locator("main")).to_contain_text("7 recommendations to create")
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    page.get_by_role("button", name="Import").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tracker imported")
    page.get_by_role("link", name="Home to school transport").click()
    cells = page.locator("table.app-tracker tbody td.app-tracker__number")
    expect(cells).to_have_text(["R1", "R2", "R10"])


def test_save_the_columns_say_what_an_unknown_body_is_and_the_next_file_reuses_them(
    live_server, signed_in
):
    Organisation.objects.filter(name="Skills for Care").delete()
    page = signed_in

    def upload():
        page.goto(live_server.url + "/imports/new/")
        page.get_by_label("Tracker spreadsheet").set_input_files(CSV)
        page.get_by_label("Committee").select_option(label="Overview and Scrutiny Committee")
        page.get_by_role("button", name="Upload").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Check the columns")

    upload()
    page.get_by_label("RAG", exact=True).select_option(label="Not imported")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("12")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Show them as problems, so that I can correct the file").check()
    page.get_by_label("Save these columns as a mapping for this council").fill("Monitoring")
    page.get_by_role("button", name="Preview the import").click()

    expect(page.locator(".govuk-error-summary")).to_contain_text("“Skills for Care” is not")
    page.get_by_label("Skills for Care").select_option(
        label="Create a new partner body with this name"
    )
    page.get_by_role("button", name="Save these choices").click()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("a new body, Skills for Care")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tracker imported")
    assert Organisation.objects.filter(name="Skills for Care").exists()

    upload()
    expect(page.locator("main")).to_contain_text(
        "Columns set from your saved mapping “Monitoring”."
    )
    expect(page.get_by_label("RAG", exact=True)).to_have_value("")
    page.goto(live_server.url + "/imports/new/")
    expect(page.locator("main")).to_contain_text("Monitoring")


def test_a_large_import_says_how_far_it_has_got_while_the_page_waits(
    live_server, signed_in, tmp_path
):
    page = signed_in
    rows = "".join(f"{n},Recommendation {n}.,Parks\n" for n in range(1, 2001))
    big = tmp_path / "big.csv"
    big.write_text("Ref,Recommendation,Review\n" + rows)
    page.goto(live_server.url + "/imports/new/")
    page.get_by_label("Tracker spreadsheet").set_input_files(big)
    page.get_by_label("Committee").select_option(label="Overview and Scrutiny Committee")
    page.get_by_role("button", name="Upload").click()
    page.get_by_role("button", name="Preview the import").click()
    expect(page.locator("main")).to_contain_text("This may take up to a minute.")
    # Playwright cannot read a page whose navigation is pending, so what the page asked is
    # read from the network: while the import ran, it asked how far it had got (the answer's
    # words are tested in tests/recommendations/test_import_progress.py).
    asked = []
    page.on("requestfinished", lambda r: asked.append(r.url) if "/progress/" in r.url else None)
    page.get_by_role("button", name="Import").click(no_wait_after=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tracker imported", timeout=60000)
    assert asked and all(re.search(r"/imports/\d+/progress/$", url) for url in asked), asked
