import pytest

from tests.email_updates.helpers import make_updates_section


@pytest.fixture
def section(home):
    return make_updates_section(home)
