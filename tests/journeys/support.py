"""What every journey does in the browser: log in through the form, upload a
file through Wagtail's chooser, press buttons of the footer's action menu.

Every step goes through the :class:`~tests.journeys.recorder.Journey`, at its
pace, and is counted and checked there.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from mentoring_wagtail.access.staff_roles import get_role

PASSWORD = "journey-2026"
NAMES = {
    "secretary": ("Мария", "Иванова"),
    "curator": ("Наталья", "Ласточкина"),
    "methodologist": ("Ирина", "Соколова"),
    "director": ("Ольга", "Верескова"),
    "mentor": ("Анна", "Смирнова"),
}
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def school_staff(*role_keys):
    """``manage.py mentoring_setup``, then one member of staff per role."""
    call_command("mentoring_setup", verbosity=0)
    User = get_user_model()
    staff = {}
    for key in role_keys:
        first_name, last_name = NAMES[key]
        user = User.objects.create_user(
            key,
            f"{key}@school.example",
            PASSWORD,
            first_name=first_name,
            last_name=last_name,
        )
        user.groups.add(Group.objects.get(name=get_role(key).name))
        staff[key] = user
    return staff


def log_in(journey, base_url, username):
    """Whoever used the browser before is gone; ``username`` signs in."""
    page = journey.page
    page.context.clear_cookies()
    journey.goto(base_url + "/admin/login/")
    journey.type(page.locator("input[name='username']"), username)
    journey.type(page.locator("input[name='password']"), PASSWORD)
    journey.pending.clear()  # the password is not shown back, rightly
    journey.click(page.get_by_role("button", name=re.compile("Войти")))
    assert "/admin/login/" not in page.url, page.locator(".messages").all_inner_texts()


def log_out(journey, base_url):
    """The next person is a visitor: nobody signed in."""
    journey.page.context.clear_cookies()


def open_menu(journey, *labels):
    """Follow the admin's sidebar: a submenu, then the item in it."""
    page = journey.page
    sidebar = page.locator("[data-side-panel], #wagtail-sidebar, aside").first
    *submenus, item = labels
    for label in submenus:
        journey.click(sidebar.get_by_role("button", name=label).first, navigates=False)
    journey.click(sidebar.get_by_role("link", name=item).first)


def messages(page):
    """The confirmations and warnings the user reads, all in Russian."""
    text = " ".join(page.locator(".messages").all_inner_texts())
    assert not LATIN_WORD.search(text), text
    return text


def footer_action(journey, label):
    """Press ``label`` in the footer's action menu, opening its dropdown first."""
    footer = journey.page.locator("footer, .footer").last
    button = footer.get_by_role("button", name=label)
    if not button.first.is_visible():
        journey.click(
            footer.locator(
                ".w-dropdown__toggle, [data-w-dropdown-target='toggle']"
            ).first,
            navigates=False,
        )
    journey.click(button.first)


def upload_through_chooser(journey, field, path, title):
    """Attach a new file to a document field through the chooser's «Загрузить»."""
    page = journey.page
    journey.click(
        page.locator(f"#id_{field}-chooser .chooser__choose-button"), navigates=False
    )
    modal = page.locator(".modal.in").first
    journey.click(modal.get_by_role("tab", name="Загрузка"), navigates=False)
    journey.pause()
    modal.locator("input[name='document-chooser-upload-file']").set_input_files(
        str(path)
    )
    title_field = modal.locator("input[name='document-chooser-upload-title']")
    journey.type(title_field, title)
    journey.pending.pop()  # shown back as the chosen document's title, below
    journey.click(
        modal.locator("#tab-upload").get_by_role("button", name="Загрузка"),
        navigates=False,
    )
    page.locator(f"#id_{field}-chooser:not(.blank)").wait_for()
    assert title in page.locator(f"#id_{field}-chooser").inner_text()


def approve(journey):
    """The reviewer's «Одобрить» in the editor's footer («Одобрить и
    Опубликовать» at the route's last step)."""
    footer_action(journey, re.compile("^Одобрить( и Опубликовать)?$"))


def approve_from_dashboard(journey, title):
    """«Одобрить» in the row's «Действия» of «В ожидании вашего отзыва»."""
    row = journey.page.locator("#awaiting-review-content tbody tr", has_text=title)
    journey.click(row.get_by_role("button", name="Действия"), navigates=False)
    journey.click(row.get_by_role("button", name="Одобрить", exact=True))
