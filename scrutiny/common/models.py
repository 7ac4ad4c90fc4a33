"""Abstract models every app's records build on: ``Versioned`` (optimistic locking) and
``SoftDeletable`` (rows deleted softly, with who, when and why)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Versioned(models.Model):
    """A record edited through forms: ``version`` is checked and moved on by each save
    (``scrutiny.common.locking``), so a second person saving an old copy is shown a conflict
    instead of silently overwriting."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class LiveManager(models.Manager):
    """The default manager of a model that is deleted softly: deleted rows are left out of
    every query, reverse relation and count. ``all_objects`` reaches them too."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class SoftDeletableQuerySet(models.QuerySet):
    def deleted(self):
        """Deleted rows (on ``all_objects``: ``objects`` has none), most recently deleted
        first."""
        return self.filter(deleted_at__isnull=False).order_by("-deleted_at", "-pk")


class SoftDeletable(models.Model):
    """A row that is deleted softly: it stays, hidden by ``LiveManager``, with who deleted it,
    when and why, until someone restores it.

    Give the concrete model ``objects = LiveManager.from_queryset(QS)()`` and
    ``all_objects = models.Manager.from_queryset(QS)()``, ``QS`` a ``SoftDeletableQuerySet``,
    and ``SoftDeletable.constraints(name)`` among its constraints.
    """

    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deleted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    deletion_reason = models.TextField(_("reason for deleting"), blank=True, editable=False)

    class Meta:
        abstract = True

    @staticmethod
    def constraints(name: str) -> list[models.CheckConstraint]:
        """A deleted row says why; a live row names no deleter and no reason."""
        return [
            models.CheckConstraint(
                condition=Q(deleted_at__isnull=True) | ~Q(deletion_reason=""),
                name=f"{name}_deleted_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(deleted_at__isnull=False)
                | (Q(deleted_by__isnull=True) & Q(deletion_reason="")),
                name=f"{name}_live_not_deleted_by",
            ),
        ]


class SentForm(models.Model):
    """A form sent and saved, by the one-time token it carried (``scrutiny.common.once``):
    sending it again (a double click, the browser's resubmit) finds the token taken and
    shows what the first sending saved, at ``result_url``, instead of saving it twice."""

    token = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True, db_index=True)
    result_url = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("sent form")

    def __str__(self) -> str:
        return self.token
