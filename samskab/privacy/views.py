"""Pages for the data-protection officer (log, requests, erasure, studies) and for the
citizen (own data, Min log). Every page that shows a citizen's data writes the access log."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_POST

from samskab.core.actions import log_access, log_access_many, verify_access_log
from samskab.core.models import AccessAction, AccessLogEntry
from samskab.core.pages import error_text, require
from samskab.people.models import Citizen

from . import actions, research
from .access_log import access_log_rows, anchor_file_bytes, anchor_rows, search_access_log
from .display import model_name, readable_export
from .exports import ACCESS_LOG
from .forms import AccessLogFilterForm, AnswerForm, RefuseErasureForm, RequestForm, StudyForm
from .models import DataSubjectRequest, RequestKind, ResearchStudy
from .permissions import (
    can_approve_study,
    can_define_study,
    can_export_study,
    dpo_organisation_ids,
    get_citizen_for_dpo,
    get_request_for,
    get_study_for,
    is_dpo,
)
from .registry import ERASURE_LABELS, registry

LOG_PAGE_SIZE = 50


def _crumbs(*more):
    return [("privacy:index", gettext_lazy("Databeskyttelse")), *more]


def _crumb_urls(crumbs):
    return [(reverse(name) if name else "", label) for name, label in crumbs]


# The data-protection officer ----------------------------------------------------------------


def index(request):
    require(is_dpo, request.user)
    requests = DataSubjectRequest.objects.visible_to(request.user).open()
    entries = [
        {
            "entry": entry,
            "erasure": ERASURE_LABELS[entry.erasure],
            "retention": entry.retention.description if entry.retention else "",
        }
        for entry in registry.entries()
    ]
    return render(
        request,
        "privacy/index.html",
        {
            "open_count": requests.count(),
            "overdue_count": requests.overdue().count(),
            "registry_entries": entries,
            "log_retention_days": settings.ACCESS_LOG_RETENTION_DAYS,
            "crumbs": _crumb_urls([("", _("Databeskyttelse"))]),
        },
    )


def access_log(request):
    require(is_dpo, request.user)
    form = AccessLogFilterForm(request.GET or None)
    page = Paginator(search_access_log(request.user, form), LOG_PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    rows, citizens = access_log_rows(page.object_list)
    log_access_many(
        by=request.user,
        action=AccessAction.READ,
        objs=citizens.values(),
        purpose=gettext_noop("Tilsyn med adgangsloggen"),
    )
    chain = verify_access_log()
    return render(
        request,
        "privacy/access_log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "chain": chain,
            "anchors": anchor_rows(chain),
            "query": request.GET.urlencode(),
            "crumbs": _crumb_urls(_crumbs(("", _("Adgangslog")))),
        },
    )


def access_log_anchors(request):
    """The anchor file, for the DPO to keep outside Samskab (it holds no personal data)."""
    require(is_dpo, request.user)
    response = HttpResponse(anchor_file_bytes(), content_type="application/jsonl; charset=utf-8")
    name = f"adgangslog-ankre-{timezone.localdate():%Y-%m-%d}.jsonl"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def access_log_csv(request):
    require(is_dpo, request.user)
    form = AccessLogFilterForm(request.GET or None)
    entries = list(search_access_log(request.user, form))
    rows, citizens = access_log_rows(entries)
    log_access_many(
        by=request.user,
        action=AccessAction.EXPORT,
        objs=citizens.values(),
        purpose=gettext_noop("Udtræk af adgangsloggen"),
    )
    return ACCESS_LOG.response(request, rows, "csv")


def request_list(request):
    require(is_dpo, request.user)
    requests = DataSubjectRequest.objects.visible_to(request.user).select_related("citizen")
    open_requests = list(requests.open().order_by("deadline_on", "pk"))
    answered = list(requests.filter(answered_on__isnull=False).order_by("-answered_on", "-pk")[:20])
    log_access_many(
        by=request.user,
        action=AccessAction.READ,
        objs={r.citizen_id: r.citizen for r in open_requests + answered}.values(),
        purpose=gettext_noop("Oversigt over anmodninger efter databeskyttelsesreglerne"),
    )
    return render(
        request,
        "privacy/request_list.html",
        {
            "open_requests": open_requests,
            "answered": answered,
            "today": timezone.localdate(),
            "crumbs": _crumb_urls(_crumbs(("", _("Anmodninger")))),
        },
    )


def request_create(request):
    require(is_dpo, request.user)
    citizens = Citizen.objects.filter(
        organisation_id__in=dpo_organisation_ids(request.user), erased_at__isnull=True
    ).order_by("display_name")
    form = RequestForm(
        request.POST or None,
        citizens=citizens,
        initial={"received_on": timezone.localdate(), "citizen": request.GET.get("borger")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.register_request(
                by=request.user,
                citizen=form.cleaned_data["citizen"],
                kind=form.cleaned_data["kind"],
                received_on=form.cleaned_data["received_on"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Anmodningen er registreret. Fristen er %(deadline)s.")
                % {"deadline": created.deadline_on.strftime("%d.%m.%Y")},
            )
            return redirect(created)
    return render(
        request,
        "privacy/request_form.html",
        {
            "form": form,
            "crumbs": _crumb_urls(
                _crumbs(("privacy:request-list", _("Anmodninger")), ("", _("Ny anmodning")))
            ),
        },
    )


def request_detail(request, pk):
    require(is_dpo, request.user)
    data_request = get_request_for(request.user, pk)
    log_access(
        by=request.user,
        action=AccessAction.READ,
        obj=data_request,
        citizen_id=data_request.citizen_id,
        purpose=gettext_noop("Behandling af anmodning efter databeskyttelsesreglerne"),
    )
    return _request_page(request, data_request)


def _request_page(request, data_request, answer_form=None, refuse_form=None):
    return render(
        request,
        "privacy/request_detail.html",
        {
            "data_request": data_request,
            "citizen": data_request.citizen,
            "is_erasure": data_request.kind == RequestKind.ERASURE,
            "answer_form": answer_form or AnswerForm(),
            "refuse_form": refuse_form or RefuseErasureForm(),
            "crumbs": _crumb_urls(
                _crumbs(("privacy:request-list", _("Anmodninger")), ("", str(data_request)))
            ),
        },
    )


@require_POST
def request_answer(request, pk):
    require(is_dpo, request.user)
    data_request = get_request_for(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            actions.answer_request(
                by=request.user,
                request=data_request,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Anmodningen er besvaret."))
            return redirect("privacy:request-list")
    return _request_page(request, data_request, answer_form=form)


@require_POST
def request_erase(request, pk):
    require(is_dpo, request.user)
    data_request = get_request_for(request.user, pk)
    try:
        actions.grant_erasure(by=request.user, request=data_request)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(data_request)
    messages.success(request, _("Borgerens oplysninger er slettet, og anmodningen er besvaret."))
    return redirect("privacy:request-list")


@require_POST
def request_refuse(request, pk):
    require(is_dpo, request.user)
    data_request = get_request_for(request.user, pk)
    form = RefuseErasureForm(request.POST)
    if form.is_valid():
        try:
            actions.refuse_erasure(
                by=request.user,
                request=data_request,
                reason=form.cleaned_data["reason"],
                restrict=form.cleaned_data["restrict"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Afslaget er registreret."))
            return redirect("privacy:request-list")
    return _request_page(request, data_request, refuse_form=form)


def citizen_data(request, pk):
    """Everything about one citizen, for the DPO answering a request for access."""
    citizen = get_citizen_for_dpo(request.user, pk)
    return _own_data(request, citizen, json_url_name="privacy:citizen-data-json", staff=True)


def citizen_data_json(request, pk):
    citizen = get_citizen_for_dpo(request.user, pk)
    return _own_data_json(request, citizen)


@require_POST
def citizen_restriction(request, pk):
    citizen = get_citizen_for_dpo(request.user, pk)
    try:
        if request.POST.get("restrict") == "1":
            actions.restrict_processing(by=request.user, citizen=citizen)
            messages.success(request, _("Behandlingen af borgerens oplysninger er begrænset."))
        else:
            actions.lift_restriction(by=request.user, citizen=citizen)
            messages.success(request, _("Begrænsningen er ophævet."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect("privacy:citizen-data", pk=citizen.pk)


# The citizen ---------------------------------------------------------------------------------


def _own_citizen(request) -> Citizen | None:
    return Citizen.objects.filter(user=request.user).select_related("organisation").first()


def my_data(request):
    citizen = _own_citizen(request)
    if citizen is None:
        return render(request, "privacy/my_data_empty.html")
    return _own_data(request, citizen, json_url_name="privacy:my-data-json", staff=False)


def my_data_json(request):
    citizen = _own_citizen(request)
    if citizen is None:
        raise PermissionDenied
    return _own_data_json(request, citizen)


def _own_data(request, citizen, *, json_url_name, staff):
    actions.record_data_access(by=request.user, citizen=citizen, download=False)
    export = actions.citizen_export(citizen)
    crumbs = _crumbs(("", citizen.display_name)) if staff else [("", _("Mine data"))]
    return render(
        request,
        "privacy/citizen_data.html",
        {
            "citizen": citizen,
            "sections": readable_export(export),
            "generated_at": export["generated_at"],
            "json_url": (
                reverse(json_url_name, args=[citizen.pk]) if staff else reverse(json_url_name)
            ),
            "staff": staff,
            "crumbs": _crumb_urls(crumbs),
        },
    )


def _own_data_json(request, citizen):
    actions.record_data_access(by=request.user, citizen=citizen, download=True)
    export = actions.citizen_export(citizen)
    response = HttpResponse(
        json.dumps(export, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="samskab-data-{citizen.pk}.json"'
    return response


def my_log(request):
    """Min log: who accessed the citizen's data, when and why. Reading one's own log is not
    itself logged, so the log does not grow every time the citizen looks at it."""
    citizen = _own_citizen(request)
    if citizen is None:
        return render(request, "privacy/my_data_empty.html")
    page = Paginator(
        AccessLogEntry.objects.for_citizen(citizen.pk).order_by("-sequence"), 25
    ).get_page(request.GET.get("side"))
    users = (
        get_user_model()
        .objects.filter(pk__in={e.actor_id for e in page.object_list if e.actor_id})
        .select_related("staff_member__organisation")
    )
    by_id = {u.pk: u for u in users}
    rows = []
    for entry in page.object_list:
        actor = by_id.get(entry.actor_id)
        staff = getattr(actor, "staff_member", None) if actor else None
        rows.append(
            {
                "entry": entry,
                "is_self": entry.actor_id == request.user.pk,
                "who": (actor.get_full_name() or actor.get_username())
                if actor
                else entry.actor_name,
                "organisation": staff.organisation if staff else None,
                "object_name": model_name(entry.object_type),
            }
        )
    return render(
        request,
        "privacy/my_log.html",
        {
            "citizen": citizen,
            "page": page,
            "rows": rows,
            "crumbs": _crumb_urls([("", _("Min log"))]),
        },
    )


# Research ------------------------------------------------------------------------------------


def study_list(request):
    require(can_define_study, request.user)
    studies = ResearchStudy.objects.visible_to(request.user).select_related("organisation")
    return render(
        request,
        "privacy/study_list.html",
        {
            "studies": studies,
            "crumbs": _crumb_urls([("", _("Forskningsudtræk"))]),
            "min_cell": research.min_cell(),
        },
    )


def study_create(request):
    require(can_define_study, request.user)
    form = StudyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            study = actions.create_study(by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Forskningsprojektet er oprettet."))
            return redirect(study)
    return render(
        request,
        "privacy/study_form.html",
        {
            "form": form,
            "crumbs": _crumb_urls(
                [("privacy:study-list", _("Forskningsudtræk")), ("", _("Nyt forskningsprojekt"))]
            ),
        },
    )


def study_detail(request, pk):
    study = get_study_for(request.user, pk)
    kind = research.file_kind(study)
    return render(
        request,
        "privacy/study_detail.html",
        {
            "study": study,
            "can_approve": can_approve_study(request.user, study) and not study.is_approved,
            "min_cell": research.min_cell(),
            "min_cohort": research.min_cohort(),
            "file_kind": kind,
            "refusal": research.refusal(study, kind) if study.is_approved else None,
            "crumbs": _crumb_urls(
                [("privacy:study-list", _("Forskningsudtræk")), ("", study.title)]
            ),
        },
    )


@require_POST
def study_approve(request, pk):
    study = get_study_for(request.user, pk)
    require(can_approve_study, request.user, study)
    try:
        actions.approve_study(by=request.user, study=study)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Forskningsprojektet er godkendt."))
    return redirect(study)


def study_export(request, pk):
    study = get_study_for(request.user, pk)
    require(can_export_study, request.user, study)
    try:
        export, rows = research.deliver(study, request.GET.get("del"), by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(study)
    return export.response(request, rows, "csv", suffix=str(study.pk))
