"""Roadmap layouts schools send, each built in Word's structures with what a
curator expects to find on the page: the stages, and every activity's fields.

``A(...)`` lists the fields a layout puts in a row; ``check`` compares only
those, so a value in the wrong field (a deadline in the notes, a fact in
the plan) fails even when every word reached the page.
"""

from dataclasses import dataclass, field

from tests.roadmaps.word_builder import C, WordBuilder

MONTHS = ["сентябрь", "октябрь", "ноябрь", "декабрь", "январь", "февраль", "март",
          "апрель", "май"]  # fmt: skip


def A(title, **fields):  # noqa: N802 - an expected activity
    return {"title": title, **fields}


@dataclass
class Layout:
    data: bytes
    stages: list  # [(stage title or None, [A(...), …]), …]
    title: str = ""
    intro_has: list = field(default_factory=list)
    approval_has: list = field(default_factory=list)
    approval_lacks: list = field(default_factory=list)
    attachments: int = 0
    cells: list = field(default_factory=list)  # every cell's text, for coverage


def _cells(rows, header=1):
    """Every cell's text below the header rows (a header is not on the page)."""
    texts = []
    for row in rows[header:]:
        for cell in row:
            cell = C(cell) if isinstance(cell, str) else cell
            if cell.vmerge != "continue":
                texts += [cell.text, *cell.items, cell.footnote, cell.endnote]
    return [t for t in texts if t.strip()]


def simple(activity_header="Мероприятие", saved_by="builder"):
    rows = [
        ["№ п/п", activity_header, "Сроки", "Ответственные", "Ожидаемый результат"],
        [C("Организационный этап", span=5)],
        ["1.1", "Составление плана наставничества", "сентябрь 2025 г.",
         "Зам. директора по УВР", "План"],
        ["1.2", "Подбор пар «наставник – наставляемый»", "до 15.09.2025",
         "Руководитель МО", "Приказ о закреплении пар"],
        [C("Основной этап", span=5)],
        ["2.1", "Посещение уроков молодого специалиста", "в течение 2025-2026 уч. года",
         "Наставник", "Анализ уроков"],
        ["2.2", "Консультации по вопросам методики", "1 раз в четверть",
         "Наставник", "Журнал консультаций"],
        ["2.3", "Участие в конкурсах профессионального мастерства",
         "по мере необходимости", "Наставник, наставляемый", "Грамоты"],
    ]  # fmt: skip
    builder = WordBuilder(saved_by=saved_by)
    builder.para("Дорожная карта реализации программы наставничества")
    builder.para("на 2025-2026 учебный год")
    builder.table(rows)
    return Layout(
        builder.save(),
        [
            ("Организационный этап", [
                A("Составление плана наставничества", number="1.1",
                  deadline="сентябрь 2025 г.", responsible="Зам. директора по УВР",
                  result="План"),
                A("Подбор пар «наставник – наставляемый»", number="1.2",
                  deadline="до 15.09.2025", result="Приказ о закреплении пар"),
            ]),
            ("Основной этап", [
                A("Посещение уроков молодого специалиста",
                  deadline="в течение 2025-2026 уч. года", responsible="Наставник"),
                A("Консультации по вопросам методики", deadline="1 раз в четверть",
                  result="Журнал консультаций"),
                A("Участие в конкурсах профессионального мастерства",
                  deadline="по мере необходимости"),
            ]),
        ],
        title="Дорожная карта реализации программы наставничества",
        cells=_cells(rows),
    )  # fmt: skip


def mentor_plan(kind="mentor"):
    """A mentor's work plan or a young teacher's ИПР: one pair, its details above."""
    title = {
        "mentor": "План работы наставника с молодым специалистом на 2025-2026 учебный год",
        "ipr": "Индивидуальный план развития (ИПР) молодого педагога на 2025-2026 учебный год",
    }[kind]
    rows = [
        ["№", "Содержание работы", "Сроки", "Форма отчётности"],
        ["1", "Изучение нормативных документов школы", "сентябрь", "Собеседование"],
        ["2", "Составление рабочей программы по предмету", "до 10 сентября",
         "Рабочая программа"],
        ["3", "Посещение уроков наставника", "в течение года", "Листы посещения"],
    ]  # fmt: skip
    builder = WordBuilder()
    for line in ("УТВЕРЖДАЮ", "Директор МБОУ СОШ № 3", "_________ О.В. Смирнова",
                 "«__» ________ 2025 г.", title,
                 "Наставник: Иванова Мария Петровна, учитель математики",
                 "Молодой специалист: Петров Пётр Ильич, учитель информатики"):  # fmt: skip
        builder.para(line)
    builder.table(rows)
    return Layout(
        builder.save(),
        [
            (None, [
                A("Изучение нормативных документов школы", deadline="сентябрь",
                  result="Собеседование"),
                A("Составление рабочей программы по предмету",
                  deadline="до 10 сентября", result="Рабочая программа"),
                A("Посещение уроков наставника", deadline="в течение года"),
            ]),
        ],
        title=title,
        intro_has=["Наставник: Иванова Мария Петровна, учитель математики",
                   "Молодой специалист: Петров Пётр Ильич, учитель информатики"],
        approval_has=["УТВЕРЖДАЮ", "О.В. Смирнова"],
        approval_lacks=["Наставник", "Молодой специалист", title],
        cells=_cells(rows),
    )  # fmt: skip


