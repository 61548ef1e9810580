#!/usr/bin/python3
"""Hostile air frames for vwifi's Ethernet transport (30-hostile-air.sh).

    hostile.py SUBCOMMAND IFACE [options]

Sends Ethernet frames of EtherType 0x88B5 on IFACE (an AF_PACKET raw
socket, so root): each an air header (core/vw_core.h) and an 802.11 MPDU,
as another machine on the air would, or as an attacker would.

Subcommands:
  protected-beacons  beacons (broadcast) and probe responses (to each --sta)
                     from --bssid with the Protected bit set and bodies of
                     0..48 bytes: frames that are never protected; with
                     --all-kinds half of them protected probe requests and
                     (re)association requests (to --bssid), (re)association
                     responses, and deauth/disassoc/auth with bodies of
                     0..15 bytes (to each --sta), all malformed too
  auth-flood         open-system authentication requests to --bssid, each
                     from a new random unicast address
  ibss-flood         IBSS data frames (and every 10th a beacon with --ssid)
                     in cell --bssid, each from a new random source; every
                     --bad-every-th frame has a bad source instead
                     (multicast, all zero, or --own)
  spoof-assoc        open-system authentication and an association
                     request (PMF required in its RSN element) from --sta
                     to --bssid, as an attacker would send them
  deauth             deauthentication from --bssid to --sta (broadcast when
                     none), unprotected; with --protected-short protected
                     ones with bodies of 0..15 bytes instead
  mutate             a storm of mutated frames: templates of every frame
                     type vwifi parses (beacon, probe request/response,
                     auth, (re)assoc request/response, deauth, disassoc,
                     data ToDS/FromDS/4-address/IBSS, QoS data, null, QoS
                     null, protected data, protected management, control)
                     addressed to the given radios and BSSIDs, then bit
                     flips, truncations, random and duplicated elements
                     (lengths running past the end), broken air headers
                     (magic, version, hdr_len < 24 or past the frame,
                     truncated), random frequencies and transmitters
  own-addr           beacons whose air transmitter is --addr, a radio of
                     the receiving kernel, sent with IFACE's own Ethernet
                     source: what another machine with our machine number
                     would send

Once the socket is open it prints "hostile SUBCOMMAND: sending (seed X)".
Every subcommand stops after --count frames or --seconds seconds, whichever
comes first, paced by --rate (frames per second, 0: as fast as the socket
takes them). Random choices come from --seed: the same seed sends the same
frames in the same order. The last line printed is

    hostile SUBCOMMAND: sent N frames in S s (seed X, E send errors)

Addresses are aa:bb:cc:dd:ee:ff; --freq takes a comma-separated list of MHz,
used in turn. Exit status 0 once the socket is open, 2 on bad arguments.
"""

import argparse
import random
import signal
import socket
import struct
import sys
import time

AIR_ETHERTYPE = 0x88B5
AIR_MAGIC = 0x56574946
AIR_VERSION = 1
AIR_HDR_LEN = 24
AIR_F_SIGNAL_VALID = 0x0001

BCAST = b"\xff" * 6
ZERO = b"\x00" * 6

# 802.11 frame control: type << 2 | subtype << 4, flags in the high byte
FTYPE_MGMT, FTYPE_CTL, FTYPE_DATA, FTYPE_EXT = 0, 1, 2, 3
ASSOC_REQ, ASSOC_RESP, REASSOC_REQ, REASSOC_RESP = 0, 1, 2, 3
PROBE_REQ, PROBE_RESP, BEACON, DISASSOC, AUTH, DEAUTH = 4, 5, 8, 10, 11, 12
DATA, NULLFUNC, QOS_DATA, QOS_NULL = 0, 4, 8, 12
FC_TODS, FC_FROMDS, FC_PROTECTED, FC_ORDER = 0x0100, 0x0200, 0x4000, 0x8000

CAP_ESS, CAP_IBSS, CAP_PRIVACY, CAP_SHORT_PREAMBLE = 0x01, 0x02, 0x10, 0x20

