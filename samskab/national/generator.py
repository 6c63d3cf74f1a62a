"""A synthetic, deterministic national data set for load tests and the benchmark.

At scale 1: Denmark's 98 municipalities and 5 regions, 20,000 staff, 100,000 citizens,
30,000 pathways with 500,000 meetings and their learning captures, about 1,000,000 ratings
and measurements together, 2,000 partnerships and 1,000 innovation projects with business
cases. Every value comes from one seeded `random.Random`, so the same seed and scale give the
same data (see `fingerprint`); timestamps and primary keys are the only things that differ.

Everything is written with `bulk_create` in batches inside one transaction: an interrupted
run leaves nothing behind. Nothing here is real: every citizen is marked "(fiktiv)".
"""

import datetime
import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from samskab.core.models import Perspective
from samskab.demo.data import DEMO_PASSWORD
from samskab.innovation.models import (
    BusinessCase,
    BusinessCaseLine,
    Challenge,
    Lesson,
    LessonVisibility,
    LineKind,
    Mission,
    Payer,
    Phase,
    Principle,
    PrincipleCheck,
    Project,
    ProjectPartner,
    ProjectStatus,
)
from samskab.innovation.models import PartnerRole as ProjectRole
from samskab.outcomes.models import Measure, Measurement
from samskab.partnerships.models import (
    AVAILABILITY_SLOTS,
    Activity,
    CandidateStatus,
    ExperienceExpert,
    Leader,
    Partnership,
    PartnershipMeeting,
    PartnershipState,
    Payment,
    Reflection,
    Round,
)
from samskab.partnerships.models import Party as PartnershipParty
from samskab.pathways.models import (
    LearningCapture,
    Meeting,
    MeetingRating,
    Pathway,
    PathwayActor,
    PathwayStatus,
    PlanAction,
    PlanActionStatus,
    PracticeElement,
    Sector,
    Team,
    TeamMembership,
    TeamRole,
)
from samskab.people.models import (
    AuthorityArea,
    Citizen,
    Consent,
    ConsentPurpose,
    Organisation,
    OrganisationKind,
    Role,
    RoleAssignment,
    StaffMember,
    Unit,
)

from .models import GeneratedDataset

#: Every generated date lies on or before this day, so that the data set does not depend on
#: the day it is generated (and no meeting is "held in the future").
REFERENCE_DATE = datetime.date(2026, 6, 30)
USERNAME_PREFIX = "nat-"
BATCH_SIZE = 5000

#: Row counts at scale 1.
BASE_COUNTS = {
    "staff": 20_000,
    "citizens": 100_000,
    "pathways": 30_000,
    "meetings": 500_000,
    "measurements": 600_000,  # + ~400,000 meeting ratings = ~1,000,000 together
    "partnerships": 2_000,
    "projects": 1_000,
}
PATHWAYS_PER_TEAM = 10
PARTNERSHIPS_PER_ROUND = 20
CAPTURE_SHARE = 0.92  # the rest are "overdue" captures
CITIZEN_USER_SHARE = 0.01

