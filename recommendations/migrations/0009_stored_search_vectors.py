"""Store the full-text vectors of recommendations, progress updates and update entries in
generated columns (``search_en``, ``search_cy``), each with the GIN index of the same name
as the expression index it replaces, on PostgreSQL only (``scrutiny.common.fulltext``):
ranking a stored vector does not parse the text again. The specs are those of
``scrutiny.selectors.search``."""

from django.db import migrations

from scrutiny.common.fulltext import AddSearchColumn


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0008_status_timeline"),
    ]

    operations = [
        AddSearchColumn(
            "recommendation", "search_en", "rec_search_en_gin",
            [("title", "A"), ("text", "B")], "english",
        ),
        AddSearchColumn(
            "recommendation", "search_cy", "rec_search_cy_gin",
            [("title_cy", "A"), ("text_cy", "B")], "simple",
        ),
        AddSearchColumn(
            "progressupdate", "search_en", "update_search_en_gin", [("summary", "B")], "english"
        ),
        AddSearchColumn(
            "progressupdate", "search_cy", "update_search_cy_gin", [("summary_cy", "B")], "simple"
        ),
        AddSearchColumn(
            "updateentry", "search_en", "entry_search_en_gin", [("text", "B")], "english"
        ),
        AddSearchColumn(
            "updateentry", "search_cy", "entry_search_cy_gin", [("text_cy", "B")], "simple"
        ),
    ]
