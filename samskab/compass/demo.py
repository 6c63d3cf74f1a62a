"""Demo for the Esbjerg model (seed 003): Esbjerg Kommune, Sundhed & Omsorg.

Two compass rounds (the second open now, waiting for the two demo logins), a readiness
assessment for spreading to Vejle Kommune made recently, and a rollout with one pilot
district and three comparison districts whose WHO-5 and support-hour measurements carry a
real effect: the pilot started a year and a half ago, its two follow-up periods are over, and
the last stage is still ahead. Dates are relative to the day the demo is loaded (the
rollout's calendar to its month).

Generated deterministically (fixed seed); idempotent. No key contains a date: rounds and
periods are found by a stable title, the measurements by their order (the first ones the
demo's professional entered for a demo citizen are the demo's), so loading again on a later
day moves the demo's rows and leaves the ones users entered alone.
"""

import datetime
from decimal import Decimal

import numpy as np
from django.contrib.auth import get_user_model
from django.utils import timezone

from samskab.outcomes import who5
from samskab.outcomes.demo import sync_in_order
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
# The rollout's calendar in months from the current one (first and last month of a period).
MEMBERSHIPS_FROM = -30
BASELINE = (-23, -18)
STAGES = [
    (1, "Pilot i Distrikt Vest", -17, [PILOT]),
    (2, "Udvidelse til Distrikt Nord", -3, [COMPARISON[0]]),
    (3, "Hele hjemmeplejen", 1, COMPARISON[1:]),
]
FOLLOW_UPS = [("Første opfølgning", -15, -12), ("Anden opfølgning", -11, -6)]
LEGACY_FOLLOW_UPS = {  # names in older demo data
    "Opfølgning efterår 2025": "Første opfølgning",
    "Opfølgning forår 2026": "Anden opfølgning",
}
# (month, day): two in the baseline, one in each follow-up period; none after stage 2.
MEASURED_ON = [(-22, 14), (-19, 16), (-14, 17), (-9, 13)]
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
    "Ledelseskompas, første runde": {
        "esbjerg-leder": [5, 4, 4, 4, 3, 3],
        "esbjerg-leder-2": [4, 5, 4, 3, 4, 3],
        "esbjerg-leder-3": [5, 4, 3, 4, 4, 2],
        "esbjerg-fagperson": [3, 3, 3, 4, 3, 2],
        "esbjerg-medarbejder-2": [2, 3, 4, 3, 3, 2],
        "esbjerg-medarbejder-3": [3, 2, 3, 4, 4, 1],
        "esbjerg-medarbejder-4": [3, 3, 2, 3, 3, 2],
    },
    "Ledelseskompas, anden runde": {
        "esbjerg-leder-2": [5, 5, 4, 4, 4, 3],
        "esbjerg-leder-4": [4, 4, 4, 4, 4, 4],
        "esbjerg-medarbejder-2": [3, 4, 4, 4, 4, 3],
        "esbjerg-medarbejder-5": [4, 3, 4, 5, 4, 3],
    },
}
LEGACY_ROUNDS = {  # titles in older demo data
    "Ledelseskompas forår 2025": "Ledelseskompas, første runde",
    "Ledelseskompas efterår 2026": "Ledelseskompas, anden runde",
}
READINESS_DAYS_AGO = 63


