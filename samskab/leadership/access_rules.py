"""Who may open the shared-leadership pages: staff read opportunity spaces and barriers; the
forum, its meetings and decisions are for its members (the administrator may look); the
composers (facilitators, leaders) write spaces; frontline staff register barriers; the trail
from an insight is for those who may read the insight (a citizen: their own)."""

from samskab.core.access import LOGGED_IN, STAFF, Rule, pk_of
from samskab.leadership.models import (
    AgendaItem,
    Barrier,
    Decision,
    EvidenceLink,
    Forum,
    ForumMeeting,
    ForumMember,
    OpportunitySpace,
)
from samskab.partnerships.models import Reflection

FORUM_NAME = "Sundhedssamarbejdsudvalget i Region Midtjylland"
FORUM = pk_of(Forum, name=FORUM_NAME)
MEETING = pk_of(ForumMeeting, forum__name=FORUM_NAME)
SPACE_TITLE = "Psykisk sårbare studerende: behandling, men ingen hjælp til studieorlov"
SPACE = pk_of(OpportunitySpace, title=SPACE_TITLE)
SPACE_ITEM = pk_of(AgendaItem, opportunity_space__title=SPACE_TITLE)
OPEN_BARRIER_TITLE = "Borgerens plan kan ikke ses på tværs af kommune og region"
OPEN_BARRIER = pk_of(Barrier, title=OPEN_BARRIER_TITLE)
RESOLVED_BARRIER_TITLE = "Interne opkald mellem kolleger går gennem callcenteret"
RESOLVED_BARRIER = pk_of(Barrier, title=RESOLVED_BARRIER_TITLE)
WAITING_ITEM = pk_of(AgendaItem, barrier__title=OPEN_BARRIER_TITLE)
DECISION = pk_of(Decision, title="Studievejledere med i de tværsektorielle forløb")

MEMBERS = {"facilitator", "koordinator", "leder"}
COMPOSERS = {"facilitator", "leader"}
FRONTLINE = {"facilitator", "professional", "supervisor"}
RUNS_FORUM = {"admin", "facilitator"}  # the chair (no demo login) and the secretariat
SPACE_WRITERS = {"admin", "facilitator"}  # the composers of the space's organisation
BARRIER_WRITERS = {"admin", "fagperson", "supervisor"}  # frontline staff of Aarhus Kommune

