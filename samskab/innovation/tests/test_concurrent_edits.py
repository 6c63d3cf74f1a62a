"""No lost updates in a project's risk register, theory of change and principle self-check: an
edit or a delete
from a version someone else has since replaced is refused, and nothing of it is written."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from samskab.core.concurrency import VERSION_FIELD
from samskab.innovation import actions
from samskab.innovation.models import ChangeStep, Indicator, Principle, PrincipleCheck, Risk
from samskab.people.models import Role

from .factories import ProjectFactory, partner_user

pytestmark = pytest.mark.django_db

CONFLICT = "er blevet ændret af en anden, mens du redigerede"


def two_partners():
    project = ProjectFactory()
    first, second = Client(), Client()
    first.force_login(partner_user(project, Role.LEADER))
    second.force_login(partner_user(project, Role.PROFESSIONAL))
    return project, first, second


def version_in(response, after=""):
    """The first hidden version in the page (after the text `after`, if given)."""
    html = response.content.decode()
    match = re.search(rf'name="{VERSION_FIELD}" value="([^"]*)"', html[html.find(after) :])
    assert match, "no hidden version field in the page"
    return match.group(1)


def risk_post(version, **changes):
    return {
        "description": "Frafald blandt borgere",
        "likelihood": "3",
        "impact": "4",
        "owner": "Projektleder",
        "response": "",
        "status": "open",
        VERSION_FIELD: version,
        **changes,
    }


def test_second_editor_of_a_risk_is_refused_and_keeps_their_input():
    project, first, second = two_partners()
    risk = actions.add_risk(
        by=None,
        project=project,
        data={"description": "Frafald", "likelihood": 2, "impact": 2, "owner": "PL"},
    )
    url = reverse("innovation:risk-edit", args=[project.pk, risk.pk])
    first_version, second_version = version_in(first.get(url)), version_in(second.get(url))

    saved = first.post(url, risk_post(first_version, likelihood="5", response="Tættere kontakt"))
    assert saved.status_code == 302
    refused = second.post(url, risk_post(second_version, likelihood="1", owner="Sekretariatet"))

    assert refused.status_code == 200
    html = refused.content.decode()
    assert CONFLICT in html and 'value="Sekretariatet"' in html
    stored = html[html.find('data-testid="stored-values"') :]
    assert "Tættere kontakt" in stored[: stored.find("</dl>")]
    risk.refresh_from_db()
    assert (risk.likelihood, risk.owner, risk.response) == (5, "Projektleder", "Tættere kontakt")


def test_risk_edit_with_bad_input_is_an_input_error_and_stores_nothing():
    project, first, _second = two_partners()
    risk = actions.add_risk(
        by=None,
        project=project,
        data={"description": "Frafald", "likelihood": 2, "impact": 2, "owner": "PL"},
    )
    url = reverse("innovation:risk-edit", args=[project.pk, risk.pk])
    response = first.post(url, risk_post(version_in(first.get(url)), owner=""))
    assert "Skriv, hvem der ejer risikoen." in response.content.decode()
    assert CONFLICT not in response.content.decode()
    assert Risk.objects.get(pk=risk.pk).owner == "PL"


def test_deleting_a_step_that_got_an_indicator_since_the_page_was_shown_is_refused():
    project, first, second = two_partners()
    step = actions.add_change_step(
        by=None, project=project, data={"level": "outcome", "text": "Færre indlæggelser"}
    )
    url = reverse("innovation:toc-detail", args=[project.pk])
    seen = version_in(second.get(url), after='value="delete"')
    added = first.post(
        url,
        {
            "kind": "indicator",
            "indicator-step": step.pk,
            "indicator-name": "Indlæggelser pr. år",
            "indicator-target": "-20 %",
        },
    )
    assert added.status_code == 302

    refused = second.post(
        url, {"kind": "delete", "step": step.pk, VERSION_FIELD: seen}, follow=True
    )

    assert CONFLICT in refused.content.decode()
    assert "Indlæggelser pr. år" in refused.content.decode()  # the step as it is stored now
    assert ChangeStep.objects.filter(pk=step.pk).exists()
    assert Indicator.objects.filter(step=step).count() == 1
    # From the page as it is now, the delete goes through.
    current = version_in(second.get(url), after='value="delete"')
    second.post(url, {"kind": "delete", "step": step.pk, VERSION_FIELD: current})
    assert not ChangeStep.objects.filter(pk=step.pk).exists()


def principles_post(version, notes):
    data = {VERSION_FIELD: version}
    for principle in Principle.values:
        data[f"level_{principle}"] = "1"
        data[f"note_{principle}"] = notes.get(principle, "")
    return data


def test_second_saver_of_the_principle_self_check_is_refused_and_keeps_their_input():
    project, first, second = two_partners()
    url = reverse("innovation:principles", args=[project.pk])
    first_version, second_version = version_in(first.get(url)), version_in(second.get(url))

    saved = first.post(url, principles_post(first_version, {"value": "Borgerne er med"}))
    assert saved.status_code == 302
    refused = second.post(url, principles_post(second_version, {"value": "Mangler data"}))

    assert refused.status_code == 200
    html = refused.content.decode()
    assert CONFLICT in html and "Mangler data</textarea>" in html
    stored = html[html.find('data-testid="stored-values"') :]
    assert "Borgerne er med" in stored[: stored.find("</dl>")]
    assert PrincipleCheck.objects.get(project=project, principle="value").note == "Borgerne er med"
    # Saving again from the re-rendered page is a deliberate choice, and goes through.
    again = second.post(url, principles_post(version_in(refused), {"value": "Mangler data"}))
    assert again.status_code == 302
    assert PrincipleCheck.objects.get(project=project, principle="value").note == "Mangler data"
