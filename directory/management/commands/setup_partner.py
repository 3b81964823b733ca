"""Give a partner organisation its workspace, and optionally an editor account.

    manage.py setup_partner 42 --username maria --email maria@example.org

Without --password the editor sets a password through the admin's "forgot password"
link, so no password has to be sent to them.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from directory.models import OrganisationPage
from directory.partners import add_partner_user, ensure_approval_workflow, ensure_partner_group


class Command(BaseCommand):
    help = "Create the partner group (and an editor) for an organisation, and the approval workflow."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="The organisation's page id or slug.")
        parser.add_argument("--username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password")

    def handle(self, *args, organisation, username=None, email="", password=None, **options):
        lookup = {"pk": organisation} if organisation.isdigit() else {"slug": organisation}
        page = OrganisationPage.objects.filter(**lookup).first()
        if page is None:
            raise CommandError(_("No organisation with id or slug %s.") % organisation)
        ensure_approval_workflow()
        group = ensure_partner_group(page)
        self.stdout.write(_("Group: %s") % group.name)
        if username:
            user = add_partner_user(page, username, email, password)
            self.stdout.write(_("Editor: %(username)s <%(email)s>") % {"username": user.username, "email": user.email})
