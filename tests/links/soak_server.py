#!/usr/bin/env python3
"""soak_server.py - misbehaviours the link-checker soak needs beyond ../shared/tools/hostile_web.py.

Python 3 standard library only; listens on 127.0.0.1 only.

  soak_server.py PORT [--hosts K] [--flip-port P] [--flip-period S]     run
  soak_server.py PORT --gen-json N [--hosts K] [--flip-port P] [--seed S]  N URL rows as JSON

Cases (every URL carries ?i=N):
  huge_header    200 whose head has one 256 KiB header line           -> unreachable
  endless_header status line, then header lines as fast as the client reads, forever -> unreachable/timeout
  endless_body   200 text/html, chunked, never ends (a checker reads the page head, then stops) -> ok
  endless_bin    200 application/octet-stream, never ends             -> ok
  many_redirects /many/N -> /many/N+1 -> ... (distinct URLs, never a loop) -> broken (too many redirects)
  retry_long     429 Retry-After: 86400                               -> rate_limited
  garbage_bin    random binary bytes, then close                      -> unreachable
  flip           on --flip-port: the listener is up for S seconds, then down (closed, open connections
                 reset) for S seconds, and so on                     -> ok or unreachable
Hosts: --hosts K listens on PORT..PORT+K-1; --gen-json spreads URLs over them (URL i on PORT + i % K).
"""

import argparse
import asyncio
import json
import os
import random
import socket
import struct
import sys

HOST = "127.0.0.1"

CASES = [  # name, path, expected, acceptable, weight
    ("huge_header", "/huge-header", "unreachable", ["timeout"], 1),
    ("endless_header", "/endless-header", "unreachable", ["timeout"], 1),
    ("endless_body", "/endless-body", "ok", ["timeout"], 1),
    ("endless_bin", "/endless-bin", "ok", ["timeout"], 1),
    ("many_redirects", "/many/0", "broken", [], 1),
    ("retry_long", "/retry-long", "rate_limited", [], 1),
    ("garbage_bin", "/garbage-bin", "unreachable", ["server_error"], 1),
    ("flip", "@flip", "ok", ["unreachable"], 2),
]


def generate(n, port, hosts=1, flip_port=None, seed=1):
    cases = [c for c in CASES if c[1] != "@flip" or flip_port]
    rng = random.Random(seed)
    names = [c[0] for c in cases]
    weights = [c[4] for c in cases]
    picks = names[:n] + [rng.choices(names, weights)[0] for _ in range(max(0, n - len(names)))]
    rng.shuffle(picks)
    by_name = {c[0]: c for c in cases}
    rows = []
    for i, name in enumerate(picks):
        c = by_name[name]
        if c[1] == "@flip":
            url = "http://%s:%d/ok?i=%d" % (HOST, flip_port, i)
        else:
            url = "http://%s:%d%s?i=%d" % (HOST, port + i % max(1, hosts), c[1], i)
        rows.append({"url": url, "case": name, "expected": c[2], "acceptable": c[3]})
    return rows


def rst(w):
    try:
        w.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except (OSError, AttributeError):
        pass
    w.transport.abort()


class Server:
    def __init__(self, port, hosts, flip_port, flip_period):
        self.port, self.hosts, self.flip_port, self.flip_period = port, hosts, flip_port, flip_period
        self.flip_conns = set()
        self.flip_server = None

    async def head(self, r):
        try:
            data = await r.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, OSError):
            return None
        line = data.split(b"\r\n", 1)[0].decode("latin-1", "replace").split(" ")
        return line[1] if len(line) >= 2 else None

    async def send(self, w, data):
        w.write(data)
        await w.drain()

    async def on_conn(self, r, w):
        try:
            while True:
                target = await self.head(r)
                if target is None:
                    break
                path = target.split("?", 1)[0]
                if not await self.dispatch(path, target, r, w):
                    break
        except (ConnectionError, OSError, asyncio.IncompleteReadError):
            pass
        finally:
            if not w.transport.is_closing():
                w.transport.abort()

    async def dispatch(self, path, target, r, w):
        """Answers one request; returns True to keep the connection."""
        q = target[len(path):]
        if path == "/ok":
            body = b"<!DOCTYPE html><html><head><title>up</title></head><body>up</body></html>"
            await self.send(w, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s"
                            % (len(body), body))
            return True
        if path == "/huge-header":
            await self.send(w, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Huge: " + b"a" * (256 * 1024)
                            + b"\r\nContent-Length: 0\r\n\r\n")
            return False
        if path == "/endless-header":
            await self.send(w, b"HTTP/1.1 200 OK\r\n")
            n = 0
            while True:  # ends when the client goes away
                await self.send(w, b"X-Endless-%d: %s\r\n" % (n, b"b" * 1000))
                n += 1
        if path in ("/endless-body", "/endless-bin"):
            ct = b"text/html" if path == "/endless-body" else b"application/octet-stream"
            await self.send(w, b"HTTP/1.1 200 OK\r\nContent-Type: " + ct + b"\r\nTransfer-Encoding: chunked\r\n\r\n")
            chunk = b"<p>" + b"endless " * 1000 + b"</p>\n"
            first = b"<!DOCTYPE html><html><head><title>Endless</title></head><body>" if ct == b"text/html" else b""
            await self.send(w, b"%x\r\n%s\r\n" % (len(first + chunk), first + chunk))
            while True:
                await self.send(w, b"%x\r\n%s\r\n" % (len(chunk), chunk))
        if path.startswith("/many/"):
            try:
                n = int(path[len("/many/"):])
            except ValueError:
                n = 0
            await self.send(w, b"HTTP/1.1 302 Found\r\nLocation: /many/%d%s\r\nContent-Length: 0\r\n\r\n"
                            % (n + 1, q.encode("latin-1", "replace")))
            return True
        if path == "/retry-long":
            await self.send(w, b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 86400\r\nContent-Length: 0\r\n\r\n")
            return True
        if path == "/garbage-bin":
            await self.send(w, os.urandom(2048))
            return False
        await self.send(w, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
        return True

    async def on_flip_conn(self, r, w):
        self.flip_conns.add(w)
        try:
            await self.on_conn(r, w)
        finally:
            self.flip_conns.discard(w)

    async def flipper(self):
        while True:
            self.flip_server = await asyncio.start_server(self.on_flip_conn, HOST, self.flip_port, backlog=1024,
                                                          reuse_address=True)
            await asyncio.sleep(self.flip_period)
            self.flip_server.close()
            for w in list(self.flip_conns):
                rst(w)
            await asyncio.sleep(self.flip_period)

    async def main(self):
        servers = []
        for k in range(self.hosts):
            servers.append(await asyncio.start_server(self.on_conn, HOST, self.port + k, backlog=1024,
                                                      reuse_address=True))
        if self.flip_port:
            asyncio.ensure_future(self.flipper())
        await asyncio.Event().wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("port", type=int)
    ap.add_argument("--hosts", type=int, default=1)
    ap.add_argument("--flip-port", type=int, default=None)
    ap.add_argument("--flip-period", type=float, default=1.0)
    ap.add_argument("--gen-json", type=int, metavar="N")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.gen_json is not None:
        json.dump(generate(a.gen_json, a.port, a.hosts, a.flip_port, a.seed), sys.stdout)
        sys.stdout.write("\n")
        return
    try:
        asyncio.run(Server(a.port, max(1, a.hosts), a.flip_port, a.flip_period).main())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
