"""Demo data of the official documents: orders, regulation editions, the
programme and the papers of two school years, with a registry page.

Everything here is fictional. Word drafts are generated from the package's
order template, «scans» are one-page PDFs, all stored as Wagtail documents in
the mentoring collection. Idempotent: records are looked up by title first.
"""

import datetime
import io

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from demo.simple_pdf import simple_pdf
from mentoring_wagtail.documents.numbering import note_manual_number
from mentoring_wagtail.documents.order_writer import build_order_docx
from mentoring_wagtail.models import (
    DocumentRegistryPage,
    MentoringProgramme,
    Order,
    OrganisationSettings,
    ProgrammeDocument,
    Regulation,
)
from mentoring_wagtail.setup.collections import get_documents_collection

D = datetime.date

ORDERS = [
    {
        "number": "21-ОД",
        "date": D(2024, 8, 30),
        "kind": "implementation",
        "title": "О внедрении целевой модели наставничества",
        "summary": "Внедрение целевой модели наставничества в 2024–2027 годах.",
        "body": (
            "В соответствии с распоряжением Министерства просвещения Российской "
            "Федерации от 25.12.2019 № Р-145 и методическими рекомендациями по "
            "внедрению целевой модели наставничества\n"
            "ПРИКАЗЫВАЮ:\n"
            "1. Внедрить целевую модель наставничества в 2024/2025 учебном году.\n"
            "2. Утвердить Положение о наставничестве (приложение 1).\n"
            "3. Утвердить программу наставничества (приложение 2).\n"
            "4. Контроль исполнения приказа оставляю за собой."
        ),
    },
    {
        "number": "22-ОД",
        "date": D(2024, 8, 30),
        "kind": "curators",
        "title": "О назначении куратора целевой модели наставничества",
        "summary": "Куратором назначена заместитель директора М.С. Ладогина.",
        "body": (
            "ПРИКАЗЫВАЮ:\n"
            "1. Назначить куратором целевой модели наставничества заместителя "
            "директора по учебно-воспитательной работе М.С. Ладогину.\n"
            "2. Куратору вести базы наставников и наставляемых."
        ),
    },
    {
        "number": "35-ОД",
        "date": D(2024, 9, 20),
        "kind": "mentor_base",
        "title": "Об утверждении базы наставников и базы наставляемых",
        "summary": "Утверждены базы наставников (14 человек) и наставляемых (31).",
        "body": "ПРИКАЗЫВАЮ:\n1. Утвердить базу наставников и базу наставляемых.",
    },
    {
        "number": "41-ОД",
        "date": D(2024, 10, 1),
        "kind": "pairs",
        "title": "О закреплении наставнических пар и групп на 2024/2025 учебный год",
        "summary": "Сформировано 12 наставнических пар и 2 группы.",
        "body": (
            "ПРИКАЗЫВАЮ:\n1. Закрепить наставнические пары и группы согласно "
            "приложению.\n2. Наставникам составить индивидуальные планы."
        ),
    },
    {
        "number": "47-ОД",
        "date": D(2025, 5, 30),
        "kind": "encouragement",
        "title": "О поощрении участников программы наставничества",
        "summary": "Благодарности наставникам по итогам учебного года.",
        "body": (
            "ПРИКАЗЫВАЮ:\n1. Объявить благодарность наставникам (список прилагается)."
        ),
    },
    {
        "number": "112-ОД",
        "date": D(2025, 8, 29),
        "kind": "implementation",
        "title": "Об утверждении Положения о наставничестве в новой редакции",
        "summary": "Положение приведено в соответствие с Концепцией до 2030 года.",
        "body": (
            "В связи с утверждением Концепции развития наставничества до 2030 года\n"
            "ПРИКАЗЫВАЮ:\n1. Утвердить Положение о наставничестве в новой редакции."
        ),
    },
    {
        "number": "115-ОД",
        "date": D(2025, 9, 1),
        "kind": "pairs",
        "title": "О закреплении наставнических пар на 2025/2026 учебный год",
        "summary": "Пары и группы нового учебного года; приказ № 41-ОД утратил силу.",
        "body": (
            "ПРИКАЗЫВАЮ:\n1. Закрепить наставнические пары на 2025/2026 учебный год.\n"
            "2. Признать утратившим силу приказ от 01.10.2024 № 41-ОД."
        ),
    },
]
DRAFT_ORDER = {
    "date": D(2025, 9, 15),
    "kind": "encouragement",
    "title": "О проведении конкурса «Лучший наставник года»",
    "summary": "Проект: конкурс среди наставников.",
    "body": "ПРИКАЗЫВАЮ:\n1. Провести конкурс «Лучший наставник года».",
}

