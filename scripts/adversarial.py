#!/usr/bin/env python3
"""Hostile input against a live reconnectd: raw bytes that no client should send, slow and
flooding connections, and thousands of guessed tokens. The rule for every case: each response
is 4xx (or the connection closes without one); never 2xx for garbage, never 5xx; and after each
case the process is alive and GET /healthz answers 200.

Usage: scripts/adversarial.py PATH/TO/reconnectd [--only SUBSTRING] [--seed N] [--verbose]

Starts its own daemons on 127.0.0.1:0 (temporary state dirs); talks to 127.0.0.0/8 only
(Linux routes all of it to loopback, so a client bound to 127.0.0.2 is "another address").
Prints one line per case and, last, `adversarial: N passed, M failed`; exits 1 if any failed.
Every loop is bounded; the whole run takes about a minute.
"""

import argparse
import os
import random
import socket
import string
import struct
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ next to the scripts
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hardening_support import (  # noqa: E402
    ADMIN, ADMIN_TOKEN, SERVER, SERVER_TOKEN, Daemon, StartFailure, connect, exchange, fresh_directory,
    metric_sum, problem_code, remove_directory, request, scrape)

# Limits the dedicated daemons run with, small enough to reach in a test.
LIMIT_FLAGS = ["--max-connections", "24", "--max-connections-per-ip", "8", "--connection-timeout", "3"]
PER_IP_LIMIT = 8
GLOBAL_LIMIT = 24
IDLE_TIMEOUT = 3
DEFAULT_MAX_HEADER_BYTES = 16384
DEFAULT_FAILURES_PER_PLAYER = 5


class Case:
    """One raw-bytes case. `allow_2xx` names the RFC rule that lets a server accept the input
    (then only 5xx and crashes fail); `expect` narrows the acceptable statuses; `side_effect`
    is a zone whose creation would mean the garbage was acted on; `must_close` demands the
    server close the connection after an allowed 2xx; `allow_505` names the rule that makes
    505 the protocol's own answer (an unsupported HTTP version), not a server fault."""

    def __init__(self, name, data=None, pieces=None, pause=0.0, expect=None, expect_code=None, allow_2xx=None,
                 must_answer=False, must_close=False, side_effect=None, source=None, timeout=4.0, settle=0.4,
                 allow_505=None):
        self.name = name
        self.allow_505 = allow_505
        self.data = data
        self.pieces = pieces
        self.pause = pause
        self.expect = expect
        self.expect_code = expect_code
        self.allow_2xx = allow_2xx
        self.must_answer = must_answer
        self.must_close = must_close
        self.side_effect = side_effect
        self.source = source
        self.timeout = timeout
        self.settle = settle


def req(method, target, headers=(), body=b"", version=b"HTTP/1.1", host=True, eol=b"\r\n"):
    """Raw request bytes. `headers` is a list of (name, value) or raw header lines (bytes)."""
    def b(value):
        return value if isinstance(value, bytes) else str(value).encode()
    lines = [b(method) + b" " + b(target) + (b" " + version if version else b"")]
    if host:
        lines.append(b"Host: 127.0.0.1")
    for header in headers:
        lines.append(header if isinstance(header, bytes) else b(header[0]) + b": " + b(header[1]))
    return eol.join(lines) + eol + eol + b(body)


AUTH_ADMIN = ("Authorization", "Bearer " + ADMIN_TOKEN)
AUTH_SERVER = ("Authorization", "Bearer " + SERVER_TOKEN)
JSON = ("Content-Type", "application/json")
ZONE_BODY = b'{"grace_seconds": 45}'


def put_zone(zone, headers=(), body=ZONE_BODY, length=True, **kwargs):
    """A PUT that would create `zone` (201) if the server accepted it: the garbage is what is
    added to it, so a lenient server shows as a 2xx and a created zone."""
    fields = [AUTH_ADMIN, JSON] + list(headers)
    if length:
        fields.append(("Content-Length", len(body)))
    return req("PUT", f"/v1/zones/{zone}", fields, body, **kwargs)


def post(path, body, auth=None, **kwargs):
    """A POST with the server token (or `auth`), a JSON Content-Type and a right Content-Length."""
    return req("POST", path, [auth or AUTH_SERVER, JSON, ("Content-Length", len(body))], body, **kwargs)


def chunked(zone, chunks, extra_headers=()):
    fields = [AUTH_ADMIN, JSON, ("Transfer-Encoding", "chunked")] + list(extra_headers)
    return req("PUT", f"/v1/zones/{zone}", fields, chunks)


def nested(depth, opener="[", closer="]"):
    return (opener * depth + closer * depth).encode()


