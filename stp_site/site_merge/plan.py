"""Planning a merge of one site (the source, "B") into another (the target, "A"), changing nothing.

`plan_merge(source, target)` works out, from the page tree as it is now:

- where each of B's pages goes. B's top-level sections that A has too (a page type in
  SITE_MERGE_SECTION_TYPES that A's home page has exactly one of: news, our work, partners, get
  involved, the glossary) are merged into A's: their pages move into A's section and B's section page
  is removed. The same rule applies further down (B's reference groups go into A's reference group
  index). Everything else stays where it is under
  B's home page, which moves under A's home page as a section of its own (`under`, a slug made from
  B's site name unless told), so B's vision and content pages keep their structure.
- the editor's choices (`mapping`), which override that for B's home page and each page directly
  under it: "section" (keep it in the section) or a page of A (empty it into that page, then remove it).
  Mapping B's home page ("/") onto A's home page merges the two home pages: B's top-level pages then
  go directly under A's, with no section.
- which pages get a new slug, because a page already at their new place has theirs (B's slug with the
  section slug added, e.g. "mental-health-shropshire").
- which pages are removed: sections emptied into A's, and B's alias pages whose original is on A
  (shared content), whose address then leads to the original. The other way round, A's alias of one of
  B's pages (a meeting held in common, written on B and shown on A) is removed when B's original moves
  to where it is: the original takes its place and its slug, so A's address for it is unchanged and A
  lists the page once.
- every address B served (each live page of B's) and the address on A that it will redirect to.
- the records of B's site that follow its pages (glossary terms, known accessibility issues: any
  model of the project's with a foreign key to Site), and what an editor may want to put right
  afterwards (`warnings`): links to removed pages, group permissions on them, B's settings.

Anything that stops the merge (a site merged already, a page that may not go where it is mapped) is
listed in `problems`; `run_merge` refuses a plan that has any.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import Resolver404, resolve
from django.utils.text import slugify

from wagtail.models import GroupPagePermission, Page, ReferenceIndex, Site

from .models import SiteMerge

SECTION = "section"
SLUG_LENGTH = 255
COPY_ON_A = "copy on target"


@dataclass
class Move:
    """One of B's pages moving (with all the pages below it) under `parent`, with `slug` there."""

    page: Page
    parent: Page
    slug: str
    new_path: str

    @property
    def renamed(self):
        return self.slug != self.page.slug


@dataclass
class Removal:
    """One of B's pages that is removed; its address leads to `replacement`, a page of A."""

    page: Page
    replacement: Page
    # "merged" (a section emptied into A's), "alias" (a copy of one of A's pages) or COPY_ON_A (a page of
    # A's that is a copy of `replacement`, one of B's, which takes its place)
    reason: str


@dataclass
class Address:
    """An address B served, and where it will lead: the page, at its new path on A."""

    old_path: str
    new_path: str
    page: Page


@dataclass
class TopLevelChoice:
    """Where B's home page or a page directly under it goes: into `destination` (a page of A) or, when
    that is None, into the section. `chosen` is False for the automatic choice."""

    page: Page
    path: str
    destination: Page | None
    chosen: bool


@dataclass
class SiteRecords:
    """Rows of one model that belong to B's site (glossary terms, known accessibility issues): they follow
    B's pages to A, except any A already has (`staying`: the same glossary term, say)."""

    model: type
    field: str
    moving: list
    staying: list

    @property
    def name(self):
        return str(self.model._meta.verbose_name_plural)


@dataclass
class MergePlan:
    source: Site
    target: Site
    section_slug: str
    moves: list[Move] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    top_level: list[TopLevelChoice] = field(default_factory=list)
    records: list[SiteRecords] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what an editor may want to put right afterwards
    section_path: str | None = None  # the section's path on A; None when B's home page is merged
    pages_moving: int = 0  # B's pages that end up on A, moved themselves or with the page above them

    @property
    def renames(self):
        return [move for move in self.moves if move.renamed]

    @property
    def runnable(self):
        return not self.problems

    def old_url(self, address):
        return self.source.root_url + address.old_path

    def new_url(self, address):
        return self.target.root_url + address.new_path


