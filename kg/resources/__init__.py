"""Lexicons, suffix tables and trigger words, kept as data files beside this module.

Every file is UTF-8 and tab-separated; ``#`` starts a comment line; each row's last column
says what kind of text the entry serves.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def read_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a TSV file: tab-separated columns, blank and ``#`` lines skipped. A trailing
    comment column is kept as the last column."""
    rows = []
    for line in _text(name).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(col.strip() for col in line.split("\t")))
    return tuple(rows)


@lru_cache(maxsize=None)
def read_words(name: str) -> tuple[str, ...]:
    """The first column of a word table (``word<TAB>kind of text it serves``)."""
    return tuple(row[0] for row in read_table(name))


@lru_cache(maxsize=None)
def read_families(name: str) -> dict[str, tuple[str, ...]]:
    """The words of a ``word<TAB>family<TAB>…`` table by family (the second column), each
    family longest first, so an alternation of them tries the longest word first."""
    families: dict[str, list[str]] = {}
    for row in read_table(name):
        families.setdefault(row[1], []).append(row[0])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in families.items()}


@lru_cache(maxsize=1)
def company_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the legal forms of companies: the ``org_suffixes.tsv`` rows of class Company; the trade
    words of ``company_trade_words.tsv``), each longest first."""
    legal = [row[0] for row in read_table("org_suffixes.tsv") if row[1] == "Company"]
    trade = read_words("company_trade_words.tsv")
    return (tuple(sorted(legal, key=len, reverse=True)),
            tuple(sorted(trade, key=len, reverse=True)))


@lru_cache(maxsize=1)
def count_unit_chars() -> str:
    """The one-character measure words of ``count_units.tsv`` (名, 个, 亩 …) as one string, for
    a character class: what follows a number that counts."""
    return "".join(row[0] for row in read_table("count_units.tsv") if len(row[0]) == 1)


@lru_cache(maxsize=1)
def anaphors() -> dict[str, tuple[str, ...]]:
    """``anaphors.tsv``: each anaphor (该院, 该校 …), longest first, with the endings of the body
    names it may stand for (医院, 卫生院 …)."""
    rows = sorted(read_table("anaphors.tsv"), key=lambda row: len(row[0]), reverse=True)
    return {row[0]: tuple(row[1].split(",")) for row in rows}


def split_company_name(name: str) -> tuple[str, tuple[str, ...], str] | None:
    """A company name split as the genre writes it (字号 + 行业 + 组织形式, 企业名称登记管理规定):
    (the brand with whatever stands before it, the trade words before the legal form in
    order, the legal form), e.g. 峰岚生物科技有限公司 -> (峰岚, (生物, 科技), 有限公司) when
    生物 and 科技 are trade words (:func:`company_words`). None when the name ends in no legal
    form or is one."""
    legal, trade = company_words()
    form = next((f for f in legal if name.endswith(f) and len(name) > len(f)), None)
    if form is None:
        return None
    core = name[:-len(form)]
    words: list[str] = []
    while (word := next((w for w in trade if core.endswith(w) and len(core) > len(w)), None)):
        words.insert(0, word)
        core = core[:-len(word)]
    return core, tuple(words), form
