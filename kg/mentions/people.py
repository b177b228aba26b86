"""People: bylines, a title or role word before a surname and given name (or a transcribed
name with a middle dot: 买买提·艾力), 同志/先生,
signatures, lists beside a known name, and every later use of a name found so."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..model import Article
from ..resources import read_families, read_words
from .common import _is_cjk, _jieba, _lexicons, _matches, _Span, _word_freq


def _given_name(text: str, start: int, lex) -> int | None:
    """End offset of a surname + given name starting at ``start`` (two to four characters)."""
    sur = 2 if text[start:start + 2] in lex["surnames"] else 1
    if sur == 1 and text[start] not in lex["surnames"]:
        return None
    first = start + sur
    if first >= len(text) or not _is_cjk(text[first]):
        return None
    if text[first] in lex["name_stops"]:
        # 许一鸣说: a stop opens a given name only of two characters before a verb of speech
        if not (_is_cjk(text[first + 1:first + 2]) and text[first + 1] not in lex["name_stops"]
                and text.startswith(_speech_verbs(), first + 2)
                and not text.startswith(lex["title_by_first"].get(text[first], ()), first)
                and not _common_word(text[start:first + 2], 10)):
            return None
        return first + 2
    if text.startswith(lex["title_by_first"].get(text[first], ()), first):
        return None  # 居民和游客: a surname-like word before a title or role is no name
    if text[start:first + 1] in _not_names():
        return None  # 老师来校交流: a verb and a place, no name
    if sur == 1 and text[start] in lex["boundary"] and (
            _word_after_function_word(text[first:first + 2]) or
            _word_after_function_word(text[first:first + 3])):
        return None  # 果农和返乡青年, 老人和慢性病患者, 干部和专业技术人才: a function word (和,
        # 向) before a verb, an adjective, a distinguishing or a time word jieba knows, or a
        # noun it knows as more than rare, opens no name (向红梅 does: jieba tags 红梅 a given name);
        # a three-character such word too (毕业生和农牧民: 农牧 is an abbreviation, 农牧民 a noun)
    if sur == 1 and text[start] in _not_name_verbs() and \
            (_jieba().dt.word_tag_tab.get(text[first:first + 2]) or "").startswith("ns"):
        return None  # 带学生来沂蒙: the same verb before a place's name jieba knows
    end = first + 1
    if end < len(text) and _is_cjk(text[end]) and text[end] not in lex["name_stops"]:
        if not text.startswith(lex["title_by_first"].get(text[end], ()), end) and \
                not text.startswith(_post_verbs(), end) and \
                (not _common_word(text[end:end + 2], 1000) or text.startswith(_speech_verbs(), end + 1)) \
                and not _before_aspect(text, end + 1):
            end += 1  # 王欢参加: 参加 is a word, so the name is 王欢; but 李建华表示: 表示 is the verb
            # (张强任屯留区副区长, 李明挂职: a verb of taking a post ends the name; 李明种了:
            # a verb before an aspect particle)
    name = text[start:end]
    if _common_word(name[:2]) and not (_surname_and_given(name) or _known_name(name)) or \
            _common_word(name):
        return None  # a common word, not a name (书记全部下沉); but 徐海波 is one jieba knows
    return end


def _known_name(name: str) -> bool:
    """Whether jieba's dictionary holds the three-character ``name`` as a person's name
    (tag ``nr``): its first two characters may make a place word (徐海) all the same."""
    return len(name) == 3 and (_jieba().dt.word_tag_tab.get(name) or "").startswith("nr")


def _minority_name(text: str, start: int) -> int | None:
    """End offset of a two-character Dai or Lahu name at ``start`` (岩温, 玉香, 扎莫, 娜倮):
    such names have no surname; they open with a word of ``minority_name_openers.tsv`` (a
    man's or a woman's prefix) and end the name where a verb of speech, a one-character
    function word or punctuation follows. Taken only after a title or role word, and never
    when the two characters make a word jieba knows (岩石, 玉米, 扎实)."""
    if text[start:start + 1] not in _minority_openers():
        return None
    second, after = text[start + 1:start + 2], text[start + 2:start + 3]
    if not _is_cjk(second) or second in _lexicons()["name_stops"]:
        return None
    if _word_freq().get(text[start:start + 2], 0) > 0:
        return None
    if _is_cjk(after) and not text.startswith(_speech_verbs(), start + 2) and \
            after not in _lexicons()["boundary"]:
        return None
    return start + 2


@lru_cache(maxsize=1)
def _minority_openers() -> frozenset[str]:
    """The first characters of surnameless Dai and Lahu names (``minority_name_openers.tsv``)."""
    return frozenset(read_words("minority_name_openers.tsv"))


def _word_after_function_word(word: str) -> bool:
    """Whether ``word``, written after a one-character function word that is a surname too (和,
    向), is a word jieba knows that no given name is: a verb, an adjective, a distinguishing or
    a time word, or a common noun (企业, 专业, 支教: tagged ``n``, seen 50 times or more; 春花
    is rarer and may be a given name) -- never one it tags as a name (``nr``)."""
    tag = _jieba().dt.word_tag_tab.get(word) or ""
    if tag.startswith(("v", "a", "b", "t")):
        return True
    return tag.startswith("n") and not tag.startswith("nr") and _word_freq().get(word, 0) >= 50


def _surname_and_given(name: str) -> bool:
    """Whether a three-character name whose surname and first given character make a place
    word jieba knows (黄海, 江山), or a numeral word (余家 of 百余家, 万户), reads as a surname
    and a given name jieba knows as one (黄 + 海涛, 余 + 家珍; 江 + 山明 is none): jieba tags
    the given name ``nr``."""
    tags = _jieba().dt.word_tag_tab
    return len(name) == 3 and (tags.get(name[:2]) or "").startswith(("ns", "m")) and \
        (tags.get(name[1:]) or "").startswith("nr") and _word_freq().get(name, 0) == 0


def _surnameless_name(text: str, start: int) -> int | None:
    """End offset of a Tibetan or Mongolian name at ``start``: two words of
    ``surnameless_name_words.tsv`` in a row (扎西才让, 乌云达来); such names have no surname
    for :func:`_given_name` to find, and are tried first (乌 of 乌云达来 is a Han surname too).
    Many Tibetans go by one such word alone (青年旦增说, 村民达瓦在…): one word is a name where
    a verb of speech, a one-character function word or punctuation follows, as with
    :func:`_minority_name`, and the word is no frequent common word (格桑花 goes on)."""
    words = _surnameless_words()
    if text[start:start + 2] in words and text[start + 2:start + 4] in words:
        return start + 4
    if text[start:start + 2] in words and not _common_word(text[start:start + 2]):
        after = text[start + 2:start + 3]
        if not _is_cjk(after) or text.startswith(_speech_verbs(), start + 2) or \
                after in _lexicons()["boundary"] and _word_freq().get(text[start + 2:start + 4], 0) == 0:
            return start + 2
    return None


@lru_cache(maxsize=1)
def _surnameless_words() -> frozenset[str]:
    """The two-character words of Tibetan and Mongolian names (``surnameless_name_words.tsv``)."""
    return frozenset(read_words("surnameless_name_words.tsv"))


def _common_word(word: str, threshold: int = 100) -> bool:
    """A word jieba's dictionary knows as frequent (above ``threshold``) and not as a
    person's name."""
    if len(word) < 2 or _word_freq().get(word, 0) <= threshold:
        return False
    return not (_jieba().dt.word_tag_tab.get(word) or "").startswith("nr")


