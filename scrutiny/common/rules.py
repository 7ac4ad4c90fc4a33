"""Constraints that say, in the page's words, which field broke them.

Django reports a broken constraint as an error of the whole record, in words that cannot
name the record's values. These report it on ``field`` (when given), in their
``violation_error_message`` formatted with the record's values: each ``%(placeholder)s``
is the attribute of that name, or the one ``words`` maps it to. Migrations name these
classes here or at their old path, ``scrutiny.models.rules``, which re-exports them: keep
both importable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models


class _RuleMixin:
    def __init__(self, *args, field: str | None = None, words: dict | None = None, **kwargs):
        self.field = field
        self.words = words or {}
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        if self.field:
            kwargs["field"] = self.field
        if self.words:
            kwargs["words"] = self.words
        return path, args, kwargs

    def __eq__(self, other):
        return (
            super().__eq__(other)
            and self.field == getattr(other, "field", None)
            and self.words == getattr(other, "words", None)
        )

    def get_violation_error_message(self):
        # Formatted with the record in validate(); the constraint's name is no use to a reader.
        return self.violation_error_message

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError:
            message = str(self.violation_error_message)  # translated now, for the reader
            words = {
                key: getattr(instance, self.words.get(key, key))
                for key in re.findall(r"%\((\w+)\)s", message)
            }
            error = ValidationError(message % words, code=self.violation_error_code)
            raise ValidationError({self.field: error} if self.field else error) from None


class UniqueRule(_RuleMixin, models.UniqueConstraint):
    """A UniqueConstraint reported on its field in words naming the clash."""


class CheckRule(_RuleMixin, models.CheckConstraint):
    """A CheckConstraint reported on its field in the page's words."""


def stop_if_rows_break(rule: str, rows: Iterable[str]) -> None:
    """Stop a migration that adds ``rule`` when rows already break it, listing each of them.

    A data migration never puts such rows right by guesswork: the council's staff do it by
    hand, then run the migration again. Migrations import this: keep it here.
    """
    rows = list(rows)
    if rows:
        raise RuntimeError(
            f"Cannot add the rule that {rule}: these rows break it; put them right first:\n"
            + "\n".join(f"  - {row}" for row in rows)
        )
