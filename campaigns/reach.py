"""Short links and reach: the hot paths of counting, kept to one or two SQL statements.

A poster is scanned in bursts (a bus stop, an info day), so `/c/<code>` must answer in
a few milliseconds: the code's target comes from a small in-process table (refreshed
every minute), the day's salt from memory, and the scan is one INSERT ... ON CONFLICT
DO UPDATE on the day's per-visitor row. Everything here takes a request only to hash
it (core.visits.visitor_hash): no IP address, cookie or user agent is stored.

What is stored, and for how long, is in campaigns/models/reach.py; `roll_up` turns the
per-visitor rows of past days into anonymous daily counts and deletes them and their
salt. It runs when a process sees a new day and from cron (`manage.py reach_rollup`).
"""

import re
import secrets
import threading
import time
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from campaigns.models.reach import SCAN, VISIT, Material, VisitSalt
from core import visits

CODE_RE = re.compile(r"^[0-9a-z]{4,16}$")
#: How long a process trusts its copy of a code's target (an edited target is live after this).
CODE_CACHE_SECONDS = 60
#: utm_medium values kept as they are; any other value is counted as "other", so a
#: hostile link cannot fill the tables with made-up channels.
KNOWN_CHANNELS = frozenset(Material.Channel.values)
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content")


# ---------------------------------------------------------------- where links lead


def site_root_url():
    """The public base URL, for short links printed on paper (never the admin's host)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def allowed_hosts():
    """Hosts a short link may lead to: this site's, and KOINONIA_SHORT_LINK_HOSTS (partners' sites)."""
    from wagtail.models import Site

    hosts = {urlsplit(site_root_url()).hostname}
    hosts.update(Site.objects.values_list("hostname", flat=True))
    hosts.update(getattr(settings, "KOINONIA_SHORT_LINK_HOSTS", ()))
    return {host.lower() for host in hosts if host}


def allowed_target_url(url):
    """True for an http(s) address on an allowed host: a short link is never an open redirect."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and (parts.hostname or "").lower() in allowed_hosts()


def short_url(material):
    """The absolute short link printed on the material and encoded in its QR code."""
    return f"{site_root_url()}/c/{material.code}"


def absolute(url):
    """`url` with the site's base URL if it is root-relative (for people reading it in the admin)."""
    return f"{site_root_url()}{url}" if url.startswith("/") else url


def target_url(material):
    """Where the short link leads, with utm_source/medium/campaign/content added.

    The target's own query is kept, and a utm parameter the editor already wrote in it
    wins (they may know better where a post goes).
    """
    if material.target_url:
        base = material.target_url
    else:
        page = material.target_page.specific if material.target_page_id else material.campaign
        # Root-relative on a one-site installation (the short link's own host), else absolute.
        base = page.get_url() or page.get_full_url() or "/"
    parts = urlsplit(base)
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {key for key, _value in query}
    ours = {
        "utm_source": material.kind,
        "utm_medium": material.channel,
        "utm_campaign": material.campaign.slug,
        "utm_content": material.code,
    }
    query += [(key, value) for key, value in ours.items() if key not in present]
    return urlunsplit(parts._replace(query=urlencode(query)))


class CodeTable:
    """code → (material id, campaign id, channel, target URL), per process, for CODE_CACHE_SECONDS."""

    def __init__(self):
        self._entries = {}
        self._lock = threading.Lock()

    def get(self, code):
        now = time.monotonic()
        entry = self._entries.get(code)
        if entry is not None and entry[0] > now:
            return entry[1]
        material = (
            Material.objects.select_related("campaign", "target_page").filter(code=code).first()
            if CODE_RE.match(code)
            else None
        )
        value = None
        if material is not None and material.campaign.live:
            value = (material.pk, material.campaign_id, material.channel, target_url(material))
        with self._lock:
            if len(self._entries) > 10_000:
                self._entries.clear()
            self._entries[code] = (now + CODE_CACHE_SECONDS, value)
        return value

    def forget(self, code=None):
        with self._lock:
            if code is None:
                self._entries.clear()
            else:
                self._entries.pop(code, None)


