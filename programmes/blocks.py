"""Blocks only programme pages use. Shared blocks (rich text, document links ...) come from stp_site.core.blocks.

Each block has one template under templates/components/streamfield/blocks/.
"""

from decimal import Decimal

from wagtail import blocks

from stp_site.core.blocks import SHORT_TEXT_FEATURES, RichTextBlock


class TargetStatus:
    """How a target is going. The tag colour follows the NHS.UK tag component."""

    CHOICES = [
        ("not_started", "Not started"),
        ("on_track", "On track"),
        ("at_risk", "At risk"),
        ("achieved", "Achieved"),
        ("not_achieved", "Not achieved"),
        ("unknown", "Not yet reported"),
    ]
    TAG_COLOURS = {
        "not_started": "grey",
        "on_track": "blue",
        "at_risk": "orange",
        "achieved": "green",
        "not_achieved": "red",
        "unknown": "white",
    }


def format_number(value):
    """50 -> '50', Decimal('3.60') -> '3.6', Decimal('1000') -> '1,000'."""
    if value is None:
        return ""
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


TARGET_PREVIEW = {
    "measure": "Reduction in stillbirths",
    "target_value": "50",
    "unit": "%",
    "target_date": "2025-12-31",
    "baseline": "the 2010 rate",
    "status": "on_track",
}


class TargetStructValue(blocks.StructValue):
    """Reads a target as a resident would say it: '50%', '£3.6 million', '4 sites'."""

    def headline(self):
        number = format_number(self.get("target_value"))
        unit = (self.get("unit") or "").strip()
        if not unit:
            return number
        if unit == "%":
            return f"{number}%"
        if unit.startswith("£"):
            rest = unit[1:].strip()
            return f"£{number} {rest}".strip()
        return f"{number} {unit}"

    def status_label(self):
        return dict(TargetStatus.CHOICES).get(self.get("status"), "Not yet reported")

    def status_colour(self):
        return TargetStatus.TAG_COLOURS.get(self.get("status"), "white")


class TargetBlock(blocks.StructBlock):
    """A measurable target, stored as data so it can be shown, sorted and checked."""

    measure = blocks.CharBlock(
        max_length=200, help_text="What is measured, in plain words. For example 'Reduction in stillbirths'."
    )
    target_value = blocks.DecimalBlock(help_text="The number to reach. For example 50.")
    unit = blocks.CharBlock(
        required=False,
        max_length=40,
        help_text="What the number counts: '%', 'people', 'sites' or '£ million'. Leave blank for a plain number.",
    )
    target_date = blocks.DateBlock(required=False, label="By when", help_text="The date the target should be met by.")
    baseline = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="What the target is measured against, for example 'the 2010 rate'. Leave blank if none.",
    )
    status = blocks.ChoiceBlock(
        choices=TargetStatus.CHOICES, default="unknown", help_text="How the target is going. Update it when you know."
    )

    class Meta:
        icon = "order"
        template = "components/streamfield/blocks/programme_target.html"
        value_class = TargetStructValue
        description = "A measurable target: what, how much, by when, compared with what, and how it is going."
        preview_value = TARGET_PREVIEW


class AimBlock(blocks.StructBlock):
    """One aim of the programme, with the targets (if any) that show whether it is met."""

    aim = blocks.TextBlock(max_length=400, help_text="The aim in one or two plain sentences.")
    targets = blocks.ListBlock(
        TargetBlock(),
        default=[],
        min_num=0,
        help_text="Optional. Add a target for each number the programme has promised to reach.",
    )

    class Meta:
        icon = "pick"
        template = "components/streamfield/blocks/programme_aim.html"
        description = "An aim, with any measurable targets that go with it."
        preview_value = {
            "aim": "Fewer babies are stillborn.",
            "targets": [TARGET_PREVIEW],
        }


class CaseStudyBlock(blocks.StructBlock):
    """A story that shows what the programme means for a real (or made-up, and said so) person."""

    title = blocks.CharBlock(max_length=150, help_text="For example 'Introducing Bill and his integrated care team'.")
    body = RichTextBlock(features=SHORT_TEXT_FEATURES, help_text="The story, in short paragraphs.")

    class Meta:
        icon = "user"
        template = "components/streamfield/blocks/programme_case_study.html"
        description = "A short story that shows what the programme changes for people."
        preview_value = {
            "title": "Introducing Bill and his integrated care team",
            "body": "<p>Bill is in his eighties and lives alone. Now his care team meets to plan his care.</p>",
        }


class AimsStreamBlock(blocks.StreamBlock):
    aim = AimBlock()


class CaseStudiesStreamBlock(blocks.StreamBlock):
    case_study = CaseStudyBlock()
