"""Wagtail's and Django's own messages that their Russian catalogues leave in English.

The admin pages of the package show them (the upload dialog's «Maximum
filesize», the footer's «Actions (footer)»). Listed here so ``makemessages``
extracts them into the package's catalogue, whose translation Django prefers
(the package comes before Wagtail in ``INSTALLED_APPS``). Nothing imports
this module.
"""

from django.utils.translation import gettext_noop

MESSAGES = (
    gettext_noop("Actions (footer)"),
    gettext_noop(
        "Supported formats: %(supported_formats)s. Maximum filesize: "
        "%(max_upload_size)s."
    ),
    gettext_noop("Maximum filesize: %(max_upload_size)s."),
    gettext_noop(
        "This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s."
    ),
    gettext_noop("This file is too big. Maximum filesize %(max_filesize)s."),
    # «Организация обновлено»: the setting's name is feminine, the verb neuter.
    gettext_noop("%(setting_type)s updated."),
    # Django 6.1's empty choice of every select (BLANK_CHOICE_LABEL), new in
    # 6.1 and not yet in its Russian catalogue.
    gettext_noop("- Select an option -"),
)
