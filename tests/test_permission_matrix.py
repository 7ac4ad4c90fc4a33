"""The permission matrix: every URL pattern of the project, for every role, GET and POST,
against a table of what each may do. Deny by default.

The URL patterns are found by walking the project's resolver, so a new view without an entry
in ``MATRIX`` fails ``test_every_url_pattern_has_an_entry`` (and its own matrix test). Each
entry says how to build the URL's arguments from the world (``tests.support.world``: council A's
records, seen by council A's people) and what each role gets for GET and for POST; a role an
entry does not list is refused: sent to sign in when anonymous, 403 when signed in.

A POST carries an empty body: what is checked is whether the view lets the user in (a page
with the form's errors, or a redirect to where the change went) or refuses them, not
whether an empty form saves. The Django admin's URLs share one rule, "staff only", checked on
a few representative admin pages.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from scrutiny.common.feed_tokens import feed_token
from scrutiny.services.update_requests import request_token
from tests.support.matrix import (  # noqa: F401 (OK and the shapes are read from here too)
    ADMIN_LOGIN,
    FORBIDDEN,
    LOGIN,
    MANAGED_FORM,
    MANAGERS,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    PUBLIC_PAGE,
    REFUSED,
    SIGNED_IN,
    Entry,
    entry,
    everyone,
    pk,
    review_pk,
    signed_in,
)
from tests.support.world import ROLES, World, client_for

MATRIX: dict[str, Entry] = {
    # --- scrutiny: home, committees, meetings, items, actions --------------------------
    "scrutiny:home": entry(shape=PUBLIC_PAGE),
    "scrutiny:home-council-list": entry(shape=PUBLIC_PAGE),
    # Everyone signed in has a list (empty for those who report on nothing).
    "scrutiny:update-owed-list": entry(get=signed_in(OK), post=signed_in(NOT_ALLOWED)),
    "scrutiny:committee-list": entry(shape=PUBLIC_PAGE),
    "scrutiny:committee-create": entry(shape=MANAGED_FORM),
    "scrutiny:committee-detail": entry(pk("committee_a"), shape=PUBLIC_PAGE),
    "scrutiny:committee-edit": entry(pk("committee_a"), shape=MANAGED_FORM),
    "scrutiny:committee-work-programme": entry(pk("committee_a"), shape=PUBLIC_PAGE),
    "scrutiny:meeting-create": entry(pk("committee_a"), shape=MANAGED_FORM),
    "scrutiny:meeting-detail": entry(pk("meeting_a"), shape=PUBLIC_PAGE),
    "scrutiny:meeting-edit": entry(pk("meeting_a"), shape=MANAGED_FORM),
    # Anyone may read what is due; only the council's democratic services add it.
    "scrutiny:meeting-due": entry(pk("next_meeting_a"), get=everyone(OK), post=MANAGERS),
    "scrutiny:meeting-record": entry(pk("meeting_a"), shape=MANAGED_FORM),
    "scrutiny:item-create": entry(pk("meeting_a"), shape=MANAGED_FORM),
    "scrutiny:item-edit": entry(pk("item_a"), shape=MANAGED_FORM),
    "scrutiny:action-create": entry(pk("meeting_a"), shape=MANAGED_FORM),
    "scrutiny:action-edit": entry(pk("action_a"), shape=MANAGED_FORM),
    # --- scrutiny: reviews and decisions ------------------------------------------------
    "scrutiny:review-list": entry(shape=PUBLIC_PAGE),
    "scrutiny:review-create": entry(shape=MANAGED_FORM),
    "scrutiny:review-detail": entry(pk("review_a"), shape=PUBLIC_PAGE),
    "scrutiny:review-edit": entry(pk("review_a"), shape=MANAGED_FORM),
    "scrutiny:decision-list": entry(shape=PUBLIC_PAGE),
    "scrutiny:decision-create": entry(shape=MANAGED_FORM),
    "scrutiny:decision-detail": entry(pk("decision_a"), shape=PUBLIC_PAGE),
    "scrutiny:decision-edit": entry(pk("decision_a"), shape=MANAGED_FORM),
    # --- scrutiny: packs and trackers ---------------------------------------------------
    "scrutiny:meeting-pack": entry(pk("meeting_a"), shape=PUBLIC_PAGE),
    "scrutiny:meeting-pack-pdf": entry(pk("meeting_a"), shape=PUBLIC_PAGE),
    "scrutiny:review-tracker-pdf": entry(pk("review_a"), shape=PUBLIC_PAGE),
    "scrutiny:review-tracker-xlsx": entry(pk("review_a"), shape=PUBLIC_PAGE),
    "scrutiny:review-tracker-csv": entry(pk("review_a"), shape=PUBLIC_PAGE),
    # --- downloads of the lists: whoever may see the page, as they see it --------------
    **{
        f"scrutiny:committee-{what}-{kind}": entry(pk("committee_a"), shape=PUBLIC_PAGE)
        for what in ("recommendations", "actions")
        for kind in ("csv", "xlsx")
    },
    **{
        f"partnerships:organisation-{what}-{kind}": entry(pk("partner_body"), shape=PUBLIC_PAGE)
        for what in ("recommendations", "actions")
        for kind in ("csv", "xlsx")
    },
    **{
        f"recommendations:recommendation-list-{kind}": entry(shape=PUBLIC_PAGE)
        for kind in ("csv", "xlsx")
    },
    **{
        f"scrutiny:search-{kind}": entry(shape=PUBLIC_PAGE, query="?q=care")
        for kind in ("csv", "xlsx")
    },
    **{
        f"scrutiny:{name}-{kind}": entry(kwargs, shape=PUBLIC_PAGE)
        for name, kwargs in (
            ("meeting-actions", pk("meeting_a")),
            ("meeting-due", pk("next_meeting_a")),
            ("committee-work-programme", pk("committee_a")),
            ("review-list", lambda w: {}),
            ("decision-list", lambda w: {}),
            ("committee-list", lambda w: {}),
        )
        for kind in ("csv", "xlsx")
    },
    **{
        f"scrutiny:update-owed-list-{kind}": entry(get=signed_in(OK), post=signed_in(NOT_ALLOWED))
        for kind in ("csv", "xlsx")
    },
    # --- scrutiny: search, across everything the reader may see -------------------------
    "scrutiny:search": entry(shape=PUBLIC_PAGE, query="?q=care"),
    # The accessibility statement: for everyone, signed in or not.
    "scrutiny:accessibility": entry(shape=PUBLIC_PAGE),
    # Open data: the public's data, for anyone; the API's documentation page too.
    "scrutiny:open-data": entry(shape=PUBLIC_PAGE),
    "scrutiny:open-data-file": entry(
        lambda w: {"dataset": "recommendations", "fmt": "csv"}, shape=PUBLIC_PAGE
    ),
    "scrutiny:api-docs": entry(shape=PUBLIC_PAGE),
    # iCalendar feeds: a committee's meetings are public; a user's due updates are found by
    # the secret token in the address (calendar apps cannot sign in), whoever asks. The
    # partner representative's: their feed holds nothing the public may not read, so the
    # hidden-record checks over these URLs hold (an officer's feed shows their council's
    # drafts to whoever has its secret address, as their own pages do to them).
    "scrutiny:committee-meetings-ics": entry(pk("committee_a"), shape=PUBLIC_PAGE),
    "scrutiny:update-owed-ics": entry(
        lambda w: {"token": feed_token(w.partner)}, shape=PUBLIC_PAGE
    ),
    # The read-only JSON API: anyone reads (each what their pages show); nothing is posted.
    # Its root is only where its paths start; its docs lead to scrutiny:api-docs.
    "api:api-root": entry(get=everyone(NOT_FOUND), post=everyone(NOT_FOUND)),
    "api:openapi-json": entry(shape=PUBLIC_PAGE),
    "api:openapi-view": entry(
        get=everyone("redirect to /open-data/api/"), post=everyone(NOT_ALLOWED)
    ),
    "api:review_list": entry(shape=PUBLIC_PAGE),
    "api:recommendation_list": entry(shape=PUBLIC_PAGE),
    "api:update_list": entry(shape=PUBLIC_PAGE),
    "api:action_list": entry(shape=PUBLIC_PAGE),
    "api:meeting_list": entry(shape=PUBLIC_PAGE),
    # One at a time: each as its page (a draft review's only for its council: see
    # tests/scrutiny/opendata/test_api_details.py).
    "api:review_detail": entry(lambda w: {"review_id": w.review_a.pk}, shape=PUBLIC_PAGE),
    "api:recommendation_detail": entry(
        lambda w: {"recommendation_id": w.rec_a1.pk}, shape=PUBLIC_PAGE
    ),
    "api:meeting_detail": entry(lambda w: {"meeting_id": w.meeting_a.pk}, shape=PUBLIC_PAGE),
    # The trivial page load tests measure against: "ok" for anyone.
    "scrutiny:health": entry(shape=PUBLIC_PAGE),
    # The load balancer's check: database and migrations, for anyone.
    "scrutiny:healthz": entry(shape=PUBLIC_PAGE),
    # "Stay signed in" on the timeout warning: a POST (answered 204), for anyone signed in.
    "scrutiny:session-keep-alive": entry(get=everyone(NOT_ALLOWED), post=signed_in(OK)),
    # The outbox: democratic services (their council's emails) and administrators (all);
    # "send again" is a POST only.
    "scrutiny:outbox-list": entry(get=MANAGERS, post=everyone(NOT_ALLOWED)),
    "scrutiny:outbox-resend": entry(
        pk("outbox_failed_a"), get=everyone(NOT_ALLOWED), post=MANAGERS
    ),
    # A council's reminder switches: its own democratic services, and administrators (any
    # council's).
    "scrutiny:chasing-edit": entry(shape=MANAGED_FORM),
    # Following: anyone may follow what they may see (the public by a confirmed email
    # address, a signed-in user at once); the links in the emails work for whoever holds them.
    "scrutiny:review-follow": entry(pk("review_a"), get=everyone(OK), post=everyone(OK)),
    "scrutiny:committee-follow": entry(pk("committee_a"), get=everyone(OK), post=everyone(OK)),
    "scrutiny:follow-confirm": entry(
        lambda w: {"signed": "not-a-link"}, get=everyone(OK), post=everyone("status 400")
    ),
    "scrutiny:follow-unsubscribe": entry(
        lambda w: {"token": "not-a-token"}, get=everyone(OK), post=everyone(OK)
    ),
    # --- recommendations ----------------------------------------------------------------
    # Update requests: the emailed link works for whoever holds it; the council's DS check.
    # The partner representative's, as with the calendar feeds: it holds nothing the public
    # may not read, so the hidden-record checks over these URLs hold (an officer's link shows
    # their council's drafts to whoever holds it, as their own pages do to them).
    "recommendations:update-request-respond": entry(
        lambda w: {"token": request_token(w.partner, w.next_meeting_a)},
        get=everyone(OK),
        post=everyone(OK),
    ),
    "recommendations:update-request-list": entry(get=MANAGERS, post=everyone(NOT_ALLOWED)),
    "recommendations:update-request-detail": entry(pk("submission_a"), shape=MANAGED_FORM),
    "recommendations:recommendation-list": entry(shape=PUBLIC_PAGE),
    "recommendations:recommendation-detail": entry(pk("rec_a1"), shape=PUBLIC_PAGE),
    "recommendations:recommendation-create": entry(review_pk("review_a"), shape=MANAGED_FORM),
    "recommendations:recommendation-edit": entry(pk("rec_a1"), shape=MANAGED_FORM),
    # The executive response: the council's officers too.
    "recommendations:response-edit": entry(
        pk("rec_a1"),
        get={**MANAGERS, "officer": OK},
        post={**MANAGERS, "officer": OK},
    ),
    # Many at once: the list pasted by those who add recommendations; the responses to a
    # whole review by those who record each one.
    "recommendations:recommendation-paste": entry(review_pk("review_a"), shape=MANAGED_FORM),
    "recommendations:review-responses-edit": entry(
        review_pk("review_a"),
        get={**MANAGERS, "officer": OK},
        post={**MANAGERS, "officer": OK},
    ),
    # Updates: the council's officers and democratic services, and the representative of a
    # body that carries one of the review's recommendations; never councillors.
    "recommendations:update-create": entry(
        review_pk("review_a"),
        get={**MANAGERS, "officer": OK, "partner": OK},
        post={**MANAGERS, "officer": OK, "partner": OK},
    ),
    "recommendations:update-detail": entry(pk("update_a"), shape=PUBLIC_PAGE),
    # --- partnerships ---------------------------------------------------------------------
    "partnerships:organisation-list": entry(shape=PUBLIC_PAGE),
    **{
        f"partnerships:organisation-list-{kind}": entry(shape=PUBLIC_PAGE)
        for kind in ("csv", "xlsx")
    },
    "partnerships:organisation-detail": entry(pk("partner_body"), shape=PUBLIC_PAGE),
    # A council's settings: its own democratic services change them.
    "partnerships:organisation-edit": entry(pk("council_a"), shape=MANAGED_FORM),
    # Partner bodies: added by democratic services (of their council) and admins; a body's
    # other names changed by those of a council it works with (the partner body is hosted
    # by council A) and admins.
    "partnerships:organisation-create": entry(shape=MANAGED_FORM),
    "partnerships:organisation-aliases-edit": entry(pk("partner_body"), shape=MANAGED_FORM),
    # Accounts: the council's democratic services (those of its partner bodies too) and
    # administrators; the officer is council A's. Another council's democratic services are
    # refused (tests/partnerships/test_accounts.py).
    # Your account: every signed-in person's own (there is no one else's to ask for).
    "partnerships:account-detail": entry(get=signed_in(OK), post=everyone(NOT_ALLOWED)),
    "partnerships:account-edit": entry(get=signed_in(OK), post=signed_in(OK)),
    "partnerships:user-list": entry(get=MANAGERS, post=everyone(NOT_ALLOWED)),
    "partnerships:user-create": entry(shape=MANAGED_FORM),
    "partnerships:user-detail": entry(pk("officer"), get=MANAGERS, post=everyone(NOT_ALLOWED)),
    "partnerships:user-edit": entry(pk("officer"), shape=MANAGED_FORM),
    "partnerships:user-deactivate": entry(pk("officer"), shape=MANAGED_FORM),
    "partnerships:user-reactivate": entry(pk("officer"), shape=MANAGED_FORM),
    # Resetting someone's two-factor sign-in (a lost phone): a confirmation page.
    "partnerships:user-two-factor-reset": entry(pk("officer"), shape=MANAGED_FORM),
    # Sending the invitation again: a button (POST) on the person's page.
    "partnerships:user-invite": entry(pk("officer"), get=everyone(NOT_ALLOWED), post=MANAGERS),
    # An invitation's link: anyone (the link is the proof); a made-up token shows the page
    # saying the link does not work.
    "partnerships:invitation-accept": entry(
        lambda w: {"uidb64": "MQ", "token": "made-up-token"}, get=everyone(OK), post=everyone(OK)
    ),
    # --- the project's own --------------------------------------------------------------
    "theme-css": entry(shape=PUBLIC_PAGE),
    # Signing in is for anyone; an empty POST is the form with its errors.
    "login": entry(get=everyone(OK), post=everyone(OK)),
    # The code after the password: only for a session that has just given the right password
    # of an account with an authenticator app; anyone else is sent to sign in.
    "login-code": entry(get=everyone(LOGIN), post=everyone(LOGIN)),
    # Two-factor sign-in, one's own: signed-in people only. Without an authenticator app
    # (as in the world), the recovery codes and turning off say so; a POST goes back to
    # the overview.
    "two-factor": entry(get=signed_in(OK), post=signed_in(NOT_ALLOWED)),
    "two-factor-set-up": entry(get=signed_in(OK), post=signed_in(OK)),
    "two-factor-recovery-codes": entry(get=signed_in(OK), post=signed_in(OK)),
    "two-factor-remove": entry(get=signed_in(OK), post=signed_in(OK)),
    # Signing out is a POST (a GET could be forged by any link).
    "logout": entry(get=everyone(NOT_ALLOWED), post=everyone(OK)),
    # Changing one's own password: signed-in people only.
    "password_change": entry(get=signed_in(OK), post=signed_in(OK)),
    "password_change_done": entry(get=signed_in(OK), post=signed_in(NOT_ALLOWED)),
    # Resetting a forgotten password by email: anyone (the link is the proof of who they are).
    # An empty POST is the form with its errors; a link with a made-up token shows the page
    # saying the link does not work (for GET and POST alike).
    "password_reset": entry(get=everyone(OK), post=everyone(OK)),
    "password_reset_done": entry(get=everyone(OK), post=everyone(NOT_ALLOWED)),
    "password_reset_confirm": entry(
        lambda w: {"uidb64": "MQ", "token": "made-up-token"}, get=everyone(OK), post=everyone(OK)
    ),
    "password_reset_complete": entry(get=everyone(OK), post=everyone(NOT_ALLOWED)),
    # A recommendation's history: anyone signed in who may see the recommendation.
    # A council's status words: its democratic services and admins.
    "recommendations:status-words-edit": entry(pk("council_a"), shape=MANAGED_FORM),
    "recommendations:recommendation-history": entry(
        pk("rec_a1"), get=signed_in(OK), post=everyone(NOT_ALLOWED)
    ),
    # Deleting and restoring: the council's democratic services and admins. Restoring is
    # a POST only (a button on the deleted items page).
    "recommendations:recommendation-delete": entry(pk("rec_a2"), shape=MANAGED_FORM),
    "recommendations:recommendation-restore": entry(
        pk("deleted_rec_a"), get=everyone(NOT_ALLOWED), post=MANAGERS
    ),
    # An update: democratic services who manage its recommendations, whoever recorded it
    # (the officer recorded update_a), admins.
    "recommendations:update-delete": entry(
        pk("update_a"),
        get={**MANAGERS, "officer": OK},
        post={**MANAGERS, "officer": OK},
    ),
    # Correcting an update: whoever recorded it (the officer, within the set period) and
    # democratic services who manage it (and admins).
    "recommendations:update-edit": entry(
        pk("update_a"),
        get={**MANAGERS, "officer": OK},
        post={**MANAGERS, "officer": OK},
    ),
    "recommendations:update-restore": entry(
        pk("deleted_update_a"), get=everyone(NOT_ALLOWED), post=MANAGERS
    ),
    # Withdrawing a closure proposed for sign-off: its proposer (the officer) and the
    # council's democratic services (and admins); a POST only (a button).
    "recommendations:proposal-withdraw": entry(
        pk("proposal_a"), get=everyone(NOT_ALLOWED), post={**MANAGERS, "officer": OK}
    ),
    # Bringing a tracker in: the council's democratic services and admins.
    "recommendations:import-create": entry(shape=MANAGED_FORM),
    "recommendations:import-map": entry(pk("import_run_a"), shape=MANAGED_FORM),
    "recommendations:import-preview": entry(pk("import_run_a"), shape=MANAGED_FORM),
    # Saved columns: used (a POST from the columns page) and deleted (asked first), and
    # unknown bodies said (a POST from the preview) by the same people.
    "recommendations:import-mapping-use": entry(
        pk("import_run_a"), get=everyone(NOT_ALLOWED), post=MANAGERS
    ),
    "recommendations:import-bodies": entry(
        pk("import_run_a"), get=everyone(NOT_ALLOWED), post=MANAGERS
    ),
    "recommendations:import-mapping-delete": entry(pk("saved_mapping_a"), shape=MANAGED_FORM),
    # How far an import has got (JSON the preview page polls while it imports).
    "recommendations:import-progress": entry(
        pk("import_run_a"), get=MANAGERS, post=everyone(NOT_ALLOWED)
    ),
    # What was deleted, to restore: democratic services and admins; a page to read.
    "recommendations:deleted-list": entry(get=MANAGERS, post=everyone(NOT_ALLOWED)),
    **{
        f"recommendations:deleted-list-{kind}": entry(get=MANAGERS, post=everyone(NOT_ALLOWED))
        for kind in ("csv", "xlsx")
    },
}

# The admin's URLs are one rule: staff only. These stand for all of them.
ADMIN_SAMPLES: dict[str, Callable[[World], dict]] = {
    "admin:index": lambda w: {},
    "admin:partnerships_user_changelist": lambda w: {},
    "admin:partnerships_user_change": lambda w: {"object_id": w.councillor.pk},
    "admin:scrutiny_review_change": lambda w: {"object_id": w.draft_review_a.pk},
    "admin:scrutiny_agendaitem_change": lambda w: {"object_id": w.exempt_item_a.pk},
    "admin:recommendations_progressupdate_changelist": lambda w: {},
}
ADMIN = {
    "get": {**dict.fromkeys(ROLES, ADMIN_LOGIN), "admin": OK},
    "post": {**dict.fromkeys(ROLES, ADMIN_LOGIN), "admin": OK},
}


def url_patterns(patterns=None, namespace: str = ""):
    """(name, route) of every URL pattern, in includes too; a name is namespaced
    ("scrutiny:home"), an unnamed pattern's name is None."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield name, namespace, str(pattern.pattern)


