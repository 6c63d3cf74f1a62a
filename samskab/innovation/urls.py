from django.urls import path

from .views import business, change, extras, missions, network, projects, public

app_name = "innovation"

urlpatterns = [
    path("", projects.portfolio, name="portfolio"),
    path("udfordringer/", missions.challenge_list, name="challenge-list"),
    path("udfordringer/ny/", missions.challenge_create, name="challenge-create"),
    path("udfordringer/<int:pk>/", missions.challenge_detail, name="challenge-detail"),
    path("missioner/ny/", missions.mission_create, name="mission-create"),
    path("missioner/<int:pk>/", missions.mission_detail, name="mission-detail"),
    path("missioner/<int:pk>/deltag/", missions.mission_join, name="mission-join"),
    path(
        "missioner/<int:pk>/deltagere/<int:membership_pk>/",
        missions.membership_decide,
        name="membership-decide",
    ),
    path("projekter/nyt/", projects.project_create, name="project-create"),
    path("projekter/<int:pk>/", projects.project_detail, name="project-detail"),
    path("projekter/<int:pk>/rediger/", projects.project_edit, name="project-edit"),
    path("projekter/<int:pk>/partnere/", projects.partner_add, name="partner-add"),
    path(
        "projekter/<int:pk>/partnere/<int:partner_pk>/rolle/",
        projects.partner_change,
        name="partner-change",
    ),
    path(
        "projekter/<int:pk>/partnere/<int:partner_pk>/fjern/",
        projects.partner_remove,
        name="partner-remove",
    ),
    path("projekter/<int:pk>/gate/", projects.gate_decide, name="gate-decide"),
    path("projekter/<int:pk>/gate/anmod/", projects.gate_request, name="gate-request"),
    path("projekter/<int:pk>/business-case/", business.business_case, name="businesscase-detail"),
    path(
        "projekter/<int:pk>/business-case/linjer/",
        business.line_add,
        name="businesscase-line-add",
    ),
    path(
        "projekter/<int:pk>/business-case/linjer/<int:line_pk>/slet/",
        business.line_delete,
        name="businesscase-line-delete",
    ),
    path("projekter/<int:pk>/forandringsteori/", change.theory_of_change, name="toc-detail"),
    path("projekter/<int:pk>/principper/", extras.principles, name="principles"),
    path("projekter/<int:pk>/inddragelse/", extras.involvement_add, name="involvement-add"),
    path("projekter/<int:pk>/frigjorte-ressourcer/", extras.freed_add, name="freed-add"),
    path("projekter/<int:pk>/udbredelse/", extras.adoption_add, name="adoption-add"),
    path("projekter/<int:pk>/risici/", network.risk_list, name="risk-list"),
    path("projekter/<int:pk>/risici/<int:risk_pk>/", network.risk_edit, name="risk-edit"),
    path(
        "projekter/<int:pk>/interessenter/",
        network.project_stakeholders,
        name="project-stakeholders",
    ),
    path(
        "missioner/<int:pk>/interessenter/",
        network.mission_stakeholders,
        name="mission-stakeholders",
    ),
    path("interessenter/<int:pk>/fjern/", network.stakeholder_remove, name="stakeholder-remove"),
    path("laering/", extras.lesson_list, name="lesson-list"),
    path("laering/offentlig/", public.lesson_list, name="lesson-public-list"),
    path("laering/offentlig/<int:pk>/", public.lesson_detail, name="lesson-public-detail"),
    path("laering/feed/", public.lesson_feed, name="lesson-feed"),
]
