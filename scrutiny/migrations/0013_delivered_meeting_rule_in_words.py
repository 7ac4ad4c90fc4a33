"""An action delivered at a meeting needs the date it was delivered, refused in words on
that field, not as Django's "Constraint … is violated". The rule itself is unchanged, so no
row can break it."""

import scrutiny.common.rules
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0004_interface_names"),
        ("scrutiny", "0012_review_interval_in_words"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="agreedaction",
            name="agreed_action_delivered_meeting_needs_date",
        ),
        migrations.AddConstraint(
            model_name="agreedaction",
            constraint=scrutiny.common.rules.CheckRule(
                condition=models.Q(
                    ("delivered_meeting__isnull", True),
                    ("delivered_on__isnull", False),
                    _connector="OR",
                ),
                field="delivered_on",
                name="agreed_action_delivered_meeting_needs_date",
                violation_error_message="Enter the date it was delivered, or leave the meeting it was delivered at empty",
            ),
        ),
    ]
