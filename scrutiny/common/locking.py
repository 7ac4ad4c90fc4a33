"""No lost updates: optimistic locking for every record with an edit form.

Each such record has a ``version`` column. An edit form carries the version it loaded (a
hidden field); saving checks, in the same transaction as the save, that the stored version
is still that one and moves it on by one (``UPDATE ... SET version = version + 1 WHERE pk =
%s AND version = %s``). When someone else saved first the update touches no row, nothing is
written, and ``EditConflict`` carries the record as it is now stored, so the page can show
both versions side by side (``templates/includes/_edit_conflict.html``) and let the person
save theirs over it or discard it.

This is the lowest app, so scrutiny and recommendations may use it; it knows no model of
theirs. (django-concurrency does the same with its own field type and a model save() that
raises; it would need a migration of every version column, and it offers no comparison of
the two versions.)
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from crispy_forms.layout import BaseInput, Layout
from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils import dateformat, timezone
from django.utils.translation import gettext, gettext_noop, pgettext
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone else saved the record after the user loaded it: nothing was written.

    ``current`` is the record as stored now, or None when it has since been deleted.
    """

    def __init__(self, current: models.Model | None):
        super().__init__("The record was changed by someone else since it was loaded.")
        self.current = current


def save_if_current[T](
    obj: models.Model, version: int | None, save: Callable[[], T] | None = None
) -> T | None:
    """Run ``save`` (default ``obj.save()``) only if ``obj``'s stored version is still
    ``version``, the one the user loaded, and move the stored version on by one in the same
    transaction; otherwise raise ``EditConflict`` having written nothing.

    The conditional UPDATE locks the row until the transaction ends, so of two people
    saving the same version at once exactly one succeeds (on PostgreSQL the second waits,
    then finds the version moved on). ``version`` None (unknown) is always a conflict.
    """
    model = type(obj)
    with transaction.atomic():
        moved_on = (
            model._base_manager.filter(pk=obj.pk, version=version).update(version=F("version") + 1)
            if version is not None
            else 0
        )
        if not moved_on:
            raise EditConflict(model._base_manager.filter(pk=obj.pk).first())
        # The save writes every column: give it the version the UPDATE just stored.
        obj.version = version + 1
        return save() if save is not None else obj.save()


def move_versions_on(records: Iterable[models.Model]) -> list[models.Model]:
    """Move each record's stored version on by one where it is still ``record.version``
    (the version the user saw), as ``save_if_current`` does for one record; return the
    records where it was not (someone else saved them since). Call it inside the
    transaction of the writes it guards, and write nothing when it returns any."""
    stale = []
    for record in records:
        moved_on = (
            type(record)
            ._base_manager.filter(pk=record.pk, version=record.version)
            .update(version=F("version") + 1)
        )
        if moved_on:
            record.version += 1
        else:
            stale.append(record)
    return stale


# --- Forms --------------------------------------------------------------------------------

# Translated where it is shown (tests look for the English words in the page).
MISSING_VERSION = gettext_noop(
    "Nothing was saved: the form did not say which version of this record you opened, so "
    "saving it could undo someone else's changes. Copy anything you typed, then open the page "
    "again from its link and make your changes there."
)
_DIGITS = re.compile(r"[0-9]{1,9}")


class VersionedModelForm(forms.ModelForm):
    """A model form that edits a record with a ``version`` column safely.

    It carries the version it loaded in a hidden field; a changed record posted without one
    (or with one that is not a number) is refused with ``MISSING_VERSION``. ``save()`` of a
    changed record goes through ``save_if_current`` and so raises ``EditConflict`` when
    someone else saved first. A new record has no version to check.
    """

    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.changing:
            self.initial["version"] = self.instance.version

    @property
    def changing(self) -> bool:
        return not self.instance._state.adding

    def clean_version(self) -> int | None:
        value = (self.cleaned_data.get("version") or "").strip()
        return int(value) if _DIGITS.fullmatch(value) else None

    def clean(self):
        cleaned = super().clean()
        if self.changing and cleaned.get("version") is None:
            self.add_error(None, gettext(MISSING_VERSION))
        return cleaned

    @property
    def loaded_version(self) -> int | None:
        """The version the user loaded (after validation)."""
        return self.cleaned_data.get("version")

    def save(self, commit: bool = True):
        if commit and self.changing:
            return save_if_current(
                self.instance, self.loaded_version, lambda: super(VersionedModelForm, self).save()
            )
        return super().save(commit)

    def take_saved_version(self, current: models.Model) -> None:
        """Keep what the user typed but carry ``current``'s version, so that sending the form
        again saves it over the version someone else saved ("save mine over it")."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(current.version)


def seen_value(record: models.Model) -> str:
    """A checkbox's value naming a record as the page showed it: "<id>:<version>"."""
    return f"{record.pk}:{record.version}"