def is_admin(namespace: str) -> bool:
    return namespace.split(":")[0] == "admin"


PROJECT_NAMES = sorted(
    {name for name, namespace, _ in url_patterns() if name and not is_admin(namespace)}
)
UNNAMED = [
    f"{namespace}{route}"
    for name, namespace, route in url_patterns()
    if name is None and not is_admin(namespace)
]


def test_every_url_pattern_has_an_entry():
    """A view nobody decided the access rules for fails here (deny by default)."""
    missing = [name for name in PROJECT_NAMES if name not in MATRIX]
    assert not missing, f"URL patterns with no entry in the permission matrix: {missing}"
    assert not UNNAMED, f"URL patterns without a name cannot be checked: {UNNAMED}"


def test_every_entry_is_a_url_pattern():
    """An entry for a URL that no longer exists is a rule nobody checks."""
    stale = [name for name in MATRIX if name not in PROJECT_NAMES]
    assert not stale, f"Permission matrix entries for URLs that do not exist: {stale}"
    assert set(ADMIN_SAMPLES) <= {
        name for name, namespace, _ in url_patterns() if name and is_admin(namespace)
    }


def outcome_of(response) -> str:
    """What a response means, in the matrix's words."""
    status = response.status_code
    if status in (301, 302, 303):
        target = urlsplit(response["Location"]).path
        if target == reverse("admin:login"):
            return ADMIN_LOGIN
        if target == reverse(settings.LOGIN_URL):
            return LOGIN
        return OK
    return {
        200: OK,
        # Done, nothing to show: "Stay signed in" on the timeout warning.
        204: OK,
        403: FORBIDDEN,
        404: NOT_FOUND,
        405: NOT_ALLOWED,
    }.get(status, f"status {status}")


