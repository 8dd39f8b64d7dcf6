#!/usr/bin/env python3
"""Durability of zone edits under SIGKILL, and under a state dir that cannot be written.

Usage: scripts/crash-durability.py PATH/TO/reconnectd [--rounds 20] [--zones 4] [--writers-per-zone 2] [--seed N]

Crash rounds, on one persistent state dir: start the daemon, let writer threads PUT and PATCH
several zones with distinct values (recording each 2xx with the zone it returned), SIGKILL the
daemon at a random moment, then check from the files and after a restart:
  - zones.json parses and the daemon starts (exit 2 would mean a torn or corrupt file);
  - every acknowledged change survived: each zone's version is at least the highest version
    acknowledged (or seen after an earlier restart); where it equals the highest acknowledged
    version, the zone is exactly what that acknowledgement returned; where it is higher, its
    values are those of a write that was in flight when the daemon died;
  - history.jsonl parses (a torn last line without its newline is allowed) and holds every
    acknowledged version with the same `after`.
Storage failures (these work as root, where permissions do not stop writes): `zones.json.tmp`
replaced by a symlink to /dev/full (ENOSPC) or into a missing directory (ENOENT), and
`history.jsonl` replaced by a symlink to /dev/full: each write answers 503 storage_unavailable
naming the file and the system error, the zone reads as before (also after a restart), the
daemon keeps serving, and once the obstacle is gone writes work again with the next version.

Prints one line per check and, last, `crash-durability: N passed, M failed`; exits 1 if any failed.
"""

import argparse
import http.client
import json
import os
import random
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hardening_support import (  # noqa: E402
    ADMIN, SERVER, Daemon, StartFailure, fresh_directory, remove_directory, request)


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.failures = []

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(name)
        print(f"{'PASS' if ok else 'FAIL'} {name}" + (f": {detail}" if detail else ""), flush=True)
        return ok


class Ledger:
    """What the clients know: per zone, every acknowledged representation (by version), the
    grace_seconds of every attempt that got no answer, and the lowest version a restart may show."""

    def __init__(self, zones):
        self.acked = {zone: {} for zone in zones}  # zone -> {version: representation}
        self.unanswered = {zone: set() for zone in zones}  # zone -> {grace_seconds}
        self.floor = {zone: 0 for zone in zones}
        self.gaps_seen = set()
        self.lock = threading.Lock()

    def acknowledge(self, zone, representation):
        with self.lock:
            self.acked[zone][representation["version"]] = representation
            self.floor[zone] = max(self.floor[zone], representation["version"])

    def lost_answer(self, zone, grace):
        with self.lock:
            self.unanswered[zone].add(grace)

    def newest(self, zone):
        versions = self.acked[zone]
        return versions[max(versions)] if versions else None


class Writer(threading.Thread):
    """Edits one zone until told to stop or the daemon dies under it."""

    def __init__(self, port, zone, ledger, values, rng, stop):
        super().__init__(daemon=True)
        self.port, self.zone, self.ledger, self.values, self.rng, self.stop = port, zone, ledger, values, rng, stop
        self.acks = 0
        self.unexpected = []

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            while not self.stop.is_set():
                grace = next(self.values)
                if self.rng.random() < 0.5:
                    method, body = "PUT", {"grace_seconds": grace, "phase_grace_seconds": {"lobby": grace % 600 + 1},
                                           "event_buffer_size": grace % 1000}
                else:
                    method, body = "PATCH", {"grace_seconds": grace}
                try:
                    status, _, _, document = request(self.port, method, f"/v1/zones/{self.zone}", ADMIN, body,
                                                     connection=connection)
                except ConnectionRefusedError:
                    return  # the daemon was already dead: this attempt never reached it
                except (OSError, http.client.HTTPException):
                    self.ledger.lost_answer(self.zone, grace)
                    return
                if status in (200, 201):
                    self.ledger.acknowledge(self.zone, document)
                    self.acks += 1
                elif status != 412:  # a PATCH that lost three races changes nothing
                    self.unexpected.append(f"{method} {status} {(document or {}).get('code')}")
                    self.stop.set()
        finally:
            connection.close()


