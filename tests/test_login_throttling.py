"""Wrong passwords on the admin login are throttled by django-axes, in the database.

Axes stays enabled here (as everywhere in the tests): failures are posted to
Wagtail's real login view, counted per username and per address, the lockout
answers in Russian, the right password is refused while locked, and the lock is
lifted by an administrator's unlock (logged) or by time.
"""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from mentoring_wagtail.checks import login_throttling_check

pytestmark = pytest.mark.django_db
PASSWORD = "верный-пароль-4471"  # noqa: S105


@pytest.fixture
def staff():
    return get_user_model().objects.create_user(
        "curator", password=PASSWORD, is_staff=True
    )


def attempt(client, username, password, address="10.0.0.7"):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="ru",
    )


def logged_in(client):
    return "_auth_user_id" in client.session


def test_the_right_password_after_five_wrong_ones_is_refused(client, settings, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "curator", "неверно")
    response = attempt(client, "curator", PASSWORD)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Вход заблокирован" in text
    assert not logged_in(client)


def test_the_lock_is_per_username_from_any_address(client, settings, staff):
    for index in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "curator", "неверно", address=f"10.0.1.{index}")
    assert attempt(client, "curator", PASSWORD, "10.9.9.9").status_code == 429
    assert not logged_in(client)


def test_the_lock_is_per_address_for_any_username(client, settings, staff):
    for index in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"guess{index}", "неверно", address="10.0.2.2")
    assert attempt(client, "curator", PASSWORD, "10.0.2.2").status_code == 429
    # Another address is not locked for this user.
    assert attempt(client, "curator", PASSWORD, "10.0.2.3").status_code == 302
    assert logged_in(client)


def test_a_few_mistakes_do_not_lock(client, settings, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "curator", "неверно")
    assert attempt(client, "curator", PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_lock_is_lifted_by_time(client, settings, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "curator", "неверно")
    past = timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=past)
    assert attempt(client, "curator", PASSWORD).status_code == 302


def test_an_administrator_unlocks_and_it_is_logged(client, settings, staff, caplog):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "curator", "неверно")
    admin = get_user_model().objects.create_superuser("root-axes", "r@x.ru", "x")
    admin_client = client.__class__()
    admin_client.force_login(admin)
    listing = admin_client.get(reverse("mentoring_lockouts:index"))
    assert "curator" in listing.content.decode()
    locked = AccessAttempt.objects.filter(username="curator").first()
    with caplog.at_level(logging.WARNING, logger="mentoring_wagtail.lockouts"):
        admin_client.post(reverse("mentoring_lockouts:unlock", args=[locked.pk]))
    assert "curator" in caplog.text
    assert attempt(client, "curator", PASSWORD).status_code == 302


def test_staff_without_the_right_cannot_unlock(client, settings, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "curator", "неверно")
    other = get_user_model().objects.create_user("clerk", is_staff=True)
    other.user_permissions.add(
        *__import__(
            "django.contrib.auth.models", fromlist=["Permission"]
        ).Permission.objects.filter(codename="access_admin")
    )
    client2 = client.__class__()
    client2.force_login(other)
    locked = AccessAttempt.objects.filter(username="curator").first()
    response = client2.post(reverse("mentoring_lockouts:unlock", args=[locked.pk]))
    assert response.status_code in (302, 403)
    assert AccessAttempt.objects.filter(pk=locked.pk).exists()


def test_the_test_client_login_still_works_with_axes_enabled(client, staff):
    assert client.login(username="curator", password=PASSWORD)


def test_throttling_is_checked():
    assert login_throttling_check(None) == []
    with override_settings(
        AUTHENTICATION_BACKENDS=["django.contrib.auth.backends.ModelBackend"]
    ):
        ids = [m.id for m in login_throttling_check(None)]
    assert ids == ["mentoring_wagtail.W006"]
