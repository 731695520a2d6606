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


def cpu_parts(extra_pids: tuple[int, ...] = ()) -> tuple[float, float]:
    """(user, kernel) CPU time of this process, its reaped children, and the live processes `extra_pids`."""
    own = os.times()
    user, kernel = own.user + own.children_user, own.system + own.children_system
    for pid in extra_pids:
        pid_user, pid_kernel = process_cpu(pid)
        user, kernel = user + pid_user, kernel + pid_kernel
    return user, kernel


def process_cpu(pid: int) -> tuple[float, float]:
    """(user, kernel) CPU time of the live process `pid` so far; (0, 0) when it is gone."""
    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.Error:
        return 0.0, 0.0
    return times.user, times.system


@dataclass
class Timing:
    """Wall and CPU seconds of one measured block, with the load average around it."""

    wall: float
    cpu: float
    load: float  # 1-minute load average when the block ended
    kernel: float = 0.0  # the part of `cpu` spent in the kernel (files made and synced, pipes, memory)


def timed(block: Callable[[], object], extra_pids: Callable[[], tuple[int, ...]] = tuple) -> tuple[Timing, object]:
    pids = extra_pids()
    (user0, kernel0), wall0 = cpu_parts(pids), time.perf_counter()
    result = block()
    wall = time.perf_counter() - wall0
    user1, kernel1 = cpu_parts(pids + tuple(p for p in extra_pids() if p not in pids))
    kernel = kernel1 - kernel0
    return Timing(wall, user1 - user0 + kernel, round(os.getloadavg()[0], 1), kernel), result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
