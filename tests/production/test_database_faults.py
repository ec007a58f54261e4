"""PostgreSQL killed with SIGKILL and started again during a sign-up load, through the production
topology: every sign-up a resident was thanked for is stored exactly once, and the site serves again
without gunicorn being restarted."""

import pytest

from scripts.production_site import production_site
from scripts.soak import SOAK_SITE, kill_during_load

pytestmark = pytest.mark.smoke


@pytest.fixture(scope="module")
def durable_site():
    with production_site(**SOAK_SITE) as site:
        yield site


def test_a_killed_database_loses_no_acknowledged_sign_up(durable_site):
    gunicorn = durable_site.gunicorn.pid
    result = kill_during_load(durable_site, residents=3, before=3.0, down=4.0, after=4.0)
    report = "\n".join(result.lines())
    assert result.acknowledged_by_phase.get("before", 0) > 0, report
    assert result.acknowledged_by_phase.get("during", 0) > 0, report  # the spool thanked them meanwhile
    assert result.acknowledged_by_phase.get("after", 0) > 0, report
    assert result.lost == 0, report
    assert result.duplicated == 0, report
    assert result.stored >= result.acknowledged, report  # nothing thanked is missing
    # The site serves again, from the same gunicorn.
    assert durable_site.gunicorn.poll() is None and durable_site.gunicorn.pid == gunicorn
    assert durable_site.client().get("/").status == 200
    assert durable_site.client().get("/health/").status == 200
