"""GIN indexes for full-text search of recommendations, progress updates and what each
update said of each recommendation (``scrutiny.search``), on PostgreSQL only: SQLite has no
tsvector, and searches there with ``icontains``. Each index is on the very expression the
search queries use (``partnerships.fulltext.vector`` of the specs in ``scrutiny.search``),
English text with the ``english`` configuration (stemmed), Welsh with ``simple``."""

from django.db import migrations

from partnerships.fulltext import AddSearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0004_welsh_text"),
    ]

    operations = [
        AddSearchIndex(
            "recommendation", "rec_search_en_gin", [("title", "A"), ("text", "B")], "english"
        ),
        AddSearchIndex(
            "recommendation", "rec_search_cy_gin", [("title_cy", "A"), ("text_cy", "B")], "simple"
        ),
        AddSearchIndex("progressupdate", "update_search_en_gin", [("summary", "B")], "english"),
        AddSearchIndex("progressupdate", "update_search_cy_gin", [("summary_cy", "B")], "simple"),
        AddSearchIndex("updateentry", "entry_search_en_gin", [("text", "B")], "english"),
        AddSearchIndex("updateentry", "entry_search_cy_gin", [("text_cy", "B")], "simple"),
    ]
