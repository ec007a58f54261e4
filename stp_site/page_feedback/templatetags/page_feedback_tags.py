from django import template

from stp_site.page_feedback.offered import offers_feedback, view_token

register = template.Library()


@register.inclusion_tag("page_feedback/component.html", takes_context=True)
def page_feedback(context, page):
    """ "Is this page useful?" for `page`, if it asks (offered.py). Reads nothing from the database."""
    if not offers_feedback(page, context.get("request")):
        return {}
    return {"step": "ask", "feedback_page": page, "token": view_token(page.pk), "full_page": False}
