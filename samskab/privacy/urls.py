from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.index, name="index"),
    path("adgangslog/", views.access_log, name="access-log"),
    path("adgangslog/csv/", views.access_log_csv, name="access-log-csv"),
    path("adgangslog/ankre/", views.access_log_anchors, name="access-log-anchors"),
    path("anmodninger/", views.request_list, name="request-list"),
    path("anmodninger/ny/", views.request_create, name="request-create"),
    path("anmodninger/<int:pk>/", views.request_detail, name="request-detail"),
    path("anmodninger/<int:pk>/besvar/", views.request_answer, name="request-answer"),
    path("anmodninger/<int:pk>/slet/", views.request_erase, name="request-erase"),
    path("anmodninger/<int:pk>/afslaa/", views.request_refuse, name="request-refuse"),
    path("borgere/<int:pk>/", views.citizen_data, name="citizen-data"),
    path("borgere/<int:pk>/json/", views.citizen_data_json, name="citizen-data-json"),
    path("borgere/<int:pk>/begraensning/", views.citizen_restriction, name="citizen-restriction"),
    path("mine-data/", views.my_data, name="my-data"),
    path("mine-data/json/", views.my_data_json, name="my-data-json"),
    path("min-log/", views.my_log, name="my-log"),
    path("forskning/", views.study_list, name="study-list"),
    path("forskning/ny/", views.study_create, name="study-create"),
    path("forskning/<int:pk>/", views.study_detail, name="study-detail"),
    path("forskning/<int:pk>/godkend/", views.study_approve, name="study-approve"),
    path("forskning/<int:pk>/udtraek/", views.study_export, name="study-export"),
]
