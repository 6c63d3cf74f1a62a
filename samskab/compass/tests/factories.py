"""Factories for compass rounds and answers, readiness assessments and rollouts."""

from datetime import date

import factory
from django.utils import timezone

from samskab.compass.models import (
    SUPPORTS,
    CompassAnswer,
    CompassResponse,
    CompassRound,
    ReadinessAssessment,
    RespondentRole,
    Rollout,
)
from samskab.core.tests.dates import days_ago, days_ahead
from samskab.people.models import Role
from samskab.people.tests.factories import OrganisationFactory, user_with_role


class CompassRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompassRound

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Runde {n}")
    period_start = factory.LazyFunction(lambda: days_ago(14))  # running now
    period_end = factory.LazyFunction(lambda: days_ahead(14))


def answer(round_, scores, role=RespondentRole.LEADER, comment=""):
    """A respondent in the round's organisation answering the six supports with `scores`."""
    user = user_with_role(
        Role.LEADER if role == RespondentRole.LEADER else Role.PROFESSIONAL, round_.organisation
    )
    response = CompassResponse.objects.create(round=round_, respondent=user, role=role)
    CompassAnswer.objects.bulk_create(
        CompassAnswer(response=response, support=s.value, score=score, comment=comment)
        for s, score in zip(SUPPORTS, scores, strict=True)
    )
    return response


class ReadinessAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReadinessAssessment

    source_organisation = factory.SubFactory(OrganisationFactory)
    receiving_organisation = factory.SubFactory(OrganisationFactory)
    assessed_on = factory.LazyFunction(timezone.localdate)
    advantage = "yes"
    values = "yes"
    backing = "yes"
    conditions = "yes"


class RolloutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rollout

    name = factory.Sequence(lambda n: f"Udrulning {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    # The first half of last year.
    baseline_start = factory.LazyFunction(lambda: date(timezone.localdate().year - 1, 1, 1))
    baseline_end = factory.LazyFunction(lambda: date(timezone.localdate().year - 1, 6, 30))
