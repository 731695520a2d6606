"""`python -m benchmarks [--scale town|province|national] [--repeat N]`: measure, print, write RESULTS.md.

Each scale runs in fresh processes (`benchmarks.run_scale`) with that scale's environment, so
the cold start is a real one and one scale's caches never help another.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from benchmarks.fill import scale_dir, scale_env
from benchmarks.machine import Machine, load_average
from benchmarks.report import markdown, update
from benchmarks.synthetic import SCALES
from settings import ROOT

RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def _step(scale: str, step: str, options: list[str], env: dict[str, str]) -> tuple[dict, float]:
    """One step of one scale in its own process; its JSON, or {"error": …} with the end of its log."""
    folder = scale_dir(SCALES[scale])
    folder.mkdir(parents=True, exist_ok=True)
    out, log = folder / f"{step}.result.json", folder / f"{step}.log"  # fill.json is the cache
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    with open(log, "wb") as fh:
        done = subprocess.run([sys.executable, "-m", "benchmarks.run_scale", scale, step, str(out), *options],
                              cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or not out.exists():
        tail = log.read_text(errors="replace").strip().splitlines()[-3:]
        return {"error": f"exit {done.returncode}: {' / '.join(tail)}"[:400]}, elapsed
    return json.loads(out.read_text()), elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", action="append", choices=list(SCALES),
                        help="a scale to run (repeatable); default: all three")
    parser.add_argument("--repeat", type=int, default=5, help="warm page runs and loader repetitions (median)")
    parser.add_argument("--workbooks", type=int, default=240, help="workbook files for the loader benchmark")
    parser.add_argument("--no-browser", action="store_true", help="skip the real server and browser figures")
    parser.add_argument("--pages", help="url paths of the pages to run, comma separated (default: every page)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the databases even if cached")
    parser.add_argument("--latest-year", action="store_true",
                        help="compare the stored frames of the latest year only (a quick run)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the Markdown file to update")
    args = parser.parse_args(argv)
    scales = args.scale or list(SCALES)
    machine = Machine.now()
    load_start = load_average()
    print(f"{machine.cpus} CPUs, {machine.memory_gb} GB, {machine.cpu_model}; load {load_start}", flush=True)
    runs: dict[str, dict] = {}
    for scale in scales:
        env = {**os.environ, **scale_env(SCALES[scale])}
        env.pop("DP_DB", None)
        env.pop("DP_ARCHIVE", None)
        run: dict = {"load": {}}
        common = ["--repeat", str(args.repeat), "--workbooks", str(args.workbooks)]
        pages = ["--pages", args.pages] if args.pages else []
        steps = [("fill", ["--rebuild"] if args.rebuild else []), ("app", common + pages), ("after_load", pages),
                 ("identical", ["--latest-year"] if args.latest_year else []),
                 ("loader", common)]
        if not args.no_browser:
            steps.append(("browser", ["--upload"] if scale == "town" else []))
        for step, options in steps:
            print(f"{scale}: {step}…", flush=True)
            run[step], elapsed = _step(scale, step, options, env)
            run["load"][step] = load_average()
            print(f"{scale}: {step} done in {elapsed:.0f} s, load {run['load'][step]}"
                  + (f" — {run[step]['error']}" if "error" in run[step] else ""), flush=True)
            if step == "fill" and "error" in run[step]:
                break
        runs[scale] = run
    block = markdown(asdict(machine), load_start, load_average(), runs,
                     "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:]))
    print(block)
    update(args.results, block)
    print(f"\n{args.results} updated.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
