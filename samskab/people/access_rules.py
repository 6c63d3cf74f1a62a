"""Who may open the people pages: need-to-know access to citizens within the organisation."""

from samskab.core.access import LOGGED_IN, STAFF, Rule, pk_of
from samskab.people.models import Citizen, Consent, Organisation

# Anders works with Aarhus Kommune (fagperson, supervisor); Mille is a citizen of Region
# Midtjylland (facilitator) and logs in herself (borger).
ANDERS = pk_of(Citizen, display_name="Anders (fiktiv)")
MILLE = pk_of(Citizen, display_name="Mille (fiktiv)")
AARHUS_STAFF = {"fagperson", "supervisor"}

ACCESS_RULES = [
    Rule("people:organisation-list", allow={STAFF}),
    Rule(
        "people:organisation-detail",
        {"pk": pk_of(Organisation, name="Aarhus Kommune")},
        allow={STAFF},
    ),
    Rule("people:import", allow={"admin"}),
    Rule("people:import-confirm", method="POST", allow={"admin"}),
    Rule("people:import-template", {"kind": "medarbejdere", "fmt": "csv"}, allow={"admin"}),
    Rule("people:citizen-list", allow={"facilitator", *AARHUS_STAFF, "esbjerg-fagperson"}),
    Rule("people:citizen-create", allow={"facilitator", *AARHUS_STAFF, "esbjerg-fagperson"}),
    Rule("people:citizen-detail", {"pk": ANDERS}, allow=AARHUS_STAFF),
    Rule("people:citizen-detail", {"pk": MILLE}, allow={"facilitator", "borger"}),
    Rule("people:citizen-update", {"pk": ANDERS}, allow=AARHUS_STAFF),
    Rule("people:citizen-update", {"pk": MILLE}, allow={"facilitator"}),
    Rule("people:consent-give", {"pk": ANDERS}, method="POST", allow=AARHUS_STAFF),
    Rule(
        "people:consent-withdraw",
        {"pk": MILLE, "consent_pk": pk_of(Consent, citizen__display_name="Mille (fiktiv)")},
        method="POST",
        allow={"facilitator", "borger"},
    ),
    Rule("people:my-page", allow={LOGGED_IN}),
    Rule(
        "people:my-consent-withdraw",
        {
            "consent_pk": pk_of(
                Consent, citizen__display_name="Mille (fiktiv)", withdrawn_at__isnull=True
            )
        },
        allow={"borger"},
    ),
]
