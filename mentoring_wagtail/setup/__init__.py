"""``manage.py mentoring_setup``: the roles, collections, routes and drafts.

The floor above every feature's rules and admin: setup may import them all,
nothing below imports setup (see docs/development/layout.md).
"""
