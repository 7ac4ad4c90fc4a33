"""The tracker import's pages for saved columns, unknown bodies, a large file's wait
notice and a pruned upload; each in a fixed number of queries."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import Organisation, OrganisationAlias, Role
from recommendations.models import ImportRun, Recommendation, SavedImportMapping
from recommendations.services.imports import import_runs_prune
from tests.factories import CommitteeFactory, PartnershipFactory, user_with_role

ODD = (
    b"Item,Words,Study,Who,Min ref\n"
    b"1,Open the gates earlier.,Parks,Parks Trust,Minute 45\n"
    b"2,Add benches.,Parks,Bench Friends; Parks Trust,Minute 45\n"
    b"3,Light the paths.,Parks,bench friends,OSC/23/7\n"
)
COLUMNS = ["reference", "text", "review", "bodies", "minute"]


@pytest.fixture
def clerk_client(client, committee):
    client.force_login(user_with_role(Role.DEMOCRATIC_SERVICES, committee.council))
    return client


def post_file(client, committee, content: bytes, name="tracker.csv"):
    data = {"file": SimpleUploadedFile(name, content), "committee": committee.pk}
    return client.post(reverse("recommendations:import-create"), data)


def map_columns(client, run, mapping=None, **extra):
    mapping = run.mapping if mapping is None else mapping
    data = {f"column_{i}": name for i, name in enumerate(mapping)}
    data.update({"review_title": "", "undated_targets": "error", "sheet": run.sheet})
    data.update({"updates_given_on_0": "1", "updates_given_on_1": "12"})
    data.update({"updates_given_on_2": "2025", **extra})
    return client.post(reverse("recommendations:import-map", args=[run.pk]), data)


def test_columns_saved_on_the_columns_page_are_used_for_the_next_file(clerk_client, committee):
    post_file(clerk_client, committee, ODD)
    run = ImportRun.objects.get()
    response = map_columns(clerk_client, run, COLUMNS, save_as="Parks tracker")
    assert response.url == reverse("recommendations:import-preview", args=[run.pk])
    saved = SavedImportMapping.objects.get()
    assert (saved.name, saved.mapping, saved.council) == ("Parks tracker", COLUMNS, run.council)
    response = post_file(clerk_client, committee, ODD, "again.csv")
    later = ImportRun.objects.get(filename="again.csv")
    assert later.mapping == COLUMNS
    page = clerk_client.get(response.url).text
    assert "Columns set from your saved mapping “Parks tracker”." in page
    assert '<option value="reference" selected>' in page


def test_the_user_picks_saved_columns_from_the_list(clerk_client, committee):
    post_file(clerk_client, committee, ODD)
    first = ImportRun.objects.get()
    map_columns(clerk_client, first, COLUMNS, save_as="Parks tracker")
    post_file(clerk_client, committee, b"Item,Words,Notes\n1,Plant trees.,x\n", "other.csv")
    run = ImportRun.objects.get(filename="other.csv")
    page = clerk_client.get(reverse("recommendations:import-map", args=[run.pk])).text
    assert "Columns set from" not in page and "Or use saved columns" in page
    saved = SavedImportMapping.objects.get()
    url = reverse("recommendations:import-mapping-use", args=[run.pk])
    assert clerk_client.post(url, {"saved": saved.pk}).status_code == 302
    run.refresh_from_db()
    assert run.mapping == ["reference", "text", ""] and run.saved_mapping == saved


def test_saved_columns_are_listed_and_deleted_from_the_start_page(clerk_client, committee, client):
    SavedImportMapping.objects.create(council=committee.council, name="Parks tracker")
    other = SavedImportMapping.objects.create(council=CommitteeFactory().council, name="Theirs")
    page = clerk_client.get(reverse("recommendations:import-create")).text
    assert "Parks tracker" in page and "Theirs" not in page
    refused = clerk_client.post(reverse("recommendations:import-mapping-delete", args=[other.pk]))
    assert refused.status_code == 403 and SavedImportMapping.objects.filter(pk=other.pk).exists()
    mine = SavedImportMapping.objects.get(name="Parks tracker")
    url = reverse("recommendations:import-mapping-delete", args=[mine.pk])
    assert url in page  # the list's Delete link asks first
    asked = clerk_client.get(url).text
    assert "Delete the saved columns “Parks tracker”?" in asked
    assert SavedImportMapping.objects.filter(pk=mine.pk).exists()
    response = clerk_client.post(url, follow=True)
    assert "Saved columns “Parks tracker” deleted" in response.text
    assert list(SavedImportMapping.objects.all()) == [other]


def test_unknown_bodies_are_chosen_on_the_preview_then_the_import_succeeds(clerk_client, committee):
    trust = PartnershipFactory(name="Parks Trust", short_name="")
    post_file(clerk_client, committee, ODD)
    run = ImportRun.objects.get()
    map_columns(clerk_client, run, COLUMNS)
    preview_url = reverse("recommendations:import-preview", args=[run.pk])
    page = clerk_client.get(preview_url).text
    assert "Bodies we do not know" in page and "Rows 3, 4" in page
    assert "Create a new partner body with this name" in page
    assert f'<option value="{trust.pk}">The same as Parks Trust</option>' in page
    assert 'type="submit" class="govuk-button" data-module="govuk-button" data-prevent' not in page
    url = reverse("recommendations:import-bodies", args=[run.pk])
    response = clerk_client.post(url, {"body_0": str(trust.pk)})
    assert response.url == preview_url
    assert not OrganisationAlias.objects.filter(name="Bench Friends").exists()
    page = clerk_client.get(preview_url).text
    assert "govuk-error-summary" not in page
    assert "“Bench Friends” as another name for Parks Trust" in page
    assert clerk_client.post(preview_url).status_code == 302
    assert OrganisationAlias.objects.get(name="Bench Friends").organisation == trust
    lit = Recommendation.objects.get(reference="3")
    assert lit.minute == "OSC/23/7"
    shown = clerk_client.get(lit.get_absolute_url()).text
    assert "Minute number" in shown and "OSC/23/7" in shown
    assert not Organisation.objects.filter(name="Bench Friends").exists()


def test_a_large_file_says_it_takes_a_while_and_its_button_submits_once(clerk_client, committee):
    rows = "".join(f"{n},Recommendation {n}.,Parks\n" for n in range(1, 1001))
    post_file(clerk_client, committee, ("Ref,Recommendation,Review\n" + rows).encode())
    run = ImportRun.objects.get()
    map_columns(clerk_client, run)
    page = clerk_client.get(reverse("recommendations:import-preview", args=[run.pk])).text
    assert "This may take up to a minute." in page
    assert 'data-prevent-double-click="true">Import</button>' in page
    post_file(clerk_client, committee, b"Ref,Recommendation,Review\n1,Small.,Parks\n", "s.csv")
    small = ImportRun.objects.get(filename="s.csv")
    map_columns(clerk_client, small)
    page = clerk_client.get(reverse("recommendations:import-preview", args=[small.pk])).text
    assert "This may take up to a minute." not in page


def test_a_pruned_upload_asks_for_the_file_again(clerk_client, committee):
    post_file(clerk_client, committee, ODD)
    run = ImportRun.objects.get()
    import_runs_prune(days=-1)
    for name in ("import-map", "import-preview"):
        response = clerk_client.get(reverse(f"recommendations:{name}", args=[run.pk]), follow=True)
        assert response.redirect_chain[-1][0] == reverse("recommendations:import-create")
        assert "That upload was deleted after a while: upload it again." in response.text


@pytest.mark.parametrize("size", [1, 6])
def test_the_pages_make_a_fixed_number_of_queries(
    clerk_client, committee, size, django_assert_num_queries
):
    for n in range(size):
        SavedImportMapping.objects.create(council=committee.council, name=f"Saved {n}")
        PartnershipFactory(name=f"Body {n}")
    names = "; ".join(f"Unknown {n}" for n in range(size))
    content = ODD.replace(b"Bench Friends; Parks Trust", names.encode())
    post_file(clerk_client, committee, content)
    run = ImportRun.objects.get()
    map_columns(clerk_client, run, COLUMNS, save_as="Parks")
    # The session was saved by the requests above (at most once a minute): not counted.
    with django_assert_num_queries(6):
        clerk_client.get(reverse("recommendations:import-create"))
    with django_assert_num_queries(8):
        clerk_client.get(reverse("recommendations:import-map", args=[run.pk]))
    with django_assert_num_queries(10):
        page = clerk_client.get(reverse("recommendations:import-preview", args=[run.pk]))
    saved = SavedImportMapping.objects.get(name="Parks")
    with django_assert_num_queries(5):
        clerk_client.get(reverse("recommendations:import-mapping-delete", args=[saved.pk]))
    assert len(page.context["plan"].unknown_bodies) == size + 2  # and Parks Trust, Bench Friends
