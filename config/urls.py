"""Root URLs: one include per app, allauth for login, the Danish admin and language switch."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from samskab.api.main import api

admin.site.site_header = _("Samskab – administration")
admin.site.site_title = "Samskab"
# The admin logs in through allauth, so lock-out and two-factor authentication apply there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("samskab.core.urls")),
    path("personer/", include("samskab.people.urls")),
    path("partnerskaber/", include("samskab.partnerships.urls")),
    path("effektmaal/", include("samskab.outcomes.urls")),
    path("esbjerg-modellen/", include("samskab.compass.urls")),
    path("borgerforloeb/", include("samskab.pathways.urls")),
    path("velfaerdsinnovation/", include("samskab.innovation.urls")),
    path("indsigter/", include("samskab.insights.urls")),
    path("ledelsesrum/", include("samskab.leadership.urls")),
    path("databeskyttelse/", include("samskab.privacy.urls")),
    path("kalender/", include("samskab.calendars.urls")),
    path("api/v1/", api.urls),
    path("konto/api-noegler/", include("samskab.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.BENCH_FLOOR_VIEW:
    from samskab.national.views import floor

    urlpatterns.append(path("bench/floor/", floor, name="bench-floor"))