def plan_fact_report():
    """«Сроки» over «план | факт», «Отметка о выполнении» over «дата | подпись»."""
    rows = [
        [C("№", vmerge="restart"), C("Мероприятие", vmerge="restart"),
         C("Сроки", span=2), C("Ответственный", vmerge="restart"),
         C("Отметка о выполнении", span=2)],
        [C(vmerge="continue"), C(vmerge="continue"), "план", "факт",
         C(vmerge="continue"), "дата", "подпись"],
        [C("1. Подготовительный этап", span=7)],
        ["1", "Анкетирование педагогов", "сентябрь 2024", "октябрь 2024",
         "Педагог-психолог", "15.10.2024", ""],
        ["2", "Формирование базы наставников", "октябрь 2024", "",
         "Зам. директора", "", ""],
    ]  # fmt: skip
    builder = WordBuilder()
    builder.para(
        "Отчёт о выполнении плана мероприятий по наставничеству за 2024-2025 учебный год"
    )
    builder.table(rows, header_rows=2)
    return Layout(
        builder.save(),
        [
            ("1. Подготовительный этап", [
                A("Анкетирование педагогов", number="1", deadline="сентябрь 2024",
                  actual_result="октябрь 2024", responsible="Педагог-психолог",
                  status="done"),
                A("Формирование базы наставников", number="2", deadline="октябрь 2024",
                  actual_result="", status="planned"),
            ]),
        ],
        cells=_cells(rows, header=2),
    )  # fmt: skip


def month_grid():
    """A grid of months marked «+», «х», «✓»: each mark a period of the deadline."""
    marks = [
        ("Диагностика затруднений", {"сентябрь": "+"}),
        ("Открытые уроки наставника", {"октябрь": "х", "январь": "х", "апрель": "х"}),
        ("Методический семинар", {"ноябрь": "✓", "март": "✓"}),
        ("Взаимопосещение уроков", dict.fromkeys(("декабрь", "февраль", "март", "апрель"), "+")),
        ("Итоговая конференция", {"май": "+"}),
        ("Анкетирование", {"сентябрь": "+", "май": "+"}),
    ]  # fmt: skip
    header = ["№", "Мероприятие", *[m.capitalize() for m in MONTHS], "Ответственный"]
    rows = [header]
    expected = []
    for number, (title, marked) in enumerate(marks, start=1):
        rows.append(
            [str(number), title, *[marked.get(m, "") for m in MONTHS], "Наставник"]
        )
        periods = [m for m in MONTHS if m in marked]
        expected.append(
            A(title, deadline=", ".join(periods), responsible="Наставник", notes="")
        )
    builder = WordBuilder()
    builder.para("План мероприятий наставничества на 2025-2026 учебный год")
    builder.table(rows)
    return Layout(
        builder.save(),
        [(None, expected)],
        cells=[t for row in rows[1:] for t in row if t not in ("+", "х", "✓", "")],
    )


def merged_stage_column():
    """Stage names in a first column merged down over the stage's rows."""
    rows = [
        ["Этап", "Мероприятие", "Срок", "Ответственный"],
        [C("Подготовительный", vmerge="restart"), "Приказ о наставничестве",
         "август", "Директор"],
        [C(vmerge="continue"), "Положение о наставничестве", "август", "Зам. директора"],
        [C("Основной", vmerge="restart"), "Закрепление пар", "сентябрь", "Куратор"],
        [C(vmerge="continue"), "Работа пар", "октябрь – апрель", "Наставники"],
        [C(vmerge="continue"), "Промежуточный мониторинг", "январь", "Куратор"],
    ]  # fmt: skip
    builder = WordBuilder(saved_by="libreoffice")
    builder.para("Дорожная карта внедрения наставничества на 2025/2026 учебный год")
    builder.table(rows)
    return Layout(
        builder.save(),
        [
            ("Подготовительный", [A("Приказ о наставничестве", responsible="Директор"),
                                  A("Положение о наставничестве", deadline="август")]),
            ("Основной", [A("Закрепление пар"), A("Работа пар", deadline="октябрь – апрель"),
                          A("Промежуточный мониторинг", responsible="Куратор")]),
        ],
        cells=_cells(rows),
    )  # fmt: skip


