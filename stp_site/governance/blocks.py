"""Blocks only governance pages use: the agenda's items and the decisions a meeting made. Each block has
one template under templates/components/streamfield/blocks/."""

from django.forms.utils import ErrorList

from wagtail import blocks

PURPOSES = [
    ("decision", "For decision"),
    ("discussion", "For discussion"),
    ("information", "For information"),
]

# Why an item is taken in private. The Public Bodies (Admission to Meetings) Act 1960 lets a board exclude
# the public when publicity would harm the public interest because the business is confidential, or for
# another special reason that the board states. These are the reasons boards give most, in plain words.
PRIVATE_REASONS = [
    ("commercial", "It is about contracts or money that must stay confidential for now"),
    ("people", "It is about people who could be identified, such as staff or patients"),
    ("legal", "It is about legal advice or a legal case"),
    ("negotiation", "It is about talks with other organisations that have not finished"),
    ("security", "It is about keeping buildings, systems or people safe"),
    ("other", "Another reason, given below"),
]


class AgendaItemStructValue(blocks.StructValue):
    """What the agenda item's template reads. The meeting page passes the same names for each item
    (MeetingPage.agenda_items), with the number and the papers published on that site."""

    def papers_shown(self):
        return [] if self.get("in_private") else [paper for paper in self.get("papers") or [] if paper and paper.live]

    def purpose_label(self):
        return dict(PURPOSES).get(self.get("purpose"), "")

    def private_reason_label(self):
        if self.get("private_reason") == "other":
            return self.get("private_reason_detail") or ""
        return dict(PRIVATE_REASONS).get(self.get("private_reason"), "")


class AgendaItemBlock(blocks.StructBlock):
    """One numbered item on a meeting's agenda. Items are numbered in the order they are listed."""

    title = blocks.CharBlock(max_length=200, help_text="What the item is about, for example 'Winter plan'.")
    presenter = blocks.CharBlock(
        required=False, max_length=150, help_text="Who presents it, by role, for example 'Chief nurse'."
    )
    purpose = blocks.ChoiceBlock(
        choices=PURPOSES, default="information", help_text="What the board is asked to do with it."
    )
    papers = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="governance.PaperPage"),
        default=[],
        min_num=0,
        help_text="The papers for this item. Add each paper as a page under this meeting first.",
    )
    in_private = blocks.BooleanBlock(
        required=False,
        label="Taken in private",
        help_text="The public cannot attend this item and its papers are not published. Give the reason.",
    )
    private_reason = blocks.ChoiceBlock(choices=PRIVATE_REASONS, required=False, label="Why it is private")
    private_reason_detail = blocks.CharBlock(
        required=False, max_length=250, label="Other reason", help_text="Only if you chose 'another reason'."
    )

    def get_context(self, value, parent_context=None):
        # The template reads `item`, as the meeting page passes each item (with its number) to it.
        return {**super().get_context(value, parent_context), "item": value}

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("in_private"):
            if value.get("papers"):
                errors["papers"] = ErrorList(["Papers for an item taken in private are not published. Remove them."])
            if not value.get("private_reason"):
                errors["private_reason"] = ErrorList(["Say why the item is taken in private."])
            elif value.get("private_reason") == "other" and not (value.get("private_reason_detail") or "").strip():
                errors["private_reason_detail"] = ErrorList(["Give the reason in a few words."])
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "list-ol"
        template = "components/streamfield/blocks/agenda_item.html"
        value_class = AgendaItemStructValue
        description = "An item on the agenda: its title, who presents it, what it is for and its papers."
        preview_value = {
            "title": "Winter plan",
            "presenter": "Chief operating officer",
            "purpose": "decision",
            "papers": [],
        }


class DecisionBlock(blocks.StructBlock):
    """A decision the meeting made, as the minutes record it."""

    item = blocks.CharBlock(
        max_length=200, label="Agenda item", help_text="The item it was made under, for example '5. Winter plan'."
    )
    decision = blocks.TextBlock(max_length=600, help_text="What was decided, in one or two plain sentences.")

    class Meta:
        icon = "tick"
        template = "components/streamfield/blocks/meeting_decision.html"
        description = "A decision the meeting made."
        preview_value = {"item": "5. Winter plan", "decision": "The board agreed the winter plan."}


class AgendaStreamBlock(blocks.StreamBlock):
    item = AgendaItemBlock()


class DecisionsStreamBlock(blocks.StreamBlock):
    decision = DecisionBlock()
