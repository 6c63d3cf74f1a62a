"""Search, balance, themes, notifications, settings and the "what needs me now" dashboard."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.pages import error_text, require
from samskab.pathways.themes import Document, mine_themes

from . import actions
from .balance import balance, chart_bars
from .dashboard import dashboard_for
from .forms import (
    BalanceForm,
    NotificationPreferenceForm,
    SaveThemeForm,
    SearchForm,
    ThemeMiningForm,
)
from .models import NotificationPreference, SavedTheme
from .permissions import can_use_insights, get_theme_for
from .scopes import organisations_of, scope_choices, scope_filters, scope_label
from .search import (
    Filters,
    apply_filters,
    countable_entries,
    log_reads,
    search,
    visible_entries,
)

#: Themes are mined from at most this many of the newest insights in the scope.
MAX_THEME_DOCUMENTS = 600


def _crumb():
    return (reverse("insights:index"), _("Indsigter"))


def index(request):
    """Search the whole body of insight."""
    require(can_use_insights, request.user)
    themes = SavedTheme.objects.visible_to(request.user)
    form = SearchForm(
        request.GET or None, organisations=organisations_of(request.user), themes=themes
    )
    page = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = Filters(
            query=data["q"],
            practice=data["practice"],
            organisation_id=data["organisation"],
            start=data["start"],
            end=data["end"],
            theme=data["theme"],
            perspective=data["perspective"],
        )
        page = Paginator(search(request.user, filters), 20).get_page(request.GET.get("side"))
        log_reads(request.user, page.object_list)
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "insights/search.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "crumbs": [(None, _("Indsigter"))],
        },
    )


def balance_view(request):
    require(can_use_insights, request.user)
    choices = scope_choices(request.user)
    form = BalanceForm(request.GET or None, scopes=choices)
    periods, scope = [], ""
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        scope = data.get("scope", "")
        filters = scope_filters(scope, Filters(start=data.get("start"), end=data.get("end")))
        entries = apply_filters(countable_entries(request.user), filters)
        periods = balance(
            entries,
            data.get("period") or "month",
            start=data.get("start"),
            end=data.get("end"),
        )
    bars, width, height = chart_bars(periods)
    return render(
        request,
        "insights/balance.html",
        {
            "form": form,
            "periods": periods,
            "bars": bars,
            "chart_width": width,
            "chart_height": height,
            "missing": [p for p in periods if p.missing],
            "scope_label": scope_label(scope, choices),
            "crumbs": [_crumb(), (None, _("Lemniskatens balance"))],
        },
    )


def themes_view(request):
    require(can_use_insights, request.user)
    choices = scope_choices(request.user)
    form = ThemeMiningForm(request.GET or None, scopes=choices)
    themes, count = None, 0
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = scope_filters(
            data["scope"], Filters(practice=data["practice"], start=data["start"], end=data["end"])
        )
        entries = list(
            apply_filters(visible_entries(request.user), filters).order_by("-created_at")[
                :MAX_THEME_DOCUMENTS
            ]
        )
        count = len(entries)
        themes = mine_themes(
            [Document(e.text, e.title, e) for e in entries], n_themes=data["n_themes"]
        )
        log_reads(request.user, [q.obj for theme in themes for q in theme.quotes])
    saved = SavedTheme.objects.visible_to(request.user).select_related("organisation")
    return render(
        request,
        "insights/themes.html",
        {
            "form": form,
            "themes": themes,
            "document_count": count,
            "saved_themes": saved,
            "may_save": bool(organisations_of(request.user)),
            "crumbs": [_crumb(), (None, _("Temaer på tværs"))],
        },
    )


@require_POST
def theme_save(request):
    require(can_use_insights, request.user)
    form = SaveThemeForm(request.POST)
    if form.is_valid():
        try:
            theme = actions.save_theme(by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Temaet «%(name)s» er gemt.") % {"name": theme.name})
            return redirect("insights:theme-detail", pk=theme.pk)
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("insights:themes")


def theme_detail(request, pk):
    theme = get_theme_for(request.user, pk)
    entries = apply_filters(visible_entries(request.user), Filters(theme=theme))
    today = timezone.localdate()
    periods = balance(entries, "month", start=today - datetime.timedelta(days=365), end=today)
    recent = list(entries.order_by("-created_at")[:10])
    log_reads(request.user, recent)
    return render(
        request,
        "insights/theme_detail.html",
        {
            "theme": theme,
            "periods": periods,
            "max_total": max([p.total for p in periods] or [0]),
            "recent": recent,
            "search_url": reverse("insights:index") + f"?theme={theme.pk}",
            "crumbs": [
                _crumb(),
                (reverse("insights:themes"), _("Temaer på tværs")),
                (None, theme.name),
            ],
        },
    )


def notifications(request):
    items = request.user.notifications.all()
    show = request.GET.get("vis", "aabne")
    if show != "alle":
        items = items.filter(resolved_at__isnull=True)
    page = Paginator(items, 25).get_page(request.GET.get("side"))
    return render(
        request,
        "insights/notifications.html",
        {
            "page": page,
            "show_all": show == "alle",
            "crumbs": [(None, _("Notifikationer"))],
        },
    )


@require_POST
def notification_read(request, pk):
    notification = request.user.notifications.filter(pk=pk).first()
    if notification is None:
        raise Http404
    actions.mark_read(by=request.user, notifications=[notification])
    if notification.url and request.POST.get("open"):
        return redirect(notification.url)
    return redirect("insights:notifications")


@require_POST
def notifications_read_all(request):
    count = actions.mark_read(by=request.user, notifications=request.user.notifications.unread())
    messages.success(
        request, _("%(count)s notifikationer er markeret som læst.") % {"count": count}
    )
    return redirect("insights:notifications")


def settings_view(request):
    preference = NotificationPreference.objects.filter(user=request.user).first()
    form = NotificationPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        actions.set_email_frequency(by=request.user, frequency=form.cleaned_data["email_frequency"])
        messages.success(request, _("Dine valg for påmindelser er gemt."))
        return redirect("insights:settings")
    return render(
        request,
        "insights/settings.html",
        {
            "form": form,
            "crumbs": [
                (reverse("core:account"), _("Konto og sikkerhed")),
                (None, _("Påmindelser")),
            ],
        },
    )


def dashboard(request):
    """What needs me now: built from reminders, notifications and balance signals."""
    require(can_use_insights, request.user)
    board = dashboard_for(request.user)
    return render(
        request,
        "insights/dashboard.html",
        {"board": board, "crumbs": [(None, _("Det venter på dig"))]},
    )
