"""The citizen's screen on a professional's device (kiosk mode): one mechanism for every app.

Starting a hand-over (a meeting rating, WHO-5, …) puts the session into citizen mode, which
serves only that hand-over's pages. Every other URL – typed, the back button, a second tab,
the reload of a professional page, the API – answers with the lock screen ("Giv enheden
tilbage"): no menu, no names, no citizen data. When the citizen is done, skips or leaves
the screen idle, the device locks; the professional unlocks it with their password (or a
code from their authenticator app), failed attempts counting towards django-axes' lock-out,
or logs out.

Apps plug in with `Handover` (the abstract single-use, expiring token row), `start()`,
`serves()`, `render()` and `finish()`; `KioskMiddleware` and `lock_screen` do the rest.
"""

import secrets
import time
from datetime import timedelta

from allauth.mfa.models import Authenticator
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY as USER_SESSION_KEY
from django.contrib.auth import logout, user_login_failed
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.shortcuts import render as render_page
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django_htmx.http import HttpResponseClientRedirect

from samskab.core.forms import Form
from samskab.core.models import TimeStampedModel

SESSION_KEY = "samskab_kiosk"
LOCK_URL_NAME = "core:kiosk-lock"

# What the citizen reads on the lock screen, and what the professional reads after
# unlocking. Stored untranslated in the session (gettext_noop), translated when shown.
ANSWERED = gettext_noop("Tak. Dine svar er gemt.")
SKIPPED = gettext_noop("Du sprang spørgsmålene over. Intet er gemt.")
EXPIRED = gettext_noop("Tiden er gået, så dine svar er ikke gemt.")
IDLE = gettext_noop("Skærmen er låst, fordi den ikke har været brugt i et stykke tid.")
STAFF_IDLE = gettext_noop(
    "Skærmen blev låst, fordi den ikke blev brugt i nogle minutter. Borgerens svar er ikke gemt."
)
STAFF_INTERRUPTED = gettext_noop("Overleveringen er afbrudt. Borgerens svar er ikke gemt.")
NO_PASSWORD = gettext_lazy(
    "Du er logget ind via din organisation og kan ikke låse op med en adgangskode her. "
    "Log af, og log ind igen."
)
STAFF_EXPIRED = gettext_noop("Skærmen udløb, før borgeren var færdig. Borgerens svar er ikke gemt.")


# --- The hand-over row ---------------------------------------------------------------


def handover_expiry():
    return timezone.now() + timedelta(minutes=settings.SAMSKAB_HANDOVER_MINUTES)


class HandoverQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())

    def retire(self) -> int:
        """An earlier hand-over that was never finished can no longer be used."""
        return self.filter(used_at__isnull=True).update(used_at=timezone.now(), skipped=True)


class Handover(TimeStampedModel):
    """A single-use, expiring hand-over of the professional's device to a citizen.

    Each app keeps its own concrete model with a real foreign key to what is answered (the
    meeting, the citizen), so the personal-data registry's erasure and retention reach it.
    """

    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    expires_at = models.DateTimeField(gettext_lazy("udløber"), default=handover_expiry)
    used_at = models.DateTimeField(null=True, blank=True)
    skipped = models.BooleanField(default=False)

    objects = HandoverQuerySet.as_manager()

    class Meta:
        abstract = True

    def close(self, *, skipped: bool):
        """Single use: lock the row, refuse if it was used meanwhile or has expired, then
        mark it used. Call it inside the action's transaction, before anything is stored."""
        locked = type(self)._default_manager.select_for_update().get(pk=self.pk)
        if locked.used_at is not None:
            raise ValidationError(
                _("Skærmen er allerede brugt. Start en ny overlevering."), code="used"
            )
        if locked.expires_at <= timezone.now():
            raise ValidationError(
                _("Skærmen er udløbet. Start en ny overlevering."), code="expired"
            )
        locked.used_at = timezone.now()
        locked.skipped = skipped
        locked.save(update_fields=["used_at", "skipped", "updated_at"])
        return locked


