"""Searching the access log for the data-protection officer; shared by the page and the API.
Also the anchors outside the database, as the DPO's page shows and downloads them."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samskab.core.log_anchors import anchor_path
from samskab.people.models import Citizen

from .display import model_name
from .permissions import access_log_visible_to, dpo_organisation_ids


def search_access_log(user, form):
    """The DPO's view of the access log, narrowed by the search form, newest first."""
    entries = access_log_visible_to(user)
    if form.is_valid():
        data = form.cleaned_data
        term = data["citizen"].strip()
        if term:
            match = Q(display_name__icontains=term)
            if term.isdecimal() and len(term) < 16:  # an id; longer would overflow
                match |= Q(pk=int(term))
            citizens = Citizen.objects.filter(organisation_id__in=dpo_organisation_ids(user))
            entries = entries.filter(citizen_id__in=citizens.filter(match).values("pk"))
        if data["user"].strip():
            entries = entries.filter(actor_name__icontains=data["user"].strip())
        if data["date_from"]:
            entries = entries.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(at__date__lte=data["date_to"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
    return entries.order_by("-sequence")


def access_log_rows(entries):
    """Entries with their citizen (one query for the page) and readable object type."""
    citizens = Citizen.objects.in_bulk({e.citizen_id for e in entries if e.citizen_id})
    return [
        {
            "entry": e,
            "citizen": citizens.get(e.citizen_id),
            "object_name": model_name(e.object_type),
        }
        for e in entries
    ], citizens


ANCHOR_STATUS = {
    "ok": _("Passer"),
    "pruned": _("Slettet efter opbevaringsperioden"),
    "missing": _("Posten mangler"),
    "mismatch": _("Passer ikke"),
}


def anchor_rows(report, count: int = 5):
    """The newest anchors of a verification, with a readable status."""
    return [
        {
            "anchor": anchor,
            "status": ANCHOR_STATUS.get(anchor.status, ""),
            "ok": anchor.status in {"ok", "pruned"},
        }
        for anchor in report.latest_anchors(count)
    ]


def anchor_file_bytes() -> bytes:
    """The anchor file as it is ("" before the first anchor)."""
    path = anchor_path()
    return path.read_bytes() if path.exists() else b""
