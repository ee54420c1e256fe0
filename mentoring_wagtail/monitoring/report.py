"""The yearly execution report (.docx), in the shape of the schools' own
«Информация о реализации дорожной карты …» (seed 001), filed as a draft
programme document of the registry that then goes through its approval.

Reads a fixed number of queries whatever the number of groups: the year's
indicators, the group counts by form, the programme and the roadmap.
"""

import io
import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document as WordDocument
from wagtail.documents import get_document_model

from mentoring_wagtail.documents.editions import ProgrammeDocumentKind
from mentoring_wagtail.models import MentoringProgramme, ProgrammeDocument, RoadmapPage
from mentoring_wagtail.participants.models import MentoringGroup
from mentoring_wagtail.roadmaps.blocks import STATUS_CHOICES, STATUS_PLANNED
from mentoring_wagtail.roadmaps.models import iter_raw_activities
from mentoring_wagtail.section.site_settings import OrganisationSettings

from .indicators import COUNT_LABELS, COUNTED_STATUSES, compute_indicators
from .models import MonitoringYear
from .years import start_year

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def forms_of_mentoring(site, academic_year):
    """[(form name, pairs, groups)]: a pair has one mentee, a group more."""
    rows = (
        MentoringGroup.objects.filter(
            site=site, academic_year=academic_year, status__in=COUNTED_STATUSES
        )
        .annotate(size=Count("memberships"))
        .values_list("form__name", "size")
    )
    table = {}
    for name, size in rows:
        pairs, groups = table.setdefault(name, [0, 0])
        table[name] = [pairs + (size == 1), groups + (size > 1)]
    return [(name, pairs, groups) for name, (pairs, groups) in sorted(table.items())]


def _same_year(text, academic_year):
    return re.findall(r"\d{4}", text or "")[:2] == re.findall(r"\d{4}", academic_year)


def roadmap_for(site, academic_year):
    pages = RoadmapPage.objects.live().descendant_of(site.root_page, inclusive=True)
    first = start_year(academic_year)
    candidates = pages.filter(academic_year__contains=str(first)).order_by(
        "-last_published_at"
    )
    return next(
        (p for p in candidates if _same_year(p.academic_year, academic_year)), None
    )


def programme_for(site):
    return (
        MentoringProgramme.objects.filter(site=site, live=True)
        .order_by("-date", "-pk")
        .first()
    )


def build_report(site, academic_year):
    """The report's .docx bytes."""
    organisation = OrganisationSettings.for_site(site)
    school = organisation.short_name or organisation.full_name or site.site_name
    year_record = MonitoringYear.objects.filter(
        site=site, academic_year=academic_year
    ).first()
    indicators = compute_indicators(site, [academic_year])[academic_year]
    programme = programme_for(site)
    roadmap = roadmap_for(site, academic_year)
    years_dash = academic_year.replace("/", "-")

    doc = WordDocument()
    doc.add_heading(
        "Информация о реализации дорожной карты по введению целевой модели "
        f"наставничества "
        f"в {school} в {years_dash} учебном году",
        level=1,
    )
    doc.add_heading("Нормативно-правовое обоснование", level=2)
    basis = (year_record.regulatory_basis if year_record else "").splitlines()
    for line in filter(None, map(str.strip, basis)):
        doc.add_paragraph(line, style="List Bullet")
    doc.add_heading("Цель реализации", level=2)
    if programme and programme.summary.strip():
        doc.add_paragraph(programme.summary.strip())
        doc.add_paragraph(f"Программа: {programme.title}")
    else:
        doc.add_paragraph("Программа наставничества не опубликована в реестре.")

    doc.add_heading("Формы наставничества", level=2)
    forms = forms_of_mentoring(site, academic_year)
    doc.add_paragraph(
        f"В {years_dash} уч. году в {school} реализовывались следующие формы "
        "наставничества:"
    )
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    _header(
        table, ["Форма наставничества", "Наставнических пар", "Наставнических групп"]
    )
    for name, pairs, groups in forms:
        _row(table, [name, pairs, groups])

    doc.add_heading(
        f"Целевые показатели развития модели наставничества в {school}", level=2
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    _header(
        table,
        [
            "№ п/п",
            "Наименование показателя",
            f"Значение показателя к концу {years_dash} уч. г.",
            "Целевое значение",
        ],
    )
    for number, indicator in enumerate(indicators, start=1):
        target = f"{indicator.target:g} %" if indicator.target is not None else "—"
        _row(table, [f"{number}.", str(indicator.label), indicator.text, target])
    for code, label in COUNT_LABELS.items():
        doc.add_paragraph(f"{label}: {indicators.counts[code]}")

    doc.add_heading(
        "Отчет об исполнении дорожной карты по реализации целевой модели "
        "наставничества "
        f"в {school} за {years_dash} уч. год",
        level=2,
    )
    if roadmap is None:
        doc.add_paragraph("Дорожная карта на этот учебный год не опубликована.")
    else:
        _roadmap_table(doc, roadmap)

    doc.add_heading("Выводы и планы", level=2)
    conclusions = year_record.conclusions if year_record else ""
    for line in (conclusions or "").splitlines() or [""]:
        doc.add_paragraph(line)
    doc.add_paragraph("Куратор реализации наставничества: ____________________")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _header(table, cells):
    for cell, text in zip(table.rows[0].cells, cells, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _row(table, values):
    cells = table.add_row().cells
    for cell, value in zip(cells, values, strict=True):
        cell.text = str(value)


def _roadmap_table(doc, roadmap):
    labels = dict(STATUS_CHOICES)
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    _header(
        table,
        [
            "№ п/п",
            "Мероприятия",
            "Сроки",
            "Ответственный",
            "Статус",
            "Фактический результат",
        ],
    )
    current_stage = None
    for stage_index, stage, _id, activity in iter_raw_activities(roadmap.stages):
        if stage_index != current_stage:
            current_stage = stage_index
            title = (stage.get("value") or {}).get("title") or ""
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1])
            merged.text = title
        _row(
            table,
            [
                activity.get("number") or "",
                activity.get("title") or "",
                activity.get("deadline") or "",
                activity.get("responsible") or "",
                str(labels.get(activity.get("status") or STATUS_PLANNED, "")),
                activity.get("actual_result") or "",
            ],
        )


@transaction.atomic
def file_report(site, academic_year, user=None):
    """Save the report as a draft programme document (kind «analytical report»).

    Nothing is published: the curator submits the draft to the approval
    route like any other document of the registry.
    """
    from mentoring_wagtail.access.setup import get_documents_collection

    content = build_report(site, academic_year)
    title = _("Report on the mentoring roadmap for %(year)s") % {"year": academic_year}
    document_model = get_document_model()
    try:
        collection = get_documents_collection()
    except Exception:  # noqa: BLE001 - no mentoring collection: Wagtail's root
        from wagtail.models import Collection

        collection = Collection.get_first_root_node()
    file_name = f"otchet-nastavnichestvo-{academic_year.replace('/', '-')}.docx"
    document = document_model(title=title, collection=collection, uploaded_by_user=user)
    document.file.save(file_name, ContentFile(content), save=False)
    document.save()
    record = ProgrammeDocument(
        site=site,
        title=title,
        date=timezone.localdate(),
        kind=ProgrammeDocumentKind.ANALYTICAL_REPORT,
        file=document,
        live=False,
    )
    record.save()
    record.save_revision(user=user, log_action=True)
    return record
