"""Compare the rule-and-gazetteer entity finder with a statistical NER package (Baidu LAC).

Measures, on the sample page against its gold annotation (../shared/gold/seed), how many gold
entities each path names (recall), how many of the names it produces are gold names
(precision, names in the gold's ignore list not counted) and F1 — at the level of names, with
the scorer's normalisation, whatever the class. LAC is run in its own Python environment
(it needs paddlepaddle, about 0.9 GB; LAC 2.1 imports ``paddle.fluid``, which paddle 2.6
renamed ``paddle.base``, so the script aliases it — the compatibility shim):

    python3 -m venv /tmp/lacenv
    /tmp/lacenv/bin/pip install "setuptools<70" wheel
    /tmp/lacenv/bin/pip install --no-build-isolation lac "paddlepaddle==2.6.2"
    .venv/bin/python bench/ner_compare.py --lac-python /tmp/lacenv/bin/python

Prints one line per path; not a test.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold" / "seed"
STRIP = set("“”\"'‘’《》〈〉「」『』【】·•")

LAC_SCRIPT = r"""
import json, sys
import paddle, paddle.base  # LAC 2.1 imports paddle.fluid, renamed paddle.base in paddle 2.6
sys.modules["paddle.fluid"] = paddle.base
sys.modules["paddle.fluid.core"] = paddle.base.core
from LAC import LAC
lac = LAC(mode="lac")
out = []
for text in json.load(sys.stdin):
    words, tags = lac.run(text)
    out.append([[w, t] for w, t in zip(words, tags) if t in ("PER", "LOC", "ORG", "nr", "ns", "nt", "nz")])
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch not in STRIP and not ch.isspace()).lower()


def gold_names() -> tuple[dict[str, str], set[str]]:
    index, ignore = {}, set()
    for line in (GOLD / "entities.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            for name in [cols[0]] + (cols[2].split("|") if len(cols) > 2 and cols[2] else []):
                index[normalize(name)] = cols[0]
    for line in (GOLD / "ignore.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            ignore.add(normalize(line))
    return index, ignore


def score(names: set[str], index: dict[str, str], ignore: set[str]) -> dict:
    found = {index[n] for n in names if n in index}
    scored = {n for n in names if n not in ignore}
    correct = {n for n in scored if n in index}
    p = len(correct) / len(scored) if scored else 0.0
    r = len(found) / len(set(index.values()))
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "names": len(scored)}


def ours(texts: list) -> set[str]:
    sys.path.insert(0, str(ROOT))
    from kg.pipeline import extract_all

    names = set()
    for result in extract_all(texts):
        for m in result.mentions:
            names.add(normalize(m.label))
            names.add(normalize(m.surface))
    return names


def lac(python: str, texts: list[str]) -> set[str]:
    proc = subprocess.run([python, "-c", LAC_SCRIPT], input=json.dumps(texts, ensure_ascii=False),
                          capture_output=True, text=True, check=True)
    return {normalize(w) for spans in json.loads(proc.stdout) for w, _t in spans}


def made_up_sentences() -> list[tuple[str, str, bool]]:
    """(sentence, name, is an entity) from the made-up sentences of tests/test_mentions.py."""
    sys.path.insert(0, str(ROOT))
    from tests.test_mentions import CASES

    return [(p.values[0], p.values[1], bool(p.values[2])) for p in CASES]


def sentence_scores(found: list[set[str]], cases) -> dict:
    hit = sum(1 for names, (_t, name, pos) in zip(found, cases) if pos and normalize(name) in names)
    false = sum(1 for names, (_t, name, pos) in zip(found, cases) if not pos and normalize(name) in names)
    positives = sum(1 for c in cases if c[2])
    return {"entities named": f"{hit}/{positives}", "non-entities named": f"{false}/{len(cases) - positives}"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lac-python", help="python of an environment with LAC installed")
    args = ap.parse_args()
    if not GOLD.exists():
        print(f"no gold annotation at {GOLD}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from kg.ingest import read_inputs

    articles = read_inputs([ROOT / "data"])
    index, ignore = gold_names()
    t0 = time.perf_counter()
    mine = ours(articles)
    print(f"rules+gazetteer  {json.dumps(score(mine, index, ignore))}  "
          f"{time.perf_counter() - t0:.1f} s")
    cases = made_up_sentences()
    from kg.model import Article

    per_sentence = []
    for i, (text, _n, _p) in enumerate(cases):
        per_sentence.append(ours([Article(id=f"s-{i}", source=f"s{i}", text=text, year=2024)]))
    print(f"  made-up sentences: {json.dumps(sentence_scores(per_sentence, cases), ensure_ascii=False)}")
    if args.lac_python:
        lac_sentences = [set() for _ in cases]
        proc = subprocess.run([args.lac_python, "-c", LAC_SCRIPT],
                              input=json.dumps([c[0] for c in cases], ensure_ascii=False),
                              capture_output=True, text=True, check=True)
        lac_sentences = [{normalize(w) for w, _t in spans} for spans in json.loads(proc.stdout)]
        t0 = time.perf_counter()
        theirs = lac(args.lac_python, [a.text for a in articles])
        print(f"LAC              {json.dumps(score(theirs, index, ignore))}  "
              f"{time.perf_counter() - t0:.1f} s (model load included)")
        print(f"  made-up sentences: "
              f"{json.dumps(sentence_scores(lac_sentences, cases), ensure_ascii=False)}")
        both = mine | theirs
        print(f"union            {json.dumps(score(both, index, ignore))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
