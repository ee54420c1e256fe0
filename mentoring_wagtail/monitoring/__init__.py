"""Monitoring of the mentoring programme: questionnaires with single-use links,
the target indicators computed from the records, the public «Показатели» page,
exports for the regional centre and the yearly execution report.

An optional app beside ``mentoring_wagtail.participants``; the core never
imports it.
"""
