"""The campaigns app's models, one module per part (see campaigns/__init__.py)."""

from .alerts import Alert, AlertInfo  # noqa: F401
from .events import EventIndexPage, EventOrganiserFolder, EventPage, EventRegistration, EventSeats  # noqa: F401
from .newsletter import IssueSend, NewsletterDelivery, NewsletterIssue, NewsletterTopic, PendingSignup, Subscriber  # noqa: F401
from .pages import CampaignIndexPage, CampaignPage  # noqa: F401
from .reach import Material, ReachDay, VisitorTouch, VisitSalt  # noqa: F401
