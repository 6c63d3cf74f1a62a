"""Who may open the data-protection pages: the DPO within their organisation (Aarhus Kommune
in the demo), researchers for their own studies, every logged-in user for their own data."""

from samskab.core.access import LOGGED_IN, Rule, pk_of
from samskab.people.models import Citizen
from samskab.privacy.models import DataSubjectRequest, ResearchStudy

ANDERS = pk_of(Citizen, display_name="Anders (fiktiv)")  # Aarhus Kommune: the demo DPO's
MILLE = pk_of(Citizen, display_name="Mille (fiktiv)")  # Region Midtjylland: not the DPO's
ACCESS_REQUEST = pk_of(DataSubjectRequest, citizen__display_name="Anders (fiktiv)")
ERASURE_REQUEST = pk_of(DataSubjectRequest, citizen__display_name="S.B. (fiktiv)")
STUDY = pk_of(ResearchStudy, title="Borgernes oplevelse af sammenhængende forløb")
DPO = {"dpo"}

ACCESS_RULES = [
    Rule("privacy:index", allow=DPO),
    Rule("privacy:access-log", allow=DPO),
    Rule("privacy:access-log-csv", allow=DPO),
    Rule("privacy:access-log-anchors", allow=DPO),
    Rule("privacy:request-list", allow=DPO),
    Rule("privacy:request-create", allow=DPO),
    Rule("privacy:request-detail", {"pk": ACCESS_REQUEST}, allow=DPO),
    Rule("privacy:request-answer", {"pk": ACCESS_REQUEST}, method="POST", allow=DPO),
    Rule("privacy:request-erase", {"pk": ERASURE_REQUEST}, method="POST", allow=DPO),
    Rule("privacy:request-refuse", {"pk": ERASURE_REQUEST}, method="POST", allow=DPO),
    Rule("privacy:citizen-data", {"pk": ANDERS}, allow=DPO),
    Rule("privacy:citizen-data", {"pk": MILLE}, allow=set()),
    Rule("privacy:citizen-data-json", {"pk": ANDERS}, allow=DPO),
    Rule("privacy:citizen-restriction", {"pk": ANDERS}, method="POST", allow=DPO),
    Rule("privacy:my-data", allow={LOGGED_IN}),
    Rule("privacy:my-data-json", allow={"citizen"}),
    Rule("privacy:my-log", allow={LOGGED_IN}),
    Rule("privacy:study-list", allow={"forsker", *DPO}),
    Rule("privacy:study-create", allow={"forsker", *DPO}),
    Rule("privacy:study-detail", {"pk": STUDY}, allow={"forsker", *DPO}),
    Rule("privacy:study-approve", {"pk": STUDY}, method="POST", allow=DPO),
    Rule("privacy:study-export", {"pk": STUDY}, allow={"forsker", *DPO}),
    # The JSON API (samskab/privacy/api.py): the same predicates as the pages. An operation
    # with a request body answers every logged-in user 422 for an empty body (see
    # samskab/api/access_rules.py); its object-level refusals are in tests/test_api.py.
    Rule("api-v1:privacy-my_data", allow={"citizen"}),
    Rule("api-v1:privacy-my_log", allow={LOGGED_IN}),
    Rule("api-v1:privacy-request_list", allow=DPO),
    Rule("api-v1:privacy-request_create", method="POST", allow={LOGGED_IN}),
    Rule("api-v1:privacy-request_detail", {"pk": ACCESS_REQUEST}, allow=DPO),
    Rule(
        "api-v1:privacy-request_answer",
        {"pk": ACCESS_REQUEST},
        method="POST",
        allow={LOGGED_IN},
    ),
    Rule("api-v1:privacy-citizen_data", {"pk": ANDERS}, allow=DPO),
    Rule("api-v1:privacy-citizen_data", {"pk": MILLE}, allow=set()),
    Rule("api-v1:privacy-access_log", allow=DPO),
]


def known_citizens(user) -> set[int]:
    """The DPO sees the names of their organisation's citizens (log, requests, exports)."""
    from .permissions import dpo_organisation_ids

    organisations = dpo_organisation_ids(user)
    if not organisations:
        return set()
    return set(
        Citizen.objects.filter(organisation_id__in=organisations).values_list("pk", flat=True)
    )