def read_state_files(state):
    """zones.json and history.jsonl as the daemon left them; raises ValueError on corruption."""
    with open(os.path.join(state, "zones.json"), "rb") as file:
        zones = {zone["name"]: zone for zone in json.loads(file.read())["zones"]}
    history = {}
    torn = False
    path = os.path.join(state, "history.jsonl")
    data = open(path, "rb").read() if os.path.exists(path) else b""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    elif lines:
        torn = True  # a crash mid-append: the last line was never acknowledged
        lines.pop()
    for number, line in enumerate(lines, 1):
        try:
            entry = json.loads(line)
        except ValueError as error:
            raise ValueError(f"history.jsonl line {number} does not parse: {error}: {line[:120]!r}")
        history.setdefault(entry["zone"], {})[entry["version"]] = entry
    return zones, history, torn


def verify_files(report, label, state, ledger):
    try:
        zones, history, torn = read_state_files(state)
    except (OSError, ValueError, KeyError) as error:
        report.check(f"{label}: state files parse", False, str(error))
        return
    problems = []
    for zone, versions in ledger.acked.items():
        if not versions:
            continue
        stored = zones.get(zone)
        if stored is None:
            problems.append(f"{zone} missing from zones.json")
            continue
        if stored["version"] < ledger.floor[zone]:
            problems.append(f"{zone} is version {stored['version']} in zones.json, below acknowledged {ledger.floor[zone]}")
        missing = [v for v in versions if v not in history.get(zone, {})]
        if missing:
            problems.append(f"{zone}: acknowledged versions {missing[:5]} missing from history.jsonl")
        differing = [v for v, rep in versions.items() if v in history.get(zone, {}) and history[zone][v]["after"] != rep]
        if differing:
            problems.append(f"{zone}: history `after` differs from the acknowledgement at versions {differing[:5]}")
    report.check(f"{label}: zones.json and history.jsonl parse and hold every acknowledged change", not problems,
                 "; ".join(problems) or f"{sum(len(v) for v in ledger.acked.values())} acknowledged changes"
                 + (", torn history tail" if torn else ""))
    # A version in effect without its history line: a change that nobody was told about, that
    # the audit trail does not show, yet that a restart serves. Each gap is reported once.
    gaps = []
    for zone, stored in zones.items():
        for version in sorted(set(range(1, stored["version"] + 1)) - set(history.get(zone, {}))):
            if (zone, version) not in ledger.gaps_seen:
                ledger.gaps_seen.add((zone, version))
                gaps.append(f"{zone} v{version}")
    report.check(f"{label}: every version zones.json reached has its history.jsonl line", not gaps,
                 f"missing: {', '.join(gaps[:8])} (zones.json was replaced, then the daemon died before the history append)"
                 if gaps else "")


def verify_live(report, label, daemon, ledger):
    problems = []
    applied_unanswered = 0
    for zone in ledger.acked:
        status, _, _, current = request(daemon.port, "GET", f"/v1/zones/{zone}", SERVER)
        newest = ledger.newest(zone)
        if status == 404 and newest is None:
            continue
        if status != 200:
            problems.append(f"GET {zone} answered {status}")
            continue
        version = current["version"]
        if version < ledger.floor[zone]:
            problems.append(f"{zone} is version {version}, below acknowledged/seen {ledger.floor[zone]}")
        elif newest is not None and version == newest["version"]:
            if current != newest:
                problems.append(f"{zone} v{version} is {current}, acknowledged as {newest}")
        elif current["grace_seconds"] not in ledger.unanswered[zone]:
            problems.append(f"{zone} v{version} has grace_seconds {current['grace_seconds']}, "
                            f"neither acknowledged (newest v{newest and newest['version']}) nor in flight")
        else:
            applied_unanswered += 1
        ledger.floor[zone] = max(ledger.floor[zone], version)
    report.check(f"{label}: after restart every acknowledged change is served", not problems,
                 "; ".join(problems) or f"{applied_unanswered} zone(s) show a write whose answer was lost (allowed)")


