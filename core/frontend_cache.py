"""Wagtail's HTTP purge backend, made safe to call from a publish.

wagtail.contrib.frontend_cache sends one PURGE request per URL as soon as a page is
published, inside the publishing transaction, and waits for each one. Our nginx
(deploy/nginx/cache.conf) purges by *refreshing*: it answers a PURGE from localhost
by fetching the page again from the application and storing the new copy (stock
nginx has no purge module). A refresh made before the transaction commits would
read the old page and cache it again, so this backend:

- sends the purges after the transaction commits (`transaction.on_commit`), once
  per URL even when several signals ask for the same one;
- in a background thread when OPTIONS["ASYNC"] is true (production: an editor's
  publish does not wait for ~40 page renders), in line otherwise (tests);
- with a timeout, and never lets a purge failure break the publish: it is logged.

Settings, e.g.:
    WAGTAILFRONTENDCACHE = {"nginx": {
        "BACKEND": "core.frontend_cache.DeferredHTTPBackend",
        "LOCATION": "http://127.0.0.1:8081",  # nginx's purge listener
        "OPTIONS": {"ASYNC": True, "TIMEOUT": 10},
    }}
"""

import logging
import threading
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.db import transaction

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")


class DeferredHTTPBackend(HTTPBackend):
    """HTTPBackend that purges after commit, optionally in a thread, with a timeout."""

    def __init__(self, params):
        options = dict(params.pop("OPTIONS", {}) or {})
        super().__init__(params)
        self.run_async = bool(options.get("ASYNC", False))
        self.timeout = float(options.get("TIMEOUT", 10))

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        urls = list(dict.fromkeys(urls))
        if urls:
            transaction.on_commit(lambda: self._send_all(urls))

    def _send_all(self, urls):
        if self.run_async:
            threading.Thread(target=self._purge_now, args=(urls,), name="frontend-cache-purge", daemon=True).start()
        else:
            self._purge_now(urls)

    def _purge_now(self, urls):
        for url in urls:
            self.send_purge(url)

    def purge_request(self, url):
        """The PURGE request for `url`, sent to the cache's address with the page's Host."""
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""])
        return PurgeRequest(url=target, headers={"Host": host, "User-Agent": "Wagtail-frontendcache/" + __version__})

    def send_purge(self, url):
        try:
            with urlopen(self.purge_request(url), timeout=self.timeout) as response:  # noqa: S310 (our own LOCATION)
                response.read()
        except HTTPError as e:
            if e.code in (301, 404):  # the refreshed page is gone or moved: nginx now keeps that answer
                logger.info("Purged '%s': now %d", url, e.code)
                return
            logger.error("Couldn't purge '%s' from HTTP cache. HTTPError: %d %s", url, e.code, e.reason)
        except (URLError, OSError) as e:
            logger.error("Couldn't purge '%s' from HTTP cache: %s", url, getattr(e, "reason", e))