class SeenRecordsField(forms.MultipleChoiceField):
    """Checkboxes of ``records``, each valued ``seen_value(record)``, that clean to the
    records ticked. A record changed since the page showed it (its version moved on) is an
    error naming it, and so is a tick that does not say which version it saw; its box is
    unticked when the page comes back, so the user looks at it again before ticking. A
    record not offered is an invalid choice."""

    default_error_messages = {
        "changed": _(
            "“%(record)s” was changed by someone else after this page was opened: "
            "check it and tick it again%(if_still)s"
        ),
        "unseen": _(
            "The page did not say which version of “%(record)s” it showed: check it "
            "and tick it again%(if_still)s"
        ),
    }

    def __init__(self, *, records: Iterable[models.Model] = (), if_still: str = "", **kwargs):
        super().__init__(**kwargs)
        self.records = records
        self.if_still = if_still

    @property
    def records(self) -> dict[str, models.Model]:
        return self._records

    @records.setter
    def records(self, records: Iterable[models.Model]) -> None:
        self._records = {str(record.pk): record for record in records}

    def valid_value(self, value) -> bool:
        # Checked against the records, with better words, in clean().
        return True

    def clean(self, value) -> list[models.Model]:
        chosen, errors = [], []
        for ticked in super().clean(value):
            pk, _, version = ticked.partition(":")
            record = self._records.get(pk)
            params = {"record": str(record), "if_still": self.if_still}
            if record is None:
                errors.append(
                    ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": ticked},
                    )
                )
            elif not _DIGITS.fullmatch(version):
                errors.append(ValidationError(self.error_messages["unseen"], params=params))
            elif int(version) != record.version:
                errors.append(ValidationError(self.error_messages["changed"], params=params))
            elif record not in chosen:
                chosen.append(record)
        if errors:
            raise ValidationError(errors)
        return chosen


# --- The conflict page ----------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One detail the saved version and the user's version give differently."""

    label: str
    saved: str
    yours: str


@dataclass(frozen=True)
class Conflict:
    """What the conflict page says: what was changed, by whom and when, and how the two
    versions differ, detail by detail."""

    what: str
    saved_by: str
    saved_when: str
    differences: list[Difference]
    view_url: str


NOT_GIVEN = _("Not given")


def _key(value):
    """A value as compared: records by id, sets of records as sorted ids, text with one
    kind of line ending; every kind of empty the same."""
    if isinstance(value, models.Model):
        return ("record", value.pk)
    if isinstance(value, models.QuerySet | list | tuple | set):
        return tuple(sorted(_key(v) for v in value)) or None
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
    if value in (None, ""):
        return None
    return value


def _choice_labels(choices) -> dict[str, str]:
    labels = {}
    for value, label in choices:
        if isinstance(label, list | tuple):
            labels.update(_choice_labels(label))
        else:
            labels[str(value)] = str(label)
    return labels


def _shown(field: forms.Field, value) -> str:
    """A value as the form's field names it: a record by its label, a choice by its words,
    a date as councils write it, Yes or No."""
    if isinstance(field, forms.BooleanField):
        return gettext("Yes") if value else gettext("No")
    if _key(value) is None:
        return str(NOT_GIVEN)
    if isinstance(field, forms.ModelMultipleChoiceField):
        return "\n".join(sorted(field.label_from_instance(v) for v in value))
    if isinstance(field, forms.ModelChoiceField):
        return field.label_from_instance(value)
    if isinstance(field, forms.ChoiceField):
        return _choice_labels(field.choices).get(str(value), str(value))
    if isinstance(value, datetime.date):
        return dateformat.format(value, "j F Y")
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    return str(value)


def _label(form: forms.Form, name: str) -> str:
    label = str(form.fields[name].label or form.instance._meta.get_field(name).verbose_name)
    return label.removesuffix(" " + gettext("(optional)")).removesuffix(" (optional)")


def _saved_value(current: models.Model, name: str):
    field = current._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(current, name).all())
    return getattr(current, name)


def differences(form: forms.BaseForm, current: models.Model) -> list[Difference]:
    """Each field of ``form`` (valid) whose value differs from ``current``'s, in form order."""
    found = []
    for name, field in form.fields.items():
        if name == "version" or name not in form.cleaned_data:
            continue
        try:
            saved = _saved_value(current, name)
        except FieldDoesNotExist:
            continue
        yours = form.cleaned_data[name]
        if _key(saved) != _key(yours):
            found.append(Difference(_label(form, name), _shown(field, saved), _shown(field, yours)))
    return found


def _when(moment: datetime.datetime) -> str:
    """At 2:32pm on 3 March 2025, as GOV.UK writes times (in Welsh: am 2:32yp ar 3 Mawrth
    2025)."""
    moment = timezone.localtime(moment)
    hour = moment.hour % 12 or 12
    if moment.hour < 12:
        time = pgettext("time of day", "%(hour)s:%(minute)sam")
    else:
        time = pgettext("time of day", "%(hour)s:%(minute)spm")
    return gettext("at %(time)s on %(date)s") % {
        "time": time % {"hour": hour, "minute": f"{moment:%M}"},
        "date": dateformat.format(moment, "j F Y"),
    }


