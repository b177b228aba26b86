"""How fast ``kg build`` reads a newspaper archive, against the floor any jieba-based pipeline
pays (jieba's own segmentation), and how it scales. Not a test: it prints figures.

    python bench/bench_build.py                    # 1, 10 and 100 MB of text (long)
    python bench/bench_build.py --sizes 1,10       # a quicker look
    python bench/bench_build.py --sizes 1 --work /tmp/kg-bench --keep

For each size it makes a corpus with ``bench/gen_corpus.py`` (pages of about 20 KB; kept in
``--work`` and reused by later runs) and prints:

* ``kg build`` end to end (a fresh process, empty cache, all cores) in characters/s;
* ``jieba.lcut`` alone over the same text, one process, after initialisation, in characters/s,
  and the ratio of the two (target: end to end at least half of jieba);
* the peak memory of the build: the largest PSS sum of the build's process tree (the main
  process and its workers; shared pages counted once), sampled every 0.1 s, and the largest
  single process (``getrusage(RUSAGE_CHILDREN)``) (target: under 2 GB at 100 MB), in a run of
  the same build just before the timed one: sampling costs about 10% of a build on 2 cores,
  so no timed run samples;
* an incremental rebuild after one article changes, as a share of the full build (target:
  under 10%);
* the number of distinct entities and of triples.

Then the speed-up of ``--jobs 2`` over ``--jobs 1`` at 10 MB (or the largest size below it;
target 1.7x), the growth of time from 10 to 100 MB (target: within 11x) and the fixed costs of
a build (interpreter and imports, loading the gazetteer and lexicons).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MB = 1_000_000


def corpus(work: Path, mb: float, seed: int) -> tuple[Path, list[Path]]:
    """The corpus of ``mb`` MB in ``work`` (generated once, then reused)."""
    folder = work / f"corpus-{mb:g}MB-seed{seed}"
    done = folder / ".complete"
    if not done.exists():
        sys.path.insert(0, str(HERE))
        try:
            from gen_corpus import generate_corpus
        except ImportError:
            sys.exit("bench_build: bench/gen_corpus.py is missing (it makes the corpora)")
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        t0 = time.perf_counter()
        generate_corpus(folder, int(mb * MB), seed)
        done.write_text("", encoding="utf-8")
        print(f"  generated {mb:g} MB in {time.perf_counter() - t0:.0f} s", flush=True)
    return folder, sorted(folder.glob("*.txt"))


def characters(files: list[Path]) -> int:
    return sum(len(f.read_text(encoding="utf-8")) for f in files)


def jieba_seconds(files: list[Path]) -> float:
    """Seconds jieba.lcut takes over the files' text, one file at a time, after initialise."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    total = 0.0
    for f in files:
        text = f.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        jieba.lcut(text)
        total += time.perf_counter() - t0
    return total


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def run_build(args: list[str], sample: bool = False) -> tuple[float, int, int]:
    """Run ``kg build ARGS`` in a fresh process: (seconds, peak PSS of its process tree in
    bytes, peak RSS of its largest process in bytes). The memory is measured only with
    ``sample`` (else 0, 0): reading every process's ``smaps_rollup`` ten times a second costs
    about 10% of a 10 MB build on 2 cores, so timed runs do not sample."""
    peak = [0]
    cmd = [sys.executable, "-m", "kg", "build", *args, "-q"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd)
    stop = threading.Event()

    def sampling() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], sum(_pss_kb(p) for p in _tree(proc.pid)))
            stop.wait(0.1)

    sampler = threading.Thread(target=sampling, daemon=True)
    if sample:
        sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - t0
    stop.set()
    if sample:
        sampler.join()
    if code != 0:
        sys.exit(f"bench_build: {' '.join(cmd)} failed with status {code}")
    if not sample:
        return seconds, 0, 0
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, peak[0] * 1024, (largest if largest > before else 0) * 1024


