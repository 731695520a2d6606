"""Figures made once per input: a warm page run rebuilds them from their dict, not through plotly.

Building a plotly figure validates every property it is given: 30–100 ms a chart, most of a
warm page run. The figure's dict, kept from the first build, makes the same figure again in a
few milliseconds without validation. Keyed by the chart function and its arguments (frames by
their content), bounded; each call returns a new Figure, so a caller may change it freely.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go

MAX_FIGURES = 128
SCALARS = (str, int, float, bool, type(None))
F = TypeVar("F", bound=Callable[..., go.Figure | None])
_figures: OrderedDict[bytes, bytes] = OrderedDict()  # key → pickled figure dict
_lock = threading.Lock()


def _fingerprint(value: object) -> object:
    """A picklable stand-in for an argument: frames and series by their content."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        columns = tuple(value.columns) if isinstance(value, pd.DataFrame) else (value.name,)
        dtypes = tuple(map(str, value.dtypes)) if isinstance(value, pd.DataFrame) else (str(value.dtype),)
        return ("frame", columns, dtypes, pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes())
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, SCALARS) for v in value):  # a country's 10,000 unit ids: as they are
            return tuple(value)
        return tuple(_fingerprint(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _fingerprint(v)) for k, v in value.items())
    return value


def cached_figure(build: F) -> F:
    """`build`, made once per distinct arguments (it must depend on them only)."""

    @functools.wraps(build)
    def made(*args: object, **kwargs: object) -> go.Figure | None:
        try:
            key = hashlib.blake2b(pickle.dumps((build.__module__, build.__qualname__, _fingerprint(args),
                                                _fingerprint(kwargs))), digest_size=20).digest()
        except (TypeError, AttributeError, pickle.PicklingError):  # an argument without a fingerprint
            return build(*args, **kwargs)
        with _lock:
            known = _figures.get(key)
            if known is not None:
                _figures.move_to_end(key)
        if known is not None:
            return go.Figure(pickle.loads(known), _validate=False)
        fig = build(*args, **kwargs)
        if fig is None:  # nothing to draw: cheap to find out again
            return None
        with _lock:
            _figures[key] = pickle.dumps(fig.to_dict(), protocol=pickle.HIGHEST_PROTOCOL)
            while len(_figures) > MAX_FIGURES:
                _figures.popitem(last=False)
        return fig

    return made  # type: ignore[return-value]
