"""Corpus mode: many page files through :func:`kg.pipeline.extract_file`, in worker processes
or on a Dask cluster, with every result cached on disk.

``extract(files, cache, ...)`` reads each file's bytes, looks its result up in the
:class:`Cache` (key: sha256 of the pipeline version, the file's name and its bytes) and extracts
only the files not found there, in parallel. Every file is extracted with its stem as article id
prefix (:func:`kg.ingest.id_stem`): which files share a stem, and so need a longer prefix, is
known only once all are extracted (a file that fails counts for none), so ``kg build`` gives the
final prefixes when it writes (:func:`kg.ingest.with_prefix`), and an entry stays valid
whatever other files a build reads. A file that cannot be read or yields no article is a
:class:`Failure` (file and reason); the others give a :class:`Summary`, the small part of a
result the merge needs (entity key statistics, date facts, one report row per article). The
full results stay in the cache and are read back one file at a time by :meth:`Cache.load` when
the graph is written.

The cache is one file per source file, written atomically (a temporary file renamed into
place); a file that cannot be read back (truncated, corrupt, edited: its parts do not match the
checksums in its header, another format, or not a file at all, such as a folder made at its
path) is ignored and its source extracted again. The pipeline version (:func:`pipeline_version`)
hashes the package's code, lexicons and ontology and the versions of the packages whose data it
reads, so any change to them invalidates every entry.
"""
from __future__ import annotations

import errno
import gc
import hashlib
import multiprocessing
import os
import pickle
import re
import signal
import stat
import time
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable

from .entities import KeyStats
from .errors import InputError, KgError
from .files import atomic_file
from .pipeline import SHACL_FILE, FileResult, collections_paused, extract_file, warm_up

FORMAT = b"kg-cache-5"
DIGEST = 16  # bytes of each blake2b checksum in an entry's header
HEADER = 8 + 2 * DIGEST  # the summary's length, its checksum and the records' checksum
STALE_SECONDS = 3600  # a temporary file of an entry unchanged this long is a stray one
# The temporary files kg.files.atomic_file makes in the cache folder (".NAME.RANDOM.tmp"):
# those of the entries, and of the SHACL verdict kg.pipeline keeps there.
_TEMPORARY = re.compile(r"\.(?:[0-9a-f]{64}\.pkl|%s)\..+\.tmp" % re.escape(SHACL_FILE))
DATA_PACKAGES = ("jionlp", "jieba", "opencc", "cn2an")  # their data shapes the results too


def version_files() -> list[Path]:
    """The files the pipeline's results depend on: the package's ``.py`` files, its
    ``resources/*.tsv|txt`` lexicons and the ontology's ``*.ttl``."""
    from .namespaces import ontology_path

    package = Path(__file__).resolve().parent
    files = [p for p in package.rglob("*.py") if "__pycache__" not in p.parts]
    files += [p for p in (package / "resources").iterdir() if p.suffix in (".tsv", ".txt")]
    files += list(ontology_path("kg.ttl").parent.glob("*.ttl"))
    return sorted(set(files))


def pipeline_version(files: Iterable[Path] | None = None) -> str:
    """A hex sha256 of ``files`` (default :func:`version_files`; each file's name and bytes,
    in name order) and of the installed versions of :data:`DATA_PACKAGES`. The default is
    computed once per process."""
    if files is None:
        return _default_version()
    digest = hashlib.sha256()
    for path in sorted(Path(f) for f in files):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for name in DATA_PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _default_version() -> str:
    return pipeline_version(version_files())


@dataclass
class Summary:
    """What the merge and the report need of one file's result (its full result stays in the
    cache under ``key``). ``rows`` holds one report row per article; ``cached`` says the
    result came from the cache; ``seconds`` is (ingest, extraction) time of this build;
    ``warnings`` are the file's (:attr:`~kg.pipeline.FileResult.warnings`)."""

    path: Path
    key: str
    rows: list[dict]
    stats: dict[str, KeyStats]
    dates: tuple[tuple[str, str, str], ...]
    chars: int
    cached: bool = False
    seconds: tuple[float, float] = (0.0, 0.0)
    warnings: tuple[str, ...] = ()


@dataclass
class Failure:
    """A file that could not be read or held no article, with the reason (one line)."""

    path: Path
    reason: str