codes = CodeTable()


@receiver(post_save, sender=Material)
@receiver(post_delete, sender=Material)
def _forget_code(sender, instance, **kwargs):
    codes.forget(instance.code)


# ---------------------------------------------------------------- the day's salt


class DailySalt:
    """The salt of today (Europe/Athens), shared by every process through the database.

    The first process to need a new day's salt creates it (random, 32 bytes), deletes
    the older ones and rolls up the days before: after that, no hash of a past day can
    be recomputed from an IP address and a user agent.
    """

    def __init__(self):
        self._day = None
        self._salt = None

    def today(self):
        day = timezone.localdate()
        if day != self._day:
            self._salt = self._load(day)
            self._day = day
        return day, self._salt

    def forget(self):
        self._day = self._salt = None

    @staticmethod
    def _load(day):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO campaigns_visitsalt (day, salt) VALUES (%s, %s) ON CONFLICT (day) DO NOTHING",
                [day, secrets.token_bytes(32)],
            )
            created = cursor.rowcount == 1
            cursor.execute("SELECT salt FROM campaigns_visitsalt WHERE day = %s", [day])
            salt = bytes(cursor.fetchone()[0])
        if created:
            roll_up(day)
        return salt


salt = DailySalt()


def day_visitor(request):
    """(today, the request's day-visitor hash)."""
    day, day_salt = salt.today()
    return day, visits.visitor_hash(request, day_salt)


# ---------------------------------------------------------------- counting

_TOUCH_UPSERT = """
INSERT INTO campaigns_visitortouch (day, visitor, campaign_id, material_id, channel, kind, target, hits, last_at)
VALUES (%s, %s, %s, %s, %s, %s, %s, 1, %s)
ON CONFLICT ON CONSTRAINT campaigns_touch_unique
DO UPDATE SET hits = campaigns_visitortouch.hits + 1, last_at = EXCLUDED.last_at
"""

# An action is attributed to the last campaign arrival (scan or tracked visit) of the
# same day visitor, in the same statement: no arrival today, no row.
_ACTION_UPSERT = """
INSERT INTO campaigns_visitortouch (day, visitor, campaign_id, material_id, channel, kind, target, hits, last_at)
SELECT day, visitor, campaign_id, material_id, channel, %s, %s, 1, %s
FROM campaigns_visitortouch
WHERE day = %s AND visitor = %s AND kind IN ('scan', 'visit')
ORDER BY last_at DESC
LIMIT 1
ON CONFLICT ON CONSTRAINT campaigns_touch_unique
DO UPDATE SET hits = campaigns_visitortouch.hits + 1, last_at = EXCLUDED.last_at
"""


