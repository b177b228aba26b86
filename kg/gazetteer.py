"""A gazetteer of Chinese administrative divisions and of countries.

Source: the data files that ship with the ``jionlp`` package (Apache License 2.0):
``dictionary/china_location.zip`` (the five levels province > prefecture > county > township >
village, with six-digit division codes for the first three levels and short forms such as
屯留 for 屯留区) and ``dictionary/world_location.txt`` (country short and full names). The files
are read directly; jionlp itself is not imported (its import is slow).

Classes follow the level and the suffix of the name (GB/T 2260 naming): 省/自治区 Province, the
four municipalities and prefecture-level units City, 区 District, 县/旗/县级市 County,
镇 Town, 乡/苏木 Township, 街道 Subdistrict, 村/嘎查 Village, 社区 Community.
"""
from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import pickle
import sys
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import KgError
from .files import atomic_file
from .resources import read_words

MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}


@dataclass(frozen=True)
class Place:
    """One administrative division. ``parent`` is the index of the enclosing division in
    :attr:`Gazetteer.places` (None for provinces and countries); ``level`` 0 province,
    1 prefecture, 2 county, 3 township, 4 village, -1 country."""

    name: str
    cls: str
    level: int
    parent: int | None
    code: str | None = None
    alias: str | None = None


def _jionlp_dir() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise KgError("the gazetteer needs the 'jionlp' package: pip install jionlp")
    return Path(list(spec.submodule_search_locations)[0]) / "dictionary"


def _class_of(name: str, level: int) -> str | None:
    if level == 0:
        return "City" if name in MUNICIPALITIES else "Province"
    if level == 1:
        return "City"
    if level == 2:
        return "District" if name.endswith("区") else "County" if name[-1] in "县旗" else "City"
    if level == 3:
        if name.endswith("街道"):
            return "Subdistrict"
        if name.endswith("镇"):
            return "Town"
        if name[-1] == "乡" or name.endswith("苏木"):
            return "Township"
        return None  # farms, development zones and other non-standard units
    if name.endswith("社区"):
        return "Community"
    if name[-1] == "村" or name.endswith("嘎查"):
        return "Village"
    return None


