"""The secretary's admin: registration, publishing, exports, revocation, .docx."""

import datetime
import io

import docx
from django.contrib.admin.utils import quote
from django.test import TestCase
from django.urls import reverse
from wagtail.models import ModelLogEntry, Site
from wagtail.test.utils import WagtailTestUtils

from mentoring_wagtail.models import Order, Regulation

from ..documents_support import (
    TODAY,
    docx_bytes,
    make_document,
    make_order,
    make_site_tree,
    publish_obj,
)


def url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


class AdminTestCase(WagtailTestUtils, TestCase):
    def setUp(self):
        self.site, self.section, self.registry = make_site_tree()
        self.user = self.login()

    def order_form(self, **overrides):
        data = {
            "title": "О закреплении наставнических пар",
            "number": "",
            "date": (TODAY - datetime.timedelta(days=3)).isoformat(),
            "site": self.site.pk,
            "kind": "pairs",
            "summary": "Закрепить наставнические пары на 2025/2026 учебный год.",
            "body": "В соответствии с положением о наставничестве\nПРИКАЗЫВАЮ:\n"
            "1. Закрепить пары.",
            "signatory_title": "Директор",
            "signatory_name": "А.Б. Вишнякова",
            "valid_until": "",
            "draft_file": "",
            "signed_scan": "",
        }
        data.update(overrides)
        return data


