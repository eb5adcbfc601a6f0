"""The ``spark-submit`` entry point: the ``detente spark`` command, master from spark-submit.

    spark-submit --master yarn .../detente/spark/submit.py INPUT... OUTPUT [--overwrite]

Absolute imports only: spark-submit runs this file as a script, outside its package.
"""

import sys


def main() -> None:
    from detente.cli import cmd_spark  # noqa: F401  registers `spark` and `load`
    from detente.cli import main as cli_main

    sys.argv = ["detente", "spark", *sys.argv[1:]]
    cli_main()


if __name__ == "__main__":
    main()
