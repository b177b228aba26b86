"""Sentence and clause boundaries of normalised text (character offsets, half-open)."""
from __future__ import annotations

import re

# A sentence ends at 。！？； or a line break (headlines, bullets); a closing quote after the
# stop belongs to the sentence.
_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)]*|\n+")
_CLAUSE_MARKS = re.compile(r"[“《（(”》）)，,：:]")  # clause ends (，,：:) and the quotes they do not end in


MAX_SENTENCE = 600  # characters; a longer run without a full stop is cut at its commas


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, leading spaces and bullets (■□●) left
    out, empty sentences dropped. A run longer than :data:`MAX_SENTENCE` characters with no
    full stop (a page that lost its punctuation) is cut after the last comma before the limit,
    so the cost of reading a sentence stays bounded."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        _add_bounded(text, start, m.end(), out)
        start = m.end()
    _add_bounded(text, start, len(text), out)
    return out


def _add_bounded(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while end - start > MAX_SENTENCE:
        cut = max(text.rfind(c, start, start + MAX_SENTENCE) for c in "，,、：:")
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        _add(text, start, cut, out)
        start = cut
    _add(text, start, end, out)


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start] in " \t\n■□●◆▲":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    if end > start:
        out.append((start, end))


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the comma- and colon-separated clauses of ``text[start:end]``
    (offsets into ``text``); commas inside quotes “…” do not split."""
    out, begin, depth = [], start, 0
    for m in _CLAUSE_MARKS.finditer(text, start, end):  # only the characters that matter
        i, ch = m.start(), m.group()
        if ch in "“《（(":
            depth += 1
        elif ch in "”》）)":
            if depth:
                depth -= 1
        elif depth == 0:  # a clause end
            if i > begin:
                out.append((begin, i))
            begin = i + 1
    if end > begin:
        out.append((begin, end))
    return out


def paragraph_before(text: str, pos: int) -> int:
    """Character offset where the paragraph before the one holding ``pos`` begins (paragraphs
    are lines; blank lines between them are skipped), or where its own begins when it is the
    first: how far back a reference to a body named earlier is looked for."""
    own = text.rfind("\n", 0, pos)
    if own < 0:
        return 0
    return text[:own].rstrip("\n").rfind("\n") + 1