class TestOrderRegistration(AdminTestCase):
    def test_the_form_suggests_the_next_number(self):
        make_order(self.site, number="4-ОД")
        from mentoring_wagtail.documents.numbering import note_manual_number

        note_manual_number(Order.objects.get())
        order = make_order(self.site)
        response = self.client.get(url(Order, "edit", order.pk))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "5-ОД")

    def test_the_add_form_suggests_the_first_number(self):
        response = self.client.get(url(Order, "add"))
        self.assertContains(response, "1-ОД")

    def test_saving_a_draft_with_register_now_takes_a_number(self):
        response = self.client.post(
            url(Order, "add"), self.order_form(register_now="on")
        )
        self.assertEqual(response.status_code, 302)
        order = Order.objects.get()
        self.assertEqual(order.number, "1-ОД")
        self.assertFalse(order.live)

    def test_a_draft_without_registration_keeps_no_number(self):
        self.client.post(url(Order, "add"), self.order_form())
        self.assertEqual(Order.objects.get().number, "")

    def test_a_duplicate_number_is_refused_and_nothing_changes(self):
        make_order(self.site, number="12-ОД")
        response = self.client.post(url(Order, "add"), self.order_form(number="12-ОД"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("number", response.context["form"].errors)
        self.assertIn("12-ОД", response.context["form"].errors["number"][0])
        self.assertEqual(Order.objects.count(), 1)

    def test_an_order_dated_too_far_ahead_is_refused(self):
        future = TODAY + datetime.timedelta(days=30)
        response = self.client.post(
            url(Order, "add"), self.order_form(date=future.isoformat())
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("date", response.context["form"].errors)
        self.assertFalse(Order.objects.exists())

    def test_a_date_within_the_margin_is_accepted(self):
        soon = TODAY + datetime.timedelta(days=2)
        response = self.client.post(
            url(Order, "add"), self.order_form(date=soon.isoformat())
        )
        self.assertEqual(response.status_code, 302)

    def test_publishing_without_the_signed_scan_is_refused(self):
        response = self.client.post(
            url(Order, "add"), self.order_form(**{"action-publish": "action-publish"})
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("signed_scan", response.context["form"].errors)
        self.assertFalse(Order.objects.exists())

    def test_publishing_with_the_scan_registers_and_publishes(self):
        scan = make_document("Скан приказа", filename="scan.pdf")
        response = self.client.post(
            url(Order, "add"),
            self.order_form(
                signed_scan=scan.pk, **{"action-publish": "action-publish"}
            ),
        )
        self.assertEqual(response.status_code, 302)
        order = Order.objects.get()
        self.assertTrue(order.live)
        self.assertEqual(order.number, "1-ОД")
        self.assertTrue(ModelLogEntry.objects.filter(action="wagtail.publish").exists())

    def test_a_word_file_as_the_signed_scan_is_refused(self):
        word = make_document("Проект", docx_bytes(), "draft.docx")
        response = self.client.post(
            url(Order, "add"), self.order_form(signed_scan=word.pk)
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("signed_scan", response.context["form"].errors)


class TestListing(AdminTestCase):
    def setUp(self):
        super().setUp()
        make_order(
            self.site,
            number="1-ОД",
            kind="implementation",
            date=datetime.date(2024, 8, 30),
            title="О реализации",
            publish=True,
        )
        make_order(
            self.site,
            number="2-ОД",
            kind="pairs",
            date=datetime.date(2025, 9, 2),
            title='=HYPERLINK("http://x")',
            publish=True,
        )
        revoked = make_order(
            self.site,
            number="3-ОД",
            kind="pairs",
            date=datetime.date(2025, 9, 3),
            title="О парах",
        )
        revoked.revoked_on = datetime.date(2025, 10, 1)
        revoked.save()

    def titles(self, response):
        return sorted(str(obj.title) for obj in response.context["object_list"])

    def test_filters_by_kind_year_and_status(self):
        response = self.client.get(url(Order, "list"), {"kind": "pairs"})
        self.assertEqual(self.titles(response), ['=HYPERLINK("http://x")', "О парах"])
        response = self.client.get(url(Order, "list"), {"year": "2024"})
        self.assertEqual(self.titles(response), ["О реализации"])
        response = self.client.get(url(Order, "list"), {"status": "revoked"})
        self.assertEqual(self.titles(response), ["О парах"])
        # Only published records are in force; a draft is a draft.
        response = self.client.get(url(Order, "list"), {"status": "in_force"})
        self.assertEqual(len(response.context["object_list"]), 2)
        make_order(self.site, title="Черновик")
        response = self.client.get(url(Order, "list"), {"status": "draft"})
        self.assertEqual(self.titles(response), ["Черновик"])

    def test_csv_export_neutralises_formulas(self):
        response = self.client.get(url(Order, "list"), {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        content = b"".join(response.streaming_content).decode("utf-8")
        self.assertIn("'=HYPERLINK", content)
        self.assertNotIn(",=HYPERLINK", content)
        self.assertIn("3-ОД", content)

    def test_xlsx_export_keeps_formulas_as_text(self):
        from openpyxl import load_workbook

        response = self.client.get(url(Order, "list"), {"export": "xlsx"})
        self.assertEqual(response.status_code, 200)
        content = b"".join(response.streaming_content)
        sheet = load_workbook(io.BytesIO(content)).active
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        # One rule for both formats: the apostrophe, as in the CSV.
        self.assertIn('\'=HYPERLINK("http://x")', values)
        self.assertTrue(
            all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
        )

    def test_search(self):
        response = self.client.get(url(Order, "list"), {"q": "реализации"})
        self.assertEqual(self.titles(response), ["О реализации"])


class TestRevocationInsteadOfDeletion(AdminTestCase):
    def setUp(self):
        super().setUp()
        self.order = make_order(self.site, number="5-ОД", publish=True)
        self.regulation = Regulation.objects.create(
            site=self.site,
            title="Положение о наставничестве",
            date=TODAY - datetime.timedelta(days=20),
            approved_by_order=self.order,
        )

    def test_deleting_a_referenced_order_is_refused(self):
        response = self.client.post(url(Order, "delete", quote(self.order.pk)))
        self.assertRedirects(response, url(Order, "revoke", self.order.pk))
        self.assertTrue(Order.objects.filter(pk=self.order.pk).exists())

    def test_bulk_deleting_a_referenced_order_is_refused(self):
        bulk_url = reverse(
            "wagtail_bulk_action",
            args=("mentoring_wagtail", "order", "delete"),
        )
        response = self.client.post(bulk_url + f"?id={self.order.pk}")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(Order.objects.filter(pk=self.order.pk).exists())

    def test_an_unreferenced_draft_can_be_deleted(self):
        draft = make_order(self.site)
        response = self.client.post(url(Order, "delete", quote(draft.pk)))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Order.objects.filter(pk=draft.pk).exists())

    def test_revocation_marks_the_record_and_logs_it(self):
        cancelling = make_order(self.site, number="9-ОД", publish=True)
        response = self.client.post(
            url(Regulation, "revoke", self.regulation.pk),
            {
                "revoked_on": TODAY.isoformat(),
                "revoked_by": cancelling.pk,
                "note": "новая редакция",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.regulation.refresh_from_db()
        self.assertEqual(self.regulation.revoked_on, TODAY)
        self.assertEqual(self.regulation.revoked_by, cancelling)
        self.assertEqual(self.regulation.status, "revoked")
        entry = ModelLogEntry.objects.get(action="mentoring_wagtail.revoke")
        self.assertEqual(entry.object_id, str(self.regulation.pk))
        self.assertEqual(entry.data["revoked_by_id"], cancelling.pk)

    def test_revocation_survives_publishing_an_older_draft(self):
        publish_obj(self.regulation)
        draft = self.regulation.save_revision()
        self.client.post(
            url(Regulation, "revoke", self.regulation.pk),
            {"revoked_on": TODAY.isoformat(), "revoked_by": "", "note": ""},
        )
        draft.publish()
        self.regulation.refresh_from_db()
        self.assertEqual(self.regulation.revoked_on, TODAY)

    def test_revocation_before_the_documents_date_is_refused(self):
        response = self.client.post(
            url(Order, "revoke", self.order.pk),
            {"revoked_on": "2000-01-01", "revoked_by": "", "note": ""},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("revoked_on", response.context["form"].errors)
        self.order.refresh_from_db()
        self.assertIsNone(self.order.revoked_on)

    def test_usage_view_lists_the_approved_regulation(self):
        response = self.client.get(url(Order, "usage", self.order.pk))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Положение о наставничестве")


class TestOrderDocx(AdminTestCase):
    def test_generate_docx_fills_the_requisites(self):
        order = make_order(
            self.site,
            number="21-ОД",
            date=datetime.date(2025, 8, 30),
            body="ПРИКАЗЫВАЮ:\n1. Утвердить положение о наставничестве.",
        )
        Regulation.objects.create(
            site=self.site,
            title="Положение о наставничестве",
            date=datetime.date(2025, 8, 30),
            approved_by_order=order,
        )
        response = self.client.get(url(Order, "docx", order.pk))
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        document = docx.Document(io.BytesIO(response.content))
        text = "\n".join(p.text for p in document.paragraphs)
        cells = "\n".join(
            cell.text
            for table in document.tables
            for row in table.rows
            for cell in row.cells
        )
        self.assertIn("«Средняя школа № 7»", text)
        self.assertIn("ПРИКАЗ", text)
        self.assertIn("О реализации целевой модели наставничества", text)
        self.assertIn("1. Утвердить положение о наставничестве.", text)
        self.assertIn("г. Лесногорск", text)
        self.assertIn("30.08.2025", cells)
        self.assertIn("№ 21-ОД", cells)
        self.assertIn("Директор", cells)
        self.assertIn("А.Б. Вишнякова", cells)
        # The approved regulation is a file of its own: the order names it in
        # the appendix mark, with no page holding only a stamp.
        self.assertIn("Приложение: Положение о наставничестве.", text)
        self.assertNotIn("УТВЕРЖДЕНО", text)
        self.assertNotIn("{{", text + cells)
        header = document.sections[0].header._element.xml
        self.assertIn(" PAGE ", header)

    def test_docx_uses_the_latest_draft(self):
        order = make_order(self.site, number="3-ОД", publish=True)
        order.title = "О поощрении наставников"
        order.save_revision()
        response = self.client.get(url(Order, "docx", order.pk))
        text = "\n".join(
            p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs
        )
        self.assertIn("О поощрении наставников", text)

    def test_anonymous_cannot_generate(self):
        order = make_order(self.site)
        self.client.logout()
        response = self.client.get(url(Order, "docx", order.pk))
        self.assertEqual(response.status_code, 302)


class TestAdminPages(AdminTestCase):
    def test_every_listing_and_add_form_renders(self):
        from mentoring_wagtail.models import MentoringProgramme, ProgrammeDocument

        for model in (Order, Regulation, MentoringProgramme, ProgrammeDocument):
            self.assertEqual(self.client.get(url(model, "list")).status_code, 200)
            self.assertEqual(self.client.get(url(model, "add")).status_code, 200)

    def test_order_edit_page_offers_docx_and_revocation(self):
        order = make_order(self.site, number="1-ОД")
        response = self.client.get(url(Order, "edit", order.pk))
        self.assertContains(response, url(Order, "docx", order.pk))
        self.assertContains(response, url(Order, "revoke", order.pk))

    def test_single_organisation_is_not_asked_for(self):
        response = self.client.get(url(Order, "add"))
        self.assertNotIn("site", response.context["form"].fields)
        self.assertEqual(response.context["form"].instance.site, Site.objects.get())

    def test_default_site_is_preselected_among_several(self):
        Site.objects.create(
            hostname="college.example",
            root_page=self.site.root_page,
            site_name="Колледж",
        )
        response = self.client.get(url(Order, "add"))
        self.assertEqual(
            response.context["form"].initial["site"],
            Site.objects.get(is_default_site=True).pk,
        )


class TestPreview(AdminTestCase):
    def test_preview_of_a_draft_order_renders_its_requisites(self):
        order = make_order(self.site, number="7-ОД")
        preview_url = url(Order, "preview_on_edit", order.pk)
        data = self.order_form(title="О закреплении пар (проект)", number="7-ОД")
        response = self.client.post(preview_url, data)
        self.assertEqual(response.json()["is_valid"], True)
        response = self.client.get(preview_url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "О закреплении пар (проект)")
        self.assertContains(response, "7-ОД")


class TestFilesOfRecords(AdminTestCase):
    def test_the_signed_scan_of_an_order_cannot_be_deleted(self):
        from wagtail.documents import get_document_model

        scan = make_document("Скан приказа", filename="scan-5.pdf")
        make_order(self.site, number="5-ОД", signed_scan=scan, publish=True)
        response = self.client.post(reverse("wagtaildocs:delete", args=[scan.pk]))
        self.assertIn(response.status_code, (200, 302, 403))
        self.assertTrue(get_document_model().objects.filter(pk=scan.pk).exists())
