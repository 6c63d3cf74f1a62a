from django.urls import path

from . import import_views, views

app_name = "people"

urlpatterns = [
    path("organisationer/", views.organisation_list, name="organisation-list"),
    path("organisationer/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("import/", import_views.import_start, name="import"),
    path("import/gennemfoer/", import_views.import_confirm, name="import-confirm"),
    path(
        "import/skabelon/<str:kind>.<str:fmt>",
        import_views.import_template,
        name="import-template",
    ),
    path("borgere/", views.citizen_list, name="citizen-list"),
    path("borgere/ny/", views.citizen_create, name="citizen-create"),
    path("borgere/<int:pk>/", views.citizen_detail, name="citizen-detail"),
    path("borgere/<int:pk>/rediger/", views.citizen_update, name="citizen-update"),
    path("borgere/<int:pk>/samtykke/", views.consent_give, name="consent-give"),
    path(
        "borgere/<int:pk>/samtykke/<int:consent_pk>/tilbagetraek/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
    path("mine-oplysninger/", views.my_page, name="my-page"),
    path(
        "mine-oplysninger/samtykke/<int:consent_pk>/traek-tilbage/",
        views.my_consent_withdraw,
        name="my-consent-withdraw",
    ),
]