def site_label(site):
    return site.site_name or site.hostname


def default_section_slug(site):
    return slugify(site.site_name or site.hostname.split(".")[0])[:80] or f"site-{site.pk}"


def normalise_path(path):
    """ "/news/", "news" and "/news" are the same page: "/news/". The home page is "/"."""
    path = str(path).strip().strip("/")
    return f"/{path}/" if path else "/"


def relative_path(page, home):
    """A page's path on the site whose home page is `home`: "/" for the home page itself."""
    return "/" + page.url_path[len(home.url_path) :]


def shadowed(slug):
    """Whether a page with this slug directly under a home page could never be reached, because one of
    the project's own addresses (/search/, /admin/, /documents/, ...) answers there first."""
    try:
        match = resolve(f"/{slug}/")
    except Resolver404:
        return False
    return match.url_name != "wagtail_serve"


class _Planner:
    def __init__(self, plan, b_home, a_home, mapping):
        self.plan = plan
        self.b_home = b_home
        self.a_home = a_home
        self.mapping = mapping
        self.b_children = defaultdict(list)
        for page in Page.objects.descendant_of(b_home).order_by("path"):
            self.b_children[page.path[: -Page.steplen]].append(page)
        aliases = [page.alias_of_id for pages in self.b_children.values() for page in pages if page.alias_of_id]
        self.originals = {
            pk: page for pk, page in Page.objects.in_bulk(aliases).items() if page.path.startswith(a_home.path)
        }
        # A's aliases of B's pages, by the original's pk.
        self.copies_on_a = defaultdict(list)
        for copy in Page.objects.descendant_of(a_home).filter(alias_of__path__startswith=b_home.path):
            self.copies_on_a[copy.alias_of_id].append(copy)
        self.replaced = set()  # pks of A's copies that B's originals replace
        self.a_children_cache = {}
        self.arrivals = defaultdict(list)  # A page pk -> the pages planned to move under it

    # --- Reading A ---------------------------------------------------------------------------------

    def a_children(self, page):
        if page.pk not in self.a_children_cache:
            self.a_children_cache[page.pk] = list(page.get_children())
        return self.a_children_cache[page.pk]

    def a_path(self, page):
        return relative_path(page, self.a_home)

    def same_section(self, page, parent):
        """A's one page of the same section type as `page` directly under `parent`, if there is exactly one."""
        cls = page.specific_class
        if cls is None or cls not in section_types():
            return None
        matches = [child for child in self.a_children(parent) if child.specific_class is cls]
        return matches[0] if len(matches) == 1 else None

    def original_on_a(self, page):
        return self.originals.get(page.alias_of_id) if page.alias_of_id else None

    # --- Where each page goes ----------------------------------------------------------------------

    def address(self, page, new_path, leads_to):
        if page.live:
            self.plan.addresses.append(Address(relative_path(page, self.b_home), new_path, leads_to))

    def keep(self, page, new_path):
        """`page` stays under its parent, which is moving: only its address changes."""
        self.plan.pages_moving += 1
        self.address(page, new_path, page)
        for child in self.b_children[page.path]:
            original = self.original_on_a(child)
            if original is not None:
                self.remove_into(child, original, "alias")
            else:
                self.keep(child, new_path + child.slug + "/")

    def remove_into(self, page, destination, reason, choices=None):
        """`page` is removed and its pages go under `destination`, a page of A."""
        self.plan.removals.append(Removal(page, destination, reason))
        self.address(page, self.a_path(destination), destination)
        for child in self.b_children[page.path]:
            self.place(child, destination, (choices or {}).get(child.pk))

    def place(self, page, parent, choice=None):
        """`page` goes under `parent`, a page of A: into A's page of the same section, or moved."""
        original = self.original_on_a(page)
        if original is not None:
            return self.remove_into(page, original, "alias")
        if isinstance(choice, Page):
            return self.remove_into(page, choice, "merged")
        match = self.same_section(page, parent) if choice is None else None
        if match is not None:
            return self.remove_into(page, match, "merged")
        copy = next((c for c in self.copies_on_a[page.pk] if c.path[: -Page.steplen] == parent.path), None)
        if copy is not None:  # A shows it already, as an alias: the original takes the alias's place
            self.plan.removals.append(Removal(copy, page, COPY_ON_A))
            self.replaced.add(copy.pk)
        else:
            self.check_allowed(page, parent)
        slug = self.free_slug(page, parent, copy.slug if copy is not None else None)
        new_path = self.a_path(parent) + slug + "/"
        self.plan.moves.append(Move(page, parent, slug, new_path))
        self.arrivals[parent.pk].append(page)
        self.keep(page, new_path)

    def check_allowed(self, page, parent):
        cls = page.specific_class
        if cls is None:
            return
        if not cls.can_exist_under(parent):
            self.plan.problems.append(
                f"“{page.title}” ({relative_path(page, self.b_home)}) cannot go under “{parent.title}” "
                f"({self.a_path(parent)}): a {cls._meta.verbose_name} is not allowed there. "
                "Choose another place for the page it is in."
            )
        elif cls.max_count_per_parent is not None:
            same = [p for p in self.a_children(parent) + self.arrivals[parent.pk] if p.specific_class is cls]
            if len(same) >= cls.max_count_per_parent:
                self.plan.problems.append(
                    f"“{page.title}” ({relative_path(page, self.b_home)}) cannot go under “{parent.title}” "
                    f"({self.a_path(parent)}): it already has a {cls._meta.verbose_name}. "
                    "Merge the two instead."
                )

    def free_slug(self, page, parent, wanted=None):
        """`page`'s slug (or `wanted`, the slug of the copy it replaces), or, when a page at its new place has
        that slug, one with the section slug added. It must be free among its present siblings too: the
        page is renamed before it moves."""
        taken = {child.slug for child in self.a_children(parent) if child.pk not in self.replaced}
        taken |= {move.slug for move in self.plan.moves if move.parent.pk == parent.pk}
        taken |= {sibling.slug for sibling in self.b_children[page.path[: -Page.steplen]] if sibling.pk != page.pk}

        def free(slug):
            return slug not in taken and not (parent.pk == self.a_home.pk and shadowed(slug))

        if wanted and free(wanted):
            return wanted
        if free(page.slug):
            return page.slug
        base = f"{page.slug}-{self.plan.section_slug}"[:SLUG_LENGTH]
        slug, number = base, 2
        while not free(slug):
            slug = f"{base[: SLUG_LENGTH - len(str(number)) - 1]}-{number}"
            number += 1
        return slug

    # --- The whole site ----------------------------------------------------------------------------

    def plan_top_level(self):
        home_choice = self.mapping.get(self.b_home.pk)
        self.plan.top_level.append(
            TopLevelChoice(self.b_home, "/", home_choice if isinstance(home_choice, Page) else None, bool(home_choice))
        )
        choices = {}
        for child in self.b_children[self.b_home.path]:
            choice = self.mapping.get(child.pk)
            if isinstance(choice, Page):
                destination = choice
            elif choice is None and self.original_on_a(child) is None:
                destination = self.same_section(child, home_choice if isinstance(home_choice, Page) else self.a_home)
            else:
                destination = None
            self.plan.top_level.append(
                TopLevelChoice(child, relative_path(child, self.b_home), destination, choice is not None)
            )
            choices[child.pk] = choice

        if isinstance(home_choice, Page):
            return self.remove_into(self.b_home, home_choice, "merged", choices)

        slug = self.plan.section_slug
        section_path = f"/{slug}/"
        if any(child.slug == slug for child in self.a_children(self.a_home)):
            self.plan.problems.append(
                f"{site_label(self.plan.target)} already has a page at {section_path}. Choose another section slug."
            )
        elif shadowed(slug):
            self.plan.problems.append(
                f"{section_path} is one of the website's own addresses. Choose another section slug."
            )
        elif slug != self.b_home.slug and any(
            sibling.slug == slug for sibling in self.b_home.get_siblings(inclusive=False)
        ):
            self.plan.problems.append(f"Another site's home page has the slug “{slug}”. Choose another section slug.")
        # The section keeps B's home page, which stays the type it is: page type rules are not checked
        # for it (a home page is only allowed at the top of the tree), as it is B's own structure intact.
        self.plan.section_path = section_path
        if not self.b_home.show_in_menus:
            self.plan.warnings.append(
                f"The section {section_path} is not in {site_label(self.plan.target)}'s menu. To add it, tick "
                "“Show in menus” on its Promote tab."
            )
        self.plan.moves.append(Move(self.b_home, self.a_home, slug, section_path))
        self.plan.pages_moving += 1
        self.address(self.b_home, section_path, self.b_home)
        for child in self.b_children[self.b_home.path]:
            original = self.original_on_a(child)
            choice = choices[child.pk]
            if original is not None:
                self.remove_into(child, original, "alias")
            elif isinstance(choice, Page):
                self.remove_into(child, choice, "merged")
            elif choice is None and (match := self.same_section(child, self.a_home)) is not None:
                self.remove_into(child, match, "merged")
            else:
                self.keep(child, section_path + child.slug + "/")