def crash_rounds(report, binary, options, rng):
    work = fresh_directory("reconnectd-crash-")
    state = os.path.join(work, "state")
    zones = [f"crash-{i}" for i in range(options.zones)]
    ledger = Ledger(zones)
    counter = iter(range(1, 86_400))
    values_lock = threading.Lock()

    def values():
        while True:
            with values_lock:
                value = next(counter)
            yield value

    daemon = Daemon(binary, state, log_dir=work)
    try:
        for round_number in range(1, options.rounds + 1):
            label = f"round {round_number}"
            try:
                daemon.start()
            except StartFailure as failure:
                report.check(f"{label}: the daemon starts on the state it left", False, str(failure))
                return
            if round_number > 1:
                verify_live(report, label, daemon, ledger)
            else:
                for zone in zones:  # so that PATCH has something to patch
                    status, _, _, document = request(daemon.port, "PUT", f"/v1/zones/{zone}", ADMIN, {"grace_seconds": 30})
                    if status == 201:
                        ledger.acknowledge(zone, document)
                    else:
                        report.check(f"{label}: create {zone}", False, f"{status}")
            stop = threading.Event()
            writers = [Writer(daemon.port, zone, ledger, values(), random.Random(rng.random()), stop)
                       for zone in zones for _ in range(options.writers_per_zone)]
            for writer in writers:
                writer.start()
            time.sleep(rng.uniform(0.1, options.max_round_seconds))
            daemon.kill()
            stop.set()
            for writer in writers:
                writer.join(15)
            unexpected = [u for w in writers for u in w.unexpected]
            acks = sum(w.acks for w in writers)
            report.check(f"{label}: edits until SIGKILL", not unexpected and acks > 0,
                         f"{acks} acknowledged" + (f"; unexpected answers {unexpected[:5]}" if unexpected else "")
                         + ("" if acks else "; no edit was acknowledged before the kill"))
            verify_files(report, label, state, ledger)
        try:
            daemon.start()
        except StartFailure as failure:
            report.check("final restart", False, str(failure))
            return
        verify_live(report, "final", daemon, ledger)
        status = daemon.stop()
        report.check("final: SIGTERM exits 0", status == 0, f"exit {status}")
        verify_files(report, "final", state, ledger)
    finally:
        daemon.kill()
        remove_directory(work)


# --- storage failures

def storage_failures(report, binary):
    work = fresh_directory("reconnectd-storage-")
    state = os.path.join(work, "state")
    daemon = Daemon(binary, state, log_dir=work)
    try:
        daemon.start()
        put = request(daemon.port, "PUT", "/v1/zones/store", ADMIN, {"grace_seconds": 40})
        if not report.check("storage: set-up PUT", put[0] == 201, f"{put[0]}"):
            return
        obstacles = [
            ("zones.json.tmp -> /dev/full", "zones.json.tmp", "/dev/full", "zones.json", "No space left on device"),
            ("zones.json.tmp -> a missing directory", "zones.json.tmp", os.path.join(work, "missing", "dir", "file"),
             "zones.json", "No such file or directory"),
            ("history.jsonl -> /dev/full", "history.jsonl", "/dev/full", "history.jsonl", "No space left on device"),
        ]
        for name, victim, target, named_file, reason in obstacles:
            path = os.path.join(state, victim)
            aside = path + ".aside"
            if os.path.exists(path):
                os.rename(path, aside)
            os.symlink(target, path)
            try:
                before = storage_case(report, daemon, name, named_file, reason)
            finally:
                os.unlink(path)
                if os.path.exists(aside):
                    os.rename(aside, path)
            if before is None:
                return
            # A change answered 503 must stay undone after a crash too: the files must not hold it.
            daemon.kill()
            daemon.start()
            shown = request(daemon.port, "GET", "/v1/zones/store", SERVER)[3]
            report.check(f"storage: {name}: after SIGKILL and restart the zone is still version {before['version']}",
                         shown == before, "" if shown == before else f"shows {shown}")
            current = (shown if shown and "version" in shown else before)["version"]
            after = request(daemon.port, "PUT", "/v1/zones/store", ADMIN, {"grace_seconds": 41 + current % 100})
            ok = after[0] in (200, 201) and (after[3] or {}).get("version") == current + 1
            report.check(f"storage: {name}: obstacle removed, the next write works with the next version", ok,
                         f"{after[0]} version {(after[3] or {}).get('version')} (expected {current + 1})")
    except StartFailure as failure:
        report.check("storage: the daemon starts", False, str(failure))
    finally:
        daemon.kill()
        remove_directory(work)


