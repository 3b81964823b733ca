"""E-mail each organisation's editors the list of their own unverified listings.

Meant for a monthly cron job. One e-mail per organisation, to the editors of that
organisation only, listing that organisation's services only; nothing is sent when
nothing is stale. E-mails are in the site's default language (Greek): editors of the
same organisation share one message.
"""

from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.locks import single_instance
from directory.models import OrganisationPage
from directory.partners import partner_editors, stale_listing_months, stale_services


class Command(BaseCommand):
    help = "E-mail each partner organisation's editors the services they have not verified recently."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months", type=int, default=None, help="Stale after this many months (default: the site setting)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Show who would be e-mailed; send nothing.")

    @single_instance()
    def handle(self, *args, months=None, dry_run=False, **options):
        months = stale_listing_months() if months is None else months
        with translation.override(settings.LANGUAGE_CODE):
            sent, without_editors = 0, []
            services = stale_services(months).order_by("organisation_id", "assured_date", "title")
            by_organisation = [(key, list(rows)) for key, rows in groupby(services, key=lambda s: s.organisation_id)]
            organisations = OrganisationPage.objects.in_bulk([key for key, _rows in by_organisation])
            for organisation_id, rows in by_organisation:
                organisation = organisations[organisation_id]
                recipients = [user.email for user in partner_editors(organisation)]
                if not recipients:
                    without_editors.append(organisation)
                    continue
                if not dry_run:
                    self.message(organisation, rows, recipients, months).send()
                sent += 1
                self.stdout.write(f"{organisation.title}: {len(rows)} → {', '.join(recipients)}")
            for organisation in without_editors:
                self.stdout.write(self.style.WARNING(_("No editor with an e-mail: %s") % organisation.title))
            counts = {"total": len(by_organisation), "sent": sent, "missing": len(without_editors)}
            if dry_run:
                summary = _(
                    "Dry run: %(sent)d e-mails would be sent for %(total)d organisations with unverified listings; "
                    "%(missing)d have no editor with an e-mail."
                )
            else:
                summary = _(
                    "%(sent)d e-mails sent for %(total)d organisations with unverified listings; "
                    "%(missing)d have no editor with an e-mail."
                )
            summary %= counts
            self.stdout.write(self.style.SUCCESS(summary))

    def message(self, organisation, services, recipients, months):
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        context = {
            "organisation": organisation,
            "months": months,
            "services": [
                {"page": page, "edit_url": base_url + reverse("wagtailadmin_pages:edit", args=[page.pk])}
                for page in services
            ],
            "report_url": base_url + reverse("directory_stale_listings"),
        }
        subject = ngettext(
            "%(organisation)s: %(count)d listing to verify",
            "%(organisation)s: %(count)d listings to verify",
            len(services),
        ) % {
            "organisation": organisation.title,
            "count": len(services),
        }
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("directory/emails/stale_listings.txt", context),
            to=recipients,
        )
        message.attach_alternative(render_to_string("directory/emails/stale_listings.html", context), "text/html")
        return message
