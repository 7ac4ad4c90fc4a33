"""The addresses of the recommendation pages, signing a client in as a fixture's user, and
the form data the modules post."""

from django.urls import reverse

LIST = reverse("recommendations:recommendation-list")


def detail_url(rec):
    return reverse("recommendations:recommendation-detail", args=[rec.pk])


def edit_url(rec):
    return reverse("recommendations:recommendation-edit", args=[rec.pk])


def response_url(rec):
    return reverse("recommendations:response-edit", args=[rec.pk])


def create_url(review):
    return reverse("recommendations:recommendation-create", args=[review.pk])


def log_url(review):
    return reverse("recommendations:update-create", args=[review.pk])


def as_user(client, request, who):
    """Sign the client in as the fixture named ``who`` ("anonymous": nobody)."""
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


def assert_login_redirect(response, url):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=" in response["Location"]


def log_data(officer, **kwargs):
    return {
        "given_on_0": "1",
        "given_on_1": "6",
        "given_on_2": "2021",
        "kind": "verbal",
        "organisation": str(officer.organisation_id),
        "given_by_role": "Strategic Director for Social Care and Education",
        "given_by_name": "",
        "item": "",
        "summary": "",
        **kwargs,
    }


def entry(rec, **fields):
    return {f"rec-{rec.pk}-{name}": value for name, value in fields.items()}
