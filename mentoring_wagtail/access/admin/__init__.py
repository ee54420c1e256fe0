"""The access floor's admin screens: guarded snippet views, «Доступ», bulk actions.

Admin code sits above every rules floor (docs/development/layout.md); only
other ``admin`` packages and ``wagtail_hooks`` modules import it.
"""
