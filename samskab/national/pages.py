"""The main pages of each role on the national data set: measured by `make bench` and
guarded against growing query counts by samskab/national/tests/test_bounded_queries.py."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import NoReverseMatch, get_resolver, reverse

from samskab.demo.data import DEMO_PASSWORD
from samskab.innovation.models import Project
from samskab.partnerships.models import Round
from samskab.pathways.models import Meeting, Team, TeamRole
from samskab.people.models import Citizen


@dataclass(frozen=True)
class Page:
    role: str  # "" for anonymous
    name: str
    path: str


def bench_users():
    """username per role: the users whose pages are the fullest in the national data set."""
    team = (
        Team.objects.filter(name__endswith="(syntetisk)")
        .annotate(n=Count("pathways"))
        .order_by("-n", "pk")
        .first()
    )
    coordinator = team.memberships.filter(role=TeamRole.COORDINATOR).first().staff_member.user
    round_ = Round.objects.annotate(n=Count("partnerships")).order_by("-n", "pk").first()
    project = Project.objects.filter(created_by__isnull=False).order_by("pk").first()
    expert_citizen = (
        Citizen.objects.filter(user__isnull=False, expert_registrations__partnerships__isnull=False)
        .order_by("pk")
        .first()
    )
    users = {
        "fagperson": coordinator,
        "leder": project.created_by,
        "facilitator": round_.facilitators.order_by("pk").first(),
        "borger": expert_citizen.user,
        "admin": get_user_model().objects.get(username="nat-admin"),
    }
    own = expert_citizen.expert_registrations.filter(partnerships__isnull=False).first()
    objects = {
        "team": team,
        "round": round_,
        "project": project,
        "own_partnership": own.partnerships.order_by("pk").first(),
    }
    return users, objects


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


#: (role, name, URL name, the objects its arguments come from); role "" is anonymous.
MAIN_PAGES = [
    ("", "anonym: offentlig læring", "innovation:lesson-public-list", ()),
    ("fagperson", "fagperson: forside", "core:home", ()),
    ("fagperson", "fagperson: teams", "pathways:team-list", ()),
    ("fagperson", "fagperson: team", "pathways:team-detail", ("team",)),
    ("fagperson", "fagperson: borgerforløb", "pathways:pathway-detail", ("pathway",)),
    ("fagperson", "fagperson: møde", "pathways:meeting-detail", ("meeting",)),
    ("fagperson", "fagperson: praksiselementer", "pathways:element-list", ()),
    ("fagperson", "fagperson: borgere", "people:citizen-list", ()),
    ("fagperson", "fagperson: borger", "people:citizen-detail", ("citizen",)),
    ("fagperson", "fagperson: effektmål, borgere", "outcomes:citizen-list", ()),
    ("fagperson", "fagperson: borgerens målinger", "outcomes:citizen-measurements", ("citizen",)),
    ("leder", "leder: forside", "core:home", ()),
    ("leder", "leder: teams (tal)", "pathways:team-list", ()),
    ("leder", "leder: portefølje", "innovation:portfolio", ()),
    ("leder", "leder: projekt", "innovation:project-detail", ("project",)),
    ("leder", "leder: business case", "innovation:businesscase-detail", ("project",)),
    ("leder", "leder: udfordringer", "innovation:challenge-list", ()),
    ("leder", "leder: læring", "innovation:lesson-list", ()),
    ("facilitator", "facilitator: partnerskaber", "partnerships:index", ()),
    ("facilitator", "facilitator: runde", "partnerships:round-detail", ("round",)),
    (
        "facilitator",
        "facilitator: partnerskab",
        "partnerships:partnership-detail",
        ("partnership",),
    ),
    ("facilitator", "facilitator: honorarer", "partnerships:payment-list", ("round",)),
    ("facilitator", "facilitator: tal", "partnerships:aggregates", ()),
    ("borger", "borger: mine oplysninger", "people:my-page", ()),
    ("borger", "borger: mit partnerskab", "partnerships:partnership-detail", ("own_partnership",)),
    ("borger", "borger: min trivsel", "outcomes:my-who5", ()),
    ("admin", "admin: organisationer", "people:organisation-list", ()),
    ("admin", "admin: Esbjerg-modellen", "compass:index", ()),
]


def main_pages(objects) -> list[Page]:
    pathway = objects["team"].pathways.order_by("pk").first()
    objects = {
        **objects,
        "pathway": pathway,
        "meeting": Meeting.objects.filter(pathway=pathway).order_by("pk").first(),
        "citizen": pathway.citizen,
        "partnership": objects["round"].partnerships.order_by("pk").first(),
    }
    pages = [
        (role, name, _url(url_name, *[objects[key].pk for key in keys]))
        for role, name, url_name, keys in MAIN_PAGES
    ]
    pages += api_pages()
    return [Page(*page) for page in pages if page[2]]


#: The JSON API's main lists (django-ninja under /api/v1/), measured when the API is mounted.
API_LISTS = [
    ("fagperson", "API: teams", "/api/v1/pathways/teams"),
    ("fagperson", "API: borgerforløb", "/api/v1/pathways/pathways"),
    ("fagperson", "API: læringsopsamlinger", "/api/v1/pathways/learning-captures"),
    ("fagperson", "API: borgere", "/api/v1/people/citizens"),
    ("leder", "API: projekter", "/api/v1/innovation/projects"),
    ("facilitator", "API: partnerskaber", "/api/v1/partnerships/partnerships"),
    ("admin", "API: organisationer", "/api/v1/people/organisations"),
]


def api_pages():
    mounted = any(str(p.pattern).startswith("api/") for p in get_resolver().url_patterns)
    return API_LISTS if mounted else []


def bench_plan() -> dict:
    users, objects = bench_users()
    pages = [Page("", "floor: bare Django view", "/bench/floor/")]
    pages += main_pages(objects)
    # The floor again at the end: the machine may be shared, so the floor is taken twice.
    pages.append(Page("", "floor: bare Django view (end)", "/bench/floor/"))
    return {
        "password": DEMO_PASSWORD,
        "users": {role: user.username for role, user in users.items()},
        "pages": [{"role": p.role, "name": p.name, "path": p.path} for p in pages],
    }
