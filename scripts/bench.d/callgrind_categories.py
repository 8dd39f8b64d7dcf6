#!/usr/bin/env python3
"""Groups a callgrind profile of the core's disconnect + redeem loop by what the instructions
are spent on. Usage: callgrind_categories.py CALLGRIND_OUT PAIRS
(e.g. after `valgrind --tool=callgrind --callgrind-out-file=OUT CoreProfile pairs 200000`)."""
import re, subprocess, sys
path, pairs = sys.argv[1], int(sys.argv[2])
out = subprocess.run(['callgrind_annotate', '--threshold=100', '--auto=no', path], capture_output=True, text=True).stdout
start = out.index('file:function')
cats = [
 ('dictionaries (SipHash, probing, resizing)', r'Hasher|SS4hash|RawDictionaryStorage|NativeDictionary|SD8_Variant|_HashTable'),
 ('retain/release (strings, zone/shard objects)', r'swift_retain|swift_release|swift_bridgeObject|RefCounts|_swift_release_dealloc|isUniquelyReferenced'),
 ('token text/parse, string and heap allocation', r'RejoinToken|unsafeUninitializedCapacity|fromLargeUTF8|StringStorage|allocateStringStorage|malloc|free|swift_allocObject|swift_slowAlloc|swift_deallocObject|swift_slowDealloc|swift_deallocClassInstance|_allASCII|memcpy|memmove|memset'),
 ('id validation (NameRule)', r'NameRule|EnumeratedSequence'),
 ('shard picking (ShardPicker)', r'ShardPicker'),
 ('token vault (RecordTable, TokenVault)', r'RecordTable|TokenVault|TokenRecord'),
 ('deadline queues (DeadlineHeap)', r'DeadlineHeap'),
]
totals = {c: 0 for c, _ in cats}; other = 0; total = 0
for line in out[start:].splitlines()[2:]:
    m = re.match(r'\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)', line)
    if not m:
        if total: break
        continue
    n = int(m.group(1).replace(',', '')); name = m.group(2); total += n
    for c, rx in cats:
        if re.search(rx, name): totals[c] += n; break
    else: other += n
print("instructions per pair: %.0f" % (total / pairs))
for c, _ in cats: print("  %-48s %6.0f  (%4.1f%%)" % (c, totals[c] / pairs, 100 * totals[c] / total))
print("  %-48s %6.0f  (%4.1f%%)" % ('everything else (session logic, locks, receipts)', other / pairs, 100 * other / total))
