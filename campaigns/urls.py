"""The campaigns app's URLs.

`urlpatterns` are outside the language prefix (short links /c/<code>, the CAP feed);
`i18n_urlpatterns` are inside it (/<lang>/events/calendar.ics...). portal/urls.py
includes both.
"""

from campaigns.views_alerts import alerts_i18n_urlpatterns, alerts_urlpatterns  # noqa: E402
from campaigns.views_reach import reach_urlpatterns  # noqa: E402

urlpatterns = [*alerts_urlpatterns, *reach_urlpatterns]

from campaigns.views_newsletter import newsletter_urlpatterns  # noqa: E402

i18n_urlpatterns = [*alerts_i18n_urlpatterns, *newsletter_urlpatterns]

from campaigns.views_events import events_i18n_urlpatterns  # noqa: E402

i18n_urlpatterns += events_i18n_urlpatterns
