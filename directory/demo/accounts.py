"""Demo accounts for development: one secretariat member and two partners."""

from django.conf import settings


def ensure_demo_accounts():
    """Create (or reset) the demo users; returns (username, password, role) rows.

    Partner accounts are attached to the first two organisations by the partner
    workspace code (directory/partners.py) once it exists.
    """
    from django.contrib.auth import get_user_model

    User = get_user_model()
    rows = [("admin", "koinonia-admin", "superuser (everything)")]
    admin, created = User.objects.get_or_create(username="admin", defaults={"email": "admin@koinonia.example"})
    if created or not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.set_password("koinonia-admin")
        admin.save()
    if not getattr(settings, "KOINONIA_SHOW_DEMO_PASSWORDS", False):
        return []
    return rows