def removal_reason(plan, removal):
    """Why a page is removed, to go before the title of the page that replaces it."""
    if removal.reason == "alias":
        return f"a copy (alias) of {site_label(plan.target)}'s"
    if removal.reason == COPY_ON_A:
        return f"{site_label(plan.target)}'s copy (alias), whose place is taken by {site_label(plan.source)}'s"
    return f"merged into {site_label(plan.target)}'s"


def section_types():
    """The page types merged into the other site's page of the same type (SITE_MERGE_SECTION_TYPES)."""
    return {apps.get_model(label) for label in settings.SITE_MERGE_SECTION_TYPES}


def per_site_fields():
    """(model, field) for each model of the project's own whose rows belong to one site by a foreign key
    (glossary terms, known accessibility issues), and, separately, those with one row per site (the
    per-site settings). Wagtail's own (redirects, group permissions on a site) are left to themselves."""
    records, settings_models = [], []
    for model in apps.get_models():
        if model._meta.app_config.name.startswith("wagtail") or model is SiteMerge:
            continue
        for model_field in model._meta.concrete_fields:
            if model_field.is_relation and model_field.related_model is Site:
                (settings_models if model_field.one_to_one else records).append((model, model_field.name))
    return records, settings_models


def unique_with(model, name):
    """The other fields of each uniqueness rule that includes the field `name` (e.g. the glossary's term)."""
    sets = [tuple(fields) for fields in model._meta.unique_together]
    sets += [
        constraint.fields
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields and constraint.condition is None
    ]
    return [[other for other in fields if other != name] for fields in sets if name in fields]