# --- The session's citizen mode --------------------------------------------------------


def start(request, handover: Handover, *, page: str, return_url: str) -> None:
    """Put the session into citizen mode for this hand-over: only `page` is served."""
    now = time.time()
    request.session[SESSION_KEY] = {
        "token": handover.token,
        "pages": [page],
        "return_url": return_url,
        "started_at": now,
        "seen_at": now,
        "locked": False,
        "citizen_note": "",
        "staff_note": "",
    }


def serves(request, token: str) -> bool:
    """Whether this session is in citizen mode for this hand-over (tokens are bound to the
    session that started them: the same link in another session opens nothing)."""
    state = request.session.get(SESSION_KEY)
    return bool(state) and not state["locked"] and constant_time_compare(state["token"], token)


def finish(request, *, citizen_note: str, staff_note: str):
    """Lock the device after the citizen answered, skipped or ran out of time."""
    state = request.session.get(SESSION_KEY)
    if state:
        _lock(request, state, citizen_note=citizen_note, staff_note=staff_note)
    return redirect(LOCK_URL_NAME)


def render(request, template: str, context: dict | None = None, **kwargs):
    """A citizen's page: the idle time-out and lock address for samskab/kiosk.js."""
    kiosk = {
        "idle_seconds": settings.SAMSKAB_KIOSK_IDLE_SECONDS,
        "lock_url": reverse(LOCK_URL_NAME),
        "ping_url": reverse("core:keep-alive"),
    }
    return render_page(request, template, {**(context or {}), "kiosk": kiosk}, **kwargs)


def _lock(request, state, *, citizen_note: str, staff_note: str) -> None:
    state.update(locked=True, citizen_note=citizen_note, staff_note=staff_note)
    request.session[SESSION_KEY] = state  # reassigned, so the session is saved


def _is_idle(state, now) -> bool:
    return not state["locked"] and now - state["seen_at"] > settings.SAMSKAB_KIOSK_IDLE_SECONDS


