"""Roadmap speed: the public page and the Word import.

    .venv/bin/python benchmarks/bench_roadmap.py

1. The public roadmap page with 20 and with 300 activities: the same number of
   queries; median render time against a plain Wagtail page (example_site's
   HomePage) carrying the same text in one RichTextField. Target ≤ 1.5×.
2. Importing a 300-activity .docx against python-docx alone opening it and
   reading every cell of its table (``row.cells`` / ``cell.text``). Target ≤ 2×.
3. A college's five-year plan: 3,000 activities imported end to end (reading
   the file, creating the draft page, its revision, the activities table, the
   search and reference index) against python-docx reading every cell of
   it. Target ≤ 2×. ``--import`` runs this part only.
"""

import io
import statistics
import sys
import time

from harness import (
    SMOKE,
    Measurement,
    benchmark_database,
    format_row,
    measure,
    runs,
    scaled,
)


def interleaved(actions, count=60, warmup=5, clock=time.perf_counter):
    """Median times of several actions run in turn, so load on the machine
    falls on all of them alike; query counts from ``measure``.

    With ``clock=time.process_time`` the CPU time of this process is measured,
    which other processes on a busy machine disturb far less than wall time.
    """
    count, warmup = runs(count), 0 if SMOKE else warmup
    for _ in range(warmup):
        for action in actions:
            action()
    timings = [[] for _ in actions]
    cpu_timings = [[] for _ in actions]
    for _ in range(count):
        for index, action in enumerate(actions):
            start, cpu = clock(), time.process_time()
            action()
            timings[index].append((clock() - start) * 1000)
            cpu_timings[index].append((time.process_time() - cpu) * 1000)
    return [
        Measurement(
            statistics.median(t),
            measure(a, runs=1, warmup=0).queries,
            count,
            statistics.median(c),
        )
        for t, c, a in zip(timings, cpu_timings, actions, strict=True)
    ]


STATUSES = ["done", "planned", "in_progress", "not_done", "cancelled"]
DEADLINES = [
    "Сентябрь 2024",
    "До 10 апреля 2025",
    "Ежегодно в мае",
    "1.01.25-31.12.25",
    "Весь период",
]


