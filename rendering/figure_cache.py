"""Figures made once per input: a warm page run rebuilds them from their dict, not through plotly.

Building a plotly figure validates every property it is given: 30–100 ms a chart, most of a
warm page run. The figure's validated properties, kept from the first build, make the same figure
again in a few milliseconds without validation. They are kept as the figure holds them
(`_figure_props`), not as `Figure.to_dict()` gives them: that writes every numeric array in
plotly.js's base64 form (`{"dtype", "bdata"}`), which a figure made from it then holds as its
values, so that code reading a trace's `y` (which points are drawn, the slides' layout) would read
a dict. Keyed by the chart function and its arguments (frames by their content) and the programme's levels
(a rate's label has more decimals near one: queries.rate_text), bounded; each call returns a new Figure, so a
caller may change it freely.
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

from queries.rate_text import rate_levels

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


def _figure_props(fig: go.Figure) -> dict:
    """What `fig.to_dict()` holds (traces, layout, frames) with the values as the figure holds them: numpy arrays
    stay arrays of their own dtype (each part's `to_plotly_json`; pickled below, so nothing is shared with `fig`)."""
    props = {"data": [trace.to_plotly_json() for trace in fig.data], "layout": fig.layout.to_plotly_json()}
    frames = [frame.to_plotly_json() for frame in fig.frames]
    return {**props, "frames": frames} if frames else props


def cached_figure(build: F) -> F:
    """`build`, made once per distinct arguments and levels of the programme (it must depend on them only)."""

    @functools.wraps(build)
    def made(*args: object, **kwargs: object) -> go.Figure | None:
        try:
            key = hashlib.blake2b(pickle.dumps((build.__module__, build.__qualname__, _fingerprint(args),
                                                _fingerprint(kwargs), rate_levels().values)), digest_size=20).digest()
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
            _figures[key] = pickle.dumps(_figure_props(fig), protocol=pickle.HIGHEST_PROTOCOL)
            while len(_figures) > MAX_FIGURES:
                _figures.popitem(last=False)
        return fig

    return made  # type: ignore[return-value]