class KioskMiddleware:
    """In citizen mode, anything but the hand-over's pages gets the lock screen.

    Also marks every response to a logged-in session `Cache-Control: no-store`, so that the
    back button cannot bring a professional's page back from the browser's cache once the
    device is in a citizen's hands (samskab/kiosk.js reloads pages from the back-forward
    cache, which the server then answers with the lock screen).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = request.session.get(SESSION_KEY)
        response = (state and self._refusal(request, state)) or self.get_response(request)
        if USER_SESSION_KEY in request.session and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True)
        return response

    def _refusal(self, request, state):
        now = time.time()
        if _is_idle(state, now):
            _lock(request, state, citizen_note=IDLE, staff_note=STAFF_IDLE)
        path = request.path_info
        lock_url = reverse(LOCK_URL_NAME)
        if path == lock_url or path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        if path == reverse("account_logout") and request.method == "POST":
            return None
        if not state["locked"] and (
            path in state["pages"]
            or (path == reverse("core:keep-alive") and request.method == "POST")
        ):
            state["seen_at"] = now
            request.session[SESSION_KEY] = state
            return None
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(lock_url)
        return redirect(lock_url)


# --- The lock screen -------------------------------------------------------------------


class UnlockForm(Form):
    """The professional's password – or, with an authenticator app, a code from it, as
    allauth's own reauthentication accepts either. Both count towards the lock-out."""

    password = forms.CharField(
        label=gettext_lazy("Din adgangskode"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = request.user
        known = self.user.is_authenticated
        self.has_totp = (
            known
            and Authenticator.objects.filter(user=self.user, type=Authenticator.Type.TOTP).exists()
        )
        if not (known and self.user.has_usable_password()):
            del self.fields["password"]
        elif not self.has_totp:
            self.fields["password"].required = True  # the only way in: not "(valgfrit)"
            self.fields["password"].error_messages["required"] = _(
                "Skriv din adgangskode for at låse op."
            )
        if self.has_totp:
            self.fields["code"] = forms.CharField(
                label=gettext_lazy("Eller: kode fra din godkendelsesapp"),
                required=False,
                widget=forms.TextInput(
                    attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
                ),
            )

    @property
    def can_unlock(self) -> bool:
        return bool(self.fields)

    def clean(self):
        # Imported here: allauth's forms pull in its adapters, which this module (imported
        # by the apps' models for `Handover`) should not need at start-up.
        from allauth.account.forms import ReauthenticateForm
        from allauth.account.internal.flows.reauthentication import reauthenticate_by_password
        from allauth.mfa.base.forms import ReauthenticateForm as CodeReauthenticateForm

        if not self.can_unlock:
            raise ValidationError(NO_PASSWORD)
        if self.errors:  # e.g. the required password left empty: said once, on the field
            return self.cleaned_data
        code = (self.cleaned_data.get("code") or "").strip()
        password = self.cleaned_data.get("password") or ""
        if code:
            check = CodeReauthenticateForm({"code": code}, user=self.user)
            if check.is_valid():
                check.save()
                return self.cleaned_data
            # allauth does not tell django-axes; a wrong code counts like a wrong password.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": self.user.get_username()},
                request=self.request,
            )
            refusal = check.errors.as_data().get("code", [None])[0]
            if refusal is not None and refusal.code == "too_many_login_attempts":
                self.add_error("code", refusal)  # allauth's limit on codes (core.auth)
            else:
                self.add_error("code", _("Koden er ikke korrekt. Prøv igen."))
        elif password:
            check = ReauthenticateForm({"password": password}, user=self.user)
            if check.is_valid():  # through authenticate(): django-axes counts a failure
                reauthenticate_by_password(self.request)
                return self.cleaned_data
            self.add_error("password", _("Adgangskoden er ikke korrekt. Prøv igen."))
        elif "password" in self.fields:  # both fields offered, both left empty
            raise ValidationError(
                _("Skriv din adgangskode eller koden fra din godkendelsesapp for at låse op.")
            )
        else:
            self.add_error("code", _("Skriv koden fra din godkendelsesapp for at låse op."))
        return self.cleaned_data


def _is_locked_out(request) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return getattr(request, "axes_locked_out", False) or AxesProxyHandler.is_locked(
        request, {"username": request.user.get_username()}
    )


def _locked_out(request):
    """Too many wrong attempts: log the device out and say so on a neutral screen.

    django-axes would answer with its own page, in the professional's layout; the lock screen
    answers itself instead.
    """
    request.axes_locked_out = False
    logout(request)
    return render_page(request, "core/kiosk_locked_out.html", status=429)


def lock_screen(request):
    """The neutral "Giv enheden tilbage" screen, and the professional's unlock."""
    state = request.session.get(SESSION_KEY)
    if state is None:
        return redirect("core:home")  # nothing to unlock
    if request.method == "POST" and _is_locked_out(request):
        return _locked_out(request)
    form = UnlockForm(request.POST if request.method == "POST" else None, request=request)
    if request.method == "POST":
        if form.is_valid():
            return _unlock(request, state)
        if getattr(request, "axes_locked_out", False):
            return _locked_out(request)
    return render_page(
        request,
        "core/kiosk_lock.html",
        {
            "form": form,
            "citizen_note": _(state["citizen_note"]) if state["citizen_note"] else "",
            "back_to": None if state["locked"] else state["pages"][0],
            "no_password": NO_PASSWORD,
        },
    )


def _unlock(request, state):
    from axes.utils import reset

    request.session.pop(SESSION_KEY)
    if settings.AXES_RESET_ON_SUCCESS:
        reset(username=request.user.get_username())  # as a successful login would
    note = state["staff_note"] or (STAFF_INTERRUPTED if not state["locked"] else "")
    messages.success(request, _(note) if note else _("Skærmen er låst op."))
    target = state["return_url"]
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("core:home")
    return redirect(target)
