"""Who may call the JSON API (through the browser session, as the matrix does) and the token
pages. The API uses the pages' own predicates, so the allowed users mirror the page rules.

Lists answer everyone logged in, filtered to what they may see (an empty page otherwise).
An operation with a request body validates the body before it looks up the object (ninja
runs authentication, then validation, then the view), so an empty body gives every
logged-in user 422: such rules say LOGGED_IN and the object-level refusals are tested in
samskab/api/tests/test_permissions.py and each app's tests/test_api.py.
"""

from samskab.compass.access_rules import OPEN_ROUND as COMPASS_ROUND
from samskab.compass.access_rules import ROLLOUT
from samskab.compass.models import ReadinessAssessment, UnitMembership
from samskab.core.access import ANONYMOUS, LOGGED_IN, STAFF, Rule, pk_of
from samskab.innovation.access_rules import CASE_PROJECT, CASE_TITLE, PROJECT
from samskab.innovation.models import BusinessCaseLine
from samskab.partnerships.access_rules import OPEN_ROUND, PARTNERSHIP, ROUND
from samskab.partnerships.models import ExperienceExpert, Leader
from samskab.pathways.access_rules import MEETING, MILLES_PATHWAY, PATHWAY, TEAM
from samskab.people.access_rules import AARHUS_STAFF, ANDERS, MILLE
from samskab.people.models import Consent, Organisation

NO_SUCH = 999_999
BODY = {LOGGED_IN}  # see the module docstring
ESBJERG = {"admin", "esbjerg-fagperson", "esbjerg-leder"}
MILLES_PARTNERSHIP = {"borger", "facilitator", "leder"}


def _api(name, kwargs=None, **rule):
    return Rule(f"api-v1:{name}", kwargs or {}, **rule)


