"""The portfolios' choices: the level of an award, what a mentor may format.

Models and rules share them; kept apart from the models.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# What a mentor may format in their own texts: Wagtail's rich-text converter
# drops every other element and attribute when the page is saved.
MENTOR_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class Level(models.TextChoices):
    SCHOOL = "school", _("school")
    MUNICIPAL = "municipal", _("municipal")
    REGIONAL = "regional", _("regional")
    FEDERAL = "federal", _("federal")