EID_SSID, EID_RATES, EID_DS, EID_TIM, EID_IBSS, EID_RSN = 0, 1, 3, 5, 6, 48
RATES = bytes([0x82, 0x84, 0x8B, 0x96, 0x0C, 0x12, 0x18, 0x24])
# RSN: version 1, CCMP group, one CCMP pairwise, one PSK AKM, no capabilities
RSN = bytes.fromhex("0100000fac040100000fac040100000fac020000")

# the transport's MTU (driver/transport.c) less the air header
MPDU_MAX = 2304 - AIR_HDR_LEN

CHANNELS_24 = [2412 + 5 * i for i in range(13)] + [2484]


class Stop(Exception):
    """SIGTERM or SIGINT: stop sending and print what was sent."""


def on_signal(signum, frame):
    raise Stop()


def mac(text):
    try:
        b = bytes(int(x, 16) for x in text.split(":"))
    except ValueError:
        b = b""
    if len(b) != 6:
        raise argparse.ArgumentTypeError("not a MAC address: %s" % text)
    return b


def freqs(text):
    try:
        out = [int(x) for x in text.split(",") if x]
    except ValueError:
        out = []
    if not out or any(f < 0 or f > 0xFFFF for f in out):
        raise argparse.ArgumentTypeError("not a list of MHz: %s" % text)
    return out


def rand_unicast(rnd):
    """A locally administered unicast address, never one of vwifi's."""
    b = bytearray(rnd.randbytes(6))
    b[0] = (b[0] & 0xFC) | 0x02
    return bytes(b)


def rand_bytes(rnd, n):
    return rnd.randbytes(n)


# ---- building frames ------------------------------------------------------

def air_header(freq, tx_addr, seq, tx_power=20, flags=0, sig=0):
    return struct.pack(">IBBHHHbb6sI", AIR_MAGIC, AIR_VERSION, AIR_HDR_LEN,
                       flags, freq & 0xFFFF, 10, tx_power, sig, tx_addr,
                       seq & 0xFFFFFFFF)


def fc(ftype, stype, flags=0):
    return (ftype << 2) | (stype << 4) | flags


def hdr3(ftype, stype, a1, a2, a3, seq, flags=0):
    return struct.pack("<HH6s6s6sH", fc(ftype, stype, flags), 0, a1, a2, a3,
                       (seq & 0xFFF) << 4)


def ie(eid, data):
    return bytes([eid, len(data)]) + data


def beacon_body(ssid, capab, chan, extra=b""):
    return (struct.pack("<QHH", 0, 100, capab) + ie(EID_SSID, ssid) +
            ie(EID_RATES, RATES) + ie(EID_DS, bytes([chan])) + extra)


def chan_of(freq):
    if freq == 2484:
        return 14
    if 2412 <= freq <= 2472:
        return (freq - 2407) // 5
    return 0


def llc_snap(ethertype):
    return bytes([0xAA, 0xAA, 0x03, 0, 0, 0]) + struct.pack(">H", ethertype)


def ipv4_junk(rnd):
    """LLC/SNAP, then an IPv4 header with random addresses: the stack drops
    it (bad checksum) if it ever gets that far."""
    return llc_snap(0x0800) + b"\x45\x00\x00\x1c" + rand_bytes(rnd, 24)


def ccmp_body(rnd, payload_len):
    """CCMP header with a random PN and key id, random ciphertext and MIC."""
    pn = rand_bytes(rnd, 6)
    key = rnd.randrange(4) << 6
    hdr = bytes([pn[0], pn[1], 0, 0x20 | key]) + pn[2:]
    return hdr + rand_bytes(rnd, payload_len + 8)


