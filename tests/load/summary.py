"""Print the load script's results as a table: per audience and number of clients, each
page's p50/p95/p99, requests per second, errors and the ratio of its p95 to the trivial
page's p95 measured in the same run.

    python tests/load/summary.py RESULTS.tsv
"""

import csv
import sys


def main(path: str) -> None:
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((row["as"], row["clients"]), []).append(row)
    for (who, clients), group in groups.items():
        trivial = next((float(r["p95"]) for r in group if r["page"] == "trivial"), None)
        print(f"\n{who}, {clients} client(s):")
        print(
            f"  {'page':<15} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} {'req/s':>8} "
            f"{'requests':>8} {'errors':>6} {'p95/trivial':>11}"
        )
        for r in group:
            if int(r["requests"]) == 0:
                print(f"  {r['page']:<15} {'none completed in the run':>38} {r['errors']:>15}")
                continue
            p95 = float(r["p95"])
            ratio = f"{p95 / trivial:,.0f}x" if trivial else "-"
            print(
                f"  {r['page']:<15} {float(r['p50']):>9,.1f} {p95:>9,.1f} "
                f"{float(r['p99']):>9,.1f} {float(r['rps']):>8,.2f} {r['requests']:>8} "
                f"{r['errors']:>6} {ratio:>11}"
            )


if __name__ == "__main__":
    main(sys.argv[1])
