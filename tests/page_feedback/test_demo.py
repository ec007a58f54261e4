"""The demo loader adds a few votes and comments once: running it again adds nothing."""

from io import StringIO

import pytest

from stp_site.page_feedback import demo
from stp_site.page_feedback.models import PageFeedback
from tests.sites import demo_partnership

pytestmark = pytest.mark.django_db


def test_demo_feedback_is_made_once(home):
    partnership = demo_partnership()
    demo.load(StringIO(), partnership)
    count = PageFeedback.objects.count()
    assert count == 11  # the home page's: the only demo path the `home` fixture has
    assert PageFeedback.objects.exclude(comment="").count() == 1
    demo.load(StringIO(), partnership)
    assert PageFeedback.objects.count() == count