def who_saved(current: models.Model, user) -> tuple[str, str]:
    """Who saved the stored version and when, from its newest history record: ("Sam
    Smith", "at 2:32pm on 3 March 2025"); "Someone else" and "" when history does not say."""
    history = getattr(current, "history", None)
    record = (
        history.select_related("history_user").order_by("-history_date", "-pk").first()
        if history is not None
        else None
    )
    if record is None:
        return gettext("Someone else"), ""
    author = record.history_user
    if author is None:
        name = gettext("Someone else")
    elif user is not None and author.pk == user.pk:
        name = gettext("You (in another tab or window)")
    else:
        name = author.display_name
    return name, _when(record.history_date)


def describe_conflict(
    form: forms.BaseForm,
    current: models.Model,
    *,
    user=None,
    extra: Iterable[Difference] = (),
    what: str | None = None,
) -> Conflict:
    """The conflict page's words for ``form`` (valid) against the stored ``current``;
    ``extra`` adds differences in details the form's own fields do not hold (a decision's
    resolutions)."""
    saved_by, saved_when = who_saved(current, user)
    return Conflict(
        what=what or str(current._meta.verbose_name),
        saved_by=saved_by,
        saved_when=saved_when,
        differences=[*differences(form, current), *extra],
        view_url=current.get_absolute_url(),
    )


def without_submit(form: forms.BaseForm) -> None:
    """Take the form's own submit button away: the conflict page offers its own choices."""
    helper = getattr(form, "helper", None)
    if helper is None:
        return
    helper = copy.copy(helper)
    helper.layout = Layout(
        *(part for part in helper.layout.fields if not isinstance(part, BaseInput))
    )
    form.helper = helper


def conflict_response(
    request,
    template: str,
    context: dict,
    form: VersionedModelForm,
    conflict: EditConflict,
    *,
    extra: Iterable[Difference] = (),
    what: str | None = None,
):
    """The edit page again, status 409: both versions compared, the user's typed values
    kept in the form (now carrying the stored version, so sending it saves theirs over the
    other), and a way to discard theirs. A record deleted meanwhile is a 404."""
    current = conflict.current
    if current is None:
        raise Http404(gettext("Someone else deleted this while you were editing it."))
    form.take_saved_version(current)
    without_submit(form)
    described = describe_conflict(form, current, user=request.user, extra=extra, what=what)
    return render(request, template, {**context, "form": form, "conflict": described}, status=409)


# --- The Django admin -------------------------------------------------------------------------


class VersionCheckedAdminForm(VersionedModelForm):
    """The admin's change form for a record with a version. The admin has no conflict page,
    so a version someone else moved on is an error at the top of the form, saying who saved
    it, when and which fields now differ; what the user typed stays, and the form now
    carries the stored version, so saving again saves theirs over it."""

    def clean(self):
        cleaned = super().clean()
        version = cleaned.get("version")
        if not self.changing or version is None:
            return cleaned
        current = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
        if current is not None and current.version != version:
            self.add_error(None, self.conflict_message(current))
            self.take_saved_version(current)
        return cleaned

    def conflict_message(self, current: models.Model) -> str:
        who, when = who_saved(current, None)
        what = current._meta.verbose_name
        found = differences(self, current)
        each = [
            gettext("%(label)s (saved: “%(saved)s”, yours: “%(yours)s”)")
            % {"label": d.label, "saved": d.saved, "yours": d.yours}
            for d in found
        ]
        detail = (
            gettext("Different now: %(differences)s.") % {"differences": "; ".join(each)}
            if found
            else gettext("The details on this form are the same in both versions.")
        )
        saved = (
            gettext("%(who)s saved it %(when)s.") % {"who": who, "when": when}
            if when
            else gettext("%(who)s saved it.") % {"who": who}
        )
        return gettext(
            "Someone else changed this %(what)s while you were editing: %(saved)s Nothing was "
            "saved. %(detail)s What you typed is below: save again to save it over theirs, or "
            "leave this page to keep theirs."
        ) % {"what": what, "saved": saved, "detail": detail}


class VersionCheckedAdmin:
    """A ModelAdmin mixin for a model with a ``version``: its change form carries the
    version it loaded (``VersionCheckedAdminForm``), and saving checks it in the same
    transaction as the save. Someone saving in the moment between the form's check and the
    save is an error message on the change page, never a server error, and nothing is
    saved."""

    form = VersionCheckedAdminForm
    # The model's version column is not the form's to set: the form's own hidden field is.
    exclude = ["version"]

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        parent = super()
        save_if_current(
            obj, form.loaded_version, lambda: parent.save_model(request, obj, form, change)
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict as conflict:
            messages.error(
                request,
                gettext(
                    "Someone else saved this %(what)s just as you did, so nothing you typed "
                    "was saved. This is the version they saved: make your changes again."
                )
                % {"what": self.model._meta.verbose_name},
            )
            if conflict.current is None:
                raise Http404 from None
            return HttpResponseRedirect(request.get_full_path())
