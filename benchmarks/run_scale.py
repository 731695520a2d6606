"""One scale's measurements in a process of their own: `python -m benchmarks.run_scale SCALE STEP OUT.json`.

The parent (`python -m benchmarks`) sets the scale's environment (settings: DP_VAR_DIR,
DP_UNITS_CSV) and runs the steps in this order, each in a fresh process: `fill` (only when no
database of this generator version exists), `app` (pages: the first run of this process is the
cold start), `after_load` (every page's first run after one workbook is loaded into a copy), `identical` (the
stored frames against the same computed on request),
`loader` (loader, references, one upload into the scale's database), `browser` (memory of a real
server; upload to chart at town scale).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from benchmarks.fill import cached_fill, fill_database
from benchmarks.synthetic import SCALES, YEARS


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scale", choices=SCALES)
    parser.add_argument("step", choices=("fill", "app", "after_load", "identical", "loader", "browser"))
    parser.add_argument("out", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workbooks", type=int, default=240)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--upload", action="store_true", help="also time upload to chart (browser step)")
    parser.add_argument("--pages", help="url paths of the pages to run, comma separated (default: all)")
    parser.add_argument("--latest-year", action="store_true", help="identical step: the latest year's frames only")
    args = parser.parse_args()
    scale = SCALES[args.scale]
    result: dict = {}
    if args.step == "fill":
        stats = None if args.rebuild else cached_fill(scale)
        result = {"cached": stats is not None, **asdict(stats or fill_database(scale))}
    elif args.step == "app":
        from benchmarks.pages import bench_pages

        result = asdict(bench_pages(args.repeat, args.pages.split(",") if args.pages else None))
    elif args.step == "after_load":
        from benchmarks.after_load import bench_after_load

        result = asdict(bench_after_load(scale, args.pages.split(",") if args.pages else None))
    elif args.step == "identical":
        from benchmarks.identical import bench_identical

        result = asdict(bench_identical(scale, args.latest_year))
    elif args.step == "loader":
        from benchmarks.loader import bench_loader, bench_store

        figures = bench_loader(scale, args.workbooks, args.repeat)
        result = {**asdict(figures), "loader_over_bare": figures.loader_over_bare,
                  "loader_cpu_over_bare": figures.loader_cpu_over_bare,
                  "checks_free_cpu_over_bare": figures.checks_free_cpu_over_bare,
                  "floor_cpu_over_bare": figures.floor_cpu_over_bare,
                  "openpyxl_over_loader": figures.openpyxl_over_loader, "store": asdict(bench_store(scale))}
    else:
        from benchmarks.server import bench_memory, bench_upload

        result = {"memory": asdict(bench_memory(scale))}
        if args.upload:
            result["upload"] = asdict(bench_upload(scale, YEARS[-1]))
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    main()
