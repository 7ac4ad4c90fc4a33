"""Progress updates sent through an update request's link (``scrutiny.services.
update_requests``): held, unpublished, until the council's democratic services accept one
(it becomes a real progress update) or return it with a comment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recommendations.models.recommendations import Recommendation, Status
from scrutiny.common.links import pk_url


class SubmissionState(models.TextChoices):
    PENDING = "pending", _("Waiting to be checked")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class SubmittedUpdateQuerySet(models.QuerySet):
    def pending_for(self, user):
        """The pending submissions of the councils ``user`` manages (every council's for an
        administrator), oldest first."""
        pending = self.filter(state=SubmissionState.PENDING)
        if not user.is_superuser:
            if not (user.is_democratic_services and user.organisation_id):
                return self.none()
            pending = pending.filter(meeting__committee__council_id=user.organisation_id)
        return pending.select_related("person", "meeting__committee").order_by("created_at", "pk")


class SubmittedUpdate(models.Model):
    """What ``person`` sent, by an update request's link, for ``meeting``'s papers."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="submitted_updates",
        verbose_name=_("sent by"),
    )
    meeting = models.ForeignKey(
        "scrutiny.Meeting",
        on_delete=models.PROTECT,
        related_name="submitted_updates",
        verbose_name=_("meeting"),
    )
    submitted_on = models.DateField(_("date sent"), default=timezone.localdate)
    state = models.CharField(
        _("state"), max_length=20, choices=SubmissionState.choices, default=SubmissionState.PENDING
    )
    comment = models.TextField(_("comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    update = models.OneToOneField(
        "recommendations.ProgressUpdate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
        verbose_name=_("progress update"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = SubmittedUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("submitted progress update")
        verbose_name_plural = _("submitted progress updates")

    def __str__(self) -> str:
        return f"{self.person} for {self.meeting}"

    def get_absolute_url(self) -> str:
        return pk_url("recommendations:update-request-detail", self.pk)


class SubmittedEntry(models.Model):
    """What a submission says of one recommendation."""

    submission = models.ForeignKey(
        SubmittedUpdate,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("submitted progress update"),
    )
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recommendation"),
    )
    text = models.TextField(_("what was reported"))
    text_cy = models.TextField(_("what was reported in Welsh"), blank=True)
    new_status = models.CharField(
        _("proposed status"), max_length=20, choices=Status.choices, blank=True
    )
    revised_target_date = models.DateField(_("revised target date"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("submitted entry")
        verbose_name_plural = _("submitted entries")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.recommendation)
