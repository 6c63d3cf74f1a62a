"""Pages for importing organisations, units and staff: upload, dry run, then the real run.

Only platform administrators import: staff rows grant roles in any organisation, so an
organisation's own administrator would otherwise be able to reach other organisations.
The uploaded file is kept (compressed) in the session between the dry run and the real
run, so the file that is imported is exactly the file that was checked.
"""

import base64
import hashlib
import zlib

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.exports import file_response, write_csv, write_xlsx
from samskab.core.pages import require

from .forms import ImportForm
from .imports import COLUMNS, ImportKind, import_file, template_rows
from .permissions import is_platform_admin

SESSION_KEY = "people_import"


def _crumbs(label=None):
    crumbs = [(reverse("people:organisation-list"), _("Organisationer"))]
    return [*crumbs, (None, label or _("Import"))]


def import_start(request):
    """Choose kind and file; submitting shows the dry run."""
    require(is_platform_admin, request.user)
    request.session.pop(SESSION_KEY, None)  # a new start forgets an unconfirmed file
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        kind = form.cleaned_data["kind"]
        report = import_file(kind, upload.name, content, by=request.user, dry_run=True)
        digest = hashlib.sha256(content).hexdigest()
        if not report.errors:
            request.session[SESSION_KEY] = {
                "kind": kind,
                "name": upload.name,
                "content": base64.b64encode(zlib.compress(content)).decode("ascii"),
                "digest": digest,
            }
        return _report_page(request, report, upload.name, digest)
    return render(
        request,
        "people/import_form.html",
        {"form": form, "columns": _column_docs(), "crumbs": _crumbs()},
    )


@require_POST
def import_confirm(request):
    """The real run of the file from the dry run: every row stored, or none."""
    require(is_platform_admin, request.user)
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["digest"] != request.POST.get("digest"):
        messages.error(request, _("Importen er udløbet. Vælg filen igen."))
        return redirect("people:import")
    content = zlib.decompress(base64.b64decode(pending["content"]))
    report = import_file(pending["kind"], pending["name"], content, by=request.user, dry_run=False)
    if not report.stored:
        return _report_page(request, report, pending["name"], pending["digest"])
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("Importen er gennemført: %(created)s oprettet, %(updated)s opdateret, %(same)s uændret.")
        % {"created": report.created, "updated": report.updated, "same": report.unchanged},
    )
    return redirect("people:organisation-list")


def import_template(request, kind, fmt):
    """An empty file with the right column headers and one example row."""
    require(is_platform_admin, request.user)
    if kind not in ImportKind.values or fmt not in ("csv", "xlsx"):
        raise Http404
    headers, rows = template_rows(kind)
    filename = f"skabelon-{kind}"
    if fmt == "xlsx":
        return file_response(write_xlsx(headers, rows, title=kind), fmt, filename)
    return file_response(write_csv(headers, rows), fmt, filename)


def _report_page(request, report, filename, digest):
    return render(
        request,
        "people/import_report.html",
        {
            "report": report,
            "kind_label": ImportKind(report.kind).label,
            "filename": filename,
            "digest": digest,
            "crumbs": _crumbs(_("Kontrol af import")),
        },
        status=200,
    )


def _column_docs():
    return [(ImportKind(kind), columns) for kind, columns in COLUMNS.items()]