class Sender:
    """One raw socket on IFACE and the bounds every subcommand keeps."""

    def __init__(self, args):
        self.args = args
        self.rnd = random.Random(args.seed)
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
        # protocol 0: we send, and receive nothing
        self.sock.bind((args.iface, 0))
        self.src = self.sock.getsockname()[4][:6]
        self.sent = 0
        self.errors = 0
        self.seq = 0
        self.start = time.monotonic()
        self.freq_i = 0

    def next_freq(self):
        f = self.args.freq[self.freq_i % len(self.args.freq)]
        self.freq_i += 1
        return f

    def more(self):
        if self.sent + self.errors >= self.args.count:
            return False
        elapsed = time.monotonic() - self.start
        if elapsed >= self.args.seconds:
            return False
        if self.args.rate > 0:
            due = self.start + (self.sent + self.errors) / self.args.rate
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        return True

    def send_raw(self, payload, eth_dst=BCAST):
        frame = eth_dst + self.src + struct.pack(">H", AIR_ETHERTYPE) + payload
        try:
            self.sock.send(frame)
            self.sent += 1
        except OSError:
            # a full queue, or a frame longer than the MTU: go on
            self.errors += 1
            time.sleep(0.001)

    def send(self, freq, mpdu, eth_dst=BCAST, tx_addr=None):
        self.seq += 1
        hdr = air_header(freq, tx_addr or self.args.tx_addr, self.seq)
        self.send_raw(hdr + mpdu, eth_dst)

    def report(self, name):
        print("hostile %s: sent %d frames in %.1f s (seed %d, %d send errors)"
              % (name, self.sent, time.monotonic() - self.start,
                 self.args.seed, self.errors), flush=True)


# ---- subcommands ----------------------------------------------------------

def run_protected_beacons(s, a):
    rnd = s.rnd
    targets = [None] + a.sta
    while s.more():
        body = rand_bytes(rnd, rnd.randrange(49))
        if rnd.random() < 0.3:
            # a real beacon body under the Protected bit
            body = beacon_body(b"test", CAP_ESS | CAP_PRIVACY, 6,
                               ie(EID_RSN, RSN))
        to = targets[rnd.randrange(len(targets))]
        if to is None:
            m = hdr3(FTYPE_MGMT, BEACON, BCAST, a.bssid, a.bssid, s.seq,
                     FC_PROTECTED)
        else:
            m = hdr3(FTYPE_MGMT, PROBE_RESP, to, a.bssid, a.bssid, s.seq,
                     FC_PROTECTED)
        if a.all_kinds and rnd.random() < 0.5:
            m, body = protected_other(rnd, a.bssid, to)
        s.send(s.next_freq(), m + body)


def protected_other(rnd, bssid, sta):
    """With --all-kinds: a protected probe request or (re)association
    request to the AP, a protected (re)association response to sta, or a
    protected deauth/disassoc/auth to sta with a body under 16 bytes."""
    src = rand_unicast(rnd)
    r = rnd.randrange(3) if sta else 0
    if r == 0:
        stype = [PROBE_REQ, ASSOC_REQ, REASSOC_REQ][rnd.randrange(3)]
        m = hdr3(FTYPE_MGMT, stype, bssid, src, bssid, 0, FC_PROTECTED)
        return m, rand_bytes(rnd, rnd.randrange(49))
    if r == 1:
        stype = [ASSOC_RESP, REASSOC_RESP][rnd.randrange(2)]
        m = hdr3(FTYPE_MGMT, stype, sta, bssid, bssid, 0, FC_PROTECTED)
        return m, rand_bytes(rnd, rnd.randrange(49))
    stype = [DEAUTH, DISASSOC, AUTH][rnd.randrange(3)]
    m = hdr3(FTYPE_MGMT, stype, sta, bssid, bssid, 0, FC_PROTECTED)
    return m, rand_bytes(rnd, rnd.randrange(16))


def run_auth_flood(s, a):
    while s.more():
        m = hdr3(FTYPE_MGMT, AUTH, a.bssid, rand_unicast(s.rnd), a.bssid,
                 s.seq)
        s.send(s.next_freq(), m + struct.pack("<HHH", 0, 1, 0))


