from django.urls import path

from . import kiosk, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("praksis/<slug:slug>/", views.practice, name="practice"),
    path("konto/", views.account, name="account"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("session/forlaeng/", views.keep_alive, name="keep-alive"),
    path("giv-enheden-tilbage/", kiosk.lock_screen, name="kiosk-lock"),
]