ACCESS_RULES = [
    Rule("leadership:index", allow={STAFF}),
    Rule("leadership:forum-create", allow=COMPOSERS),
    Rule("leadership:forum-detail", {"pk": FORUM}, allow={"admin", *MEMBERS}),
    Rule("leadership:member-add", {"pk": FORUM}, method="POST", allow=RUNS_FORUM),
    Rule(
        "leadership:member-remove",
        {"pk": FORUM, "member_pk": pk_of(ForumMember, user__username="koordinator")},
        method="POST",
        allow=RUNS_FORUM,
    ),
    Rule("leadership:meeting-create", {"pk": FORUM}, allow=MEMBERS),
    Rule("leadership:meeting-detail", {"pk": MEETING}, allow={"admin", *MEMBERS}),
    Rule("leadership:agenda-add", {"pk": MEETING}, method="POST", allow=MEMBERS),
    Rule(
        "leadership:agenda-place",
        {"pk": MEETING, "item_pk": WAITING_ITEM},
        method="POST",
        allow=MEMBERS,
    ),
    Rule("leadership:decision-create", {"item_pk": SPACE_ITEM}, allow=MEMBERS),
    Rule("leadership:decision-detail", {"pk": DECISION}, allow={"admin", *MEMBERS}),
    Rule("leadership:decision-edit", {"pk": DECISION}, allow=MEMBERS),
    Rule("leadership:decision-finalise", {"pk": DECISION}, method="POST", allow=MEMBERS),
    Rule("leadership:decision-follow-up", {"pk": DECISION}, method="POST", allow=MEMBERS),
    Rule("leadership:space-create", allow=COMPOSERS),
    Rule("leadership:space-detail", {"pk": SPACE}, allow={STAFF}),
    Rule("leadership:space-edit", {"pk": SPACE}, allow=SPACE_WRITERS),
    Rule("leadership:space-evidence", {"pk": SPACE}, allow=SPACE_WRITERS),
    Rule(
        "leadership:space-evidence-remove",
        {
            "pk": SPACE,
            "link_pk": pk_of(EvidenceLink, opportunity_space__title=SPACE_TITLE),
        },
        method="POST",
        allow=SPACE_WRITERS,
    ),
    Rule("leadership:space-escalate", {"pk": SPACE}, method="POST", allow=SPACE_WRITERS),
    Rule("leadership:barrier-list", allow={STAFF}),
    Rule("leadership:barrier-create", allow=FRONTLINE),
    Rule("leadership:barrier-detail", {"pk": RESOLVED_BARRIER}, allow={STAFF}),
    Rule("leadership:barrier-evidence", {"pk": OPEN_BARRIER}, allow=BARRIER_WRITERS),
    Rule(
        "leadership:barrier-evidence-remove",
        {
            "pk": RESOLVED_BARRIER,
            "link_pk": pk_of(EvidenceLink, barrier__title=RESOLVED_BARRIER_TITLE),
        },
        method="POST",
        allow=BARRIER_WRITERS,
    ),
    Rule("leadership:barrier-escalate", {"pk": OPEN_BARRIER}, method="POST", allow=BARRIER_WRITERS),
    Rule(
        "leadership:insight-trail",
        {
            "source": "partnerships.reflection",
            "pk": pk_of(
                Reflection,
                partnership__expert__citizen__display_name="Mille (fiktiv)",
                party="expert",
                is_shared=True,
            ),
        },
        allow={"borger", "facilitator", "leder"},
        note="a citizen sees the trail of their own contribution only",
    ),
    # The JSON API (samskab/leadership/api.py): the same predicates as the pages. An
    # operation with a request body answers every logged-in user 422 for an empty body (see
    # samskab/api/access_rules.py); its object-level refusals are in tests/test_api.py.
    *[
        Rule(f"api-v1:leadership-{name}", kwargs, method=method, allow=allow)
        for name, kwargs, method, allow in [
            ("forum_list", {}, "GET", {LOGGED_IN}),
            ("forum_detail", {"pk": FORUM}, "GET", {"admin", *MEMBERS}),
            ("meeting_list", {"pk": FORUM}, "GET", {"admin", *MEMBERS}),
            ("meeting_create", {"pk": FORUM}, "POST", {LOGGED_IN}),
            ("meeting_detail", {"pk": MEETING}, "GET", {"admin", *MEMBERS}),
            ("agenda_list", {"pk": MEETING}, "GET", {"admin", *MEMBERS}),
            ("agenda_add", {"pk": MEETING}, "POST", {LOGGED_IN}),
            ("agenda_place", {"pk": MEETING, "item_pk": WAITING_ITEM}, "POST", MEMBERS),
            ("decision_create", {"pk": SPACE_ITEM}, "POST", {LOGGED_IN}),
            ("decision_detail", {"pk": DECISION}, "GET", {"admin", *MEMBERS}),
            ("decision_update", {"pk": DECISION}, "PUT", {LOGGED_IN}),
            ("decision_finalise", {"pk": DECISION}, "POST", MEMBERS),
            ("decision_follow_up", {"pk": DECISION}, "PUT", {LOGGED_IN}),
            ("space_list", {}, "GET", {STAFF}),
            ("space_create", {}, "POST", {LOGGED_IN}),
            ("space_detail", {"pk": SPACE}, "GET", {STAFF}),
            ("space_update", {"pk": SPACE}, "PUT", {LOGGED_IN}),
            ("space_evidence_add", {"pk": SPACE}, "POST", {LOGGED_IN}),
            (
                "space_evidence_remove",
                {
                    "pk": SPACE,
                    "link_pk": pk_of(EvidenceLink, opportunity_space__title=SPACE_TITLE),
                },
                "DELETE",
                SPACE_WRITERS,
            ),
            ("barrier_list", {}, "GET", {STAFF}),
            ("barrier_create", {}, "POST", {LOGGED_IN}),
            ("barrier_detail", {"pk": RESOLVED_BARRIER}, "GET", {STAFF}),
            ("barrier_evidence_add", {"pk": OPEN_BARRIER}, "POST", {LOGGED_IN}),
        ]
    ],
    Rule(
        "api-v1:leadership-insight_trail",
        {
            "source": "partnerships.reflection",
            "pk": pk_of(
                Reflection,
                partnership__expert__citizen__display_name="Mille (fiktiv)",
                party="expert",
                is_shared=True,
            ),
        },
        allow={"borger", "facilitator", "leder"},
        note="a citizen sees the trail of their own contribution only",
    ),
]
