"""One guard for every write of a citizen's personal data, and the state pages show.

An action that writes a citizen's data calls `ensure_processing_allowed(citizen, purpose)` at
its top, before it locks or writes anything: it refuses while the consent for the purpose the
data belongs to is missing or withdrawn, and always while processing is restricted (GDPR
art. 18) or the citizen is erased. `purpose=None` checks only the restriction (for writes that
end processing, such as closing a pathway). The personal-data registry (privacy/registry.py)
declares, per model, the actions that write it; a test walks them all.

Views call `processing_state(citizen, purpose)` and hand the result to the template, which
shows `state.message` and hides the forms that would be refused.
"""

import enum
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Citizen, Consent, ConsentPurpose


class MissingConsentError(ValidationError):
    """Processing for a purpose the citizen has not (or no longer) consented to."""


class ProcessingRefusedError(MissingConsentError):
    """The guard's refusal: the citizen's state forbids the write (the API answers 409)."""


class ProcessingRestrictedError(ProcessingRefusedError):
    """Processing of a citizen whose processing is restricted (GDPR art. 18) or who is erased."""


class Refusal(enum.StrEnum):
    MISSING = "consent_missing"
    WITHDRAWN = "consent_withdrawn"
    RESTRICTED = "processing_restricted"
    ERASED = "erased"


#: Each purpose inside a sentence: "samtykke til et sammenhængende borgerforløb".
PURPOSE_PHRASES = {
    ConsentPurpose.REGISTRATION: gettext_lazy("registrering i Samskab"),
    ConsentPurpose.PARTNERSHIP: gettext_lazy("deltagelse i et ligeværdigt partnerskab"),
    ConsentPurpose.PATHWAY: gettext_lazy("et sammenhængende borgerforløb"),
    ConsentPurpose.CONTACT: gettext_lazy("kontakt via e-mail og telefon"),
    ConsentPurpose.RESEARCH: gettext_lazy("pseudonymiseret forskning og evaluering"),
}


def purpose_phrase(purpose: str) -> str:
    return str(PURPOSE_PHRASES[purpose])


def _on(moment) -> str:
    return date_format(timezone.localtime(moment))


@dataclass(frozen=True)
class ProcessingState:
    """Whether new processing for `purpose` is allowed, and if not why and since when."""

    purpose: str | None
    refusal: Refusal | None = None
    since: object = None  # the datetime of the withdrawal, restriction or erasure

    @property
    def allowed(self) -> bool:
        return self.refusal is None

    @property
    def is_restricted(self) -> bool:
        """Restricted or erased: nothing at all may be written, not even what ends processing."""
        return self.refusal in (Refusal.RESTRICTED, Refusal.ERASED)

    @property
    def message(self) -> str:
        if self.refusal is None:
            return ""
        if self.refusal == Refusal.ERASED:
            return _("Borgerens oplysninger er slettet. Der kan ikke tilføjes eller ændres noget.")
        if self.refusal == Refusal.RESTRICTED:
            return _(
                "Behandlingen af borgerens oplysninger er begrænset (GDPR art. 18) siden %(date)s. "
                "Oplysningerne opbevares kun, og intet kan tilføjes eller ændres. "
                "Kontakt databeskyttelsesrådgiveren."
            ) % {"date": _on(self.since)}
        if self.refusal == Refusal.WITHDRAWN:
            return _(
                "Borgeren har trukket samtykket til %(purpose)s tilbage den %(date)s. Du kan se "
                "det, der er registreret, men ikke tilføje eller ændre noget."
            ) % {"purpose": purpose_phrase(self.purpose), "date": _on(self.since)}
        return _(
            "Borgeren har ikke et gældende samtykke til %(purpose)s. Registrér samtykket på "
            "borgerens side, før du tilføjer eller ændrer noget."
        ) % {"purpose": purpose_phrase(self.purpose)}

    @property
    def own_message(self) -> str:
        """The same state told to the citizen on their own pages."""
        if self.refusal is None:
            return ""
        if self.is_restricted:
            return _(
                "Behandlingen af dine oplysninger er begrænset, så der kan ikke registreres noget "
                "nyt. Kontakt kommunen, hvis du har spørgsmål."
            )
        if self.refusal == Refusal.WITHDRAWN:
            return _(
                "Du har trukket dit samtykke til %(purpose)s tilbage den %(date)s, så der kan "
                "ikke registreres noget nyt. Du kan give samtykket igen under Mine oplysninger."
            ) % {"purpose": purpose_phrase(self.purpose), "date": _on(self.since)}
        return _(
            "Du har ikke givet samtykke til %(purpose)s, så der kan ikke registreres noget nyt. "
            "Du kan give samtykket under Mine oplysninger."
        ) % {"purpose": purpose_phrase(self.purpose)}

    def error(self) -> ProcessingRefusedError:
        kind = ProcessingRestrictedError if self.is_restricted else ProcessingRefusedError
        return kind(self.message, code=str(self.refusal))


