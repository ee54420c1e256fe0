"""Samples of the monitoring's public page types for ``tests/section``'s checks."""

from mentoring_wagtail.monitoring.models import (
    IndicatorsPage,
    MonitoringYear,
    QuestionnairePage,
)
from tests.section.public_pages import public_page_factory

from .support import YEAR, make_group, make_mentee, make_mentor, make_questionnaire


class Link:
    """What a respondent opens: the page's URL with a single-use token."""

    def __init__(self, url):
        self.url = url


@public_page_factory(QuestionnairePage)
def questionnaire_sample(section):
    # Without a link the page refuses (403); a mentee follows the link issued.
    from mentoring_wagtail.monitoring.answering import TOKEN_PARAM
    from mentoring_wagtail.monitoring.tokens import issue_links

    page = QuestionnairePage.objects.child_of(section).live().first()
    if page is None:
        page = make_questionnaire(section, intro="<p>Анкета для наставляемых.</p>")
    site = section.get_site()
    group = make_group(
        site,
        make_mentor(site, "teacher", 1),
        [make_mentee(site, "student", 1)],
        "teacher-student",
    )
    (link,) = issue_links(page, [group])
    return Link(f"{page.url}?{TOKEN_PARAM}={link.token}"), "Анкета для наставляемых."


@public_page_factory(IndicatorsPage)
def indicators_sample(section):
    page = IndicatorsPage.objects.child_of(section).live().first()
    if page is None:
        MonitoringYear.objects.get_or_create(
            site=section.get_site(),
            academic_year=YEAR,
            defaults={"students_10_19": 120, "students_15_19": 60},
        )
        page = IndicatorsPage(title="Показатели наставничества", slug="pokazateli")
        section.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
    return page, page.title
