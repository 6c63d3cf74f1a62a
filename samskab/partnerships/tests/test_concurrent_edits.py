"""No lost updates at a partnership's kick-off: two facilitators record the kick-off from the
same page; the second is refused with the stored agreement shown and their own text kept."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from samskab.api.testing import ApiClient
from samskab.core.concurrency import VERSION_FIELD
from samskab.core.models import AccessAction, AccessLogEntry
from samskab.core.tests.dates import days_ago
from samskab.partnerships.models import PartnershipState

from .factories import facilitator_for, partnership

pytestmark = pytest.mark.django_db

CONFLICT = "er blevet ændret af en anden, mens du redigerede"


def kickoff_with_two_facilitators():
    p = partnership(state=PartnershipState.KICKOFF)
    users = facilitator_for(p.round), facilitator_for(p.round)
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return p, users, clients


def version_in(response):
    html = response.content.decode()
    form = html[html.find('id="kickoff-heading"') :]
    match = re.search(rf'name="{VERSION_FIELD}" value="([^"]*)"', form)
    assert match, "no hidden version field in the kick-off form"
    return match.group(1)


def kickoff_post(version, agreement, shared_task):
    return {
        "agreement": agreement,
        "shared_task": shared_task,
        "kickoff_on": str(days_ago(1)),
        VERSION_FIELD: version,
    }


def test_second_kickoff_from_the_same_page_is_refused_and_keeps_the_text():
    p, (_first_user, second_user), (first, second) = kickoff_with_two_facilitators()
    page = reverse("partnerships:partnership-detail", args=[p.pk])
    url = reverse("partnerships:partnership-kickoff", args=[p.pk])
    first_version, second_version = version_in(first.get(page)), version_in(second.get(page))

    saved = first.post(url, kickoff_post(first_version, "Følges på arbejde", "SU og orlov"))
    assert saved.status_code == 302
    refused = second.post(url, kickoff_post(second_version, "Gåture ved åen", "Ventetid"))

    assert refused.status_code == 200
    html = refused.content.decode()
    assert CONFLICT in html and "Gåture ved åen</textarea>" in html
    stored = html[html.find('data-testid="stored-values"') :]
    assert "Følges på arbejde" in stored[: stored.find("</dl>")]
    p.refresh_from_db()
    assert (p.agreement, p.shared_task, p.state) == (
        "Følges på arbejde",
        "SU og orlov",
        PartnershipState.MEETINGS,
    )
    # Showing the stored agreement is a read of the expert's data, and is logged.
    assert AccessLogEntry.objects.filter(
        actor_id=second_user.pk,
        citizen_id=p.expert.citizen_id,
        action=AccessAction.READ,
        purpose="Opstartsmøde",
    ).exists()


def test_api_kickoff_from_an_outdated_version_is_409_and_writes_nothing():
    p, (first_user, second_user), _clients = kickoff_with_two_facilitators()
    path = f"/partnerships/partnerships/{p.pk}"
    seen = ApiClient(first_user).get(path).json()["version"]
    body = {"agreement": "Følges på arbejde", "shared_task": "SU"}

    assert (
        ApiClient(first_user).post(f"{path}/kickoff", {**body, "version": seen}).status_code == 200
    )
    refused = ApiClient(second_user).post(
        f"{path}/kickoff",
        {"agreement": "Gåture", "shared_task": "Ventetid"},
        headers={"If-Match": seen},
    )

    assert refused.status_code == 409
    assert CONFLICT in refused.json()["detail"]
    p.refresh_from_db()
    assert p.agreement == "Følges på arbejde"
