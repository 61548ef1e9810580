#!/bin/bash
# Unload the driver while stations are connected and traffic flows.
#
#   ns0                     ns1                         ns2
#  +------------------+    +-----------------------+   +--------------------+
#  | vw0 AP 10.0.0.1  |    | vw1 STA 10.0.0.2      |   | vw2 STA 10.0.0.3   |
#  | WPA2-PSK CCMP    |    | ping -f 10.0.0.3      |   | iperf3 -s          |
#  |                  |    | iperf3 -c 10.0.0.3    |   |                    |
#  +--------+---------+    +-----------+-----------+   +---------+----------+
#           +--------------- air: 2437 MHz ----------------------+
#
#   then: rmmod, with hostapd and wpa_supplicant still running
#
# Asserts: counters show traffic flowing, rmmod succeeds within its timeout,
# the interfaces are gone; the harness then checks the kernel log (no BUG,
# WARNING, Oops, refcount, hung task).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

require iperf3

bss_of_two hostapd-wpa2.conf wpa_supplicant.conf
ping_ok ns1 10.0.0.3 3

bg ns2 iperf3 -s -1
wait_for 10 bash -c "ip netns exec ns2 ss -ltn | grep -q ':5201 '" || fail "iperf3 server did not start"
bg ns1 iperf3 -c 10.0.0.3 -t 60
bg ns1 ping -f -w 60 10.0.0.3
bg ns2 ping -f -w 60 10.0.0.1

# Traffic flows when the AP's counter of packets from vw1 keeps growing.
rx_packets() {
	ip netns exec ns0 iw dev vw0 station get "$1" | awk -F'\t' '/rx packets:/ { print $NF }'
}
rx_packets_above() {
	[ "$(rx_packets "$1")" -gt "$2" ]
}
sta1=$(mac_of ns1 vw1)
before=$(rx_packets "$sta1")
wait_for 20 rx_packets_above "$sta1" $((before + 200)) || fail "no traffic through the AP"
log "AP has received $(rx_packets "$sta1") packets from vw1 (was $before)"

unload_driver
for i in 0 1 2; do
	! ip -n "ns$i" link show "vw$i" >/dev/null 2>&1 || fail "vw$i still exists after rmmod"
done
! iw dev 2>/dev/null | grep -q 'vw' || fail "iw still lists vw interfaces"
log "rmmod done; hostapd and wpa_supplicant still running: $(pgrep -c hostapd || true), $(pgrep -c wpa_supplicant || true)"
