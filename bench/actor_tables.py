"""What the built-in actor dictionaries (Phoenix) cost a worker: start-up time and memory.

    PYTHONPATH=src python bench/actor_tables.py [--runs 5]

Each measurement runs in a fresh process: import the actor lexicon and build it, with the
built-in dictionaries and without, and report the wall and CPU time of building it and the
process's peak resident memory (CPU time is the steadier figure on a shared machine). ``all cues made`` also makes the cue of every phrase of the dictionaries
(an upper bound: a real worker makes only those its texts hold). Medians over ``--runs``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = """
import json, resource, time
import spacy.lang.en  # imported before timing: every worker has it already
from detente.actors.lexicon import Lexicon
started, cpu = time.perf_counter(), time.process_time()
lexicon = Lexicon(phoenix={phoenix})
built, built_cpu = time.perf_counter() - started, time.process_time() - cpu
if {all_cues} and lexicon.phoenix is not None:
    for key in list(lexicon.phoenix.phrases):
        lexicon.phoenix.cues(key)
print(json.dumps({{"seconds": built, "cpu": built_cpu,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

VARIANTS = {
    "detente's tables only": (False, False),
    "with the built-in dictionaries": (True, False),
    "with them, all cues made": (True, True),
}


def measure(phoenix: bool, all_cues: bool) -> dict[str, float]:
    code = CHILD.format(phoenix=phoenix, all_cues=all_cues)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("| lexicon | build wall time | build CPU time | peak RSS |")
    print("|---|---:|---:|---:|")
    for label, (phoenix, all_cues) in VARIANTS.items():
        runs = [measure(phoenix, all_cues) for _ in range(args.runs)]
        seconds = statistics.median(r["seconds"] for r in runs)
        cpu = statistics.median(r["cpu"] for r in runs)
        peak = statistics.median(r["peak_mb"] for r in runs)
        print(f"| {label} | {seconds:.2f} s | {cpu:.2f} s | {peak:.0f} MB |")


if __name__ == "__main__":
    main()