STAFF_ROLES = [
    (Role.PROFESSIONAL, 0.70),
    (Role.SUPERVISOR, 0.08),
    (Role.LEADER, 0.10),
    (Role.FACILITATOR, 0.07),
    (Role.RESEARCHER, 0.02),
    (Role.NETWORK_COORDINATOR, 0.02),
    (Role.DATA_PROTECTION_OFFICER, 0.01),
]
MUNICIPAL_UNITS = [
    ("Jobcenter", AuthorityArea.JOBCENTER),
    ("Socialafdelingen", AuthorityArea.SOCIAL),
    ("Familieenheden", AuthorityArea.FAMILY),
    ("Sundhed og Omsorg", AuthorityArea.HEALTH_CARE),
    ("Skoler og dagtilbud", AuthorityArea.SCHOOL),
    ("Ledelsessekretariatet", AuthorityArea.ADMINISTRATION),
]
REGIONAL_UNITS = [
    ("Psykiatrien", AuthorityArea.PSYCHIATRY),
    ("Hospitalsenheden", AuthorityArea.HOSPITAL),
    ("Praksisområdet", AuthorityArea.GENERAL_PRACTICE),
    ("Regional Udvikling", AuthorityArea.ADMINISTRATION),
]
FIRST_NAMES = [
    "Anne",
    "Mette",
    "Hanne",
    "Kirsten",
    "Susanne",
    "Lene",
    "Camilla",
    "Marie",
    "Louise",
    "Sofie",
    "Ida",
    "Emma",
    "Freja",
    "Maja",
    "Peter",
    "Jens",
    "Lars",
    "Henrik",
    "Søren",
    "Niels",
    "Thomas",
    "Jesper",
    "Morten",
    "Anders",
    "Mikkel",
    "Frederik",
    "Oliver",
    "Noah",
    "Ahmad",
    "Fatima",
    "Aisha",
    "Mads",
    "Rasmus",
    "Jonas",
    "Line",
    "Julie",
    "Katrine",
    "Cecilie",
    "Astrid",
    "Karen",
]
LAST_NAMES = [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Christiansen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Knudsen",
    "Mikkelsen",
    "Frederiksen",
    "Holm",
    "Østergaard",
    "Dahl",
    "Lund",
    "Bach",
    "Kjær",
    "Vestergaard",
]
JOB_TITLES = {
    Role.PROFESSIONAL: ["Sagsbehandler", "Socialrådgiver", "Sygeplejerske", "Ergoterapeut"],
    Role.SUPERVISOR: ["Supervisor", "Faglig koordinator"],
    Role.LEADER: ["Afdelingsleder", "Centerchef", "Direktør"],
    Role.FACILITATOR: ["Facilitator", "Udviklingskonsulent"],
    Role.RESEARCHER: ["Forsker", "Evaluator"],
    Role.NETWORK_COORDINATOR: ["Netværkskoordinator"],
    Role.DATA_PROTECTION_OFFICER: ["Databeskyttelsesrådgiver"],
}
# Phrase banks for free text: distinct clusters so that theme mining finds themes.
WHAT_WORKED = [
    "Borgeren satte selv dagsordenen, og vi lyttede til hendes egne mål",
    "Den fælles plan gjorde det tydeligt, hvem der gør hvad til næste gang",
    "Netværksmødet med pårørende og egen læge gav ro og overblik",
    "Vi mødtes hjemme hos borgeren, og det gjorde samtalen tryg",
    "Jobcentret og psykiatrien talte sammen i stedet for om borgeren",
    "Borgeren fik tid til at fortælle om sin hverdag og sine bekymringer",
    "Feedback med FIT-skemaet viste, at alliancen er blevet stærkere",
    "Vi aftalte små skridt, som borgeren selv kunne nå inden næste møde",
]
WHAT_NEXT = [
    "Afklare boligsituationen sammen med kommunens boligsocialer",
    "Få styr på medicinen sammen med egen læge og hjemmeplejen",
    "Forberede praktik i en virksomhed med en mentor ved siden af",
    "Inddrage familien mere og aftale, hvem der følger op",
    "Samle sagsbehandlingen ét sted, så borgeren ikke skal gentage sig selv",
    "Følge op på økonomien og gælden med en frivillig rådgiver",
    "Planlægge fritidsaktiviteter, der kan bryde ensomheden",
]
RATIONALES = [
    "Borgeren har kontakt med mange forvaltninger og oplever, at ingen har overblikket.",
    "Flere sektorer er involveret, og borgeren har selv bedt om én fælles plan.",
    "Tidligere indsatser har ikke hængt sammen; vi vil prøve at arbejde tværfagligt.",
    "Borgeren står mellem job, helbred og familie og har brug for én indgang.",
]
CHALLENGES = [
    "Ensomhed blandt ældre",
    "Unge uden uddannelse og job",
    "Psykisk mistrivsel blandt børn og unge",
    "Rekruttering af sundhedspersonale",
    "Borgere med komplekse forløb på tværs af sektorer",
    "Overvægt og livsstilssygdomme",
    "Hjemløshed",
    "Demens i eget hjem",
    "Klimatilpasning i lokalsamfundet",
    "Digital udsathed",
]
PROJECT_WORDS = [
    "Sammen om",
    "Nye veje til",
    "Fællesskab om",
    "Tidlig indsats for",
    "Borgernær hjælp til",
    "Ét forløb for",
]
ROUND_THEMES = [
    "psykisk sårbare unge voksne",
    "unge med type 1-diabetes",
    "forældre til børn med handicap",
    "borgere på kanten af arbejdsmarkedet",
    "pårørende til mennesker med demens",
    "tidligere hjemløse",
]
INTERESTS = [
    "natur",
    "musik",
    "sport",
    "madlavning",
    "kunst",
    "litteratur",
    "film",
    "gaming",
    "håndværk",
    "dyr",
]
PRACTICE_ELEMENTS = [
    "Fælles plan",
    "FIT-feedback",
    "Netværksmøde",
    "Borgerens egne mål",
    "Tværfaglig sparring",
]


def counts_for(scale: float) -> dict[str, int]:
    """Rows per kind at a scale; never fewer than a handful, so tiny scales still work."""
    minimum = {"staff": 40, "citizens": 60, "pathways": 10, "meetings": 30}
    return {
        kind: max(minimum.get(kind, 2), round(base * scale)) for kind, base in BASE_COUNTS.items()
    }


@dataclass
class Generated:
    counts: dict = field(default_factory=lambda: defaultdict(int))


