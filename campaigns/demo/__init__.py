"""Demo content of the campaigns app, loaded by `manage.py load_demo` after the directory.

Each part adds its own loader to LOADERS (a function taking no argument and returning
a one-line summary); every loader is idempotent.
"""

LOADERS = []


def load_campaigns_demo():
    return "\n".join(loader() for loader in LOADERS)


from campaigns.demo.newsletter import load_newsletter_demo  # noqa: E402

LOADERS.append(load_newsletter_demo)

from campaigns.demo.alerts import load_alerts_demo  # noqa: E402

LOADERS.append(load_alerts_demo)

from campaigns.demo.pages import load_campaign_pages_demo  # noqa: E402

LOADERS.insert(0, load_campaign_pages_demo)  # first: materials and newsletters find campaigns by slug

from campaigns.demo.events import load_events_demo  # noqa: E402

LOADERS.append(load_events_demo)

from campaigns.demo.reach import load_reach_demo  # noqa: E402

LOADERS.append(load_reach_demo)
