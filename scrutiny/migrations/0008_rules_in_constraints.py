"""Each rule in one place: names, titles and minute numbers are unique whatever their case.

Before each constraint is added, the rows that would break it are looked for: any found
stop the migration with a list of them to put right by hand (nothing is changed
silently)."""

import django.db.models.functions.text
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower

import scrutiny.models.rules
from scrutiny.common.rules import stop_if_rows_break


def _case_clashes(model: str, field: str, scope: str, what: str):
    def check(apps, schema_editor):
        Model = apps.get_model("scrutiny", model)
        clashes = (
            Model.objects.annotate(folded=Lower(field))
            .values(scope, "folded")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
        )
        rows = []
        for clash in clashes:
            same = Model.objects.annotate(folded=Lower(field)).filter(
                **{scope: clash[scope], "folded": clash["folded"]}
            )
            rows += [f"{model} {o.pk}: {scope} {clash[scope]}, {getattr(o, field)!r}" for o in same]
        stop_if_rows_break(what, rows)

    return check


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0004_interface_names"),
        ("scrutiny", "0007_interface_names"),
    ]

    operations = [
        migrations.RunPython(
            _case_clashes(
                "Committee",
                "name",
                "council_id",
                "a council's committee names are unique whatever their case",
            ),
            migrations.RunPython.noop,
        ),
        migrations.AddConstraint(
            model_name="committee",
            constraint=scrutiny.models.rules.UniqueRule(
                django.db.models.functions.text.Lower("name"),
                models.F("council"),
                field="name",
                name="committee_unique_name_any_case",
                violation_error_message="%(council)s already has a committee called “%(name)s”",
            ),
        ),
        migrations.RemoveConstraint(model_name="committee", name="committee_unique_name"),
        migrations.RunPython(
            _case_clashes(
                "ExecutiveDecision",
                "minute_number",
                "decided_by_id",
                "a committee's minute numbers are unique whatever their case",
            ),
            migrations.RunPython.noop,
        ),
        migrations.AddConstraint(
            model_name="executivedecision",
            constraint=scrutiny.models.rules.UniqueRule(
                django.db.models.functions.text.Lower("minute_number"),
                models.F("decided_by"),
                field="minute_number",
                name="decision_unique_minute_any_case",
                violation_error_message="%(committee)s already has a decision with minute %(minute)s",
                words={"committee": "decided_by", "minute": "minute_number"},
            ),
        ),
        migrations.RemoveConstraint(model_name="executivedecision", name="decision_unique_minute"),
        migrations.RunPython(
            _case_clashes(
                "Review",
                "title",
                "committee_id",
                "a committee's review titles are unique whatever their case",
            ),
            migrations.RunPython.noop,
        ),
        migrations.AddConstraint(
            model_name="review",
            constraint=scrutiny.models.rules.UniqueRule(
                django.db.models.functions.text.Lower("title"),
                models.F("committee"),
                field="title",
                name="review_unique_title_any_case",
                violation_error_message="%(committee)s already has a review called “%(title)s”",
            ),
        ),
        migrations.RemoveConstraint(model_name="review", name="review_unique_title"),
    ]
