"""Mentoring programme records (целевая модель наставничества) for Wagtail sites."""

__version__ = "0.1.0"
