"""Demo: Borgerdesign in Region Midtjylland, two test rounds and eight partnerships (seed 000).

Dates are relative to the day the demo is loaded: an earlier round that has ended, a current
round still open for registration, a gathering ahead. Honoraria are paid for meetings older
than four weeks. Idempotent: every row is found by a key that does not contain a date
(meetings by partnership, activity and place), so loading again on a later day moves the
demo's rows instead of adding new ones. Fictitious leaders who never log in get an inactive
user without a usable password (a leader registration needs a user).
"""

import datetime
from datetime import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from samskab.people.models import Citizen, Consent, ConsentPurpose, Organisation

from .models import (
    Activity,
    CandidateStatus,
    ExperienceExpert,
    Gathering,
    GatheringInvitation,
    Leader,
    Partnership,
    PartnershipMeeting,
    PartnershipState,
    Party,
    Payment,
    Perspective,
    Reflection,
    Round,
    WrapUpEvaluation,
)

S = PartnershipState

ROUNDS = [
    # theme, days from its start to today, length in days, themes, open for registration
    (
        "Psykisk sårbare unge voksne i Aarhus",
        280,
        60,
        ["psykisk sårbarhed", "uddannelse", "su"],
        False,
    ),
    ("Unge med type 1-diabetes", 42, 91, ["diabetes", "ungdom"], True),
]
PAID_AFTER_DAYS = 28  # honoraria for meetings older than this are paid (14 days after)
GATHERING_TITLE = "Fællesmøde for partnerskaber i Borgerdesign"
LEGACY_GATHERING_TITLE = "Fællesmøde for partnerskaber, vinter 2026"  # in older demo data
GATHERING_AFTER_DAYS = 50  # the gathering: the first Wednesday this many days from today

# round index, expert display name, leader username (first, last, organisation, title), state
PAIRS = [
    (
        0,
        "Sofie (fiktiv)",
        ("demo-leder-1", "Hanne", "Holm", "Region Midtjylland", "Psykiatridirektør"),
        S.COMPLETED,
    ),
    (
        0,
        "J.K. (fiktiv)",
        ("demo-leder-2", "Peter", "Lund", "Aarhus Kommune", "Direktør for Sociale Forhold"),
        S.WRAPUP,
    ),
    (
        0,
        "Emil (fiktiv)",
        ("demo-leder-3", "Mette", "Kjær", "Horsens Kommune", "Sundhedschef"),
        S.ENDED_EARLY,
    ),
    (
        0,
        "Nanna (fiktiv)",
        ("demo-leder-4", "Ole", "Brandt", "Vejle Kommune", "Jobcenterchef"),
        S.MEETINGS,
    ),
    (1, "Mille (fiktiv)", ("leder", "", "", "Aarhus Kommune", "Socialchef"), S.MEETINGS),
    (
        1,
        "Frederik (fiktiv)",
        ("demo-leder-5", "Lene", "Dahl", "Region Midtjylland", "Sygehusdirektør"),
        S.KICKOFF,
    ),
    (
        1,
        "Ida (fiktiv)",
        ("demo-leder-6", "Jens", "Bach", "Aarhus Kommune", "Sundhedschef"),
        S.PROPOSED,
    ),
    (
        1,
        "Malik (fiktiv)",
        ("demo-leder-7", "Birgit", "Friis", "Horsens Kommune", "Skolechef"),
        S.PAUSED,
    ),
]
BIRTH_YEARS = {"Sofie (fiktiv)": 1998, "Emil (fiktiv)": 2000, "Nanna (fiktiv)": 1997}
INTERESTS = [["gåture", "musik"], ["løb", "kunst"], ["museum", "film"], ["natur", "madlavning"]]
SLOTS = [["mon_am", "wed_pm"], ["tue_pm", "wed_pm"], ["thu_am", "fri_am"], ["mon_pm", "thu_pm"]]


def _citizen(context, name, region, facilitator):
    if name in context.citizens:
        return context.citizens[name]
    citizen, created = Citizen.objects.update_or_create(
        display_name=name, organisation=region, defaults={"birth_year": BIRTH_YEARS.get(name, 2003)}
    )
    if created:
        for purpose in (ConsentPurpose.REGISTRATION, ConsentPurpose.PARTNERSHIP):
            Consent.objects.create(citizen=citizen, purpose=purpose, given_by=facilitator)
    return citizen


