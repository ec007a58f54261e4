from django.apps import AppConfig


class PageFeedbackConfig(AppConfig):
    name = "stp_site.page_feedback"
    label = "page_feedback"
    verbose_name = "Page feedback"

    def ready(self):
        from get_involved.resident_records import RecordKind, register

        from .retention import purge_old_comments

        # Comments name nobody, but may hold what a resident should not have written: deleted on time.
        register(
            RecordKind(
                name="page_feedback_comment", label="page feedback comment(s)", purge_expired=purge_old_comments
            )
        )
