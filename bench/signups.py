"""Sign-ups per second, as production runs them: gunicorn (production settings) and PostgreSQL on loopback.

For a bounded run (10 s by default), a few threads each fetch a group's form (for the CSRF cookie and
token, as a browser does) and post a valid sign-up with a fresh email address. At the end it prints the
rate and checks that the stored rows equal the successful responses: no sign-up lost, none doubled.

    python bench/signups.py [seconds] [threads]

The per-IP rate limit and the minimum-time trap are turned off for the run (SIGNUP_RATE_LIMIT,
SIGNUP_MIN_SECONDS), because every request comes from one address and no person is typing.
Figures go in docs/performance.md under "Sign-ups".
"""

import http.client
import re
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.production_site import production_site  # noqa: E402

FORM_PATH = "/get-involved/patient-reference-groups/digital/"
WORKERS = 4


TIMINGS = {"GET": [], "POST": []}


def sign_up_once(port, email):
    """One resident: GET the form, POST it. Returns the POST's status."""
    began = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", FORM_PATH, headers={"Host": "127.0.0.1"})
    response = connection.getresponse()
    html = response.read().decode()
    # CSRF_COOKIE_SECURE makes a browser keep the cookie for HTTPS only; over loopback HTTP we send it back.
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    started = re.search(r'name="started" value="([^"]+)"', html).group(1)
    posted = time.monotonic()
    TIMINGS["GET"].append(posted - began)
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "started": started,
            "full_name": "Bench Resident",
            "email": email,
            "postcode": "ST4 1AA",
            "take_part": "online",
            "consent": "on",
            "website": "",
        }
    )
    connection.request(
        "POST",
        FORM_PATH,
        body=body,
        headers={
            "Host": "127.0.0.1",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        },
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    TIMINGS["POST"].append(time.monotonic() - posted)
    return response.status


def run(port, seconds, threads):
    successes = [0] * threads
    failures = [0] * threads
    deadline = time.monotonic() + seconds

    def worker(index):
        number = 0
        while time.monotonic() < deadline:
            number += 1
            status = sign_up_once(port, f"bench-{index}-{number}@example.com")
            if status == 303:
                successes[index] += 1
            else:
                failures[index] += 1

    started = time.monotonic()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return sum(successes), sum(failures), time.monotonic() - started


def main(seconds=10, threads=4):
    # Every request comes from one address and no person is typing: lift the limit and the time trap.
    with production_site(workers=WORKERS, SIGNUP_RATE_LIMIT="1000000/m", SIGNUP_MIN_SECONDS="0") as site:
        sign_up_once(site.port, "warm-up@example.com")
        successes, failures, elapsed = run(site.port, seconds, threads)
        with psycopg2.connect(site.cluster.url) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM get_involved_signup WHERE email LIKE 'bench-%%'")
            stored = cursor.fetchone()[0]
    rate = successes / elapsed
    print(f"gunicorn {WORKERS} sync workers, {threads} client threads, {elapsed:.1f} s")
    print(f"sign-ups: {successes} stored responses, {failures} other responses, {rate:.1f} sign-ups/s")
    print(f"rows stored: {stored}")
    for method, times in TIMINGS.items():
        times = sorted(times)
        median, slow = times[len(times) // 2], times[int(len(times) * 0.95)]
        print(f"{method}: median {median * 1000:.0f} ms, 95th percentile {slow * 1000:.0f} ms")
    assert stored == successes, f"{stored} rows stored but {successes} successful responses"
    assert failures == 0, f"{failures} sign-ups were not accepted"
    return rate


if __name__ == "__main__":
    args = [int(arg) for arg in sys.argv[1:3]]
    main(*args)
