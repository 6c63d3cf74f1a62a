"""Locust load for `make bench`: every user hits the same page in the same time slot.

The plan (written by bench/run.py, path in BENCH_PLAN) lists pages with the role they are
fetched as; each role's session is logged in once per user at the start. From BENCH_T0 on,
slot i (BENCH_SLOT seconds after a BENCH_WARMUP-second warm-up) belongs to page i, so the
4 users measure one page at a time and each page's throughput is its count / slot length.
"""

import json
import os
import re
import time

from locust import HttpUser, events, task
from locust.clients import HttpSession

PLAN = json.loads(open(os.environ["BENCH_PLAN"]).read())  # noqa: SIM115
T0 = float(os.environ["BENCH_T0"])
SLOT = float(os.environ.get("BENCH_SLOT", "6"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "1"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class PageUser(HttpUser):
    wait_time = staticmethod(lambda: 0)

    def on_start(self):
        self.sessions = {"": self.client}
        for role, username in PLAN["users"].items():
            for _attempt in range(3):
                session = self.login(username)
                # The login only counts when a page that needs it answers 200.
                check = session.get("/konto/", name="login (setup)", allow_redirects=False)
                if check.status_code == 200:
                    break
            else:
                raise RuntimeError(f"Login failed for {username}")
            self.sessions[role] = session

    def login(self, username):
        session = HttpSession(
            base_url=self.host, request_event=self.environment.events.request, user=self
        )
        page = session.get("/accounts/login/", name="login (setup)")
        token = CSRF.search(page.text).group(1)
        session.post(
            "/accounts/login/",
            data={"login": username, "password": PLAN["password"], "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name="login (setup)",
            allow_redirects=False,
        )
        return session

    @task
    def page(self):
        now = time.time()
        if now < T0:
            time.sleep(min(0.2, T0 - now))
            return
        index, offset = divmod(now - T0, WARMUP + SLOT)
        index = int(index)
        if index >= len(PLAN["pages"]):
            self.environment.runner.quit()
            return
        entry = PLAN["pages"][index]
        name = entry["name"] if offset >= WARMUP else "warm-up"
        session = self.sessions[entry["role"]]
        with session.get(
            entry["path"], name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                location = response.headers.get("Location", "")
                response.failure(f"HTTP {response.status_code} {location}".strip())


@events.quitting.add_listener
def write_results(environment, **kwargs):
    results = {}
    for entry in PLAN["pages"]:
        stats = environment.stats.entries.get((entry["name"], "GET"))
        if stats is None or not stats.num_requests:
            results[entry["name"]] = {"requests": 0, "failures": 0}
            continue
        results[entry["name"]] = {
            "requests": stats.num_requests,
            "failures": stats.num_failures,
            "p50_ms": stats.get_response_time_percentile(0.5),
            "p95_ms": stats.get_response_time_percentile(0.95),
            "mean_ms": round(stats.avg_response_time, 1),
            "rps": round(stats.num_requests / SLOT, 1),
        }
        errors = {
            str(error.error): error.occurrences
            for error in environment.stats.errors.values()
            if error.name == entry["name"]
        }
        if errors:
            results[entry["name"]]["errors"] = errors
    with open(os.environ["BENCH_LOCUST_OUT"], "w") as out:
        json.dump(results, out, indent=2)