@dataclass
class Cache:
    """Extraction results on disk, one ``<key>.pkl`` per source file in ``folder`` (created
    when first written). Each holds two pickles: the :class:`Summary` fields (with
    :data:`FORMAT`, the key and the length of the second), then the articles' records, so the
    merge reads only the first and an entry cut short is found before it is used. They are
    preceded by a header of :data:`HEADER` bytes: the first's length (8 bytes, little-endian),
    so :meth:`load` skips it without unpickling it, then the blake2b checksums
    (:data:`DIGEST` bytes) of the first and of the second, so an entry whose bytes changed
    but still unpickle is not trusted: :meth:`summary` checks the first, :meth:`load` the
    second."""

    folder: Path
    version: str = field(default_factory=pipeline_version)

    def key(self, name: str, data: bytes) -> str:
        """The entry of a source file: sha256 of the version, the file's name and its bytes
        (its results name the file, and their ids start with its stem)."""
        digest = hashlib.sha256(f"{self.version}\0{Path(name).name}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pkl"

    def store(self, key: str, path: Path, result: FileResult) -> Summary:
        """Write ``result`` under ``key`` atomically and return its summary. A folder at the
        entry's path is removed when empty; when it is not, the entry is not written (the
        summary is returned all the same, and the records are extracted again when the graph
        is written: see :func:`load_records`). Raises :class:`~kg.errors.KgError` when the
        folder cannot be written."""
        summary = _summary(path, key, result)
        summary.seconds = result.seconds
        records = pickle.dumps(result.articles, protocol=pickle.HIGHEST_PROTOCOL)
        head = (FORMAT, key, len(records), summary.rows, summary.stats, summary.dates,
                summary.chars, summary.warnings)
        first = pickle.dumps(head, protocol=pickle.HIGHEST_PROTOCOL)
        entry = self.path(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if _is_folder(entry):
                entry.rmdir()  # only when empty: a folder with files in it is not ours to clear
            with atomic_file(entry, binary=True) as out:  # readable: a shared cache
                out.write(len(first).to_bytes(8, "little"))
                out.write(_digest(first))
                out.write(_digest(records))
                out.write(first)
                out.write(records)
        except OSError as exc:
            if _is_folder(entry):  # a folder in the way: this file's result is just not kept
                return summary
            raise KgError(f"cannot write the cache in {self.folder}: {exc.strerror}") from None
        return summary

    def summary(self, key: str, path: Path) -> Summary | None:
        """The summary stored under ``key``, or None when there is none, it cannot be read, its
        bytes do not match their checksum or the entry is not whole (its size is not what its
        summary says)."""
        try:
            with _open_entry(self.path(key)) as f:
                header = f.read(HEADER)
                first = int.from_bytes(header[:8], "little")
                size = os.fstat(f.fileno()).st_size
                if len(header) < HEADER or first > size - HEADER:
                    return None
                data = f.read(first)
            if _digest(data) != header[8:8 + DIGEST]:
                return None
            fmt, stored, length, rows, stats, dates, chars, warnings = pickle.loads(data)
        except Exception:  # missing, truncated, corrupt, another format: extract again
            return None
        if fmt != FORMAT or stored != key or size != HEADER + first + length:
            return None
        return Summary(path, key, rows, stats, dates, chars, cached=True, warnings=warnings)

    def load(self, key: str) -> tuple:
        """The article records stored under ``key`` (see :class:`~kg.pipeline.ArticleRecord`).
        Raises :class:`~kg.errors.KgError` when the entry went missing or broke since its
        summary was read (its records do not match their checksum or do not unpickle); a
        broken entry is removed when the folder can be written, so the next build extracts its
        file again."""
        try:
            with _open_entry(self.path(key)) as f:
                header = f.read(HEADER)
                first = int.from_bytes(header[:8], "little")
                records = None  # a header cut short or a length past the end: broken
                if len(header) == HEADER and first <= os.fstat(f.fileno()).st_size:
                    f.seek(HEADER + first)  # past the summary
                    records = f.read()
        except OSError as exc:  # gone, or not readable now: nothing to remove
            raise KgError(f"cache entry {self.path(key)} went missing or cannot be read "
                          f"({exc.strerror or type(exc).__name__}); build again") from None
        if records is None or _digest(records) != header[8 + DIGEST:]:
            reason = "its records do not match their checksum"
        else:
            try:
                return pickle.loads(records)
            except Exception as exc:  # the records do not unpickle
                reason = type(exc).__name__
        try:
            self.path(key).unlink(missing_ok=True)  # the entry is broken
            removed = "it is removed: "
        except OSError:  # a cache that cannot be written: the next build finds it broken too
            removed = ""
        raise KgError(f"cache entry {self.path(key)} broke during the build ({reason}); "
                      f"{removed}build again to extract its file anew")

    def prune(self, keep: set[str]) -> int:
        """Remove the entries not in ``keep``, and stray temporary files of entries and of the
        SHACL verdict (left by a process stopped while writing one: see
        :func:`kg.files.atomic_file`) unchanged for :data:`STALE_SECONDS`; returns how many. Only regular files are removed: anything else
        at an entry's name (a folder) is left, and so is a file that cannot be removed."""
        removed = 0
        if self.folder.is_dir():
            now = time.time()
            for entry in self.folder.iterdir():
                stale = _TEMPORARY.fullmatch(entry.name) is not None
                if not (entry.suffix == ".pkl" and entry.stem not in keep or stale):
                    continue
                try:
                    status = entry.lstat()
                    if not stat.S_ISREG(status.st_mode) or \
                            stale and now - status.st_mtime < STALE_SECONDS:
                        continue  # not ours, or maybe another build's entry being written
                    entry.unlink()
                except OSError:  # gone already, or not ours to remove
                    continue
                removed += 1
        return removed


def _digest(data: bytes) -> bytes:
    """The checksum of a part of a cache entry: blake2b of :data:`DIGEST` bytes."""
    return hashlib.blake2b(data, digest_size=DIGEST).digest()


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder itself (not a link to one)."""
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def _open_entry(path: Path):
    """The cache entry ``path`` open for reading (binary). Raises ``OSError`` when it cannot be
    opened or is not a regular file (a folder; a FIFO is opened without waiting for a
    writer)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _summary(path: Path, key: str, result: FileResult) -> Summary:
    rows = [{"id": r.article.id, "source": r.article.source,
             "headline": r.article.display_headline(), "section": r.article.section,
             "mentions": r.mentions, "facts": len(r.facts)}
            for r in result.articles]
    chars = sum(len(r.article.text) for r in result.articles)
    return Summary(path, key, rows, result.stats, result.dates, chars,
                   warnings=result.warnings)


# --------------------------------------------------------------------------- running

Outcome = Summary | Failure
Tick = Callable[[Outcome], None]


@dataclass(frozen=True)
class _Task:
    path: Path
    key: str


def extract(files: list[Path], cache: Cache, jobs: int = 1,
            executor: str = "local", scheduler: str | None = None,
            tick: Tick | None = None) -> tuple[list[Outcome], int]:
    """Summaries (or failures) of ``files``, in the order of ``files``, and the number of
    workers: each file's result from the cache, else extracted by ``jobs`` worker processes
    (``executor="local"``; one process: in this one; the number given is ``jobs``) or by the
    Dask cluster at ``scheduler`` (``executor="dask"``; a local cluster of ``jobs`` processes
    when None; the number given is its workers when the extraction started) and stored in the
    cache. ``tick`` is called once per file as it is done, in completion order.

    Raises :class:`~kg.errors.KgError` when dask is asked for but not installed, its
    scheduler cannot be reached, or the cache cannot be written.
    """
    tick = tick or (lambda _outcome: None)
    done: dict[Path, Outcome] = {}

    def finish(outcome: Outcome) -> None:
        done[outcome.path] = outcome
        tick(outcome)

    todo: list[tuple[int, _Task]] = []  # (size, task)
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            finish(Failure(path, exc.strerror or str(exc)))
            continue
        key = cache.key(path.name, data)
        summary = cache.summary(key, path)
        if summary is not None:
            finish(summary)
        else:
            todo.append((len(data), _Task(path, key)))
    # the largest files first: the pool's last tasks are then the shortest, and its workers
    # finish nearly together (the results keep the order of ``files`` all the same)
    todo.sort(key=lambda sized: -sized[0])
    tasks = [task for _size, task in todo]
    workers = jobs
    if executor == "dask":
        workers = _run_dask(tasks, cache, scheduler, jobs, finish)
    elif jobs > 1 and len(tasks) > 1:
        _run_pool(tasks, cache, jobs, finish)
    else:
        if tasks:
            warm_up()
            gc.freeze()  # as in _run_pool: the loaded resources stay; collections skip them
        for task in tasks:
            finish(_work(task, cache))
    return [done[p] for p in files], workers


def load_records(cache: Cache, key: str, path: Path) -> tuple[tuple, bool]:
    """The article records of the file ``path`` from its cache entry ``key``, and whether the
    file was extracted again to give them. When the entry
    cannot be read (gone, not a regular file, never written because a folder stands at its
    path) or broke after its summary was read (its records no longer unpickle), the file is
    extracted again (its bytes must still give ``key``) and the entry written anew when it
    can be: extraction is deterministic, so the records fit the summary the merge used.
    Raises :class:`~kg.errors.KgError` when the file changed or cannot be extracted again."""
    try:
        return cache.load(key), False
    except KgError as broken:
        try:
            data = path.read_bytes()
        except OSError:
            raise broken from None
        if cache.key(path.name, data) != key:
            raise KgError(f"{path}: changed during the build; build again") from None
        result = _extract(str(path), data)
        if isinstance(result, str):
            raise broken from None
        try:
            cache.store(key, path, result)
        except KgError:
            pass  # a cache that cannot be written now: the records are in hand all the same
        return result.articles, True


def _work(task: _Task, cache: Cache) -> Outcome:
    """One file, start to end, in whatever process runs it: read, extract, store."""
    try:
        data = task.path.read_bytes()
    except OSError as exc:
        return Failure(task.path, exc.strerror or str(exc))
    result = _extract(str(task.path), data)
    if isinstance(result, str):
        return Failure(task.path, result)
    return cache.store(task.key, task.path, result)


def _extract(name: str, data: bytes, version: str | None = None) -> FileResult | str:
    """:func:`~kg.pipeline.extract_file` (ids prefixed by the file's stem), or the reason it
    failed (one line): a file that holds no article, or a bug met on this file, must not stop
    the build. With ``version`` (on a cluster), first checks that this process runs the same
    pipeline."""
    if version is not None and version != pipeline_version():
        return "the worker runs another version of kg (code, lexicons or ontology differ)"
    try:
        return extract_file(name, data)
    except InputError as exc:
        text = str(exc)
        return text[len(name) + 2:] if text.startswith(name + ": ") else text
    except Exception as exc:  # a bug on this input: report it with the file, go on
        return f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}"


_worker_cache: Cache | None = None


def ignore_interrupts() -> None:
    """Pool initializer: a worker leaves Ctrl-C (SIGINT, sent to the whole process group) to
    the parent, which stops the pool. A worker interrupted inside the pool's queue can leave
    its lock held, and the parent then waits for it forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool stops its workers with SIGTERM


def _init_worker(cache: Cache) -> None:
    global _worker_cache
    ignore_interrupts()
    _worker_cache = cache


def _pool_work(task: _Task) -> Outcome:
    assert _worker_cache is not None
    return _work(task, _worker_cache)


def _run_pool(todo: list[_Task], cache: Cache, jobs: int, finish: Callable[[Outcome], None]
              ) -> None:
    """``todo`` on ``jobs`` processes, started once. Where processes can be forked they are
    forked after :func:`~kg.pipeline.warm_up`, so each starts with the gazetteer loaded. Tasks
    are file paths, sent in chunks; the results go to the cache from the workers and only
    their summaries come back."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if context.get_start_method() == "fork":
        warm_up()
        # The gazetteer, lexicons and jieba's dictionary are now loaded and stay for good:
        # freeze them out of the garbage collector, so the forked workers' collections do not
        # traverse them (and do not copy the pages they share with this process by doing so).
        gc.freeze()
    jobs = min(jobs, len(todo))
    # small chunks: a file takes tens of milliseconds, a task's round trip a fraction of one,
    # and the last chunk keeps one worker busy while the others are done
    chunk = max(1, min(4, len(todo) // (jobs * 64)))
    with context.Pool(jobs, initializer=_init_worker, initargs=(cache,)) as pool, \
            collections_paused():  # here only summaries arrive, and stay (workers collect)
        for outcome in pool.imap_unordered(_pool_work, todo, chunksize=chunk):
            finish(outcome)


def _run_dask(todo: list[_Task], cache: Cache, scheduler: str | None, jobs: int,
              finish: Callable[[Outcome], None]) -> int:
    """``todo`` on a Dask cluster: each file's bytes go to :func:`_extract` as a future (at
    most a few per worker at a time, so the corpus is never all in memory); the results come
    back here and are stored in the cache. Returns the cluster's number of workers at the
    start."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise KgError("--executor dask needs dask: pip install 'kg-news[dask]'") from None
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
        client = Client(cluster if cluster is not None else scheduler, timeout="20s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise KgError(f"cannot reach the Dask scheduler {scheduler}: "
                      f"{' '.join(str(exc).split())[:200]}") from None
    try:
        workers = len(client.scheduler_info().get("workers", {}))
        window = 4 * max(1, workers or jobs)
        pending = iter(todo)
        running = as_completed()
        tasks = {}

        def submit() -> bool:
            task = next(pending, None)
            if task is None:
                return False
            future = client.submit(_extract, str(task.path), task.path.read_bytes(),
                                   cache.version, key=f"kg-{task.key}")
            tasks[future.key] = task
            running.add(future)
            return True

        for _ in range(window):
            if not submit():
                break
        for future in running:
            task = tasks.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # the worker died, or the result could not travel back
                result = f"dask: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
            future.release()
            if isinstance(result, str):
                finish(Failure(task.path, result))
            else:
                finish(cache.store(task.key, task.path, result))
            submit()
        return workers
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
