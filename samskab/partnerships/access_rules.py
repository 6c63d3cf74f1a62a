"""Who may open the partnership pages: facilitators of the round's organisation, the two
parties of a partnership (expert and leader), researchers for the anonymous figures."""

from samskab.core.access import ANONYMOUS, LOGGED_IN, Rule, pk_of
from samskab.partnerships.models import (
    ExperienceExpert,
    Gathering,
    GatheringInvitation,
    Partnership,
    Round,
)

ROUND = pk_of(Round, theme="Psykisk sårbare unge voksne i Aarhus")
OPEN_ROUND = pk_of(Round, theme="Unge med type 1-diabetes")
# Mille (borger) and Lars Leder (leder) are partners; Borgerdesign (facilitator) runs it.
PARTNERSHIP = pk_of(Partnership, expert__citizen__display_name="Mille (fiktiv)")
GATHERING = pk_of(Gathering, title="Fællesmøde for partnerskaber i Borgerdesign")

ACCESS_RULES = [
    Rule("partnerships:index", allow={LOGGED_IN}),
    Rule("partnerships:my-partnership", allow={LOGGED_IN}),
    Rule("partnerships:aggregates", allow={"facilitator", "forsker"}),
    Rule("partnerships:round-create", allow={"facilitator"}),
    Rule("partnerships:round-detail", {"pk": ROUND}, allow={"facilitator"}),
    Rule("partnerships:expert-register", {"pk": OPEN_ROUND}, allow={LOGGED_IN, ANONYMOUS}),
    Rule("partnerships:leader-register", {"pk": OPEN_ROUND}, allow={"leader"}),
    Rule(
        "partnerships:candidate-review",
        {
            "pk": OPEN_ROUND,
            "kind": "ekspert",
            "candidate_pk": pk_of(ExperienceExpert, citizen__display_name="Mille (fiktiv)"),
        },
        method="POST",
        allow={"facilitator"},
    ),
    Rule("partnerships:constraint-add", {"pk": OPEN_ROUND}, method="POST", allow={"facilitator"}),
    Rule(
        "partnerships:constraint-remove",
        {"pk": OPEN_ROUND, "rule_pk": 0},
        method="POST",
        allow=set(),
        note="no constraint in the demo: 404 for everyone; tested in partnerships/tests",
    ),
    Rule("partnerships:matching-run", {"pk": OPEN_ROUND}, method="POST", allow={"facilitator"}),
    Rule("partnerships:matching-status", {"pk": OPEN_ROUND}, allow={"facilitator"}),
    Rule(
        "partnerships:matching-confirm",
        {"pk": OPEN_ROUND, "run_pk": 0},
        method="POST",
        allow=set(),
        note="no matching run in the demo: 404 for everyone; tested in partnerships/tests",
    ),
    Rule("partnerships:payment-list", {"pk": ROUND}, allow={"facilitator"}),
    Rule("partnerships:payment-mark-paid", {"pk": ROUND}, method="POST", allow={"facilitator"}),
    Rule("partnerships:payment-export", {"pk": ROUND, "fmt": "csv"}, allow={"facilitator"}),
    Rule("partnerships:round-report", {"pk": ROUND}, allow={"facilitator"}),
    Rule(
        "partnerships:partnership-detail",
        {"pk": PARTNERSHIP},
        allow={"borger", "facilitator", "leder"},
    ),
    Rule(
        "partnerships:partnership-transition",
        {"pk": PARTNERSHIP, "event": "pause"},
        allow={"facilitator"},
    ),
    Rule(
        "partnerships:partnership-kickoff",
        {"pk": PARTNERSHIP},
        method="POST",
        allow={"facilitator"},
    ),
    Rule(
        "partnerships:meeting-create", {"pk": PARTNERSHIP}, allow={"borger", "facilitator", "leder"}
    ),
    Rule("partnerships:reflection-create", {"pk": PARTNERSHIP}, allow={"borger", "leder"}),
    Rule("partnerships:evaluation-create", {"pk": PARTNERSHIP}, allow={"borger", "leder"}),
    Rule(
        "partnerships:partnership-calendar",
        {"pk": PARTNERSHIP},
        allow={"borger", "facilitator", "leder"},
    ),
    Rule("partnerships:gathering-list", allow={"facilitator"}),
    Rule("partnerships:gathering-detail", {"pk": GATHERING}, allow={"facilitator"}),
    Rule(
        "partnerships:gathering-reply",
        {
            "pk": GATHERING,
            "invitation_pk": pk_of(GatheringInvitation, citizen__display_name="Mille (fiktiv)"),
        },
        method="POST",
        allow={"facilitator"},
    ),
    Rule("partnerships:gathering-export", {"pk": GATHERING}, allow={"facilitator"}),
]


def known_citizens(user):
    """The partner leader meets the expert of their partnership by name (by design)."""
    return Partnership.objects.visible_to(user).values_list("expert__citizen_id", flat=True)
