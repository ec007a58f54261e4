from django.core.management.base import BaseCommand, CommandError

from stp_site.core.sites import find_site
from stp_site.site_merge.merge import MergeRefused, run_merge
from stp_site.site_merge.plan import SECTION, plan_merge, removal_reason, site_label


def describe(plan):
    """The plan as lines of text: what moves where, what is renamed and removed, every old address."""
    lines = [f"Merging {site_label(plan.source)} ({plan.source.root_url}) into {site_label(plan.target)} "]
    lines[0] += f"({plan.target.root_url})"
    if plan.section_path:
        lines.append(f"Section for {site_label(plan.source)}'s pages: {plan.target.root_url}{plan.section_path}")
    else:
        lines.append("No section: the home page is merged.")
    lines.append("")
    lines.append("Where the home page and each top-level page goes:")
    for choice in plan.top_level:
        where = f"merged into {site_label(plan.target)}'s {choice.destination.title}" if choice.destination else ""
        where = where or ("becomes the section" if choice.path == "/" else "in the section")
        lines.append(f"  {choice.path}  {where}{'' if choice.chosen else ' (automatic)'}")
    lines.append("")
    lines.append(f"Renamed ({len(plan.renames)}):")
    lines += [f"  {move.page.title}: {move.page.slug} becomes {move.slug}" for move in plan.renames] or ["  none"]
    lines.append(f"Removed ({len(plan.removals)}):")
    lines += [
        f"  {removal.page.title}: {removal_reason(plan, removal)} {removal.replacement.title}"
        for removal in plan.removals
    ] or ["  none"]
    for records in plan.records:
        lines.append(f"{records.name.capitalize()}: {len(records.moving)} join {site_label(plan.target)}'s")
    if plan.warnings:
        lines.append("To check afterwards:")
        lines += [f"  {warning}" for warning in plan.warnings]
    lines.append(f"Addresses ({len(plan.addresses)}):")
    lines += [f"  {plan.old_url(address)} -> {plan.new_url(address)}" for address in plan.addresses]
    return lines


class Command(BaseCommand):
    help = (
        "Merge one site into another: SOURCE's pages move into TARGET and every address SOURCE served "
        "redirects permanently to its new home. Prints the plan; changes nothing with --dry-run. "
        "Take a backup first: the way back is restoring it (docs/merging-sites.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The site to merge: its hostname (or hostname:port) or id")
        parser.add_argument("target", help="The site it is merged into: its hostname (or hostname:port) or id")
        parser.add_argument("--under", metavar="SLUG", help="The slug of the section for SOURCE's pages")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="SOURCE_PATH=TARGET_PATH",
            help="Where one of SOURCE's top-level pages (or its home page, /) goes: a page of TARGET to merge "
            f"it into (/news/=/news/) or '{SECTION}'. May be given more than once.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Print the plan and change nothing")

    def handle(self, source, target, under=None, map=(), dry_run=False, **options):
        source_site, target_site = find_site(source), find_site(target)
        for value, site in ((source, source_site), (target, target_site)):
            if site is None:
                raise CommandError(f"There is no site {value!r}: give its hostname (or hostname:port) or id.")
        mapping = {}
        for item in map:
            source_path, equals, target_path = item.partition("=")
            if not equals or not source_path.strip() or not target_path.strip():
                raise CommandError(f"--map {item!r}: write it as SOURCE_PATH=TARGET_PATH, e.g. /news/=/news/.")
            mapping[source_path.strip()] = target_path.strip()
        plan = plan_merge(source_site, target_site, under=under, mapping=mapping)
        if plan.problems:
            raise CommandError("The sites cannot be merged:\n" + "\n".join(f"- {p}" for p in plan.problems))
        self.stdout.write("\n".join(describe(plan)))
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
            return
        try:
            record = run_merge(plan)
        except MergeRefused as refused:
            problems = "\n".join(f"- {problem}" for problem in refused.problems)
            raise CommandError(f"The sites were not merged:\n{problems}") from refused
        summary = record.summary
        self.stdout.write(
            self.style.SUCCESS(
                f"Merged {site_label(plan.source)} into {site_label(plan.target)}: {summary['pages_moved']} pages "
                f"moved, {summary['pages_renamed']} renamed, {summary['pages_removed']} removed, "
                f"{summary['redirects_made']} redirects made, {summary['records_moved']} other records moved."
            )
        )
