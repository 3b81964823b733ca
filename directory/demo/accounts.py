"""Demo accounts for development: the admin, one secretariat member and two partners.

Passwords are fixed so that the README can tell a newcomer how to log in, and they
are returned (for `load_demo` to print) only when KOINONIA_SHOW_DEMO_PASSWORDS is on,
which only the development settings do.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Locale

from directory.models import OrganisationPage
from directory.partners import add_partner_user, ensure_approval_workflow, ensure_secretariat_group

ADMIN = ("admin", "koinonia-admin")
SECRETARIAT = ("grammateia", "koinonia-grammateia")
# (username, password, a fragment of the organisation's title to look for)
PARTNERS = (
    ("partner-kozani", "koinonia-kozani", "Κοζάν"),
    ("partner-athina", "koinonia-athina", "Αθην"),
)


def _set_password(user, password):
    if not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])


def _partner_organisations():
    """Pair each demo partner with an organisation: by title if the demo has one, else in tree order.

    Returns fewer pairs than PARTNERS when there are fewer organisations (none before
    the demo directory is imported).
    """
    organisations = OrganisationPage.objects.filter(locale=Locale.get_default()).order_by("path")
    chosen, pairs = set(), []
    for username, password, title_fragment in PARTNERS:
        candidates = organisations.exclude(pk__in=chosen)
        organisation = candidates.filter(title__contains=title_fragment).first() or candidates.first()
        if organisation is None:
            break
        chosen.add(organisation.pk)
        pairs.append((username, password, organisation))
    return pairs


@transaction.atomic
def ensure_demo_accounts():
    """Create (or reset) the demo users; returns (username, password, role) rows."""
    User = get_user_model()
    username, password = ADMIN
    admin, _created = User.objects.get_or_create(username=username, defaults={"email": "admin@koinonia.example"})
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save()
    _set_password(admin, password)
    rows = [(username, password, "superuser (everything)")]

    secretariat = ensure_secretariat_group()
    ensure_approval_workflow()
    username, password = SECRETARIAT
    user, _created = User.objects.get_or_create(username=username, defaults={"email": "grammateia@koinonia.example"})
    _set_password(user, password)
    user.groups.add(secretariat)
    rows.append((username, password, "secretariat: edits, approves and publishes the social map"))

    for username, password, organisation in _partner_organisations():
        add_partner_user(organisation, username, f"{username}@koinonia.example", password)
        rows.append((username, password, f"partner: {organisation.title} (changes need approval)"))

    if not getattr(settings, "KOINONIA_SHOW_DEMO_PASSWORDS", False):
        return []
    return rows
