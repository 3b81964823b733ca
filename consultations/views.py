"""Public views of consultations and surveys. Thin: they parse input, call the
submission, moderation and query modules and render. Pages call them from their
routes (see the page models)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Locale

from consultations import moderation
from consultations.dates import format_deadline, time_left
from consultations.exports import LICENSE_NAME, LICENSE_URL, public_export_response
from consultations.forms import CommentForm, FlagForm
from consultations.models import (
    Comment,
    ConsultationPage,
    ConsultationStatus,
    ModerationMode,
    Stance,
    SurveyPage,
)
from consultations.queries import ConsultationComments, SurveyResults
from consultations.submission import CommentRefused, closed_message, ip_rate, submit_comment
from consultations.surveys import municipality_choices
from core import visits
from core.page_views import page_view
from core.spam import captcha_offline, over_rate_limit
from directory.locale_fallback import LocaleUrls

COMMENTS_PER_ARTICLE_ON_PAGE = 5
COMMENTS_PAGE_SIZE = 30
FLAG_RATE = "10/h"
SURVEY_RATE = "10/h"
ALL_ARTICLES = "all-articles"
AWAITING_MODERATION_MESSAGE = gettext_lazy(
    "Thank you. Your comment was received and is awaiting moderation. It will appear once a moderator approves it."
)


# --- the index -----------------------------------------------------------------


def _listed(model, page):
    """The live `model` children of the index `page`, and in a language other than the
    default one also the default-language children that have no live translation in
    it: re-rooted under this page (directory.locale_fallback), so their links stay in
    the visitor's language and templates mark them lang="el". Each translation group
    is listed once."""
    own = list(model.objects.live().child_of(page))
    default = Locale.get_default()
    source = page.get_translation_or_none(default) if page.locale_id != default.pk else None
    if source is None:
        return own
    others = list(model.objects.live().child_of(source))
    LocaleUrls(page.locale).reroot(others)
    listed = {p.translation_key for p in own}
    return own + [
        p for p in others if getattr(p, "translated_page_id", None) is None and p.translation_key not in listed
    ]


@page_view("consultations.ConsultationIndexPage", "context")
def consultation_index_context(request, page):
    now = timezone.now()
    consultations = sorted(_listed(ConsultationPage, page), key=lambda c: c.starts_at, reverse=True)
    groups = {status: [] for status in ConsultationStatus.values}
    archived = []
    for consultation in consultations:
        if consultation.archived:
            archived.append(consultation)
        else:
            groups[consultation.status_at(now)].append(consultation)
    surveys = sorted(_listed(SurveyPage, page), key=lambda s: s.first_published_at or now, reverse=True)
    return {
        "open_consultations": groups[ConsultationStatus.OPEN],
        "upcoming_consultations": groups[ConsultationStatus.UPCOMING],
        "closed_consultations": groups[ConsultationStatus.CLOSED] + groups[ConsultationStatus.RESULTS],
        "archived_consultations": archived,
        "surveys": surveys,
        "now": now,
    }


# --- a consultation ----------------------------------------------------------------


def _status_context(page, now=None):
    now = now or timezone.now()
    canonical = page.canonical
    status = canonical.status_at(now)
    return {
        "status": status,
        "status_label": ConsultationStatus(status).label,
        "accepts_comments": page.accepts_comments_at(now),
        "starts_at_text": format_deadline(canonical.starts_at),
        "ends_at_text": format_deadline(canonical.ends_at),
        "time_left": time_left(canonical.ends_at, now) if status == ConsultationStatus.OPEN else "",
        "time_to_start": time_left(canonical.starts_at, now) if status == ConsultationStatus.UPCOMING else "",
        "deadline_iso": canonical.ends_at.isoformat(),
        "pre_moderated": canonical.moderation == ModerationMode.PRE,
        "license_name": LICENSE_NAME,
        "license_url": LICENSE_URL,
    }


def _comment_form(page, data=None, article=""):
    articles = [(article.key, article.label) for article in page.articles()]
    if data is not None:
        return CommentForm(data, articles=articles)
    keys = {key for key, _label in articles}
    return CommentForm(initial={"article": article if article in keys else ""}, articles=articles)


@page_view("consultations.ConsultationPage", "context")
def consultation_context(request, page):
    query = ConsultationComments(page)
    counts = query.counts_by_article()
    by_article = query.first_per_article(COMMENTS_PER_ARTICLE_ON_PAGE)
    articles = [
        {
            "article": article,
            "count": counts.get(article.key, 0),
            "comments": by_article.get(article.key, []),
        }
        for article in query.articles
    ]
    chapters = []
    for item in articles:
        if not chapters or chapters[-1]["heading"] != item["article"].chapter:
            chapters.append({"heading": item["article"].chapter, "articles": []})
        chapters[-1]["articles"].append(item)
    context = _status_context(page)
    context.update(
        {
            "chapters": chapters,
            "article_count": len(articles),
            "general_comments": by_article.get("", []),
            "general_count": counts.get("", 0),
            "total_comments": sum(counts.values()),
            "per_page_limit": COMMENTS_PER_ARTICLE_ON_PAGE,
            "form": _comment_form(page, article=request.GET.get("article", "")),
            "captcha_offline": captcha_offline(),
        }
    )
    return context


def _comment_page(request, page, form, status=200):
    context = {"page": page, "self": page, "form": form, "captcha_offline": captcha_offline()}
    context.update(_status_context(page))
    key = form["article"].value() or ""
    context["chosen_article"] = next((a for a in page.articles() if a.key == key), None)
    return TemplateResponse(request, "consultations/comment_form_page.html", context, status=status)


@page_view("consultations.ConsultationPage", "comment")
def comment(request, page):
    """The comment form on its own page (GET) and every submission (POST, then redirect)."""
    if request.method != "POST":
        return _comment_page(request, page, _comment_form(page, article=request.GET.get("article", "")))
    form = _comment_form(page, data=request.POST)
    if not page.accepts_comments_at():
        form.is_valid()
        form.add_error(None, closed_message(page.canonical, timezone.now()))
        return _comment_page(request, page, form, status=403)
    if over_rate_limit(request, "consultation-comment", ip_rate()):
        form.is_valid()
        form.add_error(None, _("Many comments have come from your connection in a short time. Please try again later."))
        return _comment_page(request, page, form, status=429)
    if form.is_valid():
        try:
            comment, _created = submit_comment(page, form.cleaned_data, translation.get_language() or "el")
        except CommentRefused as refusal:
            form.add_error(None, refusal.message)
            return _comment_page(request, page, form, status=429 if refusal.code == "email_rate" else 403)
        visits.note_action(request, visits.COMMENT, target=comment.pk)  # campaign reach (core/visits.py)
        if comment.status == "approved":
            messages.success(request, _("Thank you. Your comment has been published."))
            return redirect(page.get_url(request) + f"#comment-{comment.pk}")
        messages.success(
            request,
            AWAITING_MODERATION_MESSAGE,
        )
        return redirect(page.get_url(request) + "#main-content")
    return _comment_page(request, page, form, status=400)


@page_view("consultations.ConsultationPage", "comments")
def comment_list(request, page):
    """Published comments, all or those on one article (?article=<id>), paginated."""
    query = ConsultationComments(page)
    article = request.GET.get("article")
    if article == ALL_ARTICLES:
        article = None
    keys = {a.key for a in query.articles} | {""}
    problem = ""
    if article is not None and article not in keys:
        problem = _("That article does not exist in this consultation; all comments are shown.")
        article = None
    comments = query.published(article)
    paginator = Paginator(comments, COMMENTS_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "page": page,
        "self": page,
        "articles": query.articles,
        "counts": query.counts_by_article(),
        "selected_article": article,
        "selected_label": query.label_for(article) if article is not None else "",
        "comments": page_obj,
        "problem": problem,
    }
    context.update(_status_context(page))
    return TemplateResponse(request, "consultations/comment_list.html", context)


@page_view("consultations.ConsultationPage", "flag")
def flag_comment(request, page, comment_id):
    comment = Comment.objects.for_consultation(page).published().filter(pk=comment_id).first()
    if comment is None:
        raise Http404
    form = FlagForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if over_rate_limit(request, "consultation-flag", FLAG_RATE):
            form.is_valid()
            form.add_error(None, _("You have flagged several comments in a short time. Please try again later."))
            status = 429
        elif form.is_valid():
            moderation.flag(comment, form.cleaned_data["reason"], form.cleaned_data["note"])
            messages.success(request, _("Thank you. A moderator will look at this comment."))
            return redirect(page.get_url(request) + f"#comment-{comment.pk}")
        else:
            status = 400
    context = {"page": page, "self": page, "comment": comment, "form": form, "captcha_offline": captcha_offline()}
    return TemplateResponse(request, "consultations/flag_form_page.html", context, status=status)


@page_view("consultations.ConsultationPage", "results")
def results(request, page):
    """Counts and stances per article (a chart and its table), and the published report."""
    context = _status_context(page)
    if context["status"] in (ConsultationStatus.UPCOMING,):
        raise Http404
    query = ConsultationComments(page)
    tallies = query.tallies()
    largest = max([t.total for t in tallies] or [0]) or 1
    for tally in tallies:
        tally.percent = round(100 * tally.total / largest)
        tally.stance_rows = [(stance, Stance(stance).label, count) for stance, count in tally.stances.items()]
    context.update(
        {
            "page": page,
            "self": page,
            "tallies": tallies,
            "stance_labels": [Stance(stance).label for stance in Stance.values],
            "total": sum(t.total for t in tallies),
            "canonical": page.canonical,
        }
    )
    return TemplateResponse(request, "consultations/results.html", context)


@page_view("consultations.ConsultationPage", "export")
def public_export(request, page, fmt):
    return public_export_response(page, fmt, request)


# --- surveys -------------------------------------------------------------------------


def _survey_context(page, form):
    now = timezone.now()
    return {
        "page": page,
        "self": page,
        "form": form,
        "is_open": page.is_open_at(now),
        "not_yet_open": page.opens_at is not None and now < page.opens_at,
        "opens_at_text": format_deadline(page.opens_at) if page.opens_at else "",
        "closes_at_text": format_deadline(page.closes_at) if page.closes_at else "",
        "captcha_offline": captcha_offline(),
    }


@page_view("consultations.SurveyPage", "form")
def survey_form(request, page):
    if request.method != "POST":
        form = page.get_form(page=page, user=None)
        return TemplateResponse(request, page.get_template(request), _survey_context(page, form))
    form = page.get_form(request.POST, page=page, user=None)
    status = 400
    if not page.is_open_at():
        form.is_valid()
        form.add_error(None, _("This survey is not open for answers."))
        status = 403
    elif over_rate_limit(request, "survey-answer", SURVEY_RATE):
        form.is_valid()
        form.add_error(None, _("Many answers have come from your connection in a short time. Please try again later."))
        status = 429
    elif form.is_valid():
        page.process_form_submission(form)
        return redirect(page.get_url(request) + "thanks/")
    return TemplateResponse(request, page.get_template(request), _survey_context(page, form), status=status)


@page_view("consultations.SurveyPage", "thanks")
def survey_thanks(request, page):
    context = {"page": page, "self": page}
    return TemplateResponse(request, page.get_landing_page_template(request), context)


@page_view("consultations.SurveyPage", "results")
def survey_public_results(request, page):
    if not page.publish_results:
        raise Http404
    results_query = SurveyResults(page)
    context = {"page": page, "self": page, "questions": _chart_rows(results_query), "total": results_query.total}
    return TemplateResponse(request, "consultations/survey_results.html", context)


def _chart_rows(results_query):
    questions = []
    for field, rows, answered in results_query.questions():
        largest = max([n for _answer, n in rows] or [0]) or 1
        questions.append(
            {
                "field": field,
                "answered": answered,
                "rows": [{"answer": answer, "count": n, "percent": round(100 * n / largest)} for answer, n in rows],
            }
        )
    return questions


def survey_results_context(page, municipality=""):
    """What the staff results page shows (also used by the admin view)."""
    results_query = SurveyResults(page, municipality)
    names = dict(municipality_choices(Locale.get_active()))
    counts = results_query.municipality_counts()
    return {
        "questions": _chart_rows(results_query),
        "total": results_query.total,
        "municipalities": [(code, names.get(code, code), n) for code, n in counts.items()],
        "municipality": municipality,
        "municipality_name": names.get(municipality, municipality),
    }
