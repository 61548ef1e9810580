#!/bin/bash
# vw-timeout: 300
# The Ethernet transport refuses interfaces it cannot work over, and
# notices a second machine with our machine number on the same air.
#
#   init_net                                          nsy
#  +------------------------------------------+      +--------------------+
#  | vw0  STA, up, idle: hears the air frames |      |                    |
#  | vw1  STA <- vw1.5 (VLAN), mv1 (macvlan)  |      |                    |
#  |             <- mv1.7 (VLAN over mv1)     |      |                    |
#  | vw2  AP type, a port of bridge br0       |      |                    |
#  | ta0.5 VLAN on veth ta0 (MTU 1500) - ta1  |      |                    |
#  | tx0  veth, the transport ------------------------ ty0: air frames by |
#  |                                          |      |      AF_PACKET     |
#  +------------------------------------------+      +--------------------+
#
# Asserts, each part on its own (the scenario goes on after a failed
# check and fails at the end, so one run shows every part's outcome):
#  - (new) ta0.5 cannot reach MTU 2304 (checked first with ip link):
#    "vwifi-tool transport attach ta0.5" exits non-zero with a message
#    containing 2304; nothing is attached and ta0.5 is left as it was
#    (MTU, promiscuity);
#  - (new) vw1.5, mv1, mv1.7 and br0 are stacked on a vwifi radio: attach
#    exits non-zero with a message containing "stacked", nothing attached.
#    br0 can take MTU 2304, so only the stacked rule can refuse it; the
#    others are also below 2304 for good (a vwifi netdev's MTU is 1500),
#    which is why their refusal must name the stacking;
#  - tx0 (veth, MTU 1500 but raisable): attach succeeds, MTU 2304 after;
#  - air frames from ty0 (nsy) through tx0: a foreign transmitter's
#    beacons reach vw0 (control); beacons with vw0's own address as
#    transmitter and tx0's Ethernet address (a bridge echoing us) are
#    dropped silently (the transport counts them OWN, vw0 receives none,
#    nothing logged); (new) the same with ty0's Ethernet address (another
#    machine with our number) are dropped too and logged once: exactly one
#    "uses our machine number" line for three; (new) one more after a
#    re-attach;
#  - (new) insmod transport=ta0.5 fails, leaving ta0.5 not promiscuous;
#  - after each part, no BUG/WARNING/... in the kernel log.
# vwifi only: mac80211_hwsim has no Ethernet transport (VW_DRIVER=hwsim
# skips with that reason).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
[ "$VW_DRIVER" = vwifi ] ||
	skip "SKIP: the Ethernet transport is vwifi's own; $VW_DRIVER has none"
# shellcheck source-path=SCRIPTDIR source=tool-lib.sh
. "$(dirname "$0")/tool-lib.sh"
require python3

failures=()

# check WHAT CMD...: CMD must succeed. A failure is reported and the
# scenario goes on: the parts are independent, and a driver that gets one
# wrong should still show what it does with the others (see the end).
check() {
	local what=$1

	shift
	if "$@"; then
		log "ok: $what"
	else
		printf 'FAIL: %s\n' "$what" >&2
		failures+=("$what")
	fi
}


nothing_attached() {
	"$VW_TOOL" transport show --json | grep -q '"interface": null'
}

# mtu_of IFACE / promisc_of IFACE (in init_net)
mtu_of() { cat "/sys/class/net/$1/mtu"; }
promisc_of() {
	ip -d link show dev "$1" | sed -nE 's/.* promiscuity ([0-9]+).*/\1/p'
}

# attach_refused IFACE REGEX: vwifi-tool transport attach IFACE exits
# non-zero with a message matching REGEX, and leaves nothing attached and
# IFACE as it was.
attach_refused() {
	local dev=$1 re=$2 out rc=0 mtu promisc

	mtu=$(mtu_of "$dev")
	promisc=$(promisc_of "$dev")
	printf '+ %s transport attach %s   (must be refused)\n' "$VW_TOOL" "$dev"
	out=$("$VW_TOOL" transport attach "$dev" 2>&1) || rc=$?
	printf '%s\n' "$out"
	if [ "$rc" = 0 ]; then
		log "the transport was attached to $dev (mtu $(mtu_of "$dev"))"
		# the next parts start from nothing attached
		"$VW_TOOL" transport detach || true
		return 1
	fi
	grep -qE -- "$re" <<<"$out" || { log "the message lacks /$re/"; return 1; }
	nothing_attached || { log "something is attached after the refusal"; return 1; }
	if [ "$(mtu_of "$dev")" != "$mtu" ] || [ "$(promisc_of "$dev")" != "$promisc" ]; then
		log "$dev changed: mtu $mtu -> $(mtu_of "$dev"), promiscuity $promisc -> $(promisc_of "$dev")"
		return 1
	fi
}