def _people(article: Article, taken: list[bool]) -> list[_Span]:
    lex = _lexicons()
    text = article.text
    found: dict[str, str] = {}  # name -> title
    given: dict[str, str] = {}  # the given name of a transcribed name -> the whole name
    spans = []

    def add(start: int, end: int, full: str | None = None) -> None:
        if any(taken[start:end]):
            return
        name = full or text[start:end]
        spans.append(_Span(start, end, "person", "Person", f"person/{name}", name,
                           {name, text[start:end]}))
        for k in range(start, end):
            taken[k] = True

    for b in article.bylines:
        found.setdefault(b.name, b.title)
        add(b.start, b.end)
    for m in _intros(text):
        start = m.end()
        if start < len(text) and not any(taken[m.start():start]):
            dotted = re.match(r"[\u4e00-\u9fff]{1,6}[·・•][\u4e00-\u9fff]{1,6}", text[start:start + 14])
            if dotted:  # 副书记买买提·艾力: a transcribed name, given name · father's name,
                name = dotted.group(0)  # whose second part has two characters, then runs while
                dot = re.search(r"[·・•]", name).end()  # they are those of transcriptions and
                # no common word begins (吐尔逊, 艾力|陪同, 艾力|不仅; 阿不都 is a name)
                chars = _transcription_chars()
                cut = next((k for k in range(dot + 1, len(name))
                            if name[k] in lex["name_stops"] and name[k] not in chars
                            or k - dot >= 2 and (name[k] not in chars or
                                                 _common_word(text[start + k:start + k + 2], 1000))),
                           len(name))
                found.setdefault(name[:cut], "")
                if dot > 3:  # 热依拉·阿不都 … 热依拉说: the given name alone names her again
                    given.setdefault(name[:dot - 1], name[:cut])
                continue
            end = _surnameless_name(text, start) or _given_name(text, start, lex) or \
                _minority_name(text, start)
            if end:
                found.setdefault(text[start:end], "")
    for m in _matches(r"([\u4e00-\u9fff]{2,4})(?=同志|先生|女士)", text, "同志|先生|女士"):  # 牛海江同志
        for size in (3, 2, 4):
            name = m.group(1)[-size:]
            if len(name) == size and _given_name(text, m.end() - size, lex) == m.end():
                found.setdefault(name, "")
                break
    for m in re.finditer(r"[（(]([\u4e00-\u9fff])\s?([\u4e00-\u9fff]{1,2})[）)]\s*(?:\n|$)", text):
        name = m.group(1) + m.group(2)  # a signature at the end of a story: （王 佳）
        if m.group(1) in lex["surnames"]:
            found.setdefault(name, "")
            start = m.start(1)
            if not any(taken[start:m.end(2)]):
                spans.append(_Span(start, m.end(2), "person", "Person", f"person/{name}", name,
                                   {name, text[start:m.end(2)]}))
                for k in range(start, m.end(2)):
                    taken[k] = True
    speaker, after = _speaker_patterns()
    for m in _matches(speaker, text, after):
        name = m.group(1)
        if _unknown_surnamed(name, lex):
            found.setdefault(name, "")
    # a clause opened by a name and a verb of taking a post (李明远挂职县发改委副主任); the
    # one-character 任 is left out (主任, 责任)
    verbs = "|".join(map(re.escape, (v for v in _post_verbs() if len(v) > 1)))
    for m in re.finditer(rf"(?:^|[。！？；\n])([\u4e00-\u9fff]{{2,3}}?)(?={verbs})", text):
        name = m.group(1)
        if _unknown_surnamed(name, lex):
            found.setdefault(name, "")
    # 任 alone opens a post where a place's name follows at once (…，李明远任某县委常委、副县长):
    # 主任 or 责任 never stands before one
    for m in re.finditer(r"(?:^|[。！？；，,\n])([\u4e00-\u9fff]{2,3}?)(?=任)", text):
        name, after = m.group(1), m.end() + 1
        if after < len(text) and taken[after] and _given_name(text, m.start(1), lex) == m.end(1):
            found.setdefault(name, "")
    # a speaker described by a clause ending in 的: 返乡创业的郑家兴说 (the name must read as
    # one by itself: 的负责人说, 的李主任说 name nobody)
    for m in _described_re().finditer(text):
        # 来自东城区教育委员会的周丽，…: where a person comes from, then the name
        g = 1 if m.group(1) else 2
        name = m.group(g)
        if _word_freq().get(name, 0) == 0 and _given_name(text, m.start(g), lex) == m.end(g):
            found.setdefault(name, "")
    # people listed beside a known one: 张伟、李强、王芳等
    for m in _matches(r"[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})+", text, "、"):
        items = [item[:-1] if item.endswith("等") else item for item in m.group(0).split("、")]
        if not any(item[k:] in found for item in items for k in range(len(item) + 1)):
            continue  # no item ends with a name found: looked up by suffix, not over found
        for item in items:
            if any(item[k:] in found for k in range(len(item) - 1)):
                continue  # 主任刘明: the name found is the item's name (not 任刘明)
            for cand in (item, item[-3:], item[-2:]):
                if len(cand) >= 2 and _given_name(cand + "。", 0, lex) == len(cand):
                    found.setdefault(cand, "")
                    break
    places = _occurrences(text, set(found) | set(given))
    for name in sorted(found, key=len, reverse=True) + sorted(set(given) - set(found)):
        after = 0
        for at in places.get(name, ()):
            if at >= after:  # non-overlapping, left to right, as str.find from the last end
                add(at, at + len(name), given.get(name) if name not in found else None)
                after = at + len(name)
    return spans


