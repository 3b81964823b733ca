"""Small SQL helpers that every app may use."""

from django.db.models.expressions import RawSQL


def id_set(ids):
    """`pk__in=id_set(ids)`: a list of integer ids as one array parameter.

    `pk__in=[...]` writes one placeholder per id: tens of thousands of them make a
    statement PostgreSQL spends longer parsing than running (and psycopg's server-side
    binding stops at 65,535). `unnest` of one array is a single parameter, and the
    planner knows how many rows it gives, so it plans the rest of the query on the
    real count rather than on a guess.
    """
    return RawSQL("SELECT unnest(%s::integer[])", (list(ids),))  # noqa: S611 - constant SQL
