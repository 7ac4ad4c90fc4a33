"""A council's tracker brought in from a spreadsheet: the upload, the mapping of its
columns to our fields and what came of it, kept between the steps (upload, mapping,
preview, confirm) so that nothing typed or uploaded is lost."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportState(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    MAPPED = "mapped", _("Columns chosen")
    IMPORTED = "imported", _("Imported")


class UndatedTargets(models.TextChoices):
    """What to do with a target date in words ("Summer 2026"): the user says, once per file."""

    ERROR = "error", _("Show them as problems, so that I can correct the file")
    KEEP_WORDS = (
        "keep_words",
        _("Leave the target date empty and keep the words in the response and reasons"),
    )


class ImportRun(models.Model):
    """One spreadsheet uploaded by democratic services for their council.

    ``content`` keeps the file as uploaded (no file is written to a node's disk);
    ``mapping`` gives, for each column of the header row in order, the field it fills
    ("" for none). ``committee`` is where reviews the file names and we do not have are
    made. Recommendations are matched by review and reference."""

    council = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        related_name="import_runs",
        verbose_name=_("council"),
    )
    committee = models.ForeignKey(
        "scrutiny.Committee",
        on_delete=models.CASCADE,
        related_name="import_runs",
        verbose_name=_("committee"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="import_runs",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)
    filename = models.CharField(_("file name"), max_length=255)
    file_kind = models.CharField(_("kind of file"), max_length=10)
    content = models.BinaryField(_("file"))
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    header_row = models.PositiveIntegerField(_("header row"), default=1)
    mapping = models.JSONField(_("columns"), default=list, blank=True)
    review_title = models.CharField(
        _("review"),
        max_length=300,
        blank=True,
        help_text=_("The review of rows that do not name one."),
    )
    updates_given_on = models.DateField(_("date of the progress updates"), null=True, blank=True)
    item = models.ForeignKey(
        "scrutiny.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    undated_targets = models.CharField(
        _("target dates in words"),
        max_length=20,
        choices=UndatedTargets.choices,
        default=UndatedTargets.ERROR,
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ImportState.choices, default=ImportState.UPLOADED
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    summary = models.JSONField(_("what it did"), default=dict, blank=True)
    saved_mapping = models.ForeignKey(
        "recommendations.SavedImportMapping",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved columns used"),
    )
    # An unknown body's name (as ``import_rows`` keys it) -> "new" (make it) or the id of the
    # organisation it is another name for (made an alias): carried out on confirming.
    body_choices = models.JSONField(_("unknown bodies"), default=dict, blank=True)
    pruned_at = models.DateTimeField(_("file deleted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tracker import")
        verbose_name_plural = _("tracker imports")

    def __str__(self) -> str:
        return self.filename


class SavedImportMapping(models.Model):
    """Columns a council saved to reuse: for each heading of a tracker's header row (as
    ``import_files.heading_key`` normalises it), the field it fills. A later upload whose
    headings are the same uses it by itself; the user may also pick it for another file,
    when each column whose heading it knows takes that heading's field."""

    council = models.ForeignKey(
        "partnerships.Organisation",
        on_delete=models.CASCADE,
        related_name="import_mappings",
        verbose_name=_("council"),
    )
    name = models.CharField(_("name"), max_length=100)
    headings = models.JSONField(_("headings"), default=list)
    mapping = models.JSONField(_("columns"), default=list)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved tracker columns")
        verbose_name_plural = _("saved tracker columns")
        constraints = [
            models.UniqueConstraint(
                "council", Lower("name"), name="saved_import_mapping_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ImportProgress(models.Model):
    """How far the confirming of an import has got (``services.import_progress``): written
    through a connection of its own while the import's one transaction is open, so that the
    waiting page can read it. ``run_id`` is a plain number, not a foreign key: a key would
    make each write wait for the import's lock on its run."""

    run_id = models.BigIntegerField(_("import"), unique=True)
    stage = models.CharField(_("stage"), max_length=20, default="rows")
    done = models.PositiveIntegerField(_("rows done"), default=0)
    total = models.PositiveIntegerField(_("rows in all"), default=0)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("import progress")
        verbose_name_plural = _("import progress")

    def __str__(self) -> str:
        return f"{self.run_id}: {self.done}/{self.total}"