def _occurrences(text: str, names: Iterable[str]) -> dict[str, list[int]]:
    """Where each name starts in ``text`` (overlapping occurrences included), from where the
    first characters of the names are written: a ``text.find`` loop per name read the whole
    text once for each name found, which grew with the square of an article's length; one per
    first character (a surname) does not, and skips the other characters in C."""
    names = set(names)
    sizes = sorted({len(n) for n in names})
    firsts = {n[0] for n in names if n}
    out: dict[str, list[int]] = {}
    for ch in firsts:
        i = text.find(ch)
        while i >= 0:
            for size in sizes:
                word = text[i:i + size]
                if word in names and len(word) == size:
                    out.setdefault(word, []).append(i)
            i = text.find(ch, i + 1)
    return out


def _intros(text: str) -> Iterator[re.Match[str]]:
    """The words that introduce a person's name (a title or role: 校长, 居民; 83岁的; 名叫),
    left to right, not overlapping: what one alternation of them all finds, from two patterns
    (:func:`_intro_res`) that ``re`` can skip to, where that one it tried at every offset."""
    words, ages = _intro_res()
    pos, word, age = 0, words.search(text), ages.search(text)
    while word is not None or age is not None:
        # no title begins with a digit, so the two never begin at one offset (were one to, the
        # title would win, as it came first in the one alternation)
        m = word if age is None or (word is not None and word.start() <= age.start()) else age
        yield m
        pos = m.end()
        if word is not None and word.start() < pos:
            word = words.search(text, pos)
        if age is not None and age.start() < pos:
            age = ages.search(text, pos)


