"""Shared by scripts/adversarial.py, scripts/crash-durability.py and scripts/soak: start a
reconnectd process on port 0, talk HTTP to it (well-formed via http.client, garbage via raw
sockets), and read its RSS and open fds from /proc. Standard library only; 127.0.0.1/8 only.
"""

import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import time

ADMIN_TOKEN = "hardening-admin-token"
SERVER_TOKEN = "hardening-server-token"
ADMIN = {"Authorization": "Bearer " + ADMIN_TOKEN}
SERVER = {"Authorization": "Bearer " + SERVER_TOKEN}


class StartFailure(Exception):
    """The daemon exited (or never announced its port) while starting."""

    def __init__(self, status, output):
        super().__init__(f"daemon did not start (exit {status}): {output.strip()[-600:]}")
        self.status = status
        self.output = output


class Daemon:
    """One reconnectd process on 127.0.0.1:<ephemeral>, its stderr in a file."""

    def __init__(self, binary, state_dir, flags=(), threads=2, log_dir=None):
        self.binary = binary
        self.state_dir = state_dir
        self.flags = list(flags)
        self.threads = threads
        self.log_dir = log_dir or tempfile.mkdtemp(prefix="reconnectd-log-")
        self.process = None
        self.port = None
        self.log_path = None
        self.starts = 0

    def start(self, timeout=30.0):
        """Starts and waits for `listening on http://HOST:PORT`; raises StartFailure."""
        self.starts += 1
        self.log_path = os.path.join(self.log_dir, f"daemon-{self.starts}.log")
        env = {k: v for k, v in os.environ.items() if not k.startswith("RECONNECTD_")}
        env.update(RECONNECTD_ADMIN_TOKEN=ADMIN_TOKEN, RECONNECTD_SERVER_TOKEN=SERVER_TOKEN)
        arguments = [self.binary, "--listen", "127.0.0.1:0", "--state-dir", self.state_dir,
                     "--threads", str(self.threads), "--log-level", "warning"] + self.flags
        with open(self.log_path, "wb") as log:
            try:
                self.process = subprocess.Popen(arguments, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                stderr=log, env=env)
            except OSError as error:
                raise StartFailure(None, f"cannot run {self.binary}: {error}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = re.search(r"listening on http://[^\s:]+:(\d+)", self.output())
            if match:
                self.port = int(match.group(1))
                return self
            if self.process.poll() is not None:
                raise StartFailure(self.process.returncode, self.output())
            time.sleep(0.02)
        self.kill()
        raise StartFailure(None, self.output())

    def output(self):
        try:
            with open(self.log_path, "rb") as log:
                return log.read().decode("utf-8", "replace")
        except OSError:
            return ""

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def kill(self):
        """SIGKILL and reap."""
        if self.alive():
            self.process.send_signal(signal.SIGKILL)
        if self.process is not None:
            self.process.wait()

    def stop(self, timeout=15.0):
        """SIGTERM, then SIGKILL if it does not exit in time; returns the exit status."""
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return None if self.process is None else self.process.returncode

    def rss_kib(self):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def open_fds(self):
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def healthy(self, source="127.0.0.1", timeout=5.0):
        """Whether the process runs and GET /healthz answers 200."""
        if not self.alive():
            return False
        try:
            return request(self.port, "GET", "/healthz", source=source, timeout=timeout)[0] == 200
        except OSError:
            return False


def request(port, method, path, headers=None, body=None, source=None, timeout=10.0, connection=None):
    """One well-formed request; returns (status, headers as a lower-cased dict, body bytes, json or None).
    Reuses `connection` (an http.client.HTTPConnection) for keep-alive when given."""
    conn = connection or http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(source, 0) if source else None)
    fields = dict(headers or {})
    data = body
    if isinstance(body, (dict, list)):
        data = json.dumps(body).encode()
        fields.setdefault("Content-Type", "application/json")
    elif isinstance(body, str):
        data = body.encode()
    try:
        conn.request(method, path, body=data, headers=fields)
        response = conn.getresponse()
        payload = response.read()
        header_map = {k.lower(): v for k, v in response.getheaders()}
    finally:
        if connection is None:
            conn.close()
    parsed = None
    if header_map.get("content-type", "").split(";")[0].strip() in ("application/json", "application/problem+json"):
        try:
            parsed = json.loads(payload)
        except ValueError:
            parsed = None
    return response.status, header_map, payload, parsed


