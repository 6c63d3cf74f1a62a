from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("praksis/<slug:slug>/", views.practice, name="practice"),
    path("konto/", views.account, name="account"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("session/forlaeng/", views.keep_alive, name="keep-alive"),
]
