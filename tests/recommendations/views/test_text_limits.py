"""What a person types has a limit a person would keep to, with a GOV.UK character count
on the page (issue 13: unbroken long text made PDFs slow): what a progress update says of
a recommendation, an update's summary and a recommendation's text are 5,000 characters
at most; one more is refused with the error linked, and nothing saved."""

import re

import pytest

from recommendations.models import ProgressUpdate, Recommendation
from tests.recommendations.views.helpers import create_url, entry, log_data, log_url
from tests.recommendations.views.test_create_edit import rec_data

LIMIT = 5_000


def _counted(html: str, name: str) -> bool:
    """Whether the textarea ``name`` sits in a GOV.UK character count of ``LIMIT``."""
    counts = re.findall(
        rf'<div class="govuk-character-count"[^>]*data-maxlength="{LIMIT}">(.*?)</textarea>',
        html,
        re.S,
    )
    return any(f'name="{name}"' in count for count in counts)


def test_the_update_form_counts_characters(client, officer, recs, review):
    client.force_login(officer)
    html = client.get(log_url(review)).content.decode()
    assert _counted(html, f"rec-{recs[4].pk}-text")
    assert _counted(html, "summary")


@pytest.mark.parametrize("field", ["text", "text_cy"])
def test_an_update_saying_too_much_is_refused(client, officer, recs, review, field):
    client.force_login(officer)
    data = log_data(officer) | entry(recs[4], text="Said.") | entry(recs[4], **{field: "x" * 5001})
    response = client.post(log_url(review), data)
    assert response.status_code == 200
    assert "5,000 characters or fewer" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_an_update_of_exactly_the_limit_is_saved(client, officer, recs, review):
    client.force_login(officer)
    data = log_data(officer, summary="s" * LIMIT) | entry(recs[4], text="x" * LIMIT)
    assert client.post(log_url(review), data).status_code == 302
    assert ProgressUpdate.objects.count() == 1


def test_a_recommendation_too_long_is_refused(client, dem_services, review):
    client.force_login(dem_services)
    html = client.get(create_url(review)).content.decode()
    assert _counted(html, "text")
    response = client.post(create_url(review), rec_data(text="y" * (LIMIT + 1)))
    assert response.status_code == 200
    assert "5,000 characters or fewer" in response.content.decode()
    assert not Recommendation.objects.filter(reference="12").exists()
