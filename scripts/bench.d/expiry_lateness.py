#!/usr/bin/env python3
"""Expiry lateness of a live reconnectd: deadline -> counted expired, seen from outside.

Registers COUNT disconnects spread over SPREAD seconds in ZONE (whose window should be short,
1 s), noting each session's expires_at. Meanwhile another connection scrapes /metrics every
POLL seconds and notes when reconnection_expirations_total{zone=ZONE} reaches each value. The
k-th deadline (in order) is counted expired when the counter first reads k or more; the
lateness is that moment minus the deadline. The poll interval bounds how early a count can be
seen, so figures are upper bounds by up to POLL plus one scrape.

Usage: expiry_lateness.py URL SERVER_TOKEN ZONE [COUNT] [SPREAD] [POLL]
Prints: lateness_ms p50=.. p90=.. p99=.. max=.. n=..
"""
import datetime
import http.client
import re
import sys
import threading
import time
import urllib.parse

url, token, zone = sys.argv[1], sys.argv[2], sys.argv[3]
count = int(sys.argv[4]) if len(sys.argv) > 4 else 5000
spread = float(sys.argv[5]) if len(sys.argv) > 5 else 5.0
poll = float(sys.argv[6]) if len(sys.argv) > 6 else 0.01
target = urllib.parse.urlsplit(url)
series = re.compile(r'^reconnection_expirations_total\{zone="%s"\} (\d+)' % re.escape(zone), re.M)


def connect():
    return http.client.HTTPConnection(target.hostname, target.port, timeout=30)


def expirations(connection):
    connection.request("GET", "/metrics")
    response = connection.getresponse()
    body = response.read().decode()
    found = series.search(body)
    return int(found.group(1)) if found else 0


def parse_time(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()


samples = []  # (wall time after the scrape answered, counter)
stop = threading.Event()


def scraper():
    connection = connect()
    while not stop.is_set():
        value = expirations(connection)
        samples.append((time.time(), value))
        time.sleep(poll)


baseline = expirations(connect())
thread = threading.Thread(target=scraper, daemon=True)
thread.start()
connection = connect()
headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
deadlines = []
started = time.monotonic()
for index in range(count):
    due = started + spread * index / count
    pause = due - time.monotonic()
    if pause > 0:
        time.sleep(pause)
    body = '{"room_id":"lat-%d","player_id":"p-%d"}' % (index % 500, index)
    connection.request("POST", "/v1/zones/%s/disconnects" % zone, body, headers)
    response = connection.getresponse()
    answer = response.read().decode()
    if response.status != 201:
        sys.exit("disconnect answered %d: %s" % (response.status, answer))
    deadlines.append(parse_time(re.search(r'"expires_at":"([^"]+)"', answer).group(1)))

# Wait (bounded) until every session is counted expired, or 30 s past the last deadline.
limit = max(deadlines) + 30
while time.time() < limit and (not samples or samples[-1][1] - baseline < count):
    time.sleep(0.05)
stop.set()
thread.join()

deadlines.sort()
lateness = []
cursor = 0
for k, deadline in enumerate(deadlines, start=1):
    while cursor < len(samples) and samples[cursor][1] - baseline < k:
        cursor += 1
    if cursor == len(samples):
        sys.exit("only %d of %d sessions were counted expired" % (k - 1, count))
    lateness.append(max(0.0, samples[cursor][0] - deadline) * 1000)
lateness.sort()


def percentile(q):
    return lateness[min(len(lateness) - 1, int(q * len(lateness)))]


print("lateness_ms p50=%.1f p90=%.1f p99=%.1f max=%.1f n=%d poll_ms=%.0f"
      % (percentile(0.5), percentile(0.9), percentile(0.99), lateness[-1], len(lateness), poll * 1000))
