"""Who may open the insight pages: staff search, see balance, themes and their dashboard
(what they find is filtered per insight); everyone logged in has notifications and settings."""

from samskab.core.access import LOGGED_IN, STAFF, Rule, pk_of
from samskab.insights.models import Notification, SavedTheme

ACCESS_RULES = [
    Rule("insights:index", allow={STAFF}),
    Rule("insights:balance", allow={STAFF}),
    Rule("insights:themes", allow={STAFF}),
    Rule("insights:theme-save", method="POST", allow={STAFF}),
    Rule(
        "insights:theme-detail",
        {"pk": pk_of(SavedTheme, name="Borgerens egne ord")},
        allow={"leder", "fagperson", "supervisor", "dpo"},
        note="Saved themes are shared within the organisation that saved them (Aarhus).",
    ),
    Rule("insights:dashboard", allow={STAFF}),
    Rule("insights:notifications", allow={LOGGED_IN}),
    Rule(
        "insights:notification-read",
        {"pk": pk_of(Notification, user__username="supervisor")},
        method="POST",
        allow={"supervisor"},
    ),
    Rule("insights:notifications-read-all", method="POST", allow={LOGGED_IN}),
    Rule("insights:settings", allow={LOGGED_IN}),
    # The JSON API (samskab/insights/api.py): the same predicates as the pages. An operation
    # with a request body answers every logged-in user 422 for an empty body (see
    # samskab/api/access_rules.py); its object-level refusals are in tests/test_api.py.
    Rule("api-v1:insights-insight_search", allow={STAFF}),
    Rule("api-v1:insights-balance_view", allow={STAFF}),
    Rule("api-v1:insights-theme_list", allow={STAFF}),
    Rule("api-v1:insights-theme_save", method="POST", allow={LOGGED_IN}),
    Rule(
        "api-v1:insights-theme_detail",
        {"pk": pk_of(SavedTheme, name="Borgerens egne ord")},
        allow={"leder", "fagperson", "supervisor", "dpo"},
    ),
    Rule("api-v1:insights-notification_list", allow={LOGGED_IN}),
    Rule(
        "api-v1:insights-notification_read",
        {"pk": pk_of(Notification, user__username="supervisor")},
        method="POST",
        allow={"supervisor"},
    ),
    Rule("api-v1:insights-notifications_read_all", method="POST", allow={LOGGED_IN}),
]
