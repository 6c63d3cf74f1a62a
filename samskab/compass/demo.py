"""Demo for the Esbjerg model (seed 003): Esbjerg Kommune, Sundhed & Omsorg.

Two compass rounds (the second still open, waiting for the two demo logins), a
readiness assessment for spreading to Vejle Kommune, and a rollout with one pilot
district and three comparison districts whose WHO-5 and support-hour measurements
carry a real effect. Generated deterministically (fixed seed); idempotent.
"""

from datetime import date
from decimal import Decimal

import numpy as np
from django.contrib.auth import get_user_model

from samskab.outcomes import who5
from samskab.outcomes.models import Measure, Measurement
from samskab.people.models import (
    AuthorityArea,
    Citizen,
    Consent,
    ConsentPurpose,
    Role,
    RoleAssignment,
    StaffMember,
    Unit,
)

from .models import (
    SUPPORTS,
    CompassAnswer,
    CompassResponse,
    CompassRound,
    FollowUpPeriod,
    ReadinessAssessment,
    RespondentRole,
    Rollout,
    RolloutStage,
    UnitMembership,
)

ESBJERG = "Esbjerg Kommune"
PILOT = "Hjemmeplejen Distrikt Vest"
COMPARISON = [
    "Hjemmeplejen Distrikt Nord",
    "Hjemmeplejen Distrikt Syd",
    "Hjemmeplejen Distrikt Øst",
]
CITIZENS_PER_UNIT = {PILOT: 16, **dict.fromkeys(COMPARISON, 8)}
MEASURED_ON = [date(2025, 2, 14), date(2025, 5, 16), date(2025, 10, 17), date(2026, 3, 13)]
WHO5_ITEM_EFFECT = 0.6  # per item, so about +12 on the 0–100 index
SUPPORT_HOURS_EFFECT = -1.5  # hours per week

# Respondents without a login (the two demo logins answer round 2 themselves).
RESPONDENTS = [
    ("esbjerg-leder-2", "Henrik", "Holm", Role.LEADER),
    ("esbjerg-leder-3", "Anja", "Bech", Role.LEADER),
    ("esbjerg-leder-4", "Mads", "Kjær", Role.LEADER),
    ("esbjerg-medarbejder-2", "Sofie", "Lund", Role.PROFESSIONAL),
    ("esbjerg-medarbejder-3", "Jonas", "Friis", Role.PROFESSIONAL),
    ("esbjerg-medarbejder-4", "Lene", "Dam", Role.PROFESSIONAL),
    ("esbjerg-medarbejder-5", "Omar", "Nielsen", Role.PROFESSIONAL),
]
# round title -> username -> six scores in the report's order
ROUNDS = {
    "Ledelseskompas forår 2025": {
        "esbjerg-leder": [5, 4, 4, 4, 3, 3],
        "esbjerg-leder-2": [4, 5, 4, 3, 4, 3],
        "esbjerg-leder-3": [5, 4, 3, 4, 4, 2],
        "esbjerg-fagperson": [3, 3, 3, 4, 3, 2],
        "esbjerg-medarbejder-2": [2, 3, 4, 3, 3, 2],
        "esbjerg-medarbejder-3": [3, 2, 3, 4, 4, 1],
        "esbjerg-medarbejder-4": [3, 3, 2, 3, 3, 2],
    },
    "Ledelseskompas efterår 2026": {
        "esbjerg-leder-2": [5, 5, 4, 4, 4, 3],
        "esbjerg-leder-4": [4, 4, 4, 4, 4, 4],
        "esbjerg-medarbejder-2": [3, 4, 4, 4, 4, 3],
        "esbjerg-medarbejder-5": [4, 3, 4, 5, 4, 3],
    },
}
ROUND_PERIODS = {
    "Ledelseskompas forår 2025": (date(2025, 3, 1), date(2025, 3, 31), False),
    "Ledelseskompas efterår 2026": (date(2026, 11, 1), date(2026, 12, 15), True),
}


def _respondents(context, esbjerg, unit):
    users = {name: context.users[name] for name in ("esbjerg-leder", "esbjerg-fagperson")}
    for username, first, last, role in RESPONDENTS:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@samskab.example",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        RoleAssignment.objects.get_or_create(user=user, role=role, organisation=esbjerg)
        StaffMember.objects.update_or_create(
            user=user, defaults={"organisation": esbjerg, "unit": unit}
        )
        users[username] = user
    return users


def _compass(context, esbjerg, head_unit):
    users = _respondents(context, esbjerg, head_unit)
    for title, answers in ROUNDS.items():
        start, end, is_open = ROUND_PERIODS[title]
        round_, _ = CompassRound.objects.update_or_create(
            organisation=esbjerg,
            title=title,
            defaults={
                "unit": head_unit,
                "period_start": start,
                "period_end": end,
                "is_open": is_open,
                "created_by": users["esbjerg-leder"],
            },
        )
        for username, scores in answers.items():
            role = RespondentRole.LEADER if "leder" in username else RespondentRole.EMPLOYEE
            response, created = CompassResponse.objects.get_or_create(
                round=round_, respondent=users[username], defaults={"role": role}
            )
            if created:
                CompassAnswer.objects.bulk_create(
                    CompassAnswer(response=response, support=s.value, score=score)
                    for s, score in zip(SUPPORTS, scores, strict=True)
                )


