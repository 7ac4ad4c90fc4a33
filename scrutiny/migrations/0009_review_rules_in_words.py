"""Each rule in one place: a review's date rules say what is wrong in the form's words, on
the field (not Django's "Constraint … is violated"), and a response received before its
report was agreed is refused by the database too.

Before that rule is added, the reviews that break it are looked for: any found stop the
migration with a list of them to put right by hand (nothing is changed silently)."""

from django.db import migrations, models
from django.db.models import F

import scrutiny.models.rules
from scrutiny.common.rules import stop_if_rows_break


def _responses_before_their_report(apps, schema_editor):
    Review = apps.get_model("scrutiny", "Review")
    stop_if_rows_break(
        "a response is received on or after its report was agreed",
        (
            f"Review {r.pk}: {r.title!r}, report agreed {r.report_agreed_on}, "
            f"response received {r.response_received_on}"
            for r in Review.objects.filter(response_received_on__lt=F("report_agreed_on"))
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("scrutiny", "0008_rules_in_constraints"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="review",
            name="review_report_after_start",
        ),
        migrations.RemoveConstraint(
            model_name="review",
            name="review_response_needs_report",
        ),
        migrations.AddConstraint(
            model_name="review",
            constraint=scrutiny.models.rules.CheckRule(
                condition=models.Q(
                    ("report_agreed_on__isnull", True),
                    ("started_on__isnull", True),
                    ("report_agreed_on__gte", models.F("started_on")),
                    _connector="OR",
                ),
                field="report_agreed_on",
                name="review_report_after_start",
                violation_error_message="The date the report was agreed must be the same as or after the date the review started",
            ),
        ),
        migrations.AddConstraint(
            model_name="review",
            constraint=scrutiny.models.rules.CheckRule(
                condition=models.Q(
                    ("response_received_on__isnull", True),
                    ("report_agreed_on__isnull", False),
                    _connector="OR",
                ),
                field="response_received_on",
                name="review_response_needs_report",
                violation_error_message="Enter the date the committee agreed the report: a response cannot be received before there is a report",
            ),
        ),
        migrations.RunPython(_responses_before_their_report, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="review",
            constraint=scrutiny.models.rules.CheckRule(
                condition=models.Q(
                    ("response_received_on__isnull", True),
                    ("report_agreed_on__isnull", True),
                    ("response_received_on__gte", models.F("report_agreed_on")),
                    _connector="OR",
                ),
                field="response_received_on",
                name="review_response_after_report",
                violation_error_message="The response cannot be received before the report was agreed (%(date)s)",
                words={"date": "report_agreed_label"},
            ),
        ),
    ]
