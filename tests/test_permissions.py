"""Permissions live in one permissions.py per app, as ``can_*`` functions any user may be
asked about, anonymous visitors included; and every page refuses through the one helper,
``scrutiny.common.pages.refuse``.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

import recommendations.permissions
import scrutiny.permissions
from scrutiny.common.pages import SignInFirst, SignInFirstMiddleware, refuse

ROOT = Path(__file__).resolve().parent.parent
PERMISSION_MODULES = [scrutiny.permissions, recommendations.permissions]


def can_functions():
    for module in PERMISSION_MODULES:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("can_") and function.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", function


CAN_FUNCTIONS = dict(can_functions())


def test_the_permission_modules_have_can_functions():
    assert "scrutiny.permissions.can_manage_council" in CAN_FUNCTIONS
    assert "recommendations.permissions.can_manage" in CAN_FUNCTIONS


def _argument(name: str, world):
    """A real object of the world for each parameter a ``can_*`` function takes."""
    return {
        "council_id": world.council_a.pk,
        "council": world.council_a,
        "recommendation": world.rec_a1,
        "review": world.review_a,
        "update": world.update_a,
        "proposal": world.proposal_a,
    }[name]


@pytest.mark.parametrize("name", sorted(CAN_FUNCTIONS))
def test_every_can_function_says_no_to_an_anonymous_visitor(world, db, name):
    function = CAN_FUNCTIONS[name]
    params = list(inspect.signature(function).parameters)
    assert params[0] == "user", f"{name}: the user comes first"
    args = [_argument(param, world) for param in params[1:]]
    assert function(AnonymousUser(), *args) is False, name


@pytest.mark.parametrize("name", sorted(CAN_FUNCTIONS))
def test_every_can_function_says_yes_to_an_administrator(world, db, name):
    """The flags are real answers, not always False: an administrator may do everything."""
    function = CAN_FUNCTIONS[name]
    args = [_argument(param, world) for param in list(inspect.signature(function).parameters)[1:]]
    assert function(world.user("admin"), *args) is True, name


def test_refuse_sends_an_anonymous_visitor_to_sign_in(world, db):
    with pytest.raises(SignInFirst) as refused:
        refuse(AnonymousUser(), "Not for you", next_url="/back/")
    assert refused.value.next_url == "/back/"
    # Where the middleware does not run, it is still a 403.
    assert isinstance(refused.value, PermissionDenied)


def test_refuse_tells_a_signed_in_user_why(world, db):
    with pytest.raises(PermissionDenied) as refused:
        refuse(world.councillor, "Not for you")
    assert not isinstance(refused.value, SignInFirst)
    assert str(refused.value) == "Not for you"


def test_refuse_may_give_an_anonymous_visitor_the_403_too():
    with pytest.raises(PermissionDenied) as refused:
        refuse(AnonymousUser(), "Only members", sign_in=False)
    assert not isinstance(refused.value, SignInFirst)


def test_the_middleware_redirects_to_sign_in_and_back():
    middleware = SignInFirstMiddleware(lambda request: None)
    request = RequestFactory().get("/somewhere/?page=2")
    response = middleware.process_exception(request, SignInFirst())
    assert response.status_code == 302
    assert response["Location"].endswith("?next=/somewhere/%3Fpage%3D2")
    response = middleware.process_exception(request, SignInFirst(next_url="/back/"))
    assert response["Location"].endswith("?next=/back/")
    assert middleware.process_exception(request, PermissionDenied()) is None


# Where a refusal may be raised by hand: the helper itself (and the admin's history, which
# is machinery too), and services, which re-check what the page checked with the same can_*
# functions and are called from more than pages.
RAISE_ALLOWED = re.compile(r"^(scrutiny/common/|\w+/services(/|\.py))")
RAISES = re.compile(r"raise PermissionDenied\b|redirect_to_login\(")


def test_every_page_refuses_through_the_one_helper():
    offenders = []
    for app in ("scrutiny", "recommendations", "partnerships"):
        for path in (ROOT / app).rglob("*.py"):
            relative = path.relative_to(ROOT).as_posix()
            if "migrations" in path.parts or RAISE_ALLOWED.match(relative):
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if RAISES.search(line):
                    offenders.append(f"{relative}:{number}: {line.strip()}")
    assert not offenders, "Refuse with scrutiny.common.pages.refuse:\n" + "\n".join(offenders)


TEMPLATE_USER_CHECKS = re.compile(r"user\.(is_superuser|is_staff|manages_council|role\b)")


def test_templates_ask_flags_not_the_user_object_about_permissions():
    """Templates show what the view's can_* flags allow; they do not work out permissions.
    (``user.is_authenticated`` stays for the signed-in banner and the sign-in links.)"""
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if TEMPLATE_USER_CHECKS.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert not offenders, "\n".join(offenders)
