"""Demo story for systematic welfare innovation (seed 004): the network, the challenge
"Udsatte familier" with its two missions, six projects in different phases with gate
decisions, a business case where the municipality invests and the region gains, involvement
with one phase lacking citizens, adoption and open lessons. Idempotent: a project's story is
written only when the project does not exist yet.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from samskab.outcomes.models import Measure

from . import actions
from .models import (
    Challenge,
    ChangeLevel,
    GateCriterion,
    GateOutcome,
    Lesson,
    LessonVisibility,
    LineKind,
    MembershipStatus,
    Mission,
    MissionMembership,
    Participants,
    PartnerRole,
    Payer,
    Perspective,
    Phase,
    Principle,
    Project,
    StakeholderRole,
)

SLAGELSE = "Slagelse Kommune"
GLADSAXE = "Gladsaxe Kommune"
KK = "Københavns Kommune"
RH = "Region Hovedstaden"
RS = "Region Sjælland"
BFH = "Bispebjerg og Frederiksberg Hospital"
SDCS = "Steno Diabetes Center Sjælland"
SDCC = "Steno Diabetes Center Copenhagen"
KP = "Københavns Professionshøjskole"

STEERING = "Styregruppen for Netværk for Systematisk Velfærdsinnovation"
ALL_CRITERIA = list(GateCriterion.values)

COHERENCE = "Sammenhæng i indsatserne for udsatte familier"
PREGNANT = "Tidlige indsatser for gravide med sårbarheder og deres familier"

MISSIONS = [
    # name, owner, accepted members, requested members
    (COHERENCE, SLAGELSE, [GLADSAXE, KK, RS, KP], [RH]),
    (PREGNANT, BFH, [SLAGELSE, SDCS, SDCC, KK], [GLADSAXE]),
]

# title, mission, description, owner, [(partner, role)], [(outcome, days ago, to_phase)],
# waiting for a gate decision
PROJECTS = [
    (
        "Fælles familieplan på tværs",
        COHERENCE,
        "Én plan for hele familien, lavet sammen med familien, i stedet for en plan pr. sag.",
        SLAGELSE,
        [(RS, PartnerRole.PARTNER), (KP, PartnerRole.KNOWLEDGE)],
        [("go", 540, None), ("go", 400, None), ("go", 200, None)],
        False,
    ),
    (
        "Misbrug og psykiatri under ét tag",
        COHERENCE,
        "Kommunal misbrugsbehandling og regional psykiatri i ét fælles team om borgeren.",
        KK,
        [(RH, PartnerRole.PARTNER), (BFH, PartnerRole.PARTNER), (KP, PartnerRole.KNOWLEDGE)],
        [("go", 420, None), ("go", 240, None)],
        True,
    ),
    (
        "Familiens egen koordinator",
        COHERENCE,
        "Familien vælger selv én fagperson, der koordinerer på tværs af jobcenter, skole og "
        "sundhed.",
        GLADSAXE,
        [(KK, PartnerRole.PARTNER)],
        [("go", 120, None)],
        False,
    ),
    (
        "Tidlig opsporing hos jordemoderen",
        PREGNANT,
        "Jordemødre spørger til sårbarheder og bygger bro til kommunens familieindsats.",
        BFH,
        [(KK, PartnerRole.PARTNER), (SDCC, PartnerRole.KNOWLEDGE)],
        [("go", 900, None), ("go", 720, None), ("go", 500, None), ("go", 180, None)],
        False,
    ),
    (
        "Sund graviditet med diabetes i sårbare familier",
        PREGNANT,
        "Et samlet tilbud til gravide med diabetes og sociale udfordringer.",
        SDCS,
        [(SLAGELSE, PartnerRole.PARTNER), (RS, PartnerRole.FUNDER)],
        [],
        False,
    ),
    (
        "Netværksgrupper for unge forældre",
        PREGNANT,
        "Grupper, hvor unge forældre mødes med en fagperson og hinanden før og efter fødslen.",
        SDCC,
        [(KK, PartnerRole.PARTNER)],
        [("go", 300, None), ("go", 150, None), ("back", 90, Phase.IDEATION), ("hold", 30, None)],
        False,
    ),
]

# (kind, payer, year, description, quantity, unit price)
BUSINESS_CASE = [
    (LineKind.COST, Payer.MUNICIPALITY, 0, "Fælles team: kommunale medarbejdere", 1, 1_200_000),
    (LineKind.COST, Payer.MUNICIPALITY, 1, "Fælles team: kommunale medarbejdere", 1, 1_200_000),
    (LineKind.COST, Payer.MUNICIPALITY, 2, "Fælles team: kommunale medarbejdere", 1, 800_000),
    (LineKind.COST, Payer.REGION, 0, "Psykiatriens tid til fælles konferencer", 1, 200_000),
    (LineKind.GAIN, Payer.REGION, 1, "Færre psykiatriske indlæggelser", 30, 45_000),
    (LineKind.GAIN, Payer.REGION, 2, "Færre psykiatriske indlæggelser", 45, 45_000),
    (LineKind.GAIN, Payer.REGION, 3, "Færre psykiatriske indlæggelser", 50, 45_000),
    (LineKind.GAIN, Payer.MUNICIPALITY, 2, "Færre støttetimer", 800, 450),
    (LineKind.GAIN, Payer.MUNICIPALITY, 3, "Færre støttetimer", 1000, 450),
    (
        LineKind.GAIN,
        Payer.STATE,
        3,
        "Flere i beskæftigelse (sparet overførselsindkomst)",
        2,
        150_000,
    ),
]

LESSONS = [
    (
        "Missionen samler – konkurrencen skiller",
        "Da vi begyndte at joine hinandens missioner i stedet for at starte parallelle "
        "projekter, fik vi adgang til viden, vi ellers havde brugt et år på at opbygge.",
        "mission, samarbejde",
        Perspective.SYSTEM,
        LessonVisibility.PUBLIC,
        None,
        SLAGELSE,
    ),
    (
        "Familien skal være med i idéfasen, ikke kun i opstarten",
        "Vi inddrog familierne i opstarten, men idéudviklingen foregik kun med fagfolk. "
        "Prototypen ramte derfor ved siden af det, familierne faktisk havde brug for.",
        "inddragelse, idéudvikling",
        Perspective.BOTH,
        LessonVisibility.PUBLIC,
        "Fælles familieplan på tværs",
        SLAGELSE,
    ),
    (
        "Gevinsten lander et andet sted end udgiften",
        "Kommunen betaler for det fælles team, men regionen sparer indlæggelserne. "
        "Uden en aftale om deling bliver indsatsen ikke sat i drift.",
        "business case, incitamenter",
        Perspective.SYSTEM,
        LessonVisibility.NETWORK,
        "Misbrug og psykiatri under ét tag",
        KK,
    ),
    (
        "Spørg moren, hvad der er svært – ikke kun hvad der er galt",
        "Jordemødrene fik flere åbne samtaler, da spørgsmålene handlede om hverdagen "
        "frem for om risikofaktorer.",
        "tidlig opsporing, gravide",
        Perspective.CITIZEN,
        LessonVisibility.PUBLIC,
        "Tidlig opsporing hos jordemoderen",
        BFH,
    ),
]


def _story(project, context, today, gates_, waiting):
    leader = context.users.get("slagelse-leder")
    start = today - datetime.timedelta(days=(gates_[0][1] + 60) if gates_ else 45)
    project.phase_entries.filter(gate_decision=None).update(entered_on=start)
    for outcome, days_ago, to_phase in gates_:
        actions.record_gate_decision(
            by=leader,
            project=project,
            outcome=outcome,
            to_phase=to_phase,
            decided_on=today - datetime.timedelta(days=days_ago),
            decision_makers=STEERING,
            criteria_met=ALL_CRITERIA if outcome == GateOutcome.GO else ALL_CRITERIA[:2],
            notes="Demo: besluttet på styregruppemødet.",
        )
        project.refresh_from_db()
    if waiting:
        actions.request_gate_decision(by=leader, project=project)


def _coherent_plan(project, context, today):
    for phase, days_ago, activity, participants, changed in [
        (
            Phase.KICKOFF,
            560,
            "Dialogmøde med familier",
            Participants.BOTH,
            "Familierne beskrev, hvor mange planer de har – problemet blev formuleret sammen.",
        ),
        (
            Phase.IDEATION,
            450,
            "Idéværksted for fagpersoner",
            Participants.FRONTLINE,
            "Tre idéer til en fælles plan; familierne var ikke med.",
        ),
        (
            Phase.PROTOTYPING,
            300,
            "Afprøvning af planen med fem familier",
            Participants.BOTH,
            "Planen blev kortere og skrevet i familiens eget sprog.",
        ),
    ]:
        actions.record_involvement(
            by=None,
            project=project,
            data={
                "phase": phase,
                "held_on": today - datetime.timedelta(days=days_ago),
                "activity": activity,
                "participants": participants,
                "what_changed": changed,
            },
        )
    actions.record_freed_resource(
        by=None,
        project=project,
        data={
            "description": "Færre parallelle møder om samme familie",
            "hours": Decimal("320"),
            "amount": None,
            "reinvested_in": "Mere tid til hjemmebesøg, hvor familien selv sætter dagsordenen.",
        },
    )


def _substance_psychiatry(project, context, today):
    actions.save_business_case(
        by=None,
        project=project,
        discount_rate=Decimal("3.50"),
        notes="Enhedspriser fra SØM-modellen; effekter fra pilotens første år.",
    )
    for kind, payer, year, description, quantity, price in BUSINESS_CASE:
        actions.add_business_case_line(
            by=None,
            project=project,
            data={
                "kind": kind,
                "payer": payer,
                "year": year,
                "description": description,
                "quantity": Decimal(quantity),
                "unit_price": Decimal(price),
            },
        )
    steps = {}
    for level, text in [
        (ChangeLevel.INPUT, "Fælles team med misbrugsbehandlere og psykiatere"),
        (ChangeLevel.ACTIVITY, "Fælles udredning og én behandlingsplan"),
        (ChangeLevel.OUTPUT, "Borgere med fælles plan inden for 14 dage"),
        (ChangeLevel.OUTCOME, "Færre indlæggelser og bedre trivsel"),
        (ChangeLevel.IMPACT, "Flere borgere med dobbeltdiagnose lever et stabilt liv"),
    ]:
        steps[level] = actions.add_change_step(
            by=None, project=project, data={"level": level, "text": text}
        )
    actions.add_indicator(
        by=None,
        step=steps[ChangeLevel.OUTCOME],
        data={
            "name": "Støttetimer pr. borger",
            "measure": Measure.objects.filter(code="support_hours").first(),
            "target": "20 % færre efter et år",
        },
    )
    actions.add_indicator(
        by=None,
        step=steps[ChangeLevel.OUTCOME],
        data={
            "name": "Trivsel (WHO-5)",
            "measure": Measure.objects.filter(code="who5").first(),
            "target": "Mindst 10 point højere efter et år",
        },
    )
    actions.save_principle_checks(
        by=None,
        project=project,
        levels={
            Principle.MISSIONS: 2,
            Principle.VALUE: 1,
            Principle.INVOLVEMENT: 1,
            Principle.LEARNING: 2,
            Principle.GOVERNANCE: 0,
        },
        notes={Principle.GOVERNANCE: "Ingen fælles budgetaftale mellem kommune og region endnu."},
    )


def _early_detection(project, context, today):
    for name, status, days_ago in [
        (KK, "operation", 170),
        (GLADSAXE, "testing", 90),
        (SLAGELSE, "interested", 20),
    ]:
        actions.record_adoption(
            by=None,
            project=project,
            organisation=context.organisations[name],
            status=status,
            since_on=today - datetime.timedelta(days=days_ago),
        )


STORIES = {
    "Fælles familieplan på tværs": _coherent_plan,
    "Misbrug og psykiatri under ét tag": _substance_psychiatry,
    "Tidlig opsporing hos jordemoderen": _early_detection,
}


def load(context):
    today = timezone.localdate()
    org = context.organisations
    challenge, _ = Challenge.objects.update_or_create(
        name="Udsatte familier",
        defaults={
            "description": "Familier med flere sociale og sundhedsmæssige udfordringer på "
            "én gang, som farer vild mellem kommunens og regionens tilbud."
        },
    )
    missions = {}
    for name, owner, accepted, requested in MISSIONS:
        mission, _ = Mission.objects.update_or_create(
            name=name, defaults={"challenge": challenge, "owner": org[owner]}
        )
        missions[name] = mission
        for names, status in (
            (accepted, MembershipStatus.ACCEPTED),
            (requested, MembershipStatus.REQUESTED),
        ):
            for member in names:
                MissionMembership.objects.update_or_create(
                    mission=mission, organisation=org[member], defaults={"status": status}
                )
    for title, mission, description, owner, partners, gates_, waiting in PROJECTS:
        if Project.objects.filter(title=title).exists():
            continue
        project = actions.create_project(
            by=context.users.get("slagelse-leder"),
            organisation=org[owner],
            data={"title": title, "description": description, "mission": missions[mission]},
        )
        for name, role in partners:
            actions.add_partner(by=None, project=project, organisation=org[name], role=role)
        _story(project, context, today, gates_, waiting)
        if title in STORIES:
            STORIES[title](project, context, today)
    for title, text, tags, perspective, visibility, project_title, organisation in LESSONS:
        if not Lesson.objects.filter(title=title).exists():
            actions.share_lesson(
                by=None,
                organisation=org[organisation],
                data={
                    "title": title,
                    "text": text,
                    "tags": tags,
                    "perspective": perspective,
                    "visibility": visibility,
                    "project": Project.objects.filter(title=project_title).first(),
                },
            )
    _network_and_risks(org)


SUBSTANCE = "Misbrug og psykiatri under ét tag"
FAMILY_PLAN = "Fælles familieplan på tværs"
LEAD, CONTRIB, HEARD, INFORM = (
    StakeholderRole.LEADS,
    StakeholderRole.CONTRIBUTES,
    StakeholderRole.CONSULTED,
    StakeholderRole.INFORMED,
)
# owner title (project or mission), name, organisation or None, roles in the five phases
STAKEHOLDERS = [
    (SUBSTANCE, "Misbrugscentret", KK, [LEAD, LEAD, CONTRIB, CONTRIB, CONTRIB]),
    (SUBSTANCE, "Psykiatrisk Center", RH, [CONTRIB, CONTRIB, LEAD, LEAD, CONTRIB]),
    (
        SUBSTANCE,
        "Borgere med misbrug og psykisk sygdom",
        None,
        [HEARD, CONTRIB, CONTRIB, HEARD, HEARD],
    ),
    (SUBSTANCE, "Praktiserende læger", None, [INFORM, HEARD, HEARD, CONTRIB, CONTRIB]),
    (SUBSTANCE, "Følgeforskning", KP, ["", CONTRIB, CONTRIB, CONTRIB, LEAD]),
    (COHERENCE, "Familierådgivningen", GLADSAXE, [CONTRIB, CONTRIB, CONTRIB, CONTRIB, LEAD]),
    (COHERENCE, "Familieområdet", SLAGELSE, [LEAD, LEAD, LEAD, CONTRIB, CONTRIB]),
    (COHERENCE, "Familierne selv", None, [HEARD, CONTRIB, CONTRIB, CONTRIB, HEARD]),
    (COHERENCE, "Region Sjælland", RS, [CONTRIB, HEARD, CONTRIB, CONTRIB, INFORM]),
]
# project, description, likelihood, impact, owner, response, status
RISKS = [
    (
        SUBSTANCE,
        "Journalsystemerne i kommune og region kan ikke dele oplysninger om borgeren.",
        4,
        4,
        "Psykiatrisk Center",
        "Fælles samtykke og en fælles plan på papir, til der er en teknisk løsning.",
        "open",
    ),
    (
        SUBSTANCE,
        "Medarbejderne oplever det fælles team som ekstra arbejde oven i egne sager.",
        3,
        3,
        "Misbrugscentret",
        "Frikøbt tid og fælles supervision hver anden uge.",
        "managed",
    ),
    (
        FAMILY_PLAN,
        "Gevinsterne lander i regionen, mens kommunen bærer udgifterne.",
        3,
        5,
        "Styregruppen",
        "Business casen deles med regionen; aftale om fælles finansiering.",
        "open",
    ),
]


def _network_and_risks(org):
    """Stakeholders per phase and risk registers; only added where none exist yet."""
    owners = {p.title: p for p in Project.objects.filter(title__in=[SUBSTANCE, FAMILY_PLAN])}
    owners.update({m.name: m for m in Mission.objects.filter(name=COHERENCE)})
    for owner_title, name, organisation, roles in STAKEHOLDERS:
        owner = owners.get(owner_title)
        if owner is None or owner.stakeholders.filter(name=name).exists():
            continue
        kind = "project" if isinstance(owner, Project) else "mission"
        actions.add_stakeholder(
            by=None,
            name=name,
            organisation=org.get(organisation) if organisation else None,
            phase_roles={phase.value: role for phase, role in zip(Phase, roles, strict=True)},
            **{kind: owner},
        )
    for title, description, likelihood, impact, owner, response, status in RISKS:
        project = owners.get(title)
        if project is None or project.risks.filter(description=description).exists():
            continue
        actions.add_risk(
            by=None,
            project=project,
            data={
                "description": description,
                "likelihood": likelihood,
                "impact": impact,
                "owner": owner,
                "response": response,
                "status": status,
            },
        )
