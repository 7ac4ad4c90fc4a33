"""The status timeline (``StatusPeriod``) kept by every write equals one rebuilt from the
entries, for every audience, and ``with_status`` (which reads it) says what the entries say
as at any date, for the public and for the council's own people.

Random histories go through the services and pages that make the changes: an update
logged (between meetings or at a public or exempt item, setting statuses and revised target
dates), deleted and restored; a recommendation deleted and restored; an agenda item made
exempt or public on its edit page; an entry corrected and an update moved to another
agenda item in the admin; closure proposed for sign-off (between meetings or at an item)
and signed off or declined on the meeting record screen.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from partnerships.models import Role
from recommendations.models import (
    Audience,
    ClosureProposal,
    ProgressUpdate,
    Recommendation,
    Status,
    StatusPeriod,
    UpdateEntry,
)
from recommendations.services import (
    EntryInput,
    recommendation_delete,
    recommendation_restore,
    timeline_rebuild,
    update_create,
    update_delete,
    update_restore,
)
from scrutiny.services import ItemRecord, SignOffRecord, meeting_record
from tests.factories import AgendaItemFactory, MeetingFactory, user_with_role
from tests.support.forms import form_fields
from tests.support.hostile import post, rolled_back
from tests.support.status_oracle import statuses_from_entries

pytestmark = pytest.mark.django_db

D = datetime.date
MEETING_DAYS = [D(2021, 5, 25), D(2021, 9, 14)]
OTHER_DAYS = [D(2021, 3, 1), D(2021, 5, 25), D(2021, 7, 1)]
TARGETS = [D(2022, 1, 31), D(2022, 6, 30)]
# Dates to ask "as at": before anything, each day something happens, between and after.
AS_AT = [D(2021, 1, 1), *sorted(set(MEETING_DAYS + OTHER_DAYS)), D(2021, 8, 1), D(2030, 1, 1)]
STATUSES = ["", Status.ON_TRACK, Status.SLIPPED, Status.PAUSED, Status.ACHIEVED]
FIELDS = (
    "recommendation_id",
    "audience",
    "starts_on",
    "ends_on",
    "status",
    "entry_id",
    "sign_off_id",
    "status_since",
    "reason",
    "revised_target_date",
)

# --- The random histories -----------------------------------------------------------------

entry_says = st.tuples(st.sampled_from(STATUSES), st.booleans())
log = st.tuples(
    st.just("log"),
    st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True),
    # None: between meetings, on one of OTHER_DAYS; else (meeting, exempt item?).
    st.one_of(st.none(), st.tuples(st.integers(0, 1), st.booleans())),
    st.integers(0, len(OTHER_DAYS) - 1),
    st.lists(entry_says, min_size=3, max_size=3),
)
change = st.one_of(
    log,
    st.tuples(st.sampled_from(["delete update", "restore update"]), st.integers(0, 9)),
    st.tuples(st.sampled_from(["delete rec", "restore rec"]), st.integers(0, 2)),
    st.tuples(st.just("toggle exempt"), st.integers(0, 1), st.booleans()),
    st.tuples(
        st.just("correct entry"),
        st.integers(0, 9),
        st.sampled_from(["", Status.ON_TRACK, Status.PAUSED]),
        st.booleans(),
    ),
    st.tuples(st.just("move update"), st.integers(0, 9), st.integers(0, 1), st.booleans()),
    st.tuples(
        st.just("propose"),
        st.integers(0, 2),
        st.one_of(st.none(), st.tuples(st.integers(0, 1), st.booleans())),
        st.integers(0, len(OTHER_DAYS) - 1),
    ),
    st.tuples(
        st.just("decide"), st.integers(0, 9), st.integers(0, 1), st.booleans(), st.booleans()
    ),
)


@pytest.fixture
def world(council, recs, review):
    """Recommendations 4, 5 and 8; two meetings, each with a public and an exempt item on
    the review; democratic services who log, an administrator who corrects, a councillor."""
    items = {}
    for m, day in enumerate(MEETING_DAYS):
        meeting = MeetingFactory(committee=review.committee, date=day)
        items[m, False] = AgendaItemFactory(meeting=meeting, number=1, review=review)
        items[m, True] = AgendaItemFactory(
            meeting=meeting, number=2, review=review, exempt=True, exempt_reason="Para 3"
        )
    admin = user_with_role(None, is_superuser=True, is_staff=True)
    clerk = user_with_role(Role.DEMOCRATIC_SERVICES, council)
    clients = {"admin": Client(), "clerk": Client()}
    clients["admin"].force_login(admin)
    clients["clerk"].force_login(clerk)
    return {
        "recs": [recs[n] for n in sorted(recs)],
        "items": items,
        "clerk": clerk,
        "admin": admin,
        "clients": clients,
        "readers": {
            "no user": None,
            "the public": AnonymousUser(),
            "a councillor": user_with_role(Role.COUNCILLOR, council),
            "an administrator": admin,
        },
    }


def _log(w, rec_indexes, where, day, says):
    entries = []
    item = None if where is None else w["items"][where]
    for index in rec_indexes:
        status, revise = says[index]
        if status in Status.closing() and item is None:
            status = Status.PAUSED
        revised = TARGETS[index % 2] if revise or status == Status.SLIPPED else None
        entries.append(
            EntryInput(
                recommendation=Recommendation.all_objects.get(pk=w["recs"][index].pk),
                text="Said.",
                new_status=status,
                revised_target_date=revised,
                reason="Because."
                if status in (Status.SLIPPED, Status.PAUSED, *Status.closing())
                else "",
            )
        )
    update_create(
        actor=w["clerk"],
        given_on=OTHER_DAYS[day],
        kind="written",
        organisation=w["clerk"].organisation,
        given_by_role="Director",
        item=item,
        entries=entries,
    )


def _propose(w, index, where, day):
    """Propose recommendation ``index`` achieved, between meetings or at an item."""
    rec = Recommendation.all_objects.get(pk=w["recs"][index].pk)
    update_create(
        actor=w["clerk"],
        given_on=OTHER_DAYS[day],
        kind="written",
        organisation=w["clerk"].organisation,
        given_by_role="Director",
        item=None if where is None else w["items"][where],
        entries=[
            EntryInput(
                recommendation=rec,
                text="Done, we think.",
                proposed_status=Status.ACHIEVED,
                evidence="The evidence.",
            )
        ],
    )


def _decide(w, index, meeting, exempt, signed):
    """The committee signs off (or declines) a proposal at a meeting's public or exempt
    item, on the record screen's service."""
    proposals = list(ClosureProposal.objects.order_by("pk"))
    if not proposals:
        return
    item = w["items"][meeting, exempt]
    decision = SignOffRecord(proposals[index % len(proposals)], signed, "" if signed else "No.")
    meeting_record(
        meeting=item.meeting,
        actor=w["clerk"],
        items=[ItemRecord(item=item, sign_offs=[decision])],
    )


