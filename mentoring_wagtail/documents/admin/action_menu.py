"""The edit view offers «Опубликовать» only when publishing can succeed.

An order is published (put in force) only with its signed scan
(``get_publish_errors``). Wagtail shows «Опубликовать» to whoever holds the
publish permission; for an order that lacks the scan the button would only
lead to a refusal, so it is not offered. The dashboard and the sign-off step
say what is missing.
"""

from ...approvals.models import latest_version


def publish_errors(instance):
    if instance is None or getattr(instance, "pk", None) is None:
        return {}
    getter = getattr(latest_version(instance), "get_publish_errors", None)
    return getter() if getter else {}


def drop_refused_publish(menu_items, request, context):
    """``construct_snippet_action_menu`` hook."""
    if context.get("view") != "edit":
        return
    if not publish_errors(context.get("instance")):
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