def stage_rows_in_activity_column():
    """«1. | Организационный этап | | |» in bold: a stage written in the columns."""
    rows = [
        ["№", "Содержание деятельности", "Сроки", "Ответственные"],
        ["1.", C("Организационный этап", bold=True), "", ""],
        ["1.1", "Разработка положения", "август", "Директор"],
        ["1.2", "Издание приказа", "сентябрь", "Директор"],
        ["2.", C("Практический этап", bold=True), "", ""],
        ["2.1", "Работа наставнических пар", "октябрь – май", "Наставники"],
    ]  # fmt: skip
    builder = WordBuilder()
    builder.para("Дорожная карта наставничества 2025-2026")
    builder.table(rows)
    return Layout(
        builder.save(),
        [
            ("1. Организационный этап", [A("Разработка положения", number="1.1"),
                                          A("Издание приказа", deadline="сентябрь")]),
            ("2. Практический этап", [A("Работа наставнических пар",
                                        responsible="Наставники")]),
        ],
        cells=_cells(rows),
    )  # fmt: skip


def word_lists_in_cells(bullets=False):
    """Word's own list in the activity cell: one activity per item."""
    items = ["Анкетирование молодых педагогов", "Собеседование с наставниками",
             "Составление плана работы пар"]  # fmt: skip
    rows = [
        ["Этапы", "Мероприятия", "Сроки", "Ответственные"],
        ["Подготовка", C("", items=items, bullets=bullets), "сентябрь", "Куратор"],
        ["Реализация", "Работа пар по плану", "октябрь – май", "Наставники"],
    ]
    builder = WordBuilder()
    builder.para("Дорожная карта программы наставничества 2025-2026 уч. год")
    builder.table(rows)
    return Layout(
        builder.save(),
        [
            ("Подготовка", [A(t, deadline="сентябрь", responsible="Куратор")
                            for t in items]),
            ("Реализация", [A("Работа пар по плану")]),
        ],
        cells=_cells(rows),
    )  # fmt: skip


def second_table_after_plan():
    rows = [
        ["№", "Мероприятие", "Срок", "Результат"],
        ["1", "Обучение наставников", "ноябрь", "Сертификаты"],
        ["2", "Мастер-классы", "февраль", "Методические материалы"],
    ]
    indicators = [
        ["Показатель", "2025", "2026"],
        ["Доля педагогов-наставников", "20 %", "30 %"],
        ["Число пар", "5", "8"],
    ]
    builder = WordBuilder()
    builder.para("Дорожная карта наставничества на 2025-2026 учебный год")
    builder.table(rows)
    builder.para("Целевые показатели")
    builder.table(indicators)
    return Layout(
        builder.save(),
        [(None, [A("Обучение наставников", result="Сертификаты"),
                 A("Мастер-классы", deadline="февраль")])],
        attachments=1,
        intro_has=["Доля педагогов-наставников | 20 % | 30 %"],
        cells=_cells(rows) + _cells(indicators),
    )  # fmt: skip


def footnotes_and_endnotes():
    rows = [
        ["№", "Мероприятие", "Срок", "Ответственный"],
        ["1", C("Диагностика", footnote="По методике Н.П. Ивановой"), "сентябрь",
         "Психолог"],
        ["2", "Семинар", C("март", endnote="Дата уточняется"), "Куратор"],
    ]  # fmt: skip
    builder = WordBuilder()
    builder.para("Дорожная карта наставничества на 2025-2026 учебный год")
    builder.table(rows)
    return Layout(
        builder.save(),
        [(None, [A("Диагностика", notes="По методике Н.П. Ивановой"),
                 A("Семинар", deadline="март", notes="Дата уточняется")])],
        cells=_cells(rows),
    )  # fmt: skip


