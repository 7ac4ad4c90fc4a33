"""Store the full-text vectors of reviews, agreed actions, executive decisions and their
resolutions and reasons in generated columns (``search_en``, ``search_cy``), each with the
GIN index of the same name as the expression index it replaces, on PostgreSQL only
(``scrutiny.common.fulltext``): ranking a stored vector does not parse the text again. The
specs are those of ``scrutiny.selectors.search``."""

from django.db import migrations

from scrutiny.common.fulltext import AddSearchColumn


class Migration(migrations.Migration):
    dependencies = [
        ("scrutiny", "0013_delivered_meeting_rule_in_words"),
    ]

    operations = [
        AddSearchColumn(
            "review", "search_en", "review_search_en_gin",
            [("title", "A"), ("summary", "B")], "english",
        ),
        AddSearchColumn(
            "review", "search_cy", "review_search_cy_gin",
            [("title_cy", "A"), ("summary_cy", "B")], "simple",
        ),
        AddSearchColumn(
            "agreedaction", "search_en", "action_search_en_gin", [("text", "B")], "english"
        ),
        AddSearchColumn(
            "agreedaction", "search_cy", "action_search_cy_gin", [("text_cy", "B")], "simple"
        ),
        AddSearchColumn(
            "executivedecision", "search_en", "decision_search_en_gin",
            [("title", "A"), ("summary", "B")], "english",
        ),
        AddSearchColumn(
            "decisionpoint", "search_en", "point_search_en_gin", [("text", "B")], "english"
        ),
    ]
