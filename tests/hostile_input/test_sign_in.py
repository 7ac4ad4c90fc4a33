"""Signing in with hostile credentials: refused with an error summary, nobody signed in."""

from __future__ import annotations

import pytest
from hypothesis import example, given

from tests.support.hostile import (
    HOSTILE,
    IMG,
    SCRIPT,
    assert_rejected,
    hostile_text,
    post,
    rolled_back,
)

pytestmark = pytest.mark.django_db


@HOSTILE
@example(username=SCRIPT, password=IMG)
@example(username="\x00", password="\x00")
@example(username="a" * 10_050, password="b" * 10_050)
@example(username="admin' --", password="' OR '1'='1")
@given(username=hostile_text(), password=hostile_text())
def test_sign_in_refuses_hostile_credentials_with_an_error_summary(client, w, username, password):
    with rolled_back():
        response = post(
            client, "/accounts/login/", {"username": [username], "password": [password]}
        )
        assert response.status_code < 500
        assert_rejected(response, username, password)
        assert "_auth_user_id" not in client.session
