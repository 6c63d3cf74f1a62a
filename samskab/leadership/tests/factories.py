"""A small world for leadership tests: a partnership with reflections on both sides, a
facilitator who may read the shared ones, a forum, an opportunity space and a meeting."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from samskab.core.models import Perspective
from samskab.leadership import actions
from samskab.leadership.models import ForumRole
from samskab.partnerships.models import Party, Reflection
from samskab.partnerships.tests.factories import RoundFactory, facilitator_for, partnership
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

T_CHECK = {
    "t_shared_task": "Behandling og uddannelse hænger sammen.",
    "t_other_sectors": "Studievejledere får en ny opgave.",
    "t_citizen_pathway": "Den unge skal ikke selv koordinere.",
}


def reflection(partnership_, *, party, text, shared=True, perspective=None):
    author = partnership_.expert.citizen.user if party == Party.EXPERT else partnership_.leader.user
    return Reflection.objects.create(
        partnership=partnership_,
        author=author,
        party=party,
        text=text,
        perspective=perspective
        or (Perspective.CITIZEN if party == Party.EXPERT else Perspective.SYSTEM),
        is_shared=shared,
    )


@dataclass
class World:
    partnership: object
    facilitator: object
    leader: object
    citizen_user: object
    citizen_reflection: object
    system_reflection: object
    private_reflection: object
    forum: object
    meeting: object
    space: object


def world() -> World:
    round_ = RoundFactory()
    p = partnership(round_=round_)
    facilitator = facilitator_for(round_)
    citizen_reflection = reflection(p, party=Party.EXPERT, text="Ingen hjalp mig med SU-orlov.")
    system_reflection = reflection(p, party=Party.LEADER, text="Hun koordinerer alt selv.")
    private_reflection = reflection(
        p, party=Party.LEADER, text="Privat: jeg var utryg.", shared=False
    )
    forum = actions.create_forum(
        by=facilitator,
        data={"name": "Sundhedssamarbejdsudvalget", "organisation": round_.organisation},
    )
    actions.add_forum_member(by=facilitator, forum=forum, user=p.leader.user, role=ForumRole.MEMBER)
    meeting = actions.schedule_meeting(
        by=facilitator,
        forum=forum,
        data={"title": "Møde", "held_on": timezone.localdate()},
    )
    space = actions.create_opportunity_space(
        by=facilitator,
        organisation=round_.organisation,
        data={"title": "Studerende og SU", "problem_statement": "Behandling, men ingen orlov."},
    )
    return World(
        partnership=p,
        facilitator=facilitator,
        leader=p.leader.user,
        citizen_user=p.expert.citizen.user,
        citizen_reflection=citizen_reflection,
        system_reflection=system_reflection,
        private_reflection=private_reflection,
        forum=forum,
        meeting=meeting,
        space=space,
    )


def link_both_sides(w: World):
    for r in (w.citizen_reflection, w.system_reflection):
        actions.link_evidence(
            by=w.facilitator,
            source="partnerships.reflection",
            object_id=r.pk,
            opportunity_space=w.space,
        )


def final_decision(w: World, **extra):
    item = actions.propose_agenda_item(
        by=w.facilitator, forum=w.forum, meeting=w.meeting, opportunity_space=w.space
    )
    return actions.save_decision(
        by=w.facilitator,
        agenda_item=item,
        data={
            "title": "Studievejledere med i forløbene",
            "text": "Vi inviterer studievejledere med.",
            "owner": w.leader,
            "due_on": timezone.localdate() + datetime.timedelta(days=30),
            "follow_up": "planned",
            **T_CHECK,
            **extra,
        },
        finalise=True,
    )


def outsider(role=Role.LEADER):
    return user_with_role(role)
