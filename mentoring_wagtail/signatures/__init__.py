"""Electronic signatures of official documents, visible on the school site.

A simple electronic signature (ПЭП) is recorded when the director approves the
«Подписание директором» step; visitors see its mark in the registry and can
check it on ``…/signature/<key>/``. A qualified signature (КЭП, a detached
CMS file) may be attached to a signed scan and is verified on upload.
"""
