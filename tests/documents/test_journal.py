"""The registration journal at the request level: one number per explicit act.

Autosave is a POST of the edit form asking for JSON; a preview is a POST to
the preview URL. Neither takes a number. A number freed by deleting an
unsigned draft is given again. A number saved twice at the same moment is a
form error on the number field, never a server error.
"""

import datetime
import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client

from mentoring_wagtail.documents.numbering import OrderJournal
from mentoring_wagtail.models import Order

from ..documents_support import TODAY, make_order, publish_obj
from .test_documents_admin import AdminTestCase, url

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def last_seq():
    row = OrderJournal.objects.first()
    return row.last_seq if row else 0


class TestNoNumberWithoutAnExplicitAct(AdminTestCase):
    def test_autosave_of_a_new_order_takes_no_number(self):
        response = self.client.post(
            url(Order, "add"), self.order_form(register_now="on"), **AUTOSAVE
        )
        self.assertEqual(response.status_code, 200, response.content)
        self.assertTrue(response.json()["success"])
        order = Order.objects.get()
        self.assertEqual(order.get_latest_revision_as_object().number, "")
        self.assertEqual(last_seq(), 0)

    def test_autosaves_of_an_order_take_no_number_and_the_save_takes_one(self):
        self.client.post(
            url(Order, "add"), self.order_form(register_now="on"), **AUTOSAVE
        )
        order = Order.objects.get()
        edit = url(Order, "edit", order.pk)
        for n in range(3):
            revision = order.get_latest_revision()
            response = self.client.post(
                edit,
                self.order_form(
                    register_now="on",
                    summary=f"Правка {n}",
                    overwrite_revision_id=revision.pk,
                ),
                **AUTOSAVE,
            )
            self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(last_seq(), 0)

        response = self.client.post(
            edit,
            self.order_form(
                register_now="on", overwrite_revision_id=order.get_latest_revision().pk
            ),
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            Order.objects.get().get_latest_revision_as_object().number, "1-ОД"
        )
        self.assertEqual(last_seq(), 1)
        # The first own save of what autosave created says «создан».
        message = [str(m) for m in get_messages(response.wsgi_request)][-1]
        self.assertIn("создан", message)
        self.assertNotIn("обновлен", message)
        # Shown at once in the form.
        page = self.client.get(edit)
        self.assertContains(page, 'value="1-ОД"')

    def test_a_later_save_says_updated(self):
        self.client.post(url(Order, "add"), self.order_form())
        order = Order.objects.get()
        response = self.client.post(url(Order, "edit", order.pk), self.order_form())
        message = [str(m) for m in get_messages(response.wsgi_request)][-1]
        self.assertIn("обновлен", message)

    def test_a_preview_takes_no_number(self):
        response = self.client.post(
            url(Order, "preview_on_add"), self.order_form(register_now="on")
        )
        self.assertEqual(response.status_code, 200)
        order = make_order(self.site)
        response = self.client.post(
            url(Order, "preview_on_edit", order.pk),
            self.order_form(register_now="on"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(last_seq(), 0)
        self.assertEqual(Order.objects.exclude(number="").count(), 0)

    def test_publishing_by_autosave_is_impossible_and_takes_no_number(self):
        self.client.post(
            url(Order, "add"),
            self.order_form(**{"action-publish": "action-publish"}),
            **AUTOSAVE,
        )
        self.assertEqual(last_seq(), 0)


class TestFreedNumbers(AdminTestCase):
    def register(self, **fields):
        self.client.post(
            url(Order, "add"), self.order_form(register_now="on", **fields)
        )
        return Order.objects.order_by("-pk").first()

    def test_the_number_of_a_deleted_draft_is_given_again(self):
        first = self.register(title="Первый")
        second = self.register(title="Второй")
        self.assertEqual((first.number, second.number), ("1-ОД", "2-ОД"))
        first.delete()
        # The form announces the freed number, and registration takes it.
        self.assertContains(self.client.get(url(Order, "add")), "1-ОД")
        third = self.register(title="Третий")
        self.assertEqual(third.number, "1-ОД")
        fourth = self.register(title="Четвёртый")
        self.assertEqual(fourth.number, "3-ОД")

    def test_the_number_of_an_order_once_signed_is_not_given_again(self):
        order = self.register(title="Подписанный")
        publish_obj(order)
        order.unpublish()
        Order.objects.get(pk=order.pk).delete()
        self.assertEqual(self.register(title="Новый").number, "2-ОД")

    def test_a_freed_number_typed_by_hand_leaves_the_free_list(self):
        first = self.register(title="Первый")
        self.register(title="Второй")
        first.delete()
        self.client.post(url(Order, "add"), self.order_form(number="1-ОД"))
        self.assertEqual(self.register(title="Третий").number, "3-ОД")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_secretaries_saving_the_same_number_at_once(django_user_model, monkeypatch):
    """Both pass validation together; the second gets a form error, not a 500."""
    from mentoring_wagtail.documents import numbering

    from ..documents_support import make_site_tree

    assert connection.vendor == "postgresql"
    site, _section, _registry = make_site_tree()
    users = [
        django_user_model.objects.create_superuser(f"secretary{n}", "", "pw")
        for n in range(2)
    ]
    both_validated = threading.Barrier(2, timeout=20)
    original = numbering.number_taken

    def number_taken_then_wait(*args, **kwargs):
        taken = original(*args, **kwargs)
        if threading.current_thread() is not threading.main_thread():
            try:
                both_validated.wait()
            except threading.BrokenBarrierError:
                pass
        return taken

    monkeypatch.setattr(numbering, "number_taken", number_taken_then_wait)
    responses = []

    def save(user):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        data = {
            "title": f"Приказ {user.username}",
            "number": "7-ОД",
            "date": (TODAY - datetime.timedelta(days=1)).isoformat(),
            "site": site.pk,
            "kind": "pairs",
        }
        try:
            responses.append(client.post(url(Order, "add"), data))
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    codes = sorted(response.status_code for response in responses)
    assert codes == [200, 302], codes
    refused = next(r for r in responses if r.status_code == 200)
    assert "7-ОД" in refused.context["form"].errors["number"][0]
    assert Order.objects.filter(number="7-ОД").count() == 1


class TestNewOrderDefaults(AdminTestCase):
    def test_a_new_order_is_dated_today_with_the_kind_most_registered(self):
        make_order(self.site, number="1-ОД", kind="pairs")
        make_order(self.site, number="2-ОД", kind="pairs")
        make_order(self.site, number="3-ОД", kind="curators")
        make_order(self.site, number="", kind="curators")  # a draft: not counted
        make_order(self.site, number="", kind="curators")
        form = self.client.get(url(Order, "add")).context["form"]
        self.assertEqual(form["date"].value(), TODAY)
        self.assertEqual(form["kind"].value(), "pairs")

    def test_without_orders_the_kind_is_the_usual_default(self):
        form = self.client.get(url(Order, "add")).context["form"]
        self.assertEqual(form["date"].value(), TODAY)
        self.assertEqual(form["kind"].value(), "other")


class TestRevocationChoices(AdminTestCase):
    def test_only_orders_in_force_can_cancel(self):
        from mentoring_wagtail.documents.admin.revocation import RevocationForm
        from mentoring_wagtail.models import Regulation

        in_force = make_order(self.site, number="1-ОД", publish=True)
        make_order(self.site, number="2-ОД")  # registered draft, never signed
        revoked = make_order(self.site, number="3-ОД", publish=True)
        Order.objects.filter(pk=revoked.pk).update(
            revoked_on=TODAY - datetime.timedelta(days=1)
        )
        make_order(
            self.site,
            number="4-ОД",
            publish=True,
            valid_until=TODAY - datetime.timedelta(days=1),
        )
        regulation = Regulation(site=self.site, title="Положение", date=TODAY)
        regulation.save()
        form = RevocationForm(instance=regulation)
        self.assertEqual(list(form.fields["revoked_by"].queryset), [in_force])
        response = self.client.get(url(Regulation, "revoke", regulation.pk))
        self.assertContains(response, "1-ОД")
        self.assertNotContains(response, "2-ОД")