def request(client, method: str, url: str):
    if method == "get":
        return client.get(url)
    return client.post(url, {})


def check(client, w: World, name: str, url: str, method: str, expected: Callable[[str], str]):
    """Every role's outcome for one URL and method; the roles that got something else.
    Each request runs in a savepoint rolled back after it."""
    wrong = []
    for role in ROLES:
        client_for(client, w.user(role))
        # Each role meets the world as it was: what one role's POST did is undone.
        with transaction.atomic():
            response = request(client, method, url)
            transaction.set_rollback(True)
        got = outcome_of(response)
        if method == "get" and got == OK and response.status_code != 200:
            got = f"redirect to {response['Location']}"
        want = expected(role)
        if got != want:
            wrong.append(f"{role}: expected {want}, got {got}")
    return wrong


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", PROJECT_NAMES)
def test_matrix(client, world, db, name, method):
    rule = MATRIX.get(name)
    assert rule is not None, f"{name} has no entry in the permission matrix (deny by default)"
    url = reverse(name, kwargs=rule.kwargs(world)) + rule.query
    wrong = check(client, world, name, url, method, lambda role: rule.expected(method, role))
    assert not wrong, f"{method.upper()} {url} ({name}):\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", sorted(ADMIN_SAMPLES))
def test_admin_is_staff_only(client, world, db, name, method):
    url = reverse(name, kwargs=ADMIN_SAMPLES[name](world))
    wrong = check(client, world, name, url, method, lambda role: ADMIN[method][role])
    assert not wrong, f"{method.upper()} {url} ({name}):\n  " + "\n  ".join(wrong)


def test_the_login_outcome_is_the_sign_in_page():
    """The matrix's LOGIN means Django's sign-in page (settings.LOGIN_URL), which resolves."""
    assert resolve(reverse(settings.LOGIN_URL)).url_name == "login"
