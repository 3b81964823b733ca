"""Models of the social map, one module per concept (see each module's docstring)."""

from .areas import AdministrativeArea, AreaLevel
from .contacts import OrganisationContact, OrganisationContactPhone, ServiceContact, ServiceContactPhone
from .feedback import ListingReport, ReportReason, ReportStatus
from .fingerprints import ImportFingerprint
from .good_practice import GoodPracticeDocument, GoodPracticePage, GoodPracticeTag
from .imports import ImportRegion, ImportRun, ImportStatus
from .indexes import DirectoryIndexPage, GoodPracticeIndexPage
from .organisation import LegalStatus, OrganisationIdentifier, OrganisationPage, OrganisationPhone
from .organisation_details import OrganisationFunding, Program
from .review import ReviewFlag, ReviewKind
from .service import (
    RequiredDocument,
    ServiceLocation,
    ServicePage,
    ServicePhone,
    ServiceSchedule,
    ServiceStatus,
)
from .service_details import CostOption, LocationAccessibility, ServiceArea, ServiceFunding, ServiceLanguage
from .taxonomy import AccessCondition, AccessibilityFeature, Language, ServiceCategory, TargetGroup

__all__ = [
    "CostOption",
    "LocationAccessibility",
    "OrganisationContact",
    "OrganisationContactPhone",
    "OrganisationFunding",
    "Program",
    "ServiceArea",
    "ServiceContact",
    "ServiceContactPhone",
    "ServiceFunding",
    "ServiceLanguage",
    "AccessCondition",
    "AccessibilityFeature",
    "AdministrativeArea",
    "AreaLevel",
    "DirectoryIndexPage",
    "GoodPracticeDocument",
    "GoodPracticeIndexPage",
    "GoodPracticePage",
    "GoodPracticeTag",
    "ImportFingerprint",
    "ImportRegion",
    "ImportRun",
    "ImportStatus",
    "Language",
    "LegalStatus",
    "ListingReport",
    "OrganisationIdentifier",
    "OrganisationPage",
    "OrganisationPhone",
    "ReportReason",
    "ReportStatus",
    "RequiredDocument",
    "ReviewFlag",
    "ReviewKind",
    "ServiceCategory",
    "ServiceLocation",
    "ServicePage",
    "ServicePhone",
    "ServiceSchedule",
    "ServiceStatus",
    "TargetGroup",
]
