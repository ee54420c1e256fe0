"""Russian keywords of a mentor's competencies and a mentee's request.

``keywords`` turns free text («Подготовка к олимпиадам по математике») into a
set of stems ({"подготовк", "олимпиад", "математик"}): lowercase, ё as е,
punctuation and numbers dropped, stop words dropped, and the inflectional
ending cut off so that «математика», «математике» and «математикой» give the
same stem. Each stem is a ``Keyword``: a ``str`` equal to the stem, so sets
of keywords compare and match by stem, which also remembers the word as
written and its place in the text, so that the reasons of a match show the
curator the mentor's own words («математика, олимпиады»), not stems.

Endings alone do not join words of one root («спорт» and «спортивный»,
«математика» and «математический»), so two stems are compared by
``match_key``: their first five letters.
"""

import re

WORD = re.compile(r"[^\W_]+")

# Prepositions, conjunctions, pronouns and particles, and the words every
# request is phrased with («хочу», «нужна помощь»), which say nothing of its
# subject.
STOP_WORDS = frozenset(
    """
    а без более бы был была были было быть в вам вас весь во вот все всего всех
    вы где да даже для до его ее ей ему если есть еще же за здесь и из или им
    их к как какая какой когда кто ли либо между мне мной много мое мой моя мы
    на над надо наш не него нее нет ни них но ну о об около он она они оно от
    очень по под после при про с со так также там те тем то того тоже только
    том ты у уже хоть чего чем что чтобы эта эти это этого этой этот эту я
    хочу хочет хотел хотела хотелось хотят нужно нужна нужен нужны надо помощь
    помочь помогите помогать можно который которая которое которые свой своя
    свое свои своих очень больше лучше
    """.split()
)

# Inflectional endings of nouns and adjectives, longest first (verbs in a
# request are mostly «хочу», «улучшить»: left whole).
ENDINGS = tuple(
    sorted(
        """
        иями ями ами ией ием иям иях ого его ому ему ими ыми
        ая яя ое ее ые ие ой ей ий ый ую юю ом ем ам ям ах ях им ым их ых ию ью
        ия ья ье ии ев ов
        а е и й о у ы ь ю я
        """.split(),
        key=len,
        reverse=True,
    )
)
REFLEXIVE = ("ся", "сь")  # «заниматься», «учусь»: verbs, left whole
SHORTEST_STEM = 3
KEY_LENGTH = 5


def stem(word):
    """The word without its inflectional ending («олимпиадам» → «олимпиад»)."""
    if word.endswith(REFLEXIVE):
        return word
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= SHORTEST_STEM:
            return word[: -len(ending)]
    return word


class Keyword(str):
    """A stem («математик») that remembers the word it was cut from
    («Математика», as written) and the word's place in its text.

    Equal to, and hashed as, the plain stem: sets of keywords and sets of
    plain strings compare and intersect alike.
    """

    __slots__ = ("word", "position")

    def __new__(cls, stem_, word, position=0):
        keyword = super().__new__(cls, stem_)
        keyword.word = word
        keyword.position = position
        return keyword

    def __reduce__(self):
        return type(self), (str(self), self.word, self.position)


def keywords(text):
    """The stems of the meaningful words of ``text``, as a frozenset of
    ``Keyword``; of words with one stem, the first written is remembered."""
    if not text:
        return frozenset()
    found = {}
    for position, written in enumerate(WORD.findall(str(text))):
        word = written.lower().replace("ё", "е")
        if len(word) > 1 and not word.isdigit() and word not in STOP_WORDS:
            stem_ = stem(word)
            if stem_ not in found:
                found[stem_] = Keyword(stem_, written, position)
    return frozenset(found.values())


def word_of(keyword):
    """The word as written; a plain string (a stem) is its own word."""
    return getattr(keyword, "word", keyword)


def position_of(keyword):
    """Where the word stood in its text; plain strings after keywords, by
    their letters, so that the order is always the same."""
    return getattr(keyword, "position", float("inf")), str(keyword)


def match_key(stem_):
    """What two stems must share to count as the same word."""
    return stem_[:KEY_LENGTH]


# What each kind of request (Mentee.request_kind) is about, so that a mentor
# whose competencies name it matches even a request with a terse text.
REQUEST_KIND_TERMS = {
    kind: keywords(text)
    for kind, text in {
        "academic": "учёба успеваемость предмет олимпиада экзамен ОГЭ ЕГЭ "
        "исследовательский проект",
        "sport": "спорт физкультура соревнования тренировки ГТО",
        "volunteering": "волонтёрство добровольчество социальный проект "
        "благотворительность",
        "creative": "творчество искусство музыка рисование театр танцы",
        "methodological": "методика методическая работа урок преподавание "
        "педагогика аттестация",
        "adaptation": "адаптация коллектив общение психология",
        "career": "профориентация профессия карьера стажировка предпринимательство",
    }.items()
}
