"""Demo «Наши наставники»: fictional mentors, their portfolios, two practices.

Everyone here is invented; the photos are drawn here (initials on a colour),
no real person is pictured. The demo mentor login keeps the first portfolio.
Idempotent: everything is looked up before it is created.
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from mentoring_wagtail.participants.models import (
    Mentor,
    MentoringForm,
    MentorStatus,
    Person,
    PersonalDataConsent,
)
from mentoring_wagtail.portfolios.models import (
    Award,
    MenteeAchievement,
    MentorIndexPage,
    MentorPortfolioPage,
    PracticeAuthor,
    PracticeIndexPage,
    PracticePage,
)
from mentoring_wagtail.portfolios.setup_steps import get_photos_collection

MENTORS = [
    {
        "user_role": "mentor",
        "last_name": "Клёнов",
        "first_name": "Павел",
        "patronymic": "Андреевич",
        "position": "учитель математики",
        "subject": "Математика",
        "experience_years": 14,
        "forms": ["teacher-student", "teacher-teacher"],
        "colour": (46, 94, 170),
        "biography": "<p>Готовлю ребят к олимпиадам и помогаю молодым коллегам "
        "войти в профессию.</p>",
        "competencies": "олимпиадная математика\nпроектная деятельность",
        "achievement": ("Призёры муниципального этапа олимпиады по математике", 3),
        "award": ("Лучший наставник", "school"),
    },
    {
        "last_name": "Заречная",
        "first_name": "Вера",
        "patronymic": "Сергеевна",
        "position": "учитель русского языка и литературы",
        "subject": "Русский язык",
        "experience_years": 22,
        "forms": ["teacher-teacher"],
        "colour": (150, 60, 90),
        "biography": "<p>Наставник молодых педагогов: открытые уроки, "
        "разбор занятий, методическая поддержка.</p>",
        "competencies": "методика преподавания, классное руководство",
        "achievement": ("Молодые педагоги, прошедшие аттестацию", 2),
        "award": ("Почётная грамота управления образования", "municipal"),
    },
    {
        "last_name": "Луговой",
        "first_name": "Игорь",
        "patronymic": "Петрович",
        "position": "учитель физики",
        "subject": "Физика",
        "experience_years": 9,
        "forms": ["teacher-student"],
        "colour": (40, 130, 90),
        "biography": "<p>Веду школьное конструкторское бюро.</p>",
        "competencies": "робототехника\nисследовательские проекты",
        "achievement": ("Участники регионального конкурса проектов", 5),
        "award": None,
    },
]

PRACTICES = [
    {
        "title": "Разновозрастная команда олимпиадной подготовки",
        "slug": "olympiad-team",
        "form": "teacher-student",
        "subject": "Математика",
        "problem": "<p>Сильные ученики занимаются поодиночке и теряют интерес.</p>",
        "what_was_done": "<p>Еженедельные разборы задач, старшие объясняют "
        "младшим под присмотром наставника.</p>",
        "results": "<p>Число участников муниципального этапа выросло вдвое.</p>",
        "authors": ["Клёнов"],
    },
    {
        "title": "Открытые уроки для молодых педагогов",
        "slug": "open-lessons",
        "form": "teacher-teacher",
        "subject": "Русский язык",
        "problem": "<p>Молодые учителя не видят, как ведут уроки опытные коллеги.</p>",
        "what_was_done": "<p>Цикл взаимных посещений уроков с разбором по "
        "единой карте наблюдения.</p>",
        "results": "<p>Все молодые педагоги прошли аттестацию в срок.</p>",
        "authors": ["Заречная", "Клёнов"],
    },
]


def placeholder_photo(initials, colour):
    """A 400×500 JPEG: initials on a plain colour. No real person."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (400, 500), colour)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.load_default(size=160)
    except TypeError:  # Pillow < 10.1
        font = ImageFont.load_default()
    draw.text((200, 250), initials, fill=(255, 255, 255), font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def ensure_photo(data):
    Image = get_image_model()
    title = f"Фото: {data['last_name']} {data['first_name']} (демо)"
    photo = Image.objects.filter(title=title).first()
    if photo is None:
        initials = data["first_name"][0] + data["last_name"][0]
        content = placeholder_photo(initials, data["colour"])
        photo = Image(
            title=title,
            collection=get_photos_collection(create=True),
            file=ImageFile(io.BytesIO(content), name=f"mentor-{initials}.jpg"),
            focal_point_x=200,
            focal_point_y=250,
            focal_point_width=240,
            focal_point_height=240,
        )
        photo.save()
    return photo


def ensure_mentor(site, data, users):
    user = users.get(data.get("user_role"))
    person = Person.objects.filter(site=site, user=user).first() if user else None
    if person is None:
        person = Person.objects.filter(
            site=site, last_name=data["last_name"], first_name=data["first_name"]
        ).first()
    if person is None:
        person = Person.objects.create(
            site=site,
            kind="teacher",
            last_name=data["last_name"],
            first_name=data["first_name"],
            patronymic=data["patronymic"],
            position=data["position"],
            user=user,
        )
    if not person.consents.filter(covers_publication=True, withdrawn_on=None).exists():
        PersonalDataConsent.objects.create(
            person=person,
            given_on=timezone.localdate() - datetime.timedelta(days=30),
            covers_processing=True,
            covers_publication=True,
        )
    mentor = Mentor.objects.filter(person=person).first()
    if mentor is None:
        mentor = Mentor.objects.create(
            person=person,
            subject_area=data["subject"],
            experience_years=data["experience_years"],
            competencies=data["competencies"],
            status=MentorStatus.APPROVED,
        )
        mentor.forms.set(MentoringForm.objects.filter(code__in=data["forms"]))
    return mentor


def ensure_portfolio(index, mentor, data):
    page = MentorPortfolioPage.objects.filter(mentor=mentor).first()
    if page is not None:
        return page
    page = index.add_child(
        instance=MentorPortfolioPage(
            title=mentor.person.full_name,
            slug=f"mentor-{mentor.pk}",
            mentor=mentor,
            photo=ensure_photo(data),
            photo_alt=f"Портрет-заглушка: инициалы {mentor.person.short_name}",
            position=data["position"],
            subject=data["subject"],
            experience_years=data["experience_years"],
            biography=data["biography"],
            competencies=data["competencies"],
            live=False,
        )
    )
    title, count = data["achievement"]
    MenteeAchievement.objects.create(
        page=page, title=title, year=timezone.localdate().year - 1, mentees_count=count
    )
    page.save_revision().publish()
    return page


def ensure_practices(section, portfolios):
    index = PracticeIndexPage.objects.descendant_of(section).first()
    if index is None:
        index = section.add_child(
            instance=PracticeIndexPage(
                title="Методическая копилка",
                slug="practices",
                intro="<p>Успешные практики наставничества нашей школы.</p>",
            )
        )
    for data in PRACTICES:
        if PracticePage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        page = index.add_child(
            instance=PracticePage(
                title=data["title"],
                slug=data["slug"],
                form=MentoringForm.objects.filter(code=data["form"]).first(),
                subject=data["subject"],
                problem=data["problem"],
                what_was_done=data["what_was_done"],
                results=data["results"],
                live=False,
            )
        )
        for last_name in data["authors"]:
            PracticeAuthor.objects.create(page=page, portfolio=portfolios[last_name])
        page.save_revision().publish()


def load(site, section, users):
    index = MentorIndexPage.objects.descendant_of(section).first()
    if index is None:
        index = section.add_child(
            instance=MentorIndexPage(
                title="Наши наставники",
                slug="mentors",
                intro="<p>Учителя, которые помогают ученикам и коллегам.</p>",
            )
        )
    portfolios = {}
    for data in MENTORS:
        mentor = ensure_mentor(site, data, users)
        portfolios[data["last_name"]] = ensure_portfolio(index, mentor, data)
        if data["award"]:
            title, level = data["award"]
            Award.objects.get_or_create(
                mentor=mentor,
                title=title,
                defaults={"level": level, "year": timezone.localdate().year - 1},
            )
    ensure_practices(section, portfolios)
