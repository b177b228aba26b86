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