def raw_cases(rng):
    deep_array = nested(100_000)
    deep_object = ('{"a":' * 50_000 + "1" + "}" * 50_000).encode()
    huge_digits = b"9" * 600_000
    smuggled = put_zone("adv-smuggled")
    cases = [
        # --- request lines
        Case("request line: only CRLFs", b"\r\n" * 5),
        Case("request line: one word", b"GARBAGE\r\n\r\n"),
        Case("request line: method only", b"GET\r\n\r\n"),
        Case("request line: HTTP/0.9 simple request", b"GET /healthz\r\n\r\n"),
        Case("request line: HTTP/0.9 PUT", b"PUT /v1/zones/adv-http09\r\n\r\n", side_effect="adv-http09"),
        Case("request line: trailing word", req("GET", "/healthz", version=b"HTTP/1.1 extra")),
        Case("request line: unknown version HTTP/9.9", req("GET", "/healthz", version=b"HTTP/9.9"),
             allow_505="RFC 9110 15.6.6: 505 HTTP Version Not Supported is the answer to an unsupported major version"),
        Case("request line: version HTTP/1.10", req("GET", "/healthz", version=b"HTTP/1.10")),
        Case("request line: lower-case version", req("GET", "/healthz", version=b"http/1.1")),
        Case("request line: HTTP/2 preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
             allow_505="RFC 9110 15.6.6: an HTTP/1.1 server answers the HTTP/2 preface with 505"),
        Case("request line: TLS ClientHello", bytes.fromhex("16030100c4010000c00303") + bytes(rng.randrange(256) for _ in range(190))),
        Case("request line: 4 KiB of random bytes", bytes(rng.randrange(256) for _ in range(4096))),
        Case("request line: NUL in the target", req("GET", b"/heal\x00thz")),
        Case("request line: NUL in the method", req(b"G\x00ET", "/healthz")),
        Case("request line: control characters in the target", req("GET", b"/v1/zones/\x01\x7f", [AUTH_ADMIN])),
        Case("request line: bare CR line endings", b"GET /healthz HTTP/1.1\rHost: x\r\r"),
        Case("request line: double spaces, PUT", req("PUT ", f" /v1/zones/adv-spaces", [AUTH_ADMIN, JSON, ("Content-Length", len(ZONE_BODY))], ZONE_BODY),
             side_effect="adv-spaces", allow_2xx="RFC 9112 section 3 lets a server split the request line on any whitespace"),
        Case("request line: 100 KiB target", req("GET", "/v1/zones/" + "a" * 100_000, [AUTH_ADMIN])),
        Case("request line: absolute-form to another host", req("GET", "http://evil.example/healthz")),
        Case("request line: asterisk-form OPTIONS", req("OPTIONS", "*")),
        Case("request line: CONNECT authority-form", req("CONNECT", "127.0.0.1:22")),
        Case("request line: origin not starting with /", req("GET", "healthz")),
        Case("method: lower-case put", put_zone("adv-lower", ).replace(b"PUT ", b"put ", 1), side_effect="adv-lower"),
        Case("method: unknown token FOO", req("FOO", "/healthz")),
        Case("method: 8 KiB long", req("X" * 8192, "/healthz")),
        Case("method: separators in it", req("GE(T)", "/healthz")),
        Case("method: TRACE", req("TRACE", "/v1/zones", [AUTH_ADMIN])),
        Case("method: UTF-8 bytes", req("GÉT".encode(), "/healthz")),
        # --- Host
        Case("host: missing on HTTP/1.1", put_zone("adv-nohost", host=False), side_effect="adv-nohost"),
        Case("host: two different Host lines", put_zone("adv-twohosts", [("Host", "evil.example")]), side_effect="adv-twohosts"),
        # --- header syntax
        Case("header: line without a colon", put_zone("adv-nocolon", [b"ThisLineHasNoColon"]), side_effect="adv-nocolon"),
        Case("header: space before the colon", put_zone("adv-spacecolon", [b"X-Padding : 1"]), side_effect="adv-spacecolon"),
        Case("header: Content-Length with space before the colon",
             req("PUT", "/v1/zones/adv-clspace", [AUTH_ADMIN, JSON, b"Content-Length : 21"], ZONE_BODY), side_effect="adv-clspace"),
        Case("header: obsolete line folding", put_zone("adv-fold", [b"X-Folded: a", b" b"]), side_effect="adv-fold",
             allow_2xx="RFC 9112 section 5.2 lets a server replace obs-fold with a space"),
        Case("header: empty name", put_zone("adv-emptyname", [b": value"]), side_effect="adv-emptyname"),
        Case("header: control bytes in the name", put_zone("adv-ctlname", [b"X-\x01\x02: v"]), side_effect="adv-ctlname"),
        Case("header: NUL in a value", put_zone("adv-nulvalue", [b"X-Nul: a\x00b"]), side_effect="adv-nulvalue",
             allow_2xx="libmicrohttpd ends the value at the NUL; the rest of the head is a valid request"),
        Case("header: bare LF line endings", put_zone("adv-lf", eol=b"\n"), side_effect="adv-lf",
             allow_2xx="RFC 9112 section 2.2 lets a server accept a bare LF as a line terminator"),
        Case("header: invalid UTF-8 in Authorization", req("GET", "/v1/zones", [("Authorization", b"Bearer \xff\xfe\xc3\x28")]),
             expect={401}),
        Case("header: invalid UTF-8 in Content-Type",
             req("PUT", "/v1/zones/adv-ctutf8", [AUTH_ADMIN, ("Content-Type", b"application/json\xff"), ("Content-Length", 21)], ZONE_BODY),
             side_effect="adv-ctutf8"),
        Case("header: 10 KiB bearer token", req("GET", "/v1/zones", [("Authorization", "Bearer " + "A" * 10_240)]), expect={401}),
        Case("header: one 20 KiB line (over --max-header-bytes)", put_zone("adv-bighdr", [("X-Big", "x" * 20_480)]),
             expect={413, 414, 431}, must_answer=True, side_effect="adv-bighdr"),
        Case("header: 3,000 small lines (over --max-header-bytes)",
             put_zone("adv-manyhdr", [(f"X-H{i}", "v") for i in range(3000)]), expect={413, 414, 431}, must_answer=True,
             side_effect="adv-manyhdr"),
        Case("header: 200 KiB line", put_zone("adv-hugehdr", [("X-Huge", "y" * 200_000)]), expect={413, 414, 431},
             side_effect="adv-hugehdr"),
        # --- Content-Length
        Case("content-length: two different values", put_zone("adv-twocl", [("Content-Length", 5)]), side_effect="adv-twocl"),
        Case("content-length: two different values, the first is wrong",
             req("PUT", "/v1/zones/adv-twocl2", [AUTH_ADMIN, JSON, ("Content-Length", 5), ("Content-Length", 21)], ZONE_BODY),
             side_effect="adv-twocl2"),
        Case("content-length: the same value twice", put_zone("adv-samecl", [("Content-Length", 21)]), side_effect="adv-samecl",
             allow_2xx="RFC 9110 section 8.6 lets a server accept a repeated identical Content-Length"),
        Case("content-length: list of two values", req("PUT", "/v1/zones/adv-clist", [AUTH_ADMIN, JSON, ("Content-Length", "21, 5")], ZONE_BODY),
             side_effect="adv-clist"),
        Case("content-length: negative", req("PUT", "/v1/zones/adv-clneg", [AUTH_ADMIN, JSON, ("Content-Length", -1)], ZONE_BODY),
             side_effect="adv-clneg"),
        Case("content-length: 23 digits", req("PUT", "/v1/zones/adv-clhuge", [AUTH_ADMIN, JSON, ("Content-Length", "9" * 23)], ZONE_BODY),
             side_effect="adv-clhuge"),
        Case("content-length: 2^64", req("PUT", "/v1/zones/adv-cl264", [AUTH_ADMIN, JSON, ("Content-Length", 2 ** 64)], ZONE_BODY),
             side_effect="adv-cl264"),
        Case("content-length: 2^63-1", req("PUT", "/v1/zones/adv-cl263", [AUTH_ADMIN, JSON, ("Content-Length", 2 ** 63 - 1)], ZONE_BODY),
             expect={400, 413}, side_effect="adv-cl263"),
        Case("content-length: not a number", req("PUT", "/v1/zones/adv-clabc", [AUTH_ADMIN, JSON, ("Content-Length", "abc")], ZONE_BODY),
             side_effect="adv-clabc"),
        Case("content-length: hexadecimal", req("PUT", "/v1/zones/adv-clhex", [AUTH_ADMIN, JSON, ("Content-Length", "0x15")], ZONE_BODY),
             side_effect="adv-clhex"),
        Case("content-length: plus sign", req("PUT", "/v1/zones/adv-clplus", [AUTH_ADMIN, JSON, ("Content-Length", "+21")], ZONE_BODY),
             side_effect="adv-clplus"),
        Case("content-length: fractional", req("PUT", "/v1/zones/adv-clfrac", [AUTH_ADMIN, JSON, ("Content-Length", "21.0")], ZONE_BODY),
             side_effect="adv-clfrac"),
        Case("content-length: empty", req("PUT", "/v1/zones/adv-clempty", [AUTH_ADMIN, JSON, ("Content-Length", "")], ZONE_BODY),
             side_effect="adv-clempty"),
        Case("content-length: longer than the body sent", req("PUT", "/v1/zones/adv-clshort", [AUTH_ADMIN, JSON, ("Content-Length", 500)], ZONE_BODY),
             side_effect="adv-clshort"),
        Case("content-length: shorter, the rest is garbage", req("PUT", "/v1/zones/adv-cllong", [AUTH_ADMIN, JSON, ("Content-Length", 4)],
                                                                   ZONE_BODY + b"\r\nGARBAGE\r\n\r\n"), side_effect="adv-cllong"),
        # --- Transfer-Encoding
        Case("chunked: size not hex", chunked("adv-chzz", b"zz\r\n" + ZONE_BODY + b"\r\n0\r\n\r\n"), side_effect="adv-chzz"),
        Case("chunked: negative size", chunked("adv-chneg", b"-15\r\n" + ZONE_BODY + b"\r\n0\r\n\r\n"), side_effect="adv-chneg"),
        Case("chunked: size over 2^64", chunked("adv-chhuge", b"ffffffffffffffffffffff\r\n" + ZONE_BODY + b"\r\n0\r\n\r\n"),
             side_effect="adv-chhuge"),
        Case("chunked: size 2^63-1", chunked("adv-ch263", b"7fffffffffffffff\r\n" + ZONE_BODY + b"\r\n0\r\n\r\n"), side_effect="adv-ch263"),
        Case("chunked: data longer than its size", chunked("adv-chover", b"3\r\n" + ZONE_BODY + b"\r\n0\r\n\r\n"), side_effect="adv-chover"),
        Case("chunked: no CRLF after the data", chunked("adv-chnocrlf", b"15\r\n" + ZONE_BODY + b"0\r\n\r\n"), side_effect="adv-chnocrlf"),
        Case("chunked: NUL in a chunk extension", chunked("adv-chext", b"15;\x00x=y\r\n" + ZONE_BODY + b"\r\n0\r\n\r\n"),
             side_effect="adv-chext",
             allow_2xx="RFC 9112 7.1.1: a recipient ignores chunk extensions it does not understand (libmicrohttpd drops them)"),
        Case("chunked: size with leading space", chunked("adv-chsp", b" 15\r\n" + ZONE_BODY + b"\r\n0\r\n\r\n"), side_effect="adv-chsp"),
        Case("chunked: no last chunk", chunked("adv-chnolast", b"15\r\n" + ZONE_BODY + b"\r\n"), side_effect="adv-chnolast"),
        Case("chunked: 1.1 MiB in 4 KiB chunks (over --max-body-bytes)",
             chunked("adv-chbig", b"".join(b"1000\r\n" + b" " * 4096 + b"\r\n" for _ in range(282)) + b"0\r\n\r\n"),
             expect={413}, expect_code="body_too_large", must_answer=True, side_effect="adv-chbig", timeout=8.0),
        Case("transfer-encoding: unknown coding", req("PUT", "/v1/zones/adv-tegzip", [AUTH_ADMIN, JSON, ("Transfer-Encoding", "gzip")], ZONE_BODY),
             side_effect="adv-tegzip"),
        Case("transfer-encoding: chunked, then gzip", req("PUT", "/v1/zones/adv-tegz2", [AUTH_ADMIN, JSON, ("Transfer-Encoding", "chunked, gzip")],
                                                           b"15\r\n" + ZONE_BODY + b"\r\n0\r\n\r\n"), side_effect="adv-tegz2"),
        Case("transfer-encoding: xchunked", req("PUT", "/v1/zones/adv-texch", [AUTH_ADMIN, JSON, ("Transfer-Encoding", "xchunked")],
                                                b"15\r\n" + ZONE_BODY + b"\r\n0\r\n\r\n"), side_effect="adv-texch"),
        Case("transfer-encoding: chunked on HTTP/1.0", req("PUT", "/v1/zones/adv-te10", [AUTH_ADMIN, JSON, ("Transfer-Encoding", "chunked")],
                                                            b"15\r\n" + ZONE_BODY + b"\r\n0\r\n\r\n", version=b"HTTP/1.0"),
             side_effect="adv-te10", must_close=True,
             allow_2xx="RFC 9112 section 6.1 lets a server process it if it then closes the connection"),
        Case("content-length and chunked: a request smuggled after the chunked body",
             req("POST", "/v1/zones/default/reconnects", [AUTH_SERVER, JSON, ("Content-Length", 4), ("Transfer-Encoding", "chunked")],
                 b"2\r\n{}\r\n0\r\n\r\n" + smuggled),
             side_effect="adv-smuggled"),
        Case("content-length and chunked: body per Content-Length is a request",
             req("POST", "/v1/zones/default/reconnects", [AUTH_SERVER, JSON, ("Transfer-Encoding", "chunked"),
                                                         ("Content-Length", 5 + len(put_zone("adv-smuggled2")))],
                 b"0\r\n\r\n" + put_zone("adv-smuggled2")),
             side_effect="adv-smuggled2"),
        # --- paths and query strings
        Case("path: %00 as the zone", req("GET", "/v1/zones/%00", [AUTH_ADMIN])),
        Case("path: %00 inside the zone (PUT)", put_zone("advnul%00evil"), side_effect="advnul"),
        Case("path: /healthz%00", req("GET", "/healthz%00")),
        Case("path: /healthz%00.html", req("GET", "/healthz%00.html")),
        Case("path: %zz", req("GET", "/v1/zones/%zz", [AUTH_ADMIN])),
        Case("path: %c3%28 (invalid UTF-8)", req("GET", "/v1/zones/%c3%28", [AUTH_ADMIN])),
        Case("path: %c3%28 in a PUT", put_zone("adv%c3%28"), side_effect="adv("),
        Case("path: lone %", req("GET", "/v1/zones/%", [AUTH_ADMIN])),
        Case("path: truncated %4", req("GET", "/v1/zones/%4", [AUTH_ADMIN])),
        Case("path: overlong UTF-8 %c0%af", req("GET", "/v1/zones/%c0%af", [AUTH_ADMIN])),
        Case("path: raw invalid UTF-8 bytes", req("GET", b"/v1/zones/\xff\xfe", [AUTH_ADMIN])),
        Case("path: %2e%2e segment", req("GET", "/v1/zones/default/%2e%2e", [AUTH_ADMIN])),
        Case("path: dot-dot segments", req("GET", "/v1/zones/default/../../etc/passwd", [AUTH_ADMIN])),
        Case("path: encoded slash in a zone (PUT)", put_zone("advslash%2Fhistory"), side_effect="advslash"),
        Case("path: encoded slash joins two segments (GET default%2Fhistory)", req("GET", "/v1/zones/default%2Fhistory", [AUTH_ADMIN])),
        Case("path: 10,000 segments", req("GET", "/" + "a/" * 10_000, [AUTH_ADMIN])),
        Case("query: %00 value", req("GET", "/v1/zones/default/history?limit=%00", [AUTH_ADMIN]), expect={400}),
        Case("query: %zz value", req("GET", "/v1/zones/default/history?limit=%zz", [AUTH_ADMIN])),
        Case("query: %00 name", req("GET", "/v1/zones/default/history?%00=1", [AUTH_ADMIN])),
        # libmicrohttpd stores each query argument in the connection's memory pool before the
        # handler runs and, when the pool runs out, stops reading the connection: it is closed
        # without an answer (at the client's half-close or the idle timeout). That is the
        # issue's "or closes"; never a 2xx or 5xx.
        Case("query: 2,000 parameters (15 KB, under --max-header-bytes)",
             req("GET", "/v1/zones?" + "&".join(f"p{i}=1" for i in range(2000)), [AUTH_ADMIN]), expect={400, 414, 431}),
        Case("query: 5,000 parameters (39 KB, over --max-header-bytes)",
             req("GET", "/v1/zones?" + "&".join(f"p{i}=1" for i in range(5000)), [AUTH_ADMIN]), expect={414, 431}),
        # --- bodies
        Case("body: invalid UTF-8 in a string", put_zone("adv-utf8", body=b'{"phase_grace_seconds": {"\xff\xfe": 5}}'),
             expect={400}, side_effect="adv-utf8"),
        Case("body: overlong UTF-8", put_zone("adv-overlong", body=b'{"phase_grace_seconds": {"\xc0\xaf": 5}}'),
             expect={400}, side_effect="adv-overlong"),
        Case("body: UTF-8-encoded surrogate", put_zone("adv-surr", body=b'{"phase_grace_seconds": {"\xed\xa0\x80": 5}}'),
             expect={400}, side_effect="adv-surr"),
        Case("body: lone surrogate escape", put_zone("adv-esc", body=b'{"phase_grace_seconds": {"\\ud800": 5}}'),
             expect={400}, side_effect="adv-esc"),
        Case("body: NUL byte", put_zone("adv-nulbody", body=b'{"grace_seconds": 45\x00}'), expect={400}, side_effect="adv-nulbody"),
        Case("body: [[[...]]] 100,000 deep", put_zone("adv-deep", body=deep_array), expect={400}, expect_code="malformed_json",
             side_effect="adv-deep", timeout=8.0),
        Case("body: event payload 100,000 deep",
             post("/v1/zones/default/rooms/adv-room/events", b'{"type":"x","payload":' + deep_array + b"}"),
             expect={400}, expect_code="malformed_json", timeout=8.0),
        Case("body: {\"a\":{...}} 50,000 deep", put_zone("adv-deepobj", body=deep_object), expect={400}, side_effect="adv-deepobj",
             timeout=8.0),
        Case("body: 500,000 unclosed [", put_zone("adv-open", body=b"[" * 500_000), expect={400}, side_effect="adv-open", timeout=8.0),
        Case("body: grace_seconds 1e999999", put_zone("adv-e", body=b'{"grace_seconds": 1e999999}'), expect={400},
             expect_code="invalid_field", side_effect="adv-e"),
        Case("body: grace_seconds -1e999999", put_zone("adv-ne", body=b'{"grace_seconds": -1e999999}'), expect={400},
             side_effect="adv-ne"),
        Case("body: grace_seconds 1e-999999", put_zone("adv-ee", body=b'{"grace_seconds": 1e-999999}'), expect={400},
             side_effect="adv-ee"),
        Case("body: grace_seconds 99999999999999999999999", put_zone("adv-n23", body=b'{"grace_seconds": 99999999999999999999999}'),
             expect={400}, expect_code="invalid_field", side_effect="adv-n23"),
        Case("body: event_buffer_size 2^64", put_zone("adv-n64", body=b'{"event_buffer_size": 18446744073709551616}'),
             expect={400}, side_effect="adv-n64"),
        Case("body: 600,000-digit integer", put_zone("adv-digits", body=b'{"grace_seconds": ' + huge_digits + b"}"), expect={400},
             side_effect="adv-digits", timeout=10.0),
        Case("body: last_sequence 99999999999999999999999",
             post("/v1/zones/default/reconnects",
                  b'{"room_id":"r","player_id":"p","token":"AAAAAAAAAAAAAAAAAAAAAA","last_sequence":99999999999999999999999}'),
             expect={400}, expect_code="invalid_field"),
        Case("body: NaN, Infinity and other non-JSON numbers", b"".join(
            put_zone(f"adv-num{i}", body=b'{"grace_seconds": ' + n + b"}") for i, n in enumerate(
                [b"NaN", b"Infinity", b"-", b"01", b"1.", b".5", b"1e", b"+1", b"0x10"])),
             expect={400}, side_effect="adv-num0"),
        Case("body: duplicate member", put_zone("adv-dup", body=b'{"grace_seconds": 45, "grace_seconds": 46}'), expect={400},
             side_effect="adv-dup"),
        Case("body: empty", put_zone("adv-empty", body=b""), expect={400}, side_effect="adv-empty"),
        Case("body: trailing garbage after the object", put_zone("adv-trail", body=ZONE_BODY + b"}]"), expect={400}, side_effect="adv-trail"),
        Case("body: 64 KiB string as a phase name", put_zone("adv-longkey", body=b'{"phase_grace_seconds": {"' + b"a" * 65536 + b'": 5}}'),
             expect={400}, side_effect="adv-longkey"),
        Case("body: 50,000-element events batch",
             post("/v1/zones/default/rooms/adv-room/events", b'{"events":[' + b",".join([b'{"type":"x"}'] * 50_000) + b"]}"),
             expect={400}, timeout=8.0),
        Case("body: charset=utf-7", req("PUT", "/v1/zones/adv-utf7", [AUTH_ADMIN, ("Content-Type", "application/json; charset=utf-7"),
                                                                         ("Content-Length", 21)], ZONE_BODY), expect={415}, side_effect="adv-utf7"),
        Case("body: 2 MiB declared (over --max-body-bytes)", req("PUT", "/v1/zones/adv-2mib", [AUTH_ADMIN, JSON, ("Content-Length", 2 << 20)], ZONE_BODY),
             expect={413}, expect_code="body_too_large", must_answer=True, side_effect="adv-2mib"),
        # --- pipelining: garbage behind a good request must not poison it, nor the reverse
        Case("pipeline: good request then garbage", req("GET", "/healthz") + b"GARBAGE\r\n\r\n",
             allow_2xx="the first request is well-formed"),
        Case("pipeline: 200 pipelined bad-token redeems",
             post("/v1/zones/default/reconnects", b'{"room_id":"r-pipe","player_id":"p-pipe","token":"AAAAAAAAAAAAAAAAAAAAAA"}') * 200,
             source="127.0.0.9", timeout=8.0),
    ]
    return cases