def _leader_user(context, username, first, last):
    if username in context.users:
        return context.users[username]
    user, created = get_user_model().objects.update_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def load(context):
    today = timezone.localdate()
    region = context.organisations["Region Midtjylland"]
    facilitator = context.users["facilitator"]
    rounds = []
    for theme, days_ago, length, _themes, is_open in ROUNDS:
        starts_on = today - datetime.timedelta(days=days_ago)
        round_, _ = Round.objects.update_or_create(
            organisation=region,
            theme=theme,
            defaults={
                "starts_on": starts_on,
                "ends_on": starts_on + datetime.timedelta(days=length),
                "honorarium_rate": Decimal("150.00"),
                "description": "Testrunde i Borgerdesign.",
                "is_open_for_registration": is_open,
            },
        )
        round_.facilitators.add(facilitator)
        rounds.append(round_)

    for i, (round_index, expert_name, leader_spec, state) in enumerate(PAIRS):
        round_ = rounds[round_index]
        themes = ROUNDS[round_index][3]
        username, first, last, org_name, title = leader_spec
        citizen = _citizen(context, expert_name, region, facilitator)
        user = _leader_user(context, username, first, last)
        profile = {
            "themes": themes,
            "interests": INTERESTS[i % 4],
            "availability": SLOTS[i % 4],
            "status": CandidateStatus.APPROVED,
        }
        expert, _ = ExperienceExpert.objects.update_or_create(
            round=round_,
            citizen=citizen,
            defaults={
                **profile,
                "has_timing": True,
                "has_desire": True,
                "understands_not_treatment": True,
                "accessibility_needs": "Et stille rum" if i % 3 == 0 else "",
            },
        )
        leader, _ = Leader.objects.update_or_create(
            round=round_,
            user=user,
            defaults={
                **profile,
                "organisation": Organisation.objects.get(name=org_name),
                "job_title": title,
                **dict.fromkeys(Leader.READINESS_FIELDS, True),
            },
        )
        started = state not in (S.PROPOSED, S.KICKOFF)
        partnership, _ = Partnership.objects.update_or_create(
            round=round_,
            expert=expert,
            leader=leader,
            defaults={
                "state": state,
                "state_before_pause": S.MEETINGS if state == S.PAUSED else "",
                "state_reason": {
                    S.ENDED_EARLY: "Erfaringseksperten havde ikke overskud lige nu.",
                    S.PAUSED: "Sygdom – vi tager kontakt igen om en måned.",
                }.get(state, ""),
                "match_reasons": [f"Fælles tema: {themes[0]}"],
                "agreement": "Følges på arbejde og går en tur ved åen." if started else "",
                "shared_task": "Hjælp til SU-orlov skal hænge sammen med behandlingen."
                if started
                else "",
                "kickoff_on": round_.starts_on if started else None,
                "state_changed_by": facilitator,
            },
        )
        if state in (S.MEETINGS, S.WRAPUP, S.COMPLETED, S.PAUSED):
            _meetings(partnership, round_, 1 if state == S.PAUSED else 2, user, today, facilitator)
        if started:
            _reflections(partnership, citizen, user)
        if state == S.COMPLETED:
            _evaluations(partnership, citizen, user)

    held_on = today + datetime.timedelta(days=GATHERING_AFTER_DAYS)
    held_on += datetime.timedelta(days=(2 - held_on.weekday()) % 7)  # a Wednesday
    gatherings = Gathering.objects.filter(organisation=region)
    if not gatherings.filter(title=GATHERING_TITLE).exists():
        # A database loaded before the title lost its season: rename, do not add a second.
        gatherings.filter(title=LEGACY_GATHERING_TITLE).update(title=GATHERING_TITLE)
    gathering, _ = Gathering.objects.update_or_create(
        organisation=region,
        title=GATHERING_TITLE,
        defaults={
            "held_on": held_on,
            "place": "Borgerdesign, Olof Palmes Allé, Aarhus",
            "created_by": facilitator,
        },
    )
    for partnership in Partnership.objects.filter(round__in=rounds).exclude(state=S.DECLINED):
        GatheringInvitation.objects.get_or_create(
            gathering=gathering,
            citizen=partnership.expert.citizen,
            defaults={"party": Party.EXPERT},
        )
        GatheringInvitation.objects.get_or_create(
            gathering=gathering, user=partnership.leader.user, defaults={"party": Party.LEADER}
        )


