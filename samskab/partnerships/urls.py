from django.urls import path

from .views import finance, gatherings, partnerships, registration, rounds

app_name = "partnerships"

urlpatterns = [
    path("", rounds.index, name="index"),
    path("mit-partnerskab/", partnerships.my_partnership, name="my-partnership"),
    path("tal/", finance.aggregates, name="aggregates"),
    path("runder/ny/", rounds.round_create, name="round-create"),
    path("runder/<int:pk>/", rounds.round_detail, name="round-detail"),
    path("runder/<int:pk>/tilmeld/", registration.expert_register, name="expert-register"),
    path("runder/<int:pk>/tilmeld-leder/", registration.leader_register, name="leader-register"),
    path(
        "runder/<int:pk>/kandidater/<str:kind>/<int:candidate_pk>/",
        rounds.candidate_review,
        name="candidate-review",
    ),
    path("runder/<int:pk>/regler/", rounds.constraint_add, name="constraint-add"),
    path(
        "runder/<int:pk>/regler/<int:rule_pk>/fjern/",
        rounds.constraint_remove,
        name="constraint-remove",
    ),
    path("runder/<int:pk>/match/", rounds.matching_run, name="matching-run"),
    path("runder/<int:pk>/match/status/", rounds.matching_status, name="matching-status"),
    path(
        "runder/<int:pk>/match/<int:run_pk>/bekraeft/",
        rounds.matching_confirm,
        name="matching-confirm",
    ),
    path("runder/<int:pk>/honorarer/", finance.payment_list, name="payment-list"),
    path(
        "runder/<int:pk>/honorarer/udbetalt/", finance.payment_mark_paid, name="payment-mark-paid"
    ),
    path(
        "runder/<int:pk>/honorarer/eksport.<str:fmt>",
        finance.payment_export,
        name="payment-export",
    ),
    path("runder/<int:pk>/evaluering/", finance.round_report, name="round-report"),
    path("<int:pk>/", partnerships.partnership_detail, name="partnership-detail"),
    path(
        "<int:pk>/fase/<str:event>/",
        partnerships.partnership_transition,
        name="partnership-transition",
    ),
    path("<int:pk>/opstart/", partnerships.partnership_kickoff, name="partnership-kickoff"),
    path("<int:pk>/moeder/nyt/", partnerships.meeting_create, name="meeting-create"),
    path("<int:pk>/refleksioner/ny/", partnerships.reflection_create, name="reflection-create"),
    path("<int:pk>/evaluering/", partnerships.evaluation_create, name="evaluation-create"),
    path("<int:pk>/kalender.ics", partnerships.partnership_calendar, name="partnership-calendar"),
    path("faellesmoeder/", gatherings.gathering_list, name="gathering-list"),
    path("faellesmoeder/<int:pk>/", gatherings.gathering_detail, name="gathering-detail"),
    path(
        "faellesmoeder/<int:pk>/svar/<int:invitation_pk>/",
        gatherings.gathering_reply,
        name="gathering-reply",
    ),
    path(
        "faellesmoeder/<int:pk>/eksport.csv", gatherings.gathering_export, name="gathering-export"
    ),
]
