"""Proposing closure through the log-an-update form, and deciding it on the record screen,
as a browser posts them."""

from __future__ import annotations

from django.urls import reverse

from tests.recommendations.views.helpers import entry, log_data, log_url

EVIDENCE = "The careers pathway was launched in April; 40 people have joined it."


def propose(client, user, review, rec, *, status="achieved", evidence=EVIDENCE, **general):
    """Log an update on ``rec`` proposing ``status`` for sign-off, as ``user``."""
    client.force_login(user)
    # Given on 1 May 2021, before the commission's May meeting.
    general = {"given_on_0": "1", "given_on_1": "5", **general}
    data = log_data(user, **general) | entry(
        rec,
        text="The pathway is running.",
        new_status="",
        reason="",
        proposed_status=status,
        evidence=evidence,
    )
    return client.post(log_url(review), data)


def record_url(meeting) -> str:
    return reverse("scrutiny:meeting-record", args=[meeting.pk])


def decide(client, item, proposal, decision: str, reason: str = ""):
    """Post the record screen with only the committee's decision on ``proposal``."""
    prefix = f"item-{item.number}-proposal-{proposal.pk}"
    data = {f"{prefix}-decision": decision, f"{prefix}-reason": reason}
    return client.post(record_url(item.meeting), data)


def detail_url(rec) -> str:
    return reverse("recommendations:recommendation-detail", args=[rec.pk])


def withdraw_url(proposal) -> str:
    return reverse("recommendations:proposal-withdraw", args=[proposal.pk])
