"""The fictional demo school: «Средняя школа № 7 города Заречного».

Every person here is invented.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from home.models import HomePage
from mentoring_wagtail.models import MentoringIndexPage, OrganisationSettings
from mentoring_wagtail.roles import get_role

DEMO_PASSWORD = "demo-school-2025"

# role key → (username, first name, last name)
DEMO_USERS = {
    "director": ("director", "Ольга", "Верескова"),
    "curator": ("curator", "Марина", "Ладогина"),
    "secretary": ("secretary", "Нина", "Полевая"),
    "methodologist": ("methodist", "Ирина", "Снегирёва"),
    "mentor": ("mentor", "Павел", "Клёнов"),
    "site_editor": ("editor", "Артём", "Ручейков"),
}


def ensure_home():
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="Средняя школа № 7 города Заречного",
                slug="school-home",
                body="<p>Добро пожаловать на демонстрационный сайт школы.</p>",
            )
        )
    if site:
        site.root_page = home
        site.site_name = "Средняя школа № 7"
        site.save()
    else:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
            site_name="Средняя школа № 7",
        )
    # The page Wagtail's initial migration created is no longer needed.
    root.get_children().exclude(pk=home.pk).filter(slug="home").delete()
    return site


def ensure_section(site):
    section = MentoringIndexPage.objects.descendant_of(site.root_page).first()
    if section:
        return section
    return site.root_page.add_child(
        instance=MentoringIndexPage(
            title="Наставничество",
            slug="mentoring",
            intro=(
                "<p>В школе реализуется целевая модель наставничества. Здесь "
                "опубликованы приказы, положение, программа и дорожная карта.</p>"
            ),
        )
    )


def ensure_organisation(site):
    settings = OrganisationSettings.for_site(site)
    if not settings.full_name:
        settings.full_name = (
            "Муниципальное бюджетное общеобразовательное учреждение "
            "«Средняя школа № 7 города Заречного»"
        )
        settings.short_name = "МБОУ СШ № 7"
        settings.director_title = "Директор"
        settings.director_name = "О.П. Верескова"
        settings.city = "Заречный"
        settings.save()
    return settings


def ensure_users():
    User = get_user_model()
    users = {}
    for role_key, (username, first_name, last_name) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@school7.example",
            )
        user.groups.add(Group.objects.get(name=get_role(role_key).name))
        users[role_key] = user
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        User.objects.create_superuser(
            "admin", "admin@school7.example", DEMO_PASSWORD,
            first_name="Администратор", last_name="Сайта",
        )
    return users


def ensure_school():
    site = ensure_home()
    section = ensure_section(site)
    ensure_organisation(site)
    users = ensure_users()
    return site, section, users