class Runner:
    def __init__(self, binary, verbose=False):
        self.binary = binary
        self.verbose = verbose
        self.passed = 0
        self.failed = 0
        self.failures = []
        self.daemons = []

    def start(self, flags=()):
        state = fresh_directory("reconnectd-adversarial-")
        daemon = Daemon(self.binary, os.path.join(state, "state"), flags=flags, log_dir=state)
        self.daemons.append((daemon, state))  # cleaned up by close(), even if it fails to start
        daemon.start()
        return daemon

    def close(self):
        for daemon, state in self.daemons:
            daemon.kill()
            remove_directory(state)

    def record(self, name, ok, detail):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(name)
        print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)

    def run(self, name, daemon, check):
        """Runs `check()` -> (ok, detail), then demands the daemon be alive and healthy."""
        started = time.monotonic()
        try:
            ok, detail = check()
        except Exception as error:  # a broken case is a failed case, never an aborted run
            ok, detail = False, f"{type(error).__name__}: {error}"
        if not daemon.alive():
            ok = False
            detail += f"; DAEMON DIED (exit {daemon.process.returncode}): {daemon.output()[-800:]}"
            daemon.start()
        elif not daemon.healthy():
            ok = False
            detail += "; /healthz from 127.0.0.1 did not answer 200 afterwards"
        if self.verbose:
            detail += f" [{time.monotonic() - started:.1f}s]"
        self.record(name, ok, detail)


