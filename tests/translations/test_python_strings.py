"""Python strings: every status name, model and field name, and form label, help text,
error message and choice a form declares has its Welsh; and the check can fail."""

from __future__ import annotations

import pkgutil
from importlib import import_module

from django import forms
from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

from tests.translations.helpers import OUR_APPS, words_in

# Words Welsh spells as English does: their msgstr is the msgid.
SAME_IN_WELSH = {"Cabinet"}


def is_translated(text) -> bool:
    """A lazy translation whose Welsh differs from its English (or is one of the words
    Welsh spells the same)."""
    if not isinstance(text, Promise):
        return False
    with translation.override("en-gb"):
        english = str(text)
    with translation.override("cy"):
        return str(text) != english or english in SAME_IN_WELSH


def our_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS and not model.__name__.startswith("Historical")
    ]


def our_subclasses(base: type) -> list[type]:
    """Every subclass of ``base`` defined in our apps' modules (all of them imported)."""
    import_our_modules()
    found, todo = [], [base]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in OUR_APPS:
            found.append(cls)
    return found


def our_choices():
    """Every TextChoices and IntegerChoices class defined in our apps."""
    return our_subclasses(models.Choices)


def import_our_modules():
    """Import every module of our apps, so that every form and choices class is defined
    (some are imported only when a URL is first resolved)."""
    skip = {"migrations", "management", "templatetags", "wsgi", "asgi", "settings"}
    for app in OUR_APPS:
        package = import_module(app)
        for module in pkgutil.iter_modules(package.__path__):
            if module.name not in skip:
                import_module(f"{app}.{module.name}")


def form_fields(cls) -> dict:
    """The fields of a form as shown: an instance's (its __init__ may relabel them) when
    it can be made without a request, else the class's own."""
    from partnerships.models import User

    for args in [(), (User(),)]:
        try:
            return cls(*args).fields
        except Exception:  # noqa: BLE001 (a form needing other arguments: its class fields)
            continue
    return getattr(cls, "base_fields", {})


def our_forms():
    """Every form class defined in our apps' modules, but the admin's: the admin stays in
    English, its labels the scrutiny app's untranslated field names."""
    return [cls for cls in our_subclasses(forms.BaseForm) if not cls.__module__.endswith(".admin")]


def test_every_status_name_is_translated():
    choices = our_choices()
    assert len(choices) >= 3, choices
    wrong = [
        f"{cls.__module__}.{cls.__name__}.{member.name}: {member.label!r}"
        for cls in choices
        for member in cls
        if not is_translated(member.label)
    ]
    assert not wrong, "Choice labels without Welsh:\n  " + "\n  ".join(wrong)


# Apps whose field names people read outside the admin: the history page and the
# edit-conflict comparison name recommendations' and organisations' fields.
FIELD_NAMES_SHOWN = ("partnerships", "recommendations")


def test_every_model_and_field_name_is_translated():
    wrong = []
    for model in our_models():
        meta = model._meta
        for name in ("verbose_name", "verbose_name_plural"):
            # Set in Meta: the defaults (from the class name, plus "s") are English.
            if not is_translated(meta.original_attrs.get(name)):
                wrong.append(f"{meta.label}.Meta.{name}")
        for field in meta.get_fields(include_parents=True):
            if field.auto_created or not field.concrete:
                continue
            # The scrutiny app's field names are shown only in the admin, which stays in
            # English; its forms give every field its own label (checked below).
            if meta.app_label in FIELD_NAMES_SHOWN and not is_translated(field.verbose_name):
                wrong.append(f"{meta.label}.{field.name}: {field.verbose_name!r}")
            if field.help_text and not is_translated(field.help_text):
                wrong.append(f"{meta.label}.{field.name} help: {field.help_text!r}")
    assert not wrong, "Model and field names without Welsh:\n  " + "\n  ".join(wrong)


def test_every_form_label_help_and_error_is_translated():
    """Labels, help texts, error messages and choice labels a form class declares (those
    a model field gives it are checked above)."""
    classes = our_forms()
    assert len(classes) >= 5, classes
    wrong = []
    for cls in classes:
        where = f"{cls.__module__}.{cls.__name__}"
        with translation.override("cy"):
            welsh_fields = form_fields(cls)
        for name, field in form_fields(cls).items():
            for attr in ("label", "help_text"):
                value = getattr(field, attr)
                # A text made in __init__ with gettext is plain: compare it with the Welsh
                # form's.
                welsh_value = getattr(welsh_fields.get(name), attr, value)
                if isinstance(value, str) and not isinstance(value, Promise):
                    plain_welsh = str(welsh_value) != value
                else:
                    plain_welsh = False
                if value and words_in(str(value)) and not (plain_welsh or is_translated(value)):
                    wrong.append(f"{where}.{name}.{attr}: {value!r}")
            for code, message in field.error_messages.items():
                if not is_translated(message):
                    wrong.append(f"{where}.{name} error {code}: {message!r}")
            if isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                for _value, label in field.choices:
                    shown = isinstance(label, str | Promise) and words_in(str(label))
                    if shown and not is_translated(label):
                        wrong.append(f"{where}.{name} choice: {label!r}")
            empty_label = getattr(field, "empty_label", None)
            if empty_label and words_in(str(empty_label)) and not is_translated(empty_label):
                wrong.append(f"{where}.{name} empty label: {empty_label!r}")
    assert not wrong, "Form texts without Welsh:\n  " + "\n  ".join(wrong)


def test_the_python_checks_can_fail():
    """is_translated tells a plain string and an untranslated lazy one from Welsh."""
    from django.utils.translation import gettext_lazy

    assert not is_translated("Status")
    assert not is_translated(gettext_lazy("No msgid like this one anywhere"))
    assert is_translated(gettext_lazy("This field is required."))  # Django's own Welsh
