"""The access-rule matrix: who may open which URL, declared once per app.

Each app lists its URLs in `samskab/<app>/access_rules.py`:

    from samskab.core.access import LOGGED_IN, Rule, pk_of

    ACCESS_RULES = [
        Rule("people:citizen-detail", {"pk": pk_of(Citizen, display_name="Anders (fiktiv)")},
             allow={"fagperson", "supervisor"}),
    ]

`allow` names the demo users (`samskab/demo/data.py`) who get through: a username, a role
(every demo user with that role), or a group below. Everyone else, and the anonymous visitor
unless `ANONYMOUS` is named, must be refused (403, 404 or a redirect to the login page).
URL arguments come from demo objects (`pk_of`, `value_of`), resolved when the check runs.
Several rules per URL are fine (e.g. one object per organisation).

`samskab/core/tests/test_access_matrix.py` walks every URL pattern of the project, fails
for a URL without a rule, and requests each rule as the anonymous visitor and every demo
user. The same walk drives the CSRF, name-leak and horizontal-access tests.
"""

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ANONYMOUS = "anonymous"


@cache
def demo_users() -> dict[str, str]:
    """Demo username -> role."""
    from samskab.demo.data import USERS

    return {username: str(role) for username, _first, _last, role, *_rest in USERS}


@dataclass(frozen=True)
class Group:
    """A named set of demo users, resolved lazily (the demo list may grow)."""

    label: str
    pick: Callable[[str, str], bool]

    def members(self) -> set[str]:
        return {user for user, role in demo_users().items() if self.pick(user, role)}


# Everyone logged in; everyone who is not a citizen; the visitor without a login.
LOGGED_IN = Group("LOGGED_IN", lambda user, role: True)
STAFF = Group("STAFF", lambda user, role: role != "citizen")
EVERYONE = frozenset({LOGGED_IN, ANONYMOUS})


@dataclass(frozen=True)
class Lookup:
    """A demo object's attribute, found when the check runs: `pk_of(Citizen, name=...)`."""

    model: Any
    lookup: tuple
    attribute: str = "pk"

    def resolve(self):
        model = apps.get_model(self.model) if isinstance(self.model, str) else self.model
        obj = model._default_manager.filter(**dict(self.lookup)).order_by("pk").first()
        if obj is None:
            raise LookupError(f"no demo {model.__name__} with {dict(self.lookup)}")
        value = obj
        for part in self.attribute.split("."):
            value = getattr(value, part)
        return value

    def __str__(self):
        label = self.model if isinstance(self.model, str) else self.model.__name__
        args = ",".join(f"{key}={value}" for key, value in self.lookup)
        return f"{label}({args}).{self.attribute}"


def pk_of(model, **lookup) -> Lookup:
    return Lookup(model, tuple(sorted(lookup.items())))


def value_of(model, attribute, **lookup) -> Lookup:
    return Lookup(model, tuple(sorted(lookup.items())), attribute)


@dataclass(frozen=True)
class Rule:
    """Who gets through one URL (with these arguments and this method)."""

    url: str
    kwargs: dict = field(default_factory=dict)
    allow: Iterable = frozenset()
    method: str = "GET"
    note: str = ""

    def __post_init__(self):
        object.__setattr__(self, "allow", frozenset(self.allow))
        object.__setattr__(self, "kwargs", dict(self.kwargs))

    def __hash__(self):
        return hash((self.url, self.method, tuple(sorted(map(str, self.kwargs.items())))))

    def allowed_users(self) -> set[str]:
        """Demo usernames (and `ANONYMOUS`) expected to get through."""
        who = set()
        roles = set(demo_users().values())
        tokens = list(self.allow)
        while tokens:
            token = tokens.pop()
            if isinstance(token, frozenset | set | tuple | list):
                tokens.extend(token)
            elif isinstance(token, Group):
                who |= token.members()
            elif token == ANONYMOUS or token in demo_users():
                who.add(token)
            elif token in roles:
                who |= {user for user, role in demo_users().items() if role == token}
            else:
                raise ValueError(f"{self.url}: unknown user or role {token!r} in allow")
        return who

    def resolved_kwargs(self) -> dict:
        return {
            key: value.resolve() if isinstance(value, Lookup) else value
            for key, value in self.kwargs.items()
        }

    def path(self) -> str:
        return reverse(self.url, kwargs=self.resolved_kwargs())

    @property
    def label(self) -> str:
        args = ",".join(f"{key}={value}" for key, value in self.kwargs.items())
        return f"{self.method} {self.url}" + (f"[{args}]" if args else "")


