"""A paused status needs a reason, as a slipped one does (and a closing one its outcome):
the database refuses an entry that pauses a recommendation without saying why.

Before the rule is added, the entries that break it are looked for: any found stop the
migration with a list of them to put right by hand (nothing is changed silently)."""

from django.db import migrations, models

import scrutiny.common.rules
from scrutiny.common.rules import stop_if_rows_break


def _paused_without_reason(apps, schema_editor):
    UpdateEntry = apps.get_model("recommendations", "UpdateEntry")
    stop_if_rows_break(
        "a paused status needs a reason",
        (
            f"UpdateEntry {entry.pk}: progress update {entry.update_id}, "
            f"recommendation {entry.recommendation_id}"
            for entry in UpdateEntry.objects.filter(new_status="paused", reason="").order_by("pk")
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0011_closure_proposals"),
    ]

    operations = [
        migrations.RunPython(_paused_without_reason, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="updateentry",
            constraint=scrutiny.common.rules.CheckRule(
                condition=models.Q(
                    models.Q(("new_status", "paused"), _negated=True),
                    models.Q(("reason", ""), _negated=True),
                    _connector="OR",
                ),
                field="reason",
                name="update_entry_paused_needs_reason",
                violation_error_message="Recommendation %(number)s: give the reason it is paused",
                words={"number": "recommendation_number"},
            ),
        ),
    ]
