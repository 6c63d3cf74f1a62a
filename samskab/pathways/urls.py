from django.urls import path

from .views import meetings, pathways, practice, teams, workshop

app_name = "pathways"

urlpatterns = [
    path("", teams.team_list, name="team-list"),
    path("teams/<int:pk>/", teams.team_detail, name="team-detail"),
    path("teams/<int:team_pk>/nyt-forloeb/", pathways.pathway_create, name="pathway-create"),
    path(
        "teams/<int:team_pk>/praksiselementer/ny/",
        practice.element_create,
        name="element-create",
    ),
    path("forloeb/<int:pk>/", pathways.pathway_detail, name="pathway-detail"),
    path("forloeb/<int:pk>/maal/", pathways.goals_update, name="pathway-goals"),
    path("forloeb/<int:pk>/afslut/", pathways.pathway_close, name="pathway-close"),
    path("forloeb/<int:pk>/aktoerer/", pathways.actor_create, name="actor-create"),
    path("forloeb/<int:pk>/plan/", pathways.plan_action_create, name="planaction-create"),
    path(
        "forloeb/<int:pk>/plan/<int:action_pk>/status/",
        pathways.plan_action_status,
        name="planaction-status",
    ),
    path("forloeb/<int:pk>/nyt-moede/", meetings.meeting_create, name="meeting-create"),
    path("moeder/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("moeder/<int:pk>/opsamling/", meetings.capture_create, name="capture-create"),
    path("moeder/<int:pk>/overlevering/", meetings.handover_start, name="handover-start"),
    path("overlevering/<str:token>/", meetings.handover, name="handover"),
    path("praksiselementer/", practice.element_list, name="element-list"),
    path("praksiselementer/<int:pk>/", practice.element_detail, name="element-detail"),
    path("workshop/", workshop.workshop, name="workshop"),
    path("workshop/csv/", workshop.workshop_csv, name="workshop-csv"),
]
