"""Wagtail's HTTP purge backend, made safe to call from a publish.

wagtail.contrib.frontend_cache's HTTPBackend sends one PURGE request per URL as soon
as a page is published, inside the publishing transaction, and waits for each one.
Stock nginx has no purge module and stores only answers to GET and HEAD, so our
nginx (deploy/nginx/cache.conf) purges by *refreshing*: a GET from localhost with
"X-Koinonia-Refresh: 1" skips the cached copy, and the application's fresh answer
replaces it. A refresh made before the transaction commits would read the old page
and cache it again, so this backend:

- sends the purges after the transaction commits (`transaction.on_commit`), once
  per URL even when several signals ask for the same one;
- in a background thread when OPTIONS["ASYNC"] is true (production: an editor's
  publish does not wait for ~40 page renders), in line otherwise (tests);
- sends that refresh GET (with the page's Host and scheme) instead of PURGE;
- with a timeout, and never lets a purge failure break the publish: it is logged.

Settings, e.g.:
    WAGTAILFRONTENDCACHE = {"nginx": {
        "BACKEND": "core.frontend_cache.DeferredHTTPBackend",
        "LOCATION": "http://127.0.0.1:8081",  # nginx's purge listener
        "OPTIONS": {"ASYNC": True, "TIMEOUT": 10, "DELAY": 1.5},
    }}
"""

import logging
import threading
import time
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from django.db import transaction

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend

logger = logging.getLogger("wagtail.frontendcache")

REFRESH_HEADER = "X-Koinonia-Refresh"


class _KeepRedirects(HTTPRedirectHandler):
    """A refreshed page that now redirects (moved) is stored as that redirect: don't follow it."""

    def redirect_request(self, *args, **kwargs):
        return None


class DeferredHTTPBackend(HTTPBackend):
    """HTTPBackend that purges after commit, optionally in a thread, with a timeout."""

    def __init__(self, params):
        options = dict(params.pop("OPTIONS", {}) or {})
        super().__init__(params)
        self.run_async = bool(options.get("ASYNC", False))
        self.timeout = float(options.get("TIMEOUT", 10))
        # Seconds to wait before refreshing (async only): other processes must first see
        # the new generation of the fragment cache (directory.cache, 1 s).
        self.delay = float(options.get("DELAY", 0))

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        urls = list(dict.fromkeys(urls))
        if urls:
            transaction.on_commit(lambda: self._send_all(urls))

    def _send_all(self, urls):
        if self.run_async:
            threading.Thread(target=self._purge_now, args=(urls,), name="frontend-cache-purge", daemon=False).start()
        else:
            self._purge_now(urls)

    def _purge_now(self, urls):
        if self.run_async and self.delay:
            time.sleep(self.delay)
        for url in urls:
            self.send_purge(url)

    def purge_request(self, url):
        """The refresh of `url`, sent to the cache's address with the page's Host and scheme."""
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""])
        headers = {
            "Host": host,
            REFRESH_HEADER: "1",
            "X-Forwarded-Proto": parts.scheme or "http",
            "User-Agent": "Wagtail-frontendcache/" + __version__,
        }
        return Request(url=target, headers=headers, method="GET")  # noqa: S310 (LOCATION is http(s) from settings)

    def send_purge(self, url):
        try:
            opener = build_opener(_KeepRedirects)
            with opener.open(self.purge_request(url), timeout=self.timeout) as response:  # noqa: S310 (our LOCATION)
                response.read()
        except HTTPError as e:
            if e.code in (301, 404):  # the refreshed page is gone or moved: nginx now keeps that answer
                logger.info("Purged '%s': now %d", url, e.code)
                return
            logger.error("Couldn't purge '%s' from HTTP cache. HTTPError: %d %s", url, e.code, e.reason)
        except (URLError, OSError) as e:
            logger.error("Couldn't purge '%s' from HTTP cache: %s", url, getattr(e, "reason", e))