def _meetings(partnership, round_, count, leader_user, today, facilitator):
    """The partnership's first meetings, a week and three weeks into the round (both before
    today: the current round started six weeks ago), each with its honorarium."""
    plans = [
        (Activity.FOLLOW_AT_WORK, "", "Rådhuset, Aarhus", Decimal("3.0"), 7),
        (Activity.WALK_RUN, "", "Botanisk Have", Decimal("1.5"), 21),
    ]
    for activity, text, place, hours, offset in plans[:count]:
        held_on = min(round_.starts_on + datetime.timedelta(days=offset), today)
        # Keyed without the date: the oldest such meeting is the demo's (one a user adds
        # later, even with the same activity and place, is left alone).
        meeting = PartnershipMeeting.objects.filter(
            partnership=partnership, activity=activity, place=place
        ).order_by("pk").first() or PartnershipMeeting(
            partnership=partnership, activity=activity, place=place
        )
        meeting.held_on = held_on
        meeting.activity_text = text
        meeting.duration_hours = hours
        meeting.starts_at = time(10, 0)
        meeting.registered_by = leader_user
        meeting.save()
        rate = round_.honorarium_rate
        is_paid = (today - held_on).days > PAID_AFTER_DAYS
        paid_on = held_on + datetime.timedelta(days=14)
        Payment.objects.update_or_create(
            meeting=meeting,
            defaults={
                "partnership": partnership,
                "hours": hours,
                "rate": rate,
                "amount": (hours * rate).quantize(Decimal("0.01")),
                "month": held_on.replace(day=1),
                "is_paid": is_paid,
                "paid_at": timezone.make_aware(datetime.datetime.combine(paid_on, time(12, 0)))
                if is_paid
                else None,
                "paid_by": facilitator if is_paid else None,
            },
        )


def _reflections(partnership, citizen, leader_user):
    items = [
        (
            Party.EXPERT,
            citizen.user,
            "Det var første gang, en leder spurgte til hele mit liv og ikke kun til diagnosen.",
            Perspective.CITIZEN,
            ["det hele liv", "su"],
            True,
        ),
        (
            Party.LEADER,
            leader_user,
            "Jeg så, hvor mange steder hun selv skal koordinere. Det tager jeg med i styregruppen.",
            Perspective.SYSTEM,
            ["koordinering", "sammenhæng"],
            True,
        ),
        (
            Party.LEADER,
            leader_user,
            "Privat note: jeg var utryg ved at tage hende med til rådmandsmødet.",
            Perspective.SYSTEM,
            ["ukendt grund"],
            False,
        ),
    ]
    for party, author, text, perspective, tags, shared in items:
        Reflection.objects.update_or_create(
            partnership=partnership,
            party=party,
            text=text,
            defaults={
                "author": author,
                "perspective": perspective,
                "tags": tags,
                "is_shared": shared,
            },
        )


def _evaluations(partnership, citizen, leader_user):
    answers = {
        Party.EXPERT: (citizen.user, [3, 4, 4, 5, 5], "Han lyttede, men havde været med længe."),
        Party.LEADER: (leader_user, [5, 5, 4, 5, 5], "Det var lærerigt at være på udebane."),
    }
    for party, (user, values, text) in answers.items():
        WrapUpEvaluation.objects.update_or_create(
            partnership=partnership,
            party=party,
            defaults={
                "submitted_by": user,
                **dict(
                    zip(
                        ["q_equal", "q_heard", "q_own_terms", "q_insight", "q_value"],
                        values,
                        strict=True,
                    )
                ),
                "what_worked": text,
            },
        )
