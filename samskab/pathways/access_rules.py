"""Who may open the pathway pages: the team around the citizen (need-to-know), the citizen
for their own pathway, leaders of the organisation for team aggregates only."""

from samskab.core.access import LOGGED_IN, Rule, pk_of
from samskab.pathways.models import Meeting, Pathway, PlanAction, PracticeElement, Team

TEAM = pk_of(Team, name="Team Midtbyen")
PATHWAY = pk_of(Pathway, citizen__display_name="Anders (fiktiv)")
MILLES_PATHWAY = pk_of(Pathway, citizen__display_name="Mille (fiktiv)")
MEETING = pk_of(Meeting, pathway__citizen__display_name="Anders (fiktiv)")
ELEMENT = pk_of(PracticeElement, name="FIT")

ACCESS_RULES = [
    Rule("pathways:team-list", allow={LOGGED_IN}),
    Rule("pathways:team-detail", {"pk": TEAM}, allow={"fagperson", "leder", "supervisor"}),
    Rule("pathways:pathway-create", {"team_pk": TEAM}, allow={"fagperson", "supervisor"}),
    Rule(
        "pathways:element-create",
        {"team_pk": TEAM},
        method="POST",
        allow={"fagperson", "supervisor"},
    ),
    Rule("pathways:pathway-detail", {"pk": PATHWAY}, allow={"fagperson", "supervisor"}),
    Rule(
        "pathways:pathway-detail",
        {"pk": MILLES_PATHWAY},
        allow={"borger", "fagperson", "supervisor"},
    ),
    Rule(
        "pathways:pathway-goals", {"pk": PATHWAY}, method="POST", allow={"fagperson", "supervisor"}
    ),
    Rule(
        "pathways:pathway-close", {"pk": PATHWAY}, method="POST", allow={"fagperson", "supervisor"}
    ),
    Rule(
        "pathways:actor-create", {"pk": PATHWAY}, method="POST", allow={"fagperson", "supervisor"}
    ),
    Rule(
        "pathways:planaction-create",
        {"pk": PATHWAY},
        method="POST",
        allow={"fagperson", "supervisor"},
    ),
    Rule(
        "pathways:planaction-status",
        {
            "pk": PATHWAY,
            "action_pk": pk_of(PlanAction, pathway__citizen__display_name="Anders (fiktiv)"),
        },
        method="POST",
        allow={"fagperson", "supervisor"},
    ),
    Rule("pathways:meeting-create", {"pk": PATHWAY}, allow={"fagperson", "supervisor"}),
    Rule("pathways:meeting-detail", {"pk": MEETING}, allow={"fagperson", "supervisor"}),
    Rule("pathways:capture-create", {"pk": MEETING}, allow={"fagperson", "supervisor"}),
    Rule(
        "pathways:handover-start", {"pk": MEETING}, method="POST", allow={"fagperson", "supervisor"}
    ),
    Rule(
        "pathways:handover",
        {"token": "no-such-token"},
        allow=set(),
        note="a used or unknown token is refused; the hand-over itself is tested in pathways",
    ),
    Rule("pathways:element-list", allow={"fagperson", "supervisor"}),
    Rule("pathways:element-detail", {"pk": ELEMENT}, allow={"fagperson", "supervisor"}),
    Rule("pathways:workshop", allow={"fagperson", "supervisor"}),
    Rule("pathways:workshop-csv", allow={"fagperson", "supervisor"}),
]


def known_citizens(user):
    """The team around a citizen works with them by name, whichever organisation holds the
    citizen's record (the pathway is the need-to-know)."""
    return Pathway.objects.visible_to(user).values_list("citizen_id", flat=True)
