"""The registers of interests and of gifts and hospitality: data edited as rows in the admin, shown as a
table that reads on a phone, and downloaded as CSV.

    /how-we-are-run/register-of-interests/            InterestsRegisterPage: the table
    /how-we-are-run/register-of-interests/csv/        the same rows, as a CSV file
    /how-we-are-run/gifts-and-hospitality/            GiftsRegisterPage: the table
    /how-we-are-run/gifts-and-hospitality/csv/        the same rows, as a CSV file

Two page types with one base, not one type with a "kind": each has only its own rows in the editor, and
staff find "Register of interests" and "Register of gifts and hospitality" by name in "Add child page".

"Last updated" is a date staff can see and set. It is set to today for them when a publish changes the
rows (unless they changed the date themselves in that edit), so it says when the register last changed,
not when someone fixed a typo in the introduction. To say "checked, still right", set it to today.
"""

import csv
import io

from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import dateformat, timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from stp_site.core.blocks import SHORT_TEXT_FEATURES
from stp_site.core.csv_export import FORMULA_STARTS
from stp_site.core.models import BasePage

from .publication_scheme import LISTS_AND_REGISTERS


def csv_safe(value):
    """A cell a spreadsheet shows as text: one starting with =, +, -, @ (or a tab or carriage return) is a
    formula to Excel and LibreOffice, so it gets a leading apostrophe (OWASP's advice on CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def long_date(day):
    return dateformat.format(day, "j F Y") if day else ""


class Column:
    """One column of a register: its heading, what the table shows and what the CSV holds."""

    def __init__(self, heading, show, csv_value=None):
        self.heading = heading
        self.show = show
        self.csv_value = csv_value or show


class RegisterPage(RoutablePageMixin, BasePage):
    """What both registers share: an introduction, the date they last changed, a table and its CSV."""

    parent_page_types = ["governance.GovernancePage"]
    subpage_types = []
    # No limit of one: a register is a body's record, and when one partnership's site is merged into
    # another's (stp_site/site_merge), each board's register is kept, side by side, until the boards are one.
    publication_scheme_class = LISTS_AND_REGISTERS  # always listed there on the publication scheme page

    rows_name = ""  # the ParentalKey's related_name, set by each register
    caption = ""
    empty_text = ""
    columns = []

    intro = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="What this register is, who is on it and who to ask about it, in a few plain sentences.",
    )
    last_updated = models.DateField(
        null=True,
        blank=True,
        help_text="Set to today for you when you publish a change to the rows. To say you have checked it and "
        "nothing has changed, set it to today yourself.",
    )

    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    def rows(self):
        return list(getattr(self, self.rows_name).all())

    # --- Last updated -------------------------------------------------------------------------------

    def _row_facts(self, rows):
        fields = [field.name for field in rows.model._meta.concrete_fields if field.name not in ("id", "page")]
        return [tuple(getattr(row, name) for name in fields) for row in rows]

    def save(self, *args, **kwargs):
        """A full save (the first one, and each publish) with rows other than those stored moves "last
        updated" to today, unless the editor changed it themselves."""
        if kwargs.get("update_fields") is None:
            rows = getattr(self, self.rows_name)
            stored_date = type(self).objects.filter(pk=self.pk).values_list("last_updated", flat=True).first()
            stored_rows = self._row_facts(rows.model.objects.filter(page_id=self.pk)) if self.pk else []
            date_untouched = self.last_updated == stored_date
            if self.last_updated is None or (date_untouched and self._row_facts(rows.all()) != stored_rows):
                self.last_updated = timezone.localdate()
        return super().save(*args, **kwargs)

    # --- What residents see ---------------------------------------------------------------------------

    def table(self):
        """Each row as the cells the table shows, in column order, each cell as (heading, text)."""
        return [[(column.heading, column.show(row)) for column in self.columns] for row in self.rows()]

    def get_context(self, request, *args, **kwargs):
        """Adds `headings` (the columns' headings) and `table` (each row's cells, as (heading, text))."""
        context = super().get_context(request, *args, **kwargs)
        context.update(headings=[column.heading for column in self.columns], table=self.table())
        return context

    @path("csv/", name="csv")
    def csv_file(self, request):
        """The register as a CSV file, one row per entry, named with today's date."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([column.heading for column in self.columns] + ["Register last updated"])
        updated = self.last_updated.isoformat() if self.last_updated else ""
        for row in self.rows():
            writer.writerow([csv_safe(column.csv_value(row)) for column in self.columns] + [updated])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}-{timezone.localdate():%Y-%m-%d}.csv"'
        return response


# --- The register of interests ------------------------------------------------------------------------


class InterestsRegisterPage(RegisterPage):
    """Interests declared by board and committee members, in NHS England's four types ("Managing
    conflicts of interest in the NHS")."""

    template = "pages/register_page.html"
    rows_name = "interests"
    caption = "Interests declared by members of the board and its committees"
    empty_text = "No one has declared an interest yet."
    columns = [
        Column("Name", lambda row: row.member_name),
        Column("Role", lambda row: row.role),
        Column("Interest declared", lambda row: row.interest),
        Column("Type of interest", lambda row: row.get_interest_type_display()),
        Column("From", lambda row: long_date(row.date_from), lambda row: row.date_from.isoformat()),
        Column(
            "To",
            lambda row: long_date(row.date_to) or "Ongoing",
            lambda row: row.date_to.isoformat() if row.date_to else "Ongoing",
        ),
        Column("Action taken", lambda row: row.action or "None needed"),
    ]

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("last_updated"),
        InlinePanel("interests", heading="Interests declared", label="interest"),
    ]
    search_fields = RegisterPage.search_fields + [
        index.RelatedFields("interests", [index.SearchField("member_name"), index.SearchField("interest")])
    ]

    class Meta:
        verbose_name = "register of interests"
        verbose_name_plural = "registers of interests"


