"""The plain-English check as the editor writes: custom rules for Wagtail's content checker.

Wagtail runs axe-core in the page (the userbar) and, in the page editor, in the live preview, and lists
what it finds in the editor's "Checks" panel and as annotations in the preview (Wagtail 7.3 and 7.4).
`PlainEnglishCheckerItem` adds our rules to its configuration; their evaluate functions are in
`static/plain_english/js/content-checks.js`, which the userbar loads (`Media`) and which registers them
with `window.wagtail.userbar.registerCheck`. The userbar is only ever rendered for signed-in staff, so
residents never load the script.

Everything the script measures against comes from here, in each check's `options`: the target reading
age (the site setting, or the enforced section's limit), the long-sentence limit, the jargon list and
which tags end a sentence all come from `readability.py`, the one source of truth. Axe shows one message
per rule, so each jargon term is a rule of its own, with its plainer word in the message.

The rules:

- `plain-english-reading-age`: the page's main content (not its title, nor the editors' box in the
  preview) reads above the target reading age.
- `plain-english-long-sentence`: a paragraph, list item, heading or table cell has a sentence over the
  limit.
- `plain-english-jargon-<term>`: a paragraph, list item, heading or table cell uses a word from the list.
- `plain-english-pdf-only`: a link to a PDF with no link to a web page beside it: in the same paragraph,
  list item or table cell, or in the paragraph just before or after it (docs/findability.md).
- `plain-english-image-alt`: a content image (in a figure: the body's image block, a news item's image)
  with no alt text, unless the editor ticked "decorative"; or any image with no alt attribute at all.
"""

import re

from django.conf import settings
from django.utils.text import slugify

from wagtail.admin.userbar import ContentCheckerItem
from wagtail.models import Page

from . import readability
from .models import ReadabilitySettings

SCRIPT = "plain_english/js/content-checks.js"
READING_AGE_RULE = "plain-english-reading-age"
LONG_SENTENCE_RULE = "plain-english-long-sentence"
JARGON_RULE_PREFIX = "plain-english-jargon-"
PDF_RULE = "plain-english-pdf-only"
IMAGE_ALT_RULE = "plain-english-image-alt"

# What the rules look at: the blocks of text a resident reads in the page's main content.
TEXT_BLOCKS = "main p, main li, main h2, main h3, main h4, main h5, main h6, main td, main th, main dd, main dt"
# Never measured: the page title (the saved check skips it too), the editors' box in the preview, and
# Wagtail's own annotations.
IGNORED = "h1, [data-readability-preview], [data-plain-english-ignore], wagtail-inline-userbar, script, style"


# axe-core fills in ${data.…} from what the check found (the evaluate function's this.data()).
NODE_MESSAGES = {
    READING_AGE_RULE: "The reading age is ${data.readingAge}. Aim for ${data.target} or below.",
    LONG_SENTENCE_RULE: "This sentence has ${data.words} words. Try to keep sentences under ${data.limit} words.",
}


def jargon_rule_id(term):
    return JARGON_RULE_PREFIX + (slugify(term) or re.sub(r"\W", "", term.lower()))


def check_options(target):
    """The options every plain-English check gets: the thresholds and lists from readability.py."""
    return {
        "target": target,
        "longSentenceWords": readability.LONG_SENTENCE_WORDS,
        "minimumWords": readability.MINIMUM_WORDS,
        "blockTags": sorted(readability.BLOCK_TAGS),
        "ignore": IGNORED,
    }


def target_for(page, request=None):
    """The reading age a page is checked against: the enforced section's limit, or the site's target.
    A page not saved yet is in the section of the parent it is being added under (the add view's URL)."""
    if page is not None and getattr(page, "pk", None):
        readability_settings = ReadabilitySettings.for_page(page)
        limit = readability_settings.enforced_limit_for(page=page)
    else:
        match = getattr(request, "resolver_match", None)
        parent_id = match.kwargs.get("parent_page_id") if match else None
        parent = Page.objects.filter(pk=parent_id).first() if parent_id else None
        readability_settings = ReadabilitySettings.for_page(parent=parent)
        limit = readability_settings.enforced_limit_for(parent=parent) if parent is not None else None
    return limit if limit is not None else readability_settings.target_reading_age


