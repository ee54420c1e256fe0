.PHONY: help demo test messages compile-messages migrations lint docs docs-serve

help:
	@echo "demo              set up and serve the demo school (scripts/demo)"
	@echo "test              set up and run the whole test suite (scripts/test)"
	@echo "messages          extract msgids, merge locale_drafts/*.po, compile (needs .[dev])"
	@echo "compile-messages  compile locale/ru/LC_MESSAGES/django.mo"
	@echo "migrations        make migrations that follow a swapped Page model"
	@echo "lint              ruff check and format check, the floors contract (lint-imports)"
	@echo "docs              build the documentation site into site/ (mkdocs --strict)"
	@echo "docs-serve        serve the documentation at http://127.0.0.1:8001 while editing"

demo:
	scripts/demo

test:
	scripts/test

messages:
	cd mentoring_wagtail && ../.venv/bin/django-admin makemessages -l ru --no-obsolete --add-location=never
	.venv/bin/python scripts/merge_translations.py

compile-messages:
	cd mentoring_wagtail && ../.venv/bin/django-admin compilemessages -l ru

migrations:
	.venv/bin/python scripts/makemigrations.py

lint:
	.venv/bin/ruff check mentoring_wagtail tests example_site benchmarks scripts
	.venv/bin/ruff format --check mentoring_wagtail tests example_site benchmarks scripts
	PYTHONPATH=. .venv/bin/lint-imports --no-cache
	PYTHONPATH=. .venv/bin/python scripts/check_import_cycles.py
	.venv/bin/python scripts/check_deferred_imports.py

docs:
	NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict

docs-serve:
	NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs serve -a 127.0.0.1:8001
