"""Demo feedback: a few votes and comments on some of each partnership's pages, made once (a page that has
any feedback already is left alone). The comments are our own words and hold no personal details."""

from .models import PageFeedback

# path: (yes votes, no votes, comments as (useful, text))
DEMO_FEEDBACK = {
    "/": (9, 2, [(True, "Clear about what the partnership does.")]),
    "/our-work/": (
        4,
        5,
        [
            (False, "I could not find when the changes to maternity services start."),
            (False, "Please say which hospitals each programme covers."),
        ],
    ),
    "/news/": (3, 1, []),
    "/get-involved/": (6, 1, [(True, "Good to see the dates of the next meetings.")]),
    "/accessibility-statement/": (1, 4, [(False, "Too long. A short summary at the top would help.")]),
}


def load(stdout, partnership):
    made = 0
    for path, (yes, no, comments) in DEMO_FEEDBACK.items():
        page = partnership.page(path)
        if page is None or PageFeedback.objects.filter(page=page).exists():
            continue
        rows = [PageFeedback(page=page, useful=useful, comment=text) for useful, text in comments]
        yes -= sum(1 for useful, _ in comments if useful)
        no -= sum(1 for useful, _ in comments if not useful)
        rows += [PageFeedback(page=page, useful=True) for _ in range(yes)]
        rows += [PageFeedback(page=page, useful=False) for _ in range(no)]
        PageFeedback.objects.bulk_create(rows)
        made += len(rows)
    if made:
        stdout.write(f"  page feedback: {made} vote(s) for {partnership.site_name}")
