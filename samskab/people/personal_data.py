"""People's personal data: the citizen record itself and their consents."""

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.privacy.registry import Erasure, Guard, PersonalData, Writer, registry

from .models import Citizen, Consent, ConsentPurpose

#: The pseudonym an erased citizen keeps, so that their numbers still count in reports.
ERASED_NAME = "Slettet borger"


def erase_citizen_identity(rows):
    """Name, birth year and contact details go; the login is closed and stripped of names."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    user_ids = [pk for pk in rows.values_list("user_id", flat=True) if pk]
    for user in get_user_model().objects.filter(pk__in=user_ids):
        user.username = f"slettet-{user.pk}"
        user.first_name = user.last_name = user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.filter(user_id__in=user_ids).delete()
    rows.update(
        display_name=Concat(Value(f"{ERASED_NAME} "), Cast("pk", CharField())),
        birth_year=None,
        email="",
        phone="",
        user=None,
        erased_at=timezone.now(),
    )


registry.register(
    PersonalData(
        model=Citizen,
        consent_purpose=ConsentPurpose.REGISTRATION,
        writers=(
            Writer(
                "samskab.people.actions.register_citizen",
                Guard.NONE,
                why=_(
                    "Opretter borgeren sammen med de samtykker, borgeren giver; uden samtykke "
                    "til registrering afvises oprettelsen."
                ),
            ),
            Writer("samskab.people.actions.update_citizen"),
            *(
                Writer(
                    f"samskab.privacy.actions.{name}",
                    Guard.NONE,
                    why=_(
                        "Databeskyttelsesrådgiverens handlinger efter borgerens rettigheder "
                        "(sletning, begrænsning og ophævelse af den) er altid mulige."
                    ),
                )
                for name in ("erase_citizen", "restrict_processing", "lift_restriction")
            ),
        ),
        citizen_path="pk",
        export_fields=(
            "display_name",
            "birth_year",
            "email",
            "phone",
            "organisation",
            "created_at",
            "processing_restricted_at",
        ),
        erasure=Erasure.ANONYMISE,
        anonymiser=erase_citizen_identity,
        why=_(
            "Borgerrækken bliver et pseudonym (“Slettet borger”), så forløb, målinger og "
            "vurderinger stadig tælles i rapporter. Navn, fødselsår, kontaktoplysninger og "
            "brugerkonto fjernes."
        ),
    )
)

registry.register(
    PersonalData(
        model=Consent,
        writers=(
            Writer(
                "samskab.people.actions.give_consent",
                Guard.RESTRICTION,
                why=_(
                    "At give samtykke igen er netop sådan, behandlingen kan genoptages; under "
                    "en begrænsning registreres intet nyt."
                ),
            ),
            Writer(
                "samskab.people.actions.withdraw_consent",
                Guard.NONE,
                why=_(
                    "Borgeren kan altid trække et samtykke tilbage, også under en begrænsning "
                    "(GDPR art. 7, stk. 3)."
                ),
            ),
        ),
        citizen_path="citizen",
        export_fields=("purpose", "legal_basis", "given_at", "withdrawn_at"),
        erasure=Erasure.KEEP,
        why=_(
            "Dokumenterer retsgrundlaget for den behandling, der fandt sted (art. 7, stk. 1). "
            "Indeholder kun formål og datoer og knyttes til pseudonymet."
        ),
    )
)
