"""Demo data for the data-protection officer: two open requests (one past its deadline) and
a researcher's study awaiting approval. Idempotent."""

import datetime

from django.utils import timezone

from .models import DataSubjectRequest, RequestKind, ResearchStudy, one_month_after

REQUESTS = [
    # citizen, kind, days since received, description
    ("Anders (fiktiv)", RequestKind.ACCESS, 40, "Vil gerne se, hvad kommunen har skrevet om mig."),
    ("S.B. (fiktiv)", RequestKind.ERASURE, 5, "Beder om at få slettet sine oplysninger."),
]


def load(context):
    today = timezone.localdate()
    dpo = context.users.get("dpo")
    for name, kind, days, description in REQUESTS:
        citizen = context.citizens.get(name)
        if citizen is None:
            continue
        received = today - datetime.timedelta(days=days)
        DataSubjectRequest.objects.get_or_create(
            citizen=citizen,
            kind=kind,
            answered_on=None,
            defaults={
                "received_on": received,
                "deadline_on": one_month_after(received),
                "description": description,
                "registered_by": dpo,
            },
        )
    aarhus = context.organisations.get("Aarhus Kommune")
    if aarhus is not None:
        ResearchStudy.objects.get_or_create(
            title="Borgernes oplevelse af sammenhængende forløb",
            defaults={
                "purpose": "Hænger borgernes vurderinger af møderne sammen med deres trivsel?",
                "organisation": aarhus,
                "created_by": context.users.get("forsker"),
            },
        )
