"""What detente.ties exports is its public surface; everything else is internal."""

from __future__ import annotations

from detente import ties


def test_the_ties_package_exports_exactly_its_public_functions():
    assert sorted(ties.__all__) == [
        "Comparison",
        "EXPORT_FORMATS",
        "MergeResult",
        "blocs",
        "build_report",
        "change_points",
        "compare_datasets",
        "dyad_series",
        "export_events",
        "merge_new_events",
        "network",
        "partners",
        "pending_reports",
        "reports_of",
        "shifts",
        "tie_index",
        "top_events",
        "write_comparison_chart",
        "write_report",
        "write_tie_chart",
    ]
    for name in ties.__all__:
        assert getattr(ties, name).__doc__, f"{name} needs a docstring"


def test_the_ties_commands_have_help():
    from typer.testing import CliRunner

    import detente.cli.cmd_ties  # noqa: F401
    from detente.cli import app

    runner = CliRunner()
    for command in (
        "merge",
        "ties",
        "partners",
        "shifts",
        "network",
        "export",
        "report",
        "compare",
    ):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert "--db" in result.output
