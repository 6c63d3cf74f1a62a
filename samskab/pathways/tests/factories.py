"""Factories for pathways: teams with members, pathways with consent, meetings and ratings."""

import datetime

import factory
from django.utils import timezone

from samskab.pathways.models import (
    LearningCapture,
    Meeting,
    MeetingRating,
    Pathway,
    Perspective,
    PracticeElement,
    Team,
    TeamMembership,
    TeamRole,
)
from samskab.people.models import AuthorityArea, ConsentPurpose, Role
from samskab.people.tests.factories import (
    CitizenFactory,
    ConsentFactory,
    OrganisationFactory,
    UnitFactory,
    user_with_role,
)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


def team_user(team, team_role=TeamRole.MEMBER, role=Role.PROFESSIONAL, area=AuthorityArea.SOCIAL):
    """A staff user in the team's organisation, in a unit of `area`, with a team role."""
    user = user_with_role(role, team.organisation)
    staff = user.staff_member
    staff.unit = UnitFactory(organisation=team.organisation, authority_area=area)
    staff.save()
    TeamMembership.objects.create(team=team, staff_member=staff, role=team_role)
    return user


def citizen_with_pathway_consent(organisation, **kwargs):
    citizen = CitizenFactory(organisation=organisation, **kwargs)
    ConsentFactory(citizen=citizen, purpose=ConsentPurpose.REGISTRATION)
    ConsentFactory(citizen=citizen, purpose=ConsentPurpose.PATHWAY)
    return citizen


class PathwayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pathway

    team = factory.SubFactory(TeamFactory)
    citizen = factory.LazyAttribute(lambda o: citizen_with_pathway_consent(o.team.organisation))
    rationale = "Borgeren har mange sager, og ingen har overblikket."
    citizen_goals = "Jeg vil gerne have et arbejde."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    pathway = factory.SubFactory(PathwayFactory)
    held_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    with_citizen = True
    agenda = "Hvad er vigtigt for dig?"


class LearningCaptureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningCapture

    meeting = factory.SubFactory(MeetingFactory)
    what_worked = "Vi lyttede til borgeren."
    what_next = "Færre fagpersoner på mødet."
    perspective = Perspective.BOTH


class MeetingRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRating

    meeting = factory.SubFactory(MeetingFactory)
    heard = 8
    what_matters = 8
    way_of_working = 8
    overall = 8
    comment = "At I lyttede."


class PracticeElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeElement

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Element {n}")
