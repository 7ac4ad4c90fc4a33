"""A council's own words for our fixed statuses, and the RAG rating derived from status and
dates.

Councils name their statuses their own way ("Done / In progress / On hold", or an
assessment scale from "1 Fully achieved" to "4 Not achieved"). Each ``StatusWord`` gives
one council's word for one fixed status, in English and optionally in Welsh; several fixed
statuses may share a word, and a status without one keeps our word. The fixed statuses
(``Status``) stay the source of truth: every count, filter and chart works on them, and
the words only change what a reader of that council's business sees.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from recommendations.models.recommendations import Response, Status
from scrutiny.common.rules import CheckRule, UniqueRule

WORD_NEEDED = _("Enter the council's word for this status")
WORD_NEEDED_FOR = _("Enter the council's word for “%(status)s”: a Welsh word alone is not enough")


class StatusWord(models.Model):
    """One council's word for one of our fixed statuses.

    Rules: one word per council and status; the English word is needed, the Welsh one is
    optional (a Welsh page shows the English word when there is none); the council is an
    organisation of kind council (``clean``).
    """

    council = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        related_name="status_words",
        verbose_name=_("council"),
        limit_choices_to={"kind": "council"},
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # Blank passes the field's own check so that ``clean`` can name the status in its
    # message; the constraint below still refuses an empty word in the database.
    label = models.CharField(
        _("council's word"),
        max_length=60,
        blank=True,
        help_text=_('For example "On hold" or "2 Partially achieved".'),
    )
    label_cy = models.CharField(_("council's word in Welsh"), max_length=60, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["council", "status"]
        verbose_name = _("council status word")
        verbose_name_plural = _("council status words")
        constraints = [
            UniqueRule(
                fields=["council", "status"],
                name="status_word_once_per_council",
                violation_error_message=_("This council already has a word for this status"),
            ),
            CheckRule(
                condition=~Q(label=""),
                name="status_word_label_given",
                field="label",
                violation_error_message=WORD_NEEDED,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.label}"

    def clean(self):
        """Only a council names statuses; the English word is needed (said naming the
        status, as a page of seven statuses would otherwise repeat one message)."""
        super().clean()
        if not self.label.strip():
            raise ValidationError(
                {"label": str(WORD_NEEDED_FOR) % {"status": self.get_status_display()}}
            )
        if self.council_id is not None and not self.council.is_council:
            raise ValidationError(
                {"council": gettext("Only a council can name statuses its own way")}
            )


class StatusWords:
    """Every council's status words, read in one query the first time one is asked for
    (so a page pays one query however many statuses it shows, and none if it shows none)."""

    def __init__(self, words=None):
        self._words: dict[int, dict[str, StatusWord]] | None = None
        if words is not None:
            self._keep(words)

    def _keep(self, words) -> None:
        self._words = {}
        for word in words:
            self._words.setdefault(word.council_id, {})[word.status] = word

    def of(self, council_id: int | str | None) -> dict[str, StatusWord]:
        """The council's words by status (a template may hand over its id as text)."""
        if not council_id:
            return {}
        if self._words is None:
            self._keep(StatusWord.objects.order_by())
        return self._words.get(int(council_id), {})

    def label(self, status: str, council_id: int | None) -> str:
        """``status`` as ``council_id``'s pages say it: the council's word in the page's
        language (its English word on a Welsh page when it gave no Welsh one), else ours."""
        if status not in Status.values:
            return status
        word = self.of(council_id).get(status)
        if word is None:
            return str(Status(status).label)
        if (get_language() or "").startswith("cy") and word.label_cy:
            return word.label_cy
        return word.label

    def label_with_ours(self, status: str, council_id: int | None) -> str:
        """The council's word followed by ours where they differ ("On hold (Slipped)"), for
        charts and filters, whose rows are our fixed statuses."""
        ours = str(Status(status).label) if status in Status.values else status
        theirs = self.label(status, council_id)
        if theirs == ours:
            return ours
        return gettext("%(word)s (%(status)s)") % {"word": theirs, "status": ours}

    def choices(self, statuses, council_id: int | None) -> list[tuple[str, str]]:
        """``statuses`` as a form's choices labelled in ``council_id``'s words, ours beside
        where they differ ("On hold (Slipped)"): the value chosen is always our fixed
        status. The one labelling of status choices, for every form that offers them."""
        return [(status, self.label_with_ours(status, council_id)) for status in statuses]


# A target this near (or nearer) makes a recommendation not yet started amber.
RAG_NEAR_DAYS = 30


@dataclass(frozen=True)
class Rag:
    """A rating and the words that always go with it ("Red: overdue")."""

    colour: str  # "red", "amber", "green" or "none"
    words: str


def rag_rating(
    status: str,
    target: datetime.date | None,
    today: datetime.date,
    response: str = "",
) -> Rag:
    """The RAG (red, amber, green) rating of a recommendation from its status and its
    current target date (the revised one when it slipped), as at ``today``.

    - Red: not achieved; or open (not started, on track, slipped, paused) and past its
      target date: exactly ``RecommendationQuerySet.overdue``.
    - Amber: slipped (its revised date still ahead); paused; not started with its target
      date within ``RAG_NEAR_DAYS`` days.
    - Green: achieved; on track within its target; not started with its target further off
      or not set.
    - No rating: superseded, since another recommendation or decision took its place and
      it will neither be achieved nor fail; not accepted by the executive and not started,
      since nobody has undertaken to do it (a RAG colour would claim progress or failure).
    """
    if status == Status.ACHIEVED:
        return Rag("green", gettext("Green: achieved"))
    if status == Status.NOT_ACHIEVED:
        return Rag("red", gettext("Red: not achieved"))
    if status == Status.SUPERSEDED:
        return Rag("none", gettext("No rating: superseded"))
    if response == Response.NOT_ACCEPTED and status == Status.NOT_STARTED:
        return Rag("none", gettext("No rating: not accepted"))
    if target is not None and target < today:
        return Rag("red", gettext("Red: overdue"))
    if status == Status.SLIPPED:
        return Rag("amber", gettext("Amber: slipped, revised date ahead"))
    if status == Status.PAUSED:
        return Rag("amber", gettext("Amber: paused"))
    if (
        status == Status.NOT_STARTED
        and target is not None
        and (target - today).days <= RAG_NEAR_DAYS
    ):
        return Rag("amber", gettext("Amber: not started, target date near"))
    if status == Status.ON_TRACK:
        return Rag("green", gettext("Green: on track"))
    if target is None:
        return Rag("green", gettext("Green: not started, no target date set"))
    return Rag("green", gettext("Green: not started, within target"))
