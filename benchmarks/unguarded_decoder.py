"""`python -m benchmarks.unguarded_decoder`: the decoder process with its container guard passing every file.

For the loader benchmark's floor only (`benchmarks.loader.floor`): what a load costs when none of the checks,
the container guard and the archive costs anything. Never for the product: a file the guard would refuse can
make calamine allocate gigabytes or read a DOCTYPE.
"""

from __future__ import annotations

from collections.abc import Collection

from etl.reading import decoder
from settings import Settings


def passes(data: bytes, wanted: Collection[str], cfg: Settings | None = None) -> str | None:
    """`etl.reading.guard.inspect` refusing nothing."""
    return None


if __name__ == "__main__":
    decoder.inspect = passes
    decoder.serve()