def _readiness(context, esbjerg):
    ReadinessAssessment.objects.update_or_create(
        model_name="Esbjerg-modellen",
        source_organisation=esbjerg,
        receiving_organisation=context.organisations["Vejle Kommune"],
        defaults={
            "assessed_on": date(2026, 10, 1),
            "created_by": context.users["esbjerg-leder"],
            "advantage": "yes",
            "advantage_evidence": "Funktionsledere og sygeplejersker i Vejle efterspørger "
            "redskaberne (workshop 12. september).",
            "values": "partly",
            "values_evidence": "Værdierne er kendt i sundhedsområdet, men ikke i hjemmeplejen.",
            "backing": "no",
            "backing_evidence": "Sagen har endnu ikke været forelagt direktion og udvalg.",
            "conditions": "partly",
            "conditions_evidence": "Opgaverne passer, men der er ikke afsat tid til "
            "kompetenceudvikling i budgettet.",
        },
    )


def _rollout(context, esbjerg):
    units = {
        name: Unit.objects.update_or_create(
            organisation=esbjerg,
            name=name,
            defaults={"authority_area": AuthorityArea.HEALTH_CARE},
        )[0]
        for name in [PILOT, *COMPARISON]
    }
    measures = {
        m.code: m for m in Measure.objects.filter(code__in=[who5.CODE, "support_hours", "contacts"])
    }
    rollout, _ = Rollout.objects.update_or_create(
        organisation=esbjerg,
        name="Esbjerg-modellen i hjemmeplejen",
        defaults={
            "model_name": "Esbjerg-modellen",
            "baseline_start": date(2025, 1, 1),
            "baseline_end": date(2025, 6, 30),
        },
    )
    rollout.comparison_units.set([units[name] for name in COMPARISON])
    rollout.measures.set(measures.values())
    for number, name, starts_on, names in [
        (1, "Pilot i Distrikt Vest", date(2025, 7, 1), [PILOT]),
        (2, "Udvidelse til Distrikt Nord", date(2026, 9, 1), [COMPARISON[0]]),
        (3, "Hele hjemmeplejen", date(2027, 1, 1), COMPARISON[1:]),
    ]:
        stage, _ = RolloutStage.objects.update_or_create(
            rollout=rollout, number=number, defaults={"name": name, "starts_on": starts_on}
        )
        stage.units.set([units[n] for n in names])
    for name, start, end in [
        ("Opfølgning efterår 2025", date(2025, 9, 1), date(2025, 12, 31)),
        ("Opfølgning forår 2026", date(2026, 1, 1), date(2026, 6, 30)),
    ]:
        FollowUpPeriod.objects.update_or_create(
            rollout=rollout, name=name, defaults={"starts_on": start, "ends_on": end}
        )
    _citizens_and_measurements(context, esbjerg, units, measures)


def _citizens_and_measurements(context, esbjerg, units, measures):
    professional = context.users["esbjerg-fagperson"]
    rng = np.random.default_rng(2017)
    existing = set(
        Measurement.objects.filter(citizen__organisation=esbjerg).values_list(
            "citizen_id", "measure_id", "measured_on"
        )
    )
    new = []
    number = 0
    for unit_name, count in CITIZENS_PER_UNIT.items():
        is_pilot = unit_name == PILOT
        for _i in range(count):
            number += 1
            citizen, created = Citizen.objects.update_or_create(
                display_name=f"Borger E{number:02d} (fiktiv)",
                organisation=esbjerg,
                defaults={"birth_year": int(1935 + rng.integers(0, 30))},
            )
            if created:
                Consent.objects.create(
                    citizen=citizen, purpose=ConsentPurpose.REGISTRATION, given_by=professional
                )
            context.citizens[citizen.display_name] = citizen
            UnitMembership.objects.get_or_create(
                citizen=citizen, unit=units[unit_name], started_on=date(2024, 6, 1)
            )
            # Draw every number whether or not it is stored, so reruns draw the same.
            level = rng.normal(2.4, 0.6)
            hours = rng.normal(6.0, 1.5)
            for index, day in enumerate(MEASURED_ON):
                post = index >= 2
                shift = WHO5_ITEM_EFFECT if (is_pilot and post) else 0.0
                items = [int(v) for v in np.clip(np.rint(rng.normal(level + shift, 0.7, 5)), 0, 5)]
                support = hours + (SUPPORT_HOURS_EFFECT if (is_pilot and post) else 0.0)
                support = float(np.clip(round(support + rng.normal(0, 0.8), 1), 0, 168))
                for code, value, answers in [
                    (who5.CODE, Decimal(who5.score(items).index), items),
                    ("support_hours", Decimal(str(support)), []),
                ]:
                    measure = measures[code]
                    if (citizen.pk, measure.pk, day) in existing:
                        continue
                    new.append(
                        Measurement(
                            citizen=citizen,
                            measure=measure,
                            value=value,
                            measured_on=day,
                            entered_by=professional,
                            item_answers=answers,
                            is_self_reported=code == who5.CODE,
                        )
                    )
    Measurement.objects.bulk_create(new)


def load(context):
    esbjerg = context.organisations[ESBJERG]
    head_unit = Unit.objects.get(organisation=esbjerg, name="Sundhed & Omsorg")
    _compass(context, esbjerg, head_unit)
    _readiness(context, esbjerg)
    _rollout(context, esbjerg)
