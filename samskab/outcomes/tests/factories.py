"""Factories for outcome measures and measurements (the built-in measures come from the
data migration, so tests fetch them with `builtin(code)`)."""

from decimal import Decimal

import factory

from samskab.core.tests.dates import days_ago
from samskab.outcomes.models import Domain, Measure, MeasureKind, Measurement
from samskab.people.models import ConsentPurpose, Role
from samskab.people.tests.factories import (
    CitizenFactory,
    ConsentFactory,
    OrganisationFactory,
    user_with_role,
)


def builtin(code: str) -> Measure:
    return Measure.objects.get(code=code)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    code = factory.Sequence(lambda n: f"maal-{n}")
    name = factory.Sequence(lambda n: f"Effektmål {n}")
    domain = Domain.HEALTH
    kind = MeasureKind.SCALE
    min_value = Decimal("1")
    max_value = Decimal("10")


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    citizen = factory.SubFactory(CitizenFactory)
    measure = factory.LazyFunction(lambda: builtin("support_hours"))
    value = Decimal("5")
    measured_on = factory.LazyFunction(lambda: days_ago(30))


def consenting_citizen(organisation=None, purpose=ConsentPurpose.REGISTRATION, **kwargs):
    citizen = CitizenFactory(organisation=organisation or OrganisationFactory(), **kwargs)
    ConsentFactory(citizen=citizen, purpose=purpose)
    return citizen


def professional_for(citizen, role=Role.PROFESSIONAL):
    return user_with_role(role, citizen.organisation)