def _plan_records(plan):
    records, settings_models = per_site_fields()
    for model, name in records:
        rows = list(model._default_manager.filter(**{name: plan.source}))
        if not rows:
            continue
        rules = unique_with(model, name)
        moving, staying = [], []
        for row in rows:
            clash = any(
                model._default_manager.filter(
                    **{name: plan.target}, **{other: getattr(row, other) for other in rule}
                ).exists()
                for rule in rules
            )
            (staying if clash else moving).append(row)
        plan.records.append(SiteRecords(model, name, moving, staying))
        if staying:
            plan.warnings.append(
                f"{len(staying)} of {site_label(plan.source)}'s {model._meta.verbose_name_plural} stay with its "
                f"site record, because {site_label(plan.target)} has its own: "
                + ", ".join(str(row) for row in staying[:10])
                + ("…" if len(staying) > 10 else "")
                + ". Compare them in Snippets."
            )
    left = [
        str(model._meta.verbose_name)
        for model, name in settings_models
        if model._default_manager.filter(**{name: plan.source}).exists()
    ]
    if left:
        plan.warnings.append(
            f"{site_label(plan.source)}'s {', '.join(left)} stay with its site record and no longer apply: "
            f"its pages follow {site_label(plan.target)}'s from now on."
        )


def _plan_warnings(plan):
    removed = {removal.page.pk: removal for removal in plan.removals}
    if not removed:
        return
    # Links in other pages to a removed page would lead nowhere: Wagtail's reference index knows them.
    for page, sources in ReferenceIndex.get_grouped_references_to_in_bulk(
        [removal.page for removal in plan.removals]
    ).items():
        removal = removed[page.pk]
        titles = sorted(
            {
                str(getattr(source, "title", source))
                for source, _references in sources
                if not (isinstance(source, Page) and source.pk in removed)
            }
        )
        if titles:
            plan.warnings.append(
                f"Links to “{removal.page.title}”, which is removed, will lead nowhere: "
                f"in {', '.join(titles)}. Link them to “{removal.replacement.title}” instead."
            )
    permissions = defaultdict(list)
    for permission in GroupPagePermission.objects.filter(page_id__in=removed).select_related("group", "permission"):
        action = permission.permission.codename.removesuffix("_page").replace("_", " ")
        permissions[(permission.group.name, permission.page_id)].append("edit" if action == "change" else action)
    source, target = site_label(plan.source), site_label(plan.target)
    for (group, page_id), names in sorted(permissions.items()):
        removal = removed[page_id]
        plan.warnings.append(
            f"The group “{group}” has permission to {', '.join(sorted(names))} in {source}'s "
            f"“{removal.page.title}”, which is removed: those permissions go with it. If the group needs them, "
            f"give it permissions on {target}'s “{removal.replacement.title}” (Settings > Groups)."
        )


