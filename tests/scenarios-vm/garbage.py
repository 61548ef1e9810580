#!/usr/bin/python3
"""Misbehaving clients of vwifi-medium, for 06-medium-garbage.sh.

    garbage.py SOCKET [SECONDS]

Connects to the medium's guest socket (QEMU's stream framing: a 4-byte
big-endian length, then an Ethernet frame) and, one connection each:

  junk      64 KiB of random bytes (the first four read as a huge length)
  huge      a length of 4 GiB - 1, then bytes
  notair    1000 well-framed Ethernet frames that are not air frames
  badair    1000 frames of the air EtherType with a broken air header
  midframe  half of a frame, then a close
  half      half of a frame, then silence: kept open until the end
  noread    a client that never reads what the medium sends: kept open
  flood     framed non-air frames as fast as it can for SECONDS (default 10)

then closes what it kept open. Prints one line per client; exits 0 unless
it could not connect at all.
"""

import random
import socket
import struct
import sys
import time

AIR_ETHERTYPE = 0x88B5


def connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    return s


def send_all(s, data):
    """Send what the medium takes; a medium that cut us off is fine."""
    try:
        s.sendall(data)
        return True
    except OSError:
        return False


def frame(payload, ethertype, rnd):
    eth = bytes(rnd.getrandbits(8) for _ in range(12)) + struct.pack(">H", ethertype)
    body = eth + payload
    return struct.pack(">I", len(body)) + body


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = sys.argv[1]
    flood_secs = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    rnd = random.Random(1234)
    kept = []

    s = connect(path)
    ok = send_all(s, bytes(rnd.getrandbits(8) for _ in range(65536)))
    print("junk: 64 KiB of random bytes%s" % ("" if ok else " (cut off)"))
    s.close()

    s = connect(path)
    ok = send_all(s, struct.pack(">I", 0xFFFFFFFF) + b"\0" * 4096)
    print("huge: length 4 GiB - 1%s" % ("" if ok else " (cut off)"))
    s.close()

    s = connect(path)
    data = b"".join(frame(b"\x45" + bytes(59), 0x0800, rnd) for _ in range(1000))
    send_all(s, data)
    print("notair: 1000 IPv4 frames")
    s.close()

    s = connect(path)
    data = b"".join(frame(bytes(rnd.getrandbits(8) for _ in range(40)),
                          AIR_ETHERTYPE, rnd) for _ in range(1000))
    send_all(s, data)
    print("badair: 1000 air frames with broken air headers")
    s.close()

    s = connect(path)
    send_all(s, struct.pack(">I", 1000) + bytes(500))
    print("midframe: 500 of 1000 bytes, then closed")
    s.close()

    s = connect(path)
    send_all(s, struct.pack(">I", 1000) + bytes(10))
    print("half: 10 of 1000 bytes, then silence")
    kept.append(s)

    s = connect(path)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    print("noread: connected, never reads")
    kept.append(s)

    s = connect(path)
    s.setblocking(False)
    one = frame(bytes(100), 0x0800, rnd) * 64
    sent = 0
    end = time.monotonic() + flood_secs
    while time.monotonic() < end:
        try:
            sent += s.send(one)
        except BlockingIOError:
            time.sleep(0.001)
        except OSError:
            break
    print("flood: %d bytes of framed non-air frames in %.0f s" % (sent, flood_secs))
    s.close()

    for s in kept:
        s.close()
    print("closed the half and noread clients")
    return 0


if __name__ == "__main__":
    sys.exit(main())
