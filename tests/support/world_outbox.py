"""The world's outbox (``tests.support.world``): a sent and a failed email of council A, a
failed one of council B and one of no council (an administrator's only)."""

from __future__ import annotations

from django.utils import timezone

from scrutiny.models import Outbox


def world_outbox(w: dict) -> dict[str, Outbox]:
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
    return {"outbox_failed_a": failed_a}