def connect(port, source=None, timeout=5.0):
    """A TCP connection to the daemon, bound to `source` (any 127/8 address) when given."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    if source:
        sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    return sock


class Outcome:
    """What the server did with raw bytes: the responses it sent, and how the connection ended."""

    def __init__(self):
        self.responses = []  # (status, {lower-cased header: value}, body bytes)
        self.closed = False  # the server closed (EOF) or reset the connection
        self.reset = False
        self.waiting = False  # the server neither answered nor closed within the time allowed
        self.send_error = None
        self.raw = b""

    @property
    def statuses(self):
        return [status for status, _, _ in self.responses]

    def describe(self):
        parts = []
        for status, headers, body in self.responses:
            code = problem_code(headers, body)
            parts.append(f"{status}" + (f" {code}" if code else "") +
                         ("" if headers.get("content-type") else " (no body type)"))
        ending = "reset" if self.reset else "closed" if self.closed else "still open, waiting" if self.waiting else "open"
        return (", ".join(parts) or "no response") + f"; connection {ending}"


def problem_code(headers, body):
    if headers.get("content-type", "").startswith("application/problem+json"):
        try:
            return json.loads(body).get("code")
        except ValueError:
            return "unparseable-problem"
    return None


def parse_responses(buffer, eof):
    """Splits complete HTTP/1.x responses off `buffer`; returns (responses, rest, framing_error)."""
    responses = []
    while True:
        head_end = buffer.find(b"\r\n\r\n")
        if head_end < 0:
            return responses, buffer, None
        head = buffer[:head_end].decode("latin-1")
        lines = head.split("\r\n")
        match = re.match(r"HTTP/\d\.\d (\d{3})", lines[0])
        if not match:
            return responses, buffer, f"not an HTTP response: {lines[0][:80]!r}"
        status = int(match.group(1))
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        rest = buffer[head_end + 4:]
        if status < 200 or status in (204, 304):
            body, remainder = b"", rest
        elif "content-length" in headers:
            length = int(headers["content-length"])
            if len(rest) < length:
                return responses, buffer, None
            body, remainder = rest[:length], rest[length:]
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body, remainder = b"", rest
            complete = False
            while True:
                line_end = remainder.find(b"\r\n")
                if line_end < 0:
                    break
                size = int(remainder[:line_end].split(b";")[0], 16)
                if len(remainder) < line_end + 2 + size + 2:
                    break
                body += remainder[line_end + 2:line_end + 2 + size]
                remainder = remainder[line_end + 2 + size + 2:]
                if size == 0:
                    complete = True
                    break
            if not complete:
                return responses, buffer, None
        else:
            if not eof:
                return responses, buffer, None
            body, remainder = rest, b""
        responses.append((status, headers, body))
        buffer = remainder


def exchange(port, data, source=None, settle=0.4, timeout=4.0, pieces=None, pause=0.0, half_close_after=None):
    """Sends raw bytes (or `pieces` with `pause` seconds between them) and reads what comes back
    until the server closes, or `settle` seconds pass quietly after a complete response, or
    `timeout` seconds pass. With `half_close_after` seconds of silence and no answer, shuts down
    our write side once and keeps reading (what does the server do at end of input?)."""
    outcome = Outcome()
    try:
        sock = connect(port, source)
    except OSError as error:
        outcome.closed = True
        outcome.send_error = f"connect: {error}"
        return outcome
    try:
        try:
            for piece in (pieces if pieces is not None else [data]):
                sock.sendall(piece)
                if pause:
                    time.sleep(pause)
        except OSError as error:  # the server may answer and close before reading everything
            outcome.send_error = str(error)
        buffer = b""
        deadline = time.monotonic() + timeout
        last_data = time.monotonic()
        half_closed = False
        while True:
            now = time.monotonic()
            if now >= deadline:
                outcome.waiting = not outcome.responses
                break
            wait = min(deadline - now, 0.05)
            readable, _, _ = select.select([sock], [], [], wait)
            if readable:
                try:
                    chunk = sock.recv(65536)
                except ConnectionResetError:
                    outcome.closed = outcome.reset = True
                    break
                except OSError:
                    outcome.closed = True
                    break
                if not chunk:
                    outcome.closed = True
                    break
                buffer += chunk
                outcome.raw += chunk
                last_data = time.monotonic()
                parsed, buffer, error = parse_responses(buffer, eof=False)
                outcome.responses.extend(parsed)
                if error:
                    outcome.responses.append((0, {}, error.encode()))
                    break
                continue
            quiet = time.monotonic() - last_data
            if outcome.responses and not buffer and quiet >= settle:
                break
            if half_close_after is not None and not half_closed and not outcome.responses and quiet >= half_close_after:
                try:
                    sock.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                half_closed = True
        if outcome.closed and buffer:
            parsed, buffer, _ = parse_responses(buffer, eof=True)
            outcome.responses.extend(parsed)
    finally:
        sock.close()
    return outcome


def scrape(port, source=None):
    """GET /metrics as {series text (name{labels}): value}."""
    status, _, body, _ = request(port, "GET", "/metrics", source=source)
    series = {}
    if status != 200:
        return series
    for line in body.decode("utf-8", "replace").splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            try:
                series[name] = float(value)
            except ValueError:
                pass
    return series


def metric_sum(series, name, **labels):
    """The sum of every sample of `name` whose labels include `labels`."""
    total = 0.0
    found = False
    for key, value in series.items():
        base, _, rest = key.partition("{")
        if base != name:
            continue
        if all(f'{k}="{v}"' in rest for k, v in labels.items()):
            total += value
            found = True
    return total if found else None


def fresh_directory(prefix):
    return tempfile.mkdtemp(prefix=prefix)


def remove_directory(path):
    shutil.rmtree(path, ignore_errors=True)
