"""Charts from data (population, approval timeline) drawn with matplotlib (Agg backend).

Through ``Figure``/``FigureCanvasAgg`` (no pyplot, no global state), imported only when such a chart is
asked for. Determinism: rcParams are reset to matplotlib's defaults inside an ``rc_context`` (a user's
matplotlibrc cannot change the picture), the PNG is written with ``metadata={"Software": None}`` (no
version, no time stamp), and the layout depends on the model only."""

from __future__ import annotations

import io

from integconcept.render.chart_graph import drawable
from integconcept.render.chart_layout import _PT_PER_CM, DEFAULT_WIDTH_CM


_DPI = 200
_FONT = "DejaVu Sans"


def _figure(width_pt: float, height_pt: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_pt / 72, height_pt / 72), dpi=_DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width_pt)
    axes.set_ylim(height_pt, 0)
    axes.axis("off")
    return figure, axes


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return buffer.getvalue()


class _Style:
    """matplotlib's defaults plus our font, whatever the user's matplotlibrc says."""

    def __enter__(self):
        import matplotlib

        self._context = matplotlib.rc_context()
        self._context.__enter__()
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(
            {
                "font.family": "sans-serif",
                "font.sans-serif": [_FONT],
                "svg.hashsalt": "integconcept",
                "path.simplify": True,
                "text.parse_math": False,
                "text.usetex": False,
            }
        )
        return self

    def __exit__(self, *exc):
        return self._context.__exit__(*exc)


def _population_alt(title: str, rows: list[tuple[str, int]], source: str, style: str) -> str:
    from integconcept.core.german import number

    parts = [f"{name}: {number(total, thousands=style)}" for name, total in rows]
    return f"Balkendiagramm „{title}“ (Quelle: {source}). Einwohner je Gemeinde: " + "; ".join(parts) + "."


def _draw_population(rows: list[tuple[str, int]], style: str) -> bytes:
    from matplotlib.ticker import FuncFormatter

    from integconcept.core.german import number

    def format_int(value: int) -> str:
        return number(value, thousands=style)

    width = DEFAULT_WIDTH_CM * _PT_PER_CM
    height = 24.0 + 14.0 * len(rows)
    with _Style():
        figure, _ = _figure(width, height)
        figure.clear()
        axes = figure.add_axes((0.28, 18 / height, 0.62, 1 - 24 / height))
        names = [drawable(name, 40) for name, _ in rows][::-1]
        values = [total for _, total in rows][::-1]
        bars = axes.barh(range(len(values)), values, color="#1f4e79", height=0.6)  # equal names stay apart
        axes.set_yticks(range(len(values)))
        axes.set_yticklabels(names)
        axes.tick_params(labelsize=7)
        axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_int(int(v))))
        axes.spines[["top", "right"]].set_visible(False)
        for bar, value in zip(bars, values):
            axes.text(
                bar.get_width(), bar.get_y() + bar.get_height() / 2, " " + format_int(value), va="center", fontsize=6.5
            )
        axes.set_xlim(0, max(values) * 1.15 if values and max(values) > 0 else 1)
        return _png(figure)


def _purpose_label(purpose) -> str:
    from integconcept.document.labels import label

    return label(purpose)


def _timeline_alt(title: str, steps) -> str:
    parts = [f"{date.german()}: {body} ({purpose})" for date, body, purpose in steps]
    return f"Zeitleiste „{title}“ mit {len(steps)} Schritten: " + "; ".join(parts) + "."


def _draw_timeline(steps) -> bytes:
    import matplotlib.dates as mdates

    width = DEFAULT_WIDTH_CM * _PT_PER_CM
    row = 13.0
    height = 30.0 + row * len(steps)
    with _Style():
        figure, _ = _figure(width, height)
        figure.clear()
        axes = figure.add_axes((0.47, 22 / height, 0.50, 1 - 28 / height))
        labels = []
        for index, (date, body, _purpose) in enumerate(steps):
            start = mdates.date2num(date.start)
            end = mdates.date2num(date.end) + 1
            y = len(steps) - 1 - index
            if date.is_exact:
                axes.plot([start + 0.5], [y], marker="o", markersize=4, color="#1f4e79")
            else:
                axes.barh(
                    [y], [end - start], left=[start], height=0.4, color="#9dc3e6", edgecolor="#1f4e79", linewidth=0.6
                )
            when = date.start.strftime("%d.%m.%Y") if date.is_exact else date.german()
            labels.append(f"{when}  {_short(drawable(body), 40)}")
        axes.set_yticks(range(len(steps)))
        axes.set_yticklabels(labels[::-1], fontsize=6.5)
        first = min(mdates.date2num(d.start) for d, _, _ in steps)
        last = max(mdates.date2num(d.end) + 1 for d, _, _ in steps)
        margin = max(3.0, (last - first) * 0.04)
        axes.set_xlim(first - margin, last + margin)
        axes.set_ylim(-0.7, len(steps) - 0.3)
        locator: mdates.DateLocator
        if last - first <= 800:
            locator = mdates.MonthLocator(interval=max(1, int((last - first) // 240) + 1))
        else:
            locator = mdates.YearLocator(base=max(1, int((last - first) / 365 / 8) + 1))
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(FuncFormatterMonths())
        axes.tick_params(axis="x", labelsize=6.5)
        axes.grid(axis="x", color="#d9d9d9", linewidth=0.5)
        axes.spines[["top", "right"]].set_visible(False)
        return _png(figure)


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def FuncFormatterMonths():  # noqa: N802 (a factory that reads like the formatter it returns)
    """German month labels ("Jul 2012") without relying on the process locale."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    months = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]

    def label(value, _pos):
        day = mdates.num2date(value)
        return f"{months[day.month - 1]} {day.year}"

    return FuncFormatter(label)
