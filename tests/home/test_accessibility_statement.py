"""The accessibility statement lists the known accessibility issues staff keep as snippets, in their
order, and drops one as soon as it is marked fixed. (The demo statement's own wording, which follows
the model statement, is checked in tests/core/test_demo_content.py.)"""

import pytest

from tests import html as h
from tests.home.factories import KnownAccessibilityIssueFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_statement_lists_the_known_issues_that_are_not_fixed(client, home):
    StandardPageFactory(
        parent=home,
        title="Accessibility statement",
        slug="accessibility-statement",
        body=[
            {"type": "rich_text", "value": "<h2>Non-accessible content</h2>"},
            {"type": "known_accessibility_issues", "value": None},
        ],
    )
    second = KnownAccessibilityIssueFactory(description="Some older news pictures have no good text.", sort_order=2)
    first = KnownAccessibilityIssueFactory(
        description="Some older PDFs have no headings.", wcag_criterion="1.3.1 (info and relationships)", sort_order=1
    )
    KnownAccessibilityIssueFactory(description="A problem we fixed.", fixed=True)

    statement = h.document(client.get("/accessibility-statement/").content)
    items = h.texts(h.element(statement, "ul", class_="known-accessibility-issues"), "li")
    assert items == [
        "Some older PDFs have no headings. This fails WCAG 2.2 success criterion 1.3.1 (info and relationships). "
        "We will replace them by March 2027.",
        "Some older news pictures have no good text. This fails WCAG 2.2 success criterion 1.1.1 (non-text content). "
        "We will replace them by March 2027.",
    ]

    assert "A problem we fixed." not in h.text(statement)

    # Marking an issue fixed takes it off the (cached) statement at once.
    first.fixed = True
    first.save()
    html = client.get("/accessibility-statement/").content.decode()
    assert "Some older PDFs" not in html and "Some older news pictures" in html
    second.fixed = True
    second.save()
    html = client.get("/accessibility-statement/").content.decode()
    assert "Some older" not in html
    assert "We do not know of any accessibility problems with this website right now." in html
