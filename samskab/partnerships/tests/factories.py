"""Factories for partnerships: rounds, candidates and partnerships in a chosen state."""

from decimal import Decimal

import factory

from samskab.core.tests.dates import days_ago, days_ahead
from samskab.partnerships.models import (
    CandidateStatus,
    ExperienceExpert,
    Leader,
    Partnership,
    PartnershipState,
    Round,
)
from samskab.people.models import ConsentPurpose, Role
from samskab.people.tests.factories import (
    CitizenFactory,
    ConsentFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)

PURPOSES = (ConsentPurpose.REGISTRATION, ConsentPurpose.PARTNERSHIP)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    organisation = factory.SubFactory(OrganisationFactory)
    theme = factory.Sequence(lambda n: f"Tema {n}")
    starts_on = factory.LazyFunction(lambda: days_ago(60))  # running, open for registration
    ends_on = factory.LazyFunction(lambda: days_ahead(30))
    honorarium_rate = Decimal("150.00")


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExperienceExpert
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    citizen = factory.LazyAttribute(lambda o: CitizenFactory(organisation=o.round.organisation))
    has_timing = True
    has_desire = True
    understands_not_treatment = True
    status = CandidateStatus.APPROVED
    themes = factory.LazyFunction(lambda: ["diabetes"])

    @factory.post_generation
    def consents(self, create, extracted, **kwargs):
        """Registering as an expert gives registration and partnership consent."""
        if not create:
            return
        for purpose in extracted if extracted is not None else PURPOSES:
            if not self.citizen.consents.active().filter(purpose=purpose).exists():
                ConsentFactory(citizen=self.citizen, purpose=purpose)


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader

    round = factory.SubFactory(RoundFactory)
    user = factory.LazyFunction(lambda: user_with_role(Role.LEADER))
    organisation = factory.LazyAttribute(lambda o: o.user.staff_member.organisation)
    has_will = has_belief = has_care = has_understanding = has_time = True
    status = CandidateStatus.APPROVED
    themes = factory.LazyFunction(lambda: ["diabetes"])


def facilitator_for(round_):
    return user_with_role(Role.FACILITATOR, round_.organisation)


def expert_with_login(round_, **kwargs):
    user = user_with_role(Role.CITIZEN, round_.organisation)
    citizen = CitizenFactory(user=user, organisation=round_.organisation)
    ConsentFactory(citizen=citizen)
    return ExpertFactory(round=round_, citizen=citizen, **kwargs)


def partnership(state=PartnershipState.MEETINGS, round_=None, **kwargs):
    round_ = round_ or RoundFactory()
    return Partnership.objects.create(
        round=round_,
        expert=kwargs.pop("expert", None) or expert_with_login(round_),
        leader=kwargs.pop("leader", None) or LeaderFactory(round=round_),
        state=state,
        agreement="Gåture" if state != PartnershipState.PROPOSED else "",
        shared_task="SU og behandling" if state != PartnershipState.PROPOSED else "",
        **kwargs,
    )


__all__ = ["UserFactory"]