def _count(sql, params):
    """Run one counting statement, in one round trip, without waiting for the disk.

    A count lost in the last fraction of a second before a database crash matters less
    than a fast redirect: waiting for the WAL flush was most of a scan's time on a busy
    machine, and four round trips (BEGIN, SET, INSERT, COMMIT) cost more than the
    insert. So, in autocommit, the transaction goes as one string with
    `synchronous_commit = off` for it alone (bench/shortlink_bench.py: p50 2.2 → 0.4 ms).
    Inside someone else's transaction (a registration noting an action) it is a
    savepoint and their commit stays durable; with server-side binding (which refuses
    several statements in one string) it is an ordinary transaction.
    """
    if connection.in_atomic_block or connection.settings_dict.get("OPTIONS", {}).get("server_side_binding"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
        return
    with connection.cursor() as cursor:
        try:
            cursor.execute(f"BEGIN; SET LOCAL synchronous_commit TO OFF; {sql}; COMMIT", params)
        except Exception:
            cursor.execute("ROLLBACK")  # else the session stays in the failed transaction
            raise


def record_scan(request, entry):
    """Count one scan of a short link (entry from `codes.get`): one upsert."""
    material_id, campaign_id, channel, _url = entry
    day, visitor = day_visitor(request)
    _count(_TOUCH_UPSERT, [day, visitor, campaign_id, material_id, channel, SCAN, "", timezone.now()])


def tracking_channel(params):
    """(material id or None, channel) from a landing URL's utm parameters, or None without any."""
    if not any(key in params for key in UTM_KEYS):
        return None
    code = (params.get("utm_content") or "").strip().lower()
    if CODE_RE.match(code):
        entry = codes.get(code)
        if entry is not None:
            return entry[0], entry[2]
    medium = (params.get("utm_medium") or "").strip().lower()
    return None, medium if medium in KNOWN_CHANNELS else Material.Channel.OTHER


# A landing on the material's page by the day visitor who just scanned its short link
# is the same arrival as the scan (the redirect carries utm_content=<code>): counted
# once, as the scan. The same address opened by someone else (shared on) is a visit.
_VISIT_AFTER_NO_SCAN_UPSERT = """
INSERT INTO campaigns_visitortouch (day, visitor, campaign_id, material_id, channel, kind, target, hits, last_at)
SELECT %(day)s, %(visitor)s, %(campaign)s, %(material)s, %(channel)s, 'visit', '', 1, %(now)s
WHERE NOT EXISTS (
    SELECT 1 FROM campaigns_visitortouch
    WHERE day = %(day)s AND visitor = %(visitor)s AND material_id = %(material)s AND kind = 'scan'
)
ON CONFLICT ON CONSTRAINT campaigns_touch_unique
DO UPDATE SET hits = campaigns_visitortouch.hits + 1, last_at = EXCLUDED.last_at
"""


def record_campaign_visit(request, campaign):
    """Count a visit of a campaign page that came by a tracked link (utm parameters).

    Visits without them are not counted here: those pages are served from the front
    cache and never reach us, and a count of only some of them would mislead. A visit
    that follows the same visitor's scan of the material named in utm_content is not
    counted again (it is the scan's landing).
    """
    tracked = tracking_channel(request.GET)
    if tracked is None:
        return
    material_id, channel = tracked
    day, visitor = day_visitor(request)
    if material_id is None:
        _count(_TOUCH_UPSERT, [day, visitor, campaign.pk, None, channel, VISIT, "", timezone.now()])
        return
    params = {
        "day": day,
        "visitor": visitor,
        "campaign": campaign.pk,
        "material": material_id,
        "channel": channel,
        "now": timezone.now(),
    }
    _count(_VISIT_AFTER_NO_SCAN_UPSERT, params)


@receiver(visits.action_noted)
def record_action(sender, request, kind, target, **kwargs):
    """Count an action for the campaign this day visitor arrived from today, if any.

    The target is stored only as a key under today's salt (core.visits.target_key),
    which goes with the salt at the roll-up.
    """
    day, day_salt = salt.today()
    visitor = visits.visitor_hash(request, day_salt)
    _count(_ACTION_UPSERT, [kind, visits.target_key(day_salt, target), timezone.now(), day, visitor])


# ---------------------------------------------------------------- rolling up

_ROLL_UP = """
WITH gone AS (
    DELETE FROM campaigns_visitortouch WHERE day < %s RETURNING *
)
INSERT INTO campaigns_reachday (day, campaign_id, material_id, channel, kind, count, visitors)
SELECT day, campaign_id, material_id, channel, kind,
       CASE WHEN kind IN ('scan', 'visit') THEN SUM(hits) ELSE COUNT(*) END,
       COUNT(DISTINCT visitor)
FROM gone
GROUP BY day, campaign_id, material_id, channel, kind
ON CONFLICT ON CONSTRAINT campaigns_reachday_unique
DO UPDATE SET count = campaigns_reachday.count + EXCLUDED.count,
              visitors = campaigns_reachday.visitors + EXCLUDED.visitors
"""


def roll_up(today=None):
    """Turn the per-visitor rows of days before `today` into daily counts; delete them and old salts.

    One statement moves the rows (DELETE ... RETURNING feeding the INSERT), so two
    processes rolling up at once cannot count a row twice. Returns the number of
    daily count rows written.
    """
    today = today or timezone.localdate()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_ROLL_UP, [today])
        written = cursor.rowcount
        VisitSalt.objects.filter(day__lt=today).delete()
    return written