def demo_password_hash() -> str:
    """One hash of the demo password for every synthetic account (hashing each account's
    own would take hours). Its salt is fixed, so the data stay deterministic, and long
    enough that Django does not re-hash it at login: a re-hash saves a new hash, which
    logs out every other session of that user – concurrent logins in `make bench` did."""
    salt = hashlib.sha256(b"samskab-national").hexdigest()[:32]
    return make_password(DEMO_PASSWORD, salt=salt)


class NationalGenerator:
    def __init__(
        self,
        *,
        scale: float,
        seed: int = 2026,
        progress=None,
        counts: dict | None = None,
        pathways_per_team: int = PATHWAYS_PER_TEAM,
        partnerships_per_round: int = PARTNERSHIPS_PER_ROUND,
    ):
        """`counts` overrides the row counts of the scale (tests use it for two sizes)."""
        self.scale = scale
        self.seed = seed
        self.target = counts_for(scale) | (counts or {})
        self.pathways_per_team = pathways_per_team
        self.partnerships_per_round = partnerships_per_round
        self.progress = progress
        self.counts: dict[str, int] = defaultdict(int)

    # -- helpers --------------------------------------------------------------------------
    def rng(self, section: str) -> random.Random:
        """One generator per section, so that changing one section leaves the rest alone."""
        return random.Random(f"{self.seed}:{section}")

    def bulk(self, model, objects, label=None):
        created = model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
        self.counts[label or model._meta.label] += len(created)
        if self.progress is not None:
            self.progress.update(len(created))
        return created

    @staticmethod
    def days_before(rng, latest: datetime.date, low: int, high: int) -> datetime.date:
        return latest - datetime.timedelta(days=rng.randint(low, high))

    # -- the steps ------------------------------------------------------------------------
    @transaction.atomic
    def run(self):
        if GeneratedDataset.objects.exists():
            raise AlreadyGeneratedError(GeneratedDataset.objects.first())
        self.organisations()
        self.staff()
        self.citizens()
        self.teams()
        self.pathways()
        self.meetings()
        self.measurements()
        self.partnerships()
        self.innovation()
        return GeneratedDataset.objects.create(
            scale=self.scale, seed=self.seed, counts=dict(self.counts)
        )

    def organisations(self):
        rng = self.rng("organisations")
        # Denmark's regions and municipalities come from a people migration; use them all,
        # regions first, each in code order, so the seed always meets the same order.
        public = Organisation.objects.exclude(official_code="")
        self.regions = list(public.filter(kind=OrganisationKind.REGION).order_by("official_code"))
        self.municipalities = list(
            public.filter(kind=OrganisationKind.MUNICIPALITY).order_by("official_code")
        )
        self.orgs = self.regions + self.municipalities
        # Sizes: a few large municipalities and many small ones (Pareto), fixed by the seed.
        self.weights = [rng.paretovariate(1.3) for _ in self.orgs]
        for i in range(len(self.regions)):
            self.weights[i] *= 0.6

        taken = set(
            Unit.objects.filter(organisation__in=self.orgs).values_list("organisation_id", "name")
        )
        units = []
        for org in self.orgs:
            templates = REGIONAL_UNITS if org.kind == OrganisationKind.REGION else MUNICIPAL_UNITS
            for name, area in templates:
                if (org.pk, name) not in taken:
                    units.append(Unit(organisation=org, name=name, authority_area=area))
        self.bulk(Unit, units)
        self.units = defaultdict(list)
        for unit in Unit.objects.filter(organisation__in=self.orgs).order_by(
            "organisation", "name"
        ):
            self.units[unit.organisation_id].append(unit)

    def staff(self):
        rng = self.rng("staff")
        user_model = get_user_model()
        password = demo_password_hash()
        roles, weights = zip(*STAFF_ROLES, strict=True)
        plan = []
        per_role = defaultdict(int)
        for _i in range(self.target["staff"]):
            org = rng.choices(self.orgs, weights=self.weights)[0]
            role = rng.choices(roles, weights=weights)[0]
            per_role[role] += 1
            plan.append((org, role, f"{USERNAME_PREFIX}{role}-{per_role[role]}"))
        # Every organisation gets at least one of the roles the pages need, and every region a
        # facilitator (regions run partnership rounds).
        for org in self.orgs:
            roles_needed = [Role.PROFESSIONAL, Role.LEADER, Role.SUPERVISOR]
            if org.kind == OrganisationKind.REGION:
                roles_needed.append(Role.FACILITATOR)
            for role in roles_needed:
                per_role[role] += 1
                plan.append((org, role, f"{USERNAME_PREFIX}{role}-{per_role[role]}"))
        users = [
            user_model(
                username=username,
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"{username}@national.example",
                password=password,
            )
            for _org, _role, username in plan
        ]
        users.append(
            user_model(
                username=f"{USERNAME_PREFIX}admin",
                first_name="National",
                last_name="Administrator",
                password=password,
            )
        )
        users = self.bulk(user_model, users, "users")
        admin = users.pop()
        self.bulk(RoleAssignment, [RoleAssignment(user=admin, role=Role.ADMIN)])
        staff, assignments = [], []
        self.staff_by_org = defaultdict(list)  # org id -> [(staff member, role)]
        for user, (org, role, _username) in zip(users, plan, strict=True):
            unit = rng.choice(self.units[org.pk]) if self.units[org.pk] else None
            title = rng.choice(JOB_TITLES[role])
            staff.append(StaffMember(user=user, organisation=org, unit=unit, job_title=title))
            assignments.append(RoleAssignment(user=user, role=role, organisation=org))
        staff = self.bulk(StaffMember, staff)
        self.bulk(RoleAssignment, assignments)
        for member, (org, role, _username) in zip(staff, plan, strict=True):
            self.staff_by_org[org.pk].append((member, role))

    def citizens(self):
        rng = self.rng("citizens")
        user_model = get_user_model()
        municipalities = self.municipalities
        weights = self.weights[len(self.regions) :]
        citizens = []
        for i in range(self.target["citizens"]):
            org = rng.choices(municipalities, weights=weights)[0]
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)[0]}. {i + 1} (fiktiv)"
            citizens.append(
                Citizen(
                    display_name=name,
                    birth_year=rng.randint(1940, 2008),
                    organisation=org,
                )
            )
        # A small share of citizens have a login (the citizen role's pages).
        with_login = max(2, round(len(citizens) * CITIZEN_USER_SHARE))
        password = demo_password_hash()
        users = self.bulk(
            user_model,
            [
                user_model(username=f"{USERNAME_PREFIX}citizen-{i + 1}", password=password)
                for i in range(with_login)
            ],
            "users",
        )
        for citizen, user in zip(citizens, users, strict=False):
            citizen.user = user
        self.citizen_list = self.bulk(Citizen, citizens)
        self.bulk(
            RoleAssignment,
            [
                RoleAssignment(user=c.user, role=Role.CITIZEN, organisation=c.organisation)
                for c in self.citizen_list[:with_login]
            ],
        )
        self.citizens_by_org = defaultdict(list)
        for citizen in self.citizen_list:
            self.citizens_by_org[citizen.organisation_id].append(citizen)
        consents = []
        for citizen in self.citizen_list:
            consents.append(Consent(citizen=citizen, purpose=ConsentPurpose.REGISTRATION))
            if rng.random() < 0.5:
                consents.append(Consent(citizen=citizen, purpose=ConsentPurpose.RESEARCH))
        self.bulk(Consent, consents)

    def teams(self):
        rng = self.rng("teams")
        n_teams = max(1, self.target["pathways"] // self.pathways_per_team)
        candidates = [o for o in self.municipalities if self.citizens_by_org[o.pk]]
        weights = [len(self.citizens_by_org[o.pk]) for o in candidates]
        per_org = defaultdict(int)
        teams = []
        for _i in range(n_teams):
            org = rng.choices(candidates, weights=weights)[0]
            per_org[org.pk] += 1
            teams.append(
                Team(
                    organisation=org,
                    name=f"Tværfagligt team {per_org[org.pk]} (syntetisk)",
                    description="Syntetisk team til belastningstest.",
                )
            )
        self.team_list = self.bulk(Team, teams)
        memberships = []
        self.team_coordinator = {}
        for team in self.team_list:
            staff = [(m, r) for m, r in self.staff_by_org[team.organisation_id]]
            professionals = [m for m, r in staff if r == Role.PROFESSIONAL]
            supervisors = [m for m, r in staff if r == Role.SUPERVISOR]
            members = rng.sample(professionals, min(len(professionals), rng.randint(3, 6)))
            for j, member in enumerate(members):
                role = TeamRole.COORDINATOR if j == 0 else TeamRole.MEMBER
                memberships.append(TeamMembership(team=team, staff_member=member, role=role))
            if supervisors:
                supervisor = rng.choice(supervisors)
                memberships.append(
                    TeamMembership(team=team, staff_member=supervisor, role=TeamRole.SUPERVISOR)
                )
            self.team_coordinator[team.pk] = members[0].user_id if members else None
        self.bulk(TeamMembership, memberships)
        taken = set(
            PracticeElement.objects.filter(
                organisation__in=candidates, team__isnull=True
            ).values_list("organisation_id", "name")
        )
        elements = [
            PracticeElement(organisation=org, name=name, description="Afprøves i hele kommunen.")
            for org in candidates
            if per_org[org.pk]
            for name in PRACTICE_ELEMENTS
            if (org.pk, name) not in taken
        ]
        self.bulk(PracticeElement, elements)
        self.elements_by_org = defaultdict(list)
        for element in PracticeElement.objects.filter(
            organisation__in=candidates, team__isnull=True, name__in=PRACTICE_ELEMENTS
        ).order_by("organisation", "name"):
            self.elements_by_org[element.organisation_id].append(element)

    def pathways(self):
        rng = self.rng("pathways")
        open_pairs = set()
        pathways = []
        queues = {
            org: rng.sample(citizens, len(citizens))
            for org, citizens in self.citizens_by_org.items()
        }
        position = defaultdict(int)
        teams = self.team_list
        for i in range(self.target["pathways"]):
            team = teams[i % len(teams)]
            queue = queues[team.organisation_id]
            citizen = queue[position[team.organisation_id] % len(queue)]
            position[team.organisation_id] += 1
            is_open = rng.random() < 0.7 and (team.pk, citizen.pk) not in open_pairs
            if is_open:
                open_pairs.add((team.pk, citizen.pk))
            opened_on = self.days_before(rng, REFERENCE_DATE, 120, 900)
            closed_on = None if is_open else opened_on + datetime.timedelta(rng.randint(60, 110))
            pathways.append(
                Pathway(
                    team=team,
                    citizen=citizen,
                    rationale=rng.choice(RATIONALES),
                    citizen_goals="At få en hverdag, der hænger sammen.",
                    status=PathwayStatus.OPEN if is_open else PathwayStatus.CLOSED,
                    opened_on=opened_on,
                    closed_on=closed_on,
                    opened_by_id=self.team_coordinator[team.pk],
                )
            )
        self.pathway_list = self.bulk(Pathway, pathways)
        consents, actors, actions = [], [], []
        consented = set()
        for pathway in self.pathway_list:
            if pathway.citizen_id not in consented:
                consented.add(pathway.citizen_id)
                consents.append(Consent(citizen_id=pathway.citizen_id, purpose="pathway"))
            actors.append(
                PathwayActor(
                    pathway=pathway,
                    name=rng.choice(["Egen læge", "Frivillig mentor", "Psykiatrien"]),
                    sector=rng.choice(list(Sector)),
                )
            )
            for _j in range(2):
                actions.append(
                    PlanAction(
                        pathway=pathway,
                        description=rng.choice(WHAT_NEXT),
                        owner=rng.choice(["Borgeren", "Koordinatoren", "Egen læge"]),
                        due_on=pathway.opened_on + datetime.timedelta(rng.randint(14, 120)),
                        status=rng.choice(list(PlanActionStatus)),
                    )
                )
        self.bulk(Consent, consents)
        self.bulk(PathwayActor, actors)
        self.bulk(PlanAction, actions)

    def meetings(self):
        """Meetings, their captures and the citizens' ratings, in chunks to bound memory."""
        rng = self.rng("meetings")
        total = self.target["meetings"]
        pathways = self.pathway_list
        per_pathway = [total // len(pathways)] * len(pathways)
        for i in range(total - sum(per_pathway)):
            per_pathway[i % len(pathways)] += 1
        chunk = []
        for pathway, n in zip(pathways, per_pathway, strict=True):
            last = pathway.closed_on or REFERENCE_DATE
            span = max(1, (last - pathway.opened_on).days)
            for _j in range(n):
                chunk.append(
                    Meeting(
                        pathway=pathway,
                        held_on=pathway.opened_on + datetime.timedelta(rng.randint(0, span)),
                        with_citizen=rng.random() < 0.85,
                        supervisor_present=rng.random() < 0.3,
                        agenda="Status på planen og borgerens egne mål.",
                        minutes="Vi gennemgik planen og aftalte næste skridt.",
                        created_by_id=pathway.opened_by_id,
                    )
                )
            if len(chunk) >= 4 * BATCH_SIZE:
                self._meeting_chunk(rng, chunk)
                chunk = []
        if chunk:
            self._meeting_chunk(rng, chunk)

    def _meeting_chunk(self, rng, chunk):
        meetings = self.bulk(Meeting, chunk)
        captures, ratings = [], []
        pathway_org = {p.pk: p.team.organisation_id for p in {m.pathway for m in meetings}}
        for meeting in meetings:
            if rng.random() < CAPTURE_SHARE:
                topic = rng.randrange(len(WHAT_WORKED))
                captures.append(
                    LearningCapture(
                        meeting=meeting,
                        what_worked=WHAT_WORKED[topic],
                        what_next=WHAT_NEXT[(topic + rng.randint(0, 1)) % len(WHAT_NEXT)],
                        perspective=rng.choice(list(Perspective)),
                        recorded_by_id=meeting.created_by_id,
                    )
                )
            if meeting.with_citizen and rng.random() < 0.94:
                base = rng.randint(4, 9)
                ratings.append(
                    MeetingRating(
                        meeting=meeting,
                        heard=min(10, base + rng.randint(0, 1)),
                        what_matters=base,
                        way_of_working=max(0, base - rng.randint(0, 1)),
                        overall=base,
                        comment=rng.choice(["", "", "Det var rart at blive hørt."]),
                    )
                )
        captures = self.bulk(LearningCapture, captures)
        through = LearningCapture.practice_elements.through
        links = []
        for capture in captures:
            elements = self.elements_by_org.get(pathway_org[capture.meeting.pathway_id])
            if elements and rng.random() < 0.3:
                links.append(
                    through(
                        learningcapture_id=capture.pk, practiceelement_id=rng.choice(elements).pk
                    )
                )
        self.bulk(through, links, "pathways.LearningCapture_practice_elements")
        self.bulk(MeetingRating, ratings)

    def measurements(self):
        rng = self.rng("measurements")
        measures = {m.code: m for m in Measure.objects.builtin()}
        if not measures:
            return
        codes = [c for c in ("who5", "support_hours", "cost", "contacts") if c in measures]
        treated = {p.citizen_id for p in self.pathway_list}
        citizens = self.citizen_list
        batch = []
        for i in range(self.target["measurements"]):
            citizen = citizens[i % len(citizens)]
            code = codes[0] if rng.random() < 0.5 else rng.choice(codes)
            measured_on = self.days_before(rng, REFERENCE_DATE, 0, 720)
            lift = 1 if citizen.pk in treated and measured_on.year >= 2026 else 0
            answers = []
            if code == "who5":
                answers = [min(5, max(0, rng.randint(1, 4) + lift)) for _k in range(5)]
                value = Decimal(sum(answers) * 4)
            elif code == "support_hours":
                value = Decimal(rng.randint(0, 40))
            elif code == "cost":
                value = Decimal(rng.randint(0, 200_000))
            else:
                value = Decimal(rng.randint(0, 30))
            batch.append(
                Measurement(
                    citizen=citizen,
                    measure=measures[code],
                    value=value,
                    measured_on=measured_on,
                    is_self_reported=code == "who5",
                    item_answers=answers,
                )
            )
            if len(batch) >= 4 * BATCH_SIZE:
                self.bulk(Measurement, batch)
                batch = []
        self.bulk(Measurement, batch)

    def partnerships(self):
        rng = self.rng("partnerships")
        n_partnerships = self.target["partnerships"]
        n_rounds = max(1, n_partnerships // self.partnerships_per_round)
        facilitating = [
            o for o in self.orgs if any(r == Role.FACILITATOR for _m, r in self.staff_by_org[o.pk])
        ] or self.orgs[:1]
        leaders = [m for o in self.orgs for m, r in self.staff_by_org[o.pk] if r == Role.LEADER]
        citizens_with_login = [c for c in self.citizen_list if c.user_id]
        other_citizens = self.citizen_list[len(citizens_with_login) :]
        slots = [code for code, _label in AVAILABILITY_SLOTS]
        rounds = []
        for i in range(n_rounds):
            org = facilitating[i % len(facilitating)]
            starts_on = self.days_before(rng, REFERENCE_DATE, 30, 500)
            rounds.append(
                Round(
                    organisation=org,
                    theme=f"{rng.choice(ROUND_THEMES).capitalize()} – runde {i + 1}",
                    starts_on=starts_on,
                    ends_on=starts_on + datetime.timedelta(days=180),
                    honorarium_rate=Decimal("150.00"),
                    is_open_for_registration=rng.random() < 0.3,
                )
            )
        rounds = self.bulk(Round, rounds)
        through = Round.facilitators.through
        links = []
        for round_ in rounds:
            facilitators = [
                m.user_id
                for m, role in self.staff_by_org[round_.organisation_id]
                if role == Role.FACILITATOR
            ]
            links += [through(round_id=round_.pk, user_id=u) for u in facilitators[:3]]
        self.bulk(through, links, "partnerships.Round_facilitators")
        leaders_in_round = defaultdict(set)
        experts, leader_rows, pairs = [], [], []
        citizen_pool = citizens_with_login + rng.sample(
            other_citizens, min(len(other_citizens), n_partnerships * 2)
        )
        for i in range(n_partnerships + n_partnerships // 5):
            round_ = rounds[i % n_rounds]
            citizen = citizen_pool[i % len(citizen_pool)]
            k = i
            while leaders[k % len(leaders)].user_id in leaders_in_round[round_.pk]:
                k += 1
            leader = leaders[k % len(leaders)]
            leaders_in_round[round_.pk].add(leader.user_id)
            profile = {
                "themes": rng.sample(ROUND_THEMES, 2),
                "interests": rng.sample(INTERESTS, 3),
                "availability": rng.sample(slots, 4),
                "status": CandidateStatus.APPROVED,
            }
            experts.append(
                ExperienceExpert(
                    round=round_,
                    citizen=citizen,
                    has_timing=True,
                    has_desire=True,
                    understands_not_treatment=True,
                    **profile,
                )
            )
            leader_rows.append(
                Leader(
                    round=round_,
                    user_id=leader.user_id,
                    organisation_id=leader.organisation_id,
                    job_title=leader.job_title,
                    has_will=True,
                    has_belief=True,
                    has_care=True,
                    has_understanding=True,
                    has_time=True,
                    **{**profile, "themes": rng.sample(ROUND_THEMES, 2)},
                )
            )
        experts = self.bulk(ExperienceExpert, experts)
        leader_rows = self.bulk(Leader, leader_rows)
        # States cycle (those with meetings and payments first), so that every size has some.
        states = [
            PartnershipState.MEETINGS,
            PartnershipState.COMPLETED,
            PartnershipState.WRAPUP,
            PartnershipState.KICKOFF,
            PartnershipState.PROPOSED,
            PartnershipState.MEETINGS,
            PartnershipState.PAUSED,
            PartnershipState.ENDED_EARLY,
            PartnershipState.DECLINED,
        ]
        for i in range(n_partnerships):
            expert, leader = experts[i], leader_rows[i]
            pairs.append(
                Partnership(
                    round_id=expert.round_id,
                    expert=expert,
                    leader=leader,
                    state=states[i % len(states)],
                    state_changed_by_id=leader.user_id,
                    match_reasons=["I deler temaer og interesser."],
                    agreement="Vi følges på arbejde og går ture sammen.",
                    shared_task="At gøre overgangen mellem sektorer nemmere.",
                )
            )
        pairs = self.bulk(Partnership, pairs)
        round_by_pk = {r.pk: r for r in rounds}
        meetings, reflections = [], []
        for partnership in pairs:
            round_ = round_by_pk[partnership.round_id]
            if partnership.state in (
                PartnershipState.MEETINGS,
                PartnershipState.WRAPUP,
                PartnershipState.COMPLETED,
            ):
                for j in range(3):
                    meetings.append(
                        PartnershipMeeting(
                            partnership=partnership,
                            activity=rng.choice([a for a in Activity if a != Activity.OTHER]),
                            held_on=round_.starts_on + datetime.timedelta(days=20 + 30 * j),
                            place="Kommunens mødelokale",
                            duration_hours=Decimal(rng.choice(["1.0", "1.5", "2.0"])),
                        )
                    )
            reflections.append(
                Reflection(
                    partnership=partnership,
                    party=PartnershipParty.LEADER,
                    text="Jeg ser nu, hvor mange døre borgeren skal igennem.",
                    perspective=Perspective.SYSTEM,
                    is_shared=True,
                )
            )
        meetings = self.bulk(PartnershipMeeting, meetings)
        payments = []
        partnership_by_pk = {p.pk: p for p in pairs}
        for meeting in meetings:
            rate = round_by_pk[partnership_by_pk[meeting.partnership_id].round_id].honorarium_rate
            payments.append(
                Payment(
                    meeting=meeting,
                    partnership_id=meeting.partnership_id,
                    hours=meeting.duration_hours,
                    rate=rate,
                    amount=meeting.duration_hours * rate,
                    month=meeting.held_on.replace(day=1),
                    is_paid=meeting.held_on < REFERENCE_DATE - datetime.timedelta(days=60),
                )
            )
        self.bulk(Payment, payments)
        self.bulk(Reflection, reflections)

    def innovation(self):
        rng = self.rng("innovation")
        n_projects = self.target["projects"]
        challenges = self.bulk(
            Challenge,
            [
                Challenge(name=f"{name} (national {i + 1:02d})", description=name)
                for i, name in enumerate(CHALLENGES)
            ],
        )
        missions = self.bulk(
            Mission,
            [
                Mission(
                    challenge=challenges[i % len(challenges)],
                    name=f"Mission {i + 1:03d}: {challenges[i % len(challenges)].description}",
                    owner=self.regions[i % len(self.regions)],
                )
                for i in range(max(1, n_projects // 20))
            ],
        )
        leaders = [m for o in self.orgs for m, r in self.staff_by_org[o.pk] if r == Role.LEADER]
        phases, statuses = list(Phase), list(ProjectStatus)
        projects = []
        for i in range(n_projects):
            mission = missions[i % len(missions)]
            projects.append(
                Project(
                    title=(
                        f"{rng.choice(PROJECT_WORDS)} {mission.challenge.description.lower()}"
                        f" – projekt {i + 1:04d}"
                    ),
                    description="Syntetisk projekt til belastningstest.",
                    mission=mission,
                    phase=rng.choice(phases),
                    status=rng.choices(statuses, weights=[8, 1, 1])[0],
                    gate_requested_on=(
                        self.days_before(rng, REFERENCE_DATE, 0, 30) if rng.random() < 0.1 else None
                    ),
                    created_by_id=leaders[i % len(leaders)].user_id,
                )
            )
        projects = self.bulk(Project, projects)
        partners, cases, checks, lessons = [], [], [], []
        for i, project in enumerate(projects):
            owner = leaders[i % len(leaders)].organisation_id
            chosen = {owner}
            partners.append(
                ProjectPartner(project=project, organisation_id=owner, role=ProjectRole.OWNER)
            )
            for org in rng.sample(self.orgs, 3):
                if org.pk not in chosen:
                    chosen.add(org.pk)
                    partners.append(
                        ProjectPartner(project=project, organisation=org, role=ProjectRole.PARTNER)
                    )
            cases.append(BusinessCase(project=project, notes="Syntetiske forudsætninger."))
            for principle in Principle:
                checks.append(
                    PrincipleCheck(project=project, principle=principle, level=rng.randint(0, 2))
                )
            lessons.append(
                Lesson(
                    title=f"Læring fra projekt {i + 1:04d}",
                    text="Inddrag borgerne fra starten, og del beslutningerne med frontlinjen.",
                    tags="inddragelse, tværfagligt",
                    perspective=rng.choice(list(Perspective)),
                    visibility=rng.choice(list(LessonVisibility)),
                    project=project,
                    organisation_id=owner,
                    author_id=project.created_by_id,
                )
            )
        self.bulk(ProjectPartner, partners)
        cases = self.bulk(BusinessCase, cases)
        lines = []
        payers = list(Payer)
        for case in cases:
            for year in range(5):
                lines.append(
                    BusinessCaseLine(
                        business_case=case,
                        kind=LineKind.COST,
                        payer=rng.choice(payers),
                        year=year,
                        description="Medarbejdertimer",
                        quantity=Decimal(rng.randint(100, 1000)),
                        unit_price=Decimal("450.00"),
                    )
                )
                lines.append(
                    BusinessCaseLine(
                        business_case=case,
                        kind=LineKind.GAIN,
                        payer=rng.choice(payers),
                        year=year,
                        description="Færre indlæggelser",
                        quantity=Decimal(rng.randint(0, 60) * year),
                        unit_price=Decimal("9500.00"),
                    )
                )
        self.bulk(BusinessCaseLine, lines)
        self.bulk(PrincipleCheck, checks)
        self.bulk(Lesson, lessons)


class AlreadyGeneratedError(Exception):
    def __init__(self, dataset):
        self.dataset = dataset
        super().__init__(str(dataset))


def expected_rows(scale: float) -> int:
    """Roughly how many rows a run writes (for the progress bar's total)."""
    c = counts_for(scale)
    return int(
        c["staff"] * 3
        + c["citizens"] * 2.5
        + c["pathways"] * 5
        + c["meetings"] * 2.9
        + c["measurements"]
        + c["partnerships"] * 7
        + c["projects"] * 20
    )


#: (model, fields) hashed in primary-key order by `fingerprint`: values only, no ids/times.
FINGERPRINT_FIELDS = [
    (Organisation, ["name", "kind", "official_code"]),
    (Unit, ["organisation__name", "name", "authority_area"]),
    ("users", ["username", "first_name", "last_name"]),
    (StaffMember, ["user__username", "organisation__name", "unit__name", "job_title"]),
    (RoleAssignment, ["user__username", "role", "organisation__name"]),
    (Citizen, ["display_name", "birth_year", "organisation__name", "user__username"]),
    (Consent, ["citizen__display_name", "purpose"]),
    (Team, ["organisation__name", "name"]),
    (TeamMembership, ["team__name", "staff_member__user__username", "role"]),
    (Pathway, ["team__name", "citizen__display_name", "status", "opened_on", "closed_on"]),
    (Meeting, ["pathway__citizen__display_name", "held_on", "with_citizen"]),
    (LearningCapture, ["meeting__held_on", "what_worked", "what_next", "perspective"]),
    (MeetingRating, ["meeting__held_on", "heard", "what_matters", "way_of_working", "overall"]),
    (Measurement, ["citizen__display_name", "measure__code", "value", "measured_on"]),
    (Round, ["organisation__name", "theme", "starts_on"]),
    (Partnership, ["expert__citizen__display_name", "leader__user__username", "state"]),
    (Project, ["title", "phase", "status"]),
    (BusinessCaseLine, ["business_case__project__title", "kind", "payer", "year", "quantity"]),
]


def fingerprint() -> str:
    """A SHA-256 over the generated values (not ids or timestamps): same seed, same hash."""
    digest = hashlib.sha256()
    for model, fields in FINGERPRINT_FIELDS:
        model = get_user_model() if model == "users" else model
        rows = model.objects.order_by("pk").values_list(*fields)
        digest.update(model._meta.label.encode())
        for row in rows.iterator(chunk_size=10_000):
            digest.update(repr(row).encode())
    return digest.hexdigest()
