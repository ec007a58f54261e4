"""Ranked full-text search of pages on PostgreSQL that stays fast when a word is on most pages.

Wagtail's PostgreSQL search ranks every matching page (ts_rank over each page's whole index entry)
to show the first ten, and counts the matches in a second pass: at 10,000 pages "care" matches
9,500 of them, and ranking them all is most of the request (docs/performance.md, "Search").
Here the matches are found and counted in one query that also ranks them by their title alone,
which is cheap (titles are a few words); only the best RANKED_MATCHES of those are then ranked as
Wagtail ranks them, title and body. Pages beyond them follow in title-rank order. When a search
matches no more than RANKED_MATCHES pages, the order is exactly Wagtail's.

The query, its words' parsing and the rank are Wagtail's own (its query compiler builds them), so
what matches is what `.search()` would find; the GIN index that makes matching fast is this app's
migration 0001. Other backends (SQLite in development, OpenSearch) use `.search()` as it is.
"""

from django.db import connection
from django.db.models import Count, F, Window

from wagtail.search.backends import get_search_backend

RANKED_MATCHES = 500


class RankedSearch:
    """The pages of `pages` (a Page queryset) that match `query`, best first. Give it to a Paginator:
    it has `count()` and slicing, and its slices are base Page rows (not specific)."""

    def __init__(self, pages, query):
        backend = get_search_backend()
        compiler = backend.query_compiler_class(pages, query)
        config = compiler.get_config(backend)
        self.tsquery = compiler.build_tsquery(compiler.query, config=config)
        title, body = F("index_entries__title"), F("index_entries__body")
        # One annotate, so both ranks and the match read the same join to the index entry.
        self.matches = pages.annotate(
            _vector=title._combine(body, "||", False),
            _title_rank=compiler.build_tsrank(title, compiler.query, config=config) * F("index_entries__title_norm"),
            _body_rank=compiler.build_tsrank(body, compiler.query, config=config),
        )
        self._candidates = None

    def candidates(self):
        """(page ids of the best RANKED_MATCHES by title rank, how many pages match): one query."""
        if self._candidates is None:
            if self.tsquery is None:  # nothing left to search for
                self._candidates = ([], 0)
            else:
                rows = list(
                    self.matches.filter(_vector=self.tsquery)
                    .annotate(_total=Window(Count("pk")))
                    .order_by(F("_title_rank").desc(), "-pk")
                    .values_list("pk", "_total")[:RANKED_MATCHES]
                )
                self._candidates = ([pk for pk, _ in rows], rows[0][1] if rows else 0)
        return self._candidates

    def count(self):
        return self.candidates()[1]

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step:
            raise TypeError("RankedSearch takes slices only")
        ids, total = self.candidates()
        start, stop = item.start or 0, min(item.stop if item.stop is not None else total, total)
        if start >= stop:
            return []
        pages = []
        if start < len(ids):
            # The best candidates, ranked as Wagtail ranks: title (weighted by its length) and body.
            pages += self.matches.filter(pk__in=ids).order_by((F("_title_rank") + F("_body_rank")).desc(), "-pk")[
                start : min(stop, len(ids))
            ]
        if stop > len(ids):
            rest = self.matches.filter(_vector=self.tsquery).order_by(F("_title_rank").desc(), "-pk")
            pages += rest[max(start, len(ids)) : stop]
        return pages


def search(pages, query):
    """`pages` matching `query`, best first: a RankedSearch with Wagtail's PostgreSQL backend, and
    Wagtail's own `.search()` with any other (SQLite in development, OpenSearch if the site moves to it)."""
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        if isinstance(get_search_backend(), PostgresSearchBackend):
            return RankedSearch(pages, query)
    return pages.search(query)
