"""Who may open the core pages (front page, account, accessibility) and the language switch."""

from samskab.core.access import ANONYMOUS, LOGGED_IN, Rule

ACCESS_RULES = [
    Rule("core:home", allow={LOGGED_IN}),
    Rule("core:practice", {"slug": "insights"}, allow={LOGGED_IN}),
    Rule("core:account", allow={LOGGED_IN}),
    Rule("core:accessibility", allow={LOGGED_IN, ANONYMOUS}),
    Rule("core:keep-alive", method="POST", allow={LOGGED_IN}),
    # Outside citizen mode there is nothing to unlock: the lock screen leads to the front page.
    Rule("core:kiosk-lock", allow={LOGGED_IN}),
    Rule("core:kiosk-lock", method="POST", allow={LOGGED_IN}),
    Rule("set_language", method="POST", allow={LOGGED_IN, ANONYMOUS}),
]