def run_ibss_flood(s, a):
    rnd = s.rnd
    bad = [BCAST, b"\x01\x00\x5e\x00\x00\x01", ZERO]
    if a.own:
        bad.append(a.own)
    n = 0
    while s.more():
        n += 1
        src = rand_unicast(rnd)
        if a.bad_every and n % a.bad_every == 0:
            src = bad[(n // a.bad_every) % len(bad)]
        if a.ssid and n % 10 == 5:
            m = hdr3(FTYPE_MGMT, BEACON, BCAST, src, a.bssid, s.seq)
            body = beacon_body(a.ssid.encode(), CAP_IBSS, chan_of(a.freq[0]),
                               ie(EID_IBSS, b"\0\0"))
        else:
            m = hdr3(FTYPE_DATA, DATA, a.to, src, a.bssid, s.seq)
            # a local experimental EtherType: no protocol takes it
            body = llc_snap(0x88B6) + rand_bytes(rnd, 16)
        s.send(s.next_freq(), m + body)


def run_deauth(s, a):
    rnd = s.rnd
    to = a.sta or BCAST
    while s.more():
        if a.protected_short:
            m = hdr3(FTYPE_MGMT, DEAUTH, to, a.bssid, a.bssid, s.seq,
                     FC_PROTECTED)
            body = rand_bytes(rnd, rnd.randrange(16))
        else:
            m = hdr3(FTYPE_MGMT, DEAUTH, to, a.bssid, a.bssid, s.seq)
            body = struct.pack("<H", a.reason)
        s.send(s.next_freq(), m + body)


def run_spoof_assoc(s, a):
    """An open-system authentication, then an association request, both
    claiming to come from --sta: what lets an AP without PMF drop the real
    station."""
    # RSN: CCMP, PSK-SHA256, capabilities MFPC and MFPR (PMF required)
    rsn = bytes.fromhex("0100000fac040100000fac040100000fac06c000")
    while s.more():
        m = hdr3(FTYPE_MGMT, AUTH, a.bssid, a.sta, a.bssid, s.seq)
        s.send(s.next_freq(), m + struct.pack("<HHH", 0, 1, 0))
        m = hdr3(FTYPE_MGMT, ASSOC_REQ, a.bssid, a.sta, a.bssid, s.seq)
        body = struct.pack("<HH", CAP_ESS | CAP_PRIVACY, 10) + \
            ie(EID_SSID, a.ssid.encode()) + ie(EID_RATES, RATES) + \
            ie(EID_RSN, rsn)
        s.send(s.next_freq(), m + body)


def run_own_addr(s, a):
    while s.more():
        m = hdr3(FTYPE_MGMT, BEACON, BCAST, a.addr, a.addr, s.seq)
        body = beacon_body(b"own-addr", CAP_ESS, chan_of(a.freq[0]))
        s.send(s.next_freq(), m + body, tx_addr=a.addr)


# ---- the mutation storm ---------------------------------------------------

class Storm:
    """Templates of every frame kind, aimed at the radios we were given."""

    def __init__(self, s, a):
        self.s = s
        self.a = a
        self.rnd = s.rnd
        # (address, frequency) of every station radio we may address
        self.stas = [(m, f) for m, f in a.sta]
        self.templates = [
            self.ap_beacon, self.ibss_beacon, self.probe_req,
            self.probe_resp, self.auth, self.assoc_req, self.assoc_resp,
            self.deauth, self.data_fromds, self.data_tods, self.data_4addr,
            self.data_ibss, self.qos_data, self.null, self.protected_data,
            self.protected_mgmt, self.control,
        ]

    def pick(self, seq):
        return seq[self.rnd.randrange(len(seq))]

    def sta(self):
        if not self.stas:
            return BCAST, self.a.ap_freq
        return self.pick(self.stas)

    def ap_ies(self):
        return (ie(EID_SSID, self.a.ssid.encode()) + ie(EID_RATES, RATES) +
                ie(EID_RSN, RSN))

    # Each template returns (frequency, MPDU, Ethernet destination).

    def ap_beacon(self):
        a = self.a
        m = hdr3(FTYPE_MGMT, BEACON, BCAST, a.bssid, a.bssid, 0)
        tim = ie(EID_TIM, b"\x00\x01\x00\x00")
        return a.ap_freq, m + beacon_body(a.ssid.encode(),
                                          CAP_ESS | CAP_PRIVACY,
                                          chan_of(a.ap_freq),
                                          tim + ie(EID_RSN, RSN)), BCAST

    def ibss_beacon(self):
        a = self.a
        src = self.pick([rand_unicast(self.rnd), a.ibss_sta or BCAST])
        stype = self.pick([BEACON, PROBE_RESP])
        to = BCAST if stype == BEACON else (a.ibss_sta or BCAST)
        m = hdr3(FTYPE_MGMT, stype, to, src, a.ibss_bssid, 0)
        body = beacon_body(a.ibss_ssid.encode(), CAP_IBSS,
                           chan_of(a.ibss_freq), ie(EID_IBSS, b"\0\0"))
        return a.ibss_freq, m + body, BCAST

    def probe_req(self):
        a = self.a
        if self.rnd.random() < 0.5:
            dst, bssid, f = self.pick([BCAST, a.bssid]), a.bssid, a.ap_freq
            ssid = self.pick([b"", a.ssid.encode()])
        else:
            dst, bssid, f = BCAST, a.ibss_bssid, a.ibss_freq
            ssid = self.pick([b"", a.ibss_ssid.encode()])
        m = hdr3(FTYPE_MGMT, PROBE_REQ, dst, rand_unicast(self.rnd),
                 self.pick([BCAST, bssid]), 0)
        return f, m + ie(EID_SSID, ssid) + ie(EID_RATES, RATES), BCAST

    def probe_resp(self):
        a = self.a
        to, f = self.sta()
        m = hdr3(FTYPE_MGMT, PROBE_RESP, to, a.bssid, a.bssid, 0)
        return f, m + beacon_body(a.ssid.encode(), CAP_ESS | CAP_PRIVACY,
                                  chan_of(f), ie(EID_RSN, RSN)), to

    def auth(self):
        a = self.a
        if self.rnd.random() < 0.5:
            # to the AP, from a stranger
            m = hdr3(FTYPE_MGMT, AUTH, a.bssid, rand_unicast(self.rnd),
                     a.bssid, 0)
            alg = self.pick([0, 0, 1, 3])
            return a.ap_freq, m + struct.pack("<HHH", alg, 1, 0), a.bssid
        to, f = self.sta()
        m = hdr3(FTYPE_MGMT, AUTH, to, a.bssid, a.bssid, 0)
        status = self.pick([0, 1, 17])
        return f, m + struct.pack("<HHH", 0, 2, status), to

    def assoc_req(self):
        a = self.a
        stype = self.pick([ASSOC_REQ, REASSOC_REQ])
        m = hdr3(FTYPE_MGMT, stype, a.bssid, rand_unicast(self.rnd), a.bssid,
                 0)
        fixed = struct.pack("<HH", CAP_ESS | CAP_PRIVACY, 10)
        if stype == REASSOC_REQ:
            fixed += a.bssid
        return a.ap_freq, m + fixed + self.ap_ies(), a.bssid

    def assoc_resp(self):
        a = self.a
        to, f = self.sta()
        stype = self.pick([ASSOC_RESP, REASSOC_RESP])
        m = hdr3(FTYPE_MGMT, stype, to, a.bssid, a.bssid, 0)
        status = self.pick([0, 1, 17])
        aid = self.rnd.randrange(0x4000) | 0xC000
        return f, m + struct.pack("<HHH", CAP_ESS, status, aid) + \
            ie(EID_RATES, RATES), to

    def deauth(self):
        a = self.a
        stype = self.pick([DEAUTH, DISASSOC])
        reason = struct.pack("<H", self.pick([1, 3, 7, 8]))
        if self.rnd.random() < 0.5:
            to, f = self.sta()
            to = self.pick([to, BCAST])
            m = hdr3(FTYPE_MGMT, stype, to, a.bssid, a.bssid, 0)
            return f, m + reason, BCAST
        m = hdr3(FTYPE_MGMT, stype, a.bssid, rand_unicast(self.rnd), a.bssid,
                 0)
        return a.ap_freq, m + reason, a.bssid

    def data_fromds(self):
        a = self.a
        to, f = self.sta()
        m = hdr3(FTYPE_DATA, DATA, to, a.bssid, rand_unicast(self.rnd), 0,
                 FC_FROMDS)
        return f, m + ipv4_junk(self.rnd), to

    def data_tods(self):
        a = self.a
        src = self.pick([rand_unicast(self.rnd), self.sta()[0]])
        m = hdr3(FTYPE_DATA, DATA, a.bssid, src, rand_unicast(self.rnd), 0,
                 FC_TODS)
        return a.ap_freq, m + ipv4_junk(self.rnd), a.bssid

    def data_4addr(self):
        a = self.a
        to, f = self.pick([(a.bssid, a.ap_freq), self.sta()])
        m = hdr3(FTYPE_DATA, DATA, to, rand_unicast(self.rnd),
                 rand_unicast(self.rnd), 0, FC_TODS | FC_FROMDS)
        return f, m + rand_unicast(self.rnd) + ipv4_junk(self.rnd), to

    def data_ibss(self):
        a = self.a
        to = self.pick([BCAST, a.ibss_sta or BCAST])
        m = hdr3(FTYPE_DATA, DATA, to, rand_unicast(self.rnd), a.ibss_bssid,
                 0)
        return a.ibss_freq, m + ipv4_junk(self.rnd), to

    def qos_data(self):
        f, base, to = self.pick([self.data_fromds, self.data_tods,
                                 self.data_ibss])()
        # QoS data: subtype 8, the QoS control field after the header
        fc0 = struct.unpack_from("<H", base)[0] | (QOS_DATA << 4)
        if self.rnd.random() < 0.2:
            fc0 |= FC_ORDER	# and an HT Control field
        qos = struct.pack("<H", self.rnd.randrange(16))
        htc = rand_bytes(self.rnd, 4) if fc0 & FC_ORDER else b""
        return f, struct.pack("<H", fc0) + base[2:24] + qos + htc + \
            base[24:], to

    def null(self):
        a = self.a
        stype = self.pick([NULLFUNC, QOS_NULL])
        src = self.pick([rand_unicast(self.rnd), self.sta()[0]])
        m = hdr3(FTYPE_DATA, stype, a.bssid, src, a.bssid, 0, FC_TODS)
        if stype == QOS_NULL:
            m += b"\x00\x00"
        return a.ap_freq, m, a.bssid

    def protected_data(self):
        a = self.a
        if self.rnd.random() < 0.5:
            to, f = self.sta()
            m = hdr3(FTYPE_DATA, DATA, to, a.bssid, rand_unicast(self.rnd),
                     0, FC_FROMDS | FC_PROTECTED)
        else:
            to, f = a.bssid, a.ap_freq
            m = hdr3(FTYPE_DATA, DATA, a.bssid, self.sta()[0],
                     rand_unicast(self.rnd), 0, FC_TODS | FC_PROTECTED)
        return f, m + ccmp_body(self.rnd, self.rnd.randrange(64)), to

    def protected_mgmt(self):
        a = self.a
        to, f = self.sta()
        stype = self.pick([DEAUTH, DISASSOC, AUTH, BEACON, PROBE_RESP,
                           ASSOC_RESP, ASSOC_REQ, PROBE_REQ])
        m = hdr3(FTYPE_MGMT, stype, to, a.bssid, a.bssid, 0, FC_PROTECTED)
        return f, m + rand_bytes(self.rnd, self.rnd.randrange(40)), to

    def control(self):
        # control and extension frames vwifi does not model, and a data
        # subtype it does not know
        to, f = self.sta()
        kind = self.pick([(FTYPE_CTL, 11), (FTYPE_CTL, 13), (FTYPE_EXT, 1),
                          (FTYPE_DATA, 6), (FTYPE_MGMT, 13)])
        m = hdr3(kind[0], kind[1], to, self.a.bssid, self.a.bssid, 0)
        return f, m + rand_bytes(self.rnd, self.rnd.randrange(16)), to

    # ---- mutations ----

    def bit_flips(self, b):
        for _ in range(self.rnd.randrange(1, 9)):
            if not b:
                break
            i = self.rnd.randrange(len(b))
            b[i] ^= 1 << self.rnd.randrange(8)
        return b

    def truncate(self, b):
        return b[:self.rnd.randrange(len(b) + 1)]

    def random_elements(self, b):
        """Replace what follows the header and some fixed bytes with a
        random element chain; the last element may run past the end."""
        cut = min(len(b), 24 + self.rnd.randrange(13))
        chain = bytearray()
        for _ in range(self.rnd.randrange(1, 8)):
            eid = self.pick([EID_SSID, EID_RATES, EID_DS, EID_TIM, EID_RSN,
                             EID_IBSS, 221, 255, self.rnd.randrange(256)])
            n = self.rnd.randrange(256)
            have = n if self.rnd.random() < 0.8 else self.rnd.randrange(n + 1)
            chain += bytes([eid, n]) + rand_bytes(self.rnd, have)
        return b[:cut] + chain

    def duplicate_elements(self, b):
        """The same element twice or more, with a different length."""
        ssid = self.a.ssid.encode()
        dup = ie(EID_SSID, ssid) + ie(EID_SSID, ssid[:1]) + \
            ie(EID_RSN, RSN) + ie(EID_RSN, RSN[:self.rnd.randrange(20)])
        return b + dup * self.rnd.randrange(1, 4)

    def mutate(self, mpdu):
        b = bytearray(mpdu)
        ops = [self.bit_flips, self.truncate, self.random_elements,
               self.duplicate_elements]
        for _ in range(self.rnd.randrange(4)):
            b = self.pick(ops)(b)
        return bytes(b[:MPDU_MAX])

    def air(self, freq, mpdu):
        """The air header, sometimes broken."""
        rnd = self.rnd
        r = rnd.random()
        if r < 0.2:
            freq = self.pick(CHANNELS_24 + [5180, 0, 0xFFFF,
                                            rnd.randrange(0x10000)])
        tx = self.a.tx_addr
        r = rnd.random()
        if r < 0.05:
            tx = rand_unicast(rnd)
        elif r < 0.08:
            tx = self.sta()[0]	# one of the receivers' own: an echo
        flags, sig = 0, 0
        if rnd.random() < 0.05:
            flags, sig = AIR_F_SIGNAL_VALID, rnd.randrange(-128, 128)
        self.s.seq += 1
        hdr = bytearray(air_header(freq, tx, self.s.seq, flags=flags,
                                   sig=sig))
        r = rnd.random()
        if r < 0.02:
            hdr[0] ^= 1 << rnd.randrange(8)		# bad magic
        elif r < 0.04:
            hdr[4] = self.pick([0, 2, 255])		# bad version
        elif r < 0.06:
            hdr[5] = rnd.randrange(AIR_HDR_LEN)		# hdr_len < 24
        elif r < 0.08:
            hdr[5] = 255				# hdr_len past the end
            mpdu = mpdu[:rnd.randrange(200)]
        elif r < 0.10:
            hdr[5] = rnd.randrange(AIR_HDR_LEN + 1, 64)	# longer header
        elif r < 0.12:
            return bytes(hdr[:rnd.randrange(AIR_HDR_LEN)])	# truncated
        elif r < 0.13:
            return bytes(hdr) + self.bit_flips(bytearray(mpdu))[:1]
        return bytes(hdr) + mpdu

    def run(self):
        s, rnd = self.s, self.rnd
        while s.more():
            freq, mpdu, to = self.pick(self.templates)()
            # a fresh sequence number; unmutated frames now and then
            if len(mpdu) >= 24:
                seq = struct.pack("<H", (s.seq & 0xFFF) << 4)
                mpdu = mpdu[:22] + seq + mpdu[24:]
            if rnd.random() < 0.9:
                mpdu = self.mutate(mpdu)
            r = rnd.random()
            if r < 0.7 or to == BCAST:
                dst = BCAST
            elif r < 0.95:
                dst = to
            else:
                dst = rand_unicast(rnd)
            s.send_raw(self.air(freq, mpdu), dst)


def run_mutate(s, a):
    Storm(s, a).run()


# ---- command line ---------------------------------------------------------

def sta_at(text):
    """MAC[@FREQ]: a station radio and the frequency it listens on."""
    addr, _, f = text.partition("@")
    try:
        freq = int(f) if f else 2437
    except ValueError:
        raise argparse.ArgumentTypeError("not MAC[@MHZ]: %s" % text)
    return mac(addr), freq


def parser():
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("iface", help="interface to send on (root)")
    common.add_argument("--count", type=int, default=None,
                        help="at most this many frames")
    common.add_argument("--seconds", type=float, default=30.0,
                        help="at most this long (default 30)")
    common.add_argument("--rate", type=float, default=0.0,
                        help="frames per second (default 0: no pacing)")
    common.add_argument("--seed", type=int, default=1,
                        help="seed of every random choice (default 1)")
    common.add_argument("--tx-addr", type=mac,
                        default=mac("02:76:77:00:00:fe"),
                        help="air header transmitter (default "
                             "02:76:77:00:00:fe, no vwifi radio)")

    p = argparse.ArgumentParser(
        prog="hostile.py", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True, metavar="SUBCOMMAND")

    def add(name, default_count, default_freq, helptext):
        sp = sub.add_parser(name, parents=[common], help=helptext)
        if default_freq:
            sp.add_argument("--freq", type=freqs, default=[default_freq],
                            help="MHz, comma-separated, used in turn "
                                 "(default %d)" % default_freq)
        sp.set_defaults(default_count=default_count)
        return sp

    sp = add("protected-beacons", 400, 2437,
             "protected beacons and probe responses")
    sp.add_argument("--bssid", type=mac, required=True)
    sp.add_argument("--sta", type=mac, action="append", default=[],
                    help="station for probe responses (repeatable)")
    sp.add_argument("--all-kinds", action="store_true",
                    help="half the frames: protected probe requests and "
                         "(re)assoc frames, short protected "
                         "deauth/disassoc/auth")

    sp = add("auth-flood", 300, 2437, "open-system authentications")
    sp.add_argument("--bssid", type=mac, required=True)

    sp = add("ibss-flood", 5000, 2412, "IBSS frames from new sources")
    sp.add_argument("--bssid", type=mac, required=True, help="the cell")
    sp.add_argument("--to", type=mac, default=BCAST,
                    help="receiver address (default broadcast)")
    sp.add_argument("--ssid", default="",
                    help="also send beacons of this cell")
    sp.add_argument("--own", type=mac, default=None,
                    help="the receiving radio's address, as a bad source")
    sp.add_argument("--bad-every", type=int, default=50,
                    help="every Nth frame a bad source (0: none)")

    sp = add("deauth", 1, 2437, "spoofed deauthentication")
    sp.add_argument("--bssid", type=mac, required=True,
                    help="the AP the frames claim to come from")
    sp.add_argument("--sta", type=mac, default=None,
                    help="the station (default broadcast)")
    sp.add_argument("--reason", type=int, default=7)
    sp.add_argument("--protected-short", action="store_true",
                    help="protected, bodies of 0..15 bytes")

    sp = add("spoof-assoc", 1, 2437,
             "authentication and association in another station's name")
    sp.add_argument("--bssid", type=mac, required=True, help="the AP")
    sp.add_argument("--sta", type=mac, required=True,
                    help="the station whose address the frames claim")
    sp.add_argument("--ssid", default="test")

    sp = add("mutate", 40000, None, "mutation storm")
    sp.add_argument("--bssid", type=mac, required=True, help="the AP")
    sp.add_argument("--ssid", default="test")
    sp.add_argument("--ap-freq", type=int, default=2437)
    sp.add_argument("--sta", type=sta_at, action="append", default=[],
                    help="MAC[@MHZ] of a station radio (repeatable)")
    sp.add_argument("--ibss-bssid", type=mac, default=mac("02:76:77:1b:55:01"))
    sp.add_argument("--ibss-ssid", default="ibss1")
    sp.add_argument("--ibss-freq", type=int, default=2412)
    sp.add_argument("--ibss-sta", type=mac, default=None,
                    help="the IBSS radio's address")

    sp = add("own-addr", 10, 2412, "frames with our own radio's address")
    sp.add_argument("--addr", type=mac, required=True,
                    help="a radio of the receiving kernel")
    return p


RUN = {
    "protected-beacons": run_protected_beacons,
    "auth-flood": run_auth_flood,
    "ibss-flood": run_ibss_flood,
    "deauth": run_deauth,
    "spoof-assoc": run_spoof_assoc,
    "mutate": run_mutate,
    "own-addr": run_own_addr,
}


def main():
    a = parser().parse_args()
    if a.count is None:
        a.count = a.default_count
    if a.count < 0 or a.seconds < 0 or a.rate < 0:
        print("hostile.py: --count, --seconds and --rate must not be "
              "negative", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    s = Sender(a)
    # the socket is open: whoever waits for the frames may go on
    print("hostile %s: sending (seed %d)" % (a.cmd, a.seed), flush=True)
    try:
        RUN[a.cmd](s, a)
    except Stop:
        pass
    finally:
        s.report(a.cmd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
