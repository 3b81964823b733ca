"""An empty URLconf: no language prefixes, so LocaleMiddleware redirects no 404 judged
against it (see core.middleware.KeepApiNotFoundMiddleware)."""

urlpatterns = []
