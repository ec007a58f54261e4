"""One row per time a resident took part, without who: a sign-up, a question to a meeting, a consultation
response or an event booking. It is written when their record is stored and kept when that record is
deleted on time (retention) or on request (erasure), so the involvement record of a past year stays whole
while nobody's details are kept longer than promised."""

from django.db import models
from django.utils import timezone


class Route(models.TextChoices):
    ONLINE = "online", "Online"
    PHONE = "phone", "Phone"
    POST = "post", "Post"
    HEALTHWATCH = "healthwatch", "Through Healthwatch"
    EVENT = "event", "At an event"


class Kind(models.TextChoices):
    CONSULTATION = "consultation", "Consultation or engagement exercise"
    EVENT = "event", "Event"
    REFERENCE_GROUP = "reference_group", "Patient reference group"
    MEETING_QUESTIONS = "meeting_questions", "Questions to a board meeting"


class Participation(models.Model):
    # "app_label.model:pk" of the record it counts: a record is counted once however often it is saved.
    record = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The engagement (consultation, event, reference group, meeting); its title is kept in case it goes.
    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+")
    page_title = models.CharField(max_length=255)
    site = models.ForeignKey("wagtailcore.Site", null=True, on_delete=models.SET_NULL, related_name="+")
    route = models.CharField(max_length=20, choices=Route.choices, default=Route.ONLINE)
    referral_partner = models.CharField(max_length=255, blank=True)
    people = models.PositiveIntegerField(default=1)
    happened_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "participation"
        indexes = [models.Index(fields=["site", "happened_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.page_title}"
