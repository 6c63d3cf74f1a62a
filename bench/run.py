"""`make bench`: the national data set in PostgreSQL, the production server, and the figures.

1. Creates the benchmark database if missing (BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/samskab_bench), migrates it and loads the national
   data set at BENCH_SCALE (default 1) unless it is already there.
2. Starts gunicorn (as `make run` does, DEBUG off) with the bare floor view mounted, and runs
   locust headless from a second process: BENCH_USERS (4) users, one page at a time.
3. Times in-process: matching 1,000 × 1,000, a business case, an effect evaluation over
   100,000 measurements and theme mining over 50,000 captures.
4. Optionally Lighthouse (BENCH_LIGHTHOUSE=1, or `make lighthouse`) on a few main pages.
5. Prints one table with the targets beside the figures and writes bench/results.json.
"""

import datetime
import json
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PY = sys.executable
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/samskab_bench")
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
USERS = int(os.environ.get("BENCH_USERS", "4"))
SLOT = float(os.environ.get("BENCH_SLOT", "6"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "1.5"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))

#: Targets (see issue 11 and README).
PAGE_P95_MS = 100
FLOOR_SHARE = 0.25
IN_PROCESS_TARGETS = {
    "matching 1.000 × 1.000": 1.0,
    "business case (one project, incl. query)": 0.1,
    "effect evaluation, 100.000 measurements": 2.0,
    "theme mining, 50.000 captures": 60.0,
}

os.environ["DATABASE_URL"] = DB_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "0")
sys.path.insert(0, str(ROOT))


def log(message):
    print(f"[bench {datetime.datetime.now(datetime.UTC):%H:%M:%S} UTC] {message}", flush=True)


