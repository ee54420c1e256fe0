"""What every journey does in the browser: log in through the form, upload a
file through Wagtail's chooser, press buttons of the footer's action menu."""

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


def log_in(page, base_url, username):
    """Whoever used the browser before is gone; ``username`` signs in."""
    page.context.clear_cookies()
    page.goto(base_url + "/admin/login/")
    page.fill("input[name='username']", username)
    page.fill("input[name='password']", PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Войти")).click()
    assert "/admin/login/" not in page.url, page.locator(".messages").all_inner_texts()


def open_menu(page, *labels):
    """Follow the admin's sidebar: a submenu, then the item in it."""
    sidebar = page.locator("[data-side-panel], #wagtail-sidebar, aside").first
    *submenus, item = labels
    for label in submenus:
        sidebar.get_by_role("button", name=label).first.click()
    click_and_wait(sidebar.get_by_role("link", name=item).first)


def messages(page):
    """The confirmations and warnings the user reads, all in Russian."""
    text = " ".join(page.locator(".messages").all_inner_texts())
    assert not LATIN_WORD.search(text), text
    return text


def click_and_wait(locator):
    with locator.page.expect_navigation():
        locator.click()


def footer_action(page, label):
    """Press ``label`` in the footer's action menu, opening its dropdown first."""
    footer = page.locator("footer, .footer").last
    button = footer.get_by_role("button", name=label)
    if not button.first.is_visible():
        footer.locator(
            ".w-dropdown__toggle, [data-w-dropdown-target='toggle']"
        ).first.click()
    click_and_wait(button.first)


def upload_through_chooser(page, field, path, title):
    """Attach a new file to a document field through the chooser's «Загрузить»."""
    page.locator(f"#id_{field}-chooser .chooser__choose-button").click()
    modal = page.locator(".modal.in").first
    modal.get_by_role("tab", name="Загрузка").click()
    modal.locator("input[name='document-chooser-upload-file']").set_input_files(
        str(path)
    )
    modal.locator("input[name='document-chooser-upload-title']").fill(title)
    modal.locator("#tab-upload").get_by_role("button", name="Загрузка").click()
    page.locator(f"#id_{field}-chooser:not(.blank)").wait_for()


def approve(page):
    """The reviewer's «Одобрить» in the editor's footer («Одобрить и
    Опубликовать» at the route's last step)."""
    footer_action(page, re.compile("^Одобрить( и Опубликовать)?$"))


def approve_from_dashboard(page, title):
    """«Одобрить» in the row's «Действия» of «В ожидании вашего отзыва»."""
    row = page.locator("#awaiting-review-content tbody tr", has_text=title)
    row.get_by_role("button", name="Действия").click()
    click_and_wait(row.get_by_role("button", name="Одобрить", exact=True))
