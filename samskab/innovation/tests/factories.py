"""Factories for welfare innovation: challenges, missions and projects with partners."""

import factory
from django.utils import timezone

from samskab.innovation.models import (
    Challenge,
    Mission,
    PartnerRole,
    PhaseEntry,
    Project,
    ProjectPartner,
)
from samskab.people.models import Role
from samskab.people.tests.factories import OrganisationFactory, user_with_role


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    name = factory.Sequence(lambda n: f"Udfordring {n}")


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    challenge = factory.SubFactory(ChallengeFactory)
    name = factory.Sequence(lambda n: f"Mission {n}")
    owner = factory.SubFactory(OrganisationFactory)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Projekt {n}")
    mission = factory.SubFactory(MissionFactory)

    @factory.post_generation
    def owner(self, create, extracted, **kwargs):
        """The owning partner organisation (a new one unless given) and the first phase entry."""
        if not create:
            return
        ProjectPartner.objects.create(
            project=self, organisation=extracted or OrganisationFactory(), role=PartnerRole.OWNER
        )
        PhaseEntry.objects.create(project=self, phase=self.phase, entered_on=timezone.localdate())


def partner_user(project, role=Role.PROFESSIONAL):
    """A staff user in the project's owning organisation."""
    organisation = project.partners.get(role=PartnerRole.OWNER).organisation
    return user_with_role(role, organisation)
