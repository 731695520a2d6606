"""Loads at the same time, as the app and the CLI make them: two threads of one process (Streamlit
serves every user from a thread) and a second process. All land; a reader never sees half a load."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from database.db import cursor
from etl.loading.batch import load_files
from settings import Settings
from tests.support import ROOT
from tests.support.loads import unit_set

SETS = {  # unit names per load; each load is one write session, so a reader sees a set whole or not at all
    "thread-1": ("Phổ Vinh", "Phổ Minh", "Phổ An"),
    "thread-2": ("Phổ Thạnh", "Phổ Khánh", "Phổ Châu"),
    "process": ("Phổ Cường", "Phổ Quang", "Phổ Nhơn"),
}
UNIT_IDS = {"thread-1": {"21466-2015", "21463-2015", "21442-2015"},
            "thread-2": {"21478-2015", "21475-2015", "21481-2015"},
            "process": {"21472-2015", "21454-2015", "21457-2015"}}
HALF_A_LOAD = """
    SELECT count(*) FROM submissions s
    WHERE NOT EXISTS (SELECT 1 FROM member_figures m WHERE m.unit_id = s.unit_id AND m.year = s.year)
       OR NOT EXISTS (SELECT 1 FROM cells c WHERE c.unit_id = s.unit_id AND c.year = s.year)
       OR (SELECT count(*) FROM load_history h WHERE h.unit_id = s.unit_id AND h.year = s.year) = 0
"""


class Reader(threading.Thread):
    """Reads the published database in a loop, as a page would, recording anything inconsistent."""

    def __init__(self, cfg: Settings):
        super().__init__(daemon=True)
        self.cfg, self.stop, self.reads, self.seen, self.broken = cfg, threading.Event(), 0, [], []

    def run(self) -> None:
        while not self.stop.is_set():
            con = cursor(self.cfg)
            units = {u for (u,) in con.execute("SELECT unit_id FROM submissions").fetchall()}
            if con.execute(HALF_A_LOAD).fetchone()[0]:
                self.broken.append("a submission without its rows")
            partial = [name for name, ids in UNIT_IDS.items() if 0 < len(ids & units) < len(ids)]
            if partial:
                self.broken.append(f"part of load {partial}")
            self.seen.append(len(units))
            self.reads += 1


def test_two_threads_and_a_process_load_at_once(empty_env, tmp_path):
    cfg = empty_env
    base = unit_set(tmp_path / "base", "Gốc", ("Phổ Hòa",))
    load_files([(p.name, p.read_bytes()) for p in base.iterdir()], cfg)
    folders = {name: unit_set(tmp_path / name, f"Người lập {name}", units) for name, units in SETS.items()}
    reader = Reader(cfg)
    reader.start()
    results: dict[str, list] = {}

    def load(name: str) -> None:
        results[name] = load_files([(p.name, p.read_bytes()) for p in sorted(folders[name].iterdir())], cfg,
                                   loaded_by=name)

    threads = [threading.Thread(target=load, args=(name,)) for name in ("thread-1", "thread-2")]
    process = subprocess.Popen([sys.executable, "-m", "etl", "load", str(folders["process"]), "--quiet"], cwd=ROOT,
                               env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    out, err = process.communicate(timeout=240)
    reader.stop.set()
    reader.join(timeout=60)
    assert process.returncode == 0, err[-2000:]
    assert [r.outcome for name in ("thread-1", "thread-2") for r in results[name]] == ["nạp mới"] * 6
    assert reader.broken == [] and reader.reads > 5
    assert reader.seen == sorted(reader.seen)  # loads only ever add whole sets: never a step back
    con = cursor(cfg)
    units = {u for (u,) in con.execute("SELECT unit_id FROM submissions").fetchall()}
    assert units == {"21469-2015"}.union(*UNIT_IDS.values())
    assert con.execute("SELECT count(*) FROM load_history").fetchone()[0] == 10
    assert con.execute(HALF_A_LOAD).fetchone()[0] == 0
