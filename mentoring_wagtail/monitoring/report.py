"""The yearly execution report (.docx), in the shape of the schools' own
«Информация о реализации дорожной карты …» (seed 001), filed as a draft
programme document of the registry that then goes through its approval.

Its sections follow seed 001: normative basis (with the regulation, the
programme and the roadmap in force that year, ``year_documents``), goal and
tasks, concept and mechanisms, forms with pair/group counts, the roadmap's
stages with what was done, the indicators as shares of their base and of the
whole school (the curator's totals on ``MonitoringYear``), the roadmap's
activities, conclusions and plans. A4 through the one Word writer.

Reads a fixed number of queries whatever the number of groups.
"""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm
from wagtail.documents import get_document_model
from wagtail.models import Collection

from mentoring_wagtail.documents.editions import (
    ProgrammeDocument,
    ProgrammeDocumentKind,
)
from mentoring_wagtail.participants.models import MentoringGroup
from mentoring_wagtail.roadmaps.blocks import (
    STATUS_CHOICES,
    STATUS_DONE,
    STATUS_PLANNED,
)
from mentoring_wagtail.roadmaps.models import iter_raw_activities
from mentoring_wagtail.section.site_settings import OrganisationSettings
from mentoring_wagtail.setup.collections import documents_collection_for
from mentoring_wagtail.word.office import (
    document_bytes,
    new_document,
    set_column_widths,
)

from .choices import COUNT_LABELS, MENTEES_10_19, MENTORS_15_19, TEACHERS_WITH_MENTOR
from .counted_people import COUNTED_STATUSES, counted_participants
from .indicators import compute_indicators, percent
from .models import MonitoringYear
from .report_texts import (
    BASIS_INTRO,
    COMPONENTS,
    CONCEPT,
    DEFAULT_GOAL,
    DEFAULT_TASKS,
    FORMS_INTRO,
    MECHANISMS,
)
from .year_documents import programme_for, regulation_for, roadmap_for

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


def _short(organisation, site):
    return organisation.short_name or organisation.full_name or site.site_name


def _reference(record):
    parts = [f"«{record.title}»"]
    if getattr(record, "number", "") or getattr(record, "date", None):
        parts.append(record.reference)
    approval = getattr(record, "approval_text", "")
    if approval:
        parts.append(f"({approval})")
    return " ".join(parts)


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ReportWriter:
    """Adds the report's parts to a python-docx document, in one style."""

    def __init__(self, document):
        self.doc = document

    def heading(self, text, level=2):
        heading = self.doc.add_heading(text, level=level)
        if level == 1:
            heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return heading

    def para(self, text, bold=False, italic=False):
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        paragraph.paragraph_format.first_line_indent = Cm(1.25)
        return paragraph

    def bullets(self, items, numbered=False):
        for item in items:
            style = "List Number" if numbered else "List Bullet"
            self.doc.add_paragraph(item, style=style)

    def table(self, header, rows, widths_mm):
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        _header(table, header)
        for row in rows:
            if isinstance(row, str):  # a row merged across: a stage's title
                cells = table.add_row().cells
                merged = cells[0].merge(cells[-1])
                merged.text = row
                for run in merged.paragraphs[0].runs:
                    run.bold = True
            else:
                _row(table, row)
        set_column_widths(table, [Mm(width) for width in widths_mm])
        self.doc.add_paragraph("")
        return table


def _share(count, total):
    if count is None or not total:
        return "—"
    return f"{count} из {total} – {percent(count, total)} %"


SCHOOL_BASE = {
    MENTEES_10_19: "students_total",
    MENTORS_15_19: "students_total",
    TEACHERS_WITH_MENTOR: "teachers_total",
}


def _stages_word(count):
    if count % 10 == 1 and count % 100 != 11:
        return f"{count} этап"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return f"{count} этапа"
    return f"{count} этапов"


def _stage_summaries(roadmap):
    """``[(stage title, done, total, [done activity titles])]``."""
    stages = {}
    order = []
    for stage_index, stage, _id, activity in iter_raw_activities(roadmap.stages):
        if stage_index not in stages:
            title = (stage.get("value") or {}).get("title") or ""
            stages[stage_index] = [title, 0, 0, []]
            order.append(stage_index)
        summary = stages[stage_index]
        summary[2] += 1
        if activity.get("status") == STATUS_DONE:
            summary[1] += 1
            summary[3].append(activity.get("title") or "")
    return [tuple(stages[index]) for index in order]