class PlainEnglishCheckerItem(ContentCheckerItem):
    """Wagtail's content checker with the plain-English rules added (and Wagtail's own rules kept)."""

    def __init__(self, in_editor=False, page=None, request=None):
        super().__init__(in_editor=in_editor)
        self.page = page
        self.request = request

    class Media:
        js = [SCRIPT]

    def plain_english_rules(self, request):
        """(rule, check, message) for each plain-English rule (worked out once per item)."""
        if not hasattr(self, "_plain_english_rules"):
            self._plain_english_rules = self._build_rules()
        return self._plain_english_rules

    def _build_rules(self):
        target = target_for(self.page, self.request)
        options = check_options(target)
        limit = readability.LONG_SENTENCE_WORDS
        found = [
            (
                {"id": READING_AGE_RULE, "selector": "main", "any": [READING_AGE_RULE]},
                {"id": READING_AGE_RULE, "options": options},
                {
                    "error_name": f"Reading age above {target}",
                    "help_text": f"This page is harder to read than it should be: aim for a reading age of {target} "
                    "or below. Try shorter sentences and everyday words.",
                },
            ),
            (
                {"id": LONG_SENTENCE_RULE, "selector": TEXT_BLOCKS, "any": [LONG_SENTENCE_RULE]},
                {"id": LONG_SENTENCE_RULE, "options": options},
                {
                    "error_name": f"Sentence over {limit} words",
                    "help_text": f"Try to keep sentences under {limit} words. Split this one into shorter ones.",
                },
            ),
            (
                {"id": PDF_RULE, "selector": "main a[href]", "any": [PDF_RULE]},
                {"id": PDF_RULE, "options": {"documentExtensions": list(settings.WAGTAILDOCS_EXTENSIONS)}},
                {
                    "error_name": "PDF with no web page version",
                    "help_text": "Many people cannot open or read a PDF, especially on a phone or with a screen "
                    "reader. Put the same information on a web page and link to it next to the PDF.",
                },
            ),
            (
                {"id": IMAGE_ALT_RULE, "selector": "main img", "any": [IMAGE_ALT_RULE]},
                {"id": IMAGE_ALT_RULE},
                {
                    "error_name": "Image has no alt text",
                    "help_text": "Describe what the image shows for people who cannot see it, or tick "
                    '"decorative" if it adds nothing to the words around it.',
                },
            ),
        ]
        for term, plain in readability.JARGON.items():
            rule_id = jargon_rule_id(term)
            found.append(
                (
                    {"id": rule_id, "selector": TEXT_BLOCKS, "any": [rule_id]},
                    {"id": rule_id, "options": {**options, "term": term, "caseSensitive": term.isupper()}},
                    {"error_name": f'Jargon: "{term}"', "help_text": f'Try "{plain}", or explain it the first time.'},
                )
            )
        for rule, check, message in found:
            rule.update({"impact": "moderate", "tags": ["best-practice", "plain-english"], "enabled": True})
            # What axe-core says of each element it flags (its results, and the console): Wagtail's panel
            # and annotations show the rule's message only, so these can give the numbers for one element.
            check["metadata"] = {
                "impact": "moderate",
                "messages": {"pass": "Plain English.", "fail": NODE_MESSAGES.get(rule["id"], message["help_text"])},
            }
        return found

    def get_axe_custom_rules(self, request):
        return super().get_axe_custom_rules(request) + [rule for rule, _, _ in self.plain_english_rules(request)]

    def get_axe_custom_checks(self, request):
        return super().get_axe_custom_checks(request) + [check for _, check, _ in self.plain_english_rules(request)]

    def get_axe_messages(self, request):
        messages = dict(super().get_axe_messages(request))
        messages.update({rule["id"]: message for rule, _, message in self.plain_english_rules(request)})
        return messages

    def get_axe_run_only(self, request):
        run_only = super().get_axe_run_only(request)
        if not run_only:  # every rule runs already
            return run_only
        return list(run_only) + [rule["id"] for rule, _, _ in self.plain_english_rules(request)]


def use_plain_english_checker(request, items, page):
    """`construct_wagtail_userbar`: swap Wagtail's content checker for ours, in the userbar (the page and
    its preview) and in the editor's Checks panel (which reads its configuration through this hook)."""
    items[:] = [
        PlainEnglishCheckerItem(in_editor=item.in_editor, page=page, request=request)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, PlainEnglishCheckerItem)
        else item
        for item in items
    ]
