"""The setup checklist democratic services see on the home page while their council has
no review yet: what to do first, each step ticked once done, each linking to its page."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.models import User
from scrutiny.models import Committee, Review
from scrutiny.permissions import can_manage_council


@dataclass(frozen=True)
class Step:
    key: str
    name: str
    hint: str
    url: str
    done: bool


def setup_checklist(user, council) -> list[Step] | None:
    """The council's setup steps for ``user`` (its democratic services or an administrator),
    while the council has no review; None otherwise (the home page's lists take over)."""
    if council is None or not can_manage_council(user, council.pk):
        return None
    if Review.objects.filter(committee__council=council).exists():
        return None
    details_changed = council.history.count() > 1
    return [
        Step(
            "details",
            _("Check the council’s details"),
            _("How long its executive has to respond to a scrutiny report."),
            reverse("partnerships:organisation-edit", args=[council.pk]),
            details_changed,
        ),
        Step(
            "committees",
            _("Add its committees"),
            _("Scrutiny committees, and the Cabinet that responds to them."),
            reverse("scrutiny:committee-create"),
            Committee.objects.filter(council=council).exists(),
        ),
        Step(
            "people",
            _("Invite its people"),
            _("Officers, councillors, partner representatives and other democratic services."),
            reverse("partnerships:user-create"),
            User.objects.filter(organisation=council).exclude(pk=user.pk).exists(),
        ),
        Step(
            "review",
            _("Add the first review, or bring in your tracker"),
            _("A review and its recommendations."),
            reverse("scrutiny:review-create"),
            False,
        ),
    ]
