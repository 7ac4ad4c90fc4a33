"""A review's update interval (1 to 36 months) is refused in the form's words, on the field,
not as Django's "Constraint … is violated". The rule itself is unchanged, so no row can
break it."""

import scrutiny.models.rules
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("scrutiny", "0011_decision_point_rules_in_words"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="review",
            name="review_update_interval_plausible",
        ),
        migrations.AddConstraint(
            model_name="review",
            constraint=scrutiny.models.rules.CheckRule(
                condition=models.Q(
                    ("update_interval_months__gte", 1), ("update_interval_months__lte", 36)
                ),
                field="update_interval_months",
                name="review_update_interval_plausible",
                violation_error_message="How often progress should be reported must be between 1 and 36 months",
            ),
        ),
    ]
