"""Who may open the Esbjerg model pages: staff of the organisation that runs the compass
round, assessment or rollout; leaders manage; citizens' unit memberships are need-to-know."""

from samskab.compass.models import CompassRound, ReadinessAssessment, Rollout, UnitMembership
from samskab.core.access import STAFF, Rule, pk_of

OPEN_ROUND = pk_of(CompassRound, title="Ledelseskompas, anden runde")
ROLLOUT = pk_of(Rollout, name="Esbjerg-modellen i hjemmeplejen")

ACCESS_RULES = [
    Rule("compass:index", allow={STAFF}),
    Rule("compass:round-create", allow={"leader", "admin"}),
    Rule(
        "compass:round-detail",
        {"pk": OPEN_ROUND},
        allow={"admin", "esbjerg-fagperson", "esbjerg-leder"},
    ),
    Rule("compass:round-answer", {"pk": OPEN_ROUND}, allow={"esbjerg-fagperson", "esbjerg-leder"}),
    Rule(
        "compass:round-close", {"pk": OPEN_ROUND}, method="POST", allow={"admin", "esbjerg-leder"}
    ),
    Rule("compass:assessment-create", allow={"leader", "admin"}),
    Rule(
        "compass:assessment-detail",
        {"pk": pk_of(ReadinessAssessment)},
        allow={"admin", "esbjerg-fagperson", "esbjerg-leder"},
    ),
    Rule("compass:rollout-create", allow={"leader", "admin"}),
    Rule(
        "compass:rollout-detail",
        {"pk": ROLLOUT},
        allow={"admin", "esbjerg-fagperson", "esbjerg-leder"},
    ),
    Rule("compass:stage-create", {"pk": ROLLOUT}, allow={"admin", "esbjerg-leder"}),
    Rule("compass:membership-list", {"pk": ROLLOUT}, allow={"esbjerg-fagperson"}),
    Rule(
        "compass:membership-end",
        {
            "pk": ROLLOUT,
            "membership_pk": pk_of(UnitMembership, citizen__display_name="Borger E01 (fiktiv)"),
        },
        method="POST",
        allow={"esbjerg-fagperson"},
    ),
]
