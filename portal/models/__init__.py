"""The portal's own models: home and standard pages, statements, site text, menus."""

from .navigation import Helpline, MainMenu, MainMenuItem
from .pages import (
    RICH_TEXT_FEATURES,
    AccessibilityStatementPage,
    ComplianceStatus,
    HomePage,
    SiteText,
    StandardPage,
)
from .privacy import PrivacyNoticePage, ProcessingBlock

__all__ = [
    "RICH_TEXT_FEATURES",
    "AccessibilityStatementPage",
    "ComplianceStatus",
    "Helpline",
    "HomePage",
    "MainMenu",
    "MainMenuItem",
    "PrivacyNoticePage",
    "ProcessingBlock",
    "SiteText",
    "StandardPage",
]
