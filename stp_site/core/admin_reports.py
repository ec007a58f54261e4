"""The admin URLs of a Wagtail report view: its page and the results-only part its filters reload."""

from django.urls import path


def report_urls(slug, view_class):
    """URLs for `view_class` at /admin/reports/<slug>/, named by its index_url_name and index_results_url_name."""
    return [
        path(f"reports/{slug}/", view_class.as_view(), name=view_class.index_url_name),
        path(
            f"reports/{slug}/results/",
            view_class.as_view(results_only=True),
            name=view_class.index_results_url_name,
        ),
    ]
