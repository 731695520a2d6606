"""The hostile-file corpus (tests/hostile.py) through the loader in-process and through the CLI:
every file is rejected with Vietnamese problems naming it, both processes survive, and the
database and the archive are exactly as before."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter

from etl.loading.archive import Archive
from etl.loading.batch import load_files
from tests.support import ROOT
from tests.support.hostile import corpus
from tests.support.loads import snapshot

SUMMARY = ROOT / "test-output" / "hostile-corpus.txt"
VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def test_every_hostile_file_is_rejected_clearly_and_nothing_changes(sample_env, tmp_path):
    started = time.monotonic()
    cases = corpus(tmp_path / "work")
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, data, _, _ in cases:
        (folder / name).write_bytes(data)
    assert len(cases) >= 40 and len({name for name, *_ in cases}) == len(cases)
    before = snapshot(sample_env)
    manifest = Archive(sample_env.archive_dir).manifest.read_bytes()
    generated = time.monotonic()

    results = load_files([(name, data) for name, data, _, _ in cases], sample_env)
    unclear = []
    for (name, _, _, needle), result in zip(cases, results, strict=True):
        problems = result.problems
        if (result.ok or not problems or any(p.file != name for p in problems)
                or not VIETNAMESE & set(" ".join(p.expected for p in problems))
                or (needle and not any(needle in p.expected for p in problems))):
            unclear.append((name, result.outcome, [str(p) for p in problems[:2]]))
    assert unclear == []
    assert snapshot(sample_env) == before
    in_process = time.monotonic()

    cli = subprocess.run([sys.executable, "-m", "etl", "load", str(folder), "--quiet"], cwd=ROOT,
                         env=dict(os.environ), capture_output=True, text=True, timeout=300)
    assert cli.returncode == 1, cli.stderr[-2000:]
    assert f"Tổng: 0 tệp nạp được, {len(cases)} tệp bị từ chối." in cli.stdout
    assert [name for name, *_ in cases if f"{name}: bị từ chối" not in cli.stdout] == []
    assert snapshot(sample_env) == before
    assert Archive(sample_env.archive_dir).manifest.read_bytes() == manifest
    finished = time.monotonic()

    categories = Counter(category for _, _, category, _ in cases)
    lines = [f"Hostile corpus: {len(cases)} files, {sum(not r.ok for r in results)} rejected in-process, "
             f"{len(cases)} rejected by `python -m etl load` (exit {cli.returncode}); database unchanged.",
             *(f"  {category:<28} {count:>3} files, {count} rejected" for category, count in categories.items()),
             f"  time: generate {generated - started:.1f} s, load_files {in_process - generated:.1f} s, "
             f"CLI {finished - in_process:.1f} s"]
    print("\n".join(lines))
    SUMMARY.parent.mkdir(exist_ok=True)
    SUMMARY.write_text("\n".join(lines) + "\n", encoding="utf-8")
