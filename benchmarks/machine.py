"""The machine a figure was measured on, and the timing helpers every benchmark shares."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import psutil


@dataclass
class Machine:
    cpus: int  # nproc
    memory_gb: float
    cpu_model: str
    python: str
    date: str

    @staticmethod
    def now() -> Machine:
        model = platform.processor() or platform.machine()
        try:
            with open("/proc/cpuinfo") as info:
                model = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
        except (OSError, StopIteration):
            pass
        return Machine(os.cpu_count() or 0, round(psutil.virtual_memory().total / 2**30, 1), model,
                       platform.python_version(), datetime.now().isoformat(timespec="minutes"))


def load_average() -> tuple[float, float, float]:
    return tuple(round(x, 1) for x in os.getloadavg())


def cpu_seconds(extra_pids: tuple[int, ...] = ()) -> float:
    """CPU time of this process, its reaped children, and the live processes `extra_pids`."""
    own = os.times()
    total = own.user + own.system + own.children_user + own.children_system
    for pid in extra_pids:
        try:
            times = psutil.Process(pid).cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


@dataclass
class Timing:
    """Wall and CPU seconds of one measured block, with the load average around it."""

    wall: float
    cpu: float
    load: float  # 1-minute load average when the block ended


def timed(block: Callable[[], object], extra_pids: Callable[[], tuple[int, ...]] = tuple) -> tuple[Timing, object]:
    pids = extra_pids()
    cpu0, wall0 = cpu_seconds(pids), time.perf_counter()
    result = block()
    wall = time.perf_counter() - wall0
    cpu = cpu_seconds(pids + tuple(p for p in extra_pids() if p not in pids)) - cpu0
    return Timing(wall, cpu, round(os.getloadavg()[0], 1)), result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
