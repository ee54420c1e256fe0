"""Word files for the roadmap tests, built with python-docx in the layouts of
the real roadmaps in ../shared/seeds (and hostile files built by hand)."""

import io
import zipfile

import docx


def _save(document):
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _row(table, *texts):
    row = table.add_row()
    for cell, text in zip(row.cells, texts, strict=False):
        lines = text.split("\n")
        cell.paragraphs[0].add_run(lines[0])
        for line in lines[1:]:
            cell.add_paragraph(line)
    return row


def _merged_row(table, text):
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[len(row.cells) - 1])
    cell.paragraphs[0].add_run(text)
    return row


def table_doc(header, rows, before=(), after=()):
    """A document with paragraphs ``before``, one table, paragraphs ``after``.

    ``rows`` items are tuples of cell texts, or a string for a merged row.
    """
    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        if isinstance(row, str):
            _merged_row(table, row)
        else:
            _row(table, *row)
    for line in after:
        document.add_paragraph(line)
    return document


def omutninsk_layout():
    """Seed 003: «УТВЕРЖДАЮ … Приказ № 21», roman stages, sub-section rows,
    a column-numbering row, a «№ п/п» column."""
    document = table_doc(
        [
            "№ п/п",
            "Наименование мероприятия",
            "Срок реализации",
            "Ответственный исполнитель",
            "Результат, вид документа",
        ],
        [
            ("1", "2", "3", "4", "5"),
            "I. Подготовка условий для реализации программы наставничества",
            "1. Изучение и систематизация имеющихся материалов по проблеме наставничества",
            (
                "1.1.",
                "Информирование педагогов о подготовке программы наставничества",
                "Август 2024",
                "Директор, администрация",
                "Протокол педагогического совета №1 от 30.08.2024 г",
            ),
            (
                "1.2.",
                "Определение цели, задач, ролевых моделей наставничества",
                "Сентябрь 2024",
                "Директор, администрация",
                "",
            ),
            "2. Нормативно-правовое регулирование реализации системы наставничества",
            (
                "2.1",
                "Издание распорядительного акта о реализации целевой модели наставничества",
                "Сентябрь 2024",
                "Директор, администрация",
                "Приказ №21 от 30.08.2024 г.",
            ),
            "II. Внедрение системы наставничества педагогических работников",
            (
                "2.1.",
                "Формирование базы наставляемых на 2024-2025 учебный год",
                "до 1 октября 2024",
                "Кураторы целевой модели наставничества",
                "База наставляемых с перечнем запросов",
            ),
            (
                "2.2.",
                "Формирование базы наставников:\n✓ сбор заявок кандидатов в наставники;\n✓ собеседования с кандидатами в наставники;",
                "до 1 октября 2024",
                "Кураторы целевой модели наставничества",
                "База наставников с перечнем запросов",
            ),
            (
                "2.3.",
                "Организация работы наставнических пар или групп",
                "в соответствии со сроками реализации программ наставничества",
                "Кураторы целевой модели наставничества",
                "Реализация программ наставничества",
            ),
            "IV. Мониторинг и оценка результатов внедрения системы наставничества",
            (
                "4.2.",
                "Проведение внутреннего мониторинга",
                "Ежегодно в мае",
                "Кураторы целевой модели наставничества",
                "Аналитические данные",
            ),
            (
                "4.4.",
                "Мотивация и поощрение участников",
                "Ежегодно в мае, августе",
                "Директор",
                "Грамоты, благодарности",
            ),
        ],
        before=[
            "РАССМОТРЕНО:",
            "на педагогическом совете",
            "30.08.2024 г. Протокол № 1",
            "",
            "УТВЕРЖДАЮ:",
            "Директор КОГПОБУ «Колледж»",
            "Т.В. Иванова",
            "Приказ № 21 от 30.08.2024 г.",
            "",
            "Дорожная карта реализации Целевой модели наставничества",
            "в КОГПОБУ «Колледж» на 2024-2025 учебный год",
        ],
    )
    return _save(document)