load_vwifi 3
pp ip link set vw0 up
check "nothing attached after insmod" nothing_attached

# ---- an MTU that cannot reach 2304 -----------------------------------------
# A VLAN can never be larger than its lower device: ta0 stays at 1500.
pp ip link add name ta0 type veth peer name ta1
pp ip link add link ta0 name ta0.5 type vlan id 5
if ip link set ta0.5 mtu 2304 2>/dev/null; then
	fail "precondition: ta0.5 took MTU 2304 over a 1500-byte ta0"
fi
log "ta0.5: mtu $(mtu_of ta0.5), cannot be raised to 2304 (as it must be)"
check "(new) attach to ta0.5 (MTU 1500 for good) refused, naming 2304" \
	attach_refused ta0.5 2304
check "kernel log clean after the MTU refusal" dmesg_clean

# ---- stacked on a vwifi radio ----------------------------------------------
pp ip link add link vw1 name vw1.5 type vlan id 5
pp ip link add link vw1 name mv1 type macvlan mode bridge
pp ip link add link mv1 name mv1.7 type vlan id 7
# cfg80211 lets only AP (and 4-address) interfaces into a bridge.
pp iw dev vw2 set type __ap
pp ip link add name br0 type bridge
pp ip link set vw2 master br0
# A bridge may be larger than its ports: MTU is no reason to refuse br0.
pp ip link set br0 mtu 2304
for dev in vw1.5 mv1 mv1.7 br0; do
	check "(new) attach to $dev (stacked on a vwifi radio) refused as stacked" \
		attach_refused "$dev" stacked
done
check "kernel log clean after the stacked refusals" dmesg_clean

# ---- a veth whose MTU can be raised -----------------------------------------
pp ip netns add nsy
vw_netns+=(nsy)
pp ip link add name tx0 type veth peer name ty0 netns nsy
pp ip link set tx0 up
n nsy ip link set ty0 up
log "tx0: mtu $(mtu_of tx0) before the attach"
attached_tx0() {
	vt transport attach tx0 || return 1
	"$VW_TOOL" transport show --json | grep -q '"interface": "tx0"' ||
		{ log "transport show does not name tx0"; return 1; }
	[ "$(mtu_of tx0)" = 2304 ] || { log "tx0 has mtu $(mtu_of tx0)"; return 1; }
}
check "attach to tx0 succeeds and raises its MTU to 2304" attached_tx0
check "kernel log clean after the attach" dmesg_clean

