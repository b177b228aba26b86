"""Compare the rule-and-gazetteer entity finder with a statistical NER package (Baidu LAC).

Measures, on the sample page against its gold annotation (../shared/gold/seed), how many gold
entities each path names (recall), how many of the names it produces are gold names
(precision, names in the gold's ignore list not counted) and F1 — at the level of names, with
the scorer's normalisation, whatever the class. LAC is run in its own Python environment
(it needs paddlepaddle, about 0.9 GB, and paddlepaddle < 2.6 for ``paddle.fluid``):

    python3 -m venv /tmp/lacenv
    /tmp/lacenv/bin/pip install "setuptools<70" wheel
    /tmp/lacenv/bin/pip install --no-build-isolation lac "paddlepaddle==2.5.2"
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
    if args.lac_python:
        t0 = time.perf_counter()
        theirs = lac(args.lac_python, [a.text for a in articles])
        print(f"LAC              {json.dumps(score(theirs, index, ignore))}  "
              f"{time.perf_counter() - t0:.1f} s (model load included)")
        both = mine | theirs
        print(f"union            {json.dumps(score(both, index, ignore))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