def report_layout(split_table=False):
    """Seed 001: an execution report, stage rows in the first cell only (not
    merged), a fifth column without a header holding what was done, rows split
    by a page break, a header repeated after the break."""
    header = ["№ п/п", "Мероприятия", "Сроки", "Ответственный", ""]
    first = [
        ("Подготовка условий для запуска программы наставничества", "", "", "", ""),
        (
            "1",
            "Издание приказа о реализации целевой модели наставничества",
            "Январь 2023",
            "Директор ОО",
            "Издан приказ ОО от 10.01.2023 г. № 05-ОД",
        ),
        (
            "2",
            "Изучение и систематизация имеющихся материалов",
            "Январь 2023",
            "Администрация",
            "Педагогическим коллективом школы изучены нормативно-правовые документы",
        ),
        (
            "",
            "",
            "",
            "",
            "осуществляющих образовательную деятельность по общеобразовательным программам",
        ),
        (
            "4",
            "Разработка и утверждение плана методической работы",
            "Март 2023",
            "Ответственный за внедрение",
            "План методической работы разработан и утвержден",
        ),
        (
            "",
            "по реализации наставничества в МБОУ «Мишкинская СОШ»",
            "",
            "целевой модели наставничества",
            "приказом ОО от 10.01.2023 г. № 05-ОД",
        ),
    ]
    second = [
        tuple(header),
        ("Формирование базы наставляемых", "", "", "", ""),
        (
            "7",
            "Проведение мониторинга по выявлению предварительных запросов",
            "Апрель 2023., далее - ежегодно сентябрь-октябрь",
            "Заместители директора",
            "Проведен мониторинг",
        ),
        (
            "9",
            "Формирование базы наставляемых",
            "Апрель 2023 г., далее - ежегодно сентябрь",
            "Классные руководители",
            "1. Проведение анкетирования\n6. Сбор согласий на обработку персональных данных",
        ),
        ("Завершение наставничества", "", "", "", ""),
        (
            "пос. 38",
            "Применение мер нематериального поощрения наставников",
            "постоянно в ходе реализации",
            "Ответственный",
            "",
        ),
    ]
    before = [
        "Информация о реализации дорожной карты по введению целевой модели наставничества в МБОУ «Мишкинская СОШ» в 2022-2023 учебном году",
        "",
        "Нормативно-правовое обоснование",
        "",
        "Отчет об исполнении дорожной карты по реализации целевой модели наставничества",
        "в МБОУ «Мишкинская СОШ»",
        "за 2022-2023 уч. год",
    ]
    if not split_table:
        return _save(
            table_doc(
                header,
                first + second,
                before=before,
                after=["Куратор реализации наставничества:"],
            )
        )
    document = table_doc(header, first, before=before)
    document.add_paragraph("")
    table = document.add_table(rows=0, cols=len(header))
    for row in second:
        _row(table, *row)
    return _save(document)


def vertical_task_layout():
    """Sample teacher-teacher: a «Задачи» column merged down over activities."""
    document = table_doc(
        [
            "Задачи",
            "Перечень запланированных мероприятий",
            "Сроки проведения",
            "Ответственные",
            "Результат",
        ],
        ["Этап 1. Подготовка условий для запуска программы наставничества"],
        before=[
            "«Дорожная карта» внедрения целевой модели наставничества на 2021/2022 учебный год"
        ],
    )
    table = document.tables[0]
    a = _row(
        table,
        "Разработать нормативную базу",
        "Разработка положения",
        "31.10.2021",
        "Белоусова Е.Л.",
        "Приказ",
    )
    b = _row(
        table,
        "",
        "Создание творческой группы",
        "31.10.2021",
        "Белоусова Е.Л.",
        "Документы",
    )
    a.cells[0].merge(b.cells[0])
    return _save(document)


def timetable():
    return _save(
        table_doc(
            ["Время", "Понедельник", "Вторник", "Среда"],
            [("8:30", "Математика", "Русский язык", "История")] * 5,
            before=["Расписание уроков 5 «А» класса"],
        )
    )


def no_table():
    document = docx.Document()
    document.add_paragraph("Дорожная карта реализации целевой модели наставничества")
    document.add_paragraph("Таблица будет позже.")
    return _save(document)


def many_rows(count):
    rows = [
        f"Этап {n}. Этап номер {n}"
        if i == 0
        else (f"{n}.{i}", f"Мероприятие {n}.{i}", "Сентябрь 2024", "Куратор", "Отчёт")
        for n in range(1, count // 50 + 2)
        for i in range(0, 51)
    ]
    return _save(
        table_doc(
            ["№", "Мероприятие", "Срок", "Ответственные", "Результат"],
            rows[:count],
            before=["Дорожная карта на 2024/2025 учебный год"],
        )
    )


def with_doctype():
    data = io.BytesIO(omutninsk_layout())
    output = io.BytesIO()
    with (
        zipfile.ZipFile(data) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                content = content.replace(
                    b"?>", b'?><!DOCTYPE w:document [<!ENTITY x "roadmap">]>', 1
                )
            target.writestr(item, content)
    return output.getvalue()


def zip_bomb():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", "<Types/>")
        target.writestr(
            "word/document.xml",
            b"<w:document>" + b" " * (60 * 1024 * 1024) + b"</w:document>",
        )
    return output.getvalue()


def not_docx():
    return "Дорожная карта;Сроки\n1;Сентябрь\n".encode()