def long_intro(lines=60):
    intro = [f"Пункт пояснительной записки номер {n}." for n in range(1, lines + 1)]
    rows = [["№", "Мероприятие", "Срок"], ["1", "Семинар наставников", "октябрь"]]
    builder = WordBuilder()
    builder.para("Дорожная карта наставничества на 2025-2026 учебный год")
    for line in intro:
        builder.para(line)
    builder.table(rows)
    return Layout(
        builder.save(),
        [(None, [A("Семинар наставников", deadline="октябрь")])],
        intro_has=intro,
        cells=_cells(rows),
    )


def statuses():
    """Only words for done mark an activity done; the rest stay open, kept."""
    rows = [
        ["№", "Мероприятие", "Срок", "Отметка о выполнении"],
        ["1", "Семинар", "октябрь", "Выполнено"],
        ["2", "Тренинг", "ноябрь", "выполнено частично"],
        ["3", "Конференция", "декабрь", "перенесено на март"],
        ["4", "Мастер-класс", "январь", "в работе"],
        ["5", "Круглый стол", "февраль", "не выполнено"],
        ["6", "Фестиваль", "март", "обсуждается"],
    ]
    builder = WordBuilder()
    builder.para("Дорожная карта наставничества на 2025-2026 учебный год")
    builder.table(rows)
    return Layout(
        builder.save(),
        [(None, [A("Семинар", status="done"),
                 A("Тренинг", status="planned", actual_result="выполнено частично"),
                 A("Конференция", status="planned", actual_result="перенесено на март"),
                 A("Мастер-класс", status="in_progress"),
                 A("Круглый стол", status="not_done"),
                 A("Фестиваль", status="planned", actual_result="обсуждается")])],
        cells=[t for row in rows[1:] for t in row[:3]],
    )  # fmt: skip


def multi_year():
    rows = [
        ["№", "Мероприятие", "Сроки", "Ответственный"],
        ["1", "Разработка программы", "август–сентябрь 2023 г.", "Директор"],
        ["2", "Аттестация наставников", "октябрь 2024 г., январь 2025 г.", "Куратор"],
        ["3", "Итоговый мониторинг", "май", "Куратор"],
    ]
    builder = WordBuilder()
    builder.para("Дорожная карта развития наставничества на 2023-2026 гг.")
    builder.table(rows)
    return Layout(
        builder.save(),
        [(None, [A("Разработка программы", deadline="август–сентябрь 2023 г."),
                 A("Аттестация наставников", deadline="октябрь 2024 г., январь 2025 г."),
                 A("Итоговый мониторинг", deadline="май")])],
        cells=_cells(rows),
    )  # fmt: skip


def repeated_headers_landscape(saved_by="word"):
    """A table continued after a page break with its header typed again,
    the continuation in a landscape section."""
    header = ["№", "Мероприятия (содержание работы)", "Сроки", "Ответственный"]
    first = [header, ["1", "Встреча с наставниками", "сентябрь", "Директор"],
             ["2", "Составление планов пар", "сентябрь", "Наставники"]]  # fmt: skip
    second = [header, ["3", "Открытые занятия", "декабрь", "Наставники"]]
    builder = WordBuilder(saved_by=saved_by)
    builder.para("Дорожная карта наставничества на 2025-2026 учебный год")
    builder.table(first)
    builder.landscape_break()
    builder.table(second)
    return Layout(
        builder.save(),
        [(None, [A("Встреча с наставниками", responsible="Директор"),
                 A("Составление планов пар", deadline="сентябрь"),
                 A("Открытые занятия", deadline="декабрь", responsible="Наставники")])],
        cells=_cells(first) + _cells(second),
    )  # fmt: skip


LAYOUTS = {
    "simple": simple,
    "wording-content-of-work": lambda: simple("Содержание работы"),
    "wording-content-of-activity": lambda: simple("Содержание деятельности"),
    "wording-activities-content": lambda: simple("Мероприятия (содержание работы)"),
    "wording-forms-of-work": lambda: simple("Формы работы"),
    "word-saved": lambda: simple(saved_by="word"),
    "mentor-plan": mentor_plan,
    "ipr": lambda: mentor_plan("ipr"),
    "plan-fact-report": plan_fact_report,
    "month-grid": month_grid,
    "merged-stage-column": merged_stage_column,
    "stage-rows-in-activity-column": stage_rows_in_activity_column,
    "word-numbered-list": word_lists_in_cells,
    "word-bulleted-list": lambda: word_lists_in_cells(bullets=True),
    "second-table": second_table_after_plan,
    "footnotes": footnotes_and_endnotes,
    "long-intro": long_intro,
    "statuses": statuses,
    "multi-year": multi_year,
    "repeated-headers-landscape": repeated_headers_landscape,
}
