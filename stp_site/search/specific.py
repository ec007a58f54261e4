"""The specific pages for a list of base pages, in one query however many page types they are.

Wagtail's `.specific()` runs one query per page type: a page of ten search results spanning seven
types cost seven. Here each type's own row is read as one JSON object, and the types are joined with
UNION ALL, so it is one query. StreamFields are left out (as `defer_streamfields()` does): results
show a page's title, summary and date, never its body.
"""

from django.db.models import F
from django.db.models.functions import JSONObject

from wagtail.fields import StreamField
from wagtail.models import Page

PAGE_FIELDS = list(Page._meta.concrete_fields)


def _own_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if field.model is not Page and not field.primary_key and not isinstance(field, StreamField)
    ]


def specific_pages(pages):
    """`pages` (base Page instances) as their specific classes, in the same order."""
    by_model = {}
    for page in pages:
        model = page.specific_class
        if model is not None and model is not Page and _own_fields(model):
            by_model.setdefault(model, []).append(page.pk)
    queries = [
        model._base_manager.filter(pk__in=pks)
        .annotate(_fields=JSONObject(**{field.attname: F(field.attname) for field in _own_fields(model)}))
        .values_list("pk", "_fields")
        .order_by()  # a page type may have a default order: UNION refuses it on SQLite
        for model, pks in by_model.items()
    ]
    own = {}
    if queries:
        rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
        own = dict(rows)
    results = []
    for page in pages:
        model = page.specific_class
        if page.pk not in own:
            results.append(page)
            continue
        values = {field.attname: getattr(page, field.attname) for field in PAGE_FIELDS}
        values[model._meta.pk.attname] = page.pk  # page_ptr_id: the specific page's own pk
        for field in _own_fields(model):
            values[field.attname] = field.to_python(own[page.pk].get(field.attname))
        specific = model(**values)
        specific._state.adding = False
        specific._state.db = page._state.db
        results.append(specific)
    return results
