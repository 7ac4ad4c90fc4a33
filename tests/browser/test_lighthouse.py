"""Lighthouse (npm ``lighthouse``, driving Debian's Chromium) scores the home page, a
review, a recommendation and a meeting of the demo data: accessibility 100 and best
practices at least 95, for an anonymous visitor; and the review's edit form for a signed-in
member of democratic services (their session cookie sent with every request). Each score is
printed (``pytest -s``); below the mark, the failing audits are named in the message.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from partnerships.models import User
from recommendations.models import Recommendation
from scrutiny.demo import demo_load
from scrutiny.models import Meeting, Review
from tests.checkers import CHROMIUM, CHROMIUM_ARGS, lighthouse  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACCESSIBILITY = 1.0
BEST_PRACTICES = 0.95
CHROME_FLAGS = " ".join(CHROMIUM_ARGS)
# One Lighthouse run takes some 10 to 20 seconds on two cores.
RUN_TIMEOUT = 180


def run_lighthouse(command, url: str, cookie: str | None = None) -> dict:
    """Lighthouse's report (as JSON) of ``url``, accessibility and best practices only."""
    args = [
        str(command),
        url,
        "--only-categories=accessibility,best-practices",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if cookie:
        args.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    done = subprocess.run(
        args,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"lighthouse {url} failed:\n{done.stderr[-3000:]}"
    report = json.loads(done.stdout)
    assert not report.get("runtimeError"), report["runtimeError"]
    return report


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits of a category that scored below full marks, by id and title, each with
    the first few elements it faults (their selector and markup)."""
    audits = report["audits"]
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            items = (audit.get("details") or {}).get("items") or []
            nodes = [
                f"{node.get('selector', '')} {node.get('snippet', '')}"
                for item in items[:3]
                if isinstance(node := item.get("node"), dict)
            ]
            failing.append(f"{audit['id']}: {audit['title']} " + " | ".join(nodes))
    return failing


def signed_in_cookie(username: str) -> str:
    """A session cookie of ``username``, signed in through Django as the live server sees."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    return f"sessionid={client.cookies['sessionid'].value}"


def test_lighthouse_scores_the_main_pages_full_marks_for_accessibility(
    live_server,
    lighthouse,  # noqa: F811
):
    demo_load()
    anonymous = AnonymousUser()
    review = Review.objects.visible_to(anonymous).order_by("pk").first()
    recommendation = Recommendation.objects.filter(review=review).order_by("sort_key").first()
    # The meeting with the fullest agenda.
    meeting = Meeting.objects.annotate(n=Count("items")).order_by("-n", "-date").first()
    runs = [
        ("home", "/", None),
        ("review", review.get_absolute_url(), None),
        ("recommendation", recommendation.get_absolute_url(), None),
        ("meeting", meeting.get_absolute_url(), None),
        # A form: its fields and buttons, for democratic services, who alone may open it.
        ("review form", reverse("scrutiny:review-edit", args=[review.pk]), "democratic"),
    ]

    results = []
    for name, path, who in runs:
        started = time.monotonic()
        report = run_lighthouse(
            lighthouse, live_server.url + path, signed_in_cookie(who) if who else None
        )
        results.append((name, path, report, time.monotonic() - started))
        # Not sent to sign in: the signed-in run scored the form itself.
        assert urlsplit(report["finalDisplayedUrl"]).path == path, report["finalDisplayedUrl"]

    version = results[0][2]["lighthouseVersion"]
    print(f"\nLighthouse {version}: accessibility, best practices")
    problems = []
    for name, path, report, took in results:
        scores = {c: report["categories"][c]["score"] for c in ("accessibility", "best-practices")}
        print(
            f"  {name:<18} {path:<28} {scores['accessibility'] * 100:5.0f} "
            f"{scores['best-practices'] * 100:5.0f}   ({took:.1f} s)"
        )
        for category, mark in (
            ("accessibility", ACCESSIBILITY),
            ("best-practices", BEST_PRACTICES),
        ):
            if scores[category] < mark:
                problems.append(
                    f"{name} ({path}) {category} {scores[category]:.2f} < {mark}: "
                    + "; ".join(failing_audits(report, category))
                )
    assert not problems, "\n".join(problems)
