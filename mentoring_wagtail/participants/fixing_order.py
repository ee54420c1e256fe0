"""«Сформировать приказ о закреплении наставнических пар»: the September order.

The order is drafted in the registry (kind «закрепление пар», unpublished, so
it goes through the order's approval route like any other), its Word draft
filled from the core's template (``mentoring_wagtail.documents.order_writer``)
with an appendix table: mentor, mentees, form, dates. The groups point at it
(``fixing_order``); once it is in force the groups show it.
"""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm
from wagtail.documents import get_document_model
from wagtail.log_actions import log

from mentoring_wagtail.documents.order_writer import BLANK, build_order_docx
from mentoring_wagtail.documents.orders import Order, OrderKind
from mentoring_wagtail.section.site_settings import OrganisationSettings
from mentoring_wagtail.word.office import document_bytes, set_column_widths

from .storage import private_collection

APPENDIX_HEADER = ("№", "Наставник", "Наставляемые", "Форма наставничества", "Сроки")


def _date(value):
    return date_format(value, "d.m.Y") if value else "—"


def order_title(academic_year):
    return f"О закреплении наставнических пар (групп) на {academic_year} учебный год"


def order_body(academic_year):
    return "\n".join(
        [
            "В целях реализации целевой модели наставничества, на основании "
            "Положения о наставничестве и согласия наставников и наставляемых "
            "(их законных представителей) ПРИКАЗЫВАЮ:",
            f"1. Закрепить наставнические пары (группы) на {academic_year} учебный "
            "год согласно приложению к настоящему приказу.",
            "2. Наставникам разработать совместно с наставляемыми индивидуальные "
            "планы развития и вести журнал встреч.",
            "3. Куратору целевой модели наставничества обеспечить мониторинг "
            "работы пар (групп).",
            "4. Контроль за исполнением настоящего приказа оставляю за собой.",
        ]
    )


def appendix_rows(groups):
    rows = []
    for index, group in enumerate(groups, start=1):
        mentor = group.mentor.person
        mentor_text = mentor.full_name
        if mentor.position:
            mentor_text += f", {mentor.position}"
        mentees = "\n".join(
            ", ".join(
                filter(
                    None, [m.mentee.person.full_name, m.mentee.person.class_or_group]
                )
            )
            for m in group.visible_memberships
        )
        dates = f"{_date(group.start)} – {_date(group.planned_end)}"
        rows.append((str(index), mentor_text, mentees, group.form.name, dates))
    return rows


APPENDIX_WIDTHS_MM = (10, 50, 55, 35, 30)


def append_appendix(data, order, groups):
    """Add the appendix (page break, stamp, title, table) to the order .docx.

    The order's text names it («согласно приложению к настоящему приказу»).
    """
    document = Document(io.BytesIO(data))
    stamp = document.add_paragraph()
    stamp.add_run().add_break(WD_BREAK.PAGE)
    stamp.add_run("Приложение к приказу")
    stamp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    line = document.add_paragraph(
        f"от {_date(order.date) if order.date else BLANK} № {order.number or BLANK}"
    )
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("Список наставнических пар (групп)").bold = True
    table = document.add_table(rows=1, cols=len(APPENDIX_HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, APPENDIX_HEADER, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in appendix_rows(groups):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    set_column_widths(table, [Mm(width) for width in APPENDIX_WIDTHS_MM])
    organisation = OrganisationSettings.for_site(order.site) if order.site_id else None
    return document_bytes(
        document,
        organisation=organisation,
        title=document.core_properties.title,
        keep_margins=True,
    )


def draft_fixing_order(groups, user, site, date=None, academic_year=""):
    """Create the order draft with its Word file and attach the groups to it."""
    groups = list(groups)
    date = date or timezone.localdate()
    academic_year = academic_year or groups[0].academic_year
    with transaction.atomic():
        order = Order(
            site=site,
            kind=OrderKind.PAIRS,
            title=order_title(academic_year),
            date=date,
            summary=order_title(academic_year),
            body=order_body(academic_year),
        )
        organisation = OrganisationSettings.for_site(site)
        data = append_appendix(build_order_docx(order, organisation), order, groups)
        document = get_document_model()(
            title=f"Проект приказа: {order.title}", collection=private_collection(site)
        )
        document.file.save("prikaz-zakreplenie-par.docx", ContentFile(data), save=False)
        document.uploaded_by_user = user
        document.save()
        order.draft_file = document
        order.save()
        order.save_revision(user=user)
        log(order, "wagtail.create", user=user)
        for group in groups:
            group.fixing_order = order
            group.save(update_fields=["fixing_order"])
            log(group, "wagtail.edit", user=user, data={"fixing_order": order.pk})
    return order
