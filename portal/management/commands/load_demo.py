"""Set up a working site with demo content. Idempotent: a second run changes nothing.

In portal, the one app that may import every other: it loads the directory, the
consultations and the campaigns demo in turn.
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from search.indexing import defer_indexing

DEMO_DIR = settings.BASE_DIR / "directory" / "demo"


class Command(BaseCommand):
    help = "Site skeleton, reference data, the demo directory (through the HSDS importer) and demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production", action="store_true", help="Load demo content even though DEBUG is off."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "load_demo creates demo accounts with known passwords: development only. Use setup_site."
            )
        call_command("setup_site", stdout=self.stdout)
        # Every good practice saved under an imported organisation would re-index that
        # organisation again: one deferral across the three loads indexes each page once.
        with defer_indexing():
            demo_file = DEMO_DIR / "demo-hsds.json"
            if demo_file.exists():
                call_command("import_hsds", str(demo_file), "--quiet-progress", stdout=self.stdout)
            good_practices = DEMO_DIR / "good-practices.json"
            if good_practices.exists():
                from directory.demo.good_practices import load_good_practices

                created, updated = load_good_practices(good_practices)
                self.stdout.write(f"Good practices: {created} created, {updated} updated")
            from consultations.demo import load_consultations_demo

            self.stdout.write(load_consultations_demo())
            from campaigns.demo import load_campaigns_demo

            self.stdout.write(load_campaigns_demo())
        from directory.demo.accounts import ensure_demo_accounts

        accounts = ensure_demo_accounts()
        if accounts and getattr(settings, "KOINONIA_SHOW_DEMO_PASSWORDS", False):
            self.stdout.write(self.style.SUCCESS("Demo accounts (development only) — log in at /admin/:"))
            for username, password, role in accounts:
                self.stdout.write(f"  {username:<16} {password:<20} {role}")
