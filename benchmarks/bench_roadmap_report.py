"""The execution report against Wagtail's page editor, for a 300-activity roadmap.

    .venv/bin/python benchmarks/bench_roadmap_report.py

One run = open the screen (GET) and save one changed status (POST), which makes
one new revision either way. Wagtail's editor is posted the whole form a
browser would send (every block of the StreamField); the report posts the
status and result of every row. Targets: fewer queries, at most 0.5× the time.
"""

import itertools
import time

from bench_roadmap import interleaved, make_roadmap
from harness import benchmark_database, format_row, scaled


def editor_form(page, status):
    """The editor's POST for ``page`` with the first activity's status set."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    stages = []
    first = True
    for stage in page.stages.raw_data:
        value = stage["value"]
        items = {}
        for index, item in enumerate(value["activities"]):
            activity = dict(item["value"])
            if first:
                activity["status"], first = status, False
            activity["evidence"] = streamfield([])
            items[str(index)] = {
                "value": activity,
                "deleted": "",
                "order": index,
                "id": item["id"],
            }
        items["count"] = len(value["activities"])
        stages.append(
            (
                "stage",
                {"title": value["title"], "goal": value["goal"], "activities": items},
            )
        )
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "academic_year": page.academic_year,
            "approval_text": page.approval_text,
            "considered_text": page.considered_text,
            "import_warnings": page.import_warnings,
            "intro": rich_text(""),
            "stages": streamfield(stages),
        }
    )
    for index in range(len(stages)):
        data[f"stages-{index}-id"] = page.stages.raw_data[index]["id"]
    return data


def report_form(client, url, status):
    response = client.get(url)
    data = {"revision": str(response.context["revision_id"]), "row": []}
    for index, row in enumerate(response.context["rows"]):
        data["row"].append(row.block_id)
        data[f"status-{row.block_id}"] = status if index == 0 else row.status
        data[f"result-{row.block_id}"] = row.actual_result
    return data


def main():
    with benchmark_database():
        from django.contrib.auth import get_user_model
        from django.test import Client
        from wagtail.models import Site

        from mentoring_wagtail.models import MentoringIndexPage, RoadmapPage
        from mentoring_wagtail.roadmaps.json_io import create_roadmap_page

        home = Site.objects.get(is_default_site=True).root_page
        section = home.add_child(
            instance=MentoringIndexPage(title="Наставничество", slug="mentoring")
        )
        activities = scaled(300, 12)
        page = create_roadmap_page(section, make_roadmap(activities), publish=True)
        user = get_user_model().objects.create_superuser("bench", "b@e.com", "pw")
        client = Client()
        client.force_login(user)
        report_url = f"/admin/mentoring/roadmaps/{page.pk}/report/"
        edit_url = f"/admin/pages/{page.pk}/edit/"
        statuses = itertools.cycle(["done", "planned"])

        def report():
            data = report_form(client, report_url, next(statuses))
            response = client.post(report_url, data)
            assert response.status_code == 302, response.status_code

        def editor():
            response = client.get(edit_url)
            assert response.status_code == 200
            latest = RoadmapPage.objects.get(pk=page.pk).get_latest_revision_as_object()
            response = client.post(edit_url, editor_form(latest, next(statuses)))
            assert response.status_code == 302, response.content[:3000]

        before = page.revisions.count()
        report()
        editor()
        assert page.revisions.count() == before + 2  # each saves one revision
        for label, clock in (("CPU", time.process_time), ("wall", time.perf_counter)):
            measured, baseline = interleaved(
                [report, editor], count=10, warmup=1, clock=clock
            )
            print(
                format_row(
                    f"report view vs page editor, open + save, {activities} activities "
                    f"({label})",
                    measured,
                    baseline,
                    target=0.5,
                )
            )


if __name__ == "__main__":
    main()
