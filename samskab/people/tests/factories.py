"""Factories for people: organisations, units, users with roles, citizens and consent."""

import factory
from django.contrib.auth import get_user_model

from samskab.people.models import (
    AuthorityArea,
    Citizen,
    Consent,
    ConsentPurpose,
    Organisation,
    OrganisationKind,
    Role,
    RoleAssignment,
    StaffMember,
    Unit,
)

PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testkommune {n}")
    kind = OrganisationKind.MUNICIPALITY
    official_code = factory.Sequence(lambda n: f"{900 + n:04d}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Enhed {n}")
    authority_area = AuthorityArea.SOCIAL


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    first_name = "Test"
    password = factory.django.Password(PASSWORD)


def user_with_role(role: str, organisation: Organisation | None = None, **user_kwargs):
    """A user holding one role; staff roles also get a staff record in the organisation."""
    if organisation is None and role != Role.ADMIN:
        organisation = OrganisationFactory()
    user = UserFactory(**user_kwargs)
    RoleAssignment.objects.create(user=user, role=role, organisation=organisation)
    if role not in (Role.CITIZEN, Role.ADMIN):
        StaffMember.objects.create(user=user, organisation=organisation)
    return user


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citizen

    display_name = factory.Sequence(lambda n: f"Borger {n}")
    birth_year = 1990
    organisation = factory.SubFactory(OrganisationFactory)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    citizen = factory.SubFactory(CitizenFactory)
    purpose = ConsentPurpose.REGISTRATION


def citizen_with_login(organisation=None, **kwargs):
    user = user_with_role(Role.CITIZEN, organisation or OrganisationFactory())
    citizen = CitizenFactory(
        user=user, organisation=organisation or OrganisationFactory(), **kwargs
    )
    ConsentFactory(citizen=citizen)
    return citizen
