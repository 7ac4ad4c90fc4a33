"""GIN indexes for full-text search of reviews, agreed actions, executive decisions and
their resolutions and reasons (``scrutiny.search``), on PostgreSQL only: SQLite has no
tsvector, and searches there with ``icontains``. Each index is on the very expression the
search queries use (``partnerships.fulltext.vector`` of the specs in ``scrutiny.search``),
English text with the ``english`` configuration (stemmed), Welsh with ``simple``."""

from django.db import migrations

from partnerships.fulltext import AddSearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("scrutiny", "0005_welsh_text"),
    ]

    operations = [
        AddSearchIndex(
            "review", "review_search_en_gin", [("title", "A"), ("summary", "B")], "english"
        ),
        AddSearchIndex(
            "review", "review_search_cy_gin", [("title_cy", "A"), ("summary_cy", "B")], "simple"
        ),
        AddSearchIndex("agreedaction", "action_search_en_gin", [("text", "B")], "english"),
        AddSearchIndex("agreedaction", "action_search_cy_gin", [("text_cy", "B")], "simple"),
        AddSearchIndex(
            "executivedecision",
            "decision_search_en_gin",
            [("title", "A"), ("summary", "B")],
            "english",
        ),
        AddSearchIndex("decisionpoint", "point_search_en_gin", [("text", "B")], "english"),
    ]