# ---------------------------------------------------------------------------------------
# Collecting the rules and walking the URL patterns


def collect_rules() -> list[Rule]:
    """Every app's `access_rules.ACCESS_RULES`, in INSTALLED_APPS order."""
    rules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("samskab."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.access_rules")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.access_rules":
                raise
            continue
        rules.extend(module.ACCESS_RULES)
    return rules


# URLs outside the matrix, each with its reason. Everything else must have a rule.
EXCLUDED = [
    # Django's admin: its own login (through allauth), is_staff and model permissions;
    # tested in samskab/core/tests/test_admin_and_database.py.
    ("namespace", "admin"),
    # django-allauth: login, logout, password, two-factor and single sign-on pages are
    # public by design; the login policy is tested in samskab/core/tests/test_login.py.
    ("module", "allauth."),
    ("urlconf", "allauth."),
    # Static and media files (only routed when DEBUG is on).
    ("module", "django.views.static"),
    ("module", "django.contrib.staticfiles"),
]


@dataclass(frozen=True)
class Endpoint:
    """One URL pattern: its reversible name, its route and where the view lives."""

    name: str
    route: str
    module: str
    urlconf: str
    converters: tuple[tuple[str, str], ...]
    csrf_exempt: bool = False

    @property
    def app(self) -> str:
        """The samskab app that should declare the rule (e.g. `samskab/privacy`)."""
        for candidate in (self.module, self.urlconf):
            parts = candidate.split(".")
            if len(parts) >= 2 and parts[0] == "samskab":
                return f"samskab/{parts[1]}"
        if self.name == "set_language" or self.urlconf.startswith("config"):
            return "samskab/core"
        return "the app that defines this URL"

    def missing_message(self) -> str:
        args = ", ".join(
            f'"{name}": pk_of(<Model>, <demo lookup>)' if kind == "int" else f'"{name}": "<value>"'
            for name, kind in self.converters
        )
        example = (
            f'Rule("{self.name}", {{{args}}}, allow={{<usernames/roles>}})'
            if args
            else f'Rule("{self.name}", allow={{<usernames/roles>}})'
        )
        return (
            f"URL {self.name!r} (/{self.route}, view in {self.module}) has no access rule.\n"
            f"    Declare who may open it in {self.app}/access_rules.py, e.g.\n"
            f"        ACCESS_RULES += [{example}]\n"
            f'    (add method="POST" for a POST-only view; see samskab/core/access.py).'
        )


def _callback_module(pattern: URLPattern) -> str:
    callback = pattern.callback
    view_class = getattr(callback, "view_class", None)
    target = view_class or callback
    return getattr(target, "__module__", "") or ""


def _converters(route_pattern) -> tuple[tuple[str, str], ...]:
    converters = getattr(route_pattern, "converters", {}) or {}
    result = []
    for name, converter in converters.items():
        kind = type(converter).__name__.replace("Converter", "").lower()
        result.append((name, kind))
    return tuple(result)


def _excluded(namespace: str, module: str, urlconf: str) -> bool:
    for kind, value in EXCLUDED:
        if kind == "namespace" and namespace.split(":")[0] == value:
            return True
        if kind == "module" and module.startswith(value):
            return True
        if kind == "urlconf" and urlconf.startswith(value):
            return True
    return False


def endpoints(resolver=None, prefix="", namespace="", urlconf="") -> list[Endpoint]:
    """Every URL pattern of the project, outside the excluded list."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner_namespace = ":".join(filter(None, [namespace, entry.namespace]))
            name = entry.urlconf_name
            inner_urlconf = name if isinstance(name, str) else getattr(name, "__name__", urlconf)
            found.extend(
                endpoints(entry, prefix + str(entry.pattern), inner_namespace, inner_urlconf)
            )
        elif isinstance(entry, URLPattern):
            module = _callback_module(entry)
            if _excluded(namespace, module, urlconf):
                continue
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            found.append(
                Endpoint(
                    name=name or route,
                    route=route,
                    module=module,
                    urlconf=urlconf or settings.ROOT_URLCONF,
                    converters=_converters(entry.pattern),
                    csrf_exempt=getattr(entry.callback, "csrf_exempt", False),
                )
            )
    return found


def missing_rules(rules: Iterable[Rule], patterns: Iterable[Endpoint]) -> list[str]:
    """A message per URL pattern without a rule, and per rule naming no URL pattern."""
    patterns = list(patterns)
    declared = {rule.url for rule in rules}
    names = {pattern.name for pattern in patterns}
    problems = [pattern.missing_message() for pattern in patterns if pattern.name not in declared]
    for url in sorted(declared - names):
        problems.append(f"Access rule for {url!r} names no URL pattern: remove or rename it.")
    return problems


# ---------------------------------------------------------------------------------------
# Requesting a rule's URL as everyone


ALLOWED, DENIED = "allowed", "denied"


def outcome(response) -> str:
    """Allowed (2xx, or a redirect that is not to the login page), denied, or an error."""
    status = response.status_code
    # 401 is the JSON API's "log in first"; 400, 409 and 422 are its refusals of a body, a
    # state or an input, given only after authentication (see samskab/api/access_rules.py).
    if status in (401, 403, 404):
        return DENIED
    if status in (400, 409, 422):
        return ALLOWED
    if status in (301, 302, 303, 307, 308):
        location = response.get("Location", "")
        login = reverse(settings.LOGIN_URL)
        return DENIED if location.split("?")[0].endswith(login) else ALLOWED
    if 200 <= status < 300:
        return ALLOWED
    return f"HTTP {status}"


def describe(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        return f"{response.status_code} → {response.get('Location', '')}"
    return str(response.status_code)


def fetch(client, method: str, path: str, data=None):
    """One request whose writes are rolled back, so the matrix leaves the demo untouched."""
    with transaction.atomic():
        try:
            response = getattr(client, method.lower())(path, data or {})
        except Exception as error:
            response = error
        transaction.set_rollback(True)
    return response


def check_rule(rule: Rule, clients: dict, responses: dict | None = None) -> list[str]:
    """Request the rule's URL as each client (name -> logged-in test client); mismatches.

    `responses`, when given, collects (who -> response) for further checks on the pages.
    """
    try:
        path = rule.path()
    except Exception as error:
        return [f"{rule.label}: cannot build the URL: {error}"]
    expected = rule.allowed_users()
    problems = []
    got_through = set()
    for who, client in clients.items():
        response = fetch(client, rule.method, path)
        if isinstance(response, Exception):
            problems.append(
                f"{rule.label} {path} as {who}: raised {type(response).__name__}: {response}"
            )
            continue
        if responses is not None:
            responses[who] = response
        got = outcome(response)
        if got == ALLOWED:
            got_through.add(who)
        want = ALLOWED if who in expected else DENIED
        if got != want:
            problems.append(
                f"{rule.label} {path} as {who}: expected {want}, got {got} ({describe(response)})"
            )
    if problems:
        problems.append(f"    (got through: {sorted(got_through)})")
    return problems


def known_citizens(user) -> set[int]:
    """Citizens a user meets by design outside need-to-know (e.g. a partnership's expert for
    the partner leader): the union of each app's `access_rules.known_citizens(user)`."""
    known = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("samskab."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.access_rules")
        except ModuleNotFoundError:
            continue
        hook = getattr(module, "known_citizens", None)
        if hook is not None:
            known |= set(hook(user))
    return known