def build_report(site, academic_year):
    """The report's .docx bytes (A4, through the package's one Word writer)."""
    organisation = OrganisationSettings.for_site(site)
    school = _short(organisation, site)
    year_record = MonitoringYear.objects.filter(
        site=site, academic_year=academic_year
    ).first()
    indicators = compute_indicators(site, [academic_year])[academic_year]
    counted = counted_participants(site, academic_year)
    programme = programme_for(site, academic_year)
    regulation = regulation_for(site, academic_year)
    roadmap = roadmap_for(site, academic_year)
    years_dash = academic_year.replace("/", "-")
    title = (
        "Информация о реализации дорожной карты по введению целевой модели "
        f"наставничества в {school} в {years_dash} учебном году"
    )
    doc = new_document()
    out = ReportWriter(doc)
    out.heading(title, level=1)

    out.heading("1. Нормативно-правовое обоснование")
    out.para(BASIS_INTRO.format(school=school))
    basis = _lines(year_record.regulatory_basis if year_record else "")
    local = []
    if regulation is not None:
        local.append(f"Положение {_reference(regulation)}")
    if programme is not None:
        local.append(f"Программа наставничества {_reference(programme)}")
    if roadmap is not None:
        local.append(f"Дорожная карта «{roadmap.title}»")
    out.bullets(basis + local)
    if regulation is None:
        out.para(
            f"Положение о наставничестве, действовавшее в {years_dash} учебном "
            "году, в реестре документов не найдено.",
            italic=True,
        )

    out.heading("2. Цель и задачи реализации")
    if programme is not None:
        out.para(programme.summary.strip() or DEFAULT_GOAL)
        out.para(f"Программа наставничества: {_reference(programme)}.")
    else:
        out.para(DEFAULT_GOAL)
        out.para(
            f"Программа наставничества, действовавшая в {years_dash} учебном году, "
            "в реестре документов не найдена.",
            italic=True,
        )
    out.para("Задачи:")
    out.bullets([task.format(school=school) for task in DEFAULT_TASKS], True)

    out.heading("3. Концептуальное обоснование и механизмы реализации")
    for text in CONCEPT:
        out.para(text)
    out.para("Механизмы реализации программы наставничества:")
    out.bullets([item.format(school=school) for item in MECHANISMS])
    out.para("Компоненты системы наставничества:")
    out.table(["Компонент", "Содержание"], COMPONENTS, (55, 115))

    out.heading("4. Формы наставничества")
    out.para(FORMS_INTRO)
    forms = forms_of_mentoring(site, academic_year)
    out.para(
        f"В {years_dash} уч. году в {school} реализовывались следующие формы "
        "наставничества:"
    )
    rows = [(name, pairs, groups) for name, pairs, groups in forms]
    if forms:
        rows.append(
            (
                "Итого",
                sum(pairs for _n, pairs, _g in forms),
                sum(groups for _n, _p, groups in forms),
            )
        )
    out.table(
        ["Форма наставничества", "Наставнических пар", "Наставнических групп"],
        rows,
        (90, 40, 40),
    )

    out.heading("5. Этапы реализации программы наставничества")
    if roadmap is None:
        out.para(
            f"Дорожная карта на {years_dash} учебный год в реестре не опубликована: "
            "этапы не отражены.",
            italic=True,
        )
    else:
        stages = _stage_summaries(roadmap)
        out.para(f"Цикл наставничества включает {_stages_word(len(stages))}:")
        for number, (stage_title, done, total, done_titles) in enumerate(
            stages, start=1
        ):
            out.para(
                f"Этап {number}. {stage_title}: выполнено {done} из {total} "
                "мероприятий.",
                bold=True,
            )
            out.bullets(done_titles)

    out.heading(f"6. Целевые показатели развития модели наставничества в {school}")
    totals = {
        "students_total": year_record.students_total if year_record else None,
        "teachers_total": year_record.teachers_total if year_record else None,
    }
    rows = []
    for number, indicator in enumerate(indicators, start=1):
        target = (
            f"{Decimal(indicator.target).normalize():f} %".replace(".", ",")
            if indicator.target is not None
            else "—"
        )
        base_field = SCHOOL_BASE.get(indicator.code)
        school_share = (
            _share(counted.get(indicator.code), totals[base_field])
            if base_field
            else "—"
        )
        rows.append(
            [f"{number}.", str(indicator.label), indicator.text, school_share, target]
        )
    out.table(
        [
            "№ п/п",
            "Наименование показателя",
            f"Значение к концу {years_dash} уч. г. (доля от базы)",
            "Доля от всех обучающихся (педагогов) школы",
            "Целевое значение",
        ],
        rows,
        (12, 66, 34, 34, 24),
    )
    if totals["students_total"] or totals["teachers_total"]:
        out.para(
            f"Всего обучающихся в школе: {totals['students_total'] or '—'}; "
            f"всего педагогов: {totals['teachers_total'] or '—'}."
        )
    else:
        out.para(
            "Общая численность обучающихся и педагогов школы за этот год не "
            "внесена: доли от всей школы не рассчитаны.",
            italic=True,
        )
    for code, label in COUNT_LABELS.items():
        out.para(f"{label}: {indicators.counts[code]}")

    out.heading(
        "7. Отчёт об исполнении дорожной карты по реализации целевой модели "
        f"наставничества в {school} за {years_dash} уч. год"
    )
    if roadmap is None:
        out.para("Дорожная карта на этот учебный год не опубликована.", italic=True)
    else:
        _roadmap_table(out, roadmap)

    out.heading("8. Выводы и планы")
    conclusions = _lines(year_record.conclusions if year_record else "")
    for line in conclusions or ["________________________________________________"]:
        out.para(line)
    doc.add_paragraph("")
    doc.add_paragraph(
        "Куратор реализации целевой модели наставничества "
        "______________ / ____________________ /"
    )
    return document_bytes(doc, organisation=organisation, title=title)


