"""Recruitment: experts through a public form (with consent), leaders logged in."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samskab.core.pages import require
from samskab.people.models import Citizen

from .. import actions
from ..forms import ExpertProfileForm, ExpertRegistrationForm, LeaderRegistrationForm
from ..models import Round
from ..permissions import is_leader
from .common import start_crumb

#: ACCOUNT_RATE_LIMITS' entry for anonymous registrations (per IP address, in the shared cache).
REGISTRATION_RATE_LIMIT = "expert_registration"


def _open_round(pk):
    round_ = Round.objects.open_for_registration().select_related("organisation").filter(pk=pk)
    round_ = round_.first()
    if round_ is None:
        raise Http404
    return round_


@login_not_required
def expert_register(request, pk):
    round_ = _open_round(pk)
    citizen = (
        Citizen.objects.filter(user=request.user).first() if request.user.is_authenticated else None
    )
    if request.user.is_authenticated and citizen is None:
        return redirect("partnerships:leader-register", pk=round_.pk)
    form_class = ExpertProfileForm if citizen else ExpertRegistrationForm
    form = form_class(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            # Only complete anonymous registrations count: a citizen who must correct the
            # form is not held back, a script that registers again and again is.
            if citizen is None and not ratelimit.consume(request, action=REGISTRATION_RATE_LIMIT):
                status = 429
                raise ValidationError(
                    _(
                        "Der er sendt mange tilmeldinger fra din internetforbindelse på kort "
                        "tid, så din tilmelding er ikke gemt. Prøv igen om en time, eller "
                        "kontakt %(organisation)s."
                    )
                    % {"organisation": round_.organisation}
                )
            if citizen:
                actions.register_expert(
                    by=request.user,
                    round_=round_,
                    citizen=citizen,
                    profile=form.profile(),
                    consents=["partnership"],
                )
            else:
                actions.register_expert(
                    by=request.user,
                    round_=round_,
                    citizen_data=form.citizen_data(),
                    consents=form.consents(),
                    profile=form.profile(),
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "partnerships/registration_done.html", {"round": round_})
    return render(
        request,
        "partnerships/expert_register.html",
        {"round": round_, "form": form, "crumbs": [(None, _("Tilmelding"))]},
        status=status,
    )


def leader_register(request, pk):
    require(is_leader, request.user)
    round_ = _open_round(pk)
    form = LeaderRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.register_leader(by=request.user, round_=round_, profile=form.profile())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Tak for din tilmelding. Facilitatoren kontakter dig, når der er et match."),
            )
            return redirect("partnerships:index")
    return render(
        request,
        "partnerships/leader_register.html",
        {
            "round": round_,
            "form": form,
            "crumbs": [start_crumb(), (None, _("Tilmelding som leder"))],
        },
    )