def storage_case(report, daemon, name, named_file, reason):
    """Writes against the obstacle: all 503 storage_unavailable naming the file and the system
    error, nothing changes, the daemon keeps serving. Returns the zone as it was (None if the
    daemon died)."""
    problems = []
    before = request(daemon.port, "GET", "/v1/zones/store", SERVER)[3]
    attempts = [
        ("PUT", "/v1/zones/store", {"grace_seconds": 77}),
        ("PATCH", "/v1/zones/store", {"grace_seconds": 78}),
        ("PUT", "/v1/zones/store-new", {"grace_seconds": 79}),
        ("DELETE", "/v1/zones/store", None),
    ]
    answers = []
    for method, path, body in attempts:
        status, _, _, document = request(daemon.port, method, path, ADMIN, body)
        code = (document or {}).get("code")
        detail = (document or {}).get("detail", "")
        answers.append(f"{method} {status} {code}")
        if status != 503 or code != "storage_unavailable":
            problems.append(f"{method} {path} answered {status} {code}, not 503 storage_unavailable")
        elif named_file not in detail or reason not in detail:
            problems.append(f"{method}: detail {detail!r} does not name {named_file} and {reason!r}")
    if not daemon.alive():
        report.check(f"storage: {name}: writes fail cleanly", False, f"DAEMON DIED: {daemon.output()[-600:]}")
        return None
    after = request(daemon.port, "GET", "/v1/zones/store", SERVER)[3]
    if after != before:
        problems.append(f"the zone changed in memory: {before} -> {after}")
    if request(daemon.port, "GET", "/v1/zones/store-new", SERVER)[0] != 404:
        problems.append("the zone whose creation failed exists")
    served = [request(daemon.port, "GET", "/healthz")[0],
              request(daemon.port, "POST", "/v1/zones/store/disconnects", SERVER, {"room_id": "r", "player_id": "p"})[0]]
    if served != [200, 201]:
        problems.append(f"the data plane stopped: healthz/disconnect answered {served}")
    report.check(f"storage: {name}: writes answer 503 storage_unavailable, nothing changes, still serving", not problems,
                 "; ".join(problems) or ", ".join(answers))
    if after is not None:
        print(f"  detail of the 503: {detail!r}")
    return before


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--zones", type=int, default=4)
    parser.add_argument("--writers-per-zone", type=int, default=2)
    parser.add_argument("--max-round-seconds", type=float, default=1.2, help="longest time edits run before the kill")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    options = parser.parse_args()
    print(f"crash-durability: seed {options.seed}", flush=True)
    rng = random.Random(options.seed)
    report = Report()
    binary = os.path.abspath(options.binary)
    started = time.monotonic()
    crash_rounds(report, binary, options, rng)
    storage_failures(report, binary)
    if report.failures:
        print("failed checks:\n  " + "\n  ".join(report.failures))
    print(f"({time.monotonic() - started:.0f}s)")
    print(f"crash-durability: {report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
