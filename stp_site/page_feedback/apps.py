from django.apps import AppConfig


class PageFeedbackConfig(AppConfig):
    name = "stp_site.page_feedback"
    label = "page_feedback"
    verbose_name = "Page feedback"
