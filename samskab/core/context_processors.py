"""Navigation and the header's user context, shared by every page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.people.models import Role
from samskab.people.permissions import can_view_organisations, role_names, sees_citizen_data

PRACTICES = [
    ("partnerships", _("Partnerskaber")),
    ("pathways", _("Borgerforløb")),
    ("compass", _("Esbjerg-modellen")),
    ("innovation", _("Velfærdsinnovation")),
    ("insights", _("Indsigter")),
    ("leadership", _("Fælles ledelse")),
]

#: A practice whose app has landed links to its own start page here; the others link to
#: the "kommer snart" page. One line per practice app.
PRACTICE_URLS: dict[str, str] = {
    "partnerships": "partnerships:index",
    "compass": "compass:index",
    "pathways": "pathways:team-list",
    "innovation": "innovation:portfolio",
    "insights": "insights:index",
    "leadership": "leadership:index",
}


#: What a citizen (experience expert) sees in the menu: only their own things.
CITIZEN_LINKS = [
    ("people:my-page", _("Mine oplysninger")),
    ("partnerships:my-partnership", _("Mit partnerskab")),
    ("pathways:team-list", _("Mit forløb")),
    ("outcomes:my-who5", _("Min trivsel")),
    ("privacy:my-log", _("Min log")),
]


def practice_url(slug: str) -> str:
    if slug in PRACTICE_URLS:
        return reverse(PRACTICE_URLS[slug])
    return reverse("core:practice", args=[slug])


def navigation(request):
    """The header's context; HeaderContextMiddleware reads it before the view renders."""
    header = getattr(request, "header_context", None)
    return header if header is not None else header_context(request)


def header_context(request) -> dict:
    """Everything the header shows, read from the database now, so templates run no queries."""
    from samskab.insights.reminders import unread_count

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    staff = getattr(user, "staff_member", None)
    roles = role_names(user)
    is_citizen_user = bool(roles) and roles <= {Role.CITIZEN}
    if is_citizen_user:
        links = [(reverse(name), label) for name, label in CITIZEN_LINKS]
    else:
        links = [(practice_url(slug), label) for slug, label in PRACTICES]
        if sees_citizen_data(user):
            links.append((reverse("people:citizen-list"), _("Borgere")))
        if can_view_organisations(user):
            links.append((reverse("people:organisation-list"), _("Organisationer")))
        if Role.DATA_PROTECTION_OFFICER in roles:
            links.append((reverse("privacy:index"), _("Databeskyttelse")))
        elif Role.RESEARCHER in roles:
            links.append((reverse("privacy:study-list"), _("Forskningsudtræk")))
    return {
        "nav_items": [(url, label, request.path.startswith(url)) for url, label in links],
        "user_organisation": staff.organisation if staff else None,
        "user_role_labels": [Role(r).label for r in sorted(roles)],
        "is_citizen_user": is_citizen_user,
        "unread_notification_count": unread_count(user),
    }