ACCESS_RULES = [
    # The API itself
    _api("openapi-json", allow={LOGGED_IN, ANONYMOUS}),
    _api("openapi-view", allow={LOGGED_IN, ANONYMOUS}),
    _api("api-root", allow=set(), note="ninja's root only names the docs: 404"),
    _api("api-me", allow={LOGGED_IN}),
    # Token pages
    Rule("api:token-list", allow={LOGGED_IN}),
    Rule(
        "api:token-revoke",
        {"pk": NO_SUCH},
        allow=set(),
        note="the confirmation page; no tokens in the demo, another's token: api/tests",
    ),
    Rule(
        "api:token-revoke",
        {"pk": NO_SUCH},
        method="POST",
        allow=set(),
        note="no tokens in the demo; revoking another's token is tested in api/tests",
    ),
    # People
    _api("people-organisation_list", allow={STAFF}),
    _api(
        "people-organisation_detail",
        {"pk": pk_of(Organisation, name="Aarhus Kommune")},
        allow={STAFF},
    ),
    _api("people-citizen_list", allow={LOGGED_IN}),
    _api("people-citizen_create", allow={LOGGED_IN}),
    _api("people-citizen_detail", {"pk": ANDERS}, allow=AARHUS_STAFF),
    _api("people-citizen_detail", {"pk": MILLE}, allow={"facilitator", "borger"}),
    _api("people-citizen_update", {"pk": ANDERS}, allow=AARHUS_STAFF),
    _api("people-consent_list", {"pk": ANDERS}, allow=AARHUS_STAFF),
    _api("people-consent_give", {"pk": MILLE}, allow={"facilitator", "borger"}),
    _api(
        "people-consent_withdraw",
        {"pk": MILLE, "consent_pk": pk_of(Consent, citizen__display_name="Mille (fiktiv)")},
        method="POST",
        allow={"facilitator", "borger"},
    ),
    # Partnerships
    _api("partnerships-round_list", allow={LOGGED_IN}),
    _api("partnerships-round_create", allow={LOGGED_IN}),
    _api("partnerships-open_round_list", allow={LOGGED_IN}),
    _api("partnerships-round_detail", {"pk": ROUND}, allow={"facilitator"}),
    _api("partnerships-expert_list", {"pk": ROUND}, allow={"facilitator"}),
    _api("partnerships-expert_register", {"pk": ROUND}, allow={"facilitator"}),
    _api("partnerships-leader_list", {"pk": ROUND}, allow={"facilitator"}),
    _api("partnerships-leader_register", {"pk": ROUND}, allow={"facilitator"}),
    _api(
        "partnerships-expert_review",
        {"pk": OPEN_ROUND, "expert_pk": pk_of(ExperienceExpert)},
        method="POST",
        allow=BODY,
    ),
    _api(
        "partnerships-leader_review",
        {"pk": OPEN_ROUND, "leader_pk": pk_of(Leader)},
        method="POST",
        allow=BODY,
    ),
    _api("partnerships-matching_run", {"pk": OPEN_ROUND}, method="POST", allow={"facilitator"}),
    _api(
        "partnerships-matching_run_detail",
        {"pk": OPEN_ROUND, "run_pk": NO_SUCH},
        allow=set(),
        note="no matching run in the demo: 404 for everyone",
    ),
    _api(
        "partnerships-matching_confirm",
        {"pk": OPEN_ROUND, "run_pk": NO_SUCH},
        method="POST",
        allow=set(),
        note="no matching run in the demo: 404 for everyone",
    ),
    _api("partnerships-partnership_list", allow={LOGGED_IN}),
    _api("partnerships-partnership_detail", {"pk": PARTNERSHIP}, allow=MILLES_PARTNERSHIP),
    _api("partnerships-partnership_transition", {"pk": PARTNERSHIP}, method="POST", allow=BODY),
    _api("partnerships-partnership_kickoff", {"pk": PARTNERSHIP}, method="POST", allow=BODY),
    _api("partnerships-meeting_list", {"pk": PARTNERSHIP}, allow=MILLES_PARTNERSHIP),
    _api("partnerships-meeting_create", {"pk": PARTNERSHIP}, allow=MILLES_PARTNERSHIP),
    # Pathways
    _api("pathways-team_list", allow={LOGGED_IN}),
    _api("pathways-team_detail", {"pk": TEAM}, allow={"fagperson", "leder", "supervisor"}),
    _api("pathways-team_rating_periods", {"pk": TEAM}, allow={"fagperson", "leder", "supervisor"}),
    _api("pathways-pathway_list", allow={LOGGED_IN}),
    _api("pathways-pathway_create", allow={LOGGED_IN}),
    _api("pathways-pathway_detail", {"pk": PATHWAY}, allow={"fagperson", "supervisor"}),
    _api(
        "pathways-pathway_detail",
        {"pk": MILLES_PATHWAY},
        allow={"borger", "fagperson", "supervisor"},
    ),
    _api("pathways-pathway_goals", {"pk": PATHWAY}, method="PUT", allow=BODY),
    _api(
        "pathways-pathway_close", {"pk": PATHWAY}, method="POST", allow={"fagperson", "supervisor"}
    ),
    _api("pathways-meeting_list", {"pk": PATHWAY}, allow={"fagperson", "supervisor"}),
    _api("pathways-meeting_create", {"pk": PATHWAY}, allow={"fagperson", "supervisor"}),
    _api("pathways-meeting_detail", {"pk": MEETING}, allow={"fagperson", "supervisor"}),
    _api("pathways-capture_list", allow={LOGGED_IN}),
    _api("pathways-capture_create", {"pk": MEETING}, method="POST", allow=BODY),
    _api("pathways-rating_create", {"pk": MEETING}, method="POST", allow=BODY),
    _api(
        "pathways-rating_list",
        {"pk": MILLES_PATHWAY},
        allow={"borger", "fagperson", "supervisor"},
    ),
    # Esbjerg model
    _api("compass-round_list", allow={LOGGED_IN}),
    _api("compass-round_create", allow={LOGGED_IN}),
    _api("compass-round_detail", {"pk": COMPASS_ROUND}, allow=ESBJERG),
    _api("compass-round_answer", {"pk": COMPASS_ROUND}, method="POST", allow=BODY),
    _api(
        "compass-round_close",
        {"pk": COMPASS_ROUND},
        method="POST",
        allow={"admin", "esbjerg-leder"},
    ),
    _api("compass-readiness_list", allow={LOGGED_IN}),
    _api("compass-readiness_create", allow={LOGGED_IN}),
    _api("compass-readiness_detail", {"pk": pk_of(ReadinessAssessment)}, allow=ESBJERG),
    _api("compass-rollout_list", allow={LOGGED_IN}),
    _api("compass-rollout_create", allow={LOGGED_IN}),
    _api("compass-rollout_detail", {"pk": ROLLOUT}, allow=ESBJERG),
    _api("compass-membership_list", {"pk": ROLLOUT}, allow={"esbjerg-fagperson"}),
    _api("compass-membership_create", {"pk": ROLLOUT}, allow={"esbjerg-fagperson"}),
    _api(
        "compass-membership_end",
        {
            "pk": ROLLOUT,
            "membership_pk": pk_of(UnitMembership, citizen__display_name="Borger E01 (fiktiv)"),
        },
        method="POST",
        allow=BODY,
    ),
    _api("compass-rollout_evaluation", {"pk": ROLLOUT}, allow=ESBJERG),
    # Outcomes
    _api("outcomes-measure_list", allow={STAFF}),
    _api("outcomes-measure_create", allow={STAFF}),
    _api("outcomes-measurement_list", {"pk": ANDERS}, allow={"fagperson", "supervisor"}),
    _api("outcomes-measurement_list", {"pk": MILLE}, allow={"borger", "facilitator"}),
    _api("outcomes-measurement_create", {"pk": ANDERS}, allow={"fagperson", "supervisor"}),
    _api("outcomes-who5_create", {"pk": ANDERS}, method="POST", allow=BODY),
    # Innovation
    _api("innovation-mission_list", allow={STAFF}),
    _api("innovation-project_list", allow={STAFF}),
    _api("innovation-project_create", allow={STAFF}),
    _api("innovation-project_detail", {"pk": PROJECT}, allow={STAFF}),
    _api(
        "innovation-gate_request",
        {"pk": PROJECT},
        method="POST",
        allow={"admin", "forsker", "slagelse-leder"},
    ),
    _api("innovation-gate_decision_list", {"pk": PROJECT}, allow={STAFF}),
    _api("innovation-gate_decide", {"pk": PROJECT}, allow={STAFF}),
    _api("innovation-business_case", {"pk": PROJECT}, allow={STAFF}),
    _api("innovation-business_case_save", {"pk": PROJECT}, allow={STAFF}),
    _api("innovation-line_add", {"pk": PROJECT}, method="POST", allow=BODY),
    _api(
        "innovation-line_delete",
        {
            "pk": CASE_PROJECT,
            "line_pk": pk_of(BusinessCaseLine, business_case__project__title=CASE_TITLE),
        },
        method="DELETE",
        allow={"admin", "forsker"},
    ),
]
