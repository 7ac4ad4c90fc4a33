"""Forms saved once: a form that creates records carries a one-time token (a hidden
field), and saving spends it, in the same transaction as the save, by inserting it into a
table where it is unique (``SentForm``). The same form sent again (a double click, the
browser's "resubmit", a second tab) finds it spent and saves nothing: the page shows what
the first sending saved. Two sendings at the same moment queue on the unique index (on
PostgreSQL the second waits for the first's transaction; on SQLite each transaction takes
the write lock as it begins), so exactly one saves.

A form without a token (a page loaded before this existed) saves as before.
"""

from __future__ import annotations

import datetime
import re
import secrets

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext

from scrutiny.common.models import SentForm

# The hidden field's name.
FORM_TOKEN = "form_token"
_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")
# Spent tokens are kept this long: long enough for any resubmit of a page left open.
KEEP_SPENT = datetime.timedelta(days=2)


class AlreadySent(Exception):
    """The form's token was spent by an earlier sending: nothing was saved this time."""

    def __init__(self, token: str):
        super().__init__("This form was already sent and saved.")
        self.token = token


def form_token(data) -> str:
    """The token a form carries: the one posted in ``data`` when it has a valid shape (the
    page coming back with errors keeps its token), else a new one."""
    return posted_token(data) or secrets.token_urlsafe(24)


def posted_token(data) -> str | None:
    """The token posted in ``data``, None when there is none of a valid shape."""
    posted = data.get(FORM_TOKEN, "") if data is not None else ""
    return posted if _SHAPE.fullmatch(posted or "") else None


def form_token_spend(token: str | None) -> SentForm | None:
    """Spend ``token`` inside the caller's transaction (so that a save that fails leaves it
    unspent); raise ``AlreadySent`` when an earlier sending spent it. None: no token, no
    check."""
    if token is None:
        return None
    SentForm.objects.filter(sent_at__lt=timezone.now() - KEEP_SPENT).delete()
    try:
        with transaction.atomic():
            return SentForm.objects.create(token=token)
    except IntegrityError:
        raise AlreadySent(token) from None


def form_token_result(sent: SentForm | None, url: str) -> None:
    """Record where the first sending's result is shown, in its transaction."""
    if sent is not None:
        sent.result_url = url
        sent.save(update_fields=["result_url"])


def already_sent_response(request, error: AlreadySent, fallback: str):
    """The answer to a form sent again: what the first sending saved, and why nothing more
    was saved."""
    url = (
        SentForm.objects.filter(token=error.token).values_list("result_url", flat=True).first()
        or fallback
    )
    messages.info(
        request,
        gettext(
            "This was saved when you first sent it, so it was not saved again. This is what "
            "was saved."
        ),
    )
    return redirect(url)
