"""Models of e-consultations and surveys, one module per concept."""

from .comments import (
    FLAGS_TO_HIDE,
    NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Comment,
    CommentFlag,
    CommentStatus,
    FlagReason,
    ModerationAction,
    ModerationDecision,
    RejectionReason,
    Stance,
)
from .consultation import Article, ConsultationIndexPage, ConsultationPage, ConsultationStatus, ModerationMode
from .surveys import COUNTED_TYPES, SCALE_POINTS, SurveyField, SurveyFieldType, SurveyPage, SurveySubmission

__all__ = [
    "COUNTED_TYPES",
    "FLAGS_TO_HIDE",
    "NAME_MAX_LENGTH",
    "SCALE_POINTS",
    "TEXT_MAX_LENGTH",
    "Article",
    "Comment",
    "CommentFlag",
    "CommentStatus",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationStatus",
    "FlagReason",
    "ModerationAction",
    "ModerationDecision",
    "ModerationMode",
    "RejectionReason",
    "Stance",
    "SurveyField",
    "SurveyFieldType",
    "SurveyPage",
    "SurveySubmission",
]
