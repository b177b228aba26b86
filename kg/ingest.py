"""Ingest: read newspaper pages and scraped web pages (plain text or HTML), normalise them and
cut them into articles.

read_inputs -> read_file -> decode (+ html_text) -> split_page -> prepare_page -> :class:`Article`.

``prepare_page`` (``normalise`` is its text) cleans a page: pinyin glosses left by a conversion
are removed (``remove_glosses``), page furniture lines are dropped (``furniture``: menus,
breadcrumbs, share and print widgets, copyright and ICP lines, editor/source lines, publication
stamps, image file names; patterns in ``resources/ingest_furniture.tsv``), broken paragraphs are
rejoined, punctuation is made full-width and doubled commas/stops collapsed, and a mostly
traditional page is converted to simplified characters (OpenCC ``t2s``) character by character,
so the page before conversion stays aligned with it (``Article.original``).

Every offset here is a character offset into the *normalised* text (``normalise``), half-open.
The splitting rules are the layout conventions of Chinese newspaper pages, not knowledge of any
page: headline blocks are short lines without sentence-final punctuation, bylines start with
``□`` / ``本报讯`` or end with ``摄``, section headers are short names above a headline, a run of
3+ newlines is a long gap. Byline titles come from ``resources/ingest_byline_titles.txt``. A web
page (HTML, or text from which furniture was removed) holds one article: only a byline or news
lead after a headline run starts another.
"""
from __future__ import annotations

import codecs
import glob
import hashlib
import os
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from html.parser import HTMLParser
from itertools import groupby, islice
from pathlib import Path, PurePath
from typing import NamedTuple

from .errors import InputError
from .model import Article, Byline
from .resources import count_unit_chars, read_table, read_words

SUFFIXES = (".txt", ".html", ".htm")
SHORT = 30  # a line of at most this many characters may be a headline; longer lines are body text
SECTION_MAX = 6  # a section header (社会传真, 要闻) is a bare name of at most this many characters
LONG_GAP = 3  # this many newlines (two blank lines) or more is a long gap
STOPS = "。！？!?…；;：:"  # a line ending with one of these (before closing quotes) ends a clause
CLOSERS = "”’」』）)》〉\"'"
BULLETS = "■●◆◇▲△★☆►▶•◎"
CONTINUES = ("——", "—", "：", "，")  # a headline line ending so goes on on the next line
TITLE_MAX = 64  # on a web page, a title line above the body may be this long
TRADITIONAL_SHARE = 0.05  # convert a page when this share of its Han characters changes under t2s
TRADITIONAL_MIN = 2  # ... and at least this many do
FURNITURE_MAX = 200  # a longer line is never furniture

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TABLE = {c: unicodedata.normalize("NFKC", chr(c))
          for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for c in range(*r)}
_TABLE.update({0x3000: " ", 0xA0: " ", 0x301C: "～"})
_PUNCT = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？", "~": "～"}
_MAPPED = re.compile("[" + re.escape("".join(_PUNCT)) + '"]')  # what _punctuate may change
_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[\x21-\x7e]*[A-Za-z0-9/=_#&%-]")
_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?=年)|（([0-9]{4})）")
_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # category Cc less \t \n \r \f \v
_GB = {"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "gb18030"}
# byte order marks and the encoding of the bytes after them; UTF-32-LE's starts with UTF-16-LE's
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


@cache
def _title_re() -> str:
    titles = sorted(read_words("ingest_byline_titles.tsv"), key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, titles)) + ")"


# --------------------------------------------------------------------------- reading files

_HAN = re.compile(r"[\u3400-\u9fff]")
MIN_HAN = 10  # a page with fewer Chinese characters holds no article the builder can read


class Inputs(NamedTuple):
    """The page files named by a build's input arguments, and the arguments that name none."""

    files: list[Path]  # unique resolved paths, sorted
    skipped: list[tuple[str, str]]  # (argument, reason): missing, not a page, nothing matched


def find_inputs(paths: list[str | Path]) -> Inputs:
    """The page files under ``paths``, sorted and unique, and the paths skipped with a reason.

    Each path is a file, a folder (searched recursively for ``.txt``, ``.html`` and ``.htm``
    files, any case) or a glob pattern (``archive/2024-*/*.txt``, ``**`` for any depth) when no
    such path exists. A missing path, a file of another kind, a folder without pages or a
    pattern matching none is skipped, never an error: the caller decides. So is anything
    named like a page, named or found, that cannot be read as one (:func:`not_a_page_file`),
    and a folder named like a page (``x.txt/``) that holds no page.
    """
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink() and glob.has_magic(str(raw)):
            found, bad = _search([Path(p) for p in glob.glob(str(raw), recursive=True)])
            if not found and not bad:
                bad = [(str(raw), "pattern matches no .txt, .html or .htm file")]
        elif path.is_dir():
            found, bad = _search([path])
            if not found and not bad:
                bad = [(str(path), NO_PAGES)]
        elif reason := not_a_page_file(path):
            found, bad = [], [(str(path), reason)]
        elif path.suffix.lower() not in SUFFIXES:
            found, bad = [], [(str(path), "not a .txt, .html or .htm file")]
        else:
            found, bad = [path], []
        files.extend(found)
        skipped.extend(bad)
    # a file (or a skipped path) reached by two inputs: once
    return Inputs(sorted(set(f.resolve() for f in files)), list(dict.fromkeys(skipped)))


NO_PAGES = "folder holds no .txt, .html or .htm file"


def not_a_page_file(path: Path) -> str | None:
    """Why ``path`` (not a folder) cannot be read as a page file, or None when it is a regular
    file or a symbolic link to one: "no such file or folder", "a broken symbolic link" or
    "not a regular file" (a FIFO or device: reading it could block for ever)."""
    if not path.exists():
        return "a broken symbolic link" if path.is_symlink() else "no such file or folder"
    return None if path.is_file() else "not a regular file"


