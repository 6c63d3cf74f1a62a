"""A citizen with data in every registered record type, and privacy factories."""

from dataclasses import dataclass
from decimal import Decimal

import factory
from django.utils import timezone

from samskab.compass.models import UnitMembership
from samskab.core.actions import log_access
from samskab.core.models import AccessAction, Perspective
from samskab.core.tests.dates import days_ago
from samskab.outcomes.models import Who5Handover
from samskab.outcomes.tests.factories import MeasurementFactory
from samskab.partnerships.models import (
    Activity,
    ConstraintKind,
    Gathering,
    GatheringInvitation,
    MatchConstraint,
    PartnershipMeeting,
    Party,
    Payment,
    Reflection,
    WrapUpEvaluation,
)
from samskab.partnerships.tests.factories import ExpertFactory, RoundFactory, partnership
from samskab.pathways.models import PathwayActor, PlanAction, RatingHandover, Sector
from samskab.pathways.tests.factories import (
    LearningCaptureFactory,
    MeetingFactory,
    MeetingRatingFactory,
    PathwayFactory,
    TeamFactory,
)
from samskab.people.models import ConsentPurpose, Role
from samskab.people.tests.factories import (
    CitizenFactory,
    ConsentFactory,
    OrganisationFactory,
    UnitFactory,
    user_with_role,
)
from samskab.privacy.models import DataSubjectRequest, RequestKind, ResearchStudy, one_month_after

SECRET_NOTE = "Anna Hansen, anna@example.test, 20 30 40 50"


@dataclass
class CitizenWorld:
    citizen: object
    user: object
    partnership: object
    pathway: object
    meeting: object
    request: DataSubjectRequest


def citizen_everywhere(organisation=None, *, rating=8, who5=Decimal("60")) -> CitizenWorld:
    """A citizen with a login and a row in every model the registry covers."""
    organisation = organisation or OrganisationFactory()
    user = user_with_role(Role.CITIZEN, organisation, first_name="Anna", last_name="Hansen")
    citizen = CitizenFactory(
        organisation=organisation,
        user=user,
        display_name="Anna Hansen",
        email="anna@example.test",
        phone="20304050",
    )
    for purpose in ConsentPurpose.values:
        ConsentFactory(citizen=citizen, purpose=purpose)

    round_ = RoundFactory(organisation=organisation)
    expert = ExpertFactory(round=round_, citizen=citizen, motivation="Jeg har selv været der.")
    pair = partnership(round_=round_, expert=expert)
    meeting = PartnershipMeeting.objects.create(
        partnership=pair,
        activity=Activity.WALK_RUN,
        held_on=days_ago(30),
        place="Hjemme hos Anna",
        duration_hours=Decimal("2"),
    )
    Payment.objects.create(
        meeting=meeting,
        partnership=pair,
        hours=Decimal("2"),
        rate=Decimal("150"),
        amount=Decimal("300"),
        month=meeting.held_on.replace(day=1),
    )
    for party in Party.values:
        Reflection.objects.create(
            partnership=pair,
            party=party,
            text=f"{party}: {SECRET_NOTE}",
            perspective=Perspective.BOTH,
        )
        WrapUpEvaluation.objects.create(
            partnership=pair,
            party=party,
            q_equal=4,
            q_heard=5,
            q_own_terms=3,
            q_insight=4,
            q_value=5,
            what_worked="Anna sagde sin mening.",
        )
    gathering = Gathering.objects.create(
        organisation=organisation,
        title="Samling",
        held_on=days_ago(3),
        place="Rådhuset",
    )
    GatheringInvitation.objects.create(gathering=gathering, citizen=citizen, party=Party.EXPERT)
    MatchConstraint.objects.create(
        round=round_,
        expert=expert,
        leader=pair.leader,
        kind=ConstraintKind.CONFLICT,
        reason="Annas sag",
    )

    MeasurementFactory(citizen=citizen, value=who5)
    UnitMembership.objects.create(
        citizen=citizen,
        unit=UnitFactory(organisation=organisation),
        started_on=days_ago(365),
    )

    pathway = PathwayFactory(team=TeamFactory(organisation=organisation), citizen=citizen)
    PathwayActor.objects.create(
        pathway=pathway, name="Hanne fra jobcentret", sector=Sector.MUNICIPAL
    )
    PlanAction.objects.create(pathway=pathway, description="Anna ringer til lægen", owner="Anna")
    pathway_meeting = MeetingFactory(pathway=pathway, minutes=SECRET_NOTE)
    LearningCaptureFactory(meeting=pathway_meeting, what_worked="Anna Hansen førte ordet.")
    MeetingRatingFactory(
        meeting=pathway_meeting,
        heard=rating,
        what_matters=rating,
        way_of_working=rating,
        overall=rating,
        comment="Anna: I lyttede",
    )
    RatingHandover.objects.create(
        meeting=pathway_meeting, opened_by=user_with_role(Role.PROFESSIONAL, organisation)
    )
    Who5Handover.objects.create(
        citizen=citizen, opened_by=user_with_role(Role.PROFESSIONAL, organisation)
    )

    today = timezone.localdate()
    request = DataSubjectRequest.objects.create(
        citizen=citizen,
        kind=RequestKind.ERASURE,
        received_on=today,
        deadline_on=one_month_after(today),
        description="Slet mig",
    )
    log_access(
        by=user,
        action=AccessAction.READ,
        obj=citizen,
        citizen_id=citizen.pk,
        purpose="Borgerens egen side",
    )
    return CitizenWorld(citizen, user, pair, pathway, pathway_meeting, request)


class StudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResearchStudy

    title = factory.Sequence(lambda n: f"Studie {n}")
    purpose = "Virker samskabelse?"
    organisation = factory.SubFactory(OrganisationFactory)
    approved_at = factory.LazyFunction(timezone.now)
