"""Strings other packages' templates translate with our catalogue: crispy-forms-gds marks
them with {% trans %} but ships no Welsh, and makemessages reads only our own files, so
they are listed here to reach locale/cy (never imported; makemessages reads it as text)."""

from django.utils.translation import gettext_noop, ngettext

CRISPY_FORMS_GDS = [
    # gds/layout/error_summary.html
    gettext_noop("There is a problem"),
    # gds/field.html, a field with a character or word count
    gettext_noop("You can enter up to %(max_characters)s characters"),
    gettext_noop("You can enter up to %(max_words)s words"),
    # Django's own first option of a list to choose from, which its Welsh lacks.
    gettext_noop("- Select an option -"),
]

DJANGO_WITHOUT_WELSH = [
    # The username's help text (django.contrib.auth), which Django's Welsh lacks.
    gettext_noop("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
    # The password validators' refusals (django.contrib.auth.password_validation).
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
]


def _django_plurals_without_welsh(n):  # never called: makemessages reads the msgids
    return ngettext(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        n,
    )