@lru_cache(maxsize=1)
def _intro_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a title or role, 名叫 or 叫做; an age, 83岁的, and the title after it if any), each
    with the space that may follow. Each begins with known characters, so ``re`` skips to
    them at C speed."""
    titles = "|".join(map(re.escape, _lexicons()["title_list"]))
    return (re.compile(rf"(?:{titles}|名叫|叫做)\s?"),
            re.compile(rf"\d+岁的(?:{titles})?\s?"))


@lru_cache(maxsize=1)
def _post_verbs() -> tuple[str, ...]:
    """The ``appoint`` family of ``triggers.tsv`` (任, 担任, 挂职 …): verbs that follow the name
    of the person who takes the post."""
    return read_families("triggers.tsv")["appoint"]


@lru_cache(maxsize=1)
def _speech_verbs() -> tuple[str, ...]:
    """The ``speech`` family of ``triggers.tsv``: verbs that follow a speaker's name."""
    return read_families("triggers.tsv")["speech"]


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """The ``not-name`` family of ``name_verbs.tsv``: a surname-like verb or preposition and a
    place word (来校, 由县) that open no name."""
    return frozenset(read_families("name_verbs.tsv")["not-name"])


def _unknown_surnamed(name: str, lex) -> bool:
    """Whether ``name`` opens with a surname and is no word jieba knows, nor its first two
    characters a frequent one: a name written with no title before it (李明远挂职…, …，张强说).
    A three-character name jieba lists as a person's name (:func:`_known_name`) counts too."""
    return name[0] in lex["surnames"] and (_word_freq().get(name, 0) == 0 or _known_name(name)) \
        and _word_freq().get(name[:2], 0) <= 100


@lru_cache(maxsize=1)
def _speaker_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A name opening its clause before a ``name-before`` verb of triggers.tsv (说, 表示 …) or
    被, and those words alone (what every match holds). A closing quote opens the clause too:
    the genre quotes first and names the speaker after (“……。”陈志刚说)."""
    words = "|".join(map(re.escape, read_families("triggers.tsv")["name-before"] + ("被",)))
    return (re.compile(rf"(?:^|[。！？；，\n”])([\u4e00-\u9fff]{{2,3}})(?={words})"),
            re.compile(words))


@lru_cache(maxsize=1)
def _described_re() -> re.Pattern[str]:
    """A name after 的 and before a ``name-before`` verb (返乡创业的郑家兴说), or after
    来自…的 and before a comma (来自东城区教育委员会的周丽，…)."""
    words = "|".join(map(re.escape, read_families("triggers.tsv")["name-before"]))
    return re.compile(rf"(?:的([\u4e00-\u9fff]{{2,3}})(?={words})"
                      r"|(?<=来自)[\u4e00-\u9fff]{2,20}?的([\u4e00-\u9fff]{2,3})(?=[，,]))")


@lru_cache(maxsize=1)
def _not_name_verbs() -> frozenset[str]:
    """The verbs that open the ``not-name`` pairs of ``name_verbs.tsv`` (来, 由, 向, 于)."""
    return frozenset(w[0] for w in _not_names())


def _before_aspect(text: str, at: int) -> bool:
    """Whether an aspect particle (``aspect`` family of ``name_verbs.tsv``: 了, 着, 过) is at
    ``at`` and starts no word jieba knows (了解, 过问): the character before it is then a verb."""
    return text[at:at + 1] in read_families("name_verbs.tsv")["aspect"] and \
        _word_freq().get(text[at:at + 2], 0) == 0


@lru_cache(maxsize=1)
def _transcription_chars() -> frozenset[str]:
    """The characters of transcribed minority-language names (``transcription_chars.tsv``)."""
    return frozenset(read_words("transcription_chars.tsv"))
