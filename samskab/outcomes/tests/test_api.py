"""The outcomes main flow through the API alone: a stepwise rollout, citizens' unit
memberships and measurements, then the difference-in-differences evaluation."""

from datetime import date

import pytest
from django.utils import timezone

from samskab.api.testing import ApiClient
from samskab.core.models import AccessLogEntry
from samskab.core.tests.dates import pinned
from samskab.outcomes.models import Measurement
from samskab.people.models import Role
from samskab.people.tests.factories import (
    OrganisationFactory,
    UnitFactory,
    UserFactory,
    user_with_role,
)

from .factories import MeasureFactory, consenting_citizen

pytestmark = pytest.mark.django_db


@pinned(date(2026, 12, 4))  # the rollout below ran on fixed calendar dates in 2024–2025
def test_main_flow_record_measurements_and_run_an_evaluation(settings):
    settings.SAMSKAB_EVALUATION_MIN_GROUP_SIZE = 2
    organisation = OrganisationFactory()
    pilot, comparison = (
        UnitFactory(organisation=organisation),
        UnitFactory(organisation=organisation),
    )
    measure = MeasureFactory(min_value=0, max_value=100)
    leader = ApiClient(user_with_role(Role.LEADER, organisation))
    professional = ApiClient(user_with_role(Role.PROFESSIONAL, organisation))

    rollout = leader.post(
        "/compass/rollouts",
        {
            "organisation_id": organisation.pk,
            "name": "Esbjerg-modellen i Vest",
            "pilot_unit_ids": [pilot.pk],
            "comparison_unit_ids": [comparison.pk],
            "baseline_start": "2025-01-01",
            "baseline_end": "2025-03-31",
            "pilot_starts_on": "2025-04-01",
            "follow_up_periods": [
                {"name": "Efter 3 måneder", "starts_on": "2025-06-01", "ends_on": "2025-08-31"}
            ],
            "measure_ids": [measure.pk],
        },
    )
    assert rollout.status_code == 201, rollout.json()
    rollout_id = rollout.json()["id"]

    effects = {pilot: 20, comparison: 2}
    for unit, gain in effects.items():
        for i in range(3):
            citizen = consenting_citizen(organisation)
            membership = professional.post(
                f"/compass/rollouts/{rollout_id}/memberships",
                {"citizen_id": citizen.pk, "unit_id": unit.pk, "started_on": "2024-12-01"},
            )
            assert membership.status_code == 201, membership.json()
            for day, value in (("2025-02-01", 40 + i), ("2025-07-01", 40 + i + gain + i % 2)):
                recorded = professional.post(
                    f"/outcomes/citizens/{citizen.pk}/measurements",
                    {"measure_id": measure.pk, "value": str(value), "measured_on": day},
                )
                assert recorded.status_code == 201, recorded.json()

    evaluation = leader.get(f"/compass/rollouts/{rollout_id}/evaluation")
    assert evaluation.status_code == 200
    result = evaluation.json()["measures"][0]
    assert result["pilot_citizens"] == result["comparison_citizens"] == 3
    assert result["estimate"] == pytest.approx(18, abs=1)
    assert result["ci_low"] <= result["estimate"] <= result["ci_high"]
    assert [p["period"] for p in result["periods"]] == [0, 1]
    assert AccessLogEntry.objects.filter(purpose__startswith="Effektevaluering").count() == 6


def test_measurement_out_of_range_is_422_and_nothing_stored():
    citizen = consenting_citizen()
    measure = MeasureFactory(min_value=1, max_value=10)
    client = ApiClient(user_with_role(Role.PROFESSIONAL, citizen.organisation))
    response = client.post(
        f"/outcomes/citizens/{citizen.pk}/measurements",
        {"measure_id": measure.pk, "value": "11", "measured_on": str(timezone.localdate())},
    )
    assert response.status_code == 422
    assert not Measurement.objects.exists()


def test_citizen_sees_only_own_measurements_and_may_answer_who5():
    citizen = consenting_citizen(user=UserFactory())
    other = consenting_citizen(citizen.organisation)
    client = ApiClient(citizen.user)
    who5 = client.post(
        f"/outcomes/citizens/{citizen.pk}/who5",
        {"answers": [3, 3, 4, 2, 3], "measured_on": str(timezone.localdate())},
    )
    assert who5.status_code == 201, who5.json()
    assert who5.json()["is_self_reported"] is True
    assert client.get(f"/outcomes/citizens/{citizen.pk}/measurements").json()["count"] == 1
    assert client.get(f"/outcomes/citizens/{other.pk}/measurements").status_code == 404
    assert (
        client.post(
            f"/outcomes/citizens/{citizen.pk}/measurements",
            {
                "measure_id": MeasureFactory().pk,
                "value": "3",
                "measured_on": str(timezone.localdate()),
            },
        ).status_code
        == 404
    )


def test_only_administrators_add_measures():
    payload = {
        "code": "ny",
        "name": "Nyt mål",
        "domain": "health",
        "kind": "numeric",
        "min_value": "0",
    }
    assert (
        ApiClient(user_with_role(Role.PROFESSIONAL)).post("/outcomes/measures", payload).status_code
        == 403
    )
    created = ApiClient(user_with_role(Role.ADMIN)).post("/outcomes/measures", payload)
    assert created.status_code == 201
    assert created.json()["is_builtin"] is False
