"""Commands for scaling out: ``spark`` (code news on a Spark cluster) and ``load`` (into a store)."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import DbOption, JsonFlag, OutputFormat, app, console, print_rows
from ._options import (
    FieldOption,
    MaxSizeOption,
    ModelOption,
    PublishedOption,
    SourceOption,
    read_options,
)
from .cmd_import import FORMAT_NAMES, print_import_summary


@app.command("spark")
def spark_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders or globs to read (local, hdfs:// or s3a:// as Spark reads them); "
            "paths ending in .parquet are read as tables of records.",
            show_default=False,
        ),
    ],
    output: Annotated[
        str, typer.Argument(help="Folder to write the Parquet tables in.", show_default=False)
    ],
    master: Annotated[
        str | None,
        typer.Option(
            "--master",
            help="Spark master, e.g. local[2] or yarn (default: spark-submit's, else local[*]).",
        ),
    ] = None,
    partitions: Annotated[
        int | None,
        typer.Option("--partitions", help="Coding tasks (default: Spark's default parallelism)."),
    ] = None,
    input_format: Annotated[
        str,
        typer.Option(
            "--input-format",
            help="auto (by name), files (read every input as files) or parquet; or "
            f"{', '.join(FORMAT_NAMES)}: the inputs are that provider's event files, staged "
            "as `detente import` reads them (no coding).",
        ),
    ] = "auto",
    dataset: Annotated[
        str | None,
        typer.Option(
            "--dataset",
            help="With a provider's --input-format: the dataset to store the events as "
            "[default: the format's name].",
        ),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace what OUTPUT holds.")
    ] = False,
    registry_db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Code with the actor registry of this store (your corrections and imported "
            "dictionaries), as `detente ingest` does (default: the built-in actors only).",
        ),
    ] = None,
    model: ModelOption = None,
    published: PublishedOption = None,
    source: SourceOption = None,
    max_size: MaxSizeOption = 20.0,
    field: FieldOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Code news with Spark and write events (by month), articles and dyad tables as Parquet;
    or stage GDELT, ICEWS or POLECAT event files (--input-format gdelt|icews|polecat)."""
    from ..spark import spark_session
    from ..spark.job import registry_records, run_job

    if input_format in FORMAT_NAMES:
        _spark_import(input_format, inputs, output, master, dataset, partitions, overwrite, as_json)
        return
    options = read_options(max_size, published, source, field)
    registry = registry_records(registry_db) if registry_db else None
    spark = spark_session(master, app_name="detente spark")
    try:
        result = run_job(
            spark,
            inputs,
            output,
            model=model,
            options=options,
            input_format=input_format,
            partitions=partitions,
            overwrite=overwrite,
            registry_records=registry,
        )
    finally:
        spark.stop()
    if as_json:
        print_rows([result.to_dict()], OutputFormat.json)
        return
    console.print(
        f"[bold]{result.articles_read}[/] articles read ({result.duplicates} duplicates, "
        f"{result.skipped} inputs skipped): [bold]{result.events}[/] event reports from "
        f"{result.articles_coded} articles in {result.seconds:.1f} s, written to [bold]{output}[/]. "
        f"Load them with `detente load {output}`.",
        highlight=False,
        soft_wrap=True,
    )


def _spark_import(
    fmt: str,
    inputs: list[str],
    output: str,
    master: str | None,
    dataset: str | None,
    partitions: int | None,
    overwrite: bool,
    as_json: bool,
) -> None:
    from ..spark import spark_session
    from ..spark.import_job import run_import_job

    spark = spark_session(master, app_name="detente spark import")
    try:
        result = run_import_job(
            spark, fmt, inputs, output, dataset=dataset, partitions=partitions, overwrite=overwrite
        )
    finally:
        spark.stop()
    if as_json:
        print_rows([result.to_dict()], OutputFormat.json)
        return
    console.print(
        f"[bold]{result.rows}[/] {fmt} rows of {result.files} files staged as dataset "
        f"[bold]{result.dataset}[/] ({result.skipped} lines skipped) in {result.seconds:.1f} s, "
        f"written to [bold]{output}[/]. Store them with `detente load {output}`.",
        highlight=False,
        soft_wrap=True,
    )


@app.command("load")
def load_command(
    output: Annotated[
        str, typer.Argument(help="A folder written by `detente spark`.", show_default=False)
    ],
    db: DbOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Bring the Parquet output of `detente spark` into a store; articles already there are
    skipped (for provider event files: rows already stored, as `detente import` does)."""
    from ..spark import load_output
    from ..spark.load import is_dataset_output, load_dataset_output
    from ..store import Store

    if is_dataset_output(output):
        with Store(db) as store:
            imported = load_dataset_output(output, store)
        if as_json:
            print_rows([imported.to_dict()], OutputFormat.json)
        else:
            print_import_summary(imported)
        return
    with Store(db) as store:
        summary = load_output(output, store)
    if as_json:
        print_rows([summary.to_dict()], OutputFormat.json)
        return
    console.print(
        f"[bold]{summary.articles_read}[/] articles in {output}: [green]{summary.articles_new} new[/], "
        f"{summary.duplicates} already stored; [bold]{summary.events_stored}[/] event reports stored "
        f"({summary.merged_events} new merged events) in {summary.seconds:.1f} s.",
        highlight=False,
        soft_wrap=True,
    )
