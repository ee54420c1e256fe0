"""Ground truth: the five seeds' tables, built as Word files in several layouts,
import with every word of the table on the page and the seed's counts.

The counts were taken by hand from the seed texts, not from the reader:
stage rows, and rows that start an activity (a row split by a page break —
no number, text starting in lower case — continues the activity above; an
item «1) …» of a numbered list in a stage's cell is an activity).
"""

import html
import re

import pytest

from mentoring_wagtail.roadmaps.json_io import create_roadmap_page
from mentoring_wagtail.roadmaps.word_reader import read_roadmap
from tests.roadmaps.seed_docx import LAYOUTS, build, read_seed, table_words
from tests.shared_samples import require_samples

# seed file: (first line, last line of the roadmap table), stages, activities,
# sub-section headings («1. Изучение …» under «I. …»)
SEEDS = {
    # one «Этап 1.» row; 26 activity rows, «выступления …» (with its own
    # deadline and responsible) among them; 8 rows continue the row above
    "000_061c72d4d2bd07d6.txt": ((7, 50), 1, 26, 0),
    # the report: 8 stage rows, activities 1–36 and «пос. 38»
    "001_7766591d8355c29d.txt": ((91, 159), 8, 37, 0),
    # 7 stages, one per row; lists 1)–2) ×2, 1)–3) ×3, two cells without a list
    "002_f90720269e05c3b4.txt": ((7, 14), 7, 15, 0),
    # I–IV; 1.1–1.4, 2.1–2.4, 2.1–2.3, 3.1–3.3, 4.1–4.4
    "003_6cb259427516db09.txt": ((18, 44), 4, 18, 2),
    # «Этап 1.»–«Этап 7.»; 6+6+4+7+7+7+7
    "004_6758d78b053f7192.txt": ((5, 73), 7, 44, 0),
}


def words_of(text):
    return set(re.findall(r"\w+", html.unescape(text).lower()))


@pytest.fixture(scope="module")
def seeds():
    require_samples()
    return {name: read_seed(name, *lines) for name, (lines, *_c) in SEEDS.items()}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_counts_in_every_layout(seeds, name, layout):
    _lines, stages, activities, subsections = SEEDS[name]
    roadmap = read_roadmap(build(seeds[name], layout))
    assert (len(roadmap.stages), roadmap.activity_count) == (stages, activities)
    tasks = {a.task for s in roadmap.stages for a in s.activities if a.task}
    if subsections:
        assert len({t for t in tasks if re.match(r"\d+\. ", t)}) == subsections
    assert len(roadmap.title) <= 255 and roadmap.title


@pytest.mark.django_db
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_word_of_the_table_reaches_the_page(
    seeds, name, layout, client, mentoring_section
):
    roadmap = read_roadmap(build(seeds[name], layout))
    page = create_roadmap_page(mentoring_section, roadmap, publish=True)
    response = client.get(page.url)
    assert response.status_code == 200
    on_page = words_of(re.sub(r"<[^>]+>", " ", response.text))
    missing = [w for w in table_words(seeds[name]) if w not in on_page]
    assert missing == []


def test_seed_003_keeps_sub_sections_and_both_approval_blocks(seeds):
    roadmap = read_roadmap(build(seeds["003_6cb259427516db09.txt"], "several_tables"))
    assert roadmap.considered_text.startswith("РАССМОТРЕНО")
    assert roadmap.considered_text.endswith("Протокол № 1")
    assert roadmap.approval_text.startswith("УТВЕРЖДАЮ")
    assert (roadmap.order_number, roadmap.order_date) == ("21", "30.08.2024")
    first = roadmap.stages[0].activities
    assert first[0].task.startswith("1. Изучение и систематизация")
    assert first[4].task.startswith("2. Нормативно-правовое регулирование")


def test_seed_001_long_first_paragraph_is_not_the_title(seeds):
    roadmap = read_roadmap(build(seeds["001_7766591d8355c29d.txt"]))
    assert roadmap.title.startswith("Отчет об исполнении дорожной карты")
    assert roadmap.year == "2022/2023"
    assert any(line.startswith("Информация о реализации") for line in roadmap.intro)
