"""The case app's figures for the reporting rounds and the strategy's indicators
(core.registry.register_figure, when the shell has it)."""


def register() -> None:
    try:
        from binhdang.core.registry import Figure, register_figure  # noqa: F401
    except ImportError:
        return
    from .statistics import FIGURES

    for figure in FIGURES():
        register_figure(figure)
