"""Ingest: read newspaper pages (plain text or HTML), normalise them and cut them into articles.

read_inputs -> read_file -> decode (+ html_text) -> split_page -> normalise -> :class:`Article`.

Every offset here is a character offset into the *normalised* text (``normalise``), half-open.
The splitting rules are the layout conventions of Chinese newspaper pages, not knowledge of any
page: headline blocks are short lines without sentence-final punctuation, bylines start with
``□`` / ``本报讯`` or end with ``摄``, section headers are short names above a headline, a run of
3+ newlines is a long gap. Byline titles come from ``resources/ingest_byline_titles.txt``.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from html.parser import HTMLParser
from itertools import groupby
from pathlib import Path, PurePath
from typing import NamedTuple

from .errors import InputError
from .model import Article, Byline
from .resources import read_lines

SUFFIXES = (".txt", ".html", ".htm")
SHORT = 30  # a line of at most this many characters may be a headline; longer lines are body text
SECTION_MAX = 6  # a section header (社会传真, 要闻) is a bare name of at most this many characters
LONG_GAP = 3  # this many newlines (two blank lines) or more is a long gap
STOPS = "。！？!?…；;：:"  # a line ending with one of these (before closing quotes) ends a clause
CLOSERS = "”’」』）)》〉\"'"
BULLETS = "■●◆◇▲△★☆►▶•◎"
CONTINUES = ("——", "—", "：", "，")  # a headline line ending so goes on on the next line

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TABLE = {c: unicodedata.normalize("NFKC", chr(c))
          for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for c in range(*r)}
_TABLE.update({0x3000: " ", 0xA0: " ", 0x301C: "～"})
_PUNCT = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？", "~": "～"}
_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[\x21-\x7e]*[A-Za-z0-9/=_#&%-]")
_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?=年)|（([0-9]{4})）")
_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_GB = {"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "gb18030"}


def _title_re() -> str:
    titles = sorted(read_lines("ingest_byline_titles.txt"), key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, titles)) + ")"


# --------------------------------------------------------------------------- reading files

def read_inputs(paths: list[str | Path]) -> list[Article]:
    """Read every page under ``paths`` and return its articles, in path order.

    Each path is a file or a folder; a folder is searched recursively for ``.txt``, ``.html`` and
    ``.htm`` files (any case), sorted by path. Raises :class:`InputError` (one line, naming the
    path) for a missing path, a folder without such a file, or any file ``read_file`` rejects.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{path}: folder holds no .txt, .html or .htm file")
            files.extend(found)
        else:
            files.append(path)
    return [article for f in files for article in read_file(f)]


