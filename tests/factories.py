"""factory-boy factories for every model; ``user_with_role`` makes a signed-in person."""

import datetime

import factory
from django.contrib.auth.models import Group

from partnerships.models import Organisation, OrganisationAlias, Role, User
from recommendations.models import ProgressUpdate, Recommendation, Status, UpdateEntry
from recommendations.services import timeline_rebuild
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Review,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Borough Council {n}")
    short_name = factory.Sequence(lambda n: f"BC{n}")
    kind = Organisation.Kind.COUNCIL


class CouncilFactory(OrganisationFactory):
    pass


class PartnershipFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Workforce Partnership {n}")
    short_name = factory.Sequence(lambda n: f"WP{n}")
    kind = Organisation.Kind.PARTNERSHIP


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationAlias

    organisation = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"ALIAS{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    organisation = factory.SubFactory(CouncilFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_after_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def user_with_role(role: Role | None, organisation: Organisation | None = None, **kwargs) -> User:
    """A user of ``organisation`` (a new council if none) in the group for ``role``."""
    if organisation is not None:
        kwargs["organisation"] = organisation
    user = UserFactory(**kwargs)
    if role is not None:
        user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Adult Social Care Scrutiny Commission {n}")
    kind = Committee.Kind.SCRUTINY


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    date = factory.Sequence(lambda n: datetime.date(2021, 1, 1) + datetime.timedelta(days=30 * n))
    start_time = datetime.time(17, 30)
    venue = "Meeting Room G.01, City Hall"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    committee = factory.SubFactory(CommitteeFactory)
    title = factory.Sequence(lambda n: f"Scrutiny review {n}")
    lead_member = "Councillor Vice Chair"
    status = Review.Status.MONITORING
    started_on = datetime.date(2020, 6, 1)
    report_agreed_on = datetime.date(2020, 10, 1)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    review = factory.SubFactory(ReviewFactory)
    reference = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Recommendation heading {n}")
    text = "That the council works with partners to improve retention of care workers."
    lead_officer = "Director of Adult Social Care and Commissioning"
    target_date = datetime.date(2022, 3, 31)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    given_on = datetime.date(2021, 5, 1)
    organisation = factory.SubFactory(CouncilFactory)
    given_by_role = "Director of Adult Social Care and Commissioning"


class UpdateEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UpdateEntry
        skip_postgeneration_save = True

    update = factory.SubFactory(ProgressUpdateFactory)
    recommendation = factory.SubFactory(RecommendationFactory)
    text = "Work is under way."
    new_status = ""
    # A paused status needs a reason (the database refuses one without); tests that care
    # about other statuses' reasons give their own.
    reason = factory.LazyAttribute(
        lambda entry: "Paused as reported." if entry.new_status == Status.PAUSED else ""
    )

    @factory.post_generation
    def timeline(entry, create, extracted, **kwargs):
        """An entry moves its recommendation's status timeline, as the services keep it."""
        if create:
            timeline_rebuild(recommendations=[entry.recommendation_id])


class AgreedActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgreedAction

    meeting = factory.SubFactory(MeetingFactory)
    text = "That a detailed update report be brought to a future meeting."


class ExecutiveDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExecutiveDecision

    decided_by = factory.SubFactory(CommitteeFactory, kind=Committee.Kind.CABINET, name="Cabinet")
    # "F" for factory: tests that write real minute numbers (C129) never meet a made-up one.
    minute_number = factory.Sequence(lambda n: f"F{100 + n}")
    decided_on = datetime.date(2017, 11, 6)
    title = "Proposal to develop a regional social care workforce development unit"


class DecisionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionPoint

    decision = factory.SubFactory(ExecutiveDecisionFactory)
    kind = DecisionPoint.Kind.RESOLUTION
    number = factory.Sequence(lambda n: n + 1)
    text = "THAT the proposal be approved."
