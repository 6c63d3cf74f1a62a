"""Demo story for shared leadership (seeds 000 and 002): the health-cooperation board in
Region Midtjylland takes up an opportunity space built from the Borgerdesign partnerships
(psychologically vulnerable students get treatment but no help with study leave and SU) and
a barrier from the pathway teams (colleagues queue at the internal call centre), with
decisions and their T-shaped checks. Idempotent: found by title, linked only once.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from samskab.insights import sources
from samskab.partnerships.models import Party, Reflection
from samskab.pathways.models import LearningCapture, MeetingRating, Team

from .models import (
    AgendaItem,
    Barrier,
    BarrierStatus,
    Decision,
    EvidenceLink,
    FollowUpStatus,
    Forum,
    ForumMeeting,
    ForumMember,
    ForumRole,
    OpportunitySpace,
)

REGION = "Region Midtjylland"
AARHUS = "Aarhus Kommune"
FORUM = "Sundhedssamarbejdsudvalget i Region Midtjylland"
SPACE = "Psykisk sårbare studerende: behandling, men ingen hjælp til studieorlov"
BARRIER = "Interne opkald mellem kolleger går gennem callcenteret"
OPEN_BARRIER = "Borgerens plan kan ikke ses på tværs af kommune og region"

# username, organisation, forum role
MEMBERS = [
    ("demo-leder-1", REGION, ForumRole.CHAIR),
    ("facilitator", REGION, ForumRole.SECRETARY),
    ("koordinator", REGION, ForumRole.MEMBER),
    ("leder", AARHUS, ForumRole.MEMBER),
    ("demo-leder-2", AARHUS, ForumRole.MEMBER),
]


def _link(*, by, source, object_id, **target):
    """Link through the registry's rule (never a private insight); once."""
    if (
        object_id is None
        or EvidenceLink.objects.filter(source=source, object_id=object_id, **target).exists()
    ):
        return
    insight = sources.linkable_insight_for(by, source, object_id)
    EvidenceLink.objects.create(source=insight.source, object_id=insight.pk, linked_by=by, **target)


def _decision(item, *, title, defaults):
    decision = Decision.objects.filter(agenda_item=item, title=title).first()
    if decision is None:
        decision = Decision(agenda_item=item, title=title, **defaults)
        decision.full_clean()
        decision.save()
    return decision


