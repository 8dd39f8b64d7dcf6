#!/usr/bin/env python3
"""Creates COUNT zones named PREFIX-0000.. (three phases each) in a live reconnectd, with a
disconnect, an event and a reconnect in each so that every series has values.

Usage: zones.py URL ADMIN_TOKEN COUNT [PREFIX]
"""
import http.client
import json
import sys
import urllib.parse

url, admin, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
prefix = sys.argv[4] if len(sys.argv) > 4 else "zone"
target = urllib.parse.urlsplit(url)
connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
headers = {"Authorization": "Bearer " + admin, "Content-Type": "application/json"}


def call(method, path, body, expected):
    connection.request(method, path, json.dumps(body) if body is not None else None, headers)
    response = connection.getresponse()
    answer = response.read().decode()
    if response.status not in expected:
        sys.exit("%s %s answered %d: %s" % (method, path, response.status, answer))
    return json.loads(answer) if answer else None


settings = {"grace_seconds": 60, "phase_grace_seconds": {"lobby": 90, "mid_round": 45, "match_point": 30}}
for index in range(count):
    zone = "%s-%04d" % (prefix, index)
    call("PUT", "/v1/zones/" + zone, settings, (200, 201))
    receipt = call("POST", "/v1/zones/%s/disconnects" % zone, {"room_id": "r-1", "player_id": "p-1", "phase": "lobby"}, (201,))
    call("POST", "/v1/zones/%s/rooms/r-1/events" % zone, {"type": "chat", "payload": {"n": index}}, (201,))
    call("POST", "/v1/zones/%s/reconnects" % zone, {"room_id": "r-1", "player_id": "p-1", "token": receipt["token"]}, (200,))
print("created %d zones" % count)
