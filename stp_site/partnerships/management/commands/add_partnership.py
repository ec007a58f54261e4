from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Page, Site

from stp_site.home.models import HomePage
from stp_site.partnerships.staff_groups import ensure_partnership


class Command(BaseCommand):
    help = (
        "Add a partnership: a Wagtail site at --hostname with a new home page called --name (a draft, so "
        "nothing is public until an approver publishes it), and its staff groups, image and document "
        "collection and approval workflow. Running it again for the same host name makes only what is "
        "missing and changes nothing staff have edited. See docs/partnerships.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The partnership's name, e.g. 'Joined Up Care Derbyshire'.")
        parser.add_argument("--hostname", required=True, help="The host name its website answers at.")
        parser.add_argument("--port", type=int, default=443, help="The port residents use (443 for https://).")
        parser.add_argument(
            "--default", action="store_true", help="Make it the site for any host no other site claims."
        )

    @transaction.atomic
    def handle(self, *args, name, hostname, port, default, **options):
        name, hostname = name.strip(), hostname.strip().lower()
        if not name or not hostname:
            raise CommandError("Give the partnership a --name and a --hostname.")
        site = Site.objects.filter(hostname=hostname, port=port).select_related("root_page").first()
        if site is None:
            site = Site.objects.create(
                hostname=hostname, port=port, site_name=name, root_page=self.new_home_page(name), is_default_site=False
            )
            self.stdout.write(
                f'Created the site {hostname}:{port} with the home page "{site.root_page.title}" (a draft).'
            )
        else:
            self.stdout.write(f'The site {hostname}:{port} already exists ("{site.site_name or hostname}").')
        if default and not site.is_default_site:
            Site.objects.filter(is_default_site=True).update(is_default_site=False)
            site.is_default_site = True
            site.save()
            self.stdout.write("It is now the default site.")

        _, made = ensure_partnership(site)
        for thing in made:
            self.stdout.write(f"Created {thing}.")
        if not made:
            self.stdout.write("Its staff groups, collection and workflow were already in place.")
        self.stdout.write(
            self.style.SUCCESS(
                f"{name} is set up. Next: add {hostname} to ALLOWED_HOSTS, fill in its settings "
                "(Settings → Site settings) and add its staff to its groups (docs/partnerships.md)."
            )
        )

    def new_home_page(self, name):
        root = Page.get_first_root_node()
        slug = slugify(name) or "home"
        if root.get_children().filter(slug=slug).exists():
            raise CommandError(
                f'A page with the slug "{slug}" is already at the top of the page tree, with no site at this '
                "host name. Give that site this host name in Settings → Sites, or choose another name."
            )
        home = HomePage(title=name, slug=slug, hero_heading=name, live=False)
        root.add_child(instance=home)
        home.save_revision()
        return home