def load(context):
    users = get_user_model().objects.in_bulk(
        [username for username, _org, _role in MEMBERS] + ["supervisor", "fagperson"],
        field_name="username",
    )
    facilitator, leader, supervisor = users["facilitator"], users["leder"], users["supervisor"]
    today = timezone.localdate()
    region = context.organisations[REGION]

    forum, _ = Forum.objects.update_or_create(
        name=FORUM,
        defaults={
            "organisation": region,
            "created_by": facilitator,
            "purpose": "Kommunale og regionale ledere i sundhedssamarbejdet træffer fælles "
            "beslutninger på tværs af eget ledelsesrum – med borgerens perspektiv som driver.",
        },
    )
    for username, org_name, role in MEMBERS:
        if username in users:
            ForumMember.objects.update_or_create(
                forum=forum,
                user=users[username],
                defaults={"organisation": context.organisations[org_name], "role": role},
            )

    # The opportunity space from Mille's and Lars's partnership, another expert's reflection
    # and the pathway team's learning capture and Mille's own words after a meeting.
    space, _ = OpportunitySpace.objects.update_or_create(
        title=SPACE,
        defaults={
            "organisation": region,
            "created_by": facilitator,
            "problem_statement": "Psykisk sårbare unge får hjælp i behandlingssystemet, men står "
            "alene med kampen om SU og orlov fra studiet. De svækkes ikke kun af sygdommen, men "
            "af selv at skulle koordinere og have mad på bordet. Systemets smerte: "
            "fagpersonerne kan ikke tilbyde det, der er nødvendigt for et godt liv, og SU-"
            "styrelsen er ikke part i sundhedssamarbejdet.",
        },
    )
    shared = Reflection.objects.filter(is_shared=True, partnership__round__organisation=region)
    mille = shared.filter(partnership__expert__citizen__display_name="Mille (fiktiv)")
    for party in (Party.EXPERT, Party.LEADER):
        _link(
            by=facilitator,
            source="partnerships.reflection",
            object_id=mille.filter(party=party).values_list("pk", flat=True).first(),
            opportunity_space=space,
        )
    sofie = shared.filter(
        partnership__expert__citizen__display_name="Sofie (fiktiv)", party=Party.EXPERT
    )
    _link(
        by=facilitator,
        source="partnerships.reflection",
        object_id=sofie.values_list("pk", flat=True).first(),
        opportunity_space=space,
    )
    mille_pathway = {"meeting__pathway__citizen__display_name": "Mille (fiktiv)"}
    _link(
        by=supervisor,
        source="pathways.learningcapture",
        object_id=LearningCapture.objects.filter(**mille_pathway)
        .values_list("pk", flat=True)
        .first(),
        opportunity_space=space,
    )
    _link(
        by=supervisor,
        source="pathways.meetingrating",
        object_id=MeetingRating.objects.filter(**mille_pathway)
        .exclude(comment="")
        .values_list("pk", flat=True)
        .first(),
        opportunity_space=space,
    )

    # The barrier the pathway team met: colleagues queue at the internal call centre.
    barrier, created = Barrier.objects.get_or_create(
        title=BARRIER,
        defaults={
            "organisation": context.organisations[AARHUS],
            "registered_by": supervisor,
            "team": Team.objects.filter(name="Team Gellerup").first(),
            "description": "For at skåne travle afdelinger går alle telefonopkald, også interne, "
            "til et fælles callcenter. Teamets fagpersoner sidder i telefonkø for at få fat i "
            "hinanden før borgermødet.",
            "consequence": "Dialogen mellem fagpersonerne før mødet udebliver, og familien "
            "møder flere planer i stedet for én.",
        },
    )
    _link(
        by=supervisor,
        source="pathways.learningcapture",
        object_id=LearningCapture.objects.filter(what_worked__icontains="callcenteret")
        .values_list("pk", flat=True)
        .first(),
        barrier=barrier,
    )
    open_barrier, _ = Barrier.objects.get_or_create(
        title=OPEN_BARRIER,
        defaults={
            "organisation": context.organisations[AARHUS],
            "registered_by": users.get("fagperson"),
            "team": Team.objects.filter(name="Team Midtbyen").first(),
            "description": "Regionspsykiatrien og kommunen skriver i hver sit system. Den fælles "
            "plan må printes og tages med til møderne.",
        },
    )

    meeting, _ = ForumMeeting.objects.get_or_create(
        forum=forum,
        title="Møde i Sundhedssamarbejdsudvalget",
        defaults={"held_on": today - datetime.timedelta(days=14), "place": "Regionshuset Viborg"},
    )
    space_item, _ = AgendaItem.objects.get_or_create(
        forum=forum,
        opportunity_space=space,
        defaults={
            "meeting": meeting,
            "proposed_by": facilitator,
            "note": "Hvordan kan vi sammen give psykisk sårbare studerende én indgang til hjælp "
            "med studieorlov og SU, selv om SU-styrelsen ikke sidder med?",
        },
    )
    barrier_item, _ = AgendaItem.objects.get_or_create(
        forum=forum,
        barrier=barrier,
        defaults={"meeting": meeting, "proposed_by": supervisor},
    )
    AgendaItem.objects.get_or_create(
        forum=forum, barrier=open_barrier, defaults={"proposed_by": users.get("fagperson")}
    )
    if open_barrier.status == BarrierStatus.OPEN:
        Barrier.objects.filter(pk=open_barrier.pk).update(status=BarrierStatus.ESCALATED)

    finalised_at = timezone.now() - datetime.timedelta(days=14)
    _decision(
        space_item,
        title="Studievejledere med i de tværsektorielle forløb",
        defaults={
            "text": "Regionspsykiatrien og Aarhus Kommune inviterer uddannelsernes "
            "studievejledere med i forløb for psykisk sårbare studerende, og kommunen tager "
            "kontakt til SU-styrelsen om en fast indgang for orlov af helbredsmæssige grunde.",
            "owner": leader,
            "due_on": today + datetime.timedelta(days=90),
            "follow_up": FollowUpStatus.IN_PROGRESS,
            "t_shared_task": "Behandling og uddannelse hænger sammen i ét forløb i stedet for "
            "to adskilte spor.",
            "t_other_sectors": "Studievejledere og jobcentret får en ny opgave; psykiatrien "
            "skal dele tidspunkter for behandling med uddannelsen (med samtykke).",
            "t_citizen_pathway": "Den unge skal ikke selv bære fortællingen mellem psykiatri, "
            "kommune, uddannelse og SU – og kan holde fast i studiet.",
            "is_final": True,
            "finalised_at": finalised_at,
            "finalised_by": facilitator,
            "recorded_by": facilitator,
        },
    )
    resolving = _decision(
        barrier_item,
        title="Direkte numre mellem kolleger i de tværfaglige teams",
        defaults={
            "text": "Interne opkald i de tværfaglige teams går ikke længere gennem "
            "callcenteret; teamets medlemmer får hinandens direkte numre.",
            "owner": leader,
            "due_on": today + datetime.timedelta(days=30),
            "follow_up": FollowUpStatus.DONE,
            "t_shared_task": "Dialogen mellem fagpersoner før borgermødet bliver mulig igen.",
            "t_other_sectors": "Regionspsykiatrien får også de direkte numre; callcenteret "
            "skærmer stadig for eksterne opkald.",
            "t_citizen_pathway": "Borgeren møder fagpersoner, der har talt sammen, og én plan.",
            "resolves_barrier": True,
            "is_final": True,
            "finalised_at": finalised_at,
            "finalised_by": facilitator,
            "recorded_by": facilitator,
        },
    )
    if barrier.status != BarrierStatus.RESOLVED or created:
        Barrier.objects.filter(pk=barrier.pk).update(
            status=BarrierStatus.RESOLVED, resolved_by=resolving
        )