def read_file(path: str | Path) -> list[Article]:
    """Read one page file (text or HTML) and return its articles (at least one).

    Raises :class:`InputError` naming the file when it is missing, empty or whitespace-only,
    binary, undecodable (see ``decode``), or holds no article text (e.g. HTML with only menus).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: {'not a file' if path.exists() else 'no such file'}")
    text = decode(path.read_bytes(), str(path))
    if path.suffix.lower() in (".html", ".htm") or re.match(r"\s*<(!doctype html|html)", text, re.I):
        text = html_text(text)
    articles = split_page(text, path.name)
    if not articles:
        raise InputError(f"{path}: no article text")
    return articles


def decode(data: bytes, name: str) -> str:
    """Decode a file's bytes to text, strictly (no character is ever dropped or replaced).

    Order: a UTF-8 BOM means UTF-8; else an HTML ``<meta charset>`` / http-equiv content-type
    declaration in the first 4 KB (GB2312/GBK are read as their superset GB18030); else UTF-8;
    else GB18030. Raises :class:`InputError` naming ``name`` for empty or whitespace-only data,
    binary data (NUL bytes, or over 10% control characters), or data no candidate decodes.
    """
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (NUL bytes), not text")
    candidates = ["utf-8", "gb18030"]
    if data.startswith(codecs.BOM_UTF8):
        data, candidates = data[3:], ["utf-8"]
    elif m := _CHARSET.search(data[:4096]):
        declared = m.group(1).decode("ascii").lower()
        candidates.insert(0, "gb18030" if declared in _GB else declared)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if not text.strip():
            raise InputError(f"{name}: empty file")
        controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
        if controls > 0.1 * len(text):
            raise InputError(f"{name}: binary file (control characters), not text")
        return text
    raise InputError(f"{name}: cannot decode as UTF-8 or GB18030 (nor a declared charset)")


# --------------------------------------------------------------------------- HTML

_SKIP_TAGS = {"script", "style", "nav", "footer", "aside", "form", "noscript", "iframe", "title",
              "select", "button", "template", "svg", "object", "textarea"}
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "menu", "menubar", "complementary", "search"}
_SKIP_NAMES = re.compile(r"(?:^|[-_ ])(?:nav|navbar|menu|breadcrumbs?|crumbs?|sidebar|footer|"
                         r"topbar|toolbar|share|pager|pagination|position|location)(?:[-_ ]|$)", re.I)
_CONTENT_NAMES = re.compile(r"(?:^|[-_ ])(?:article|content|main|post|detail|TRS_Editor|zoom)"
                            r"(?:[-_ ]|$)", re.I)
_BLOCKS = set("p div h1 h2 h3 h4 h5 h6 li tr ul ol table section article main header blockquote "
              "pre dd dt dl figure figcaption center".split())
_VOID = set("br hr img meta link input wbr col area base source".split())


class _TextParser(HTMLParser):
    """Collects visible text, per content level: 0 whole page, 1 content-like class/id,
    2 <main>, 3 <article>. Skipped elements (script, nav, menus ...) contribute nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, int]] = []  # (tag, skipped, content level)
        self.parts: dict[int, list[str]] = {0: [], 1: [], 2: [], 3: []}

    def _emit(self, text: str) -> None:
        if any(skipped for _, skipped, _ in self.stack):
            return
        for level in {0} | {lv for _, _, lv in self.stack if lv}:
            self.parts[level].append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self._emit("\n" if tag == "br" else "\n\n" if tag == "hr" else "")
            return
        a = {k: v or "" for k, v in attrs}
        names = f"{a.get('class', '')} {a.get('id', '')}"
        in_content = any(lv for _, _, lv in self.stack)
        skipped = (tag in _SKIP_TAGS or a.get("role") in _SKIP_ROLES or bool(_SKIP_NAMES.search(names))
                   or (tag == "header" and not in_content))
        level = (3 if tag == "article" else 2 if tag == "main" or a.get("role") == "main"
                 else 1 if _CONTENT_NAMES.search(names) else 0)
        if tag in _BLOCKS:
            self._emit("\n\n")
        self.stack.append((tag, skipped, level))

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _, _ in self.stack):
            if tag == "p":
                self._emit("\n\n")  # a stray </p>
            return
        while self.stack:
            top, _, _ = self.stack.pop()
            if top in _BLOCKS:
                self._emit("\n\n")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        pre = any(t == "pre" for t, _, _ in self.stack)
        self._emit(data if pre else re.sub(r"[ \t\r\n\f]+", " ", data))


def html_text(html: str) -> str:
    """The article text of an HTML page: paragraphs (block elements) separated by a blank line,
    ``<br>`` as a line break, entities unescaped. Dropped: title, script, style, nav, header
    (outside the content), footer, aside, form, and elements whose class/id/role names a menu,
    navigation bar, breadcrumb, sidebar, toolbar or share bar. When the page has an ``<article>``
    (else ``<main>``, else a content-like class/id such as ``content``) only its text is kept."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    for level in (3, 2, 1, 0):
        text = "".join(parser.parts[level])
        if text.strip():
            break
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


# --------------------------------------------------------------------------- normalising

def normalise(text: str) -> str:
    """Normalise a page's text; idempotent. The result is what every offset refers to.

    CRLF/CR -> LF; full-width ASCII letters and digits -> ASCII (NFKC on those only); U+3000 and
    NBSP -> space; in lines holding Chinese, ASCII ``, : ; ( ) ! ? ~`` -> ``， ： ； （ ） ！ ？ ～``
    (``〜`` too) and straight double quotes -> “ ” paired per line, except ``, . :`` between two
    digits (1,000.5 and 10:30 stay) and inside URLs; trailing spaces stripped per line. Words the
    layout broke across a blank line are rejoined (see ``_broken``) before punctuation is mapped.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff").translate(_TABLE)
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    i = 0
    while i < len(lines):
        if (out and out[-1] and not lines[i] and i + 1 < len(lines) and lines[i + 1]
                and _broken(out[-1], lines[i + 1])):
            out[-1] += lines[i + 1].lstrip()
            i += 2
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(_punctuate(line) for line in out)


def _punctuate(line: str) -> str:
    if not _CJK.search(line):
        return line
    keep = {i for m in _URL.finditer(line) for i in range(m.start(), m.end())}
    out, opening = [], True
    for i, ch in enumerate(line):
        between_digits = 0 < i < len(line) - 1 and line[i - 1].isascii() and line[i - 1].isdigit() \
            and line[i + 1].isascii() and line[i + 1].isdigit()
        if i in keep or (ch in ",.:" and between_digits):
            out.append(ch)
        elif ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(_PUNCT.get(ch, ch))
    return "".join(out)


