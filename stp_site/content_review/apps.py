from django.apps import AppConfig


class ContentReviewConfig(AppConfig):
    name = "stp_site.content_review"
    label = "content_review"
    verbose_name = "Content review"
