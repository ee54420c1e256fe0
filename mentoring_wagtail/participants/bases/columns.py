"""The columns of the mentor and mentee bases, as schools keep them in Excel.

One description serves the import (header → field, value parsing) and the
export (field → cell), so an exported base imports back unchanged.
"""

from dataclasses import dataclass

from ..choices import ConsentGiver, MentorStatus, PersonKind, RequestKind, RequestSource


@dataclass(frozen=True)
class Column:
    header: str  # as written in the school's table
    target: str  # "person.last_name", "mentor.capacity", "consent.given_on"…
    kind: str = "text"  # text, int, date, bool, choice, list, forms
    required: bool = False
    choices: tuple = ()  # (code, label) pairs for "choice"
    aliases: tuple = ()


def _choices(enum):
    return tuple((str(value), str(label)) for value, label in enum.choices)


PERSON_COLUMNS = (
    Column("Фамилия", "person.last_name", required=True),
    Column("Имя", "person.first_name", required=True),
    Column("Отчество", "person.patronymic"),
    Column(
        "Категория",
        "person.kind",
        "choice",
        required=True,
        choices=_choices(PersonKind)
        + (
            ("student", "ученик"),
            ("student", "обучающийся"),
            ("student", "студент"),
            ("teacher", "учитель"),
            ("teacher", "педагог"),
            ("graduate", "выпускник"),
            ("employer_representative", "представитель работодателя"),
            ("employer_representative", "работодатель"),
        ),
    ),
    Column("Класс/группа", "person.class_or_group", aliases=("класс", "группа")),
    Column("Год рождения", "person.birth_year", "int"),
    Column("Должность", "person.position"),
    Column("Организация", "person.organisation"),
    Column("Email", "person.email", aliases=("эл. почта", "e-mail", "почта")),
    Column("Телефон", "person.phone"),
)

CONSENT_COLUMNS = (
    Column(
        "Согласие на обработку ПДн (дата)",
        "consent.given_on",
        "date",
        required=True,
        aliases=("согласие", "дата согласия", "согласие на обработку"),
    ),
    Column(
        "Законный представитель (ФИО)",
        "consent.representative_name",
        aliases=("законный представитель", "представитель"),
    ),
    Column(
        "Кем приходится",
        "consent.representative_relation",
        aliases=("степень родства", "отношение"),
    ),
    Column(
        "Согласие на публикацию",
        "consent.covers_publication",
        "bool",
        aliases=("публикация",),
    ),
)

MENTOR_COLUMNS = (
    *PERSON_COLUMNS,
    Column(
        "Предмет/направление", "mentor.subject_area", aliases=("предмет", "направление")
    ),
    Column("Компетенции", "mentor.competencies"),
    Column("Стаж (лет)", "mentor.experience_years", "int", aliases=("стаж",)),
    Column("Интересы", "mentor.interests"),
    Column("Возраст наставляемых от", "mentor.preferred_age_min", "int"),
    Column("Возраст наставляемых до", "mentor.preferred_age_max", "int"),
    Column(
        "Наставляемых не более",
        "mentor.capacity",
        "int",
        aliases=("количество наставляемых",),
    ),
    Column("Формы наставничества", "mentor.forms", "forms", aliases=("формы",)),
    Column(
        "Статус",
        "mentor.status",
        "choice",
        choices=_choices(MentorStatus)
        + (
            ("candidate", "кандидат"),
            ("approved", "утверждён"),
            ("approved", "утвержден"),
        ),
    ),
    *CONSENT_COLUMNS,
)

MENTEE_COLUMNS = (
    *PERSON_COLUMNS,
    Column(
        "Запрос",
        "mentee.request_kind",
        "choice",
        required=True,
        choices=_choices(RequestKind)
        + (
            ("academic", "учебный"),
            ("academic", "академический"),
            ("sport", "спортивный"),
            ("volunteering", "волонтёрский"),
            ("volunteering", "волонтерский"),
            ("creative", "творческий"),
            ("methodological", "методический"),
            ("adaptation", "адаптация"),
            ("career", "профориентация"),
            ("other", "другое"),
        ),
        aliases=("вид запроса",),
    ),
    Column("Запрос (описание)", "mentee.request_text", aliases=("описание запроса",)),
    Column(
        "Источник запроса",
        "mentee.request_source",
        "choice",
        choices=_choices(RequestSource)
        + (
            ("self", "сам"),
            ("self", "сама"),
            ("class_teacher", "классный руководитель"),
            ("psychologist", "психолог"),
            ("parent", "родитель"),
            ("other", "другое"),
        ),
    ),
    Column("Интересы", "mentee.interests"),
    Column("Желаемая форма", "mentee.preferred_form", "forms"),
    *CONSENT_COLUMNS,
)

BASES = {"mentors": MENTOR_COLUMNS, "mentees": MENTEE_COLUMNS}

LEGAL_REPRESENTATIVE = ConsentGiver.LEGAL_REPRESENTATIVE
