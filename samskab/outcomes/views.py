"""Pages for outcome measures, a citizen's measurements and WHO-5 (hand-over and own login)."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_POST

from samskab.core import kiosk
from samskab.core.actions import log_access_many
from samskab.core.forms import evaluate_choices
from samskab.core.models import AccessAction
from samskab.core.pages import error_text, require
from samskab.people.actions import MissingConsentError
from samskab.people.consent_guard import processing_state
from samskab.people.models import Citizen
from samskab.people.permissions import citizen_data_organisation_ids, sees_citizen_data

from . import actions, exports, who5
from .forms import MeasureForm, MeasurementForm, Who5Form
from .models import Domain, Measure, Measurement, Who5Handover
from .permissions import (
    can_manage_measures,
    can_record_measurement,
    can_view_measures,
    get_citizen_for_measurements,
)

MEASURES_CRUMB = gettext_lazy("Effektmål")


def _posted(request):
    """The POST data of a submitted form, even when empty (an empty form must show errors)."""
    return request.POST if request.method == "POST" else None


def _add_error(form, error):
    """Field errors go to their fields when the form has them, otherwise on top."""
    if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
        form.add_error(None, error)
    else:
        form.add_error(None, error.messages)


def _crumbs(*extra):
    return [
        (reverse("compass:index"), _("Esbjerg-modellen")),
        (reverse("outcomes:measure-list"), MEASURES_CRUMB),
        *extra,
    ]


def measure_list(request):
    require(can_view_measures, request.user)
    measures = list(Measure.objects.all())
    by_domain = [
        (Domain(domain).label, list(rows))
        for domain, rows in groupby(measures, key=lambda m: m.domain)
    ]
    return render(
        request,
        "outcomes/measure_list.html",
        {
            "by_domain": by_domain,
            "who5": who5,
            "can_manage": can_manage_measures(request.user),
            "sees_citizens": sees_citizen_data(request.user),
            "crumbs": [*_crumbs()[:-1], (None, MEASURES_CRUMB)],
        },
    )


def measure_create(request):
    require(can_manage_measures, request.user)
    form = MeasureForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_measure(by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Effektmålet er oprettet."))
            return redirect("outcomes:measure-list")
    return render(
        request,
        "outcomes/measure_form.html",
        {"form": form, "crumbs": _crumbs((None, _("Nyt effektmål")))},
    )


def citizen_list(request):
    """Citizens whose measurements this user may record (need-to-know only)."""
    require(sees_citizen_data, request.user)
    citizens = (
        Citizen.objects.filter(organisation_id__in=citizen_data_organisation_ids(request.user))
        .select_related("organisation")
        .order_by("display_name", "pk")
    )
    page = Paginator(citizens, 25).get_page(request.GET.get("side"))
    log_access_many(
        by=request.user,
        action=AccessAction.READ,
        objs=page,
        purpose=gettext_noop("Oversigt over borgere til effektmåling"),
    )
    return render(
        request,
        "outcomes/citizen_list.html",
        {"page": page, "crumbs": _crumbs((None, _("Borgeres målinger")))},
    )


def _citizen_page(request, citizen, form):
    measurements = actions.read_measurements(
        by=request.user, citizen=citizen, purpose=gettext_noop("Borgerens effektmålinger")
    )
    prefetch_related_objects([citizen], "consents")
    processing = processing_state(citizen, actions.CONSENT_PURPOSE)
    evaluate_choices(form)
    return render(
        request,
        "outcomes/citizen_measurements.html",
        {
            "citizen": citizen,
            "measurements": measurements,
            "form": form,
            "can_record": can_record_measurement(request.user, citizen),
            "consent_ok": processing.allowed,
            "processing": processing,
            "export": exports.MEASUREMENTS.links(
                request, path=reverse("outcomes:citizen-measurements", args=[citizen.pk])
            )
            if measurements
            else None,
            "crumbs": _crumbs(
                (reverse("outcomes:citizen-list"), _("Borgeres målinger")),
                (None, citizen.display_name),
            ),
        },
    )


def citizen_measurements(request, pk):
    citizen = get_citizen_for_measurements(request.user, pk)
    if citizen.user_id == request.user.pk:
        return redirect("outcomes:my-who5")
    rows = Measurement.objects.for_citizen(citizen).select_related("measure")
    if response := exports.MEASUREMENTS.respond(request, rows, suffix=str(citizen.pk)):
        return response
    return _citizen_page(request, citizen, MeasurementForm())


@require_POST
def measurement_create(request, pk):
    citizen = get_citizen_for_measurements(request.user, pk, record=True)
    form = MeasurementForm(request.POST)
    if form.is_valid():
        try:
            actions.record_measurement(
                by=request.user,
                citizen=citizen,
                measure=form.cleaned_data["measure"],
                value=form.cleaned_data["value"],
                measured_on=form.cleaned_data["measured_on"],
            )
        except ValidationError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Målingen er gemt."))
            return redirect("outcomes:citizen-measurements", pk=citizen.pk)
    return _citizen_page(request, citizen, form)


@require_POST
def who5_handover_start(request, pk):
    """Hand the device to the citizen: the session serves only the WHO-5 screen until the
    professional unlocks it again (core.kiosk)."""
    citizen = get_citizen_for_measurements(request.user, pk, record=True)
    try:
        handover = actions.start_who5_handover(by=request.user, citizen=citizen)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("outcomes:citizen-measurements", pk=citizen.pk)
    page = reverse("outcomes:who5-handover", args=[handover.token])
    return_url = reverse("outcomes:citizen-measurements", args=[citizen.pk])
    kiosk.start(request, handover, page=page, return_url=return_url)
    return redirect(page)


def who5_handover(request, token):
    """A minimal screen the citizen answers on the professional's device: no other data.

    Only the session that started the hand-over gets it; answering, skipping or an expired
    link all end on the lock screen, and a second post of the same screen stores nothing.
    """
    if not kiosk.serves(request, token):
        raise Http404
    handover = Who5Handover.objects.usable().select_related("citizen").filter(token=token).first()
    if handover is None or not can_record_measurement(request.user, handover.citizen):
        return _who5_finished(request, token)
    form = Who5Form(_posted(request))
    error = None
    if request.method == "POST":
        try:
            if "skip" in request.POST:
                actions.skip_who5_handover(by=request.user, handover=handover)
                return _who5_finished(request, token)
            if form.is_valid():
                actions.record_who5(
                    by=request.user,
                    citizen=handover.citizen,
                    answers=form.answers(),
                    measured_on=timezone.localdate(),
                    self_reported=True,
                    handover=handover,
                )
                return _who5_finished(request, token)
        except ValidationError as exc:
            # Posted twice at once, or too late: the lock screen says what became of it.
            if getattr(exc, "code", None) in ("used", "expired"):
                return _who5_finished(request, token)
            error = error_text(exc)
    return kiosk.render(request, "outcomes/who5_handover.html", {"form": form, "error": error})


def _who5_finished(request, token):
    """The lock screen, saying what became of this hand-over (read from the row, so a post
    that lost a race with its double tells the citizen the same as the one that won)."""
    done = Who5Handover.objects.filter(token=token, used_at__isnull=False).first()
    if done and not done.skipped:
        note, staff_note = kiosk.ANSWERED, gettext_noop("Borgerens WHO-5-svar er gemt.")
    elif done:
        note, staff_note = kiosk.SKIPPED, gettext_noop("Borgeren sprang WHO-5 over.")
    else:
        note, staff_note = kiosk.EXPIRED, kiosk.STAFF_EXPIRED
    return kiosk.finish(request, citizen_note=note, staff_note=staff_note)


def my_who5(request):
    """The citizen answers WHO-5 through their own login and sees their earlier answers."""
    citizen = Citizen.objects.filter(user=request.user).select_related("organisation").first()
    if citizen is None:
        raise PermissionDenied
    form = Who5Form(_posted(request))
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_who5(
                by=request.user,
                citizen=citizen,
                answers=form.answers(),
                measured_on=timezone.localdate(),
                self_reported=True,
            )
        except MissingConsentError:
            error = _(
                "Dine svar er ikke gemt, fordi du ikke har givet samtykke til registrering i "
                "Samskab. Du kan give samtykket under Mine oplysninger."
            )
        except ValidationError as exc:
            error = error_text(exc)
        else:
            messages.success(request, _("Tak. Dine svar er gemt."))
            return redirect("outcomes:my-who5")
    measurements = [
        m
        for m in actions.read_measurements(
            by=request.user, citizen=citizen, purpose=gettext_noop("Borgerens egne målinger")
        )
        if m.measure.is_who5
    ]
    return render(
        request,
        "outcomes/my_who5.html",
        {
            "form": form,
            "error": error,
            "measurements": measurements,
            "who5": who5,
            "crumbs": [
                (reverse("people:my-page"), _("Mine oplysninger")),
                (None, _("Min trivsel")),
            ],
        },
    )
