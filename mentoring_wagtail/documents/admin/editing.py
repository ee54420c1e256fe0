"""What the add and edit views of official documents add to Wagtail's own.

Wagtail 8 saves the edit form in the background (autosave: a POST that asks
for JSON) and renders previews from it. Only the user's own submit is an act
of the record's life: the form is told which kind of POST it serves
(``form.explicit_save``), so a registration number is taken only then.

When autosave created the record, the user's first own save is still the one
that creates it for them: it says «создан», not «изменён».

Two secretaries saving the same number at the same moment both pass
validation; the database's unique constraint refuses the second. That
refusal is a form error on the number, not a server error.
"""

from django.contrib.admin.utils import quote
from django.db import IntegrityError
from wagtail.models import Site
from wagtail.snippets.views import snippets

from ...section.site_settings import OrganisationSettings
from ..numbering_errors import duplicate_number_error

SESSION_KEY = "mentoring_wagtail_created_by_autosave"


def _key(obj):
    return f"{obj._meta.label_lower}:{quote(obj.pk)}"


def remember_created_by_autosave(request, obj):
    keys = request.session.get(SESSION_KEY, [])
    if _key(obj) not in keys:
        request.session[SESSION_KEY] = [*keys, _key(obj)][-50:]


def pop_created_by_autosave(request, obj):
    keys = request.session.get(SESSION_KEY, [])
    if _key(obj) not in keys:
        return False
    request.session[SESSION_KEY] = [key for key in keys if key != _key(obj)]
    return True


class ExplicitSaveMixin:
    """Tells the form whether this POST is the user's own submit."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.explicit_save = (
            self.request.method == "POST" and not self.expects_json_response
        )
        return form

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except IntegrityError:
            # The transaction of the save is rolled back already.
            error = duplicate_number_error(form.instance)
            if error is None:
                raise
            form.add_error("number", error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = error
            return self.form_invalid(form)


class OfficialDocumentCreateView(ExplicitSaveMixin, snippets.CreateView):
    def get_initial_form_instance(self):
        """A new document's signatory is the director from «Организация»."""
        instance = super().get_initial_form_instance()
        fields = {f.name for f in self.model._meta.get_fields()}
        if not {"signatory_title", "signatory_name"} <= fields:
            return instance

        site = Site.find_for_request(self.request)
        if site is None:
            return instance
        organisation = OrganisationSettings.for_site(site)
        instance = instance or self.model()
        instance.signatory_title = organisation.director_title
        instance.signatory_name = organisation.director_name
        return instance

    def save_action(self):
        if self.expects_json_response:
            remember_created_by_autosave(self.request, self.object)
        return super().save_action()


class CreatedByAutosaveMessageMixin:
    """For the edit view: the first own save of an autosaved record «создан»."""

    def get_success_message(self, instance=None):
        if self.expects_json_response or not pop_created_by_autosave(
            self.request, self.object
        ):
            return super().get_success_message(instance)
        # Wagtail words its messages by view: «создан», «создан и опубликован».
        self.view_name = "create"
        try:
            return super().get_success_message(instance)
        finally:
            self.view_name = "edit"
