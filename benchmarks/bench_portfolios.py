"""«Наши наставники»: the index and a portfolio against plain Wagtail pages.

    .venv/bin/python benchmarks/bench_portfolios.py

1. The index page («Наши наставники», filtered by a form of mentoring) with
   10 and with 1 000 published portfolios: the same number of queries; median
   render time against a plain Wagtail page (example_site's HomePage) carrying
   the text the index shows in one RichTextField. Target ≤ 1.5×.
2. One portfolio (photo, courses, awards, practices, mentees' numbers)
   against a plain page with the same text. Target ≤ 1.5×.

Every portfolio has a photo (one image shared, so the rendition exists once).
Measured twice: with the rendered bodies cached (the default; a visitor's
request after nothing changed) and with the cache off (what the first
request after a change costs).
"""

import datetime
import io

from bench_roadmap import interleaved
from harness import benchmark_database, format_row, scaled


def photo():
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    out = io.BytesIO()
    PILImage.new("RGB", (400, 500), (46, 94, 170)).save(out, "JPEG")
    image = get_image_model()(
        title="Фото", file=ImageFile(io.BytesIO(out.getvalue()), name="p.jpg")
    )
    image.save()
    return image


def make_mentors(site, count, prefix, forms):
    from django.utils import timezone

    from mentoring_wagtail.participants.models import (
        Mentor,
        Person,
        PersonalDataConsent,
    )

    people = Person.objects.bulk_create(
        Person(
            site=site,
            kind="teacher",
            last_name=f"{prefix}{number:04d}",
            first_name="Анна",
            patronymic="Ивановна",
        )
        for number in range(count)
    )
    PersonalDataConsent.objects.bulk_create(
        PersonalDataConsent(
            person=person,
            given_on=timezone.localdate() - datetime.timedelta(days=5),
            covers_publication=True,
        )
        for person in people
    )
    mentors = Mentor.objects.bulk_create(
        Mentor(person=person, status="approved", subject_area="Математика")
        for person in people
    )
    Through = Mentor.forms.through
    Through.objects.bulk_create(
        Through(mentor_id=mentor.pk, mentoringform_id=form.pk)
        for mentor in mentors
        for form in forms
    )
    return mentors


def add_portfolios(index, mentors, image):
    from mentoring_wagtail.portfolios.models import MentorPortfolioPage

    for mentor in mentors:
        index.add_child(
            instance=MentorPortfolioPage(
                title=f"{mentor.person.last_name} Анна Ивановна",
                slug=f"m-{mentor.pk}",
                mentor=mentor,
                photo=image,
                photo_alt="Портрет",
                position="учитель математики",
                subject="Математика",
                experience_years=12,
                biography="<p>Готовлю ребят к олимпиадам. " * 20 + "</p>",
                competencies="олимпиадная математика\nпроекты\nисследования",
                live=True,
            )
        )


def main():
    with benchmark_database():
        from django.test import Client
        from home.models import HomePage
        from wagtail.models import Site

        from mentoring_wagtail.models import MentoringIndexPage
        from mentoring_wagtail.participants.models import MentoringForm
        from mentoring_wagtail.portfolios.models import (
            Award,
            MenteeAchievement,
            MentorIndexPage,
        )
        from mentoring_wagtail.setup.steps import run_setup

        run_setup()
        site = Site.objects.get(is_default_site=True)
        forms = list(MentoringForm.objects.filter(code__in=["teacher-student"]))
        image = photo()
        client = Client()
        pages = {}
        small_count, big_count = scaled(10, 2), scaled(1000, 4)
        for count in (small_count, big_count):
            section = site.root_page.add_child(
                instance=MentoringIndexPage(title=f"Раздел {count}", slug=f"s{count}")
            )
            index = section.add_child(
                instance=MentorIndexPage(title="Наши наставники", slug="mentors")
            )
            add_portfolios(index, make_mentors(site, count, f"Н{count}-", forms), image)
            pages[count] = index
            html = client.get(index.url, {"form": "teacher-student"}).content.decode()
            shown = index.listing_context(_request(index), "teacher-student", "")[
                "portfolios"
            ]
            text = "".join(
                f"<p>{p.title}</p><p>{p.position}</p><p>{p.subject}</p>" for p in shown
            )
            plain = section.add_child(
                instance=HomePage(title=f"Текст {count}", slug="text", body=text)
            )
            pages[f"plain{count}"] = plain
            assert "Анна" in html
        portfolio = pages[small_count].get_children().specific().first()
        MenteeAchievement.objects.create(
            page=portfolio, title="Призёры", mentees_count=3
        )
        Award.objects.create(
            mentor=portfolio.mentor, title="Лучший наставник", year=2025
        )
        pages["portfolio"] = portfolio
        pages["plain_portfolio"] = (
            pages[small_count]
            .get_parent()
            .add_child(
                instance=HomePage(
                    title="Портфолио текстом",
                    slug="portfolio-text",
                    body=portfolio.biography
                    + "<p>учитель математики Математика 12 лет</p>"
                    + "<p>олимпиадная математика проекты исследования</p>"
                    + "<p>Лучший наставник 2025 Призёры 3</p>",
                )
            )
        )

        def get(key, **params):
            page = pages[key]
            return lambda: client.get(page.url, params)

        actions = [
            get(f"plain{small_count}"),
            get(f"plain{big_count}"),
            get(small_count, form="teacher-student"),
            get(big_count, form="teacher-student"),
            get("plain_portfolio"),
            get("portfolio"),
        ]
        counts = small_count, big_count
        report("cached bodies (the default)", actions, counts, runs=40)
        from django.test import override_settings

        with override_settings(
            MENTORING_WAGTAIL_PORTFOLIOS_CACHE_TIMEOUT=0,
            MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT=0,
        ):
            # What the first request after any change costs (the whole-page
            # cache off too, or it would answer from memory).
            report("rendered on every request (cache off)", actions, counts, runs=20)


def report(label, actions, counts, runs):
    plain10, plain1000, small, big, plain_p, port = interleaved(actions, count=runs)
    few, many = counts
    same = "same" if small.queries == big.queries else "DIFFERENT"
    print(f"== {label}")
    print("«Наши наставники», filtered by form of mentoring")
    print(
        f"  queries: {few} mentors {small.queries}, {many} mentors {big.queries} ({same})"
    )
    print("  " + format_row(f"{many} mentors vs rich text", big, plain1000, 1.5))
    print("  " + format_row(f"{few} mentors vs rich text", small, plain10, 1.5))
    print("  " + format_row(f"{many} vs {few} mentors", big, small))
    print("A portfolio page")
    print("  " + format_row("portfolio vs rich text", port, plain_p, 1.5))


def _request(page):
    from django.test import RequestFactory

    request = RequestFactory().get(page.url, {"form": "teacher-student"})
    request.user = None
    return request


if __name__ == "__main__":
    main()