def make_roadmap(count):
    from mentoring_wagtail.roadmaps.interchange import Activity, Roadmap, Stage

    per_stage = max(1, count // 6)
    stages = []
    number = 0
    for s in range(6):
        activities = []
        for i in range(per_stage if s < 5 else count - per_stage * 5):
            number += 1
            activities.append(
                Activity(
                    number=f"{s + 1}.{i + 1}",
                    title=f"Мероприятие {number}: организовать встречу наставников и наставляемых, "
                    "провести анкетирование и обсудить результаты с кураторами программы",
                    deadline=DEADLINES[number % 5],
                    responsible="Директор колледжа, кураторы, наставники",
                    result="Протокол встречи, анализ анкет, публикация на сайте колледжа",
                    status=STATUSES[number % 5],
                    actual_result="Проведено, протокол № 3" if number % 5 == 0 else "",
                )
            )
        stages.append(
            Stage(
                title=f"Этап {s + 1}. Этап программы наставничества",
                goal="Задача этапа - подготовка условий",
                activities=activities,
            )
        )
    return Roadmap(title=f"Дорожная карта ({count})", year="2024/2025", stages=stages)


def rich_text_of(roadmap):
    from django.utils.html import escape

    parts = []
    for stage in roadmap.stages:
        parts.append(f"<h2>{escape(stage.title)}</h2><p>{escape(stage.goal)}</p>")
        for a in stage.activities:
            parts.append(
                "<p>"
                + " ".join(
                    escape(x)
                    for x in (
                        a.number,
                        a.title,
                        a.deadline,
                        a.responsible,
                        a.result,
                        a.status,
                        a.actual_result,
                    )
                )
                + "</p>"
            )
    return "".join(parts)


def import_end_to_end(section, count=3000, repeats=3):
    """Part 3: reading and creating the page against python-docx alone."""
    import docx

    from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
    from mentoring_wagtail.roadmaps.word_reader import read_roadmap
    from mentoring_wagtail.roadmaps.word_writer import write_roadmap

    data = write_roadmap(make_roadmap(count))

    def python_docx_alone():
        document = docx.Document(io.BytesIO(data))
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    cell.text  # noqa: B018

    read_times = []

    def ours():
        start = time.perf_counter()
        roadmap = read_roadmap(data)
        read_times.append((time.perf_counter() - start) * 1000)
        create_roadmap_page(section, roadmap)

    end_to_end = measure(ours, runs=repeats, warmup=1)
    alone = measure(python_docx_alone, runs=repeats, warmup=1)
    print(f"Import of a {count}-activity .docx, end to end")
    print(f"  reading alone: {statistics.median(read_times):.0f} ms")
    print(
        "  "
        + format_row(
            "read + draft page + revision vs python-docx reading every cell",
            end_to_end,
            alone,
            target=2.0,
        )
    )


def main():
    if "--import" in sys.argv:
        with benchmark_database():
            from wagtail.models import Site

            from mentoring_wagtail.models import MentoringIndexPage

            home = Site.objects.get(is_default_site=True).root_page
            section = home.add_child(
                instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
            )
            import_end_to_end(section)
        return
    with benchmark_database():
        import docx
        from django.test import Client, override_settings
        from home.models import HomePage
        from wagtail.models import Site

        from mentoring_wagtail.models import MentoringIndexPage
        from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
        from mentoring_wagtail.roadmaps.word_reader import read_roadmap
        from mentoring_wagtail.roadmaps.word_writer import write_roadmap

        home = Site.objects.get(is_default_site=True).root_page
        section = home.add_child(
            instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
        )
        pages = {}
        for count in (scaled(20, 6), scaled(300, 12)):
            roadmap = make_roadmap(count)
            pages[count] = create_roadmap_page(section, roadmap, publish=True)
            # The plain page sits beside the roadmap, so routing costs the same.
            plain = section.add_child(
                instance=HomePage(
                    title=f"Текст {count}",
                    slug=f"text-{count}",
                    body=rich_text_of(roadmap),
                )
            )
            plain.save_revision().publish()
            pages[f"plain{count}"] = plain
        client = Client()
        for page in pages.values():
            assert client.get(page.url).status_code == 200

        small, big = sorted(key for key in pages if isinstance(key, int))

        def get(key, timeout=600):
            # «No cache» turns off the roadmap's body cache and the section's
            # whole-page cache (which would otherwise answer from memory).
            def action():
                with override_settings(
                    MENTORING_WAGTAIL_ROADMAP_CACHE_TIMEOUT=timeout,
                    MENTORING_WAGTAIL_PUBLIC_PAGE_CACHE_TIMEOUT=timeout,
                ):
                    client.get(pages[key].url)

            return action

        actions = [
            get(f"plain{small}"),
            get(f"plain{big}"),
            get(small),
            get(big),
            get(small, 0),
            get(big, 0),
        ]
        for clock_name, clock in (
            ("wall time", time.perf_counter),
            ("CPU time of the process", time.process_time),
        ):
            plain20, plain300, road20, road300, fresh20, fresh300 = interleaved(
                actions, clock=clock
            )
            for label, small_m, big_m in (
                ("cached display (default)", road20, road300),
                (
                    "no cache (ROADMAP_ and PUBLIC_PAGE_CACHE_TIMEOUT=0)",
                    fresh20,
                    fresh300,
                ),
            ):
                print(f"Public roadmap page, {label}, {clock_name}")
                same = "same" if small_m.queries == big_m.queries else "DIFFERENT"
                print(
                    f"  queries: {small} activities {small_m.queries}, "
                    f"{big} activities {big_m.queries} ({same})"
                )
                for count, measured, plain in (
                    (big, big_m, plain300),
                    (small, small_m, plain20),
                ):
                    row = format_row(
                        f"{count} activities vs rich text", measured, plain, 1.5
                    )
                    print("  " + row)

        activities = scaled(300, 12)
        data = write_roadmap(make_roadmap(activities))

        def python_docx_alone():
            document = docx.Document(io.BytesIO(data))
            for table in document.tables:
                for row in table.rows:
                    for cell in row.cells:
                        cell.text  # noqa: B018

        ours = measure(lambda: read_roadmap(data), runs=runs(15))
        alone = measure(python_docx_alone, runs=runs(15))
        print(f"Import of a {activities}-activity .docx")
        print(
            "  "
            + format_row(
                "read_roadmap vs python-docx reading every cell",
                ours,
                alone,
                target=2.0,
            )
        )
        assert read_roadmap(data).activity_count == activities
        import_end_to_end(section, count=scaled(3000, 30), repeats=runs(3))


if __name__ == "__main__":
    main()
