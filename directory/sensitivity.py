"""Which taxonomy terms are about violence or abuse, and so call for the
"leave this site quickly" button (see portal's quick-exit control).

The codes below are the seed: `mark_sensitive_terms()` marks them in every language
(setup_site and the migration that added the flag call it). Editors mark further
terms in the admin; the flag is per term, and a term counts as sensitive when its
copy in any language is marked, so a translation cannot lose it.
"""

from directory import cache
from directory.models import ServiceCategory, TargetGroup

# Target group "Γυναίκες θύματα βίας": the counselling centres, shelters and the
# SOS line of the network against violence against women.
SENSITIVE_TARGET_GROUPS = ("women-violence",)
# No seeded category is about violence or abuse as such; editors add and mark one.
SENSITIVE_CATEGORIES: tuple[str, ...] = ()


def mark_sensitive_terms():
    """Mark the seeded sensitive codes in every language. Returns how many rows changed."""
    changed = TargetGroup.objects.filter(code__in=SENSITIVE_TARGET_GROUPS, sensitive=False).update(sensitive=True)
    changed += ServiceCategory.objects.filter(code__in=SENSITIVE_CATEGORIES, sensitive=False).update(sensitive=True)
    if changed:
        cache.invalidate()  # update() sends no post_save: drop the cached set of sensitive codes
    return changed


def sensitive_codes():
    """{"category": {...codes}, "group": {...codes}} of the terms marked sensitive in any
    language; a marked category makes its subcategories sensitive too."""
    from django.db.models import Q

    categories = ServiceCategory.objects.filter(Q(sensitive=True) | Q(parent__sensitive=True))
    return {
        "category": set(categories.values_list("code", flat=True)),
        "group": set(TargetGroup.objects.filter(sensitive=True).values_list("code", flat=True)),
    }