class DeclaredInterest(Orderable):
    FINANCIAL = "financial"
    TYPES = [
        (FINANCIAL, "Financial"),
        ("non_financial_professional", "Non-financial professional"),
        ("non_financial_personal", "Non-financial personal"),
        ("indirect", "Indirect"),
    ]

    page = ParentalKey(InterestsRegisterPage, on_delete=models.CASCADE, related_name="interests")
    member_name = models.CharField("name", max_length=150)
    role = models.CharField(max_length=200, help_text="For example 'Non-executive member'.")
    interest = models.TextField(
        "interest declared",
        help_text="What it is, in plain words: for example 'Director of Bell Consulting Ltd, which advises "
        "GP practices'.",
    )
    interest_type = models.CharField(
        "type of interest",
        max_length=30,
        choices=TYPES,
        help_text="Financial: they could gain money. Professional: it could help their career or standing. "
        "Personal: it is about their own beliefs or roles outside work. Indirect: it is a close family member's "
        "or friend's interest.",
    )
    date_from = models.DateField("from")
    date_to = models.DateField("to", null=True, blank=True, help_text="Leave blank while the interest continues.")
    action = models.TextField(
        "action taken to manage it",
        blank=True,
        help_text="For example 'Leaves the meeting when contracts with Bell Consulting are discussed'.",
    )

    panels = [
        FieldRowPanel([FieldPanel("member_name"), FieldPanel("role")]),
        FieldPanel("interest"),
        FieldPanel("interest_type"),
        FieldRowPanel([FieldPanel("date_from"), FieldPanel("date_to")]),
        FieldPanel("action"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "declared interest"

    def __str__(self):
        return f"{self.member_name}: {self.interest[:50]}"


# --- The register of gifts and hospitality -------------------------------------------------------------


def pounds(value):
    if value is None:
        return "Not known"
    return f"£{value:,.0f}" if value == value.to_integral_value() else f"£{value:,.2f}"


class GiftsRegisterPage(RegisterPage):
    """Gifts and hospitality offered to board and committee members, accepted or declined."""

    template = "pages/register_page.html"
    rows_name = "gifts"
    caption = "Gifts and hospitality offered to members of the board and its committees"
    empty_text = "No gifts or hospitality have been offered yet."
    columns = [
        Column("Name", lambda row: row.member_name),
        Column("Role", lambda row: row.role),
        Column("What was offered", lambda row: row.offered),
        Column("Offered by", lambda row: row.offered_by),
        Column(
            "Value (about)",
            lambda row: pounds(row.value),
            lambda row: "" if row.value is None else f"{row.value:.2f}",
        ),
        Column("Date", lambda row: long_date(row.date), lambda row: row.date.isoformat()),
        Column("Accepted or declined", lambda row: row.get_outcome_display()),
        Column("Action taken", lambda row: row.action or "None needed"),
    ]

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("last_updated"),
        InlinePanel("gifts", heading="Gifts and hospitality", label="gift or hospitality"),
    ]
    search_fields = RegisterPage.search_fields + [
        index.RelatedFields("gifts", [index.SearchField("member_name"), index.SearchField("offered_by")])
    ]

    class Meta:
        verbose_name = "register of gifts and hospitality"
        verbose_name_plural = "registers of gifts and hospitality"


class GiftOrHospitality(Orderable):
    ACCEPTED, DECLINED = "accepted", "declined"
    OUTCOMES = [(ACCEPTED, "Accepted"), (DECLINED, "Declined")]

    page = ParentalKey(GiftsRegisterPage, on_delete=models.CASCADE, related_name="gifts")
    member_name = models.CharField("name", max_length=150)
    role = models.CharField(max_length=200, help_text="For example 'Chief executive'.")
    offered = models.TextField("what was offered", help_text="For example 'Dinner at a conference'.")
    offered_by = models.CharField(max_length=200, help_text="The organisation or person who offered it.")
    value = models.DecimalField(
        "value (about, in £)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Your best guess. Leave blank if no one knows.",
    )
    date = models.DateField(help_text="When it was offered.")
    outcome = models.CharField("accepted or declined", max_length=20, choices=OUTCOMES)
    action = models.TextField(
        "action taken",
        blank=True,
        help_text="For example 'Given to the staff charity raffle'.",
    )

    panels = [
        FieldRowPanel([FieldPanel("member_name"), FieldPanel("role")]),
        FieldPanel("offered"),
        FieldRowPanel([FieldPanel("offered_by"), FieldPanel("value")]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("outcome")]),
        FieldPanel("action"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "gift or hospitality"
        verbose_name_plural = "gifts and hospitality"

    def __str__(self):
        return f"{self.member_name}: {self.offered[:50]}"


REGISTER_PAGE_MODELS = [InterestsRegisterPage, GiftsRegisterPage]
