"""Answering a questionnaire through a single-use link.

The page's model calls into this module and this module reads the records
through the page (its links, its submission class), importing no model.

Every refusal (no link, forged or used link, closed questionnaire, a
satisfaction value off the scale) gets a Russian message and saves nothing;
the link is spent in the same transaction as the answer is written, so two
submissions racing on one link cannot both succeed.
"""

from django import forms
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.forms.forms import FormBuilder

from ..conf import get_setting as package_setting
from ..public import rate_limit
from .token_hash import hash_token

TOKEN_PARAM = "k"  # noqa: S105 - the query parameter's name, not a secret


class QuestionnaireFormBuilder(FormBuilder):
    def __init__(self, fields, page):
        super().__init__(fields)
        self.page = page

    def create_satisfaction_field(self, field, options):
        low, high = self.page.scale_min, self.page.scale_max
        message = _("Choose a value from %(low)s to %(high)s.") % {
            "low": low,
            "high": high,
        }
        options.pop("initial", None)
        return forms.TypedChoiceField(
            choices=[(value, str(value)) for value in range(low, high + 1)],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": message, "required": message},
            **options,
        )


class Refusal(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def find_token(questionnaire, token):
    """The unused link of this questionnaire, or a ``Refusal``."""
    if not token:
        raise Refusal(
            _(
                "This questionnaire is answered through a personal link. "
                "Ask the programme's curator for yours."
            )
        )
    link = (
        questionnaire.tokens.filter(token_hash=hash_token(token))
        .select_related("group")
        .first()
    )
    if link is None:
        raise Refusal(
            _(
                "This link is not valid. Check that it was copied whole, "
                "or ask the curator for a new one."
            )
        )
    if link.used_at is not None:
        raise Refusal(
            _("This link has already been used: each link accepts one answer.")
        )
    return link


def check_open(questionnaire):
    if questionnaire.is_closed():
        raise Refusal(
            _("The questionnaire closed on %(date)s; answers are no longer accepted.")
            % {
                "date": timezone.localtime(questionnaire.closes_at).strftime(
                    "%d.%m.%Y %H:%M"
                )
            }
        )


@transaction.atomic
def save_answer(questionnaire, link, form):
    spent = (
        type(link)
        .objects.filter(pk=link.pk, used_at__isnull=True)
        .update(used_at=timezone.now())
    )
    if not spent:
        raise Refusal(
            _("This link has already been used: each link accepts one answer.")
        )
    data = dict(form.cleaned_data)
    name = questionnaire.satisfaction_field_name()
    return questionnaire.get_submission_class().objects.create(
        site_id=link.site_id,
        page=questionnaire,
        form_data=data,
        group=link.group,
        role=link.role,
        respondent_kind=link.respondent_kind,
        satisfaction=data.get(name) if name else None,
        token=link,
        person=link.person if questionnaire.stores_names else None,
    )


def _refuse(questionnaire, request, message):
    context = questionnaire.get_context(request)
    context["refusal"] = message
    return TemplateResponse(
        request, questionnaire.get_template(request), context, status=403
    )


def _too_many(questionnaire, request):
    response = _refuse(
        questionnaire,
        request,
        _(
            "Too many attempts from your address. Wait a few minutes and open "
            "your personal link again."
        ),
    )
    response.status_code = 429
    response["Retry-After"] = str(package_setting("PUBLIC_FORM_WINDOW"))
    return response


def serve_questionnaire(questionnaire, request, *args, **kwargs):
    window = package_setting("PUBLIC_FORM_WINDOW")
    bad_links = package_setting("PUBLIC_FORM_BAD_LINK_LIMIT")
    if rate_limit.exceeded("bad-link", request, bad_links, window):
        return _too_many(questionnaire, request)
    if request.method == "POST" and rate_limit.hit("post", request, window) > (
        package_setting("PUBLIC_FORM_POST_LIMIT") or float("inf")
    ):
        return _too_many(questionnaire, request)
    token = request.POST.get(TOKEN_PARAM) or request.GET.get(TOKEN_PARAM) or ""
    try:
        check_open(questionnaire)
        link = find_token(questionnaire, token)
    except Refusal as refusal:
        if token:
            rate_limit.hit("bad-link", request, window)
        return _refuse(questionnaire, request, refusal.message)
    if request.method == "POST":
        form = questionnaire.get_form(
            request.POST, page=questionnaire, user=request.user
        )
        if form.is_valid():
            try:
                answer = save_answer(questionnaire, link, form)
            except Refusal as refusal:
                return _refuse(questionnaire, request, refusal.message)
            return questionnaire.render_landing_page(request, answer)
    else:
        form = questionnaire.get_form(page=questionnaire, user=request.user)
    context = questionnaire.get_context(request)
    context["form"] = form
    context["token"] = token
    context["token_param"] = TOKEN_PARAM
    response = TemplateResponse(request, questionnaire.get_template(request), context)
    response["Cache-Control"] = "no-store"
    # The token is in the URL: never send it to another site. («no-referrer»
    # would make the browser send «Origin: null» and fail the CSRF check.)
    response["Referrer-Policy"] = "same-origin"
    return response