REGULATION_TEXT = [
    "Положение о наставничестве",
    "1. Общие положения",
    "1.1. Положение определяет порядок организации наставничества: формы, "
    "участников, права и обязанности наставника и наставляемого.",
    "2. Куратор целевой модели ведёт базу наставников и базу наставляемых.",
    "3. Наставническая пара или группа формируется приказом директора.",
]


def word_file(paragraphs):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def stored_document(title, filename, data, collection):
    Document = get_document_model()
    existing = Document.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    document = Document(title=title, collection=collection)
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    return document


def scan_of(order, collection):
    lines = [
        "MBOU SSh No 7 goroda Zarechnogo",
        f"PRIKAZ No {order.number.replace('ОД', 'OD')} ot {order.date:%d.%m.%Y}",
        "(skan podpisannogo originala; demonstracionnyj fajl)",
    ]
    return stored_document(
        f"Скан приказа № {order.number} от {order.date:%d.%m.%Y}",
        f"prikaz-{order.date:%Y}-{order.number.split('-')[0]}.pdf",
        simple_pdf(lines),
        collection,
    )


def publish(obj, user):
    revision = obj.save_revision(user=user, log_action=True)
    # Demo data is loaded as the director signed it, whatever the roles say.
    revision.publish(user=user, skip_permission_checks=True)
    obj.refresh_from_db()
    return obj


def ensure_order(site, values, organisation, collection, users):
    order = Order.objects.filter(site=site, title=values["title"]).first()
    if order:
        return order
    order = Order(
        site=site,
        signatory_title=organisation.director_title,
        signatory_name=organisation.director_name,
        **values,
    )
    order.save()
    order.draft_file = stored_document(
        f"Проект приказа «{order.title}»",
        f"proekt-prikaza-{order.pk}.docx",
        build_order_docx(order, organisation),
        collection,
    )
    if order.number:
        note_manual_number(order)
        order.signed_scan = scan_of(order, collection)
        order.save()
        publish(order, users["director"])
    else:
        order.save()
        order.save_revision(user=users["secretary"], log_action=True)
    return order


def ensure_edition(model, site, values, user, file_data, filename, collection):
    existing = model.objects.filter(site=site, title=values["title"])
    existing = existing.filter(edition=values.get("edition", "")).first()
    if existing:
        return existing
    document = model(site=site, **values)
    document.file = stored_document(
        f"{values['title']} (ред. {values.get('edition') or 1})",
        filename,
        file_data,
        collection,
    )
    document.save()
    return publish(document, user)


def ensure_programme_document(site, values, user, collection, data, filename):
    existing = ProgrammeDocument.objects.filter(
        site=site, title=values["title"]
    ).first()
    if existing:
        return existing
    document = ProgrammeDocument(site=site, **values)
    document.file = stored_document(values["title"], filename, data, collection)
    document.save()
    return publish(document, user)


def ensure_registry_page(section):
    page = DocumentRegistryPage.objects.child_of(section).first()
    if page:
        return page
    page = DocumentRegistryPage(
        title="Документы",
        slug="documents",
        intro="<p>Приказы, положение, программа наставничества и другие "
        "документы школы. Отменённые и утратившие силу документы остаются в "
        "реестре с отметкой.</p>",
    )
    section.add_child(instance=page)
    page.save_revision().publish()
    return page