def judge(outcome, case):
    """The rule: 4xx or a close; never 2xx for garbage (unless `allow_2xx`), never 5xx."""
    finals = [s for s in outcome.statuses if s != 100]
    problems = []
    if 0 in finals:
        problems.append("the server sent bytes that are not an HTTP response")
    for status in finals:
        if status == 505 and case.allow_505:
            continue
        if status >= 500:
            problems.append(f"{status} is a server error")
        elif 200 <= status < 300 and not case.allow_2xx:
            problems.append(f"{status} accepts garbage")
        elif status < 200 or 300 <= status < 400:
            problems.append(f"{status} is neither 4xx nor an accepted 2xx")
    if case.expect and finals and finals[0] not in case.expect and not (case.allow_2xx and 200 <= finals[0] < 300) \
            and not (case.allow_505 and finals[0] == 505):
        problems.append(f"expected {sorted(case.expect)}, got {finals[0]}")
    if case.expect_code and finals and 400 <= finals[0] < 500:
        code = problem_code(outcome.responses[0][1], outcome.responses[0][2])
        if code is not None and code != case.expect_code:
            problems.append(f"expected code {case.expect_code}, got {code}")
        elif code is None and case.expect == {413}:
            problems.append(f"expected a problem document with code {case.expect_code}")
    if case.must_answer and not finals:
        problems.append("no answer at all")
    if case.must_close and any(200 <= s < 300 for s in finals) and not outcome.closed:
        problems.append("the connection stayed open after the 2xx")
    return problems


