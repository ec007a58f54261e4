"""The demo's staff: `load_demo_content` sets up both partnerships' groups, collections and workflows,
and files the demo media; `ensure_demo_users` makes an editor and an approver for each."""

from collections import Counter
from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from stp_site.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def test_both_demo_partnerships_have_their_staff_and_their_media_filed(demo):
    records = {record.site.site_name: record for record in Partnership.objects.select_related("site")}
    assert set(records) == {site.site_name for site in Site.objects.all()}
    staffordshire = records["Together We're Better"]
    shropshire = records["Shropshire, Telford and Wrekin"]
    for record in (staffordshire, shropshire):
        assert record.comms_editors.name == f"{record.site.site_name}: comms editors"
        assert record.workflow.workflow_pages.get().page_id == record.site.root_page_id
    assert {image.collection_id for image in get_image_model().objects.all()} == {staffordshire.shared_collection_id}
    documents = Counter(document.collection_id for document in get_document_model().objects.all())
    # Each in its partnership's own collection, none left at the root: the paper of the meeting held in
    # common is Shropshire's (its site wrote the meeting; Staffordshire's shows an alias of it).
    assert set(documents) == {staffordshire.collection_id, shropshire.collection_id}
    in_common = get_document_model().objects.get(title__startswith="How our two partnerships could work together")
    assert in_common.collection_id == shropshire.collection_id

    out = StringIO()
    call_command("ensure_demo_users", stdout=out)
    assert f"({staffordshire.comms_editors.name}). Sign in at /admin/ as comms_editor / " in out.getvalue()
    assert f"({shropshire.approvers.name}). Sign in at /admin/ as shropshire_approver / " in out.getvalue()
