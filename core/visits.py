"""Reach without cookies and without IP addresses: who came from a campaign, and what they did next.

The publicity team wants to know whether a poster brought someone to help. Privacy-first
analytics (Plausible, Fathom, GoatCounter) show how to count that without a cookie and
without keeping anything that identifies a person, and we do the same:

- a *day visitor* is an HMAC-SHA256 of IP address + user agent + site host, keyed
  with the salt of the day and the site's SECRET_KEY.
  The salt is random, kept in the database (campaigns.models.reach.VisitSalt) and
  replaced every day; yesterday's salt is deleted, so yesterday's hashes can no longer
  be recomputed from an IP address. The IP address is only read to compute the hash,
  never stored, logged or passed on;
- the per-visitor rows that carry the hash live only for their day, then are rolled up
  into daily counts (campaigns/reach.py) and deleted;
- a visit "starts from a campaign" with a scan of a short link (/c/<code>) or a visit
  of a campaign page with utm parameters; what the same day visitor does next on the
  site is an *action* attributed to that campaign (and material, and channel).

Any app reports an action with one call, and needs to know nothing else:

    from core import visits
    visits.note_action(request, visits.NEWSLETTER)               # after a sign-up is saved
    visits.note_action(request, visits.SERVICE, target=page.pk)   # a service page was seen

`target` tells apart different things of one kind (two services seen are two actions,
one service seen twice is one). It is stored only as `target_key`: a keyed hash under
the day's salt and the site's SECRET_KEY, so a search query never lands in the
database, and nobody with the database alone can confirm a guessed query (a plain hash
of "κακοποίηση" could be) or, once the day's salt is gone, match it at all.

The call never raises and never slows the answer much:
when nobody listens (the campaigns app not installed) it does nothing, and when the
visitor did not come from a campaign today it costs one indexed lookup.

core imports no app (DESIGN.md), so this module holds the vocabulary, the hashing and
the signal; campaigns.reach listens to `action_noted` and stores the counts.
"""

import logging

from django.dispatch import Signal
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# What a visitor can do after arriving from a campaign (the kind of an action).
SEARCH = "search"
SERVICE = "service"
PHONE = "phone"
DIRECTIONS = "directions"
COMMENT = "comment"
REGISTRATION = "registration"
NEWSLETTER = "newsletter"

ACTION_CHOICES = [
    (SEARCH, _("Directory search")),
    (SERVICE, _("Service page seen")),
    (PHONE, _("Phone link")),
    (DIRECTIONS, _("Directions link")),
    (COMMENT, _("Comment")),
    (REGISTRATION, _("Event registration")),
    (NEWSLETTER, _("Newsletter sign-up")),
]
ACTION_KINDS = frozenset(kind for kind, _label in ACTION_CHOICES)
#: Actions a browser may report through the beacon (a link followed out of the site);
#: the others are reported by the server, where they happen, and cannot be forged.
BEACON_KINDS = frozenset({PHONE, DIRECTIONS})

#: Sent with request, kind and target (the text, possibly "") for each noted action;
#: a receiver stores `target_key(salt, target)`, never the text.
action_noted = Signal()


def client_ip(request):
    """The visitor's address, only to hash it: nginx appends it last to X-Forwarded-For.

    The last entry is the one our proxy wrote (deploy/nginx/proxy.conf); earlier entries
    are whatever the client sent and could be forged to split one person into many.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "") or ""


def visitor_hash(request, salt):
    """The day visitor's hash (hex, 64 characters) under `salt` (bytes). Never stored with the IP.

    Keyed with SECRET_KEY as well as the day's salt: the salt lives in the same
    database as the hashes, so with the salt alone anyone holding a copy of the
    database could confirm that a guessed IP address visited today."""
    parts = (client_ip(request), request.META.get("HTTP_USER_AGENT", "")[:512], request.get_host())
    text = "\x1f".join(parts)
    return salted_hmac("koinonia.visits.visitor:" + salt.hex(), text, algorithm="sha256").hexdigest()


def target_key(salt, target):
    """A short key of what the action was about (a query, a page id), to tell targets apart.

    Keyed with the day's salt (bytes) and SECRET_KEY: a plain hash of a query could be
    recomputed from a guess by anyone who reads the database; this one needs the secret,
    which is not in the database, and stops matching when the day's salt is deleted.
    """
    text = str(target or "")
    if not text:
        return ""
    return salted_hmac("koinonia.visits.target:" + salt.hex(), text, algorithm="sha256").hexdigest()[:16]


def note_action(request, kind, target=""):
    """Count `kind` for the campaign this day visitor came from, if any. Never raises.

    Call it after the thing happened (the comment saved, the registration made), from
    the view. Unknown kinds are a programming error and are logged, not raised, so a
    counting problem can never lose what the person just did.
    """
    if kind not in ACTION_KINDS:
        logger.error("visits.note_action: unknown kind %r", kind)
        return
    try:
        action_noted.send(sender=None, request=request, kind=kind, target=str(target or ""))
    except Exception:  # noqa: BLE001 - counting must never break the page it counts
        logger.exception("visits.note_action failed for %s", kind)
