"""Alerts as Common Alerting Protocol 1.2 XML and as an Atom feed of CAP messages.

The shape follows the OASIS CAP 1.2 specification (element order of its schema,
dateTime with an explicit offset and no "Z", references as "sender,identifier,sent"
triples) and the way civil-protection feeds publish it: an Atom feed whose entries
carry the CAP message inline (content type application/cap+xml) and link to the
message on its own (/alerts/<identifier>.cap), so readers that fetch each message
and readers that read the feed alone both work.

Built with lxml, so texts are escaped by the serializer and the output is always
well-formed, whatever an editor typed.
"""

import datetime
import zoneinfo

from lxml import etree

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
ATOM_NS = "http://www.w3.org/2005/Atom"
CAP_CONTENT_TYPE = "application/cap+xml"
ATOM_CONTENT_TYPE = "application/atom+xml"
#: The geocode name under which an area's code travels (our Kallikratis/ΥΠΕΣ codes).
AREA_GEOCODE = "koinonia-area"
ATHENS = zoneinfo.ZoneInfo("Europe/Athens")


def cap_datetime(value):
    """CAP's dateTime: seconds, an explicit offset, never "Z" (e.g. 2026-07-10T14:00:00+03:00)."""
    return value.astimezone(ATHENS).replace(microsecond=0).isoformat()


def _sub(parent, name, text=None, ns=CAP_NS):
    element = etree.SubElement(parent, f"{{{ns}}}{name}")
    if text is not None:
        element.text = _clean(str(text))
    return element


def _clean(text):
    """Drop characters XML 1.0 cannot carry (control characters an editor pasted)."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def reference(message):
    return f"{message.sender},{message.identifier},{cap_datetime(message.sent)}"


def alert_page_url(alert, language, base_url):
    with translation.override(language):
        return base_url + reverse("alert_page", args=[alert.identifier])


def cap_url(alert, base_url):
    return base_url + reverse("alert_cap", args=[alert.identifier])


def cap_element(alert, base_url):
    """The <alert> element of one message."""
    root = etree.Element(f"{{{CAP_NS}}}alert", nsmap={None: CAP_NS})
    _sub(root, "identifier", alert.identifier)
    _sub(root, "sender", alert.sender)
    _sub(root, "sent", cap_datetime(alert.sent))
    _sub(root, "status", alert.status)
    _sub(root, "msgType", alert.msg_type)
    _sub(root, "scope", "Public")
    references = alert.references()
    if references:
        _sub(root, "references", " ".join(reference(m) for m in references))
    areas = list(alert.areas.all())
    for info in alert.infos.all():
        _info(root, alert, info, areas, base_url)
    return root


def _info(root, alert, info, areas, base_url):
    block = _sub(root, "info")
    _sub(block, "language", info.language)
    _sub(block, "category", alert.category)
    _sub(block, "event", alert.event)
    _sub(block, "urgency", alert.urgency)
    _sub(block, "severity", alert.severity)
    _sub(block, "certainty", alert.certainty)
    if alert.onset:
        _sub(block, "onset", cap_datetime(alert.onset))
    _sub(block, "expires", cap_datetime(alert.expires))
    _sub(block, "senderName", _network_name())
    _sub(block, "headline", info.headline)
    if info.description:
        _sub(block, "description", info.description)
    if info.instruction:
        _sub(block, "instruction", info.instruction)
    _sub(block, "web", alert_page_url(alert, info.language, base_url))
    for area in areas:
        element = _sub(block, "area")
        _sub(element, "areaDesc", area.name)
        geocode = _sub(element, "geocode")
        _sub(geocode, "valueName", AREA_GEOCODE)
        _sub(geocode, "value", area.code)
    if not areas:
        element = _sub(block, "area")
        _sub(element, "areaDesc", getattr(settings, "KOINONIA_ALERT_WHOLE_AREA", "Όλη η περιοχή του δικτύου"))


def _network_name():
    return getattr(settings, "KOINONIA_ALERT_SENDER_NAME", "Κοινωνία")


def cap_xml(alert, base_url):
    """One message as a CAP 1.2 document (bytes, UTF-8, with its XML declaration)."""
    return etree.tostring(cap_element(alert, base_url), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def atom_feed(alerts, base_url, feed_url):
    """An Atom feed of `alerts` (newest of each chain), each entry carrying its CAP message."""
    feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", settings.LANGUAGE_CODE)
    _sub(feed, "id", feed_url, ATOM_NS)
    _sub(feed, "title", f"{_network_name()}: CAP", ATOM_NS)
    newest = max((a.sent for a in alerts), default=None)
    _sub(feed, "updated", (newest or _epoch()).astimezone(datetime.UTC).isoformat(timespec="seconds"), ATOM_NS)
    author = _sub(feed, "author", None, ATOM_NS)
    _sub(author, "name", _network_name(), ATOM_NS)
    link = _sub(feed, "link", None, ATOM_NS)
    link.set("rel", "self")
    link.set("href", feed_url)
    link.set("type", ATOM_CONTENT_TYPE)
    for alert in alerts:
        _entry(feed, alert, base_url)
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _entry(feed, alert, base_url):
    entry = _sub(feed, "entry", None, ATOM_NS)
    _sub(entry, "id", f"urn:oid:koinonia:{alert.identifier}", ATOM_NS)
    info = alert.info_for(settings.LANGUAGE_CODE)
    _sub(entry, "title", info.headline if info else alert.event, ATOM_NS)
    _sub(entry, "updated", alert.sent.astimezone(datetime.UTC).isoformat(timespec="seconds"), ATOM_NS)
    for rel, href, content_type in (
        ("alternate", cap_url(alert, base_url), CAP_CONTENT_TYPE),
        ("related", alert_page_url(alert, settings.LANGUAGE_CODE, base_url), "text/html"),
    ):
        link = _sub(entry, "link", None, ATOM_NS)
        link.set("rel", rel)
        link.set("href", href)
        link.set("type", content_type)
    content = _sub(entry, "content", None, ATOM_NS)
    content.set("type", CAP_CONTENT_TYPE)
    content.append(cap_element(alert, base_url))


def _epoch():
    return timezone.make_aware(datetime.datetime(2000, 1, 1), datetime.UTC)
