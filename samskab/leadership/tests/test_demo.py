"""The demo story loads, twice without duplicates, with both sides of the lemniscate."""

import io

import pytest
from django.core.management import call_command

from samskab.leadership import trail
from samskab.leadership.models import (
    AgendaItem,
    Barrier,
    BarrierStatus,
    Decision,
    EvidenceLink,
    Forum,
    OpportunitySpace,
)


@pytest.mark.django_db
def test_demo_loads_idempotently_with_decisions_and_evidence():
    call_command("load_demo", stdout=io.StringIO())
    counts = [
        m.objects.count()
        for m in (Forum, OpportunitySpace, Barrier, AgendaItem, Decision, EvidenceLink)
    ]
    call_command("load_demo", stdout=io.StringIO())
    assert [
        m.objects.count()
        for m in (Forum, OpportunitySpace, Barrier, AgendaItem, Decision, EvidenceLink)
    ] == counts
    forum = Forum.objects.get()
    assert {m.user.username for m in forum.members.all()} >= {"leder", "facilitator"}
    assert all(d.is_final and not d.missing_t_check() for d in Decision.objects.all())
    space = OpportunitySpace.objects.get()
    evidence = trail.resolve(
        forum.members.get(user__username="facilitator").user, space.evidence.all()
    )
    assert evidence.citizen and evidence.system
    assert Barrier.objects.filter(status=BarrierStatus.RESOLVED, resolved_by__isnull=False).exists()
    assert Barrier.objects.filter(status=BarrierStatus.ESCALATED).exists()