def zone_names(daemon):
    document = request(daemon.port, "GET", "/v1/zones", headers=ADMIN)[3] or {}
    return {zone["name"] for zone in document.get("zones", [])}


def raw_case_check(daemon, case):
    def check():
        outcome = exchange(daemon.port, case.data, source=case.source, pieces=case.pieces, pause=case.pause,
                           timeout=case.timeout, settle=case.settle, half_close_after=1.5)
        problems = judge(outcome, case)
        accepted = case.allow_2xx and any(200 <= s < 300 for s in outcome.statuses)
        if case.side_effect and not accepted and case.side_effect in zone_names(daemon):
            problems.append(f"zone {case.side_effect!r} exists afterwards: the garbage was acted on")
        detail = outcome.describe()
        if case.allow_2xx and any(200 <= s < 300 for s in outcome.statuses):
            detail += f" (2xx allowed: {case.allow_2xx})"
        if outcome.send_error:
            detail += f" (send: {outcome.send_error})"
        if problems:
            detail += " -- " + "; ".join(problems)
        return not problems, detail
    return check


# --- connection-level cases (need the daemon started with LIMIT_FLAGS)

def idle_connection_closed(daemon):
    def check():
        sock = connect(daemon.port, source="127.0.0.3", timeout=IDLE_TIMEOUT * 4)
        started = time.monotonic()
        try:
            data = sock.recv(1)
            closed_after = time.monotonic() - started
            if data:
                return False, f"the server sent {data!r} to a silent connection"
            return True, f"a silent connection was closed after {closed_after:.1f}s (--connection-timeout {IDLE_TIMEOUT})"
        except socket.timeout:
            return False, f"a silent connection was still open after {IDLE_TIMEOUT * 4}s (--connection-timeout {IDLE_TIMEOUT})"
        except ConnectionResetError:
            return True, "a silent connection was reset"
        finally:
            sock.close()
    return check


