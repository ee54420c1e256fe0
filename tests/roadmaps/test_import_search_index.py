"""An imported roadmap is indexed for search once, with what a re-index writes.

The import saves the page row two or three times (created, its revision
recorded, published); only the last state is indexed, once, at the end. The
stored index entry must be the one Wagtail's own re-index of the page writes,
and a roadmap saved outside an import is indexed on save as before.
"""

import pytest
from wagtail.search import index
from wagtail.search.models import IndexEntry

from mentoring_wagtail.models import RoadmapPage
from mentoring_wagtail.roadmaps.interchange import Activity, Roadmap, Stage
from mentoring_wagtail.roadmaps.json_io import create_roadmap_page

pytestmark = pytest.mark.django_db


def roadmap(word):
    return Roadmap(
        title="Дорожная карта наставничества",
        year="2025/2026",
        stages=[
            Stage(
                title="Этап 1. Подготовка",
                activities=[
                    Activity(number="1.1", title="Приказ", deadline="август"),
                    Activity(number="1.2", title="Встречи", notes=f"Итоги {word}"),
                ],
            )
        ],
    )


def entry(page):
    rows = list(IndexEntry.objects.filter(object_id=str(page.pk)).values())
    assert len(rows) == 1, rows
    rows[0].pop("id")
    return rows[0]


@pytest.mark.parametrize("publish", [False, True])
def test_the_import_indexes_the_page_as_a_reindex_would(mentoring_section, publish):
    page = create_roadmap_page(
        mentoring_section, roadmap("наставничествоведение"), publish=publish
    )
    stored = entry(page)
    assert list(RoadmapPage.objects.search("наставничествоведение")) == [page]
    index.insert_or_update_object(RoadmapPage.objects.get(pk=page.pk))
    assert entry(page) == stored


def test_a_roadmap_saved_after_an_import_is_indexed_on_save(mentoring_section):
    create_roadmap_page(mentoring_section, roadmap("первоеслово"))
    other = create_roadmap_page(mentoring_section, roadmap("второеслово"))
    other = RoadmapPage.objects.get(pk=other.pk)
    other.title = "Дорожная карта переименованная"
    other.save()
    assert list(RoadmapPage.objects.search("переименованная")) == [other]


def test_a_failed_import_leaves_no_index_entry(mentoring_section, monkeypatch):
    from mentoring_wagtail.roadmaps import json_io

    def broken(page):
        raise RuntimeError("the connection dropped")

    # The last step of the import, where the importer looks it up.
    monkeypatch.setattr(json_io, "offer_after_import", broken)
    before = IndexEntry.objects.count()
    with pytest.raises(RuntimeError):
        create_roadmap_page(mentoring_section, roadmap("потерянноеслово"))
    assert IndexEntry.objects.count() == before
    assert not RoadmapPage.objects.filter(title__contains="наставничества").exists()