def _search(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The page files among ``paths`` and under those that are folders (recursively), sorted,
    and, sorted, the entries named like a page that are none, with the reason: those
    :func:`not_a_page_file` refuses, and folders (``x.txt/``) holding no page file. Entries
    named otherwise (``notes.md``) are left out."""
    entries = sorted({e for p in paths for e in ([p, *p.rglob("*")] if p.is_dir() else [p])})
    found: list[Path] = []
    bad: list[tuple[str, str]] = []
    folders: list[Path] = []
    for entry in entries:
        if entry.suffix.lower() not in SUFFIXES:
            continue
        if entry.is_dir():
            folders.append(entry)
        elif reason := not_a_page_file(entry):
            bad.append((str(entry), reason))
        else:
            found.append(entry)
    bad += [(str(d), NO_PAGES) for d in folders if not any(d in f.parents for f in found)]
    return found, sorted(bad)


def article_prefixes(files: list[Path]) -> dict[Path, str]:
    """The article id prefix of each file: its stem (``000_238ca3ace6f4ed21``), IRI-safe, with
    ``-<6 hex digits>`` of its path relative to the files' common folder when another file has
    the same stem (``a/x.txt`` and ``b/x.txt``). Depends on the set of files only, never on
    their order: pass the files that yield articles, so that one that fails changes no id."""
    shared = _where_shared(files, lambda f: id_stem(f.name))
    return {f: id_stem(f.name) + ("-" + hashlib.sha1(rel.encode("utf-8")).hexdigest()[:6]
                                  if rel else "") for f, rel in shared.items()}


def article_sources(files: list[Path]) -> dict[Path, str]:
    """The source file name each file's articles give (``kg:sourceFile``, the report's
    ``source``): its name, or its path relative to the files' common folder when another file
    has the same name (``a/x.txt`` and ``b/x.txt``), so the two can be told apart. Like
    :func:`article_prefixes`, it depends on the set of files only."""
    return {f: rel or f.name for f, rel in _where_shared(files, lambda f: f.name).items()}


def _where_shared(files: list[Path], key) -> dict[Path, str | None]:
    """Each file's path relative to the files' common folder (POSIX form) when another file
    has the same ``key(file)``, else None."""
    counts = Counter(key(f) for f in files)
    root = Path(os.path.commonpath([str(f.parent) for f in files])) if files else Path()
    return {f: f.relative_to(root).as_posix() if counts[key(f)] > 1 else None for f in files}


def with_prefix(article_id: str, prefix: str) -> str:
    """An article id ``<any prefix>-<n>`` with ``prefix`` instead: ``x-3`` -> ``x-1a2b3c-3``."""
    return f"{prefix}-{article_id.rsplit('-', 1)[1]}"


def id_stem(source: str) -> str:
    """The article id prefix of a file name: its stem with characters other than word
    characters, ``.`` and ``-`` replaced by ``_``."""
    return re.sub(r"[^\w.-]", "_", PurePath(source).stem)


def read_inputs(paths: list[str | Path]) -> list[Article]:
    """Read every page under ``paths`` (see :func:`find_inputs`) and return its articles, in
    path order, with ids from :func:`article_prefixes`.

    Strict: raises :class:`InputError` (one line, naming the path) for the first skipped path
    or any file ``read_file`` rejects. ``kg build`` reads a corpus leniently instead
    (:mod:`kg.corpus`).
    """
    found = find_inputs(paths)
    if found.skipped:
        path, reason = found.skipped[0]
        raise InputError(f"{path}: {reason}")
    prefixes = article_prefixes(found.files)
    return [a for f in found.files for a in read_file(f, prefixes[f])]


def read_file(path: str | Path, prefix: str | None = None) -> list[Article]:
    """Read one page file (text or HTML) and return its articles (at least one); see
    :func:`read_page`.

    Raises :class:`InputError` naming the file when it is missing or not a file, or when
    :func:`read_page` rejects it.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: {'not a file' if path.exists() else 'no such file'}")
    return read_page(path.read_bytes(), str(path), prefix)


def read_page(data: bytes, name: str, prefix: str | None = None,
              warnings: list[str] | None = None) -> list[Article]:
    """The articles (at least one) of a page file's bytes; ``name`` is its path or file name
    (an ``.html``/``.htm`` name, or ``<html`` at the start, means HTML). Article ids are
    ``<prefix>-<n>``, the prefix defaulting to :func:`id_stem` of the name. What was read
    anyway but is worth saying (bytes replaced in decoding: see :func:`decode_page`) is
    appended to ``warnings`` when given, one line each, without the name.

    Raises :class:`InputError` naming ``name`` when the data is empty or whitespace-only,
    binary, undecodable (see :func:`decode_page`), has too little Chinese text, or holds no
    article text (e.g. HTML with only menus).
    """
    decoded = decode_page(data, name)
    text = decoded.text
    if not _has_han(text, MIN_HAN):
        raise InputError(f"{name}: no Chinese text (fewer than {MIN_HAN} Chinese characters)")
    html = (PurePath(name).suffix.lower() in (".html", ".htm")
            or bool(re.match(r"\s*<(!doctype html|html)", text, re.I)))
    if html:
        text = html_text(text)
    articles = split_page(text, PurePath(name).name, web=True if html else None, prefix=prefix)
    if not articles:
        raise InputError(f"{name}: no article text")
    if warnings is not None and decoded.warning:
        warnings.append(decoded.warning)
    return articles


def _has_han(text: str, n: int) -> bool:
    """Whether ``text`` holds at least ``n`` Chinese characters (found up to the n-th only)."""
    return len(list(islice(_HAN.finditer(text), n))) == n


BAD_BYTES = 1 / 1000  # a UTF-8 page may have this share of invalid bytes, replaced by U+FFFD