def ensure_database():
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(DB_URL)
    params = {
        "host": config["HOST"] or "127.0.0.1",
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "password": config["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            log(f"creating database {config['NAME']}")
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def manage(*args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, check=True)  # noqa: S603


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_users_and_pages():
    import django

    django.setup()
    from samskab.national.pages import bench_plan

    return bench_plan()


def run_load(plan, port):
    plan_file = BENCH / "out" / "plan.json"
    plan_file.parent.mkdir(exist_ok=True)
    plan_file.write_text(json.dumps(plan, ensure_ascii=False, indent=2))
    out = BENCH / "out" / "locust.json"
    out.unlink(missing_ok=True)
    logins = USERS * len(plan["users"])
    t0 = time.time() + 10 + 3 * logins  # PBKDF2 per login; slow on a loaded machine
    env = {
        **os.environ,
        "BENCH_PLAN": str(plan_file),
        "BENCH_T0": str(t0),
        "BENCH_SLOT": str(SLOT),
        "BENCH_WARMUP": str(WARMUP),
        "BENCH_LOCUST_OUT": str(out),
    }
    duration = int(t0 - time.time() + len(plan["pages"]) * (SLOT + WARMUP) + 30)
    log(f"locust: {USERS} users, {len(plan['pages'])} pages × {SLOT:g} s (+{WARMUP:g} s warm-up)")
    subprocess.run(  # noqa: S603 - our own tools, fixed arguments
        [
            str(Path(PY).parent / "locust"),
            "-f",
            str(BENCH / "locustfile.py"),
            "--headless",
            "--users",
            str(USERS),
            "--spawn-rate",
            str(USERS),
            "--run-time",
            f"{duration}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
    )
    return json.loads(out.read_text())


def start_server(port):
    (BENCH / "out").mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DEBUG": "0",
        "BENCH_FLOOR_VIEW": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(WORKERS),
        "GUNICORN_ACCESS_LOG": "",
        "GUNICORN_LOG_LEVEL": "warning",
        # All load comes from one address and a few accounts: lift the per-IP login limit and
        # the API throttle, which would otherwise answer 429 (their cost is still measured).
        "LOGIN_RATE_PER_IP": "100000",
        "API_THROTTLE_RATE": "100000/s",
    }
    server = subprocess.Popen(  # noqa: S603 - gunicorn, fixed arguments
        [
            str(Path(PY).parent / "gunicorn"),
            "--config",
            "config/gunicorn.py",
            "config.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stderr=(BENCH / "out" / "gunicorn.log").open("w"),
    )
    for _i in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def timed(function, repeat=1):
    best = None
    for _i in range(repeat):
        start = time.perf_counter()
        function()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def in_process():
    """The heavy computations, timed in this process against the benchmark database."""
    import random

    from samskab.innovation import economics
    from samskab.innovation.models import BusinessCase
    from samskab.outcomes.evaluation import Observation, difference_in_differences
    from samskab.outcomes.models import Measurement
    from samskab.partnerships import matching
    from samskab.partnerships.models import SLOT_LABELS
    from samskab.pathways.models import LearningCapture, Pathway
    from samskab.pathways.themes import Document, mine_themes

    results = {}
    # Matching: the same random profiles as `manage.py benchmark_matching`.
    rng = random.Random(1)
    themes = [f"tema {i}" for i in range(30)]
    interests = [f"interesse {i}" for i in range(200)]
    slots = list(SLOT_LABELS)

    def profiles(prefix):
        return [
            matching.Profile(
                f"{prefix}{i}",
                rng.sample(themes, 2),
                rng.sample(interests, 5),
                rng.sample(slots, 4),
            )
            for i in range(1000)
        ]

    experts, leaders = profiles("e"), profiles("l")
    results["matching 1.000 × 1.000"] = timed(lambda: matching.propose(experts, leaders), 3)
    log("matching timed")

    case = BusinessCase.objects.order_by("pk").first()

    def business_case():
        lines = list(case.lines.all())
        economics.compute(lines, case.discount_rate, long_term_percent=case.long_term_rate)

    results["business case (one project, incl. query)"] = timed(business_case, 5)
    log("business case timed")

    treated = set(Pathway.objects.values_list("citizen_id", flat=True))
    cut = datetime.date(2026, 1, 1)

    def evaluation():
        rows = (
            Measurement.objects.filter(measure__code="who5")
            .order_by("pk")
            .values_list("citizen_id", "measured_on", "value")[:100_000]
        )
        observations = [Observation(c, c in treated, int(on >= cut), float(v)) for c, on, v in rows]
        result = difference_in_differences(observations)
        assert result.observations == len(observations)

    results["effect evaluation, 100.000 measurements"] = timed(evaluation)
    log("evaluation timed")

    def theme_mining():
        captures = LearningCapture.objects.order_by("pk").values_list("what_worked", flat=True)
        documents = [Document(text) for text in captures[:50_000]]
        mine_themes(documents)

    results["theme mining, 50.000 captures"] = timed(theme_mining)
    log("theme mining timed")
    return results


def lighthouse(port, plan, pages):
    """LCP, CLS and total blocking time of a few main pages (mobile defaults, headless)."""
    import requests

    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not binary.exists() or not Path(chrome).exists():
        log("Lighthouse skipped: `npm ci` and Debian's chromium are needed")
        return {}
    base = f"http://127.0.0.1:{port}"
    cookies = {}
    results = {}
    for role, name, path in pages:
        if role and role not in cookies:
            session = requests.Session()
            page = session.get(base + "/accounts/login/")
            token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
            session.post(
                base + "/accounts/login/",
                data={
                    "login": plan["users"][role],
                    "password": plan["password"],
                    "csrfmiddlewaretoken": token,
                },
                headers={"Referer": base + "/accounts/login/"},
            )
            cookies[role] = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
        # Lighthouse sometimes fails to record a trace (NO_NAVSTART); try again once.
        for _attempt in range(2):
            results[name] = _lighthouse_once(binary, chrome, base + path, cookies.get(role, ""))
            if "error" not in results[name]:
                break
        log(f"lighthouse {name}: {results[name]}")
    return results


def _lighthouse_once(binary, chrome, url, cookie):
    """One Lighthouse run: LCP, CLS and total blocking time, or the reason there are none."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        headers = Path(tmp) / "headers.json"
        headers.write_text(json.dumps({"Cookie": cookie} if cookie else {}))
        subprocess.run(  # noqa: S603 - our own tools, fixed arguments
            [
                str(binary),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--only-categories=performance",
                f"--extra-headers={headers}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            env={**os.environ, "CHROME_PATH": chrome},
            check=False,
            timeout=180,
        )
        if not report.exists():
            return {"error": "no report"}
        audits = json.loads(report.read_text())["audits"]
    try:
        return {
            "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
            "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
            "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        }
    except KeyError:
        return {"error": audits["largest-contentful-paint"].get("errorMessage", "no figures")}


LIGHTHOUSE_PAGES = [
    ("", "anonym: login", "/accounts/login/"),
    ("fagperson", "fagperson: forside", "/"),
    ("fagperson", "fagperson: teams", "/borgerforloeb/"),
    ("leder", "leder: portefølje", "/velfaerdsinnovation/"),
    ("facilitator", "facilitator: partnerskaber", "/partnerskaber/"),
]


def machine():
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in open("/proc/cpuinfo")  # noqa: SIM115
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = platform.processor()
    memory = ""
    try:
        kb = int(next(ln.split()[1] for ln in open("/proc/meminfo") if ln.startswith("MemTotal")))  # noqa: SIM115
        memory = f"{kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores, {model}, {memory}, Python {platform.python_version()}"


def table(results):
    rows = []
    floor = results["pages"].get("floor: bare Django view", {}).get("rps") or 0
    floor_end = results["pages"].get("floor: bare Django view (end)", {}).get("rps") or 0
    floor = max(floor, floor_end)
    header = (
        f"{'page / computation':46} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>7} {'of floor':>8}"
        f"  {'target':36} result"
    )
    rows.append(header)
    rows.append("-" * len(header))
    for name, figures in results["pages"].items():
        if not figures.get("requests"):
            rows.append(
                f"{name:46} {'—':>7} {'—':>7} {'—':>7} {'—':>8}  no responses          MISS"
            )
            figures["pass"] = False
            continue
        share = figures["rps"] / floor if floor else 0
        figures["share_of_floor"] = round(share, 2)
        is_floor = name.startswith("floor")
        ok = (
            figures["failures"] == 0
            and figures["p95_ms"] < PAGE_P95_MS
            and (is_floor or share >= FLOOR_SHARE)
        )
        figures["pass"] = ok
        target = "floor" if is_floor else f"p95 < {PAGE_P95_MS} ms, ≥ {FLOOR_SHARE:.0%} of floor"
        if figures["failures"]:
            target += f" ({figures['failures']} errors)"
        rows.append(
            f"{name:46} {figures['p50_ms']:>7.0f} {figures['p95_ms']:>7.0f} {figures['rps']:>7.1f}"
            f" {share:>8.0%}  {target:36} {'PASS' if ok else 'MISS'}"
        )
    rows.append("")
    for name, seconds in results["in_process"].items():
        target = IN_PROCESS_TARGETS[name]
        ok = seconds < target
        rows.append(
            f"{name:46} {seconds * 1000:>12.0f} ms {'':>17}  {f'< {target:g} s':36}"
            f" {'PASS' if ok else 'MISS'}"
        )
    if results.get("lighthouse"):
        rows.append("")
        rows.append(
            f"{'Lighthouse (mobile, headless Chromium)':46} {'LCP s':>7} {'CLS':>7} {'TBT ms':>7}"
        )
        for name, figures in results["lighthouse"].items():
            if "error" in figures:
                rows.append(f"{name:46} {figures['error']}")
                continue
            ok = figures["lcp_s"] <= 2.5 and figures["cls"] <= 0.1
            figures["pass"] = ok
            rows.append(
                f"{name:46} {figures['lcp_s']:>7.2f} {figures['cls']:>7.3f} {figures['tbt_ms']:>7}"
                f" {'':>8}  {'LCP ≤ 2.5 s, CLS ≤ 0.1':36} {'PASS' if ok else 'MISS'}"
            )
    return "\n".join(rows)


def main():
    only_lighthouse = "--lighthouse-only" in sys.argv
    ensure_database()
    log(f"database {DB_URL}")
    manage("migrate", "--no-input", "-v0")
    manage("createcachetable")  # the shared cache (rate limits, API throttling)
    manage("collectstatic", "--no-input", "-v0")
    manage("generate_national", "--scale", f"{SCALE:g}", "--if-missing")
    plan = bench_users_and_pages()
    port = free_port()
    server = start_server(port)
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "scale": SCALE,
        "users": USERS,
        "slot_seconds": SLOT,
        "gunicorn_workers": WORKERS,
        "pages": {},
        "in_process": {},
    }
    try:
        if not only_lighthouse:
            results["pages"] = run_load(plan, port)
        if only_lighthouse or os.environ.get("BENCH_LIGHTHOUSE", "1") == "1":
            results["lighthouse"] = lighthouse(port, plan, LIGHTHOUSE_PAGES)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if not only_lighthouse:
        results["in_process"] = in_process()
    text = table(results)
    print()
    print(f"Samskab benchmark, scale {SCALE:g}, {USERS} users, {results['machine']}")
    print(text)
    name = "lighthouse.json" if only_lighthouse else "results.json"
    (BENCH / name).write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    log(f"written to bench/{name}")


if __name__ == "__main__":
    main()
