"""The permission matrix's vocabulary: the outcomes a role can get for a URL, the shapes
most entries take, and ``Entry``, how to build a URL from the world and what each role gets.
``tests/test_permission_matrix.py`` holds the matrix itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.support.world import ROLES, World

# Outcomes.
OK = "ok"  # GET: 200. POST: 200 (the form with its errors) or a redirect, not to sign in.
LOGIN = "login"  # 302 to the sign-in page.
ADMIN_LOGIN = "admin_login"  # 302 to the admin's sign-in page.
FORBIDDEN = "forbidden"  # 403
NOT_FOUND = "not_found"  # 404
NOT_ALLOWED = "not_allowed"  # 405
REFUSED = "refused"  # the default: LOGIN when anonymous, FORBIDDEN when signed in.

SIGNED_IN = [role for role in ROLES if role != "anonymous"]


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(ROLES, outcome)


def signed_in(outcome: str) -> dict[str, str]:
    """Anonymous visitors are sent to sign in; everyone signed in gets ``outcome``."""
    return {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, outcome)}


PUBLIC_PAGE = {"get": everyone(OK), "post": everyone(NOT_ALLOWED)}
MANAGERS = {"democratic": OK, "admin": OK}  # the council's democratic services, and admins
MANAGED_FORM = {"get": MANAGERS, "post": MANAGERS}


@dataclass
class Entry:
    """How to build a URL's keyword arguments from the world, and what each role gets."""

    kwargs: Callable[[World], dict] = lambda w: {}
    get: dict[str, str] = field(default_factory=dict)
    post: dict[str, str] = field(default_factory=dict)
    query: str = ""

    def expected(self, method: str, role: str) -> str:
        outcome = getattr(self, method).get(role, REFUSED)
        if outcome == REFUSED:
            return LOGIN if role == "anonymous" else FORBIDDEN
        return outcome


def entry(kwargs=lambda w: {}, *, get=None, post=None, query="", **shape) -> Entry:
    """An entry from ``shape`` (PUBLIC_PAGE, MANAGED_FORM) with ``get``/``post`` overriding."""
    base = shape.get("shape", {})
    return Entry(
        kwargs=kwargs,
        get=get if get is not None else base.get("get", {}),
        post=post if post is not None else base.get("post", {}),
        query=query,
    )


def pk(attr: str) -> Callable[[World], dict]:
    return lambda w: {"pk": getattr(w, attr).pk}


def review_pk(attr: str) -> Callable[[World], dict]:
    return lambda w: {"review_pk": getattr(w, attr).pk}
