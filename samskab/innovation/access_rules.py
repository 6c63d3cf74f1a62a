"""Who may open the welfare-innovation pages: staff of partner organisations see a project,
its owner's staff change it; the public lessons are open to everyone."""

from samskab.core.access import ANONYMOUS, LOGGED_IN, STAFF, Rule, pk_of
from samskab.innovation.models import (
    BusinessCaseLine,
    Challenge,
    Lesson,
    Mission,
    MissionMembership,
    Project,
    ProjectPartner,
    Risk,
    Stakeholder,
)

PROJECT = pk_of(Project, title="Fælles familieplan på tværs")
CASE_TITLE = "Misbrug og psykiatri under ét tag"
CASE_PROJECT = pk_of(Project, title=CASE_TITLE)
MISSION = pk_of(Mission, name="Sammenhæng i indsatserne for udsatte familier")
PARTNER = pk_of(ProjectPartner, project__title="Fælles familieplan på tværs", role="partner")

ACCESS_RULES = [
    Rule("innovation:portfolio", allow={STAFF}),
    Rule("innovation:challenge-list", allow={STAFF}),
    Rule("innovation:challenge-create", allow={"leader"}),
    Rule(
        "innovation:challenge-detail",
        {"pk": pk_of(Challenge, name="Udsatte familier")},
        allow={STAFF},
    ),
    Rule("innovation:mission-create", allow={"leader"}),
    Rule("innovation:mission-detail", {"pk": MISSION}, allow={STAFF}),
    Rule("innovation:mission-join", {"pk": MISSION}, method="POST", allow={"leader"}),
    Rule(
        "innovation:membership-decide",
        {
            "pk": MISSION,
            "membership_pk": pk_of(
                MissionMembership,
                mission__name="Sammenhæng i indsatserne for udsatte familier",
                status="requested",
            ),
        },
        method="POST",
        allow={"admin", "slagelse-leder"},
    ),
    Rule(
        "innovation:project-create",
        allow={
            "leader",
            "professional",
            "dpo",
            "facilitator",
            "forsker",
            "koordinator",
            "supervisor",
        },
    ),
    Rule("innovation:project-detail", {"pk": PROJECT}, allow={STAFF}),
    Rule("innovation:project-edit", {"pk": PROJECT}, allow={"admin", "forsker", "slagelse-leder"}),
    Rule(
        "innovation:partner-add",
        {"pk": PROJECT},
        method="POST",
        allow={"admin", "forsker", "slagelse-leder"},
    ),
    Rule(
        "innovation:partner-change",
        {"pk": PROJECT, "partner_pk": PARTNER},
        method="POST",
        allow={"admin", "forsker", "slagelse-leder"},
    ),
    Rule(
        "innovation:partner-remove",
        {"pk": PROJECT, "partner_pk": PARTNER},
        method="POST",
        allow={"admin", "forsker", "slagelse-leder"},
    ),
    Rule(
        "innovation:gate-decide", {"pk": PROJECT}, method="POST", allow={"admin", "slagelse-leder"}
    ),
    Rule(
        "innovation:gate-request",
        {"pk": PROJECT},
        method="POST",
        allow={"admin", "forsker", "slagelse-leder"},
    ),
    Rule("innovation:businesscase-detail", {"pk": PROJECT}, allow={STAFF}),
    Rule(
        "innovation:businesscase-line-add",
        {"pk": PROJECT},
        method="POST",
        allow={"admin", "forsker", "slagelse-leder"},
    ),
    Rule(
        "innovation:businesscase-line-delete",
        {
            "pk": CASE_PROJECT,
            "line_pk": pk_of(BusinessCaseLine, business_case__project__title=CASE_TITLE),
        },
        method="POST",
        allow={"admin", "forsker"},
    ),
    Rule("innovation:toc-detail", {"pk": PROJECT}, allow={STAFF}),
    Rule("innovation:principles", {"pk": PROJECT}, allow={STAFF}),
    Rule(
        "innovation:involvement-add",
        {"pk": PROJECT},
        method="POST",
        allow={"admin", "forsker", "slagelse-leder"},
    ),
    Rule(
        "innovation:freed-add",
        {"pk": PROJECT},
        method="POST",
        allow={"admin", "forsker", "slagelse-leder"},
    ),
    Rule(
        "innovation:adoption-add",
        {"pk": PROJECT},
        method="POST",
        allow={"admin", "forsker", "slagelse-leder"},
    ),
    Rule("innovation:risk-list", {"pk": CASE_PROJECT}, allow={STAFF}),
    Rule(
        "innovation:risk-list",
        {"pk": CASE_PROJECT},
        method="POST",
        allow={"admin", "forsker"},
        note="partner staff add risks",
    ),
    Rule(
        "innovation:risk-edit",
        {"pk": CASE_PROJECT, "risk_pk": pk_of(Risk, project__title=CASE_TITLE)},
        allow={"admin", "forsker"},
    ),
    Rule("innovation:project-stakeholders", {"pk": CASE_PROJECT}, allow={STAFF}),
    Rule("innovation:mission-stakeholders", {"pk": MISSION}, allow={STAFF}),
    Rule(
        "innovation:mission-stakeholders",
        {"pk": MISSION},
        method="POST",
        allow={"admin", "slagelse-leder"},
    ),
    Rule(
        "innovation:stakeholder-remove",
        {"pk": pk_of(Stakeholder, project__title=CASE_TITLE)},
        method="POST",
        allow={"admin", "forsker"},
    ),
    Rule("innovation:lesson-list", allow={STAFF}),
    Rule("innovation:lesson-public-list", allow={LOGGED_IN, ANONYMOUS}),
    Rule(
        "innovation:lesson-public-detail",
        {"pk": pk_of(Lesson, title="Missionen samler – konkurrencen skiller")},
        allow={LOGGED_IN, ANONYMOUS},
    ),
    Rule("innovation:lesson-feed", allow={LOGGED_IN, ANONYMOUS}),
]
