from django.urls import path

from . import views

app_name = "outcomes"

urlpatterns = [
    path("", views.measure_list, name="measure-list"),
    path("ny/", views.measure_create, name="measure-create"),
    path("borgere/", views.citizen_list, name="citizen-list"),
    path("borgere/<int:pk>/", views.citizen_measurements, name="citizen-measurements"),
    path("borgere/<int:pk>/ny/", views.measurement_create, name="measurement-create"),
    path("borgere/<int:pk>/who5/", views.who5_handover_start, name="who5-handover-start"),
    path("who5/<str:token>/", views.who5_handover, name="who5-handover"),
    path("min-trivsel/", views.my_who5, name="my-who5"),
]