def _admin_post(w, obj, field: str, **changes):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    client = w["clients"]["admin"]
    data = form_fields(client.get(url).content.decode(), field)
    for name, value in changes.items():
        data[name] = [value] if value is not None else []
    return post(client, url, data)


def _apply(w, step) -> None:
    """Make one change, through the service or page that makes it; one a rule refuses
    changes nothing (as for a user)."""
    kind, *args = step
    updates = list(ProgressUpdate.all_objects.order_by("pk"))
    # The admin offers only live updates and entries (deleted ones are restored, not edited).
    live_updates = list(ProgressUpdate.objects.order_by("pk"))
    live_entries = list(UpdateEntry.objects.order_by("pk"))
    clerk = w["clerk"]
    try:
        if kind == "log":
            _log(w, *args)
        elif kind == "propose":
            _propose(w, *args)
        elif kind == "decide":
            _decide(w, *args)
        elif kind in ("delete update", "restore update") and updates:
            update = updates[args[0] % len(updates)]
            if kind == "delete update":
                update_delete(update=update, actor=clerk, reason="Wrong meeting.")
            else:
                update_restore(update=update, actor=clerk)
        elif kind in ("delete rec", "restore rec"):
            rec = Recommendation.all_objects.get(pk=w["recs"][args[0]].pk)
            if kind == "delete rec":
                recommendation_delete(recommendation=rec, actor=clerk, reason="A duplicate.")
            else:
                recommendation_restore(recommendation=rec, actor=clerk)
        elif kind == "toggle exempt":
            item = w["items"][args[0], args[1]]
            url = reverse("scrutiny:item-edit", args=[item.pk])
            client = w["clients"]["clerk"]
            data = form_fields(client.get(url).content.decode(), "exempt_reason")
            exempt = "on" in data["exempt"]
            data["exempt"] = [] if exempt else ["on"]
            data["exempt_reason"] = [] if exempt else ["Schedule 12A, paragraph 3"]
            assert post(client, url, data).status_code == 302
        elif kind == "correct entry" and live_entries:
            entry = live_entries[args[0] % len(live_entries)]
            revised = None if args[2] else TARGETS[1].isoformat()
            # A paused status needs its reason (ENTRY_NEEDS), in the admin as everywhere.
            reason = "As reported to the committee." if args[1] == Status.PAUSED else ""
            response = _admin_post(
                w,
                entry,
                "new_status",
                new_status=args[1],
                revised_target_date=revised,
                reason=reason,
            )
            assert response.status_code == 302
        elif kind == "move update" and live_updates:
            update = live_updates[args[0] % len(live_updates)]
            item = w["items"][args[1], args[2]]
            assert _admin_post(w, update, "given_by_role", item=str(item.pk)).status_code in (
                200,
                302,
            )
    except (PermissionDenied, ValidationError):
        pass