class Gazetteer:
    """Places by name. ``lookup(name)`` gives the indices of every division with that full
    name or short form; ``villages(name)`` the townships holding a village or community of
    that name. ``ancestors(i)`` lists enclosing divisions, nearest first. ``prefixes`` holds
    every beginning (two characters or more) of a full name or short form, so a scan can stop
    extending a candidate as soon as no name begins so."""

    def __init__(self, lines: list[str], countries: list[tuple[str, str]],
                 stop_names: set[str], ethnic: tuple[str, ...] = ()):
        self.places: list[Place] = []
        self.by_name: dict[str, list[int] | tuple[int, ...]] = {}
        self.aliases: dict[str, list[int] | tuple[int, ...]] = {}
        self._villages: dict[str, list[int] | tuple[int, ...]] = {}
        self._ancestors: dict[int, tuple[int, ...]] = {}
        stack: list[int | None] = [None] * 5
        for raw in lines:
            name_part = raw.rstrip("\r\n")
            depth = len(name_part) - len(name_part.lstrip("\t"))
            cols = name_part.strip("\t").split("\t")
            if not cols[0] or depth > 4:
                continue
            if depth == 4:
                if stack[3] is not None:
                    self._villages.setdefault(cols[0], []).append(stack[3])
                continue
            name = cols[0]
            parent = stack[depth - 1] if depth else None
            if depth == 1 and parent is not None and self.places[parent].name == name:
                stack[1] = parent  # a municipality listed again as its own prefecture
                continue
            cls = _class_of(name, depth)
            if cls is None:
                stack[depth] = None
                continue
            code = cols[1] if len(cols) > 1 and cols[1].isdigit() else None
            alias = cols[2] if len(cols) > 2 and cols[2] and cols[2] != name else None
            self._add(Place(name, cls, depth, parent, code, alias), stop_names)
            stack[depth] = len(self.places) - 1
            for d in range(depth + 1, 5):
                stack[d] = None
        for short, full in countries:
            self._add(Place(short, "Country", -1, None), stop_names)
            if full and full != short:
                self.by_name.setdefault(full, []).append(len(self.places) - 1)
        self._add_ethnic_forms(ethnic, stop_names)
        # as tuples: tuples of ints leave the garbage collector's watch, so the 330,000 index
        # lists do not slow down every full collection of a long build
        for table in (self.by_name, self.aliases, self._villages):
            for name, indices in table.items():
                table[name] = tuple(indices)
        self.prefixes: frozenset[str] = frozenset(
            name[:k] for name in (*self.by_name, *self.aliases) for k in range(2, len(name) + 1))

    def _add(self, place: Place, stop_names: set[str]) -> None:
        self.places.append(place)
        i = len(self.places) - 1
        if place.name not in stop_names:
            self.by_name.setdefault(place.name, []).append(i)
        if place.alias and len(place.alias) >= 2 and place.alias not in stop_names:
            self.aliases.setdefault(place.alias, []).append(i)

    def _add_ethnic_forms(self, ethnic: tuple[str, ...], stop_names: set[str]) -> None:
        """Index an ethnic township or town by its place word and level word alone
        (厍东关乡 for 厍东关彝族白族苗族乡, 虎形山乡 for 虎形山瑶族乡), and an autonomous county
        by its short form and level word (威宁县), as the genre writes them, where no division
        has that full name already."""
        groups = sorted(ethnic, key=len, reverse=True)
        forms: dict[str, list[int]] = {}
        for i, place in enumerate(self.places):
            if place.cls not in ("Township", "Town") or not place.name.endswith(("族乡", "族镇")):
                continue
            core, level = place.name[:-1], place.name[-1]
            while (g := next((g for g in groups if core.endswith(g)), None)) and \
                    len(core) - len(g) >= 2:
                core = core[:-len(g)]
            if core != place.name[:-1]:
                forms.setdefault(core + level, []).append(i)
        # an autonomous county or banner by its short form and level word (威宁县 for
        # 威宁彝族回族苗族自治县): without it, 威宁 failing as a short form left 宁县, another
        # province's county, to be found inside it
        for i, place in enumerate(self.places):
            if place.cls == "County" and place.alias and place.name.endswith(("自治县", "自治旗")):
                forms.setdefault(place.alias + place.name[-1], []).append(i)
        for name, indices in forms.items():
            if name not in self.by_name and name not in stop_names:
                self.by_name[name] = indices

    def lookup(self, name: str) -> tuple[int, ...]:
        """Indices of divisions whose full name is ``name``."""
        return self.by_name.get(name, ())

    def lookup_alias(self, name: str) -> tuple[int, ...]:
        """Indices of divisions whose short form is ``name`` (屯留 -> 屯留区)."""
        return self.aliases.get(name, ())

    def ancestors(self, i: int) -> tuple[int, ...]:
        """Indices of the divisions enclosing ``i``, nearest first (computed once per place)."""
        if (out := self._ancestors.get(i)) is None:
            parent = self.places[i].parent
            out = () if parent is None else (parent, *self.ancestors(parent))
            self._ancestors[i] = out
        return out

    def path(self, i: int) -> list[str]:
        """Full names from the province down to ``i``: [山西省, 长治市, 屯留区]."""
        return [self.places[j].name for j in reversed(self.ancestors(i))] + [self.places[i].name]

    def villages(self, name: str) -> tuple[int, ...]:
        """Indices of the townships holding a village or community called ``name``."""
        return self._villages.get(name, ())


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, once per process: unpickled from the user's cache folder (about 0.2 s)
    when a copy made from the same sources is there, else read from jionlp's data files
    (about 0.9 s) and a copy left there for the next process. The folder is ``KG_CACHE_DIR``,
    else ``$XDG_CACHE_HOME/kg-news``, else ``~/.cache/kg-news``; the copy's name holds a
    sha256 of this module, the stop list, jionlp's two files and the Python version, so any
    change makes a new one. A copy that cannot be read is read again from the sources, and a
    folder that cannot be written is left alone. Raises ``KgError`` when jionlp's files cannot
    be read."""
    folder = _jionlp_dir()
    try:
        china = (folder / "china_location.zip").read_bytes()
        world = (folder / "world_location.txt").read_bytes()
    except OSError as exc:
        raise KgError(f"cannot read jionlp's gazetteer files in {folder}: {exc}") from exc
    stop = read_words("gazetteer_stop.tsv")
    ethnic = read_words("ethnic_groups.tsv")
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for part in (china, world, "\n".join(stop).encode(), "\n".join(ethnic).encode(),
                 sys.version.encode()):
        digest.update(hashlib.sha256(part).digest())
    copy = cache_folder() / f"gazetteer-{digest.hexdigest()[:32]}.pickle"
    try:
        if copy.is_file():  # (not a FIFO, which would block the open)
            with open(copy, "rb") as f:
                found = pickle.load(f)
            if isinstance(found, Gazetteer):
                return found
    except Exception:  # noqa: BLE001 - absent, truncated or foreign: read the sources again
        pass
    gazetteer = _read(folder, china, world, stop, ethnic)
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        with atomic_file(copy, binary=True) as f:
            pickle.dump(gazetteer, f, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a read-only home: every process reads the sources
    return gazetteer


def cache_folder() -> Path:
    """Where kg keeps what it can rebuild (the gazetteer's pickled copy): ``KG_CACHE_DIR``,
    else ``$XDG_CACHE_HOME/kg-news``, else ``~/.cache/kg-news``."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg-news"


def _read(folder: Path, china: bytes, world: bytes, stop: tuple[str, ...],
          ethnic: tuple[str, ...] = ()) -> Gazetteer:
    """The gazetteer from the bytes of jionlp's ``china_location.zip`` and
    ``world_location.txt`` (``folder`` names them in errors) and the stop list."""
    try:
        with zipfile.ZipFile(io.BytesIO(china)) as zf:
            text = zf.read("china_location.txt").decode("utf-8")
        world_text = world.decode("utf-8")
    except (KeyError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise KgError(f"cannot read jionlp's gazetteer files in {folder}: {exc}") from exc
    countries = []
    for line in io.StringIO(world_text):
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 2 and not cols[0].endswith(":"):
            countries.append((cols[0], cols[1]))
    return Gazetteer(text.splitlines(), countries, set(stop), ethnic)