def _month(today, offset):
    """The first day of the month `offset` months from today's."""
    index = today.year * 12 + today.month - 1 + offset
    return datetime.date(index // 12, index % 12 + 1, 1)


def _month_end(today, offset):
    return _month(today, offset + 1) - datetime.timedelta(days=1)


def _round_periods(today):
    """The first round for a month during the baseline; the second open now."""
    return {
        "Ledelseskompas, første runde": (_month(today, -21), _month_end(today, -21), False),
        "Ledelseskompas, anden runde": (
            today - datetime.timedelta(days=28),
            today + datetime.timedelta(days=14),
            True,
        ),
    }


def _rename(queryset, field, legacy):
    """Give rows from older demo data their stable name (unless it is taken already)."""
    for old, new in legacy.items():
        if not queryset.filter(**{field: new}).exists():
            queryset.filter(**{field: old}).update(**{field: new})


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


def _compass(context, esbjerg, head_unit, today):
    users = _respondents(context, esbjerg, head_unit)
    _rename(CompassRound.objects.filter(organisation=esbjerg), "title", LEGACY_ROUNDS)
    periods = _round_periods(today)
    for title, answers in ROUNDS.items():
        start, end, is_open = periods[title]
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


def _readiness(context, esbjerg, today):
    ReadinessAssessment.objects.update_or_create(
        model_name="Esbjerg-modellen",
        source_organisation=esbjerg,
        receiving_organisation=context.organisations["Vejle Kommune"],
        defaults={
            "assessed_on": today - datetime.timedelta(days=READINESS_DAYS_AGO),
            "created_by": context.users["esbjerg-leder"],
            "advantage": "yes",
            "advantage_evidence": "Funktionsledere og sygeplejersker i Vejle efterspørger "
            "redskaberne (workshop tre uger før vurderingen).",
            "values": "partly",
            "values_evidence": "Værdierne er kendt i sundhedsområdet, men ikke i hjemmeplejen.",
            "backing": "no",
            "backing_evidence": "Sagen har endnu ikke været forelagt direktion og udvalg.",
            "conditions": "partly",
            "conditions_evidence": "Opgaverne passer, men der er ikke afsat tid til "
            "kompetenceudvikling i budgettet.",
        },
    )


def _rollout(context, esbjerg, today):
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
            "baseline_start": _month(today, BASELINE[0]),
            "baseline_end": _month_end(today, BASELINE[1]),
        },
    )
    rollout.comparison_units.set([units[name] for name in COMPARISON])
    rollout.measures.set(measures.values())
    for number, name, month, names in STAGES:
        stage, _ = RolloutStage.objects.update_or_create(
            rollout=rollout,
            number=number,
            defaults={"name": name, "starts_on": _month(today, month)},
        )
        stage.units.set([units[n] for n in names])
    _rename(rollout.follow_up_periods.all(), "name", LEGACY_FOLLOW_UPS)
    for name, first, last in FOLLOW_UPS:
        FollowUpPeriod.objects.update_or_create(
            rollout=rollout,
            name=name,
            defaults={"starts_on": _month(today, first), "ends_on": _month_end(today, last)},
        )
    _citizens_and_measurements(context, esbjerg, units, measures, today)


def _citizens_and_measurements(context, esbjerg, units, measures, today):
    professional = context.users["esbjerg-fagperson"]
    rng = np.random.default_rng(2017)
    days = [_month(today, month).replace(day=day) for month, day in MEASURED_ON]
    members_from = _month(today, MEMBERSHIPS_FROM)
    wanted = []
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
            # Served by the district since before the baseline; a membership that exists
            # (the demo's from an earlier load, or one a user changed) is left as it is.
            if not UnitMembership.objects.filter(citizen=citizen, unit=units[unit_name]).exists():
                UnitMembership.objects.create(
                    citizen=citizen, unit=units[unit_name], started_on=members_from
                )
            # Draw every number whether or not it is stored, so reruns draw the same.
            level = rng.normal(2.4, 0.6)
            hours = rng.normal(6.0, 1.5)
            for index, day in enumerate(days):
                post = index >= 2
                shift = WHO5_ITEM_EFFECT if (is_pilot and post) else 0.0
                items = [int(v) for v in np.clip(np.rint(rng.normal(level + shift, 0.7, 5)), 0, 5)]
                support = hours + (SUPPORT_HOURS_EFFECT if (is_pilot and post) else 0.0)
                support = float(np.clip(round(support + rng.normal(0, 0.8), 1), 0, 168))
                for code, value, answers in [
                    (who5.CODE, Decimal(who5.score(items).index), items),
                    ("support_hours", Decimal(str(support)), []),
                ]:
                    wanted.append(
                        Measurement(
                            citizen=citizen,
                            measure=measures[code],
                            value=value,
                            measured_on=day,
                            entered_by=professional,
                            item_answers=answers,
                            is_self_reported=code == who5.CODE,
                        )
                    )
    existing = Measurement.objects.filter(
        citizen__in={m.citizen for m in wanted},
        measure__in=[measures[who5.CODE], measures["support_hours"]],
        entered_by=professional,
    )
    sync_in_order(existing, wanted, key=lambda m: (m.citizen_id, m.measure_id))


def load(context):
    today = timezone.localdate()
    esbjerg = context.organisations[ESBJERG]
    head_unit = Unit.objects.get(organisation=esbjerg, name="Sundhed & Omsorg")
    _compass(context, esbjerg, head_unit, today)
    _readiness(context, esbjerg, today)
    _rollout(context, esbjerg, today)
