"""Demo: Borgerdesign in Region Midtjylland, two test rounds and eight partnerships (seed 000).

Idempotent: every row is found by its natural key and updated. Fictitious leaders who never
log in get an inactive user without a usable password (a leader registration needs a user).
"""

from datetime import date, time
from decimal import Decimal

from django.contrib.auth import get_user_model

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
    # theme, start, end, themes
    (
        "Psykisk sårbare unge voksne i Aarhus",
        date(2026, 3, 2),
        date(2026, 5, 1),
        ["psykisk sårbarhed", "uddannelse", "su"],
    ),
    ("Unge med type 1-diabetes", date(2026, 10, 19), date(2026, 12, 18), ["diabetes", "ungdom"]),
]

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
    region = context.organisations["Region Midtjylland"]
    facilitator = context.users["facilitator"]
    rounds = []
    for theme, starts_on, ends_on, _themes in ROUNDS:
        round_, _ = Round.objects.update_or_create(
            organisation=region,
            theme=theme,
            defaults={
                "starts_on": starts_on,
                "ends_on": ends_on,
                "honorarium_rate": Decimal("150.00"),
                "description": "Testrunde i Borgerdesign.",
                "is_open_for_registration": ends_on.year == 2026 and ends_on.month == 12,
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
                    S.PAUSED: "Sygdom – vi tager kontakt igen i januar.",
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
            _meetings(partnership, round_, 1 if state == S.PAUSED else 2, user)
        if started:
            _reflections(partnership, citizen, user)
        if state == S.COMPLETED:
            _evaluations(partnership, citizen, user)

    gathering, _ = Gathering.objects.update_or_create(
        organisation=region,
        title="Fællesmøde for partnerskaber, vinter 2026",
        defaults={
            "held_on": date(2027, 1, 20),
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


def _meetings(partnership, round_, count, leader_user):
    plans = [
        (Activity.FOLLOW_AT_WORK, "", "Rådhuset, Aarhus", Decimal("3.0"), 7),
        (Activity.WALK_RUN, "", "Botanisk Have", Decimal("1.5"), 21),
    ]
    for activity, text, place, hours, offset in plans[:count]:
        held_on = date.fromordinal(round_.starts_on.toordinal() + offset)
        meeting, _ = PartnershipMeeting.objects.update_or_create(
            partnership=partnership,
            held_on=held_on,
            activity=activity,
            defaults={
                "activity_text": text,
                "place": place,
                "duration_hours": hours,
                "starts_at": time(10, 0),
                "registered_by": leader_user,
            },
        )
        rate = round_.honorarium_rate
        Payment.objects.update_or_create(
            meeting=meeting,
            defaults={
                "partnership": partnership,
                "hours": hours,
                "rate": rate,
                "amount": (hours * rate).quantize(Decimal("0.01")),
                "month": held_on.replace(day=1),
                "is_paid": held_on.year == 2026 and held_on.month < 10,
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