def slowloris(daemon):
    """40 connections from 127.0.0.2 trickle header lines; a client from 127.0.0.1 must be served
    throughout; at most --max-connections-per-ip of the slow ones may be held; once they stop
    trickling, the idle timeout must close every one."""
    def check():
        slow = []
        refused = 0
        for _ in range(40):
            try:
                sock = connect(daemon.port, source="127.0.0.2", timeout=2)
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                slow.append(sock)
            except OSError:
                refused += 1
        served, failed_requests = 0, []
        deadline = time.monotonic() + 8
        round_number = 0
        while time.monotonic() < deadline:
            round_number += 1
            for sock in list(slow):
                try:
                    sock.sendall(b"X-Slow-%d: y\r\n" % round_number)
                except OSError:
                    slow.remove(sock)
                    sock.close()
            for _ in range(4):
                try:
                    status = request(daemon.port, "GET", "/healthz", source="127.0.0.1", timeout=5)[0]
                    if status == 200:
                        served += 1
                    else:
                        failed_requests.append(status)
                except OSError as error:
                    failed_requests.append(type(error).__name__)
                time.sleep(0.25)
        held = still_open(slow)
        problems = []
        if failed_requests:
            problems.append(f"the 127.0.0.1 client failed {len(failed_requests)} times: {failed_requests[:5]}")
        if held > PER_IP_LIMIT:
            problems.append(f"{held} slow connections from one address held open, over --max-connections-per-ip {PER_IP_LIMIT}")
        # Stop trickling: each must be closed by the idle timeout.
        time.sleep(IDLE_TIMEOUT + 3)
        lingering = still_open(slow)
        for sock in slow:
            sock.close()
        if lingering:
            problems.append(f"{lingering} slow connections still open {IDLE_TIMEOUT + 3}s after they went quiet")
        detail = (f"127.0.0.1 served {served}/{served + len(failed_requests)} while 127.0.0.2 trickled headers; "
                  f"{held} of 40 slow connections held (refused at connect: {refused}), {lingering} left after going quiet")
        if problems:
            detail += " -- " + "; ".join(problems)
        return not problems, detail
    return check


