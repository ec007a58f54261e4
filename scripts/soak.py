"""Sign-ups under load while PostgreSQL is killed with SIGKILL and started again: what the fault test
asserts and bench/soak.py prints.

Several residents, each on a loopback address of their own, open the sign-up form once and send it
again and again with a fresh email address, through nginx over HTTPS, for a bounded time in three
phases: before the kill, while the database is down, and after it is back. A sign-up is acknowledged
when the resident is thanked (a redirect to the thank-you page, or the thank-you page itself when the
sign-up waits in the spool). Afterwards the spool is drained and the database is counted.
"""

import threading
import time
from dataclasses import dataclass, field

import psycopg2

from scripts.production_site import hidden_fields, manage

FORM_PATH = "/get-involved/patient-reference-groups/digital/"
# The site for the run: a database that keeps its commit guarantees, no per-address limit or minimum
# time (no person is typing), and workers that look at the spool every second.
SOAK_SITE = {
    "durable_database": True,
    "SIGNUP_MIN_SECONDS": "0",
    "SIGNUP_RATE_LIMIT": "100000/h",
    "SIGNUP_SPOOL_REPLAY_SECONDS": "1",
}
PHASES = ("before", "during", "after")


@dataclass
class SoakResult:
    attempted: int = 0
    acknowledged: int = 0
    stored: int = 0
    lost: int = 0  # acknowledged but not stored: must be 0
    duplicated: int = 0  # stored more than once: must be 0
    refused: int = 0  # not acknowledged (an error page): the resident knows to try again
    seconds: dict = field(default_factory=dict)
    acknowledged_by_phase: dict = field(default_factory=dict)
    statuses: dict = field(default_factory=dict)

    def rate(self, phase):
        return self.acknowledged_by_phase.get(phase, 0) / self.seconds[phase] if self.seconds.get(phase) else 0.0

    def lines(self):
        yield f"sign-ups attempted:     {self.attempted}"
        yield f"acknowledged:           {self.acknowledged}"
        yield f"stored:                 {self.stored}"
        yield f"lost:                   {self.lost}"
        yield f"duplicated:             {self.duplicated}"
        yield f"refused (error shown):  {self.refused}"
        for phase in PHASES:
            yield f"sign-ups/s {phase:7}      {self.rate(phase):.1f}  ({self.seconds.get(phase, 0):.1f} s)"
        yield "statuses:               " + ", ".join(f"{k}: {v}" for k, v in sorted(self.statuses.items()))


def kill_during_load(site, residents=4, before=4.0, down=5.0, after=5.0):
    """Run the load, kill PostgreSQL, start it again; returns a SoakResult once every acknowledged
    sign-up had its chance to reach the database."""
    acknowledged, attempts, statuses = [], [], {}
    lock = threading.Lock()
    phase = {"name": "before"}
    stop = threading.Event()

    def resident(number):
        client = site.client(f"127.0.1.{number + 10}")
        form = client.get(FORM_PATH)
        fields = hidden_fields(form.text)
        sent = 0
        while not stop.is_set():
            email = f"soak-{number}-{sent}@example.com"
            sent += 1
            data = {
                **fields,
                "full_name": "Soak Resident",
                "email": email,
                "postcode": "ST4 1AA",
                "take_part": "online",
                "consent": "on",
                "website": "",
            }
            current = phase["name"]
            try:
                response = client.post(FORM_PATH, data)
                status = response.status
                thanked = status == 303 or (status == 200 and "Thank you for signing up" in response.text)
            except OSError:
                status, thanked = "connection error", False
            with lock:
                attempts.append(email)
                statuses[status] = statuses.get(status, 0) + 1
                if thanked:
                    acknowledged.append((email, current))

    threads = [threading.Thread(target=resident, args=(number,), daemon=True) for number in range(residents)]
    for thread in threads:
        thread.start()
    seconds = {}
    started = time.monotonic()
    time.sleep(before)  # a phase of load, bounded in time
    seconds["before"] = time.monotonic() - started

    phase["name"] = "during"
    started = time.monotonic()
    site.cluster.kill()
    time.sleep(down)
    seconds["during"] = time.monotonic() - started

    phase["name"] = "after"
    started = time.monotonic()
    site.cluster.restart()
    time.sleep(after)
    stop.set()
    for thread in threads:
        thread.join(60)
    seconds["after"] = time.monotonic() - started

    # Whatever still waits in the spool is stored now, as the scheduled command would.
    manage(site.env, "replay_spooled_signups")
    with psycopg2.connect(site.cluster.url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT email, count(*) FROM get_involved_signup WHERE email LIKE 'soak-%%' GROUP BY email")
        stored = dict(cursor.fetchall())
    result = SoakResult(
        attempted=len(attempts),
        acknowledged=len(acknowledged),
        stored=sum(stored.values()),
        lost=sum(1 for email, _ in acknowledged if email not in stored),
        duplicated=sum(count - 1 for count in stored.values() if count > 1),
        seconds=seconds,
        statuses=statuses,
    )
    result.refused = result.attempted - result.acknowledged
    for _, name in acknowledged:
        result.acknowledged_by_phase[name] = result.acknowledged_by_phase.get(name, 0) + 1
    return result
