"""The command line, in-process: exact output, exit statuses, untouched outputs on failure."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import RDFS, Graph

from kg.cli import main
from kg.namespaces import KG

from .conftest import DATA

SAMPLE = DATA / "000_238ca3ace6f4ed21.txt"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def earlier_output(tmp_path):
    """An output folder holding the outputs of an earlier run (here: marker files)."""
    out = tmp_path / "out"
    out.mkdir()
    for name in ("graph.ttl", "graph.trig", "graph.html", "report.json"):
        (out / name).write_text(f"earlier {name}", encoding="utf-8")
    return out


def _untouched(out) -> bool:
    return all((out / name).read_text(encoding="utf-8") == f"earlier {name}"
               for name in ("graph.ttl", "graph.trig", "graph.html", "report.json")) \
        and sorted(p.name for p in out.iterdir()) == \
        ["graph.html", "graph.trig", "graph.ttl", "report.json"]


@pytest.mark.parametrize("make_input, message", [
    (lambda d: d / "missing.txt", "no such file or folder"),
    (lambda d: _write(d / "empty.txt", b""), "empty file"),
    (lambda d: _write(d / "blank.txt", "  \n\n ".encode()), "holds only whitespace"),
    (lambda d: _write(d / "image.txt", bytes(range(256)) * 8), "binary"),
])
def test_bad_input_is_one_line_and_status_2_with_outputs_untouched(
        runner, tmp_path, earlier_output, make_input, message):
    path = make_input(tmp_path)
    result = runner.invoke(main, ["build", str(path), "--out", str(earlier_output), "-q"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and message in lines[0]
    assert "Traceback" not in result.output
    assert _untouched(earlier_output)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b" \t\r\n\n  ", "holds only whitespace"),
    ("\u3000\n\u3000\n".encode(), "holds only whitespace"),  # ideographic spaces
])
def test_one_bad_file_is_said_once(runner, tmp_path, monkeypatch, data, reason):
    """Without -q the failed file has its line and the error only counts it (it said the
    same line twice); with -q the error line gives the reason."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "blank.txt").write_bytes(data)
    result = runner.invoke(main, ["build", "ws/blank.txt", "--out", "out"])
    assert result.exit_code == 2
    assert result.stderr == (f"kg: failed ws/blank.txt: {reason}\n"
                             "kg: error: nothing to build: 1 file failed (see above)\n")
    result = runner.invoke(main, ["build", "ws", "--out", "out", "-q"])
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: ws/blank.txt: {reason}\n"
    assert not (tmp_path / "out").exists()


