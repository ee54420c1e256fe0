"""May this user open this document? One answer for serving and for pages.

A Wagtail document becomes part of a record when a record's field points to
it (an order's signed scan or Word draft, the file of a regulation, a
programme or another programme document: every foreign key from the
package's models to the document model) or when a page cites it (roadmap
evidence, found through Wagtail's reference index). The answer:

1. a collection's privacy (login, groups, password) always applies;
2. the main file of a published record (``primary_file_field``: the signed
   scan of an order, the file of a regulation) is public;
3. any other attachment (a Word draft, the file of an unpublished, draft or
   under-approval record) opens only for users with a right on the record or
   on the document itself (Wagtail's document permissions);
4. a document cited by a live page and attached to nothing is public;
5. anything else in the mentoring collection (files of a draft revision,
   uploads not yet attached) stays inside, like rule 3; documents of the
   site's other collections keep Wagtail's rules.

Whatever the rules above say, a file that names people (the appendix of an
order fixing mentoring pairs lists mentees, many of them minors) is treated
like rule 3 unless every person it names consented to publication. The core
cannot know who a file names: apps answer through the
``mentoring_document_names_people`` hook (``withheld_document_ids``).

``open_document_ids`` answers for many documents in a fixed number of
queries (the public roadmap's evidence); ``may_open_document`` for one; the
``before_serve_document`` hook (in ``wagtail_hooks``) and the public templates
both use them.
"""

import functools

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    ReferenceIndex,
)
from wagtail.permissions import policy_registry

from ..access.permissions import get_policy
from ..conf import get_setting


def mentoring_collection_paths():
    """Tree paths of the top-level collections named like the mentoring one."""
    return list(
        Collection.objects.filter(
            depth=2, name=get_setting("DOCUMENTS_COLLECTION_NAME")
        ).values_list("path", flat=True)
    )


@functools.cache
def attachment_fields():
    """``(model, field name, public once published)`` of every document FK."""
    document_model = get_document_model()
    found = []
    for model in apps.get_app_config("mentoring_wagtail").get_models():
        primary = getattr(model, "primary_file_field", None)
        for field in model._meta.get_fields():
            if (
                field.is_relation
                and field.concrete
                and field.many_to_one
                and field.related_model is document_model
            ):
                found.append((model, field.name, field.name == primary))
    return tuple(found)


def _attachments(ids):
    """``{document id: [(record, public once published)]}``."""
    found = {}
    for model, name, public in attachment_fields():
        records = model._default_manager.filter(**{f"{name}_id__in": ids})
        for record in records:
            found.setdefault(getattr(record, f"{name}_id"), []).append((record, public))
    return found


def _citing_pages(ids):
    """``{document id: [page]}`` of the pages citing the documents."""
    document_type = ContentType.objects.get_for_model(get_document_model())
    rows = ReferenceIndex.objects.filter(
        to_content_type=document_type,
        to_object_id__in=[str(pk) for pk in ids],
        base_content_type=ContentType.objects.get_for_model(Page),
    ).values_list("to_object_id", "object_id")
    by_page = {}
    for document_id, page_id in rows:
        by_page.setdefault(int(page_id), set()).add(int(document_id))
    found = {}
    if by_page:
        for page in Page.objects.filter(pk__in=by_page).specific(defer=True):
            for document_id in by_page[page.pk]:
                found.setdefault(document_id, []).append(page)
    return found


def _restrictions():
    return list(
        CollectionViewRestriction.objects.select_related("collection").order_by("pk")
    )


def _restriction_accepts(restriction, user, request):
    if request is not None:
        return restriction.accept_request(request)
    kind = restriction.restriction_type
    if kind == BaseViewRestriction.LOGIN:
        return user.is_authenticated
    if kind == BaseViewRestriction.GROUPS:
        return user.is_superuser or bool(
            set(restriction.groups.values_list("pk", flat=True))
            & set(user.groups.values_list("pk", flat=True))
        )
    return False  # a password only a request can carry


def collection_allows(document, user, request=None, restrictions=None):
    """Does the privacy of the document's collection let ``user`` in?"""
    if restrictions is None:
        restrictions = _restrictions()
    path = document.collection.path
    return all(
        _restriction_accepts(restriction, user, request)
        for restriction in restrictions
        if path.startswith(restriction.collection.path)
    )


NAMES_PEOPLE_HOOK = "mentoring_document_names_people"


def withheld_document_ids(ids):
    """Ids among ``ids`` of files naming people who did not all consent.

    Every function registered with the ``mentoring_document_names_people``
    hook takes a list of document ids and returns the ids of those naming
    someone without a valid consent to publication (a fixed number of
    queries for the whole list).
    """
    ids = [pk for pk in ids if pk is not None]
    found = set()
    if ids:
        for answer in hooks.get_hooks(NAMES_PEOPLE_HOOK):
            found.update(answer(ids) or ())
    return found


def _may_see_record(user, record):
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if isinstance(record, Page):
        tester = record.permissions_for_user(user)
        return tester.can_edit() or "view" in tester.permissions

    return get_policy(type(record)).user_has_any_permission_for_instance(
        user, ["view", "change", "publish"], record
    )


def _may_manage_document(user, document):
    if not (user.is_authenticated and user.is_active):
        return False
    permission_policy = policy_registry.get_by_type(get_document_model())
    return permission_policy.user_has_permission_for_instance(user, "change", document)


def _records_allow(user, document, attached, cited, mentoring_paths, withheld):
    if not withheld and any(
        public and getattr(record, "live", False) for record, public in attached
    ):
        return True
    if _may_manage_document(user, document):
        return True
    if any(_may_see_record(user, record) for record, _public in attached):
        return True
    if attached or withheld:
        return False
    if any(page.live for page in cited):
        return True
    if any(_may_see_record(user, page) for page in cited):
        return True
    return not any(document.collection.path.startswith(p) for p in mentoring_paths)


def open_document_ids(user, documents, request=None):
    """Ids of the ``documents`` that ``user`` may open (anonymous if ``None``)."""
    user = user or AnonymousUser()
    documents = [document for document in documents if document is not None]
    if not documents:
        return set()
    ids = [document.pk for document in documents]
    attachments = _attachments(ids)
    citations = _citing_pages(ids)
    restrictions = _restrictions()
    mentoring_paths = mentoring_collection_paths()
    withheld = _withheld(ids, request)
    return {
        document.pk
        for document in documents
        if collection_allows(document, user, request, restrictions)
        and _records_allow(
            user,
            document,
            attachments.get(document.pk, []),
            citations.get(document.pk, []),
            mentoring_paths,
            document.pk in withheld,
        )
    }


def _withheld(ids, request):
    """``withheld_document_ids``, remembered for the request's lifetime."""
    if request is None:
        return withheld_document_ids(ids)
    cache = request.__dict__.setdefault("_mentoring_withheld_documents", {})
    missing = [pk for pk in ids if pk not in cache]
    if missing:
        withheld = withheld_document_ids(missing)
        cache.update({pk: pk in withheld for pk in missing})
    return {pk for pk in ids if cache[pk]}


def may_open_document(user, document, request=None):
    """May ``user`` (anonymous if ``None``) open ``document``?"""
    return document is not None and document.pk in open_document_ids(
        user, [document], request
    )
