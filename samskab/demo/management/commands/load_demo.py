"""Load the demo data; safe to run again, it updates rather than duplicates.

The people and organisations are loaded here; each practice app adds its own story in a
`demo.py` module with a `load(context)` function, called in INSTALLED_APPS order.
"""

import importlib
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from samskab.demo import data
from samskab.people.models import (
    Citizen,
    Consent,
    ConsentPurpose,
    Organisation,
    RoleAssignment,
    StaffMember,
    Unit,
)


@dataclass
class DemoContext:
    """What the app-level demo loaders build on, keyed by name / username / display name."""

    organisations: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    citizens: dict = field(default_factory=dict)


def app_demo_loaders():
    for config in apps.get_app_configs():
        if not config.name.startswith("samskab.") or config.label == "demo":
            continue
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        yield config.label, module.load


class Command(BaseCommand):
    help = "Indlæser demodata (organisationer, enheder, demobrugere og fiktive borgere)."

    @transaction.atomic
    def handle(self, *args, **options):
        organisations = {}
        for name, kind, code, units in data.ORGANISATIONS:
            organisation, _ = Organisation.objects.update_or_create(
                name=name, defaults={"kind": kind, "official_code": code}
            )
            organisations[name] = organisation
            for unit_name, area in units:
                Unit.objects.update_or_create(
                    organisation=organisation, name=unit_name, defaults={"authority_area": area}
                )

        users = {}
        user_model = get_user_model()
        for username, first, last, role, org_name, unit_name, title in data.USERS:
            user, _ = user_model.objects.update_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@samskab.example",
                    "is_staff": role == "admin",
                    "is_superuser": role == "admin",
                    "is_active": True,
                },
            )
            user.set_password(data.DEMO_PASSWORD)
            user.save(update_fields=["password"])
            users[username] = user
            organisation = organisations.get(org_name)
            RoleAssignment.objects.get_or_create(user=user, role=role, organisation=organisation)
            if organisation and role != "citizen":
                unit = Unit.objects.filter(organisation=organisation, name=unit_name).first()
                StaffMember.objects.update_or_create(
                    user=user,
                    defaults={"organisation": organisation, "unit": unit, "job_title": title},
                )

        context = DemoContext(organisations=organisations, users=users)
        for display_name, birth_year, org_name, username in data.CITIZENS:
            citizen, created = Citizen.objects.update_or_create(
                display_name=display_name,
                organisation=organisations[org_name],
                defaults={"birth_year": birth_year, "user": users.get(username)},
            )
            if created:
                for purpose in (ConsentPurpose.REGISTRATION, ConsentPurpose.PARTNERSHIP):
                    Consent.objects.create(
                        citizen=citizen, purpose=purpose, given_by=users["facilitator"]
                    )
            context.citizens[display_name] = citizen

        for label, load in app_demo_loaders():
            load(context)
            self.stdout.write(f"Demodata for {label} indlæst.")

        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata klar: {Organisation.objects.count()} organisationer, "
                f"{Citizen.objects.count()} fiktive borgere, {len(users)} demobrugere."
            )
        )
