"""A small world for access tests: two councils, each with a scrutiny committee and a
Cabinet, meetings, agenda items (one exempt), a published and a draft review, numbered
recommendations some of which a partner body carries, updates, decisions and agreed
actions; and someone in every role at council A, plus council B's officer and democratic
services and the partner body's representative.

Everything that must never reach the public carries a marker in its words: the exempt
items and what happened at them (updates, decisions, actions) carry ``EXEMPT_MARK``, the
draft review and its recommendations carry ``DRAFT_MARK``. A page, list or export shown to
someone who may not see them must not contain either marker.

The ``world`` fixture (tests/conftest.py) builds the world once per test module inside a
transaction that is rolled back at the end of the module; each test runs in a savepoint of
it (pytest-django's ``db``), so a test may change the world freely.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from partnerships.models import Organisation, Role, User
from recommendations.models import (
    ClosureProposal,
    ImportRun,
    ProgressUpdate,
    Recommendation,
    SavedImportMapping,
    Status,
)
from recommendations.services.imports import import_run_create
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    ExecutiveDecision,
    Meeting,
    Review,
)
from tests.factories import (
    AgendaItemFactory,
    AgreedActionFactory,
    CommitteeFactory,
    CouncilFactory,
    DecisionPointFactory,
    ExecutiveDecisionFactory,
    MeetingFactory,
    PartnershipFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    ReviewFactory,
    UpdateEntryFactory,
    UserFactory,
    user_with_role,
)
from tests.support.world_imports import import_records
from tests.support.world_outbox import world_outbox
from tests.support.world_proposals import world_proposals

# Words no page may show to someone who may not see exempt items, or draft reviews. Single
# made-up words, so that a PDF's line breaks cannot split them.
EXEMPT_MARK = "Quexemptzy"
# The tracker each council's democratic services uploaded (ImportRun), not yet imported.
TRACKER_CSV = b"Ref,Review,Recommendation,Target date\r\n1,Parks,Open the gates.,01/06/2030\r\n"
DRAFT_MARK = "Qudraftzy"

# The roles of the permission matrix, each a signed-in person of council A (the partner
# representative: of the partner body that carries council A's recommendations), or nobody.
ROLES = ["anonymous", "councillor", "officer", "partner", "democratic", "admin"]


@dataclass
class World:
    council_a: Organisation
    council_b: Organisation
    partner_body: Organisation
    other_body: Organisation

    committee_a: Committee
    cabinet_a: Committee
    committee_b: Committee
    cabinet_b: Committee

    meeting_a: Meeting  # past: the meeting the exempt business happened at
    next_meeting_a: Meeting  # to come: on the work programme and due list
    meeting_b: Meeting
    next_meeting_b: Meeting  # to come: action_b is due at it

    item_a: AgendaItem  # public, reports on review_a
    exempt_item_a: AgendaItem
    draft_item_a: AgendaItem  # public, but reports on the draft review
    next_exempt_item_a: AgendaItem  # exempt, at the meeting to come
    item_b: AgendaItem

    review_a: Review
    draft_review_a: Review
    review_b: Review
    draft_review_b: Review

    rec_a1: Recommendation  # carried by the partner body
    rec_a2: Recommendation  # carried by nobody outside the council
    draft_rec_a: Recommendation  # of the draft review, carried by the partner body
    deleted_rec_a: Recommendation  # soft-deleted
    rec_b: Recommendation  # council B's, carried by the partner body too
    deleted_rec_b: Recommendation

    update_a: ProgressUpdate  # at item_a, for the partner body, recorded by the officer
    exempt_update_a: ProgressUpdate  # at the exempt item
    draft_update_a: ProgressUpdate  # only on the draft review's recommendation
    deleted_update_a: ProgressUpdate  # soft-deleted
    update_b: ProgressUpdate
    deleted_update_b: ProgressUpdate

    decision_a: ExecutiveDecision  # referred to item_a
    exempt_decision_a: ExecutiveDecision  # considered at the exempt item
    decision_b: ExecutiveDecision

    action_a: AgreedAction  # at item_a, falls to the partner body
    exempt_action_a: AgreedAction  # agreed at the exempt item
    draft_action_a: AgreedAction  # public, but about the draft review
    action_b: AgreedAction

    proposal_a: ClosureProposal  # rec_a2 proposed achieved by the officer, waiting
    exempt_proposal_a: ClosureProposal  # rec_a1 proposed at the exempt item, waiting
    declined_proposal_b: ClosureProposal  # rec_b, declined at item_b
    proposal_b: ClosureProposal  # rec_b proposed again, waiting
    outbox_failed_a: object  # a failed email of council A's (world_outbox: its outbox)
    submission_a: object  # the officer's update sent by an update request, waiting

    import_run_a: ImportRun  # a tracker uploaded by council A's democratic services
    import_run_b: ImportRun
    # Council B's upload naming a body nobody knows, and each council's saved columns.
    unknown_body_run_b: ImportRun
    saved_mapping_a: SavedImportMapping
    saved_mapping_b: SavedImportMapping

    councillor: User
    officer: User
    partner: User
    democratic: User
    admin: User
    officer_b: User
    democratic_b: User

    def user(self, role: str) -> User | None:
        """The signed-in person for a role of ``ROLES`` (None for anonymous)."""
        return None if role == "anonymous" else getattr(self, role)


def soft_delete(obj, by: User) -> None:
    """Mark ``obj`` deleted as the app's delete would (with a reason where the model keeps
    one), without going through any view."""
    model = type(obj)
    changes = {"deleted_at": timezone.now(), "deleted_by": by}
    if any(f.name == "deletion_reason" for f in model._meta.get_fields()):
        changes["deletion_reason"] = "Entered by mistake"
    manager = getattr(model, "all_objects", model._default_manager)
    manager.filter(pk=obj.pk).update(**changes)
    obj.refresh_from_db(from_queryset=manager.all())


def build_world() -> World:
    today = timezone.localdate()
    council_a = CouncilFactory(name="Ashby Borough Council", short_name="Ashby")
    council_b = CouncilFactory(name="Brent Vale Council", short_name="Brent Vale")
    partner_body = PartnershipFactory(
        name="Care Workforce Partnership", short_name="CWP", host=council_a
    )
    partner_body.members.add(council_a, council_b)
    other_body = PartnershipFactory(name="Other Health Partnership", short_name="OHP")

    committee_a = CommitteeFactory(council=council_a, name="Adult Social Care Scrutiny")
    cabinet_a = CommitteeFactory(council=council_a, name="Cabinet", kind=Committee.Kind.CABINET)
    committee_b = CommitteeFactory(council=council_b, name="Health Scrutiny Committee")
    cabinet_b = CommitteeFactory(council=council_b, name="Cabinet", kind=Committee.Kind.CABINET)

    meeting_a = MeetingFactory(committee=committee_a, date=datetime.date(2021, 5, 25))
    next_meeting_a = MeetingFactory(committee=committee_a, date=today + datetime.timedelta(30))
    meeting_b = MeetingFactory(committee=committee_b, date=datetime.date(2021, 6, 8))
    next_meeting_b = MeetingFactory(committee=committee_b, date=today + datetime.timedelta(40))

    review_a = ReviewFactory(
        committee=committee_a,
        title="Social Care External Workforce",
        report_agreed_on=datetime.date(2020, 10, 1),
        response_received_on=datetime.date(2021, 1, 19),
    )
    draft_review_a = ReviewFactory(
        committee=committee_a,
        title=f"Care home closures {DRAFT_MARK}",
        summary=f"What the task group is looking at {DRAFT_MARK}.",
        lead_member=f"Councillor {DRAFT_MARK}",
        published=False,
        status=Review.Status.REPORT_AGREED,
        report_agreed_on=datetime.date(2021, 2, 1),
    )
    review_b = ReviewFactory(
        committee=committee_b,
        title="Regional workforce unit",
        report_agreed_on=datetime.date(2020, 11, 1),
    )
    draft_review_b = ReviewFactory(
        committee=committee_b, title="Brent Vale draft review", published=False
    )

    item_a = AgendaItemFactory(
        meeting=meeting_a, number=6, title="Social Care External Workforce", review=review_a
    )
    exempt_item_a = AgendaItemFactory(
        meeting=meeting_a,
        number=9,
        title=f"Provider contract values {EXEMPT_MARK}",
        description=f"The prices each provider bid {EXEMPT_MARK}.",
        exempt=True,
        exempt_reason=f"Schedule 12A, paragraph 3 {EXEMPT_MARK}",
        review=review_a,
    )
    # A public item may report on a review still in draft (its scoping, say): the item
    # is public, the review's own words are not.
    draft_item_a = AgendaItemFactory(
        meeting=meeting_a, number=7, title="Task group scoping", review=draft_review_a
    )
    next_exempt_item_a = AgendaItemFactory(
        meeting=next_meeting_a,
        number=3,
        title=f"Staffing restructure {EXEMPT_MARK}",
        exempt=True,
        exempt_reason="Schedule 12A, paragraph 1",
    )
    item_b = AgendaItemFactory(meeting=meeting_b, number=4, title="Workforce unit", review=review_b)

    rec_a1 = RecommendationFactory(
        review=review_a, reference="4", title="Quality of care and improving retention rates"
    )
    rec_a2 = RecommendationFactory(
        review=review_a, reference="5", title="Finding community and cooperative solutions"
    )
    draft_rec_a = RecommendationFactory(
        review=draft_review_a,
        reference="1",
        title=f"Close no home without a plan {DRAFT_MARK}",
        text=f"That no home closes before {DRAFT_MARK} is agreed.",
    )
    deleted_rec_a = RecommendationFactory(
        review=review_a, reference="9", title="A recommendation entered by mistake"
    )
    rec_b = RecommendationFactory(review=review_b, reference="1", title="Host the unit in Cardiff")
    for rec in (rec_a1, draft_rec_a, rec_b):
        rec.responsible_bodies.add(partner_body)

    councillor = user_with_role(Role.COUNCILLOR, council_a)
    officer = user_with_role(Role.OFFICER, council_a, job_title="Director of Adult Social Care")
    partner = user_with_role(Role.PARTNER, partner_body, job_title="Representative")
    democratic = user_with_role(Role.DEMOCRATIC_SERVICES, council_a)
    admin = UserFactory(organisation=None, is_superuser=True, is_staff=True)
    officer_b = user_with_role(Role.OFFICER, council_b)
    democratic_b = user_with_role(Role.DEMOCRATIC_SERVICES, council_b)

    update_a = ProgressUpdateFactory(
        item=item_a,
        given_on=meeting_a.date,
        organisation=partner_body,
        given_by_role="Representative",
        recorded_by=officer,
        summary="Recruitment campaign launched.",
    )
    UpdateEntryFactory(
        update=update_a, recommendation=rec_a1, text="Retention up.", new_status=Status.ON_TRACK
    )
    UpdateEntryFactory(update=update_a, recommendation=rec_a2, text="Cooperatives met.")
    exempt_update_a = ProgressUpdateFactory(
        item=exempt_item_a,
        given_on=meeting_a.date,
        organisation=partner_body,
        given_by_role=f"Commercial lead {EXEMPT_MARK}",
        recorded_by=democratic,
        summary=f"Contract prices discussed {EXEMPT_MARK}.",
    )
    UpdateEntryFactory(
        update=exempt_update_a,
        recommendation=rec_a1,
        text=f"Provider X bid low {EXEMPT_MARK}.",
        new_status=Status.PAUSED,
        reason=f"Contract dispute {EXEMPT_MARK}",
    )
    draft_update_a = ProgressUpdateFactory(
        given_on=datetime.date(2021, 3, 1),
        organisation=partner_body,
        given_by_role="Representative",
        recorded_by=partner,
        summary="Scoping visits done.",
    )
    UpdateEntryFactory(
        update=draft_update_a,
        recommendation=draft_rec_a,
        text=f"Visited three homes {DRAFT_MARK}.",
    )
    deleted_update_a = ProgressUpdateFactory(
        given_on=datetime.date(2021, 4, 1),
        organisation=council_a,
        given_by_role="Officer",
        recorded_by=officer,
    )
    UpdateEntryFactory(update=deleted_update_a, recommendation=rec_a2, text="Logged twice.")
    soft_delete(deleted_rec_a, democratic)
    soft_delete(deleted_update_a, democratic)
    update_b = ProgressUpdateFactory(
        item=item_b,
        given_on=meeting_b.date,
        organisation=council_b,
        given_by_role="Head of Workforce",
        recorded_by=democratic_b,
    )
    UpdateEntryFactory(update=update_b, recommendation=rec_b, text="Unit set up.")
    deleted_rec_b = RecommendationFactory(review=review_b, reference="2", title="Entered twice")
    deleted_update_b = ProgressUpdateFactory(
        organisation=council_b, given_by_role="Officer", recorded_by=officer_b
    )
    UpdateEntryFactory(update=deleted_update_b, recommendation=rec_b, text="Logged twice.")
    soft_delete(deleted_rec_b, democratic_b)
    soft_delete(deleted_update_b, democratic_b)

    decision_a = ExecutiveDecisionFactory(
        decided_by=cabinet_a,
        minute_number="C129",
        decided_on=datetime.date(2021, 5, 1),
        referred_to=committee_a,
        referred_to_item=item_a,
    )
    DecisionPointFactory(decision=decision_a, number=1)
    exempt_decision_a = ExecutiveDecisionFactory(
        decided_by=cabinet_a,
        minute_number="C130",
        decided_on=datetime.date(2021, 5, 1),
        title=f"Award of the care contract {EXEMPT_MARK}",
        summary=f"Awarded to the lowest bidder {EXEMPT_MARK}.",
        referred_to=committee_a,
        referred_to_item=exempt_item_a,
    )
    DecisionPointFactory(decision=exempt_decision_a, number=1, text=f"THAT {EXEMPT_MARK}.")
    decision_b = ExecutiveDecisionFactory(
        decided_by=cabinet_b, minute_number="C7", referred_to=committee_b, referred_to_item=item_b
    )
    DecisionPointFactory(decision=decision_b, number=1)

    action_a = AgreedActionFactory(
        meeting=meeting_a,
        item=item_a,
        review=review_a,
        text="That a detailed update report be brought to a future meeting.",
        falls_to_organisation=partner_body,
        due_meeting=next_meeting_a,
    )
    exempt_action_a = AgreedActionFactory(
        meeting=meeting_a,
        item=exempt_item_a,
        text=f"That the contract be retendered {EXEMPT_MARK}.",
        falls_to=f"Head of Procurement {EXEMPT_MARK}",
        falls_to_organisation=partner_body,
        due_meeting=next_meeting_a,
    )
    draft_action_a = AgreedActionFactory(
        meeting=meeting_a,
        item=draft_item_a,
        review=draft_review_a,
        text="That the task group report back.",
        falls_to_organisation=partner_body,
    )
    action_b = AgreedActionFactory(
        meeting=meeting_b,
        item=item_b,
        review=review_b,
        text="That the unit report in a year.",
        due_meeting=next_meeting_b,
    )
    proposals = {**world_proposals(locals()), **world_outbox(locals())}
    import_run_a, import_run_b = (
        import_run_create(actor=user, committee=c, filename="tracker.csv", content=TRACKER_CSV)
        for user, c in ((democratic, committee_a), (democratic_b, committee_b))
    )

    return World(
        import_run_a=import_run_a,
        import_run_b=import_run_b,
        **import_records(democratic_b, committee_b, council_a, council_b),
        council_a=council_a,
        council_b=council_b,
        partner_body=partner_body,
        other_body=other_body,
        committee_a=committee_a,
        cabinet_a=cabinet_a,
        committee_b=committee_b,
        cabinet_b=cabinet_b,
        meeting_a=meeting_a,
        next_meeting_a=next_meeting_a,
        meeting_b=meeting_b,
        next_meeting_b=next_meeting_b,
        item_a=item_a,
        exempt_item_a=exempt_item_a,
        draft_item_a=draft_item_a,
        next_exempt_item_a=next_exempt_item_a,
        item_b=item_b,
        review_a=review_a,
        draft_review_a=draft_review_a,
        review_b=review_b,
        draft_review_b=draft_review_b,
        rec_a1=rec_a1,
        rec_a2=rec_a2,
        draft_rec_a=draft_rec_a,
        deleted_rec_a=deleted_rec_a,
        rec_b=rec_b,
        deleted_rec_b=deleted_rec_b,
        update_a=update_a,
        exempt_update_a=exempt_update_a,
        draft_update_a=draft_update_a,
        deleted_update_a=deleted_update_a,
        update_b=update_b,
        deleted_update_b=deleted_update_b,
        decision_a=decision_a,
        exempt_decision_a=exempt_decision_a,
        decision_b=decision_b,
        action_a=action_a,
        exempt_action_a=exempt_action_a,
        draft_action_a=draft_action_a,
        action_b=action_b,
        **proposals,
        councillor=councillor,
        officer=officer,
        partner=partner,
        democratic=democratic,
        admin=admin,
        officer_b=officer_b,
        democratic_b=democratic_b,
    )


def client_for(client, user: User | None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


# --- Reading pages and the database ----------------------------------------------------


def words(text: str) -> str:
    """Text with every space, line break and soft hyphen taken out, lower case: a marker is
    found however a page or a PDF wraps it."""
    return re.sub(r"[\s\u00ad]+", "", text).lower()


def _every_manager(model):
    return getattr(model, "all_objects", model._base_manager)


# Columns a request may change without changing anything anyone stored.
_NOT_STORED_BY_ANYONE = {"last_login"}


def snapshot() -> dict[str, list[tuple]]:
    """Every stored row of the app's models (deleted ones too), and who carries which
    recommendation and who has which role: to compare before and after a request."""
    from django.apps import apps

    rows = {}
    for model in apps.get_models():
        if model._meta.app_label not in {"partnerships", "recommendations", "scrutiny", "auth"}:
            continue
        if model.__name__.startswith("Historical"):
            continue
        names = [
            f.attname for f in model._meta.concrete_fields if f.attname not in _NOT_STORED_BY_ANYONE
        ]
        rows[model._meta.label] = list(_every_manager(model).order_by("pk").values_list(*names))
    rows["responsible bodies"] = list(
        Recommendation.responsible_bodies.through.objects.order_by("pk").values_list(
            "recommendation_id", "organisation_id"
        )
    )
    rows["roles"] = list(
        User.groups.through.objects.order_by("pk").values_list("user_id", "group_id")
    )
    return rows


def changed_tables(before: dict, after: dict) -> list[str]:
    return [name for name in before if before[name] != after.get(name)]


def errors_on(response) -> str:
    """The words of the page's error summary, for a failing test's message."""
    html = response.content.decode(errors="replace")
    start = html.find('class="govuk-error-summary"')
    if start == -1:
        return f"{response.status_code}, no error summary"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[start : html.find("</ul>", start)]))
