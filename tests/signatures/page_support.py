"""A roadmap page taken through its route («Утверждение дорожной карты»)."""

from mentoring_wagtail.roadmaps.interchange import Activity, Roadmap, Stage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
from mentoring_wagtail.setup.steps import run_setup

from ..approvals_support import make_user


def route_users():
    run_setup()
    return {
        "curator": make_user("curator", "curator"),
        "methodologist": make_user(
            "metod", "methodologist", first_name="Ольга", last_name="Петрова"
        ),
        "director": make_user(
            "director", "director", first_name="Анна", last_name="Вишнякова"
        ),
    }


def draft_roadmap(section, title="Дорожная карта 2025/2026"):
    data = Roadmap(
        title=title,
        year="2025/2026",
        stages=[
            Stage(
                title="Подготовительный этап",
                activities=[
                    Activity(
                        number="1.1",
                        title="Провести анкетирование",
                        deadline="Сентябрь 2025",
                    )
                ],
            )
        ],
    )
    return create_roadmap_page(section, data)


def approve_through_route(page, users):
    """Submit the latest revision and approve both steps; return the page."""
    page.refresh_from_db()
    page.get_workflow().start(page, users["curator"])
    for role in ("methodologist", "director"):
        page.refresh_from_db()
        page.current_workflow_task.on_action(
            page.current_workflow_task_state, users[role], "approve"
        )
    page.refresh_from_db()
    return page