# --- What the timeline must say -------------------------------------------------------------


def _kept() -> list[tuple]:
    return sorted(StatusPeriod.objects.values_list(*FIELDS))


def _check(w) -> None:
    kept = _kept()
    timeline_rebuild()
    assert kept == _kept(), "the kept timeline differs from one rebuilt from the entries"
    for name, reader in w["readers"].items():
        for as_at in [None, *AS_AT]:
            said = {
                r.pk: (
                    r.status,
                    r.status_since,
                    r.status_reason or None,
                    r.revised_target_date,
                    r.current_target_date,
                    r.last_update_on,
                )
                for r in Recommendation.all_objects.with_status(as_at=as_at, user=reader)
            }
            assert said == statuses_from_entries(as_at, reader), (name, as_at)


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(change, min_size=1, max_size=8))
# Found by a run: an entry corrected to paused in the admin (which then needs a reason).
@example(steps=[("propose", 0, None, 0), ("correct entry", 0, Status.PAUSED, False)])
def test_the_kept_timeline_is_the_rebuilt_one_and_says_what_with_status_says(world, steps):
    with rolled_back():
        for step in steps:
            _apply(world, step)
        _check(world)


def test_the_timeline_of_a_simple_history(world):
    """An update on track, then one slipped at an exempt item: the public sees only the
    first; the council's people see both."""
    _log(world, [0], None, 0, [(Status.ON_TRACK, False)] * 3)
    _log(world, [0], (0, True), 0, [(Status.SLIPPED, False)] * 3)
    rec = world["recs"][0]
    full = StatusPeriod.objects.filter(recommendation=rec, audience=Audience.FULL)
    public = StatusPeriod.objects.filter(recommendation=rec, audience=Audience.PUBLIC)
    assert list(full.values_list("starts_on", "ends_on", "status")) == [
        (D(2021, 3, 1), D(2021, 5, 25), Status.ON_TRACK),
        (D(2021, 5, 25), None, Status.SLIPPED),
    ]
    assert list(public.values_list("starts_on", "ends_on", "status")) == [
        (D(2021, 3, 1), None, Status.ON_TRACK)
    ]
    assert full.get(ends_on=None).revised_target_date == TARGETS[0]


def test_a_sign_off_closes_it_as_at_the_meeting_for_those_who_see_its_item(world):
    """Proposed between meetings, signed off at the May meeting's public item: closed from
    that date for everyone; signed off at an exempt item: only for the council's people."""
    _propose(world, 0, None, 0)
    _decide(world, 0, 0, False, True)
    _propose(world, 1, None, 0)
    _decide(world, 1, 0, True, True)
    public = dict(
        StatusPeriod.objects.filter(audience=Audience.PUBLIC, ends_on=None).values_list(
            "recommendation_id", "status"
        )
    )
    full = dict(
        StatusPeriod.objects.filter(audience=Audience.FULL, ends_on=None).values_list(
            "recommendation_id", "status"
        )
    )
    first, second = world["recs"][0].pk, world["recs"][1].pk
    assert public[first] == full[first] == full[second] == Status.ACHIEVED
    assert public[second] == Status.NOT_STARTED
    period = StatusPeriod.objects.get(recommendation_id=first, audience=Audience.FULL, ends_on=None)
    assert period.starts_on == MEETING_DAYS[0] and period.entry_id is None
    assert period.sign_off_id == ClosureProposal.objects.get(recommendation_id=first).pk
    _check(world)


def test_the_command_rebuilds_every_timeline(world):
    _log(world, [0, 1], None, 1, [(Status.ON_TRACK, True)] * 3)
    kept = _kept()
    StatusPeriod.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_timelines", "--batch-size", "1", stdout=out)
    assert _kept() == kept and len(kept) == 4
    assert out.getvalue().startswith("Wrote 4 status periods")
