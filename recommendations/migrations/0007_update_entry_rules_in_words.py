"""An entry's rules are refused in the log-an-update form's words, on the field (not as
Django's "Constraint … is violated"): the slipped rule becomes two, a revised target date
and a reason, each on its own field. The rules themselves are unchanged, so no row can
break them."""

import scrutiny.common.rules
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0006_interface_names"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="updateentry",
            name="update_entry_slipped_needs_date_and_reason",
        ),
        migrations.RemoveConstraint(
            model_name="updateentry",
            name="update_entry_closing_needs_outcome",
        ),
        migrations.AddConstraint(
            model_name="updateentry",
            constraint=scrutiny.common.rules.CheckRule(
                condition=models.Q(
                    models.Q(("new_status", "slipped"), _negated=True),
                    ("revised_target_date__isnull", False),
                    _connector="OR",
                ),
                field="revised_target_date",
                name="update_entry_slipped_needs_date",
                violation_error_message="Recommendation %(number)s: enter the revised target date when it has slipped",
                words={"number": "recommendation_number"},
            ),
        ),
        migrations.AddConstraint(
            model_name="updateentry",
            constraint=scrutiny.common.rules.CheckRule(
                condition=models.Q(
                    models.Q(("new_status", "slipped"), _negated=True),
                    models.Q(("reason", ""), _negated=True),
                    _connector="OR",
                ),
                field="reason",
                name="update_entry_slipped_needs_reason",
                violation_error_message="Recommendation %(number)s: give the reason it slipped",
                words={"number": "recommendation_number"},
            ),
        ),
        migrations.AddConstraint(
            model_name="updateentry",
            constraint=scrutiny.common.rules.CheckRule(
                condition=models.Q(
                    models.Q(
                        ("new_status__in", ["achieved", "not_achieved", "superseded"]),
                        _negated=True,
                    ),
                    models.Q(("reason", ""), _negated=True),
                    _connector="OR",
                ),
                field="reason",
                name="update_entry_closing_needs_outcome",
                violation_error_message="Recommendation %(number)s: give the outcome when you close it",
                words={"number": "recommendation_number"},
            ),
        ),
    ]
