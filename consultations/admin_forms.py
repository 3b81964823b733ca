"""The consultation's edit form: pasting a draft, and never losing an article with comments."""

from django import forms
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel

from consultations.drafts import merge_draft, parse_draft, text_to_html


class PasteDraftPanel(FieldPanel):
    """The paste box is not a model field: it has nothing to compare between revisions."""

    class BoundPanel(FieldPanel.BoundPanel):
        def get_comparison(self):
            return []


class ConsultationPageForm(WagtailAdminPageForm):
    paste_draft = forms.CharField(
        label=_("Draft to split into articles"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Plain text. It is split when you save, and this box is emptied."),
    )

    def clean(self):
        cleaned = super().clean()
        draft = cleaned.get("paste_draft", "")
        body = cleaned.get("body")
        if draft and body is not None:
            self._merge_pasted_draft(cleaned, draft, body)
        cleaned["paste_draft"] = ""
        if cleaned.get("body") is not None:
            self._keep_commented_articles(cleaned["body"])
        return cleaned

    def _merge_pasted_draft(self, cleaned, draft, body):
        parsed = parse_draft(draft)
        if not parsed.articles:
            self.add_error(
                "paste_draft",
                _("No article headings were found. Each article must start on a line such as “Άρθρο 1”."),
            )
            return
        stream_block = body.stream_block
        raw, _added, _updated = merge_draft(body.get_prep_value(), parsed)
        cleaned["body"] = stream_block.to_python(raw)
        if parsed.preamble and not strip_tags(cleaned.get("introduction") or "").strip():
            cleaned["introduction"] = text_to_html(parsed.preamble)

    def _keep_commented_articles(self, body):
        """Refuse to save a text that drops an article somebody has commented on."""
        page = self.instance
        if not page.pk:
            return
        from consultations.models import Comment

        commented = set(
            Comment.objects.for_consultation(page).exclude(article_key="").values_list("article_key", flat=True)
        )
        kept = {str(block.id) for block in body if block.block_type == "article"}
        missing = commented - kept
        if missing:
            labels = [
                label
                for key, label in Comment.objects.filter(article_key__in=missing)
                .values_list("article_key", "article_label")
                .distinct()
            ]
            self.add_error(
                "body",
                _(
                    "These articles have comments and cannot be removed: %(articles)s. "
                    "Change their text instead, or add a note that they were withdrawn."
                )
                % {"articles": ", ".join(sorted(set(labels))) or ", ".join(sorted(missing))},
            )
