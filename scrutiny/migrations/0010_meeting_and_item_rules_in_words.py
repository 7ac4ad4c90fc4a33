"""Each rule in one place: a meeting's and an agenda item's rules say what is wrong in the
forms' words, on the field (the forms no longer keep their own copies), and an item numbered
below 1 is refused by the database too.

Before that rule is added, the items that break it are looked for: any found stop the
migration with a list of them to put right by hand (nothing is changed silently)."""

from django.db import migrations, models

import scrutiny.models.rules
from scrutiny.common.rules import stop_if_rows_break


def _items_numbered_below_one(apps, schema_editor):
    AgendaItem = apps.get_model("scrutiny", "AgendaItem")
    stop_if_rows_break(
        "agenda items are numbered from 1",
        (
            f"AgendaItem {item.pk}: meeting {item.meeting_id}, number {item.number}, "
            f"{item.title!r}"
            for item in AgendaItem.objects.filter(number__lt=1)
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("scrutiny", "0009_review_rules_in_words"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="agendaitem",
            name="agenda_item_unique_number",
        ),
        migrations.RemoveConstraint(
            model_name="agendaitem",
            name="agenda_item_exempt_needs_reason",
        ),
        migrations.RemoveConstraint(
            model_name="meeting",
            name="meeting_unique_committee_date_time",
        ),
        migrations.RemoveConstraint(
            model_name="meeting",
            name="meeting_unique_committee_date_without_time",
        ),
        migrations.AddConstraint(
            model_name="agendaitem",
            constraint=scrutiny.models.rules.UniqueRule(
                field="number",
                fields=("meeting", "number"),
                name="agenda_item_unique_number",
                violation_error_message="Item %(number)s is already on this meeting's agenda",
            ),
        ),
        migrations.RunPython(_items_numbered_below_one, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="agendaitem",
            constraint=scrutiny.models.rules.CheckRule(
                condition=models.Q(("number__gte", 1)),
                field="number",
                name="agenda_item_number_from_one",
                violation_error_message="Item numbers start at 1",
            ),
        ),
        migrations.AddConstraint(
            model_name="agendaitem",
            constraint=scrutiny.models.rules.CheckRule(
                condition=models.Q(
                    ("exempt", False),
                    models.Q(("exempt_reason", ""), _negated=True),
                    _connector="OR",
                ),
                field="exempt_reason",
                name="agenda_item_exempt_needs_reason",
                violation_error_message="Say why the item is exempt, for example Schedule 12A, paragraph 3",
            ),
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=scrutiny.models.rules.UniqueRule(
                field="date",
                fields=("committee", "date", "start_time"),
                name="meeting_unique_committee_date_time",
                violation_error_message="%(committee)s already has a meeting on this date at this time",
            ),
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=scrutiny.models.rules.UniqueRule(
                condition=models.Q(("start_time__isnull", True)),
                field="date",
                fields=("committee", "date"),
                name="meeting_unique_committee_date_without_time",
                violation_error_message="%(committee)s already has a meeting on this date with no start time",
            ),
        ),
    ]
