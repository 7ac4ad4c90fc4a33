"""Secret addresses for calendar feeds: calendar apps cannot sign in, so a user's own feed is
found by a token in its URL instead.

The token is the user's id and a keyed hash (the site's secret key) of the id and the
user's password hash: nobody can make one without the secret key, and changing the
password (or the secret key) ends every address given out before.
"""

from __future__ import annotations

from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "scrutiny.common.feed_tokens.updates-owed"


def _signature(user) -> str:
    return salted_hmac(_SALT, f"{user.pk}:{user.password}", algorithm="sha256").hexdigest()[:40]


def feed_token(user) -> str:
    """The token of ``user``'s own feeds."""
    return f"{user.pk}-{_signature(user)}"


def feed_user_id(token: str) -> int | None:
    """The user id a token claims (not yet checked: ``token_is_for``), or None."""
    pk, _, signature = token.partition("-")
    if not pk.isdigit() or len(pk) > 18 or not signature:
        return None
    return int(pk)


def token_is_for(user, token: str) -> bool:
    """Whether ``token`` is ``user``'s current token."""
    return constant_time_compare(token, feed_token(user))
