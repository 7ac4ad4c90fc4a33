"""The fixed choices a recommendation moves through: its status, the executive's response,
and whose timeline (audience) a reader counts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    SLIPPED = "slipped", _("Slipped")
    PAUSED = "paused", _("Paused")
    ACHIEVED = "achieved", _("Achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    SUPERSEDED = "superseded", _("Superseded")

    @classmethod
    def closing(cls) -> list[str]:
        """Statuses that close a recommendation: only a meeting can agree them."""
        return [cls.ACHIEVED, cls.NOT_ACHIEVED, cls.SUPERSEDED]

    @classmethod
    def open(cls) -> list[str]:
        return [s for s in cls.values if s not in cls.closing()]


class Audience(models.TextChoices):
    """Who a timeline is for, as ``with_status(user=...)`` decides what each reader counts.

    PUBLIC counts no update given at an exempt agenda item (anonymous visitors, partner
    representatives, another council's people). FULL counts every live update (no user,
    administrators, and the council's own councillors, officers and democratic services:
    ``User.exempt_council_ids``) for their council's recommendations, whose exempt updates
    are given at the council's own meetings.
    """

    PUBLIC = "public", _("the public")
    FULL = "full", _("those who may see exempt items")


class Response(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting response")
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    NOTED = "noted", _("Noted")
