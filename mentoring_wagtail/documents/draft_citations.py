"""Who cites a record in a draft that is in approval.

Wagtail's reference index holds what a page or snippet cites in its saved
row, not in its revisions: a roadmap whose draft, on its way through an
approval route, names an order as the approving one does not show in the
order's usage, and the order could be deleted under it. Here every revision
of every object with an open workflow (in progress or sent back for changes)
is read with the reference index's own extraction.
"""

from wagtail.models import ReferenceIndex, Revision, WorkflowState

OPEN_STATES = (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)


def _cites(obj, content_type_id, object_id):
    for reference in ReferenceIndex._extract_references_from_object(obj):
        if reference[0] == content_type_id and reference[1] == object_id:
            return True
    return False


def citing_drafts(instance):
    """Objects in an open workflow one of whose revisions cites ``instance``."""
    content_type = ReferenceIndex._get_base_content_type(instance)
    object_id = str(instance.pk)
    found = []
    states = WorkflowState.objects.filter(status__in=OPEN_STATES)
    for state in states.select_related("base_content_type"):
        revisions = Revision.objects.filter(
            base_content_type=state.base_content_type, object_id=state.object_id
        ).order_by("-created_at")
        for revision in revisions:
            draft = revision.as_object()
            if _cites(draft, content_type.id, object_id):
                found.append(draft)
                break
    return found


def citing_published(instance):
    """The first object whose saved row cites ``instance``, or None."""
    for source, _references in ReferenceIndex.get_grouped_references_to(instance):
        return source
    return None
