"""Page views outside the page models: a page names what it serves, its app's views
module says how.

Wagtail hands a request to a page object (`serve`, `get_context`, the `@path` routes
of RoutablePageMixin), so a page model must pass each request on to a view. When
the models imported their views to do so, the views (which import the models, the
forms and the query classes) and the models imported each other, and every such
import hid inside a function to dodge the cycle. Instead, each views module
registers its functions here:

    @page_view("directory.ServicePage", "context")
    def service_context(request, page): ...

and its AppConfig.ready() imports it; the page asks for the function when a request
comes (`view_for(self, "context")(request, self)`). Models import core only; the
arrow runs one way, from the views to the models.
"""

_VIEWS = {}


def page_view(model_label, name):
    """Register the decorated function as `name` ("context", "print"…) of pages of
    `model_label` ("app.Model")."""

    def register(function):
        _VIEWS[(model_label.lower(), name)] = function
        return function

    return register


def view_for(page, name):
    """The function registered as `name` for the page's model (or a model it inherits
    from). A missing one is a programming error, raised at the first request."""
    for cls in type(page).__mro__:
        meta = getattr(cls, "_meta", None)
        if meta is None or not hasattr(meta, "label_lower"):
            continue
        found = _VIEWS.get((meta.label_lower, name))
        if found is not None:
            return found
    raise LookupError(f"No page view {name!r} is registered for {type(page).__name__} (see core/page_views.py).")
