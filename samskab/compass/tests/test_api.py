"""The Esbjerg model through the API alone: a leadership-compass round with answers, its
counts while open and its aggregated result once closed (a late answer is 409), and a
readiness assessment."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samskab.api.testing import ApiClient
from samskab.compass.models import RespondentRole
from samskab.people.models import Role
from samskab.people.tests.factories import OrganisationFactory, user_with_role

from .factories import CompassRoundFactory, answer

pytestmark = pytest.mark.django_db

SCORES = {
    "backing": 4,
    "visible": 3,
    "present": 5,
    "involvement": 2,
    "competence": 3,
    "flexibility": 4,
}


def test_compass_round_answers_results_and_close():
    organisation = OrganisationFactory()
    leader = ApiClient(user_with_role(Role.LEADER, organisation))
    today = timezone.localdate()
    opened = leader.post(
        "/compass/rounds",
        {
            "organisation_id": organisation.pk,
            "title": "Halvåret",
            "period_start": str(today),
            "period_end": str(today + timedelta(days=180)),
        },
    )
    assert opened.status_code == 201, opened.json()
    round_id = opened.json()["id"]
    employees = [ApiClient(user_with_role(Role.PROFESSIONAL, organisation)) for _ in range(3)]
    for employee in employees:
        answer = employee.post(f"/compass/rounds/{round_id}/responses", {"scores": SCORES})
        assert answer.status_code == 201, answer.json()
    assert (
        employees[0].post(f"/compass/rounds/{round_id}/responses", {"scores": SCORES}).status_code
        == 409
    )
    newcomer = ApiClient(user_with_role(Role.PROFESSIONAL, organisation))
    out_of_range = newcomer.post(
        f"/compass/rounds/{round_id}/responses", {"scores": {**SCORES, "backing": 9}}
    )
    assert out_of_range.status_code == 422
    missing = newcomer.post(f"/compass/rounds/{round_id}/responses", {"scores": {"backing": 3}})
    assert missing.status_code == 422

    result = leader.get(f"/compass/rounds/{round_id}").json()
    assert result["results_shown"] is False
    assert result["respondents"] == {"leader": 0, "employee": 3}
    backing = next(s for s in result["supports"] if s["support"] == "backing")
    assert backing["employee"]["mean"] is None and backing["employee"]["n"] == 3

    assert employees[0].post(f"/compass/rounds/{round_id}/close").status_code == 403
    assert leader.post(f"/compass/rounds/{round_id}/close").json()["is_open"] is False
    assert leader.post(f"/compass/rounds/{round_id}/close").status_code == 409

    result = leader.get(f"/compass/rounds/{round_id}").json()
    assert result["results_shown"] is True
    assert result["hidden_roles"] == ["leader"]
    backing = next(s for s in result["supports"] if s["support"] == "backing")
    assert backing["employee"]["mean"] == 4
    assert backing["leader"]["mean"] is None


def _without_counts(result):
    """The result with the respondents per group taken out: what is left must not move."""
    return [
        {
            "support": s["support"],
            "gap": s["gap"],
            **{role: {**s[role], "n": None} for role in ("leader", "employee")},
        }
        for s in result["supports"]
    ]


def test_open_round_result_is_the_same_before_and_after_one_answer():
    round_ = CompassRoundFactory()
    for _ in range(3):
        answer(round_, [5] * 6, RespondentRole.LEADER)
        answer(round_, [2] * 6, RespondentRole.EMPLOYEE)
    viewer = ApiClient(user_with_role(Role.PROFESSIONAL, round_.organisation))
    url = f"/compass/rounds/{round_.pk}"
    before = viewer.get(url).json()
    late = ApiClient(user_with_role(Role.LEADER, round_.organisation))
    assert late.post(f"{url}/responses", {"scores": SCORES}).status_code == 201
    after = viewer.get(url).json()
    assert before["respondents"] == {"leader": 3, "employee": 3}
    assert after["respondents"] == {"leader": 4, "employee": 3}
    # Apart from the count of the group that grew, nothing differs, and there is no mean.
    assert _without_counts(after) == _without_counts(before)
    assert all(
        s[role]["mean"] is None and s["gap"] is None
        for s in after["supports"]
        for role in ("leader", "employee")
    )
    assert after["results_shown"] is False


def test_other_organisation_cannot_see_a_compass_round():
    round_ = CompassRoundFactory()
    outsider = ApiClient(user_with_role(Role.LEADER))
    assert outsider.get(f"/compass/rounds/{round_.pk}").status_code == 404
    assert outsider.get("/compass/rounds").json()["count"] == 0


def test_readiness_assessment_gives_a_verdict():
    source, receiving = OrganisationFactory(), OrganisationFactory()
    leader = ApiClient(user_with_role(Role.LEADER, source))
    answers = dict.fromkeys(("advantage", "values", "backing", "conditions"), "yes")
    created = leader.post(
        "/compass/readiness",
        {
            "source_organisation_id": source.pk,
            "receiving_organisation_id": receiving.pk,
            "assessed_on": str(timezone.localdate()),
            **answers,
        },
    )
    assert created.status_code == 201, created.json()
    assert created.json()["points"] == created.json()["max_points"]
    assert created.json()["level"] == "success"
    assert (
        ApiClient(user_with_role(Role.LEADER))
        .get(f"/compass/readiness/{created.json()['id']}")
        .status_code
        == 404
    )