def _ends_clause(line: str) -> bool:
    """True when a line ends a sentence or clause: 。！？…；： (optionally inside closing quotes)."""
    core = line.rstrip().rstrip(CLOSERS)
    return bool(core) and core[-1] in STOPS


def _broken(a: str, b: str) -> bool:
    """The rejoin rule: line ``a``, one blank line, line ``b`` are one paragraph the layout broke
    when ``a`` is body-length (over SHORT characters), does not end a clause (。！？…；： or a
    trailing ——), is no byline line (a news lead is body text); and ``b`` is no byline, news lead
    or bullet and is itself body text (over SHORT characters or ending a clause), so it is not a
    headline, kicker, caption or section header."""
    a, b = a.strip(), b.strip()
    return (len(a) > SHORT and not _ends_clause(a) and not a.endswith(("——", "—")) and _byline(a) != a
            and not _byline(b) and b[0] not in BULLETS and (len(b) > SHORT or _ends_clause(b)))


# --------------------------------------------------------------------------- bylines

def _byline(line: str) -> str:
    """The byline a line holds, as written, or "". Box bylines (``□本报记者 张振龙``), photo
    credits (``本报记者 张振龙 摄``) and ``本报记者 X`` are whole short lines; a news lead
    (``本报讯 通讯员X报道：``, ``本报讯（记者 X）``, ``本报X月X日电``) gives its prefix."""
    t = _title_re()
    names = r"[\u4e00-\u9fff·]{2,4}"
    if len(line) <= 40 and (re.match(rf"□\s*(?:本报)?{t}", line)
                            or re.fullmatch(rf"(?:□\s*)?(?:本报)?{t}[^。，；：\n]{{1,30}}摄", line)
                            or re.fullmatch(rf"本报{t}\s*{names}(?:[\s、]+(?:{t}\s*)?{names})*", line)):
        return line
    m = re.match(r"(?:本报讯|(?:本报|新华社)[^\s：，。]{0,12}电)(?:\s*（[^）\n]{1,40}）|\s*[^：。，\n]{0,30}?报道)?",
                 line)
    return m.group().rstrip() if m else ""


def parse_byline(byline: str, offset: int = 0) -> tuple[Byline, ...]:
    """Cut a byline into reporters: each title (记者, 通讯员, 实习生 ... as written, without 本报)
    applies to the 2-4 character names after it, up to the next title or 报道/摄.
    ``start``/``end`` are the name's offsets in the byline plus ``offset``.
    ``通讯员孙超 梦倩报道`` -> (孙超, 通讯员), (梦倩, 通讯员)."""
    out = []
    titles = list(re.finditer(_title_re(), byline))
    for k, title in enumerate(titles):
        segment = byline[title.end():titles[k + 1].start() if k + 1 < len(titles) else len(byline)]
        segment = segment.split("报道", 1)[0]
        for m in re.finditer(r"[^\s、，,（）()]+", segment):
            name = m.group().removesuffix("摄")
            if re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", name):
                start = offset + title.end() + m.start()
                out.append(Byline(name, title.group(), start, start + len(name)))
    return tuple(out)


# --------------------------------------------------------------------------- splitting

class _Line(NamedTuple):
    start: int  # offset of the first non-space character in the page
    text: str  # the line, stripped
    gap: int  # newlines since the previous non-blank line (LONG_GAP at the page start)
    kind: str  # byline, bullet, head (short, no final punctuation) or body


class _Head(NamedTuple):
    cut: int  # index of the first line that is no longer the previous article's (section or first)
    first: int  # index of the article's first line
    section: int | None
    kicker: list[int]
    headline: list[int]


def _kind(text: str) -> str:
    if _byline(text):
        return "byline"
    if text[0] in BULLETS:
        return "bullet"
    if len(text) <= SHORT and "。" not in text and not _ends_clause(text) and text[-1] not in "，、,":
        return "head"
    return "body"


def _lines(page: str) -> list[_Line]:
    out: list[_Line] = []
    prev = None
    for m in re.finditer(r"[^\n]+", page):
        text = m.group().strip()
        if text:
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            gap = LONG_GAP if prev is None else page.count("\n", prev, start)
            out.append(_Line(start, text, gap, _kind(text)))
            prev = start + len(text)
    return out


