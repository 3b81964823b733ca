"""Create what every installation needs: locales, home pages, social map, areas,
taxonomies, the secretariat group and its approval workflow, search synonyms.

Idempotent, safe in production. Demo content is `load_demo`'s job.
"""

from django.core.management.base import BaseCommand

from directory.loaders import load_areas, load_taxonomies
from directory.partners import ensure_approval_workflow, ensure_secretariat_group
from portal.bootstrap import ensure_site_tree


class Command(BaseCommand):
    help = "Create the site skeleton and the reference data (areas, taxonomies). Idempotent."

    def handle(self, *args, **options):
        home = ensure_site_tree()
        self.stdout.write(f"Site skeleton ready · areas: {load_areas()} · taxonomy terms: {load_taxonomies()}")
        # Without these, partners' changes would have nobody to approve them.
        ensure_secretariat_group()
        ensure_approval_workflow()
        from campaigns.admin_alerts import ensure_alerts_group

        ensure_alerts_group()  # who may raise alerts: the secretariat and the "Alerts" group
        from campaigns.admin_reach import ensure_publicity_group

        ensure_publicity_group()  # materials, QR codes and reach reports: the publicity team
        from campaigns.admin_newsletter import ensure_newsletter_permissions

        ensure_newsletter_permissions()  # the same team composes, sends and exports the newsletter
        from consultations.setup import setup_consultations

        setup_consultations(home)
        from campaigns.setup_events import ensure_events_section

        ensure_events_section(home)  # the events index in every language, partners' folders
        from search.synonyms import load_default_synonyms

        self.stdout.write(f"Search synonyms added: {load_default_synonyms()}")
        # After the consultations section, which the main menu links.
        from directory.sensitivity import mark_sensitive_terms
        from portal.menus import ensure_main_menu

        ensure_main_menu(home)
        self.stdout.write(f"Sensitive taxonomy terms marked: {mark_sensitive_terms()}")
