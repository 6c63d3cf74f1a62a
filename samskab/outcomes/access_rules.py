"""Who may open the outcome pages: measurements are citizen data (need-to-know, or the
citizen's own); the catalogue of measures is for staff."""

from samskab.core.access import STAFF, Rule, pk_of
from samskab.people.models import Citizen

ANDERS = pk_of(Citizen, display_name="Anders (fiktiv)")
MILLE = pk_of(Citizen, display_name="Mille (fiktiv)")

ACCESS_RULES = [
    Rule("outcomes:measure-list", allow={STAFF}),
    Rule("outcomes:measure-create", allow={"admin"}),
    Rule("outcomes:citizen-list", allow={"professional", "facilitator", "supervisor"}),
    Rule("outcomes:citizen-measurements", {"pk": ANDERS}, allow={"fagperson", "supervisor"}),
    Rule("outcomes:citizen-measurements", {"pk": MILLE}, allow={"borger", "facilitator"}),
    Rule(
        "outcomes:measurement-create",
        {"pk": ANDERS},
        method="POST",
        allow={"fagperson", "supervisor"},
    ),
    Rule(
        "outcomes:who5-handover-start",
        {"pk": ANDERS},
        method="POST",
        allow={"fagperson", "supervisor"},
    ),
    Rule(
        "outcomes:who5-handover",
        {"token": "no-such-token"},
        allow=set(),
        note="only the session that started the hand-over gets it; tested in outcomes",
    ),
    Rule("outcomes:my-who5", allow={"borger"}),
]
