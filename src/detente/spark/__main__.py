"""``python -m detente.spark INPUT... OUTPUT`` runs the Spark job (as ``detente spark``)."""

from .submit import main

main()