def _heads(lines: list[_Line]) -> list[_Head]:
    """Find where articles start. A run of headline-like lines starts an article when it opens
    the page, is followed by a byline or news lead, follows a long gap and is followed by body
    text, or (unless the current article already has subheads) the text up to the next run holds
    a byline, such as a closing photo credit. Any other run is a subhead inside an article."""
    groups = [list(g) for _, g in groupby(range(len(lines)), key=lambda i: lines[i].kind == "head")]
    heads: list[_Head] = []
    subheads = False
    for g, run in enumerate(groups):
        if lines[run[0]].kind != "head":
            if g == 0:  # the page opens with body text: an article without headline
                heads.append(_Head(0, 0, None, [], []))
            continue
        rest = groups[g + 1] if g + 1 < len(groups) else []  # the lines up to the next run
        after = lines[rest[0]].kind if rest else ""
        starts = (g == 0 or after == "byline" or (lines[run[0]].gap >= LONG_GAP and after == "body")
                  or (not subheads and any(lines[i].kind == "byline" for i in rest)))
        if starts:
            heads.append(_parse_run(lines, run, first=not heads))
        subheads = not starts  # a run that starts no article is a subhead of the current one
    return heads


def _parse_run(lines: list[_Line], run: list[int], first: bool) -> _Head:
    """Cut a headline run into [section] [kicker] headline. Lines one newline apart, or after a
    line ending with —— / ：/ ，, are one block; the last block is the headline, the block above
    it the kicker unless it is a bare short name (section header) with no such name above it; a
    section header may sit above the kicker. Lines before a long gap or before these blocks stay
    with the previous article (at the page start: with this one, unless a section comes first)."""
    extras = [p for p in range(1, len(run)) if lines[run[p]].gap >= LONG_GAP]
    early, run = (run[:extras[-1]], run[extras[-1]:]) if extras else ([], run)
    blocks: list[list[int]] = []
    for idx in run:
        if blocks and (lines[idx].gap == 1 or lines[blocks[-1][-1]].text.endswith(CONTINUES)):
            blocks[-1].append(idx)
        else:
            blocks.append([idx])

    def section_like(block: list[int]) -> bool:
        text = lines[block[0]].text
        return len(block) == 1 and len(text) <= SECTION_MAX and bool(re.fullmatch(r"[\w·]+", text))

    headline = blocks.pop()
    has_kicker = bool(blocks) and (not section_like(blocks[-1])
                                   or (len(blocks) > 1 and section_like(blocks[-2])))
    kicker = blocks.pop() if has_kicker else []
    section = blocks.pop()[0] if blocks and section_like(blocks[-1]) else None
    start = (kicker or headline)[0]
    leftover = early + [i for b in blocks for i in b]
    if first and leftover and section is None:
        return _Head(leftover[0], leftover[0], None, kicker, headline)
    return _Head(start if section is None else section, start, section, kicker, headline)


def page_year(page: str) -> int | None:
    """The page's year: the latest year 1949-2100 written as ``2024年`` or ``（2024）`` in the
    normalised page, else None."""
    years = [int(a or b) for a, b in _YEAR.findall(page)]
    years = [y for y in years if 1949 <= y <= 2100]
    return max(years) if years else None


def split_page(text: str, source: str) -> list[Article]:
    """Normalise a decoded page and cut it into articles, in page order (empty if no text).

    ``source`` is the file name (a path is reduced to its name); ids are ``<stem>-<n>``, n from 1.
    Each article's ``text`` is the normalised page from its kicker/headline (a section header is
    not part of it) to just before the next article, trailing space stripped; ``page_start`` is its
    offset. ``headline`` joins the headline block's lines with nothing between; ``section`` is the
    last section header at or above the article; ``byline`` is the first byline line (or news-lead
    prefix) in the article and ``bylines`` its reporters, offsets into ``text``.
    """
    page = normalise(text)
    name = PurePath(source).name
    stem = re.sub(r"[^\w.-]", "_", PurePath(source).stem)
    lines = _lines(page)
    heads = _heads(lines)
    year = page_year(page)
    articles: list[Article] = []
    section = ""
    for n, head in enumerate(heads):
        end = lines[heads[n + 1].cut].start if n + 1 < len(heads) else len(page)
        start = lines[head.first].start
        body = page[start:end].rstrip()
        if head.section is not None:
            section = lines[head.section].text
        by = next((ln for ln in lines if start <= ln.start < start + len(body) and ln.kind == "byline"),
                  None)
        byline = _byline(by.text) if by else ""
        bylines = parse_byline(byline, by.start - start) if by else ()
        articles.append(Article(
            id=f"{stem}-{n + 1}", source=name, text=body,
            headline="".join(lines[i].text for i in head.headline),
            kicker="".join(lines[i].text for i in head.kicker),
            section=section, byline=byline, bylines=bylines, year=year, page_start=start))
    return articles
