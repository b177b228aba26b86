"""Corpus mode: the same graph.ttl bytes whatever --jobs, the executor and the order of the
inputs; bad files reported and skipped; a cache that re-extracts only what changed."""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import pickle
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from kg import corpus, entities, ingest
from kg.cli import main
from kg.errors import KgError
from kg.graph import article_iri
from kg.namespaces import KG, NIF, SCHEMA
from kg.pipeline import build, extract_file

from .conftest import DATA

SAMPLE = DATA / "000_238ca3ace6f4ed21.txt"
TINY = ("沁源县与北京市东城区签署合作协议\n\n□本报记者 李明\n\n"
        "本报讯 8月12日，沁源县与北京市东城区签署对口合作协议，双方将在文化旅游、教育医疗等领域深化合作。"
        "沁源县人民医院医生赴北京市隆福医院进修学习。\n")
OTHER = ("襄垣县举办农产品展销会\n\n□通讯员 王芳\n\n"
         "本报讯 9月3日，襄垣县在北京市东城区举办农产品展销会，襄垣县农业农村局组织20家企业参展。\n")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """A small corpus: the sample page, an edited copy of it, two made-up pages, one of them
    under the same file name as another in a subfolder."""
    root = tmp_path_factory.mktemp("corpus")
    text = SAMPLE.read_text(encoding="utf-8")
    (root / "a.txt").write_text(text, encoding="utf-8")
    (root / "b.txt").write_text(text.replace("屯留", "襄垣"), encoding="utf-8")
    (root / "c.txt").write_text(TINY, encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "c.txt").write_text(OTHER, encoding="utf-8")
    return root


