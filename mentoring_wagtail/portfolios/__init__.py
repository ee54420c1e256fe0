"""«Наши наставники»: mentors' public portfolios, their awards, best practices.

A Django app of its own (label ``mentoring_portfolios``) built on the
participants app. The core never imports it: the section accepts its index
pages as children, and the core's workflow setup finds its page type by label.
"""
