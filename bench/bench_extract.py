"""Per-article extraction speed against jieba's segmentation of the same text, in one process.

    python bench/bench_extract.py [--mb 2] [--seed 0] [--data data/] [--dump FILE]
    python bench/bench_extract.py --long 100000,400000

Generates ``--mb`` MB of corpus with ``gen_corpus.py`` (or reads the pages under ``--data``),
ingests it, then prints, warm (an untimed pass over 0.2 MB of other generated text first, so
lexicons, the gazetteer and jieba's dictionary are loaded, but nothing of the measured text is
cached; each timed run starts with the per-text caches emptied): characters per second of ``kg.pipeline.extract_all`` (mentions, entity
linking and relations; characters are those of the articles' normalised text), of
``jieba.lcut`` over the same article texts, and their ratio; and the one-time cost of loading
each part in a fresh process (imports, gazetteer, jieba's dictionary, OpenCC).

``--dump FILE`` also writes every mention and fact, one per line, so two versions of the code
can be compared (``diff`` of the two dumps): an optimisation must leave it unchanged.

``--long 100000,400000`` instead times ONE article of each of these lengths (characters): the
lines of generated pages joined into a single line, as a file written without line breaks is
read (one line, one article). Equal chars/s at every length means the per-article work grows
linearly; a rate that falls as the article grows is work that grows faster (once, scans of
every earlier mention made a 5 M-character single-line file take over ten minutes).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import gen_corpus  # noqa: E402

from kg import ingest, pipeline  # noqa: E402
from kg.mentions import common, places  # noqa: E402

LOAD_STEPS = {  # what a fresh process pays once, each step timed after the previous ones
    "import kg.pipeline": "import kg.pipeline",
    "gazetteer": "from kg import gazetteer; gazetteer.load()",
    "lexicons": "from kg.mentions.common import _lexicons; _lexicons()",
    "jieba dictionary": "from kg.mentions.common import _jieba; _jieba()",
    "OpenCC": "from kg.ingest import _opencc; _opencc()",
    "first article": "from kg.pipeline import extract_all; from kg.ingest import read_file; "
                     "extract_all(read_file(sys.argv[1])[:1])",
}


TEXT_CACHES = (places._names_at, common._pos_tags, common._word_starts)


def _best(fn, repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``fn()``, in seconds, each after emptying the caches
    keyed by text (so a repeat does not find the measured text already read)."""
    times = []
    for _ in range(repeat):
        for cached in TEXT_CACHES:
            cached.cache_clear()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def load_costs() -> dict[str, float]:
    """Seconds of each step of :data:`LOAD_STEPS` in one fresh interpreter."""
    code = "import json, sys, time\nout = {}\n"
    for name, stmt in LOAD_STEPS.items():
        code += f"t = time.perf_counter()\n{stmt}\nout[{name!r}] = time.perf_counter() - t\n"
    code += "print(json.dumps(out))"
    import json

    sample = next(Path(__file__).resolve().parents[1].joinpath("data").glob("*.txt"))
    run = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True,
                         check=True)
    return json.loads(run.stdout)


def dump(results, path: Path) -> None:
    """Every mention and fact of ``results``, one repr per line, in extraction order."""
    with path.open("w", encoding="utf-8") as f:
        for r in results:
            f.write(f"# {r.article.id}\n")
            for m in r.mentions:
                f.write(f"M {m!r}\n")
            for fact in r.facts:
                f.write(f"F {fact!r}\n")


def long_article(size: int, seed: int, folder: Path) -> list:
    """One article of ``size`` characters: generated pages' lines joined into a single line."""
    gen_corpus.generate_corpus(folder, 3 * size + 100_000, seed)  # about 2.8 bytes a character
    lines = [line.strip() for page in sorted(folder.glob("*.txt"))
             for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]
    text = "".join(lines)[:size]
    articles = ingest.split_page(text + "\n", "long.txt")
    assert len(articles) == 1 and len(articles[0].text) == size, "not one article of that size"
    return articles


def time_long(sizes: list[int], seed: int, repeat: int) -> None:
    """Print chars/s of ``extract_all`` over one article of each size (see ``--long``)."""
    with tempfile.TemporaryDirectory() as tmp:
        gen_corpus.generate_corpus(Path(tmp) / "warm", 200_000, seed + 1000)
        pipeline.extract_all(ingest.read_inputs([Path(tmp) / "warm"]))
        for size in sizes:
            articles = long_article(size, seed, Path(tmp) / f"long-{size}")
            seconds = _best(lambda: pipeline.extract_all(articles), repeat)
            print(f"one article of {size:>9,} chars  extract_all {size / seconds:>10,.0f} chars/s"
                  f"  ({seconds:.2f} s)", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="size of the generated corpus (MB)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", type=Path, help="read these pages instead of generating")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs; the best is reported")
    ap.add_argument("--dump", type=Path, help="write mentions and facts here")
    ap.add_argument("--long", metavar="SIZES",
                    help="comma-separated lengths: time one single-line article of each instead")
    args = ap.parse_args(argv)
    if args.long:
        time_long([int(n) for n in args.long.split(",")], args.seed, args.repeat)
        return 0

    import jieba

    with tempfile.TemporaryDirectory() as tmp:
        gen_corpus.generate_corpus(Path(tmp) / "warm", 200_000, args.seed + 1000)
        warm = ingest.read_inputs([Path(tmp) / "warm"])
        if args.data is None:
            gen_corpus.generate_corpus(Path(tmp) / "text", int(args.mb * 1_000_000), args.seed)
        articles = ingest.read_inputs([args.data or Path(tmp) / "text"])
    texts = [a.text for a in articles]
    chars = sum(map(len, texts))
    pipeline.extract_all(warm)
    if args.dump:
        dump(pipeline.extract_all(articles), args.dump)
    for t in texts[:5]:
        jieba.lcut(t)
    t_extract = _best(lambda: pipeline.extract_all(articles), args.repeat)
    t_jieba = _best(lambda: [jieba.lcut(t) for t in texts], args.repeat)
    source = args.data or f"generated {args.mb:g} MB, seed {args.seed}"
    print(f"text: {source}: {len(articles)} articles, {chars:,} characters")
    print(f"extract_all  {chars / t_extract:>12,.0f} chars/s  ({t_extract:.2f} s)")
    print(f"jieba.lcut   {chars / t_jieba:>12,.0f} chars/s  ({t_jieba:.2f} s)")
    print(f"ratio extract/jieba  {t_jieba / t_extract:.3f}")
    print("one-time costs in a fresh process:")
    for name, seconds in load_costs().items():
        print(f"  {name:<20} {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
