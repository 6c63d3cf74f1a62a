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
    path("udrulning/<int:pk>/", views.rollout_detail, name="rollout-detail"),
]
