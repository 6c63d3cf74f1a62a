"""Pages for organisations, citizens, consent and a citizen's own page with their access log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from samskab.core.actions import log_access_many
from samskab.core.concurrency import EditConflictError
from samskab.core.exports import Column, Export
from samskab.core.models import AccessAction, AccessLogEntry
from samskab.core.pages import error_text, require

from . import actions
from .consent_guard import WITHDRAWAL_EFFECTS, processing_state, purpose_phrase
from .forms import CitizenForm, CitizenRegistrationForm, ConsentForm
from .models import Citizen, Consent, ConsentPurpose, Organisation
from .permissions import (
    can_change_citizen,
    can_manage_consent,
    can_view_organisations,
    citizen_data_organisation_ids,
    get_citizen_for,
    is_platform_admin,
    may_register_citizens,
)

ORGANISATION_EXPORT = Export(
    "organisationer",
    [
        Column(_lazy("Navn"), "name"),
        Column(_lazy("Type"), "get_kind_display"),
        Column(_lazy("Kode"), "official_code"),
        Column(_lazy("Enheder"), "unit_count"),
    ],
)

CITIZEN_EXPORT = Export(
    "borgere",
    [
        Column(_lazy("Borger-id"), "pk"),
        Column(_lazy("Visningsnavn"), "display_name"),
        Column(_lazy("Fødselsår"), "birth_year"),
        Column(_lazy("Organisation"), "organisation.name"),
    ],
    citizen_id_of=lambda citizen: citizen.pk,
    purpose=gettext_noop("Eksport af oversigt over borgere"),
)


def organisation_list(request):
    require(can_view_organisations, request.user)
    organisations = Organisation.objects.annotate(unit_count=Count("units")).order_by(
        "kind", "name"
    )
    if response := ORGANISATION_EXPORT.respond(request, organisations):
        return response
    return render(
        request,
        "people/organisation_list.html",
        {
            "organisations": list(organisations),
            "export": ORGANISATION_EXPORT.links(request),
            "may_import": is_platform_admin(request.user),
        },
    )


def organisation_detail(request, pk):
    require(can_view_organisations, request.user)
    organisation = get_object_or_404(Organisation, pk=pk)
    units = organisation.units.annotate(staff_count=Count("staff"))
    return render(
        request, "people/organisation_detail.html", {"organisation": organisation, "units": units}
    )


def citizen_list(request):
    require(may_register_citizens, request.user)
    citizens = (
        Citizen.objects.filter(organisation_id__in=citizen_data_organisation_ids(request.user))
        .select_related("organisation")
        .order_by("display_name", "pk")
    )
    if response := CITIZEN_EXPORT.respond(request, citizens):
        return response
    page = Paginator(citizens, 25).get_page(request.GET.get("side"))
    log_access_many(
        by=request.user,
        action=AccessAction.READ,
        objs=page,
        purpose=gettext_noop("Oversigt over borgere"),
    )
    return render(
        request,
        "people/citizen_list.html",
        {"page": page, "export": CITIZEN_EXPORT.links(request)},
    )


def citizen_detail(request, pk):
    citizen = get_citizen_for(request.user, pk)
    actions.record_citizen_read(
        by=request.user, citizen=citizen, purpose=gettext_noop("Borgerens stamdata")
    )
    # One read serves the consent list and `{% consent_state %}` in the header.
    prefetch_related_objects(
        [citizen],
        Prefetch("consents", queryset=Consent.objects.select_related("given_by", "withdrawn_by")),
    )
    consents = list(citizen.consents.all())
    processing = processing_state(citizen, ConsentPurpose.REGISTRATION)
    return render(
        request,
        "people/citizen_detail.html",
        {
            "citizen": citizen,
            "consents": consents,
            "processing": processing,
            "can_change": can_change_citizen(request.user, citizen) and processing.allowed,
            "can_manage_consent": can_manage_consent(request.user, citizen),
            "consent_form": ConsentForm(),
        },
    )


def citizen_create(request):
    require(may_register_citizens, request.user)
    organisations = Organisation.objects.filter(pk__in=citizen_data_organisation_ids(request.user))
    form = CitizenRegistrationForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in CitizenForm.Meta.fields}
        try:
            citizen = actions.register_citizen(
                by=request.user,
                organisation=form.cleaned_data["organisation"],
                data=data,
                consents=form.cleaned_data["consents"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Borgeren er oprettet."))
            return redirect("people:citizen-detail", pk=citizen.pk)
    return render(request, "people/citizen_form.html", {"form": form, "citizen": None})


def citizen_update(request, pk):
    citizen = get_citizen_for(request.user, pk)
    require(can_change_citizen, request.user, citizen)
    processing = processing_state(citizen, ConsentPurpose.REGISTRATION)
    if request.method == "GET" and not processing.allowed:
        messages.error(request, processing.message)
        return redirect(citizen)
    form = CitizenForm(request.POST or None, instance=Citizen.objects.get(pk=citizen.pk))
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in CitizenForm.Meta.fields}
        try:
            actions.update_citizen(
                by=request.user, citizen=citizen, data=data, seen_version=form.seen_version
            )
        except EditConflictError as error:
            form.add_error(None, error)
            form.show_current_version(form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Oplysningerne er gemt."))
            return redirect("people:citizen-detail", pk=citizen.pk)
    return render(request, "people/citizen_form.html", {"form": form, "citizen": citizen})


@require_POST
def consent_give(request, pk):
    citizen = get_citizen_for(request.user, pk)
    require(can_manage_consent, request.user, citizen)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vælg et gyldigt formål."))
    else:
        try:
            actions.give_consent(
                by=request.user, citizen=citizen, purpose=form.cleaned_data["purpose"]
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Samtykket er registreret."))
    return _after_consent_change(request, citizen)


@require_POST
def consent_withdraw(request, pk, consent_pk):
    citizen = get_citizen_for(request.user, pk)
    require(can_manage_consent, request.user, citizen)
    consent = get_object_or_404(Consent, pk=consent_pk, citizen=citizen)
    try:
        actions.withdraw_consent(by=request.user, consent=consent)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Samtykket er trukket tilbage."))
    return _after_consent_change(request, citizen)


def _after_consent_change(request, citizen):
    """htmx swaps the consent section in place; without JavaScript the page reloads."""
    if request.htmx:
        return render(
            request,
            "people/consent_section.html",
            {
                "citizen": citizen,
                "consents": list(citizen.consents.all()),
                "consent_form": ConsentForm(),
                "own_page": citizen.user_id == request.user.pk,
            },
        )
    if citizen.user_id == request.user.pk:
        return redirect("people:my-page")
    return redirect(citizen)


def my_page(request):
    """A citizen's own data, consents and 'Min log': who accessed their data, when and why."""
    citizen = Citizen.objects.filter(user=request.user).select_related("organisation").first()
    if citizen is None:
        return render(request, "people/my_page_empty.html")
    actions.record_citizen_read(
        by=request.user, citizen=citizen, purpose=gettext_noop("Borgerens egen side")
    )
    log_page = Paginator(
        AccessLogEntry.objects.for_citizen(citizen.pk).order_by("-sequence"), 20
    ).get_page(request.GET.get("side"))
    log_page.object_list = list(log_page.object_list)
    return render(
        request,
        "people/my_page.html",
        {
            "citizen": citizen,
            "consents": list(citizen.consents.all()),
            "consent_form": ConsentForm(),
            "own_page": True,
            "log_page": log_page,
        },
    )


def my_consent_withdraw(request, consent_pk):
    """The citizen withdraws their own consent: first what it means, then confirm.

    POST withdraws and redirects to Mine oplysninger (POST/redirect/GET).
    """
    # Only the citizen's own consents: the same 404 for anyone else's.
    consent = get_object_or_404(
        Consent.objects.select_related("citizen"), pk=consent_pk, citizen__user=request.user
    )
    citizen = consent.citizen
    if not consent.is_active:
        messages.info(request, _("Samtykket er allerede trukket tilbage."))
        return redirect("people:my-page")
    purpose = purpose_phrase(consent.purpose)
    if request.method == "POST":
        try:
            actions.withdraw_consent(by=request.user, consent=consent)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request,
                _("Dit samtykke til %(purpose)s er trukket tilbage.") % {"purpose": purpose},
            )
        return redirect("people:my-page")
    actions.record_citizen_read(
        by=request.user, citizen=citizen, purpose=gettext_noop("Borgerens samtykker")
    )
    stops, kept = WITHDRAWAL_EFFECTS[consent.purpose]
    return render(
        request,
        "people/consent_withdraw_confirm.html",
        {"consent": consent, "purpose": purpose, "stops": stops, "kept": kept},
    )