# ---- another machine with our machine number ---------------------------------
# send_air COUNT TX_ADDR BSSID [ETH_SRC]: COUNT beacons from ty0, air header
# (core/vw_air.c) on vw0's frequency, Ethernet to broadcast from ETH_SRC
# (default ty0's own address).
air_py=$(
	cat <<'EOF'
import socket, struct, sys

dev, freq, count, tx, bssid = sys.argv[1:6]
freq, count = int(freq), int(count)


def mac(s):
    return bytes.fromhex(s.replace(':', ''))


if len(sys.argv) > 6:
    src = mac(sys.argv[6])
else:
    src = mac(open('/sys/class/net/%s/address' % dev).read().strip())
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((dev, 0))
for seq in range(count):
    # beacon: timestamp, interval 100 TU, ESS; SSID, rates, DS parameter
    body = struct.pack('<QHH', 0, 100, 0x0001) + b'\x00\x04twin' + \
        b'\x01\x01\x82' + bytes([3, 1, (freq - 2407) // 5])
    mpdu = struct.pack('<HH', 0x0080, 0) + b'\xff' * 6 + mac(bssid) + \
        mac(bssid) + struct.pack('<H', seq << 4) + body
    # magic, version 1, hdr_len 24, flags 0, freq, 1 Mb/s, 20 dBm, signal,
    # tx_addr, seq
    air = struct.pack('!IBBHHHbb6sI', 0x56574946, 1, 24, 0, freq, 10, 20, 0,
                      mac(tx), seq)
    s.send(b'\xff' * 6 + src + struct.pack('!H', 0x88b5) + air + mpdu)
EOF
)
send_air() {
	printf '+ ip netns exec nsy python3 (send %s beacons, tx_addr %s, bssid %s, from %s)\n' \
		"$1" "$2" "$3" "${4:-ty0}"
	# -S -I: no site packages to look through, seconds less in the guest
	ip netns exec nsy python3 -S -I -c "$air_py" ty0 "$freq" "$@"
}

# json_val KEY: the value of "KEY": in vwifi-tool's --json on stdin (one
# key a line; sed, as each python3 start takes seconds in an emulated guest)
json_val() {
	sed -nE 's/^ *"'"$1"'": "?([^",]*)"?,?$/\1/p' | head -n 1
}
# tstat KEY: a counter of transport show --json; rstat KEY: one of vw0's
tstat() { "$VW_TOOL" transport show --json | json_val "$1"; }
rstat() { "$VW_TOOL" radio list vw0 --json | json_val "$1"; }
twin_lines() {
	local c

	c=$(dmesg | grep -c 'uses our machine number') || true
	printf '%s\n' "${c:-0}"
}
at_least() { [ "$("$1" "$2")" -ge "$3" ]; }

own=$(rstat mac)
freq=$(rstat freq)
tx0_mac=$(cat /sys/class/net/tx0/address)
log "vw0: $own on $freq MHz; tx0 is $tx0_mac, ty0 is $(mac_of nsy ty0)"
vt transport show

# phase 1 (control): a foreign transmitter is heard, so silence later means
# the frames were dropped, not lost on the way
rx0=$(rstat rx_frames)
trx=$(tstat rx_frames)
send_air 3 02:00:00:00:00:99 02:00:00:00:00:99
heard() {
	wait_for 10 at_least tstat rx_frames $((trx + 3)) &&
		wait_for 10 at_least rstat rx_frames $((rx0 + 3))
}
check "a foreign transmitter's 3 beacons reach vw0 (control)" heard
vt transport show

# phase 2: our own frames, echoed by a bridge (tx0's Ethernet address),
# are ours and nothing to report
own_dropped() {
	local rx0 trx town want_lines=$1

	shift
	rx0=$(rstat rx_frames)
	trx=$(tstat rx_frames)
	town=$(tstat rx_own)
	send_air 3 "$own" "$@" || return 1
	wait_for 10 at_least tstat rx_frames $((trx + 3)) ||
		{ log "the transport did not receive the 3 frames"; return 1; }
	sleep 1		# the radios' receive queues are drained by NAPI
	vt transport show
	[ "$(tstat rx_own)" -ge $((town + 3)) ] ||
		{ log "rx_own went from $town to $(tstat rx_own)"; return 1; }
	[ "$(rstat rx_frames)" = "$rx0" ] ||
		{ log "vw0 received $(($(rstat rx_frames) - rx0)) of them"; return 1; }
	log "\"uses our machine number\" lines: $(twin_lines)"
	dmesg | grep 'uses our machine number' || true
	[ "$(twin_lines)" = "$want_lines" ] ||
		{ log "expected $want_lines such lines"; return 1; }
}
check "our own beacons echoed from tx0's address: dropped, nothing logged" \
	own_dropped 0 02:00:00:00:00:97 "$tx0_mac"

# phase 3: the same transmitter address from another NIC is a twin
# Three frames, one line: logged once, not once a frame.
check "(new) beacons with our address from ty0: dropped, logged once" \
	own_dropped 1 02:00:00:00:00:98

# phase 4: once per attach
vt transport detach
vt transport attach tx0
check "(new) after a re-attach the twin is logged once more" \
	own_dropped 2 02:00:00:00:00:98
check "kernel log clean after the air frames" dmesg_clean

# ---- insmod transport= with an MTU that cannot reach 2304 -----------------
unload_driver
# cfg80211 stays loaded from load_vwifi
printf '+ insmod %s station=1 transport=ta0.5   (must fail)\n' "$VW_KO"
insmod_refused() {
	if insmod "$VW_KO" station=1 transport=ta0.5; then
		vw_module=vwifi
		log "insmod succeeded; $(dmesg | grep 'air transport' | tail -n 1)"
		unload_driver
		return 1
	fi
	[ ! -d /sys/module/vwifi ] && [ "$(promisc_of ta0.5)" = 0 ]
}
check "(new) insmod transport=ta0.5 fails" insmod_refused
check "kernel log clean after insmod transport=" dmesg_clean

if [ ${#failures[@]} -gt 0 ]; then
	printf 'FAILED: %s\n' "${failures[@]}"
	fail "${#failures[@]} check(s) failed"
fi
log "PASS"
