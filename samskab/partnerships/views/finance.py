"""Payments for the finance department, the round's wrap-up report and researchers' aggregates."""

from datetime import date

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from samskab.core.actions import log_access_many
from samskab.core.exports import FORMATS
from samskab.core.models import AccessAction
from samskab.core.pages import require

from .. import actions, exports, reports
from ..models import Partnership, PartnershipState, Payment, Round
from ..permissions import can_view_aggregates, get_round_for
from .common import round_crumbs, start_crumb


def _month(request):
    value = request.GET.get("maaned") or request.POST.get("maaned") or ""
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


def _payments(round_, month):
    payments = Payment.objects.filter(partnership__round=round_).select_related(
        "partnership__expert__citizen", "partnership__round", "meeting"
    )
    if month:
        payments = payments.for_month(month)
    return payments.order_by("month", "meeting__held_on", "pk")


def payment_list(request, pk):
    round_ = get_round_for(request.user, pk)
    month = _month(request)
    payments = list(_payments(round_, month))
    log_access_many(
        by=request.user,
        action=AccessAction.READ,
        objs=payments,
        purpose=gettext_noop("Honorarliste"),
        citizen_id_of=lambda p: p.partnership.expert.citizen_id,
    )
    months = list(
        Payment.objects.filter(partnership__round=round_)
        .values_list("month", flat=True)
        .distinct()
        .order_by("month")
    )
    return render(
        request,
        "partnerships/payment_list.html",
        {
            "round": round_,
            "payments": payments,
            "month": month,
            "months": months,
            "total": sum(p.amount for p in payments),
            "unpaid": sum(p.amount for p in payments if not p.is_paid),
            "crumbs": round_crumbs(round_, (None, _("Honorarer"))),
        },
    )


def payment_export(request, pk, fmt):
    round_ = get_round_for(request.user, pk)
    if fmt not in FORMATS:
        raise Http404
    month = _month(request)
    payments = list(_payments(round_, month))
    actions.record_payment_export(by=request.user, payments=payments)
    suffix = f"{round_.pk}" + (f"-{month:%Y-%m}" if month else "")
    return exports.PAYMENTS.response(request, payments, fmt, suffix=suffix)


@require_POST
def payment_mark_paid(request, pk):
    round_ = get_round_for(request.user, pk)
    month = _month(request)
    ids = [int(i) for i in request.POST.getlist("payment") if i.isdigit()]
    payments = _payments(round_, month).filter(pk__in=ids)
    if not ids:
        messages.error(request, _("Vælg mindst én udbetaling, der skal markeres som udbetalt."))
    else:
        count = actions.mark_paid(by=request.user, payments=payments)
        messages.success(
            request, _("%(count)s udbetalinger er markeret som udbetalt.") % {"count": count}
        )
    suffix = f"?maaned={month:%Y-%m}" if month else ""
    return redirect(reverse("partnerships:payment-list", args=[round_.pk]) + suffix)


def round_report(request, pk):
    round_ = get_round_for(request.user, pk)
    partnerships = round_.partnerships.select_related(
        "expert__citizen", "leader__user"
    ).prefetch_related("evaluations")
    report = reports.evaluation_report(partnerships)
    return render(
        request,
        "partnerships/round_report.html",
        {"round": round_, **report, "crumbs": round_crumbs(round_, (None, _("Evaluering")))},
    )


def aggregates(request):
    """Pseudonymised aggregates only: counts per round and phase, small groups suppressed."""
    require(can_view_aggregates, request.user)
    counts = Partnership.objects.values("round_id", "state").annotate(n=Count("pk")).order_by()
    per_round = {}
    for row in counts:
        per_round.setdefault(row["round_id"], {})[row["state"]] = row["n"]
    rounds = Round.objects.filter(pk__in=per_round).order_by("-starts_on")
    return render(
        request,
        "partnerships/aggregates.html",
        {
            "rows": reports.phase_counts([(r, per_round[r.pk]) for r in rounds]),
            "states": list(PartnershipState),
            "min_group": reports.MIN_GROUP,
            "crumbs": [start_crumb(), (None, _("Tal for forskning"))],
        },
    )