def still_open(socks):
    """How many of `socks` the server has not closed (a non-blocking peek sees no EOF)."""
    count = 0
    for sock in socks:
        try:
            sock.setblocking(False)
            data = sock.recv(1, socket.MSG_PEEK)
            if data:
                count += 1  # it answered (e.g. 431) but has not closed yet
        except BlockingIOError:
            count += 1
        except OSError:
            pass
        finally:
            sock.setblocking(True)
    return count


def connection_flood(daemon):
    """60 idle connections from 10 addresses (under the per-address limit) against
    --max-connections 24: the server holds at most 24 (counted by its open fds; the rest wait
    in the kernel's backlog), a client from 127.0.0.1 is served once the idle timeout frees
    slots, and after the flood goes away the server's fds return to where they were."""
    def check():
        before = daemon.open_fds()
        socks = []
        for host in range(10, 20):
            for _ in range(6):
                try:
                    socks.append(connect(daemon.port, source=f"127.0.0.{host}", timeout=2))
                except OSError:
                    pass
        time.sleep(0.5)
        held = daemon.open_fds() - before
        started = time.monotonic()
        try:
            status = request(daemon.port, "GET", "/healthz", source="127.0.0.1", timeout=IDLE_TIMEOUT * 3 + 4)[0]
        except OSError as error:
            status = type(error).__name__
        waited = time.monotonic() - started
        for sock in socks:
            sock.close()
        after = daemon.open_fds()
        deadline = time.monotonic() + IDLE_TIMEOUT + 3
        while after > before and time.monotonic() < deadline:
            time.sleep(0.2)
            after = daemon.open_fds()
        problems = []
        if held > GLOBAL_LIMIT:
            problems.append(f"the server held {held} connections, over --max-connections {GLOBAL_LIMIT}")
        if status != 200:
            problems.append(f"the 127.0.0.1 client got {status} while the flood was idle")
        if after > before:
            problems.append(f"open fds grew from {before} to {after}")
        detail = (f"{len(socks)} connected, the server held {held} (limit {GLOBAL_LIMIT}); 127.0.0.1 got {status} "
                  f"after {waited:.1f}s; server fds {before} -> {after}")
        if problems:
            detail += " -- " + "; ".join(problems)
        return not problems, detail
    return check


def resets_mid_request(daemon):
    """300 connections that send part of a request and then reset (SO_LINGER 0): nothing leaks."""
    def check():
        before = daemon.open_fds()
        for i in range(300):
            try:
                sock = connect(daemon.port, source="127.0.0.4", timeout=2)
                sock.sendall(put_zone(f"adv-reset{i}")[: 40 + i % 120])
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.close()
            except OSError:
                pass
        after = daemon.open_fds()
        deadline = time.monotonic() + 5
        while after > before and time.monotonic() < deadline:
            time.sleep(0.2)
            after = daemon.open_fds()
        ok = after <= before
        return ok, f"open fds {before} -> {after}" + ("" if ok else " -- descriptors leaked")
    return check


# --- guessed tokens (default failure budgets)

def random_tokens(daemon, count, seed):
    """`count` guessed tokens against /reconnects over keep-alive from 127.0.0.5: never 2xx,
    never 5xx; 403 token_invalid until the per-address bucket empties, then 429
    too_many_failures with Retry-After."""
    def check():
        import http.client
        rng = random.Random(seed)
        alphabet = string.ascii_letters + string.digits + "-_"
        connection = http.client.HTTPConnection("127.0.0.1", daemon.port, timeout=10, source_address=("127.0.0.5", 0))
        tally = {}
        problems = []
        bad_retry = 0
        first_429 = None
        for i in range(count):
            body = {"room_id": f"r-{rng.randrange(50)}", "player_id": f"p-{rng.randrange(50)}",
                    "token": "".join(rng.choice(alphabet) for _ in range(22))}
            status, headers, _, document = request(daemon.port, "POST", "/v1/zones/default/reconnects", SERVER, body,
                                                   connection=connection)
            code = (document or {}).get("code")
            tally[(status, code)] = tally.get((status, code), 0) + 1
            if status == 429:
                first_429 = i if first_429 is None else first_429
                retry = headers.get("retry-after", "")
                if not (retry.isdigit() and int(retry) >= 1):
                    bad_retry += 1
        connection.close()
        for (status, code), n in tally.items():
            if status < 400 or status >= 500:
                problems.append(f"{n} answers {status}")
            elif (status, code) not in ((403, "token_invalid"), (429, "too_many_failures")):
                problems.append(f"{n} answers {status} {code}")
        if not any(status == 429 for status, _ in tally):
            problems.append("no 429 too_many_failures at all: failed validations are not rate-limited")
        if bad_retry:
            problems.append(f"{bad_retry} 429 answers without Retry-After of whole seconds >= 1")
        series = scrape(daemon.port)
        counted = metric_sum(series, "reconnection_http_rejections_total", reason="too_many_failures")
        throttled = sum(n for (status, _), n in tally.items() if status == 429)
        if throttled and (counted is None or counted < throttled):
            problems.append(f"reconnection_http_rejections_total{{reason=\"too_many_failures\"}} is {counted}, "
                            f"but {throttled} were answered 429")
        detail = ", ".join(f"{n}x {status} {code}" for (status, code), n in sorted(tally.items(), key=str))
        detail += f"; first 429 at request {first_429}"
        if problems:
            detail += " -- " + "; ".join(problems)
        return not problems, detail
    return check