def fixed_costs() -> tuple[float, float]:
    """Seconds to start Python and import kg's command line; seconds to load the gazetteer,
    lexicons and jieba's dictionary (kg.pipeline.warm_up), each in a fresh process."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import kg.cli, kg.pipeline"], check=True)
    start = time.perf_counter() - t0
    code = ("import time, kg.pipeline as p; t = time.perf_counter(); p.warm_up(); "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return start, float(out.stdout.split()[-1])


def touch_one_article(files: list[Path]) -> None:
    """Change one article: a sentence added to the middle file of the corpus."""
    victim = files[len(files) // 2]
    with open(victim, "a", encoding="utf-8") as f:
        f.write("\n本报讯 屯留区教育局组织教师赴北京市东城区培训学习。\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,10,100", help="MB of text, comma-separated")
    ap.add_argument("--work", type=Path, default=None,
                    help="folder for corpora and outputs [default: a temporary folder]")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="--jobs of the full builds [default: all cores]")
    ap.add_argument("--keep", action="store_true", help="keep the outputs in --work")
    opts = ap.parse_args(argv)
    sizes = [float(s) for s in opts.sizes.split(",") if s.strip()]
    work = opts.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"kg build benchmark: {os.cpu_count()} cores, jobs {opts.jobs}, work {work}", flush=True)
    start, warm = fixed_costs()
    rows = []
    for mb in sizes:
        print(f"{mb:g} MB:", flush=True)
        folder, files = corpus(work, mb, opts.seed)
        chars = characters(files)
        out = work / f"out-{mb:g}MB"
        shutil.rmtree(out, ignore_errors=True)
        # the build sampled for its memory first (getrusage's largest process is the largest
        # so far, and this run's must not hide behind the timed one's), then timed
        sampled = work / f"memory-{mb:g}MB"
        shutil.rmtree(sampled, ignore_errors=True)
        _s, pss, rss = run_build([str(folder), "--out", str(sampled), "--jobs", str(opts.jobs)],
                                 sample=True)
        shutil.rmtree(sampled, ignore_errors=True)
        seconds = run_build([str(folder), "--out", str(out), "--jobs", str(opts.jobs)])[0]
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        jieba_s = jieba_seconds(files)
        touched = work / f"touched-{mb:g}MB"
        shutil.rmtree(touched, ignore_errors=True)
        shutil.copytree(folder, touched)
        changed = sorted(touched.glob("*.txt"))
        touch_one_article(changed)
        again = run_build([str(touched), "--out", str(out), "--jobs", str(opts.jobs),
                           "--cache", str(out / ".cache")])[0]
        # the first build's cache sits in out/.cache and is keyed by content: only the
        # changed file is extracted again
        rebuilt = json.loads((out / "report.json").read_text(encoding="utf-8"))
        row = dict(mb=mb, files=len(files), chars=chars, seconds=seconds, cps=chars / seconds,
                   jieba=chars / jieba_s, pss=pss, rss=rss, incremental=again / seconds,
                   extracted=rebuilt["files"]["extracted"], entities=report["entities"],
                   triples=report["triples"], stages=report["seconds"])
        rows.append(row)
        print(f"  {chars:,} characters in {len(files)} files: build {seconds:.1f} s "
              f"({row['cps']:,.0f} chars/s), jieba {row['jieba']:,.0f} chars/s, "
              f"peak {pss / 2**20:,.0f} MB PSS ({rss / 2**20:,.0f} MB largest process), "
              f"rebuild {again:.1f} s ({row['extracted']} file extracted), "
              f"{row['entities']:,} entities, {row['triples']:,} triples", flush=True)
        print(f"  stages (s): {report['seconds']}", flush=True)
        if not opts.keep:
            shutil.rmtree(touched, ignore_errors=True)
    small = [r for r in rows if r["mb"] <= 10]
    speedup = None
    if small:
        base = max(small, key=lambda r: r["mb"])
        folder, _files = corpus(work, base["mb"], opts.seed)
        timings = {}
        for jobs in (1, 2):
            out = work / f"jobs{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            timings[jobs] = run_build([str(folder), "--out", str(out), "--jobs", str(jobs),
                                       "--no-cache", "--no-html"])[0]
            shutil.rmtree(out, ignore_errors=True)
        speedup = (base["mb"], timings[1], timings[2])

    print()
    print("size  files  characters    build s  build chars/s  jieba chars/s  ratio  "
          "peak MB  rebuild  entities   triples")
    for r in rows:
        print(f"{r['mb']:>4g}  {r['files']:>5}  {r['chars']:>10,}  {r['seconds']:>9.1f}  "
              f"{r['cps']:>13,.0f}  {r['jieba']:>13,.0f}  {r['cps'] / r['jieba']:>5.2f}  "
              f"{r['pss'] / 2**20:>7,.0f}  {r['incremental']:>6.1%}  {r['entities']:>8,}  "
              f"{r['triples']:>8,}")
    print()
    print(f"fixed costs: start Python and import kg {start:.2f} s; load gazetteer, lexicons "
          f"and jieba {warm:.2f} s (once per worker process)")
    if speedup:
        mb, one, two = speedup
        print(f"--jobs 2 over --jobs 1 at {mb:g} MB: {one:.1f} s / {two:.1f} s = "
              f"{one / two:.2f}x (target 1.7x)")
    by_mb = {r["mb"]: r for r in rows}
    if 10 in by_mb and 100 in by_mb:
        growth = by_mb[100]["seconds"] / by_mb[10]["seconds"]
        print(f"100 MB / 10 MB time: {growth:.1f}x (target within 11x); entities "
              f"{by_mb[100]['entities'] / by_mb[10]['entities']:.1f}x, peak memory "
              f"{by_mb[100]['pss'] / by_mb[10]['pss']:.1f}x")
    for r in rows:
        verdicts = [f"ratio {r['cps'] / r['jieba']:.2f} (target >= 0.5)",
                    f"rebuild {r['incremental']:.1%} (target < 10%)"]
        if r["mb"] >= 100:
            verdicts.append(f"peak {r['pss'] / 2**30:.2f} GB (target < 2 GB)")
        print(f"{r['mb']:g} MB: " + "; ".join(verdicts))
    if not opts.keep and opts.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
