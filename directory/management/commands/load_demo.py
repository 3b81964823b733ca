"""Set up a working site with demo content. Idempotent: a second run changes nothing."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from directory.loaders import load_areas, load_taxonomies
from portal.bootstrap import ensure_site_tree


class Command(BaseCommand):
    help = "Create the site skeleton, reference data, demo directory (HSDS import) and demo accounts."

    def handle(self, *args, **options):
        ensure_site_tree()
        self.stdout.write(f"Areas: {load_areas()} · taxonomy terms: {load_taxonomies()}")
        demo_file = settings.BASE_DIR / "directory" / "demo" / "demo-hsds.json"
        if demo_file.exists():
            call_command("import_hsds", str(demo_file), "--quiet-progress", stdout=self.stdout)
        from directory.demo.accounts import ensure_demo_accounts

        accounts = ensure_demo_accounts()
        if getattr(settings, "KOINONIA_SHOW_DEMO_PASSWORDS", False):
            self.stdout.write(self.style.SUCCESS("Demo accounts (development only) — log in at /admin/:"))
            for username, password, role in accounts:
                self.stdout.write(f"  {username:<16} {password:<20} {role}")
