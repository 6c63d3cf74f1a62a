"""Demo story for coherent citizen pathways (seed 002): three cross-disciplinary teams in
Aarhus Kommune, ten pathways, meetings with and without citizens, learning captures,
ratings (one falling), practice elements and their decisions. Idempotent.

Dates are relative to today so the overdue list and the run charts look alive; meetings
are keyed on their agenda, so loading again moves them instead of adding new ones.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from samskab.people.models import (
    Citizen,
    Consent,
    ConsentPurpose,
    StaffMember,
    Unit,
)

from .models import (
    Decision,
    LearningCapture,
    Meeting,
    MeetingRating,
    Pathway,
    PathwayActor,
    Perspective,
    PlanAction,
    PracticeDecision,
    PracticeElement,
    Sector,
    Team,
    TeamMembership,
    TeamRole,
)

# Team members without a demo login: username, first, last, organisation, unit, title
EXTRA_STAFF = [
    (
        "demo-familie",
        "Karen",
        "Familierådgiver",
        "Aarhus Kommune",
        "Familieenheden",
        "Familierådgiver",
    ),
    (
        "demo-social",
        "Bo",
        "Socialrådgiver",
        "Aarhus Kommune",
        "Socialforvaltningen",
        "Socialrådgiver",
    ),
    (
        "demo-sundhed",
        "Hanne",
        "Sygeplejerske",
        "Aarhus Kommune",
        "Sundhed og Omsorg",
        "Sygeplejerske",
    ),
    (
        "demo-psykiatri",
        "Peter",
        "Psykiatrisygeplejerske",
        "Region Midtjylland",
        "Regionspsykiatrien Midt",
        "Psykiatrisygeplejerske",
    ),
]

# name, description, [(username, team role)]
TEAMS = [
    (
        "Team Midtbyen",
        "Jobcenter, familieenhed og regionspsykiatri sammen om unge voksne.",
        [
            ("fagperson", TeamRole.COORDINATOR),
            ("supervisor", TeamRole.SUPERVISOR),
            ("demo-familie", TeamRole.MEMBER),
            ("demo-psykiatri", TeamRole.MEMBER),
        ],
    ),
    (
        "Team Gellerup",
        "Socialforvaltning, familieenhed og jobcenter om familier med mange sager.",
        [
            ("demo-social", TeamRole.COORDINATOR),
            ("supervisor", TeamRole.SUPERVISOR),
            ("fagperson", TeamRole.MEMBER),
            ("demo-familie", TeamRole.MEMBER),
        ],
    ),
    (
        "Team Viby",
        "Sundhed og Omsorg og socialforvaltning om borgere med helbred og ensomhed i spil.",
        [
            ("demo-sundhed", TeamRole.COORDINATOR),
            ("supervisor", TeamRole.SUPERVISOR),
            ("demo-social", TeamRole.MEMBER),
        ],
    ),
]

EXTRA_CITIZENS = [
    ("Karim (fiktiv)", 2001),
    ("Louise (fiktiv)", 1985),
    ("Bent (fiktiv)", 1951),
    ("Ida (fiktiv)", 1993),
    ("Rasmus (fiktiv)", 2003),
    ("Sofie (fiktiv)", 1990),
]

ELEMENTS = [
    (
        "Dialog mellem fagpersoner før borgermødet",
        "Fagpersonerne taler sammen, før de mødes med borgeren.",
    ),
    ("Fælles plan", "Én plan, som borgeren og alle aktører kender og bruger."),
    ("Åben Dialog", "Netværksmøder, hvor alle stemmer bliver hørt."),
    ("FIT", "Feedback-informeret tilgang: borgeren vurderer hvert møde."),
]

# (team, citizen, rationale, goals, actors, plan, meetings)
# meeting: (days ago, with citizen, agenda, minutes, capture or None, rating or None)
# capture: (what worked, what next, [element names], perspective)
# rating: (heard, matters, way, overall, comment)
PATHWAYS = [
    (
        "Team Midtbyen",
        "Anders (fiktiv)",
        "Anders har sager i jobcenter, socialforvaltning og psykiatri, og ingen har overblikket. "
        "Teamet vurderer, at et samlet forløb kan give ham ro til at komme videre.",
        "Jeg vil gerne have et arbejde, hvor jeg kan være noget for andre. Og jeg vil ikke "
        "fortælle min historie igen og igen.",
        [
            ("Egen læge", "Lægehuset Trøjborg", Sector.GENERAL_PRACTICE),
            ("Mentor", "Kirkens Korshær", Sector.CIVIL_SOCIETY),
            ("Psykiatrisygeplejerske", "Regionspsykiatrien Midt", Sector.REGIONAL),
        ],
        [
            ("Afklare muligheder for praktik", "Fatima (jobcenter)", 14),
            ("Samle aftaler i én kalender", "Anders", 7),
        ],
        [
            (
                40,
                False,
                "Forberedende dialog mellem fagpersoner",
                "Vi delte viden og aftalte roller.",
                (
                    "Det virkede at tale sammen før mødet, så vi ikke stillede de samme spørgsmål.",
                    "Afklar hvem der har ordet på borgermødet.",
                    ["Dialog mellem fagpersoner før borgermødet"],
                    Perspective.SYSTEM,
                ),
                None,
            ),
            (
                33,
                True,
                "Første borgermøde: hvad er vigtigt for dig?",
                "Anders fortalte om sine ønsker.",
                (
                    "Borgeren følte sig hørt, da vi lyttede til hans egne ord om arbejde.",
                    "Lyt mere og tal mindre; lad borgeren sætte dagsordenen.",
                    ["Åben Dialog", "FIT"],
                    Perspective.CITIZEN,
                ),
                (9, 9, 8, 9, "At I lyttede til det, jeg selv synes er vigtigt."),
            ),
            (
                19,
                True,
                "Fælles plan",
                "Planen blev lavet sammen med Anders.",
                (
                    "Den fælles plan gav overblik over hvem der gør hvad.",
                    "Planen skal deles med egen læge.",
                    ["Fælles plan"],
                    Perspective.BOTH,
                ),
                (8, 8, 8, 8, "At der nu er én plan."),
            ),
            (
                6,
                True,
                "Opfølgning på praktik",
                "Praktik er udskudt.",
                None,
                (6, 6, 5, 6, "Det var svært, at der kom nye mennesker med."),
            ),
        ],
    ),
    (
        "Team Midtbyen",
        "S.B. (fiktiv)",
        "S.B. er lige fyldt 18 og overgår fra børne- til voksenområdet. Teamet ser en risiko for, "
        "at hun falder mellem to stole.",
        "Jeg vil bo for mig selv og gøre min uddannelse færdig.",
        [("Kontaktperson", "Ungdomsuddannelsen", Sector.MUNICIPAL)],
        [("Ansøge om bolig", "S.B. med støtte fra Karen", 21)],
        [
            (
                28,
                True,
                "Overgang til voksenområdet",
                "Vi talte om bolig og uddannelse.",
                (
                    "Vi lyttede til borgerens ønsker og hun fik lov at fortælle.",
                    "Husk at invitere skolens kontaktperson.",
                    ["Åben Dialog"],
                    Perspective.CITIZEN,
                ),
                (9, 8, 8, 8, "At jeg selv fik lov at bestemme rækkefølgen."),
            ),
            (
                14,
                True,
                "Boligsituationen",
                "Ansøgning sendt.",
                (
                    "Alle kendte deres opgaver i planen.",
                    "Følg op på ansøgningen sammen.",
                    ["Fælles plan"],
                    Perspective.BOTH,
                ),
                (9, 9, 9, 9, ""),
            ),
        ],
    ),
    (
        "Team Midtbyen",
        "Mille (fiktiv)",
        "Mille har kontakt med både regionspsykiatrien og kommunen og ønsker selv én indgang.",
        "Jeg vil gerne tilbage på studiet og have mere overskud i hverdagen.",
        [("Studievejleder", "Aarhus Universitet", Sector.REGIONAL)],
        [("Møde med studievejleder", "Mille", 10)],
        [
            (
                12,
                True,
                "Hvad er vigtigt for Mille?",
                "Mille beskrev sine mål for studiet.",
                (
                    "Godt at borgeren satte dagsordenen.",
                    "Invitér studievejlederen.",
                    ["FIT"],
                    Perspective.CITIZEN,
                ),
                (8, 9, 8, 8, "At vi talte om studiet og ikke kun om diagnosen."),
            ),
        ],
    ),
    (
        "Team Gellerup",
        "Yasmin (fiktiv)",
        "Familien har haft mange skiftende sagsbehandlere. Teamet vurderer, at et sammenhængende "
        "forløb kan give ro til børnene.",
        "At mine børn har det godt, og at jeg kun skal forholde mig til én plan.",
        [
            ("Sundhedsplejerske", "Sundhed og Omsorg", Sector.MUNICIPAL),
            ("Lektiecafé", "Frivilligcenter Gellerup", Sector.CIVIL_SOCIETY),
        ],
        [("Samle alle aftaler i én plan", "Bo (socialforvaltningen)", 5)],
        [
            (
                35,
                False,
                "Fagpersoner: hvem gør hvad?",
                "Vi sad i telefonkø for at få fat i hinanden.",
                (
                    "Telefonkøen til callcenteret gjorde det svært at få fat i kollegaer.",
                    "Aftal direkte numre mellem teamets medlemmer.",
                    ["Dialog mellem fagpersoner før borgermødet"],
                    Perspective.SYSTEM,
                ),
                None,
            ),
            (
                28,
                True,
                "Første møde med familien",
                "Yasmin fortalte om hverdagen.",
                (
                    "Vi lyttede til familiens egne ønsker.",
                    "Mødet var for stort; færre fagpersoner.",
                    ["Åben Dialog"],
                    Perspective.BOTH,
                ),
                (9, 9, 9, 9, "At alle var der på én gang."),
            ),
            (
                21,
                True,
                "Skolestart for den ældste",
                "Aftale med skolen.",
                (
                    "Skolen kom med, og planen blev fælles.",
                    "Husk tolk næste gang.",
                    ["Fælles plan"],
                    Perspective.BOTH,
                ),
                (8, 8, 7, 8, ""),
            ),
            (
                14,
                True,
                "Bolig og økonomi",
                "Svært møde om økonomi.",
                (
                    "Vi fik talt om økonomien.",
                    "Borgeren skal have mere tid til at tale.",
                    ["FIT"],
                    Perspective.CITIZEN,
                ),
                (6, 7, 6, 6, "Det gik for hurtigt."),
            ),
            (
                7,
                True,
                "Opfølgning",
                "Yasmin var træt og ked af det.",
                None,
                (4, 5, 4, 4, "Jeg følte ikke, at I hørte mig i dag."),
            ),
        ],
    ),
    (
        "Team Gellerup",
        "Karim (fiktiv)",
        "Karim er droppet ud af to uddannelser og har kontakt med fire forvaltninger.",
        "Jeg vil have et job og en lejlighed.",
        [("Fodboldklub", "Gellerup Boldklub", Sector.CIVIL_SOCIETY)],
        [("Besøg på virksomhed", "Karim og Fatima", 12)],
        [
            (
                20,
                False,
                "Interne telefonkøer",
                "Frustration over callcenteret.",
                (
                    "Det interne callcenter og telefonkø skaber frustration mellem kollegaer.",
                    "Aftal faste tider til at ringe sammen.",
                    ["Dialog mellem fagpersoner før borgermødet"],
                    Perspective.SYSTEM,
                ),
                None,
            ),
            (
                10,
                True,
                "Hvad er vigtigt for Karim?",
                "Karim talte om job.",
                None,
                (7, 8, 7, 7, "At I spurgte ind til fodbold."),
            ),
        ],
    ),
    (
        "Team Gellerup",
        "Louise (fiktiv)",
        "Louise har været sygemeldt længe, og forløbene i jobcenter og behandling trækker i "
        "hver sin retning.",
        "At blive rask nok til at arbejde lidt igen.",
        [("Egen læge", "Lægehuset Gellerup", Sector.GENERAL_PRACTICE)],
        [("Samtale med egen læge om arbejdsevne", "Louise", 20)],
        [
            (
                16,
                True,
                "Opstart",
                "Vi lavede en foreløbig plan.",
                (
                    "Med en fælles plan ved borgeren hvem der har ansvar for opgaver.",
                    "Få egen læge med i planen.",
                    ["Fælles plan"],
                    Perspective.BOTH,
                ),
                (8, 7, 8, 8, ""),
            ),
        ],
    ),
    (
        "Team Viby",
        "Bent (fiktiv)",
        "Bent er blevet enkemand og har mange indlæggelser. Teamet vurderer, at sundhed og "
        "socialområde skal arbejde sammen.",
        "At kunne blive boende i mit hus og se mine venner.",
        [
            ("Besøgsven", "Ældre Sagen", Sector.CIVIL_SOCIETY),
            ("Egen læge", "Lægehuset Viby", Sector.GENERAL_PRACTICE),
        ],
        [("Afklare hjælpemidler", "Hanne (Sundhed og Omsorg)", 9)],
        [
            (
                25,
                True,
                "Hverdagen derhjemme",
                "Bent viste os huset.",
                (
                    "Det var godt at holde mødet hjemme hos borgeren.",
                    "Få besøgsvennen med.",
                    ["Åben Dialog"],
                    Perspective.CITIZEN,
                ),
                (9, 9, 9, 9, "At I kom hjem til mig."),
            ),
            (
                11,
                True,
                "Opfølgning med besøgsven",
                "Aftale om ugentlige besøg.",
                (
                    "Besøgsvennen gav et nyt perspektiv.",
                    "Tal med egen læge om medicin.",
                    ["Fælles plan"],
                    Perspective.BOTH,
                ),
                (8, 9, 8, 9, ""),
            ),
        ],
    ),
    (
        "Team Viby",
        "Ida (fiktiv)",
        "Ida har en kronisk sygdom og en ustabil boligsituation; ingen enkelt forvaltning kan "
        "løse det alene.",
        "Et sted at bo, hvor jeg kan passe min sygdom.",
        [],
        [("Kontakt til boligforeningen", "Bo (socialforvaltningen)", 15)],
        [
            (9, False, "Fagpersoner: boligmuligheder", "Overblik over muligheder.", None, None),
        ],
    ),
    (
        "Team Viby",
        "Rasmus (fiktiv)",
        "Rasmus er ung med helbredsproblemer og trækker sig fra alle tilbud. Teamet vil prøve "
        "en anden tilgang.",
        "Jeg ved det ikke endnu. Måske noget med musik.",
        [],
        [],
        [],
    ),
    (
        "Team Midtbyen",
        "Sofie (fiktiv)",
        "Sofie er alene med to børn og har kontakt med jobcenter og familieenhed samtidig.",
        "At have tid til mine børn og et arbejde, der passer til det.",
        [("Daginstitution", "Børnehuset", Sector.MUNICIPAL)],
        [("Afklare arbejdstid", "Fatima (jobcenter)", 8)],
        [
            (
                2,
                True,
                "Første møde",
                "Vi lærte hinanden at kende.",
                None,
                (8, 8, 9, 8, "At børnene også blev nævnt."),
            ),
        ],
    ),
]

DECISIONS = [
    (
        "Dialog mellem fagpersoner før borgermødet",
        "At borgermøderne bliver kortere, når fagpersonerne har talt sammen først.",
        "Møderne blev mere fokuserede, men telefonkøen forsinker forberedelsen.",
        Decision.ADJUST,
        "Vi aftaler direkte numre i teamet i stedet for callcenteret.",
        20,
    ),
    (
        "Fælles plan",
        "At borgeren oplever færre gentagelser.",
        "Borgerne nævner selv planen som det, der gjorde en forskel.",
        Decision.DEVELOP,
        "Planen deles fremover også med egen læge.",
        10,
    ),
    (
        "FIT",
        "At vurderingerne viser, hvornår et forløb er ved at gå i stå.",
        "Faldet i Yasmins vurderinger blev opdaget, før hun selv sagde fra.",
        Decision.DEVELOP,
        "Vi taler om markerede vurderinger på hver teamkoordinering.",
        5,
    ),
]


def _staff(context, username):
    return StaffMember.objects.select_related("unit").get(user__username=username)


def _ensure_consent(citizen, purpose, by):
    if not citizen.consents.active().filter(purpose=purpose).exists():
        Consent.objects.create(citizen=citizen, purpose=purpose, given_by=by)


def load(context):
    today = timezone.localdate()
    aarhus = context.organisations["Aarhus Kommune"]
    coordinator = context.users["fagperson"]
    user_model = get_user_model()
    for username, first, last, org_name, unit_name, title in EXTRA_STAFF:
        user, created = user_model.objects.update_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "is_active": True},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        organisation = context.organisations[org_name]
        StaffMember.objects.update_or_create(
            user=user,
            defaults={
                "organisation": organisation,
                "unit": Unit.objects.get(organisation=organisation, name=unit_name),
                "job_title": title,
            },
        )

    teams = {}
    for name, description, members in TEAMS:
        team, _ = Team.objects.update_or_create(
            organisation=aarhus, name=name, defaults={"description": description}
        )
        teams[name] = team
        for username, role in members:
            TeamMembership.objects.update_or_create(
                team=team, staff_member=_staff(context, username), defaults={"role": role}
            )

    citizens = dict(context.citizens)
    for display_name, birth_year in EXTRA_CITIZENS:
        citizen, _ = Citizen.objects.update_or_create(
            display_name=display_name, organisation=aarhus, defaults={"birth_year": birth_year}
        )
        _ensure_consent(citizen, ConsentPurpose.REGISTRATION, coordinator)
        citizens[display_name] = citizen

    elements = {}
    for name, description in ELEMENTS:
        element, _ = PracticeElement.objects.update_or_create(
            organisation=aarhus, team=None, name=name, defaults={"description": description}
        )
        elements[name] = element

    for team_name, citizen_name, rationale, goals, actors, plan, meetings in PATHWAYS:
        citizen = citizens[citizen_name]
        _ensure_consent(citizen, ConsentPurpose.PATHWAY, coordinator)
        opened_on = today - datetime.timedelta(days=max([m[0] for m in meetings] or [0]) + 3)
        pathway, _ = Pathway.objects.update_or_create(
            team=teams[team_name],
            citizen=citizen,
            defaults={
                "rationale": rationale,
                "citizen_goals": goals,
                "opened_on": opened_on,
                "opened_by": coordinator,
            },
        )
        for actor_name, organisation, sector in actors:
            PathwayActor.objects.update_or_create(
                pathway=pathway,
                name=actor_name,
                defaults={"organisation": organisation, "sector": sector},
            )
        for description, owner, due_in in plan:
            PlanAction.objects.update_or_create(
                pathway=pathway,
                description=description,
                defaults={"owner": owner, "due_on": today + datetime.timedelta(days=due_in)},
            )
        team_staff = list(
            StaffMember.objects.filter(team_memberships__team=pathway.team).order_by("pk")[:3]
        )
        for days_ago, with_citizen, agenda, minutes, capture, rating in meetings:
            meeting, _ = Meeting.objects.update_or_create(
                pathway=pathway,
                agenda=agenda,
                defaults={
                    "held_on": today - datetime.timedelta(days=days_ago),
                    "with_citizen": with_citizen,
                    "minutes": minutes,
                    "supervisor_present": True,
                    "created_by": coordinator,
                },
            )
            meeting.participants.set(team_staff)
            if capture:
                worked, next_time, element_names, perspective = capture
                learning, _ = LearningCapture.objects.update_or_create(
                    meeting=meeting,
                    defaults={
                        "what_worked": worked,
                        "what_next": next_time,
                        "perspective": perspective,
                        "recorded_by": context.users["supervisor"],
                    },
                )
                learning.practice_elements.set([elements[n] for n in element_names])
            if rating:
                heard, matters, way, overall, comment = rating
                MeetingRating.objects.update_or_create(
                    meeting=meeting,
                    defaults={
                        "heard": heard,
                        "what_matters": matters,
                        "way_of_working": way,
                        "overall": overall,
                        "comment": comment,
                    },
                )

    for name, predicted, observed, decision, reason, days_ago in DECISIONS:
        PracticeDecision.objects.update_or_create(
            element=elements[name],
            predicted=predicted,
            defaults={
                "observed": observed,
                "decision": decision,
                "reason": reason,
                "decided_by": context.users["supervisor"],
                "decided_on": today - datetime.timedelta(days=days_ago),
            },
        )
