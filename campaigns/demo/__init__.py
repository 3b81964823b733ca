"""Demo content of the campaigns app, loaded by `manage.py load_demo` after the directory.

Each part adds its own loader to LOADERS (a function taking no argument and returning
a one-line summary); every loader is idempotent.
"""

LOADERS = []


def load_campaigns_demo():
    return "\n".join(loader() for loader in LOADERS)
