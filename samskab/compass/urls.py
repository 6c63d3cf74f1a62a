from django.urls import path

from . import views

app_name = "compass"

urlpatterns = [
    path("", views.index, name="index"),
    path("kompas/ny/", views.round_create, name="round-create"),
    path("kompas/<int:pk>/", views.round_detail, name="round-detail"),
    path("kompas/<int:pk>/svar/", views.round_answer, name="round-answer"),
    path("kompas/<int:pk>/luk/", views.round_close, name="round-close"),
    path("spredning/ny/", views.assessment_create, name="assessment-create"),
    path("spredning/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path("udrulning/ny/", views.rollout_create, name="rollout-create"),
    path("udrulning/<int:pk>/", views.rollout_detail, name="rollout-detail"),
    path("udrulning/<int:pk>/trin/nyt/", views.stage_create, name="stage-create"),
    path("udrulning/<int:pk>/tilknytninger/", views.memberships, name="membership-list"),
    path(
        "udrulning/<int:pk>/tilknytninger/<int:membership_pk>/afslut/",
        views.membership_end,
        name="membership-end",
    ),
]