def _resolve_mapping(plan, b_home, a_home, mapping):
    """The editor's mapping as {B page pk: a page of A, or SECTION}. Keys are B paths ("/news/") or
    pages; values are A paths, pages of A, or "section"."""
    resolved = {}
    for key, value in (mapping or {}).items():
        if isinstance(key, Page):
            b_page = key
        else:
            path = normalise_path(key)
            b_page = Page.objects.filter(url_path=b_home.url_path + path[1:], path__startswith=b_home.path).first()
            if b_page is None:
                plan.problems.append(f"{site_label(plan.source)} has no page at {path}.")
                continue
        if b_page.pk != b_home.pk and b_page.depth != b_home.depth + 1:
            plan.problems.append(
                f"Only the home page and the pages directly under it can be mapped: "
                f"{relative_path(b_page, b_home)} is further down."
            )
            continue
        if value == SECTION or value is None or value == "":
            resolved[b_page.pk] = SECTION
            continue
        if isinstance(value, Page):
            a_page = value if value.path.startswith(a_home.path) else None
        else:
            path = normalise_path(value)
            a_page = Page.objects.filter(url_path=a_home.url_path + path[1:], path__startswith=a_home.path).first()
        if a_page is None:
            plan.problems.append(f"{site_label(plan.target)} has no page at {normalise_path(value)}.")
            continue
        resolved[b_page.pk] = a_page
    return resolved


def plan_merge(source, target, under=None, mapping=None):
    """The plan for merging `source` (a Site) into `target`; see the module's docstring. Changes nothing."""
    plan = MergePlan(source=source, target=target, section_slug=slugify(under or "") or default_section_slug(source))
    if under and slugify(under) != under:
        plan.problems.append(f"“{under}” cannot be a slug: use lower-case letters, numbers and hyphens only.")
    if source.pk == target.pk:
        plan.problems.append("Choose two different sites: a site cannot be merged into itself.")
        return plan
    already = SiteMerge.objects.filter(source__in=[source, target]).select_related("source", "target").first()
    if already is not None and already.source_id == source.pk:
        plan.problems.append(f"{site_label(source)} has already been merged into {site_label(already.target)}.")
        return plan
    if already is not None:
        plan.problems.append(
            f"{site_label(target)} has itself been merged into {site_label(already.target)}: "
            "nothing can be merged into it."
        )
        return plan
    b_home, a_home = source.root_page, target.root_page
    if b_home.depth < 2:
        plan.problems.append(f"{site_label(source)}'s home page is the root of the page tree, which cannot move.")
        return plan
    if b_home.path.startswith(a_home.path) or a_home.path.startswith(b_home.path):
        plan.problems.append(f"One site's pages are inside the other's: {site_label(source)} cannot be merged.")
        return plan
    planner = _Planner(plan, b_home, a_home, _resolve_mapping(plan, b_home, a_home, mapping))
    planner.plan_top_level()
    _plan_records(plan)
    _plan_warnings(plan)
    return plan
