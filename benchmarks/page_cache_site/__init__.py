"""The example site as ``bench_page_cache_wrk.py`` serves it: the page cache
before routing switched on, and two extra addresses for the comparison only
(a constant Django view, Wagtail's pages under Django's cache middleware).
Never part of the package or of a school's site."""
