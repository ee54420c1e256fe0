"""The access floor's admin screens: guarded snippet views, «Доступ», bulk
actions, the user form's «Роли» tab.

Admin code sits above every rules floor (docs/development/layout.md); only
other ``admin`` packages and ``wagtail_hooks`` modules import it.
"""