class Decoded(NamedTuple):
    """A file's text, the encoding it was read in (a Python codec name) and, when bytes had to
    be replaced to read it, a warning line saying how many and where (else None)."""

    text: str
    encoding: str
    warning: str | None = None


def decode(data: bytes, name: str) -> str:
    """The text of a file's bytes: :func:`decode_page` without the encoding and warning."""
    return decode_page(data, name).text


def decode_page(data: bytes, name: str) -> Decoded:
    """Decode a file's bytes to text, strictly when any candidate encoding can.

    Order: a byte order mark means its encoding (UTF-8, UTF-16 or UTF-32, either byte order);
    else an HTML ``<meta charset>`` / http-equiv content-type declaration in the first 4 KB
    (GB2312/GBK are read as their superset GB18030); else UTF-8; else GB18030, or Big5
    (``big5hkscs``) when that decodes too and more of its characters are common ones
    (:func:`common_share`): traditional text in Big5 also decodes as GB18030, into gibberish.
    A file cut off inside its last character (a scraped page truncated by bytes) decodes
    without the incomplete bytes of that character.

    When no candidate decodes strictly but UTF-8 is one (no byte order mark, or UTF-8's), a
    page with at most one invalid UTF-8 byte per 1000 (:data:`BAD_BYTES`: a stray byte in
    a UTF-8 page) is read as UTF-8 with each invalid byte replaced by U+FFFD, and the warning
    gives their number and the byte offset of the first in the file.

    Data with NUL bytes and no byte order mark is read as UTF-16-LE or UTF-16-BE when it
    decodes strictly as one into text (:func:`text_share` at least :data:`TEXT_SHARE`:
    "Unicode" saved without a byte order mark); else it is binary.

    Raises :class:`InputError` naming ``name`` for empty data ("empty file"), whitespace-only
    data ("holds only whitespace"), binary data (NUL bytes that are not UTF-16 text as above,
    with a hint to save UTF-16 text with a byte order mark when the NULs sit at alternate
    positions; or over 10% control characters), or data no candidate decodes (with the number
    of invalid UTF-8 bytes and the offset of the first when UTF-8 was a candidate).
    """
    if not data:
        raise InputError(f"{name}: empty file")
    if not data.strip():
        raise InputError(f"{name}: holds only whitespace")
    candidates = ["utf-8", "gb18030"]
    declared = None
    detail = ""  # what the error adds: where UTF-8 failed
    skip = 0  # bytes of the byte order mark: offsets below count from the file's start
    bom = next(((mark, encoding) for mark, encoding in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        skip = len(bom[0])
        data, candidates = data[skip:], [bom[1]]
    elif b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            hint = (" (if it is UTF-16 text, save it with a byte order mark)"
                    if _nuls_alternate(data) else "")
            raise InputError(f"{name}: binary file (NUL bytes), not text{hint}")
        return Decoded(_checked(utf16[0], name), utf16[1])
    elif m := _CHARSET.search(data[:4096]):
        declared = m.group(1).decode("ascii").lower()
        declared = "gb18030" if declared in _GB else declared
        candidates.insert(0, declared)
    for encoding in candidates:
        try:
            text = _decode_truncated(data, encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding == "gb18030" and declared != "gb18030":  # not UTF-8: GB18030 or Big5?
            try:
                big5 = _decode_truncated(data, "big5hkscs")
            except UnicodeDecodeError:
                pass
            else:
                if common_share(big5) > common_share(text):
                    text, encoding = big5, "big5hkscs"
        return Decoded(_checked(text, name), encoding)
    if "utf-8" in candidates:
        text, bad, first = _decode_utf8_replacing(data)
        where = f"the first at byte offset {skip + first}"
        if bad <= BAD_BYTES * len(data):
            return Decoded(_checked(text, name), "utf-8",
                           f"{bad} invalid UTF-8 byte{'s' if bad != 1 else ''} replaced by "
                           f"U+FFFD ({where})")
        detail = f": {bad} invalid UTF-8 byte{'s' if bad != 1 else ''}, {where}"
    if bom is not None:
        raise InputError(f"{name}: cannot decode as {bom[1].upper()} (its byte order mark says so)"
                         + (detail if bom[1] == "utf-8" else ""))
    raise InputError(f"{name}: cannot decode as UTF-8 or GB18030 (nor a declared charset)"
                     + detail)


TEXT_SHARE = 0.9  # UTF-16 without a byte order mark: this share of its characters is text


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` of data with NUL bytes and no byte order mark that decodes
    strictly as UTF-16-LE or UTF-16-BE (a character cut off at the end dropped) into text
    (:func:`text_share` at least :data:`TEXT_SHARE`); the better of the two when both do;
    ``None`` when neither does (binary data)."""
    best = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = _decode_truncated(data, encoding)
        except UnicodeDecodeError:
            continue
        share = text_share(text)
        if share >= TEXT_SHARE and (best is None or share > best[0]):
            best = (share, text, encoding)
    return None if best is None else best[1:]


def _nuls_alternate(data: bytes) -> bool:
    """Whether the NUL bytes of ``data`` sit at alternate positions, as in UTF-16 text: all
    at even or all at odd offsets, and some two apart (``a\0b\0``: two ASCII characters)."""
    one_parity = not data[0::2].count(0) or not data[1::2].count(0)
    return one_parity and re.search(b"\x00[^\x00]\x00", data) is not None


_CJK_PUNCTUATION = re.compile("[\u00b7\u2010-\u2027\u2030-\u205e\u3000-\u303f"
                              "\ufe30-\ufe4f\uff00-\uffef]")


def text_share(text: str) -> float:
    """The share of the characters of ``text`` other than white space that are common Chinese
    characters (as in :func:`common_share`), printable ASCII, or CJK punctuation (CJK symbols
    and punctuation, full-width forms, general punctuation such as “ ” … —, the middle dot);
    0.0 for text without such characters. Data that is not text, decoded as UTF-16, is mostly rare
    characters and symbols."""
    return common_share(text, punctuation=True)


def _checked(text: str, name: str) -> str:
    """``text`` when it holds text; raises :class:`InputError` naming ``name`` when it holds
    only whitespace or is binary (over 10% control characters)."""
    if not text.strip():
        raise InputError(f"{name}: " + ("holds only whitespace" if text
                                        else "holds only a byte order mark"))
    controls = len(_CONTROLS.findall(text))
    if controls > 0.1 * len(text):
        raise InputError(f"{name}: binary file (control characters), not text")
    return text


def _decode_truncated(data: bytes, encoding: str) -> str:
    """Decode strictly, except that the incomplete bytes of a character cut off at the very end
    (at most 3) are dropped."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    text = decoder.decode(data, final=False)
    pending = decoder.getstate()[0]
    if len(pending) > 3:
        return data.decode(encoding)  # raises: not a cut-off character
    return text


_ESCAPED = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape gives it


def _decode_utf8_replacing(data: bytes) -> tuple[str, int, int]:
    """``data`` decoded as UTF-8 with each invalid byte replaced by U+FFFD (the incomplete
    bytes of a character cut off at the very end dropped, as :func:`_decode_truncated` does),
    the number of invalid bytes, and the offset of the first in ``data`` (-1 when none)."""
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    escaped = decoder.decode(data, final=False)
    bad = _ESCAPED.findall(escaped)
    m = _ESCAPED.search(escaped)
    first = len(escaped[:m.start()].encode("utf-8", "surrogateescape")) if m else -1
    return _ESCAPED.sub("\ufffd", escaped), len(bad), first


@cache
def _common_hanzi() -> frozenset[str]:
    return frozenset("".join(read_words("common_hanzi.tsv")))


def common_share(text: str, punctuation: bool = False) -> float:
    """The share of the characters of ``text`` other than ASCII and white space that are
    common Chinese characters (``resources/common_hanzi.tsv``), traditional ones counted as
    their simplified forms (0.0 for text without such characters). Text decoded in the
    wrong encoding is mostly rare characters, kana and symbols. With ``punctuation``, ASCII
    counts too, and printable ASCII and CJK punctuation count as text (see
    :func:`text_share`)."""
    chars = [c for c in text if not c.isspace() and (punctuation or not c.isascii())]
    common = _common_hanzi()
    hits = sum(1 for c in chars
               if (punctuation and (" " <= c <= "~" or _CJK_PUNCTUATION.match(c)))
               or _t2s_char(c) in common)
    return hits / len(chars) if chars else 0.0


# --------------------------------------------------------------------------- HTML

_SKIP_TAGS = {"script", "style", "nav", "footer", "aside", "form", "noscript", "iframe", "title",
              "select", "button", "template", "svg", "object", "textarea"}
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "menu", "menubar", "complementary", "search"}
_SKIP_NAMES = re.compile(r"(?:^|[-_ ])(?:nav|navbar|menu|breadcrumbs?|crumbs?|sidebar|footer|"
                         r"topbar|toolbar|share|pager|pagination|position|location|copyright|print)"
                         r"(?:[-_ ]|$)", re.I)
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
    navigation bar, breadcrumb, sidebar, toolbar, share bar, print tool or copyright notice. When
    the page has an ``<article>`` (else ``<main>``, else a content-like class/id such as
    ``content``) only its text is kept. A page cut off inside a tag loses that incomplete tag.
    Furniture inside the content (publication stamps, 【打印】 ...) is left to ``normalise``."""
    parser = _TextParser()
    parser.feed(re.sub(r"<[/!A-Za-z][^<>]*\Z", "", html))
    parser.close()
    for level in (3, 2, 1, 0):
        text = "".join(parser.parts[level])
        if text.strip():
            break
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


# --------------------------------------------------------------------------- normalising

class Page(NamedTuple):
    """A page cleaned by :func:`prepare_page`."""

    text: str  # the normalised page (simplified when converted): what every offset refers to
    original: str | None  # ``text`` before traditional-to-simplified conversion, same length
    year: int | None  # the year of a removed publication-time line (发布时间：2020-10-22 16:03)
    furniture: int  # how many furniture lines were removed


def prepare_page(text: str, web: bool = False) -> Page:
    """Normalise a page's text and say what was done; ``normalise`` gives its ``text``.

    Steps, in order: CRLF/CR -> LF, full-width letters and digits -> ASCII, U+3000 and NBSP ->
    space, trailing spaces stripped; pinyin glosses removed (``remove_glosses``); furniture lines
    dropped (``furniture``; on a ``web`` page, or once furniture was found, also runs of one-word
    menu lines), the blank lines around a dropped line merging into the longer run; broken
    paragraphs rejoined (``_broken``); punctuation made full-width (``_punctuate``) and doubled
    ，。、；： collapsed; then, when the page is mostly traditional (``is_traditional``), converted
    to simplified characters with ``to_simplified``, which keeps every character in place.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff").translate(_TABLE)
    lines = [remove_glosses(line.rstrip()).rstrip() for line in text.split("\n")]
    lines, year, removed = _drop_furniture(lines, web)
    page = "\n".join(collapse_punctuation(_punctuate(line)) for line in _rejoin(lines))
    if not is_traditional(page):
        return Page(page, None, year, removed)
    simplified = to_simplified(page)
    return Page(simplified, page if simplified != page else None, year, removed)


def normalise(text: str) -> str:
    """Normalise a page's text; idempotent. The result is what every offset refers to.

    CRLF/CR -> LF; full-width ASCII letters and digits -> ASCII (NFKC on those only); U+3000 and
    NBSP -> space; in lines holding Chinese, ASCII ``, : ; ( ) ! ? ~`` -> ``， ： ； （ ） ！ ？ ～``
    (``〜`` too) and straight double quotes -> “ ” paired per line, except ``, . :`` between two
    digits (1,000.5 and 10:30 stay) and inside URLs; doubled ``，，`` ``。。`` (and 、；：) become
    one; trailing spaces stripped per line. Pinyin glosses (``質(zhì)量``) and page furniture
    lines (menus, breadcrumbs, copyright ...) are removed, and words the layout broke across a
    blank line are rejoined (see ``_broken``) before punctuation is mapped. A mostly traditional
    page comes out in simplified characters, of the same length. See ``prepare_page``.
    """
    return prepare_page(text).text


def _rejoin(lines: list[str]) -> list[str]:
    """Rejoin the paragraphs the layout broke across one blank line (``_broken``). Above the
    page's first sentence, a line without comma or stop of at most TITLE_MAX characters is a
    title (a web page's titles may be long) and is never joined to the body below it."""
    out: list[str] = []
    top = True  # no sentence seen yet
    i = 0
    while i < len(lines):
        if (out and out[-1] and not lines[i] and i + 1 < len(lines) and lines[i + 1]
                and not (top and _title_line(out[-1])) and _broken(out[-1], lines[i + 1])):
            out[-1] += lines[i + 1].lstrip()
            i += 2
        else:
            out.append(lines[i])
            i += 1
        top = top and "。" not in out[-1] and not _ends_clause(out[-1])
    return out


def _title_line(line: str) -> bool:
    return len(line.strip()) <= TITLE_MAX and not re.search(r"[，,。]", line)


def _punctuate(line: str) -> str:
    if not _CJK.search(line) or not _MAPPED.search(line):
        return line
    keep = {i for m in _URL.finditer(line) for i in range(m.start(), m.end())}
    out, opening, done = [], True, 0
    for m in _MAPPED.finditer(line):  # every other character stays as it is
        i, ch = m.start(), m.group()
        out.append(line[done:i])
        done = i + 1
        between_digits = 0 < i < len(line) - 1 and line[i - 1].isascii() and line[i - 1].isdigit() \
            and line[i + 1].isascii() and line[i + 1].isdigit()
        if i in keep or (ch in ",.:" and between_digits):
            out.append(ch)
        elif ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(_PUNCT[ch])
    out.append(line[done:])
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

# --------------------------------------------------------------------------- conversion debris

_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?[aeiouvü{_TONE_MARKS}]{{1,4}}(?:ng|n|r)?[1-5]?"
_GLOSS = re.compile(rf"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])\s?[（(]\s*"
                    rf"({_SYLLABLE}(?:[\s'’-]?{_SYLLABLE}){{0,3}})\s*[）)]", re.I)
_DOUBLED = re.compile(r"([，。、；：])\1+")


def remove_glosses(line: str) -> str:
    """Remove pinyin glosses written after Chinese characters, as some conversions leave them:
    ``質(zhì)量`` -> ``質量``, ``发（fā）展`` -> ``发展``, ``量(liang4)`` -> ``量``. A gloss is in
    ASCII or full-width brackets right after a Chinese character and holds 1-4 pinyin syllables
    and nothing else, at least one with a tone mark or tone digit (so ``(a)``, ``(CEO)``,
    ``（2020）`` stay)."""
    def drop(m: re.Match[str]) -> str:
        syllables = m.group(1).lower()
        toned = any(c in _TONE_MARKS for c in syllables) or re.search(r"[a-zü][1-5]", syllables)
        return "" if toned else m.group()

    return _GLOSS.sub(drop, line)


def collapse_punctuation(line: str) -> str:
    """In a line holding Chinese, a run of the same ``，。、；：`` becomes one (``，，`` -> ``，``);
    ``……`` and ``——`` are no such run and stay."""
    return _DOUBLED.sub(r"\1", line) if _CJK.search(line) else line


# --------------------------------------------------------------------------- furniture

class Furniture(NamedTuple):
    """Why a line is page furniture: what each of its pieces is, and the publication year it
    gives (from 发布时间：2020-10-22 ...), if any."""

    removes: tuple[str, ...]
    year: int | None = None


class _Rule(NamedTuple):
    pattern: re.Pattern[str]
    weight: int
    removes: str


_SEPARATORS = re.compile(r"[\s|｜丨，,、；;]*")
_MENU_TOKEN = re.compile(r"[\w（）()·]{1,10}")
_MENU_LINE_TOKEN = re.compile(r"[\w（）()]{1,8}")
_VALUE_STOP = (r"来源|发布|时间|日期|作者|编辑|责编|审核|浏览|点击|点阅|阅读|访问|字号|字体|"
               r"[\s|｜丨，,；;。！？!?【】\[\]［］（）()]")
_DATE_Y = r"(?P<year>(?:19|20)\d{2})"
_MACROS = {
    "{:}": r"\s*[:：]\s*",
    "{value}": rf"(?:(?!{_VALUE_STOP}).){{1,40}}",
    "{crumb}": r"[^\s>＞»›→。，；！？]{1,20}",
    "{bra}": r"[【\[［(（]?\s*",
    "{ket}": r"\s*[】\]］)）]?",
    "{isodate}": _DATE_Y + r"[-/.]\d{1,2}[-/.]\d{1,2}",
    "{cndate}": _DATE_Y + r"\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日",
    "{date}": _DATE_Y + r"(?:[-/.]\d{1,2}[-/.]\d{1,2}|\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)",
    "{clock}": r"\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?",
}


@lru_cache(maxsize=1)
def _furniture_rules() -> tuple[_Rule, ...]:
    rules = []
    for regex, weight, removes, *_ in read_table("ingest_furniture.tsv"):
        for macro, expansion in _MACROS.items():
            regex = regex.replace(macro, f"(?:{expansion})")
        rules.append(_Rule(re.compile(regex), int(weight), removes))
    return tuple(rules)


@lru_cache(maxsize=1)
def _any_furniture() -> re.Pattern[str]:
    """The alternation of the furniture rules (their year groups unnamed, as names may not
    repeat): it matches where any of them does."""
    return re.compile("|".join(f"(?:{rule.pattern.pattern.replace('(?P<year>', '(?:')})"
                               for rule in _furniture_rules()))


@lru_cache(maxsize=1)
def _menu_words() -> tuple[str, ...]:
    return read_words("ingest_menu_words.tsv")


def _for_matching(line: str) -> str:
    """The line as furniture patterns see it: stripped, in simplified characters (any length)."""
    line = line.strip()
    return _t2s(line) if _HAN.search(line) else line


def _is_menu_word(token: str) -> bool:
    return any(word in token for word in _menu_words())


def _menu_line(text: str) -> bool:
    """Three or more short words separated by spaces or |, at least two and at least half of
    them menu words (``首页 新闻中心 政务公开``); a list of names is no menu."""
    tokens = [t for t in re.split(r"[\s|｜丨]+", text) if t]
    if len(tokens) < 3 or not all(_MENU_TOKEN.fullmatch(t) for t in tokens):
        return False
    hits = sum(1 for t in tokens if _is_menu_word(t))
    return hits >= 2 and 2 * hits >= len(tokens)


def furniture(line: str) -> Furniture | None:
    """Whether a line is page furniture rather than text: a menu line (``_menu_line``) or a line
    covered from start to end by the patterns of ``resources/ingest_furniture.tsv`` (between
    separators: spaces, | ｜ 丨, ，、；) whose weights add up to 2 or more. Body text is never
    covered: its sentences hold words and punctuation no pattern takes. Traditional characters
    are matched as simplified. Returns None for text, else what the pieces are."""
    text = _for_matching(line)
    if not text or len(text) > FURNITURE_MAX:
        return None
    if _menu_line(text):
        return Furniture(("navigation menu",))
    pos, weight, removes, year = 0, 0, [], None
    while (pos := _SEPARATORS.match(text, pos).end()) < len(text):
        if _any_furniture().match(text, pos) is None:
            return None  # no rule matches here (most lines: text), told by one match
        found = [(m.end(), -k, rule, m) for k, rule in enumerate(_furniture_rules())
                 if (m := rule.pattern.match(text, pos)) and m.end() > pos]
        if not found:
            return None
        *_, rule, m = max(found, key=lambda f: f[:2])  # the longest match, the first rule on ties
        weight += rule.weight
        removes.append(rule.removes)
        if year is None and m.re.groupindex.get("year") and m.group("year"):
            year = int(m.group("year"))
        pos = m.end()
    return Furniture(tuple(removes), year) if weight >= 2 else None


def _menu_runs(lines: list[str]) -> set[int]:
    """Indexes of one-word menu lines in runs of three or more one-word lines (blank lines
    between allowed) of which at least two thirds are menu words: a menu of one link a line."""
    out: set[int] = set()
    run: list[int] = []

    def flush() -> None:
        hits = [i for i in run if _is_menu_word(_for_matching(lines[i]))]
        if len(run) >= 3 and 3 * len(hits) >= 2 * len(run):
            out.update(hits)
        run.clear()

    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _MENU_LINE_TOKEN.fullmatch(line.strip()):
            run.append(i)
        else:
            flush()
    flush()
    return out


def _drop_furniture(lines: list[str], web: bool) -> tuple[list[str], int | None, int]:
    """Drop the furniture lines; return the lines left, the publication year found and how many
    lines were dropped. The blank runs before and after a dropped line merge into the longer
    one (so dropping a line makes no long gap and removes none; a paragraph broken around it is
    rejoined later); at the page's start the blanks after a dropped line go, at its end those
    before it."""
    drop: set[int] = set()
    year = None
    for i, line in enumerate(lines):
        if line and (found := furniture(line)):
            drop.add(i)
            year = year if year is not None else found.year
    if web or drop:
        drop |= _menu_runs(lines)
    if not drop:
        return lines, None, 0
    out: list[str] = []
    blanks = carry = 0
    dropped = False
    for i, line in enumerate(lines):
        if not line:
            blanks += 1
        elif i in drop:
            carry, blanks, dropped = max(carry, blanks), 0, True
        else:
            gap = max(carry, blanks) if out else (carry if dropped else blanks)
            out.extend([""] * gap + [line])
            blanks = carry = 0
            dropped = False
    out.extend([""] * blanks)
    return out, year, len(drop)


# --------------------------------------------------------------------------- traditional -> simplified

@lru_cache(maxsize=1)
def _opencc():  # an opencc.OpenCC, imported on first use
    import opencc  # the OpenCC C++ library's own Python binding (PyPI: opencc)

    return opencc.OpenCC("t2s")


def _t2s(text: str) -> str:
    """OpenCC t2s, phrase by phrase: the length may change."""
    return _opencc().convert(text)


@cache
def _t2s_char(ch: str) -> str:
    """One character converted alone (t2s), or itself when that gives no single character."""
    out = _t2s(ch)
    return out if len(out) == 1 else ch


def _changed_han(text: str) -> tuple[int, int]:
    """How many Han characters of ``text`` change when converted one by one (t2s), of how many."""
    han = {c: n for c, n in Counter(text).items() if _HAN.match(c)}  # each character once
    return sum(n for c, n in han.items() if _t2s_char(c) != c), sum(han.values())


def traditional_share(text: str) -> float:
    """The share of the Han characters of ``text`` that change when converted one by one from
    traditional to simplified (0.0 for text without Han characters)."""
    changed, total = _changed_han(text)
    return changed / total if total else 0.0


def is_traditional(text: str) -> bool:
    """Whether ``text`` is mostly traditional: at least TRADITIONAL_SHARE of its Han characters
    (and TRADITIONAL_MIN of them) change under t2s. Simplified text quoting a traditional name
    stays below."""
    changed, total = _changed_han(text)
    return changed >= TRADITIONAL_MIN and changed >= TRADITIONAL_SHARE * total


_STRETCH = re.compile(r"[^\s，。！？；：、,.!?;:“”‘’「」『』（）()《》]+|[\s，。！？；：、,.!?;:“”‘’「」『』（）()《》]+")


def to_simplified(text: str) -> str:
    """``text`` converted from traditional to simplified characters (OpenCC t2s) with its length
    and character positions unchanged: character i of the result is character i of ``text``
    converted. Each line is converted phrase by phrase (乾燥 -> 干燥, 乾隆 stays); a line whose
    conversion would change its length is converted stretch by stretch (between punctuation),
    and a stretch that would, character by character."""
    return "\n".join(_simplify_line(line) for line in text.split("\n"))


def _simplify_line(line: str) -> str:
    if not _HAN.search(line):
        return line
    out = _t2s(line)
    if len(out) == len(line):
        return out
    parts = []
    for stretch in _STRETCH.findall(line):
        converted = _t2s(stretch)
        parts.append(converted if len(converted) == len(stretch)
                     else "".join(_t2s_char(c) for c in stretch))
    return "".join(parts)


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


_DATE_LINE = re.compile(r"(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2})"
                        r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?:\s*(?:星期|周)[一二三四五六日天])?")
# a subhead that numbers a part of the article: 一、 （二） 3、 4. 第五，
_ENUMERATED = re.compile(r"[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}(?:[、．]|\.(?!\d))"
                         r"|第[一二三四五六七八九十\d]{1,3}[，、：章节部分条篇]|[①-⑳]")


def _kind(text: str) -> str:
    if _byline(text):
        return "byline"
    if text[0] in BULLETS:
        return "bullet"
    if len(text) <= SHORT and _title_like(text):
        return "head"
    return "body"


def _title_like(text: str) -> bool:
    """No sentence inside, no clause end, no trailing comma: may be a headline if short enough."""
    return "。" not in text and not _ends_clause(text) and text[-1] not in "，、,"


def _lines(page: str, web: bool = False) -> list[_Line]:
    """The page's non-blank lines. A date line (2022年4月12日, 2021-11-03 09:42) below the page's
    first line is body, not a headline (the date under a title). On a web page, a long line (up
    to TITLE_MAX) above the first body line that looks like a title is a headline line too."""
    out: list[_Line] = []
    prev = None
    top = web
    for m in re.finditer(r"[^\n]+", page):
        text = m.group().strip()
        if text:
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            gap = LONG_GAP if prev is None else page.count("\n", prev, start)
            dated = bool(out) and bool(_DATE_LINE.fullmatch(text))
            kind = "body" if dated else _kind(text)
            if top and kind == "body" and not dated and len(text) <= TITLE_MAX and _title_like(text):
                kind = "head"
            top = top and kind == "head"
            out.append(_Line(start, text, gap, kind))
            prev = start + len(text)
    return out


def _heads(lines: list[_Line], web: bool = False) -> list[_Head]:
    """Find where articles start. A run of headline-like lines starts an article when it opens
    the page, is followed by a byline or news lead, follows a long gap and is followed by body
    text, or (unless the current article already has subheads) the text up to the next run holds
    a byline, such as a closing photo credit. Any other run is a subhead inside an article.
    On a web page (one article) and for a numbered subhead (一、 （二）), only the first two
    rules hold; long gaps count only when they are not the page's usual paragraph break."""
    groups = [list(g) for _, g in groupby(range(len(lines)), key=lambda i: lines[i].kind == "head")]
    heads: list[_Head] = []
    subheads = False
    long_gaps = 2 * sum(1 for ln in lines[1:] if ln.gap >= LONG_GAP) < len(lines) - 1
    for g, run in enumerate(groups):
        if lines[run[0]].kind != "head":
            if g == 0:  # the page opens with body text: an article without headline
                heads.append(_Head(0, 0, None, [], []))
            continue
        rest = groups[g + 1] if g + 1 < len(groups) else []  # the lines up to the next run
        after = lines[rest[0]].kind if rest else ""
        weak = web or bool(_ENUMERATED.match(lines[run[0]].text))  # layout alone starts nothing
        starts = (g == 0 or after == "byline"
                  or (not weak and long_gaps and lines[run[0]].gap >= LONG_GAP and after == "body")
                  or (not weak and not subheads and any(lines[i].kind == "byline" for i in rest)))
        if starts:
            heads.append(_parse_run(lines, run, first=not heads))
        subheads = not starts  # a run that starts no article is a subhead of the current one
    return heads


def _parse_run(lines: list[_Line], run: list[int], first: bool) -> _Head:
    """Cut a headline run into [section] [kicker] headline [subtitle]. Lines one newline apart,
    or after a line ending with —— / ：/ ，, are one block, except that a line starting with ——
    starts a subtitle block (——记…); the last block is the headline (the one above a subtitle),
    the block above it the kicker unless it is a bare short name (section header) with no such
    name above it; a section header may sit above the kicker. Lines before a long gap or before
    these blocks stay with the previous article (at the page start: with this one, unless a
    section comes first)."""
    extras = [p for p in range(1, len(run)) if lines[run[p]].gap >= LONG_GAP]
    early, run = (run[:extras[-1]], run[extras[-1]:]) if extras else ([], run)
    blocks: list[list[int]] = []
    for idx in run:
        continues = blocks and lines[blocks[-1][-1]].text.endswith(CONTINUES)
        subtitle = lines[idx].text.startswith("—") and not continues
        if blocks and not subtitle and (lines[idx].gap == 1 or continues):
            blocks[-1].append(idx)
        else:
            blocks.append([idx])
    if len(blocks) > 1 and lines[blocks[-1][0]].text.startswith("—"):
        blocks.pop()  # a subtitle: part of the text, not of the headline

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


@cache
def _event_year() -> re.Pattern[str]:
    """A year written before an event's name: 2025长三角…交易会, 2024“京屯同心”文化节 (an
    ``Event`` word of three characters or more ends it; a number followed by a measure word of
    ``count_units.tsv`` counts: 2000名群众参加交易会)."""
    events = sorted((row[0] for row in read_table("named_things.tsv")
                     if row[1] == "Event" and len(row[0]) > 2), key=len, reverse=True)
    units = count_unit_chars()
    return re.compile(r"(?<![0-9])([0-9]{4})(?![%s])(?=[\u4e00-\u9fff“”()（）]{2,20}?(?:%s))"
                      % (re.escape(units), "|".join(map(re.escape, events))))


def page_year(page: str) -> int | None:
    """The page's year: the latest year 1949-2100 written as ``2024年`` or ``（2024）`` in the
    normalised page (not a plan's target: 力争到2025年, or a year later in a sentence a plan
    word of two characters or more opens: 计划今年12月开工，2027年底建成;
    ``target_year_words.tsv``; nor the year a document is written for: 签署2026年劳务协作协议,
    ``plan_year_documents.tsv``), or opening the name of an event (``2025长三角绿色农产品交易会``:
    a name ending in an ``Event`` word of ``resources/named_things.tsv``), else None."""
    targets = _target_words()
    plans = _plan_words()
    years = [int(m.group(1) or m.group(2)) for m in _YEAR.finditer(page)
             if not page.endswith(targets, 0, m.start())
             and not _names_a_plan(_sentence_before(page, m.start()), plans)
             and not _plans_a_document(page, m)]
    years += [int(y) for y in _event_year().findall(page)]
    years = [y for y in years if 1949 <= y <= 2100]
    return max(years) if years else None


def _names_a_plan(sentence: str, plans: tuple[str, ...]) -> bool:
    """Whether ``sentence`` holds one of the plan words ``plans``."""
    return any(w in sentence for w in plans)


_SENTENCE_END = re.compile(r"[。！？；\n]")


def _sentence_before(page: str, at: int, limit: int = 60) -> str:
    """The text of ``page`` from the start of the sentence holding offset ``at`` (after the
    last 。！？；or line break, at most ``limit`` characters back) up to ``at``."""
    head = page[max(0, at - limit):at]
    return _SENTENCE_END.split(head)[-1]


@cache
def _plan_document() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The verbs and the pattern of a document named by a year
    (``resources/plan_year_documents.tsv``): the verbs that stand right before the year, and
    年 (年度), up to 12 characters of the name, then a document word (…年劳务协作协议)."""
    rows = read_table("plan_year_documents.tsv")
    verbs = tuple(r[0] for r in rows if r[1] == "verb")
    words = "|".join(re.escape(r[0]) for r in rows if r[1] == "document")
    return verbs, re.compile(rf"年度?[\u4e00-\u9fff]{{0,12}}?(?:{words})")


def _plans_a_document(page: str, year: re.Match[str]) -> bool:
    """Whether the year matched by ``year`` names a document made or signed for it
    (签署2026年劳务协作协议)."""
    verbs, name = _plan_document()
    return page.endswith(verbs, 0, year.start()) and name.match(page, year.end()) is not None


@cache
def _target_words() -> tuple[str, ...]:
    """Words before a plan's target year (``resources/target_year_words.tsv``)."""
    return read_words("target_year_words.tsv")


@cache
def _plan_words() -> tuple[str, ...]:
    """The words of :func:`_target_words` of two characters or more: plan words that mark
    every later year of their sentence as a target."""
    return tuple(w for w in _target_words() if len(w) > 1)


def split_page(text: str, source: str, web: bool | None = None,
               prefix: str | None = None) -> list[Article]:
    """Normalise a decoded page and cut it into articles, in page order (empty if no text).

    ``source`` is the file name (a path is reduced to its name); ids are ``<prefix>-<n>``, n from
    1, the prefix defaulting to :func:`id_stem` of the name.
    Each article's ``text`` is the normalised page (``prepare_page(text, web).text``) from its
    kicker/headline (a section header is not part of it) to just before the next article,
    trailing space stripped; ``page_start`` is its offset. ``headline`` joins the headline
    block's lines with nothing between; ``section`` is the last section header at or above the
    article; ``byline`` is the first byline line (or news-lead prefix) in the article and
    ``bylines`` its reporters, offsets into ``text``. ``year`` is ``page_year`` of the page, else
    the year of a removed publication-time line. ``original`` is the article's text before
    traditional-to-simplified conversion (same length), None when the conversion changed nothing.

    ``web`` says the page is a scraped web page, one article (``read_file`` passes True for
    HTML); None means: a web page when furniture lines were removed from it.
    """
    prepared = prepare_page(text, web=bool(web))
    page = prepared.text
    if web is None:
        web = prepared.furniture > 0
    name = PurePath(source).name
    stem = prefix or id_stem(source)
    lines = _lines(page, web)
    heads = _heads(lines, web)
    year = page_year(page)
    if year is None:
        year = prepared.year
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
        original = prepared.original[start:start + len(body)] if prepared.original else None
        articles.append(Article(
            id=f"{stem}-{n + 1}", source=name, text=body,
            headline="".join(lines[i].text for i in head.headline),
            kicker="".join(lines[i].text for i in head.kicker),
            section=section, byline=byline, bylines=bylines, year=year, page_start=start,
            original=original if original != body else None))
    return articles