def test_several_bad_inputs_are_counted_after_their_lines(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(b"")
    (tmp_path / "in" / "b.txt").write_bytes(b"  \n")
    result = runner.invoke(main, ["build", "in", "missing.txt", "--out", "out"])
    assert result.exit_code == 2
    assert result.stderr == ("kg: skipped missing.txt: no such file or folder\n"
                             "kg: failed in/a.txt: empty file\n"
                             "kg: failed in/b.txt: holds only whitespace\n"
                             "kg: error: nothing to build: 1 input skipped, 2 files failed "
                             "(see above)\n")
    result = runner.invoke(main, ["build", "in", "missing.txt", "--out", "out", "-q"])
    assert result.stderr == ("kg: error: nothing to build: 1 input skipped, 2 files failed "
                             "(first: missing.txt: no such file or folder)\n")


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16-le", "utf-16-be"])
def test_gb18030_or_utf16_copy_builds_the_same_graph(runner, tmp_path, encoding):
    """UTF-16 without a byte order mark failed as a binary file (fresh-user trial)."""
    utf8_dir, gb_dir = tmp_path / "utf8", tmp_path / "gb"
    utf8_dir.mkdir()
    gb_dir.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (utf8_dir / SAMPLE.name).write_bytes(text.encode("utf-8"))
    (gb_dir / SAMPLE.name).write_bytes(text.encode(encoding))
    for folder in (utf8_dir, gb_dir):
        result = runner.invoke(main, ["build", str(folder), "--out", str(folder / "out"), "-q",
                                      "--no-html"])
        assert result.exit_code == 0, result.output
    a = Graph().parse(utf8_dir / "out" / "graph.ttl")
    b = Graph().parse(gb_dir / "out" / "graph.ttl")
    assert len(a) > 1500
    assert set(a) == set(b)


def test_build_reports_progress_and_writes_outputs(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(DATA), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "kg: ingest: 8 articles" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == \
        [".cache", "graph.html", "graph.trig", "graph.ttl", "report.json"]
    assert len(list((out / ".cache").glob("*.pkl"))) == 1  # one cached result per input file
    assert (out / ".cache" / "shacl.json").is_file()  # and the last SHACL verdict
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["entities_per_class"]["District"] >= 4


def test_query_and_validate_on_a_built_graph(runner, sample_build):
    graph = str(sample_build / "graph.ttl")
    result = runner.invoke(main, ["query", "queries/partners.rq", "--data", graph,
                                  "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "屯留区" in result.output and "北京市东城区" in result.output
    result = runner.invoke(main, ["validate", graph])
    assert result.exit_code == 0
    assert result.output.startswith("conforms: yes")


def test_validate_fails_with_status_1_on_a_violation(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix kg: <https://w3id.org/kg-news/ontology#> .\n"
                   "<https://w3id.org/kg-news/id/place/x> a kg:District .\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith("conforms: no")


def test_query_on_a_missing_graph_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(main, ["query", "queries/partners.rq", "--data",
                                  str(tmp_path / "none.ttl")])
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: ")


@pytest.mark.parametrize("command", ["build", "query", "validate", "viz", "stats"])
def test_every_command_explains_itself(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_out_that_is_a_file_is_refused_before_any_work(runner, tmp_path):
    target = tmp_path / "graph.txt"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(main, ["build", str(DATA), "--out", str(target), "-q"])
    assert result.exit_code == 2
    assert "exists and is not a folder" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


def test_no_html_removes_the_stale_page_of_an_earlier_build(runner, earlier_output):
    result = runner.invoke(main, ["build", str(SAMPLE), "--out", str(earlier_output), "-q",
                                  "--no-html"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in earlier_output.iterdir()) == \
        [".cache", "graph.trig", "graph.ttl", "report.json"]


def test_writing_where_no_folder_is_a_clear_error(runner, sample_build, tmp_path):
    result = runner.invoke(main, ["viz", str(sample_build / "graph.ttl"), "--out",
                                  str(tmp_path / "missing" / "page.html")])
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: {tmp_path / 'missing' / 'page.html'}: " \
                            f"{tmp_path / 'missing'} does not exist\n"
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    under_a_file = tmp_path / "a-file" / "page.html"
    result = runner.invoke(main, ["viz", str(sample_build / "graph.ttl"), "--out",
                                  str(under_a_file)])
    assert result.stderr == f"kg: error: {under_a_file}: {tmp_path / 'a-file'} is not a folder\n"
    result = runner.invoke(main, ["build", str(SAMPLE), "--out", str(tmp_path / "a-file" / "o")])
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: {tmp_path / 'a-file' / 'o'}: " \
                            f"{tmp_path / 'a-file'} is not a folder\n"
    result = runner.invoke(main, ["validate", str(tmp_path / "nowhere")])
    assert result.stderr == f"kg: error: {tmp_path / 'nowhere'}: no such file\n"


@pytest.mark.parametrize("name", ["graph.ttl", "page.txt"])
def test_viz_never_writes_over_a_graph_or_a_non_html_name(runner, tmp_path, sample_build, name):
    graph = tmp_path / "graph.ttl"
    graph.write_bytes((sample_build / "graph.ttl").read_bytes())
    result = runner.invoke(main, ["viz", str(graph), "--out", str(tmp_path / name)])
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: --out {tmp_path / name}: name an .html file " \
                            "(the page is HTML)\n"
    assert graph.read_bytes() == (sample_build / "graph.ttl").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_viz_page_is_readable_by_others_and_names_classes_in_chinese(runner, sample_build,
                                                                      tmp_path):
    out = tmp_path / "people.html"
    result = runner.invoke(main, ["viz", str(sample_build / "graph.ttl"), "--out", str(out),
                                  "--classes", "人物"])  # the ontology's @zh label of Person
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o044 == 0o044  # not the 0600 of a temporary file
    assert "wrote" in result.stderr and "(20 of 126 entities" in result.stderr


@pytest.mark.parametrize("options, message", [
    (["--focus", "东城", "--hops", "1", "--classes", "Hospital"],
     "--classes Hospital leaves out the --focus entity 北京市东城区 (District)"),
    (["--focus", "屯留区", "--classes", "Person"],
     "--classes Person leaves out the --focus entity 屯留区 (District)"),
    (["--classes", "Person", "--predicates", "partnerOf"],
     "--predicates partnerOf: no such relation between two entities of --classes Person"),
])
def test_viz_that_leaves_nothing_to_draw_fails_and_writes_no_page(runner, sample_build,
                                                                 tmp_path, options, message):
    """A page with 0 of 127 entities was written, exit status 0 and a warning (fresh-user
    trial): the error names the option that left nothing."""
    out = tmp_path / "p.html"
    result = runner.invoke(main, ["viz", str(sample_build / "graph.ttl"), "--out", str(out),
                                  *options])
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: nothing to draw: {message}\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("hops", ["2", "1"])
def test_viz_hops_without_focus_is_a_usage_error(runner, sample_build, tmp_path, hops):
    """--hops without --focus was silently ignored; even the default value, given, is refused."""
    result = runner.invoke(main, ["viz", str(sample_build / "graph.ttl"), "--out",
                                  str(tmp_path / "p.html"), "--hops", hops])
    assert result.exit_code == 2
    assert result.stderr == "kg: error: --hops needs --focus\n"
    assert list(tmp_path.iterdir()) == []


def test_viz_focus_on_a_name(runner, sample_build, sample_graph, tmp_path):
    out = tmp_path / "tunliu.html"
    result = runner.invoke(main, ["viz", str(sample_build / "graph.ttl"), "--out", str(out),
                                  "--focus", "屯留", "--hops", "1", "--predicates",
                                  "合作伙伴,visited", "--size-by", "betweenness"])
    assert result.exit_code == 0, result.output
    # counted straight from the RDF: 屯留区 and what it partners with or visits, either way
    tunliu = next(s for s, o in sample_graph.subject_objects(RDFS.label) if str(o) == "屯留区")
    pairs = {(s, o) for p in (KG.partnerOf, KG.visited) for s, o in sample_graph.subject_objects(p)}
    near = {tunliu} | {o for s, o in pairs if s == tunliu} | {s for s, o in pairs if o == tunliu}
    edges = {frozenset((s, o)) for s, o in pairs if s in near and o in near}
    report = json.loads((sample_build / "report.json").read_text(encoding="utf-8"))
    assert result.stderr.startswith("kg: 未显示 ")  # the page's notes, then what was written
    assert result.stderr.endswith(f"kg: wrote {out} ({len(near)} of {report['html']['entities']} "
                             f"entities, {len(edges)} of {report['html']['relations']} "
                             "relations, layout by physics)\n")
    html = out.read_text(encoding="utf-8")
    assert "按 --focus 屯留 --hops 1 --predicates 合作伙伴,visited --max-nodes 1000" in html


def test_viz_focus_naming_no_entity(runner, sample_build, tmp_path):
    out = tmp_path / "page.html"
    result = runner.invoke(main, ["viz", str(sample_build / "graph.ttl"), "--out", str(out),
                                  "--focus", "东城X"])
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: --focus 东城X: no entity has this name; "
                                    "near matches: ")
    assert "北京市东城区" in result.stderr and not out.exists()


def test_viz_default_max_nodes_is_the_one_in_help(runner):
    from kg.viz import DEFAULT_MAX_NODES

    help_text = runner.invoke(main, ["viz", "--help"]).output
    assert f"[default: {DEFAULT_MAX_NODES}]" in " ".join(help_text.split())


@pytest.mark.parametrize("args, message", [
    (["--graph", "urn:x"], "--graph needs --endpoint"),
    (["--store", "d", "--endpoint", "http://127.0.0.1:1/query"],
     "--store and --endpoint exclude each other"),
])
def test_query_options_that_do_not_go_together_are_usage_errors(runner, tmp_path, args,
                                                                  message):
    """They exited with status 1, as if the query had failed, not 2 like other usage errors
    (fresh-user trial)."""
    result = runner.invoke(main, ["query", "queries/partners.rq", *args])
    assert result.exit_code == 2
    assert result.stderr == f"kg: error: {message}\n"
    assert result.stdout == ""


@pytest.mark.parametrize("command", [
    ["query", "queries/partners.rq", "--endpoint", "http://127.0.0.1:1/query"],
    ["push", "graph.ttl", "--endpoint", "http://127.0.0.1:1/query"],
])
@pytest.mark.parametrize("seconds", ["0", "-1"])
def test_a_timeout_that_is_not_positive_is_a_usage_error(runner, command, seconds):
    """A timeout of 0 made the socket non-blocking, a negative one was passed on to urllib;
    the request was tried (4 times) either way."""
    result = runner.invoke(main, [*command, "--timeout", seconds])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == \
        f"Error: Invalid value for '--timeout': {float(seconds)} is not in the range x>0."


def test_query_where_no_graph_was_built_says_how_to_get_one(runner, tmp_path, monkeypatch):
    """Run from a folder without out/graph.ttl, the default --data gave only "no such file"."""
    query = str(DATA.parent / "queries" / "partners.rq")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["query", query])
    assert result.exit_code == 2
    assert result.stderr == "kg: error: out/graph.ttl: no such file (build it first with " \
                            "kg build INPUTS --out out, or give --data FILE)\n"
    # --data given (even the same path): the user named the file, no advice
    result = runner.invoke(main, ["query", query, "--data", "out/graph.ttl"])
    assert result.exit_code == 2
    assert result.stderr == "kg: error: out/graph.ttl: no such file\n"


def test_validate_help_says_the_default_shapes_are_the_shipped_ones(runner):
    """"[default: ontology/shapes.ttl]" read as a path from the current folder."""
    help_text = " ".join(runner.invoke(main, ["validate", "--help"]).output.split())
    assert "SHACL shapes file [default: the shipped ontology/shapes.ttl, whatever the " \
           "current folder]." in help_text


@pytest.mark.parametrize("command", [["validate"], ["stats"], ["viz", "--out", "x.html"],
                                     ["push", "--endpoint", "http://127.0.0.1:1/query"]])
def test_a_truncated_graph_gets_the_same_line_and_column_from_every_command(
        runner, tmp_path, monkeypatch, command):
    """kg validate (and kg push: both parse with rdflib) said "cannot parse as turtle: string
    index out of range" where kg stats said "Parser error at line 2 column 14 ..." (fresh-user
    trial)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cut.ttl").write_text('@prefix ex: <http://e/> .\nex:a ex:b "x"@',
                                      encoding="utf-8")  # cut off after the @ of a language tag
    result = runner.invoke(main, [command[0], "cut.ttl", *command[1:]])
    assert result.exit_code == 2
    assert result.stderr == "kg: error: cut.ttl: cannot parse as turtle: Parser error at line 2 " \
                            "column 14: Unexpected end of file (cut.ttl, line 2)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cut.ttl"]
