"""Welsh versions of what people write: a review's title, a recommendation's words, an
update's summary, an agreed action.

Each such field ``x`` has a ``x_cy`` beside it, blank until someone gives a Welsh version.
The rule: when the reader has chosen Welsh, show the Welsh version; when there is none,
show the English and say so (and mark it ``lang="en"``, so that a screen reader speaks it
as English). A reader of English always gets the English.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

WELSH = "cy"


def welsh_chosen() -> bool:
    """Whether the page is being drawn in Welsh."""
    return (get_language() or "").split("-")[0] == WELSH


class Localised(str):
    """Text in the reader's language. ``lang`` is the language it is in ("cy" or "en");
    ``fell_back`` is true when Welsh was wanted and only English exists."""

    lang: str = "en"
    fell_back: bool = False

    @classmethod
    def of(cls, text: str, *, lang: str, fell_back: bool) -> Localised:
        value = cls(text)
        value.lang, value.fell_back = lang, fell_back
        return value


def localised(obj, field: str) -> Localised:
    """``obj.<field>`` in the reader's language, by the rule above."""
    english = getattr(obj, field) or ""
    if not welsh_chosen():
        return Localised.of(english, lang="en", fell_back=False)
    welsh = (getattr(obj, f"{field}_cy", "") or "").strip()
    if welsh:
        return Localised.of(welsh, lang=WELSH, fell_back=False)
    return Localised.of(english, lang="en", fell_back=bool(english.strip()))


WELSH_HELP = _("Leave blank if there is no Welsh version yet: the English is shown.")


def welsh_char(verbose_name, *, max_length: int) -> models.CharField:
    """The Welsh twin of a one-line English field: optional, as long as the English."""
    return models.CharField(verbose_name, max_length=max_length, blank=True, help_text=WELSH_HELP)


def welsh_textarea(verbose_name) -> models.TextField:
    """The Welsh twin of a many-line English field: optional."""
    return models.TextField(verbose_name, blank=True, help_text=WELSH_HELP)
