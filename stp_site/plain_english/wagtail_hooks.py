from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.log_actions import LogFormatter, log

from . import readability
from .content_checks import SCRIPT, use_plain_english_checker
from .models import ReadabilitySettings
from .panels import REASON_FIELD

READABILITY_LOG_ACTION = "plain_english.readability_reason"


@hooks.register("register_log_actions")
def register_readability_log_action(actions):
    @actions.register_action(READABILITY_LOG_ACTION)
    class ReadabilityReasonFormatter(LogFormatter):
        label = "Published above the target reading age"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return (
                f"Published with a reading age of {data.get('reading_age')} "
                f"(the section's limit is {data.get('limit')}). Reason: {data.get('reason', '')}"
            )

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")


@hooks.register("after_publish_page")
def record_readability_reason(request, page):
    """Keep the editor's reason for publishing above the section's reading age in the page history."""
    reason = (request.POST.get(REASON_FIELD) or "").strip()[:500]
    if not reason:
        return
    limit = ReadabilitySettings.for_page(page).enforced_limit_for(page=page)
    if limit is None:
        return
    report = readability.check_page(page.specific, target=limit)
    if report.above_target:
        log(
            instance=page,
            action=READABILITY_LOG_ACTION,
            user=request.user,
            data={"reason": reason, "reading_age": report.reading_age, "limit": limit},
        )


# The plain-English rules in Wagtail's content checker: in the userbar (for signed-in staff only) and in
# the preview and Checks panel of the page editor (content_checks.py).
hooks.register("construct_wagtail_userbar", use_plain_english_checker)


@hooks.register("insert_editor_js")
def plain_english_editor_js():
    """In the page editor, the same script shows the live reading age beside Wagtail's content metrics."""
    return format_html('<script src="{}"></script>', static(SCRIPT))