def player_bucket(daemon):
    """Wrong tokens for one (zone, room, player) from two addresses share that player's bucket;
    once it is empty the answer is 429, yet the right token still redeems (200)."""
    def check():
        problems = []
        issued = request(daemon.port, "POST", "/v1/zones/default/disconnects", SERVER,
                         {"room_id": "r-bf", "player_id": "p-bf"}, source="127.0.0.6")
        if issued[0] != 201:
            return False, f"disconnect answered {issued[0]}"
        token = issued[3]["token"]
        wrong = {"room_id": "r-bf", "player_id": "p-bf", "token": "B" * 22}
        statuses = []
        for i in range(DEFAULT_FAILURES_PER_PLAYER + 3):
            source = "127.0.0.6" if i % 2 == 0 else "127.0.0.7"
            status, headers, _, _ = request(daemon.port, "POST", "/v1/zones/default/reconnects", SERVER, wrong, source=source)
            statuses.append(status)
        if any(s not in (403, 429) for s in statuses):
            problems.append(f"wrong tokens answered {statuses}")
        if statuses[:DEFAULT_FAILURES_PER_PLAYER] != [403] * DEFAULT_FAILURES_PER_PLAYER:
            problems.append(f"the first {DEFAULT_FAILURES_PER_PLAYER} wrong tokens should be 403: {statuses}")
        if statuses[-1] != 429:
            problems.append(f"after {len(statuses)} wrong tokens for one player the answer is still {statuses[-1]}, not 429")
        other = request(daemon.port, "POST", "/v1/zones/default/reconnects", SERVER,
                        {"room_id": "r-bf", "player_id": "p-other", "token": "B" * 22}, source="127.0.0.8")[0]
        if other != 403:
            problems.append(f"a wrong token for another player from a fresh address answered {other}, not 403")
        good = request(daemon.port, "POST", "/v1/zones/default/reconnects", SERVER,
                       {"room_id": "r-bf", "player_id": "p-bf", "token": token}, source="127.0.0.6")[0]
        if good != 200:
            problems.append(f"the right token answered {good} while the player's bucket was empty (must be 200)")
        detail = f"wrong tokens: {statuses}; other player: {other}; right token: {good}"
        if problems:
            detail += " -- " + "; ".join(problems)
        return not problems, detail
    return check


def final_metrics(daemon):
    def check():
        series = scrape(daemon.port)
        requests = metric_sum(series, "reconnection_http_requests_total")
        five = sum(v for k, v in series.items()
                   if k.startswith("reconnection_http_requests_total{") and 'code="5' in k)
        rejections = {reason: metric_sum(series, "reconnection_http_rejections_total", reason=reason)
                      for reason in ("body_too_large", "headers_too_large", "too_many_failures")}
        problems = []
        if requests is None:
            problems.append("no reconnection_http_requests_total")
        if five:
            problems.append(f"{five:.0f} requests counted with a 5xx code")
        if rejections["body_too_large"] is None:
            problems.append('no reconnection_http_rejections_total{reason="body_too_large"} although 413s were answered')
        detail = f"{requests:.0f} requests counted; rejections {rejections}" if requests else f"rejections {rejections}"
        if problems:
            detail += " -- " + "; ".join(problems)
        return not problems, detail
    return check


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--only", help="run only cases whose name contains this")
    parser.add_argument("--seed", type=int, default=20261121)
    parser.add_argument("--tokens", type=int, default=5000, help="guessed tokens to send (default 5000)")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    runner = Runner(os.path.abspath(options.binary), options.verbose)
    started = time.monotonic()
    print(f"adversarial: seed {options.seed}", flush=True)

    def wanted(name):
        return not options.only or options.only in name

    try:
        main_daemon = runner.start()
        for case in raw_cases(rng):
            if wanted(case.name):
                runner.run(case.name, main_daemon, raw_case_check(main_daemon, case))

        try:
            limited = runner.start(LIMIT_FLAGS)
        except StartFailure as failure:
            limited = None
            for name in ("connection: silent connection closed by --connection-timeout",
                         "connection: slowloris from 127.0.0.2 while 127.0.0.1 is served",
                         "connection: flood of 60 idle connections from 10 addresses", "connection: 300 resets mid-request"):
                if wanted(name):
                    runner.record(name, False, f"daemon with {' '.join(LIMIT_FLAGS)} did not start: {failure}")
        if limited:
            for name, check in (
                ("connection: silent connection closed by --connection-timeout", idle_connection_closed(limited)),
                ("connection: slowloris from 127.0.0.2 while 127.0.0.1 is served", slowloris(limited)),
                ("connection: flood of 60 idle connections from 10 addresses", connection_flood(limited)),
                ("connection: 300 resets mid-request", resets_mid_request(limited)),
            ):
                if wanted(name):
                    runner.run(name, limited, check)

        for name, check in (
            ("brute force: one player's bucket, right token still redeems", player_bucket(main_daemon)),
            (f"brute force: {options.tokens} random tokens", random_tokens(main_daemon, options.tokens, options.seed)),
            ("after everything: metrics", final_metrics(main_daemon)),
        ):
            if wanted(name):
                runner.run(name, main_daemon, check)
        for daemon, _ in runner.daemons:
            if not daemon.alive():
                runner.record("daemons alive at the end", False, daemon.output()[-500:])
    except StartFailure as failure:
        runner.record("start the daemon", False, str(failure))
    finally:
        runner.close()
    if runner.failures:
        print("failed cases:\n  " + "\n  ".join(runner.failures))
    print(f"({time.monotonic() - started:.0f}s)")
    print(f"adversarial: {runner.passed} passed, {runner.failed} failed")
    return 1 if runner.failed else 0


if __name__ == "__main__":
    sys.exit(main())
