"""The programme's people: mentor and mentee bases, consents, groups, meetings.

A Django app of its own (label ``mentoring_participants``) that a site adds to
``INSTALLED_APPS`` beside ``mentoring_wagtail``. The core never imports it.
"""