def _report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def one_job(pages, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("jobs1")
    build([pages], out, jobs=1, use_cache=False, html=False)
    return out


def test_the_corpus_builds_with_ids_unique_across_files(one_job):
    report = _report(one_job)
    assert report["files"] == {"read": 4, "extracted": 4, "cached": 0, "skipped": [],
                               "failed": [], "warnings": []}
    ids = [a["id"] for a in report["articles"]]
    assert len(ids) == len(set(ids)) == 8 + 8 + 1 + 1
    tagged = [i for i in ids if i.startswith("c-")]  # c.txt and sub/c.txt: c-<6 hex>-1
    assert len(tagged) == 2 and all(len(i) == len("c-123456-1") for i in tagged)
    graph = Graph().parse(one_job / "graph.ttl")
    # one node for 北京市东城区 across the four files
    assert len(set(graph.subjects(RDFS.label, Literal("北京市东城区", lang="zh")))) == 1
    # the two c.txt are told apart by their paths; other files by their names
    assert sorted({a["source"] for a in report["articles"]}) == \
        ["a.txt", "b.txt", "c.txt", "sub/c.txt"]
    assert {str(o) for o in graph.objects(None, KG.sourceFile)} == \
        {"a.txt", "b.txt", "c.txt", "sub/c.txt"}


def test_jobs_and_input_order_give_the_same_bytes(pages, one_job, tmp_path):
    files = [str(p) for p in sorted(pages.rglob("*.txt"))]
    random.Random(6).shuffle(files)
    build(files, tmp_path / "two", jobs=2, use_cache=False, html=False)
    build(list(reversed(files)), tmp_path / "again", jobs=2, use_cache=False, html=False)
    expected = (one_job / "graph.ttl").read_bytes()
    assert (tmp_path / "two" / "graph.ttl").read_bytes() == expected
    assert (tmp_path / "again" / "graph.ttl").read_bytes() == expected
    assert (tmp_path / "two" / "graph.trig").read_bytes() == (one_job / "graph.trig").read_bytes()


def test_the_merge_does_not_depend_on_the_order_files_are_read_in(pages):
    results = [extract_file(str(p), p.read_bytes(), p.stem + str(n))
               for n, p in enumerate(sorted(pages.rglob("*.txt")))]
    merged = []
    for order in ([0, 1, 2, 3], [3, 1, 0, 2], [2, 3, 1, 0]):
        stats: dict = {}
        for i in order:
            entities.add_stats(stats, {k: _copy(v) for k, v in results[i].stats.items()})
        merged.append(entities.merge_stats(stats))
    assert merged[0].entities == merged[1].entities == merged[2].entities
    assert len(merged[0].entities) > 150


def _copy(stats: entities.KeyStats) -> entities.KeyStats:
    return entities.KeyStats(stats.classes.copy(), stats.label, set(stats.labels),
                             set(stats.variants), stats.code, stats.nested)


def test_dask_cluster_gives_the_same_bytes(pages, one_job, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        report = build([pages], tmp_path, executor="dask", scheduler=cluster.scheduler_address,
                       use_cache=False, html=False, jobs=3)
    assert report["files"]["extracted"] == 4
    assert (report["executor"], report["jobs"]) == ("dask", 2)  # the cluster's workers, not --jobs
    assert (tmp_path / "graph.ttl").read_bytes() == (one_job / "graph.ttl").read_bytes()


def test_dask_missing_is_one_line(runner, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    result = runner.invoke(main, ["build", str(SAMPLE), "--out", str(tmp_path), "-q",
                                  "--executor", "dask", "--no-cache"])
    assert result.exit_code == 1
    assert result.stderr == "kg: error: --executor dask needs dask: pip install 'kg-news[dask]'\n"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_bad_files_are_reported_and_skipped(runner, pages, tmp_path):
    corpus_dir = tmp_path / "in"
    shutil.copytree(pages, corpus_dir)
    (corpus_dir / "image.txt").write_bytes(bytes(range(256)) * 8)
    (corpus_dir / "gbk.txt").write_bytes(b"\x80\xff\xff\xfe\x81")
    (corpus_dir / "notes.md").write_text("不读", encoding="utf-8")  # not a page: not listed
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(corpus_dir), str(tmp_path / "missing.txt"),
                                  "--out", str(out), "--no-html", "-j", "2"])
    assert result.exit_code == 0, result.output
    assert f"kg: failed {corpus_dir / 'image.txt'}: binary file (NUL bytes), not text" \
        in result.stderr
    assert f"kg: failed {corpus_dir / 'gbk.txt'}: cannot decode as UTF-8 or GB18030" \
        in result.stderr
    assert f"kg: skipped {tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
    assert "2 failed" in result.stderr.splitlines()[-1]
    files = _report(out)["files"]
    assert files["read"] == 4
    assert files["skipped"] == [{"path": str(tmp_path / "missing.txt"),
                                 "reason": "no such file or folder"}]
    assert sorted((f["path"], f["reason"].split(" (")[0]) for f in files["failed"]) == [
        (str(corpus_dir / "gbk.txt"), "cannot decode as UTF-8 or GB18030"),
        (str(corpus_dir / "image.txt"), "binary file"),
    ]
    graph = Graph().parse(out / "graph.ttl")
    for label in ("沁源县人民医院", "襄垣县农业农村局", "屯留区委党校"):  # c.txt, sub/c.txt, a.txt
        assert set(graph.subjects(RDFS.label, Literal(label, lang="zh"))), label


def test_a_utf16_page_is_read_not_failed_as_binary(tmp_path):
    """Notepad's "Unicode" (UTF-16-LE with a BOM) failed as "binary file (NUL bytes)"."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "unicode.txt").write_bytes(codecs.BOM_UTF16_LE + TINY.encode("utf-16-le"))
    report = build([tmp_path / "in"], tmp_path / "out", jobs=1, use_cache=False, html=False)
    assert report["files"]["failed"] == []
    assert [(a["id"], a["source"], a["headline"]) for a in report["articles"]] == [
        ("unicode-1", "unicode.txt", "沁源县与北京市东城区签署合作协议")]


def test_what_is_no_page_file_inside_an_input_folder_is_reported(tmp_path):
    """A broken link, a FIFO or an empty folder named like a page was left out silently."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "c.txt").write_text(TINY, encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "x.txt").mkdir()
    (folder / "y.html").mkdir()  # a folder named like a page that holds one: searched, not listed
    (folder / "y.html" / "other.txt").write_text(OTHER, encoding="utf-8")
    (folder / "notes.md").write_text("不读", encoding="utf-8")  # not named like a page
    report = build([folder], tmp_path / "out", jobs=1, use_cache=False, html=False)
    assert report["files"]["skipped"] == [
        {"path": str(folder / "gone.txt"), "reason": "a broken symbolic link"},
        {"path": str(folder / "pipe.txt"), "reason": "not a regular file"},
        {"path": str(folder / "x.txt"), "reason": "folder holds no .txt, .html or .htm file"},
    ]
    assert report["files"]["failed"] == []
    assert [a["id"] for a in report["articles"]] == ["c-1", "other-1"]


def test_a_file_that_fails_changes_no_ids(tmp_path):
    """新闻 二.txt and 新闻_二.txt share the id stem 新闻_二: while the second, binary, failed, it
    still gave the first hashed ids (fresh-user trial). Ids are decided among the files that
    yield articles: the graph is the one built without the failed file, byte for byte."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "新闻 二.txt").write_text(TINY, encoding="utf-8")
    (folder / "新闻_二.txt").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    report = build([folder], out, jobs=2, html=False)
    assert report["files"]["failed"] == [{"path": str((folder / "新闻_二.txt").resolve()),
                                          "reason": "binary file (NUL bytes), not text"}]
    assert [a["id"] for a in report["articles"]] == ["新闻_二-1"]
    assert (article_iri("新闻_二-1"), RDF.type, None) in Graph().parse(out / "graph.ttl")
    with_failure = (out / "graph.ttl").read_bytes()
    (folder / "新闻_二.txt").rename(tmp_path / "新闻_二.txt")  # out of the folder
    build([folder], tmp_path / "alone", jobs=1, use_cache=False, html=False)
    assert (tmp_path / "alone" / "graph.ttl").read_bytes() == with_failure
    # A second file of that stem that yields articles: both get hashed ids, of their paths
    # relative to the folder the two share (the failed one, named too, counts for nothing);
    # the first file's cache entry (extracted with its stem as prefix) is still used.
    (folder / "sub").mkdir()
    (folder / "sub" / "新闻_二.txt").write_text(OTHER, encoding="utf-8")
    report = build([folder, tmp_path / "新闻_二.txt"], out, jobs=1, html=False)
    assert (report["files"]["extracted"], report["files"]["cached"]) == (1, 1)
    assert len(report["files"]["failed"]) == 1

    def tagged(relative: str) -> str:
        return f"新闻_二-{hashlib.sha1(relative.encode()).hexdigest()[:6]}-1"

    assert [(a["id"], a["source"]) for a in report["articles"]] == [
        (tagged("sub/新闻_二.txt"), "新闻_二.txt"), (tagged("新闻 二.txt"), "新闻 二.txt")]


def test_only_bad_files_fail_with_status_2(runner, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = runner.invoke(main, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                  "-q"])
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: nothing to build: 2 files failed (first: ")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_output_folder_may_be_the_input_folder(runner, tmp_path, monkeypatch):
    """Only kg's own outputs and working files in --out are left out: the pages beside them
    are built, and a rebuild there (by folder or by pattern) gives the same graph.ttl bytes."""
    inp = tmp_path / "inp"
    inp.mkdir()
    shutil.copy(SAMPLE, inp / "a.txt")
    (inp / "c.txt").write_text(TINY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # relative paths, as a user types them
    graphs = []
    for args in (["inp"], ["inp"], ["inp/*.txt"]):
        result = runner.invoke(main, ["build", *args, "--out", "inp", "--no-html", "-q"])
        assert result.exit_code == 0, result.output
        graphs.append((inp / "graph.ttl").read_bytes())
        report = _report(inp)
        assert report["files"]["read"] == 2
        assert report["files"]["skipped"] == [] and report["files"]["failed"] == []
        assert sorted({a["source"] for a in report["articles"]}) == ["a.txt", "c.txt"]
    assert graphs[0] == graphs[1] == graphs[2]
    assert _report(inp)["files"]["cached"] == 2  # the rebuilds came from inp/.cache
    assert sorted(p.name for p in inp.iterdir()) == \
        [".cache", "a.txt", "c.txt", "graph.trig", "graph.ttl", "report.json"]


def test_graph_html_in_the_output_folder_is_never_read(runner, tmp_path):
    inp = tmp_path / "inp"
    inp.mkdir()
    shutil.copy(SAMPLE, inp / "a.txt")
    assert runner.invoke(main, ["build", str(inp), "--out", str(inp), "-q"]).exit_code == 0
    assert (inp / "graph.html").is_file()
    # the build's own graph.html (and a staging folder's page) is not an input of the next one
    (inp / ".kg-build-x").mkdir()
    (inp / ".kg-build-x" / "graph.html").write_bytes((inp / "graph.html").read_bytes())
    before = (inp / "graph.ttl").read_bytes()
    assert runner.invoke(main, ["build", str(inp), "--out", str(inp), "-q"]).exit_code == 0
    assert (inp / "graph.ttl").read_bytes() == before
    assert _report(inp)["files"]["read"] == 1 and _report(inp)["files"]["skipped"] == []
    # naming only that page: nothing to build, said in one line (no IndexError)
    result = runner.invoke(main, ["build", str(inp / "graph.html"), "--out", str(inp), "-q"])
    assert result.exit_code == 2
    assert result.stderr == (f"kg: error: nothing to build: the inputs name only kg's own "
                             f"outputs or working files in {inp}\n")


def test_report_and_graph_give_a_page_without_heading_the_same_headline(tmp_path):
    page = ("<html><head><meta charset=\"utf-8\"></head><body><div class=\"content\">"
            "<p>8月12日，沁源县与北京市东城区签署对口合作协议，双方将在文化旅游、教育医疗等领域"
            "深化合作。沁源县人民医院医生赴北京市隆福医院进修学习。</p></div></body></html>")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    report = build([tmp_path / "page.html"], tmp_path / "out", jobs=1, html=False)
    expected = "8月12日，沁源县与北京市东城区签署对口合作协议，双方将在文"  # its first 30 characters
    assert [a["headline"] for a in report["articles"]] == [expected]
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert [str(o) for o in graph.objects(None, SCHEMA.headline)] == [expected]


def test_a_page_with_a_stray_byte_is_built_with_a_warning(runner, tmp_path, monkeypatch):
    """One bad byte in a 20 KB UTF-8 page: the page is built, a warning line names it and the
    first bad byte's offset, report.json lists it; a rebuild from the cache says it again."""
    monkeypatch.chdir(tmp_path)
    data = SAMPLE.read_bytes()
    cut = data.index("。".encode(), len(data) // 2) + 3  # after a full stop, mid-page
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(data[:cut] + b"\xff" + data[cut:])
    line = f"1 invalid UTF-8 byte replaced by U+FFFD (the first at byte offset {cut})"
    for extracted in (1, 0):
        result = runner.invoke(main, ["build", "in", "--out", "out", "--no-html"])
        assert result.exit_code == 0, result.output
        assert f"kg: warning in/a.txt: {line}\n" in result.stderr
        files = _report(tmp_path / "out")["files"]
        assert (files["read"], files["extracted"], files["failed"]) == (1, extracted, [])
        assert files["warnings"] == [{"path": "in/a.txt", "warning": line}]
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    texts = [str(o) for o in graph.objects(None, NIF.isString) if "\ufffd" in str(o)]
    assert len(texts) == 1  # the article holding the byte has U+FFFD in its place


def test_glob_patterns_name_files(pages, tmp_path):
    report = build([str(pages / "*.txt")], tmp_path, jobs=1, use_cache=False, html=False)
    assert sorted({a["source"] for a in report["articles"]}) == ["a.txt", "b.txt", "c.txt"]


def test_cache_reextracts_only_what_changed(pages, tmp_path):
    corpus_dir = tmp_path / "in"
    shutil.copytree(pages, corpus_dir)
    out = tmp_path / "out"
    first = build([corpus_dir], out, jobs=1, html=False)
    assert (first["files"]["extracted"], first["files"]["cached"]) == (4, 0)
    graph = (out / "graph.ttl").read_bytes()
    second = build([corpus_dir], out, jobs=1, html=False)
    assert (second["files"]["extracted"], second["files"]["cached"]) == (0, 4)
    assert (out / "graph.ttl").read_bytes() == graph
    with open(corpus_dir / "c.txt", "a", encoding="utf-8") as f:
        f.write("沁源县教育局组织教师赴北京市东城区培训。\n")
    third = build([corpus_dir], out, jobs=1, html=False)
    assert (third["files"]["extracted"], third["files"]["cached"]) == (1, 3)
    assert "沁源县教育局".encode() in (out / "graph.ttl").read_bytes()
    assert len(list((out / ".cache").glob("*.pkl"))) == 4  # the old entry of c.txt is gone
    # a corrupt entry is ignored and its file extracted again
    entry = next((out / ".cache").glob("*.pkl"))
    entry.write_bytes(b"not a pickle")
    fourth = build([corpus_dir], out, jobs=1, html=False)
    assert (fourth["files"]["extracted"], fourth["files"]["cached"]) == (1, 3)
    # so is one cut short after its summary (the records' length is in the summary)
    entry = max((out / ".cache").glob("*.pkl"), key=lambda p: p.stat().st_size)
    first = int.from_bytes(entry.read_bytes()[:8], "little")
    entry.write_bytes(entry.read_bytes()[:corpus.HEADER + first + 100])
    fifth = build([corpus_dir], out, jobs=1, html=False)
    assert (fifth["files"]["extracted"], fifth["files"]["cached"]) == (1, 3)
    build([corpus_dir], tmp_path / "fresh", jobs=1, html=False, use_cache=False)
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "fresh" / "graph.ttl").read_bytes()


def test_no_cache_reads_and_keeps_none(pages, tmp_path):
    build([pages / "c.txt"], tmp_path, jobs=1, html=False)
    report = build([pages / "c.txt"], tmp_path, jobs=1, html=False, use_cache=False)
    assert report["files"]["extracted"] == 1 and report["cache"] is None


def test_a_changed_resource_changes_the_cache_key(tmp_path):
    files = corpus.version_files()
    assert any(f.name == "surnames.tsv" for f in files)
    assert any(f.name == "kg.ttl" for f in files) and any(f.name == "pipeline.py" for f in files)
    copies = []
    for n, f in enumerate(files):
        copies.append(tmp_path / f"{n:03d}" / f.name)
        copies[-1].parent.mkdir()
        copies[-1].write_bytes(f.read_bytes())
    before = corpus.pipeline_version(copies)
    assert before == corpus.pipeline_version(copies)
    lexicon = next(f for f in copies if f.name == "surnames.tsv")
    lexicon.write_bytes(lexicon.read_bytes() + "欧阳\t复姓\n".encode())
    after = corpus.pipeline_version(copies)
    assert after != before
    key = dict(name="c.txt", data=TINY.encode())
    assert corpus.Cache(tmp_path, before).key(**key) != corpus.Cache(tmp_path, after).key(**key)
    assert corpus.Cache(tmp_path, before).key(**key) == corpus.Cache(tmp_path, before).key(**key)


def test_read_inputs_stays_strict(pages):
    assert len(ingest.read_inputs([pages])) == 18


def test_outputs_inside_the_input_folder_are_not_read_back(tmp_path):
    (tmp_path / "c.txt").write_text(TINY, encoding="utf-8")
    build([tmp_path], tmp_path / "out", jobs=1)
    assert (tmp_path / "out" / "graph.html").exists()
    report = build([tmp_path], tmp_path / "out", jobs=1)  # graph.html is under the input folder
    assert [a["source"] for a in report["articles"]] == ["c.txt"]
    assert report["files"] == {"read": 1, "extracted": 0, "cached": 1, "skipped": [],
                               "failed": [], "warnings": []}


def test_an_earlier_builds_page_in_the_input_folder_is_skipped(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "page.txt")
    build([tmp_path], tmp_path / "first", progress=None, use_cache=False)
    report = build([tmp_path], tmp_path / "second", progress=None, use_cache=False)
    page = str((tmp_path / "first" / "graph.html").resolve())
    assert report["files"]["failed"] == []
    assert report["files"]["skipped"] == [{"path": page,
                                           "reason": "the page of an earlier kg build"}]
    assert report["files"]["read"] == 1


def test_warm_up_loads_jiebas_dictionary_before_the_workers_fork():
    # Workers forked after warm_up share what it loaded; jieba's dictionary (0.4 s and tens
    # of MB each) was left for every worker to load again.
    code = ("from kg import pipeline; import jieba; pipeline.warm_up(); "
            "print(jieba.dt.initialized)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "True"


def test_an_entry_that_breaks_during_the_build_is_removed(pages, tmp_path):
    cache = corpus.Cache(tmp_path / "cache")
    summary = corpus.extract([pages / "c.txt"], cache)[0][0]
    assert cache.summary(summary.key, pages / "c.txt") is not None
    entry = cache.path(summary.key)
    data = entry.read_bytes()
    entry.write_bytes(data[:-50] + b"\0" * 50)  # the same size, its records broken
    with pytest.raises(KgError, match="it is removed: build again"):
        cache.load(summary.key)
    assert not entry.exists()  # so the next build extracts c.txt again


def test_skipped_and_failed_files_are_named_alike(pages, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    shutil.copy(pages / "c.txt", "in/c.txt")
    Path("in/bin.txt").write_bytes(bytes(range(256)) * 8)
    Path("in/y.txt").symlink_to("nowhere.txt")
    files = build(["in"], "out", jobs=1, html=False, use_cache=False)["files"]
    assert files["skipped"] == [{"path": "in/y.txt", "reason": "a broken symbolic link"}]
    assert files["failed"] == [{"path": "in/bin.txt", "reason": "binary file (NUL bytes), not text"}]


def test_an_entry_broken_in_place_is_extracted_again_in_the_same_build(pages, tmp_path):
    corpus_dir = tmp_path / "in"
    shutil.copytree(pages, corpus_dir)
    out = tmp_path / "out"
    build([corpus_dir], out, jobs=1, html=False)
    graph = (out / "graph.ttl").read_bytes()
    entry = max((out / ".cache").glob("*.pkl"), key=lambda p: p.stat().st_size)
    data = entry.read_bytes()
    entry.write_bytes(data[:-2000] + b"\0" * 2000)  # same size: the summary still reads
    again = build([corpus_dir], out, jobs=1, html=False)
    assert (again["files"]["extracted"], again["files"]["cached"]) == (1, 3)
    assert (out / "graph.ttl").read_bytes() == graph
    assert entry.read_bytes() == data  # written anew


def _broken_entry(pages, tmp_path):
    """A cache of c.txt whose entry's records end in 50 zero bytes (the summary still reads):
    (cache, summary, the records it held)."""
    cache = corpus.Cache(tmp_path / "cache")
    summary = corpus.extract([pages / "c.txt"], cache)[0][0]
    records = cache.load(summary.key)
    entry = cache.path(summary.key)
    entry.write_bytes(entry.read_bytes()[:-50] + b"\0" * 50)
    return cache, summary, records


def test_a_broken_entry_is_extracted_again_even_when_the_cache_cannot_be_written(
        pages, tmp_path, monkeypatch):
    cache, summary, records = _broken_entry(pages, tmp_path)

    def read_only(*_args):
        raise KgError("cannot write the cache")
    monkeypatch.setattr(cache, "store", read_only)
    assert corpus.load_records(cache, summary.key, pages / "c.txt") == (records, True)


def test_a_folder_at_an_entrys_path_is_extracted_again_and_never_stops_the_build(
        pages, tmp_path):
    corpus_dir = tmp_path / "in"
    shutil.copytree(pages, corpus_dir)
    out = tmp_path / "out"
    build([corpus_dir], out, jobs=1, html=False)
    graph = (out / "graph.ttl").read_bytes()
    cache = corpus.Cache(out / ".cache")
    entries = [cache.path(cache.key("c.txt", (corpus_dir / name).read_bytes()))
               for name in ("c.txt", "sub/c.txt")]
    assert all(entry.is_file() for entry in entries)
    # an empty folder made at an entry's path: the file is extracted again and the entry
    # written in its place
    data = entries[0].read_bytes()
    entries[0].unlink()
    entries[0].mkdir()
    build([corpus_dir], out, jobs=1, html=False)
    files = _report(out)["files"]
    assert (files["extracted"], files["cached"], files["failed"]) == (1, 3, [])
    assert (out / "graph.ttl").read_bytes() == graph
    assert entries[0].read_bytes() == data
    # folders with files in them: not ours to clear; the files are extracted in every build
    # (in this process, then by two workers, whose records are extracted again at render
    # time) and the entries are not written; a stray folder named as an entry is not pruned
    for entry in entries:
        entry.unlink()
        (entry / "kept").mkdir(parents=True)
    stray = cache.path("0" * 64)
    (stray / "kept").mkdir(parents=True)
    for jobs in (1, 2):
        build([corpus_dir], out, jobs=jobs, html=False)
        files = _report(out)["files"]
        assert (files["extracted"], files["cached"], files["failed"]) == (2, 2, [])
        assert (out / "graph.ttl").read_bytes() == graph
        assert all((entry / "kept").is_dir() for entry in entries + [stray])


def test_prune_removes_only_regular_files(tmp_path):
    cache = corpus.Cache(tmp_path / "cache", "v")
    cache.folder.mkdir()
    old, kept, folder = (cache.path(k * 64) for k in "abc")
    old.write_bytes(b"old entry")
    kept.write_bytes(b"kept entry")
    (folder / "inside").mkdir(parents=True)
    assert cache.prune({"b" * 64}) == 1
    assert not old.exists() and kept.read_bytes() == b"kept entry"
    assert (folder / "inside").is_dir()
    folder.joinpath("inside").rmdir()
    assert cache.prune(set()) == 1 and folder.is_dir()  # kept.pkl went; the empty folder stays


def test_an_entry_that_is_a_fifo_is_read_as_missing_without_waiting(pages, tmp_path):
    cache = corpus.Cache(tmp_path / "cache")
    summary = corpus.extract([pages / "c.txt"], cache)[0][0]
    entry = cache.path(summary.key)
    entry.unlink()
    os.mkfifo(entry)  # opened for reading the usual way, it waits for a writer forever
    assert cache.summary(summary.key, pages / "c.txt") is None
    with pytest.raises(KgError, match="cannot be read \\(not a regular file\\)"):
        cache.load(summary.key)
    again = corpus.extract([pages / "c.txt"], cache)[0][0]
    assert not again.cached and entry.is_file()  # the FIFO was replaced by the entry


def _edit(data: bytes, start: int, old: str = "东城区", new: str = "西城区") -> bytes:
    """``data`` with the first ``old`` from ``start`` on replaced by ``new`` (as many bytes)."""
    at = data.index(old.encode(), start)
    assert len(old.encode()) == len(new.encode())
    return data[:at] + new.encode() + data[at + len(old.encode()):]


def _clean_build(pages, tmp_path) -> tuple[Path, Path, bytes, Path, bytes]:
    """The pages copied to in/, built into out/ with its cache: (in, out, graph.ttl bytes, the
    cache entry of c.txt, its bytes)."""
    corpus_dir = tmp_path / "in"
    shutil.copytree(pages, corpus_dir)
    out = tmp_path / "out"
    build([corpus_dir], out, jobs=1, html=False)
    cache = corpus.Cache(out / ".cache")
    entry = cache.path(cache.key("c.txt", (corpus_dir / "c.txt").read_bytes()))
    return corpus_dir, out, (out / "graph.ttl").read_bytes(), entry, entry.read_bytes()


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_entry_whose_records_were_edited_is_not_trusted(pages, tmp_path, jobs):
    corpus_dir, out, graph, entry, data = _clean_build(pages, tmp_path)
    records = corpus.HEADER + int.from_bytes(data[:8], "little")
    assert "东城区".encode() in data[records:]
    entry.write_bytes(_edit(data, records))  # the same size; the records still unpickle
    assert len(entry.read_bytes()) == len(data)
    build([corpus_dir], out, jobs=jobs, html=False)
    # found when the records are read to write the graph (with two jobs, by the worker that
    # checks SHACL's sample, the one that renders the file, or both): extracted again
    assert "西城区".encode() not in (out / "graph.ttl").read_bytes()
    assert (out / "graph.ttl").read_bytes() == graph
    files = _report(out)["files"]
    assert (files["extracted"], files["cached"], files["failed"]) == (1, 3, [])
    assert entry.read_bytes() == data  # and written anew


def test_an_entry_whose_summary_was_edited_is_not_trusted(pages, tmp_path):
    corpus_dir, out, graph, entry, data = _clean_build(pages, tmp_path)
    records = corpus.HEADER + int.from_bytes(data[:8], "little")
    assert data.index("东城区".encode()) < records  # in the headline of the report's row
    entry.write_bytes(_edit(data, corpus.HEADER))
    build([corpus_dir], out, jobs=1, html=False)
    report = _report(out)
    assert (report["files"]["extracted"], report["files"]["cached"]) == (1, 3)
    assert "沁源县与北京市东城区签署合作协议" in [a["headline"] for a in report["articles"]]
    assert (out / "graph.ttl").read_bytes() == graph
    assert entry.read_bytes() == data


def test_load_checks_the_records_checksum(pages, tmp_path):
    cache = corpus.Cache(tmp_path / "cache")
    summary = corpus.extract([pages / "c.txt"], cache)[0][0]
    entry = cache.path(summary.key)
    data = entry.read_bytes()
    records = corpus.HEADER + int.from_bytes(data[:8], "little")
    assert pickle.loads(data[records:]) == cache.load(summary.key)
    entry.write_bytes(_edit(data, records))
    assert pickle.loads(entry.read_bytes()[records:]) != pickle.loads(data[records:])
    assert cache.summary(summary.key, pages / "c.txt") is not None  # only its records changed
    with pytest.raises(KgError, match="do not match their checksum\\); it is removed"):
        cache.load(summary.key)
    assert not entry.exists()


def test_an_entry_of_the_previous_format_is_extracted_again(pages, tmp_path):
    cache = corpus.Cache(tmp_path / "cache")
    summary = corpus.extract([pages / "c.txt"], cache)[0][0]
    entry = cache.path(summary.key)
    data = entry.read_bytes()
    records = data[corpus.HEADER + int.from_bytes(data[:8], "little"):]
    old = pickle.dumps((b"kg-cache-3", summary.key, len(records), summary.rows, summary.stats,
                        summary.dates, summary.chars), protocol=pickle.HIGHEST_PROTOCOL)
    entry.write_bytes(len(old).to_bytes(8, "little") + old + records)  # kg-cache-3's layout
    assert cache.summary(summary.key, pages / "c.txt") is None
    again = corpus.extract([pages / "c.txt"], cache)[0][0]
    assert not again.cached and entry.read_bytes() == data
    # kg-cache-4: checksummed, but its summary has no warnings
    old = pickle.dumps((b"kg-cache-4", summary.key, len(records), summary.rows, summary.stats,
                        summary.dates, summary.chars), protocol=pickle.HIGHEST_PROTOCOL)
    entry.write_bytes(len(old).to_bytes(8, "little") + corpus._digest(old)
                      + corpus._digest(records) + old + records)
    assert cache.summary(summary.key, pages / "c.txt") is None


def test_a_broken_entry_that_cannot_be_removed_is_extracted_again_all_the_same(
        pages, tmp_path, monkeypatch):
    cache, summary, records = _broken_entry(pages, tmp_path)
    entry = cache.path(summary.key)

    def read_only(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")
    unlink = Path.unlink

    def unlink_elsewhere(self, *args, **kwargs):
        if self == entry:
            read_only()
        unlink(self, *args, **kwargs)
    def no_store(*_args):
        raise KgError("cannot write the cache")
    monkeypatch.setattr(cache, "store", no_store)  # a read-only cache folder (as root, chmod
    monkeypatch.setattr(Path, "unlink", unlink_elsewhere)  # would not stop these)
    with pytest.raises(KgError, match=r"\(its records do not match their checksum\); build"):
        cache.load(summary.key)
    assert corpus.load_records(cache, summary.key, pages / "c.txt") == (records, True)
    monkeypatch.undo()
    assert entry.exists()


def test_prune_removes_stray_temporary_files_once_stale(pages, tmp_path):
    cache = corpus.Cache(tmp_path / "cache")
    key = corpus.extract([pages / "c.txt"], cache)[0][0].key
    entry = cache.path(key)
    # what atomic_file leaves behind when its process is killed while writing the entry
    stray = tmp_path / "cache" / f".{entry.name}.k9x2.tmp"
    stray.write_bytes(b"half an entry")
    other = tmp_path / "cache" / "notes.tmp"
    other.write_bytes(b"not ours")
    assert cache.prune({key}) == 0  # new: maybe another build's entry being written
    old = time.time() - corpus.STALE_SECONDS - 60
    os.utime(stray, (old, old))
    os.utime(other, (old, old))
    assert cache.prune({key}) == 1
    assert not stray.exists() and other.exists() and entry.exists()


def test_prune_removes_a_stray_temporary_file_of_the_shacl_verdict_once_stale(pages, tmp_path):
    """A build killed while it wrote the SHACL verdict (``shacl.json``, kept in the cache
    folder by kg.pipeline with kg.files.atomic_file) leaves its temporary file; prune removes
    it once stale, as for entries, and leaves the verdict itself and other files."""
    from kg.pipeline import SHACL_FILE

    cache = corpus.Cache(tmp_path / "cache")
    key = corpus.extract([pages / "c.txt"], cache)[0][0].key
    verdict = tmp_path / "cache" / SHACL_FILE
    verdict.write_text('{"key": "k", "conforms": true, "violations": 0}', encoding="utf-8")

    # a process killed while atomic_file writes the verdict (os._exit: no clean-up runs)
    killed = subprocess.run(
        [sys.executable, "-c", "import os, sys; from pathlib import Path; "
         "from kg.files import atomic_file\n"
         "with atomic_file(Path(sys.argv[1])) as out:\n"
         "    out.write('{\"key\": \"half'); out.flush(); os._exit(9)", str(verdict)],
        capture_output=True, text=True, timeout=60)
    assert killed.returncode == 9, killed.stderr
    (stray,) = [p for p in (tmp_path / "cache").iterdir() if p.suffix == ".tmp"]
    assert stray.name.startswith(".shacl.json.") and stray.read_text() == '{"key": "half'
    unrelated = tmp_path / "cache" / ".notes.json.k9x2.tmp"
    unrelated.write_bytes(b"not ours")
    assert cache.prune({key}) == 0  # new: maybe another build writing its verdict
    old = time.time() - corpus.STALE_SECONDS - 60
    for path in (stray, unrelated, verdict):
        os.utime(path, (old, old))
    assert cache.prune({key}) == 1
    assert not stray.exists()
    assert unrelated.exists() and cache.path(key).exists()
    assert json.loads(verdict.read_text(encoding="utf-8"))["conforms"] is True


def test_a_rebuild_reuses_the_shacl_verdict_on_the_same_sample(pages, tmp_path, monkeypatch):
    from kg import validate

    out = tmp_path / "out"
    first = build([pages], out, jobs=1, html=False)
    kept = json.loads((out / ".cache" / "shacl.json").read_text(encoding="utf-8"))
    assert (kept["conforms"], kept["violations"]) == (True, 0)
    assert (first["shacl"]["conforms"], first["shacl"]["violations"]) == (True, 0)
    calls = []
    real = validate.validate
    monkeypatch.setattr(validate, "validate", lambda data: calls.append(data) or real(data))
    assert build([pages], out, jobs=1, html=False)["shacl"] == first["shacl"]
    assert calls == []  # same sample, same shapes and code: pyshacl is not run again
    # a verdict kept for another sample is not taken for this one
    (out / ".cache" / "shacl.json").write_text(
        json.dumps({"key": "0" * 64, "conforms": False, "violations": 7}), encoding="utf-8")
    assert build([pages], out, jobs=1, html=False)["shacl"] == first["shacl"]
    assert len(calls) == 1
    # --no-cache keeps no verdict either
    build([pages], tmp_path / "fresh", jobs=1, html=False, use_cache=False)
    assert len(calls) == 2
