"""One row per "Is this page useful?" answer: the page, yes or no, when, and the comment if one was sent.

Nothing that identifies anyone is stored: no IP address, browser, cookie or session. The site a row
belongs to is its page's (the first step of the page's tree path), so a page moved to another site takes
its feedback with it. Comments may still hold personal details despite the warning on the form: they
are blanked after PAGE_FEEDBACK_COMMENT_DAYS (retention.py) while the yes/no counts are kept.
"""

from django.db import models

COMMENT_MAX = 500


class PageFeedback(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    useful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=COMMENT_MAX)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"
        indexes = [models.Index(fields=["page", "created_at"], name="page_feedback_page_created")]

    def __str__(self):
        return f"{'Yes' if self.useful else 'No'} on page {self.page_id}"