def _header(table, cells):
    for cell, text in zip(table.rows[0].cells, cells, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _row(table, values):
    cells = table.add_row().cells
    for cell, value in zip(cells, values, strict=True):
        cell.text = str(value)


def _roadmap_table(out, roadmap):
    labels = dict(STATUS_CHOICES)
    rows = []
    current_stage = None
    for stage_index, stage, _id, activity in iter_raw_activities(roadmap.stages):
        if stage_index != current_stage:
            current_stage = stage_index
            rows.append((stage.get("value") or {}).get("title") or "")
        rows.append(
            [
                activity.get("number") or "",
                activity.get("title") or "",
                activity.get("deadline") or "",
                activity.get("responsible") or "",
                str(labels.get(activity.get("status") or STATUS_PLANNED, "")),
                activity.get("actual_result") or "",
            ]
        )
    out.table(
        [
            "№ п/п",
            "Мероприятия",
            "Сроки",
            "Ответственный",
            "Статус",
            "Фактический результат",
        ],
        rows,
        (12, 45, 22, 30, 20, 41),
    )


# What pressing «Сформировать отчёт» did, for the curator's message.
CREATED, UPDATED, NEW_REVISION, IN_APPROVAL = (
    "created",
    "updated",
    "new_revision",
    "in_approval",
)


def report_title(academic_year):
    return _("Report on the mentoring roadmap for %(year)s") % {"year": academic_year}


def year_report(site, academic_year):
    """The year's report already filed in the registry, or ``None``."""
    return (
        ProgrammeDocument.objects.filter(
            site=site,
            kind=ProgrammeDocumentKind.ANALYTICAL_REPORT,
            title=report_title(academic_year),
        )
        .select_related("file")
        .order_by("-pk")
        .first()
    )


def _new_document(site, title, file_name, content, user):
    try:
        collection = documents_collection_for(site)
    except Exception:  # noqa: BLE001 - no mentoring collection: Wagtail's root
        collection = Collection.get_first_root_node()
    document = get_document_model()(
        title=title, collection=collection, uploaded_by_user=user
    )
    document.file.save(file_name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _replace_file(document, file_name, content):
    """As Wagtail's «replace file»: the same document, a new file."""
    old = document.file.name
    document.file.save(file_name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    if old and old != document.file.name:
        document.file.storage.delete(old)


@transaction.atomic
def file_report(site, academic_year, user=None, content=None):
    """Make the year's report and keep it as one programme document of the
    kind «analytical report»; returns ``(record, what was done)``.

    The first press files a draft. Pressing again never makes a second
    record: a draft gets the new file and a revision; an approved report
    keeps its published file and gets a draft revision with the new one;
    a report on its approval route is left as the approvers see it.
    Nothing is published: the route does that. ``content``: the report
    already built (``build_report``), so that the caller may build it before
    the short transaction that files it.
    """
    title = report_title(academic_year)
    record = year_report(site, academic_year)
    if record is not None and record.workflow_in_progress:
        return record, IN_APPROVAL
    if content is None:
        content = build_report(site, academic_year)
    file_name = f"otchet-nastavnichestvo-{academic_year.replace('/', '-')}.docx"
    if record is None:
        record = ProgrammeDocument(
            site=site,
            title=title,
            date=timezone.localdate(),
            kind=ProgrammeDocumentKind.ANALYTICAL_REPORT,
            file=_new_document(site, title, file_name, content, user),
            live=False,
        )
        record.save()
        record.save_revision(user=user, log_action=True)
        return record, CREATED
    record.date = timezone.localdate()
    if record.live:
        record.file = _new_document(site, title, file_name, content, user)
        record.save_revision(user=user, log_action=True)
        return record, NEW_REVISION
    if record.file_id:
        _replace_file(record.file, file_name, content)
    else:
        record.file = _new_document(site, title, file_name, content, user)
    record.save()
    record.save_revision(user=user, log_action=True)
    return record, UPDATED


def latest_report_file(record):
    """The report's file as last generated (a draft revision's, if newer)."""
    revision = record.latest_revision
    if revision is not None:
        return revision.as_object().file
    return record.file
