"""The world's outbox (``tests.support.world``): a sent and a failed email of council A, a
failed one of council B and one of no council (an administrator's only); and an update sent
by an update request, waiting to be checked."""

from __future__ import annotations

from django.utils import timezone

from recommendations.models import SubmittedEntry, SubmittedUpdate
from scrutiny.models import Outbox


def world_outbox(w: dict) -> dict:
    now = timezone.now()

    def message(council, **state) -> Outbox:
        return Outbox.objects.create(
            to=f"democratic@{(council.short_name if council else 'site').lower()}.example",
            kind="weekly_digest",
            council=council,
            subject=f"What is outstanding at {council.name if council else 'the site'}",
            text="A list.",
            **state,
        )

    message(w["council_a"], sent_at=now, attempts=1)
    failed_a = message(
        w["council_a"], failed_at=now, attempts=4, last_error="SMTPRecipientsRefused: A-ERROR"
    )
    message(w["council_b"], failed_at=now, attempts=4, last_error="SMTPServerDisconnected: B")
    message(None, attempts=1, last_error="ConnectionRefusedError", next_attempt_at=now)
    # What council A's officer sent through an update request, waiting to be checked.
    submission_a = SubmittedUpdate.objects.create(person=w["officer"], meeting=w["next_meeting_a"])
    SubmittedEntry.objects.create(
        submission=submission_a, recommendation=w["rec_a1"], text="Agreed with providers."
    )
    return {"outbox_failed_a": failed_a, "submission_a": submission_a}
