"""Run ``sphinx-build`` with the network switched off: ``python build_offline.py <sphinx-build args>``.

An audit hook refuses every connection and name lookup that is not local
(loopback or a Unix socket, which multiprocessing uses), and reports it on
stderr, so a library that swallows the error still cannot hide the attempt.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from typing import Any

ATTEMPTS: list[str] = []


def _is_local(address: Any) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = address[0] if isinstance(address, tuple) and address else address
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guard(event: str, args: tuple[Any, ...]) -> None:
    if event == "socket.connect":
        sock, address = args
        if sock.family != socket.AF_UNIX and not _is_local(address):
            ATTEMPTS.append(f"{event} {address!r}")
            raise OSError(f"network access during the build: {address!r}")
    elif event == "socket.getaddrinfo" and not _is_local((args[0],)):
        ATTEMPTS.append(f"{event} {args[0]!r}")
        raise OSError(f"name lookup during the build: {args[0]!r}")


def main(argv: list[str]) -> int:
    sys.addaudithook(_guard)
    from sphinx.cmd.build import main as sphinx_build

    status = sphinx_build(argv)
    for attempt in ATTEMPTS:
        print(f"NETWORK ATTEMPT: {attempt}", file=sys.stderr)
    return status or (3 if ATTEMPTS else 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
