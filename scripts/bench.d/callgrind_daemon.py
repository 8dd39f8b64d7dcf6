#!/usr/bin/env python3
"""Splits a callgrind profile of a loaded reconnectd by where the instructions go, per request.
Usage: callgrind_daemon.py CALLGRIND_OUT REQUESTS
(e.g. after `valgrind --tool=callgrind --callgrind-out-file=OUT reconnectd ...` under wrk).
Note: valgrind counts each iteration of a `rep stosb` as an instruction, so memset's share is of
instructions, not of time; it is still work proportional to the bytes cleared."""
import re, subprocess, sys

path, requests = sys.argv[1], int(sys.argv[2])
out = subprocess.run(['callgrind_annotate', '--threshold=100', '--auto=no', path], capture_output=True, text=True).stdout
rows = []
for line in out[out.index('file:function'):].splitlines()[2:]:
    m = re.match(r'\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)', line)
    if not m:
        if rows: break
        continue
    rows.append((int(m.group(1).replace(',', '')), m.group(2)))
cats = [
    ('memset (libmicrohttpd clearing its connection pool)', lambda n: 'memset' in n),
    ('process start-up (loader, flags, state files)', lambda n: 'ld-linux' in n or 'swift-argument-parser' in n or 'dl-' in n),
    ('libmicrohttpd itself', lambda n: 'libmicrohttpd' in n),
    ('malloc/free (libc)', lambda n: 'malloc' in n),
    ('Swift runtime: retain/release, allocation', lambda n: re.search(r'swift_(retain|release|bridgeObject|alloc|dealloc|slowAlloc|slowDealloc|isUniquely)|RefCounts|_swift_release', n)),
    ('Swift code: MicroHTTP, ReconnectionAPI, core, stdlib strings and collections', lambda n: True),
]
totals = [0] * len(cats)
for count, name in rows:
    for index, (_, match) in enumerate(cats):
        if match(name):
            totals[index] += count
            break
total = sum(totals)
print('instructions in all: %d over %d requests' % (total, requests))
for (label, _), value in zip(cats, totals):
    per = value / requests if not label.startswith('process') else 0
    print('  %-78s %8.0f a request  (%4.1f%% of all)' % (label, per, 100 * value / total))
