"""generate_world at a tiny scale: the rows are there, each kind passes full_clean(), the
pages answer (no history rows are written, and the history page copes), and a database that
already holds records is refused."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from partnerships.models import Organisation, Role, User
from recommendations.models import ProgressUpdate, Recommendation, UpdateEntry
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Organisation,
    User,
    Committee,
    Meeting,
    AgendaItem,
    Review,
    Recommendation,
    ProgressUpdate,
    UpdateEntry,
    AgreedAction,
    ExecutiveDecision,
    DecisionPoint,
]


@pytest.fixture
def generated():
    call_command("generate_world", "--scale", "0.01", "--seed", "3", stdout=io.StringIO())


def test_every_kind_of_row_is_generated_and_valid(generated):
    for model in MODELS:
        rows = list(
            model._base_manager.order_by("pk")[:: max(1, model._base_manager.count() // 15)]
        )
        assert rows, f"no {model._meta.verbose_name_plural}"
        for row in rows:
            row.full_clean()
    assert Recommendation.all_objects.filter(deleted_at__isnull=False).exists()
    assert ProgressUpdate.all_objects.filter(deleted_at__isnull=False).exists()
    assert AgendaItem.objects.filter(updates__isnull=False, exempt=True).exists()
    assert Review.objects.filter(published=False).exists()
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists(), role
    assert User.objects.filter(is_superuser=True).exists()


def test_pages_answer(generated, client):
    review = Review.objects.filter(published=True, recommendations__isnull=False).first()
    assert client.get(reverse("scrutiny:home")).status_code == 200
    assert client.get(review.get_absolute_url()).status_code == 200
    client.force_login(User.objects.get(username="democratic"))
    rec = Recommendation.objects.filter(review=review).first()
    assert client.get(reverse("scrutiny:home")).status_code == 200
    history = reverse("recommendations:recommendation-history", args=[rec.pk])
    assert client.get(history).status_code == 200


def test_the_same_seed_gives_the_same_world(generated):
    assert Recommendation.all_objects.count() == 100
    assert Review.objects.order_by("pk").values_list("title", flat=True)[0] == (
        "Care workforce review 1"
    )


def test_a_database_with_records_is_refused(generated):
    with pytest.raises(CommandError, match="already holds .* fills an empty database only"):
        call_command("generate_world", "--scale", "0.01")
