"""Demo data for insights: the search index rebuilt from every practice's demo story, a saved
theme per demo organisation, and the reminders that are due today as notifications.
Idempotent: the index is rebuilt, themes are updated by name, reminders are sent once."""

from samskab.people.models import Organisation

from . import reminders
from .index import rebuild_index
from .models import EmailFrequency, NotificationPreference, SavedTheme

THEMES = [
    (
        "Aarhus Kommune",
        "supervisor",
        "Borgerens egne ord",
        ["borgeren", "lyttede", "hørt", "ønsker"],
        "Følger, hvor ofte borgerens egne ord og ønsker fylder i læringen.",
    ),
    (
        "Region Midtjylland",
        "facilitator",
        "Møder på udebane",
        ["møde", "udebane", "hverdag", "ligeværdig"],
        "Partnerskabernes møder på ukendt grund – og hvad de åbner for.",
    ),
]


def load(context):
    rebuild_index()
    for org_name, username, name, keywords, description in THEMES:
        organisation = Organisation.objects.filter(name=org_name).first()
        if organisation is None:
            continue
        SavedTheme.objects.update_or_create(
            organisation=organisation,
            name=name,
            defaults={
                "keywords": keywords,
                "description": description,
                "created_by": context.users.get(username),
            },
        )
    supervisor = context.users.get("supervisor")
    if supervisor is not None:
        NotificationPreference.objects.get_or_create(
            user=supervisor, defaults={"email_frequency": EmailFrequency.IMMEDIATELY}
        )
    reminders.run()
