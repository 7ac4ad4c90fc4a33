"""What people wrote, in the reader's language, on the scrutiny pages: the Welsh version
where there is one, otherwise the English marked as English."""

import pytest
from django.utils import translation

from partnerships.bilingual import localised
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def test_a_recommendations_heading_is_its_welsh_title_when_welsh_is_chosen():
    rec = RecommendationFactory(title="Fund the library", title_cy="Ariannu'r llyfrgell")
    with translation.override("cy"):
        assert localised(rec, "heading") == "Ariannu'r llyfrgell"
    with translation.override("en-gb"):
        assert localised(rec, "heading") == "Fund the library"


def test_a_heading_from_the_text_uses_the_start_of_the_welsh_text():
    rec = RecommendationFactory(title="", text="Open on Sundays.", text_cy="Agor ar y Sul. " * 10)
    with translation.override("cy"):
        heading = localised(rec, "heading")
    assert heading.startswith("Agor ar y Sul.") and heading.endswith("…")
    assert len(heading) <= 88


def test_a_titled_recommendation_without_a_welsh_title_falls_back_to_the_english_title():
    rec = RecommendationFactory(title="Fund the library", text_cy="Ariannu'r llyfrgell yn llawn.")
    with translation.override("cy"):
        heading = localised(rec, "heading")
    assert heading == "Fund the library" and heading.fell_back
