"""Who may use the calendar-feed URLs.

The feed needs no login (calendar apps cannot log in): its secret token is the key, so a
made-up token gives everyone, the anonymous visitor included, the same 404. Creating and
deleting one's own address is for every logged-in user.
"""

from samskab.core.access import LOGGED_IN, Rule

ACCESS_RULES = [
    Rule("calendars:feed", {"token": "gaettet-noegle"}, allow=set()),
    Rule("calendars:feed-create", method="POST", allow={LOGGED_IN}),
    Rule("calendars:feed-revoke", method="POST", allow={LOGGED_IN}),
]