def _state(citizen, purpose, consents) -> ProcessingState:
    if citizen.erased_at is not None:
        return ProcessingState(purpose, Refusal.ERASED, citizen.erased_at)
    if citizen.processing_restricted_at is not None:
        return ProcessingState(purpose, Refusal.RESTRICTED, citizen.processing_restricted_at)
    if purpose is None:
        return ProcessingState(purpose)
    own = [consent for consent in consents if consent.purpose == purpose]
    if any(consent.withdrawn_at is None for consent in own):
        return ProcessingState(purpose)
    withdrawn = max((consent.withdrawn_at for consent in own), default=None)
    if withdrawn is not None:
        return ProcessingState(purpose, Refusal.WITHDRAWN, withdrawn)
    return ProcessingState(purpose, Refusal.MISSING)


def processing_state(citizen: Citizen, purpose: str | None) -> ProcessingState:
    """For pages: uses the view's prefetch of `citizen.consents`, else one query."""
    return _state(citizen, purpose, citizen.consents.all())


def ensure_processing_allowed(citizen: Citizen, purpose: str | None) -> None:
    """Refuse (raise ProcessingRefusedError) unless `citizen`'s data may be written for `purpose`.

    Reads the state from the database, not from the caller's (possibly older) instance. Inside
    a transaction it locks the citizen row and the active consent, so a restriction or a
    withdrawal committed meanwhile waits for this write, or this write sees it and refuses.
    """
    locking = transaction.get_connection().in_atomic_block
    rows = Citizen.objects.filter(pk=citizen.pk).only("processing_restricted_at", "erased_at")
    current = (rows.select_for_update() if locking else rows).get()
    consents = []
    if purpose is not None and not (current.erased_at or current.processing_restricted_at):
        of_purpose = Consent.objects.filter(citizen_id=citizen.pk, purpose=purpose)
        active = of_purpose.filter(withdrawn_at__isnull=True)
        if list((active.select_for_update() if locking else active).values_list("pk")):
            return
        consents = list(of_purpose.only("purpose", "withdrawn_at"))
    state = _state(current, purpose, consents)
    if not state.allowed:
        raise state.error()


def processable_citizens(purpose: str | None):
    """Citizens whose data may be written for `purpose`: a QuerySet for bulk writes."""
    citizens = Citizen.objects.filter(processing_restricted_at__isnull=True, erased_at__isnull=True)
    if purpose is None:
        return citizens
    return citizens.filter(
        pk__in=Consent.objects.active().filter(purpose=purpose).values("citizen_id")
    )


#: What withdrawing each consent means, shown to the citizen before they confirm: what stops,
#: what is kept and why. Plain Danish; the guard is what makes "what stops" true.
WITHDRAWAL_EFFECTS = {
    ConsentPurpose.REGISTRATION: (
        gettext_lazy(
            "Medarbejderne kan ikke længere rette dine oplysninger eller registrere nyt om dig, "
            "fx målinger af din trivsel."
        ),
        gettext_lazy(
            "Det, der allerede er registreret, bliver gemt, fordi kommunen skal kunne "
            "dokumentere sit arbejde. Du kan bede om at få det slettet."
        ),
    ),
    ConsentPurpose.PARTNERSHIP: (
        gettext_lazy(
            "Der kan ikke registreres nye møder, refleksioner eller evalueringer i dit "
            "partnerskab, og du bliver ikke inviteret til nye fællesmøder. Facilitatoren kan "
            "afslutte partnerskabet."
        ),
        gettext_lazy(
            "De møder, I har holdt, og dit honorar for dem bliver gemt. Du får stadig dit "
            "honorar, og regnskabet skal gemmes i fem år efter bogføringsloven."
        ),
    ),
    ConsentPurpose.PATHWAY: (
        gettext_lazy(
            "Teamet kan ikke skrive nyt i dit forløb: ingen nye møder, planer, aktører eller "
            "vurderinger. Teamet kan afslutte forløbet."
        ),
        gettext_lazy(
            "Det, der allerede står i forløbet, bliver gemt, fordi kommunen skal kunne "
            "dokumentere sit arbejde. Fem år efter, at forløbet er afsluttet, anonymiseres det."
        ),
    ),
    ConsentPurpose.CONTACT: (
        gettext_lazy("Medarbejderne må ikke længere kontakte dig på e-mail eller telefon."),
        gettext_lazy(
            "Din e-mail og dit telefonnummer står på dig, indtil de bliver fjernet. Du kan bede "
            "om at få dem fjernet."
        ),
    ),
    ConsentPurpose.RESEARCH: (
        gettext_lazy("Du kommer ikke med i nye udtræk til forskning og evaluering."),
        gettext_lazy(
            "Udtræk, der allerede er lavet, kan ikke trækkes tilbage. De bærer ikke dit navn, "
            "kun et nummer."
        ),
    ),
}
