"""Each rule in one place: a decision's resolutions and reasons say what is wrong in the
decision form's words, on the field, and the database refuses a point numbered below 1 or
without text. (The text may be blank as far as the form field goes: the constraint refuses
it, in words naming the point.)

Before those rules are added, the points that break them are looked for: any found stop the
migration with a list of them to put right by hand (nothing is changed silently)."""

from django.db import migrations, models
from django.db.models import Q

import scrutiny.models.rules
from scrutiny.common.rules import stop_if_rows_break


def _points_breaking_the_rules(apps, schema_editor):
    DecisionPoint = apps.get_model("scrutiny", "DecisionPoint")
    stop_if_rows_break(
        "resolutions and reasons are numbered from 1 and have their text",
        (
            f"DecisionPoint {p.pk}: decision {p.decision_id}, {p.kind} ({p.number}), "
            f"text {p.text!r}"
            for p in DecisionPoint.objects.filter(Q(number__lt=1) | Q(text=""))
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("scrutiny", "0010_meeting_and_item_rules_in_words"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="decisionpoint",
            name="decision_point_unique_number",
        ),
        migrations.AlterField(
            model_name="decisionpoint",
            name="text",
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="historicaldecisionpoint",
            name="text",
            field=models.TextField(blank=True),
        ),
        migrations.AddConstraint(
            model_name="decisionpoint",
            constraint=scrutiny.models.rules.UniqueRule(
                field="number",
                fields=("decision", "kind", "number"),
                name="decision_point_unique_number",
                violation_error_message="%(kind)s (%(number)s) is used more than once: give each a different number",
                words={"kind": "kind_title"},
            ),
        ),
        migrations.RunPython(_points_breaking_the_rules, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="decisionpoint",
            constraint=scrutiny.models.rules.CheckRule(
                condition=models.Q(("number__gte", 1)),
                field="number",
                name="decision_point_number_from_one",
                violation_error_message="Numbers start at 1",
            ),
        ),
        migrations.AddConstraint(
            model_name="decisionpoint",
            constraint=scrutiny.models.rules.CheckRule(
                condition=models.Q(("text", ""), _negated=True),
                field="text",
                name="decision_point_needs_text",
                violation_error_message="Enter the text of %(kind)s (%(number)s)",
                words={"kind": "kind_name"},
            ),
        ),
    ]
