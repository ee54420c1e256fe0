from .pages import MentoringIndexPage, MentoringIndexPageMixin, MentoringPageMixin
from .site_settings import OrganisationSettings

__all__ = [
    "MentoringIndexPage",
    "MentoringIndexPageMixin",
    "MentoringPageMixin",
    "OrganisationSettings",
]