def load(site, section, users):
    collection = get_documents_collection()
    organisation = OrganisationSettings.for_site(site)
    director = users["director"]
    orders = {
        values["number"]: ensure_order(site, values, organisation, collection, users)
        for values in ORDERS
    }
    ensure_order(site, DRAFT_ORDER, organisation, collection, users)

    first = ensure_edition(
        Regulation,
        site,
        {
            "title": "Положение о наставничестве",
            "edition": "1",
            "date": D(2024, 8, 30),
            "approved_by_order": orders["21-ОД"],
            "summary": "Порядок организации наставничества в школе.",
        },
        director,
        word_file(REGULATION_TEXT),
        "polozhenie-o-nastavnichestve-2024.docx",
        collection,
    )
    ensure_edition(
        Regulation,
        site,
        {
            "title": "Положение о наставничестве",
            "edition": "2",
            "date": D(2025, 8, 29),
            "effective_date": D(2025, 9, 1),
            "supersedes": first,
            "approved_by_order": orders["112-ОД"],
            "summary": "Новая редакция с учётом Концепции развития наставничества "
            "до 2030 года.",
        },
        director,
        word_file([*REGULATION_TEXT, "4. Наставляемый участвует в оценке программы."]),
        "polozhenie-o-nastavnichestve-2025.docx",
        collection,
    )
    ensure_edition(
        MentoringProgramme,
        site,
        {
            "title": "Программа наставничества МБОУ СШ № 7 на 2024–2027 годы",
            "edition": "1",
            "date": D(2024, 8, 30),
            "approved_by_order": orders["21-ОД"],
            "summary": "Формы «учитель – учитель», «ученик – ученик», "
            "«учитель – ученик».",
        },
        director,
        word_file(
            [
                "Программа наставничества",
                "Формы наставничества: учитель – учитель, ученик – ученик.",
                "Наставник помогает наставляемому освоить профессию.",
            ]
        ),
        "programma-nastavnichestva.docx",
        collection,
    )
    papers = [
        (
            {
                "title": "Протокол заседания методического совета № 1",
                "kind": "protocol",
                "date": D(2024, 8, 28),
                "summary": "Рассмотрены проекты положения и программы наставничества.",
            },
            "protokol-metodsoveta-1.pdf",
            simple_pdf(["Protokol zasedaniya metodicheskogo soveta No 1"]),
        ),
        (
            {
                "title": "Список наставнических пар и групп на 2024/2025 учебный год",
                "kind": "pairs_list",
                "date": D(2024, 10, 1),
                "approved_by_order": orders["41-ОД"],
            },
            "spisok-par-2024.docx",
            word_file(["Список наставнических пар", "12 пар, 2 группы"]),
        ),
        (
            {
                "title": "Аналитическая справка по итогам реализации программы "
                "наставничества в 2024/2025 учебном году",
                "kind": "analytical_report",
                "date": D(2025, 6, 10),
                "summary": "Удовлетворённость наставляемых: 33 из 59 – 56 %.",
            },
            "analiticheskaya-spravka-2025.docx",
            word_file(
                [
                    "Аналитическая справка",
                    "Удовлетворённость наставляемых работой наставников: 56 %.",
                ]
            ),
        ),
        (
            {
                "title": "Анкета удовлетворённости наставляемого (приложение 3)",
                "kind": "questionnaire",
                "date": D(2024, 8, 30),
                "approved_by_order": orders["21-ОД"],
            },
            "anketa-nastavlyaemogo.docx",
            word_file(
                ["Анкета наставляемого", "Оцените работу наставника от 1 до 10."]
            ),
        ),
    ]
    for values, filename, data in papers:
        ensure_programme_document(site, values, director, collection, data, filename)

    pairs_2024 = orders["41-ОД"]
    if not pairs_2024.revoked_on:
        from mentoring_wagtail.documents.revocation import revoke

        revoke(
            pairs_2024,
            revoked_on=D(2025, 9, 1),
            revoked_by=orders["115-ОД"],
            note="в связи с закреплением пар на новый учебный год",
            user=users["secretary"],
        )
    ensure_registry_page(section)
