"""The campaigns app's URLs.

`urlpatterns` are outside the language prefix (short links /c/<code>, the CAP feed);
`i18n_urlpatterns` are inside it (/<lang>/events/calendar.ics...). portal/urls.py
includes both.
"""

urlpatterns = []

i18n_urlpatterns = []
