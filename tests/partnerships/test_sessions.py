"""Sessions: a new key at sign-in, nothing left at sign-out, 30 minutes idle and 8 hours in
all, and a deactivated account signed out everywhere at once."""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.models import Role
from scrutiny.common.sessions import SAVED_AT, SIGNED_IN_AT
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
# A page only a signed-in user may open: anyone else is sent to sign in.
PRIVATE_URL = "/accounts/password/"


@pytest.fixture
def officer():
    return user_with_role(Role.OFFICER, username="sam.officer")


def session_key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def signed_in(client) -> bool:
    return client.get(PRIVATE_URL).status_code == 200


def set_session_key(client, key: str) -> None:
    client.cookies[settings.SESSION_COOKIE_NAME] = key


def test_the_session_settings_are_as_documented():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_ABSOLUTE_AGE == 8 * 60 * 60
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_signing_in_gives_a_new_session_key_and_the_old_one_is_gone(client, officer):
    # A session someone planted before sign-in (session fixation).
    session = client.session
    session["planted"] = True
    session.save()
    planted = session.session_key
    set_session_key(client, planted)

    response = client.post(LOGIN_URL, {"username": "sam.officer", "password": PASSWORD})

    assert response.status_code == 302
    assert session_key(client) != planted
    assert not Session.objects.filter(session_key=planted).exists()
    # The planted key is of no use to whoever planted it.
    attacker = type(client)()
    set_session_key(attacker, planted)
    assert not signed_in(attacker)
    assert signed_in(client)


def test_signing_out_deletes_the_session_so_its_cookie_is_useless(client, officer):
    client.post(LOGIN_URL, {"username": "sam.officer", "password": PASSWORD})
    key = session_key(client)
    assert Session.objects.filter(session_key=key).exists()

    client.post("/accounts/logout/")

    assert not Session.objects.filter(session_key=key).exists()
    replay = type(client)()
    set_session_key(replay, key)
    assert not signed_in(replay)


def test_each_request_pushes_the_idle_expiry_on(client, officer):
    client.force_login(officer)
    key = session_key(client)
    Session.objects.filter(pk=key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=1)
    )

    assert signed_in(client)

    expiry = Session.objects.get(pk=key).expire_date
    assert expiry > timezone.now() + datetime.timedelta(minutes=29)


def session_writes(client, url=PRIVATE_URL) -> list[str]:
    """The SQL that wrote a session row while the client opened the URL."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [
        query["sql"]
        for query in captured.captured_queries
        if "django_session" in query["sql"]
        and query["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


def test_an_unchanged_session_is_saved_at_most_once_a_minute(client, officer):
    client.force_login(officer)
    assert len(session_writes(client)) == 1

    # Issue 17: the row was written on every signed-in request.
    assert session_writes(client) == []
    assert session_writes(client, "/") == []
    assert signed_in(client)


def test_a_minute_after_its_last_save_a_request_pushes_the_idle_expiry_on(client, officer):
    client.force_login(officer)
    assert signed_in(client)
    key = session_key(client)
    session = client.session
    session[SAVED_AT] = int(time.time()) - settings.SESSION_SAVE_INTERVAL - 1
    session.save()
    Session.objects.filter(pk=key).update(
        expire_date=timezone.now() + datetime.timedelta(minutes=1)
    )

    assert len(session_writes(client)) == 1

    expiry = Session.objects.get(pk=key).expire_date
    assert expiry > timezone.now() + datetime.timedelta(minutes=29)
    assert session_writes(client) == []


def test_signing_out_within_the_minute_still_deletes_the_session(client, officer):
    client.post(LOGIN_URL, {"username": "sam.officer", "password": PASSWORD})
    key = session_key(client)
    assert signed_in(client)

    client.post("/accounts/logout/")

    assert not Session.objects.filter(session_key=key).exists()
    assert not signed_in(client)


def test_thirty_minutes_without_a_request_ends_the_session(client, officer):
    client.force_login(officer)
    key = session_key(client)
    Session.objects.filter(pk=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = client.get(PRIVATE_URL)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def age_sign_in(client, seconds: int) -> None:
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - seconds
    session.save()


def test_a_busy_session_still_ends_eight_hours_after_signing_in(client, officer):
    client.force_login(officer)
    key = session_key(client)
    age_sign_in(client, settings.SESSION_ABSOLUTE_AGE - 60)
    assert signed_in(client)

    age_sign_in(client, settings.SESSION_ABSOLUTE_AGE + 1)
    response = client.get("/", follow=True)

    assert SESSION_KEY not in client.session
    assert not Session.objects.filter(pk=key).exists()
    page = " ".join(response.content.decode().split())
    assert "Signed in as" not in page
    assert "signed in more than 8 hours ago" in page
    assert not signed_in(client)


def test_a_signed_in_session_without_a_sign_in_time_ends(client, officer):
    client.force_login(officer)
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()

    assert not signed_in(client)


def test_signing_in_records_when(client, officer):
    before = int(time.time())
    client.post(LOGIN_URL, {"username": "sam.officer", "password": PASSWORD})

    assert before <= client.session[SIGNED_IN_AT] <= int(time.time())


def test_deactivating_an_account_ends_all_its_sessions_at_once(client, officer):
    other = user_with_role(Role.OFFICER)
    laptop, phone, bystander = type(client)(), type(client)(), type(client)()
    laptop.force_login(officer)
    phone.force_login(officer)
    bystander.force_login(other)
    keys = [session_key(laptop), session_key(phone)]

    officer.is_active = False
    officer.save()

    assert not Session.objects.filter(pk__in=keys).exists()
    assert not signed_in(laptop)
    assert not signed_in(phone)
    assert signed_in(bystander)


def test_an_old_cookie_of_a_deactivated_account_is_refused_even_if_its_row_survives(
    client, officer
):
    client.force_login(officer)
    # Deactivated by a bulk update, which sends no signal: the row stays, the user cannot.
    type(officer).objects.filter(pk=officer.pk).update(is_active=False)

    assert not signed_in(client)


def test_deactivating_in_the_admin_ends_the_sessions(client, officer):
    officer_browser = type(client)()
    officer_browser.force_login(officer)
    admin = user_with_role(None, username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    change = client.get(f"/admin/partnerships/user/{officer.pk}/change/")
    form = change.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("password", "groups", "user_permissions")
    }
    data.update(
        {
            "date_joined_0": officer.date_joined.strftime("%d/%m/%Y"),
            "date_joined_1": officer.date_joined.strftime("%H:%M:%S"),
            "is_active": "",
            "groups": [g.pk for g in officer.groups.all()],
        }
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    data.pop("is_active")

    response = client.post(f"/admin/partnerships/user/{officer.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    officer.refresh_from_db()
    assert not officer.is_active
    assert not signed_in(officer_browser)
    assert not Session.objects.filter(pk=session_key(officer_browser)).exists()
