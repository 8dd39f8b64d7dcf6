#!/usr/bin/env python3
"""Reads the benchmark library's markdown output and prints one benchmark's rate per second:
1e9 / its median wall-clock time per (scaled) iteration. Usage: core_rate.py FILE NAME"""
import sys

path, name = sys.argv[1], sys.argv[2]
scale = {"ns": 1, "μs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}
current = None
for line in open(path, encoding="utf-8"):
    if line.startswith("#### "):
        current = line[5:].strip()
    elif current == name and line.startswith("| Time (wall clock)"):
        unit = line.split("(")[2].split(")")[0]
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        median = float(cells[3].replace(",", ""))  # columns: metric, p0, p25, p50, ...
        print("%.0f" % (1e9 / (median * scale[unit])))
        sys.exit(0)
sys.exit("no wall-clock row for %r in %s" % (name, path))
