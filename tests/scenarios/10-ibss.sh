#!/bin/bash
# IBSS (ad hoc) as the classic vwifi README shows it: two radios join cell
# "ibss1" with a fixed BSSID by hand, ping, and leave; a third radio in
# another cell (same channel, other SSID) cannot talk to them.
#
#   ns1                      ns2                      ns3
#  +-------------------+    +-------------------+    +-------------------+
#  | vw1 IBSS 10.0.0.2 |    | vw2 IBSS 10.0.0.3 |    | vw3 IBSS 10.0.0.4 |
#  | ibss1             |    | ibss1             |    | ibss2             |
#  +---------+---------+    +---------+---------+    +---------+---------+
#            +------------- air: 2412 MHz (channel 1) ------------+
#
# Asserts: iw dev vw1 info shows "ssid ibss1" and "type IBSS"; ping
# vw1 <-> vw2 with 0% loss; vw3 (cell ibss2) gets no reply from vw1; after
# "ibss leave" on vw2 the ping from vw1 fails.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

load_vwifi 4
for i in 1 2 3; do
	put_in_netns "vw_phy$i" "ns$i"
	n "ns$i" iw dev "vw$i" set type ibss
	set_ip "ns$i" "vw$i" "10.0.0.$((i + 1))/24"
done

n ns1 iw dev vw1 ibss join ibss1 2412 NOHT fixed-freq 00:76:77:33:00:00 beacon-interval 200
n ns2 iw dev vw2 ibss join ibss1 2412 NOHT fixed-freq 00:76:77:33:00:00 beacon-interval 200
n ns3 iw dev vw3 ibss join ibss2 2412 NOHT fixed-freq 00:76:77:34:00:00 beacon-interval 200

assert_grep $'\tssid ibss1$' ip netns exec ns1 iw dev vw1 info
assert_grep $'\ttype IBSS$' ip netns exec ns1 iw dev vw1 info
show "vw1 in its cell (ip netns exec ns1 iw dev vw1 info)" ip netns exec ns1 iw dev vw1 info

ping_ok ns1 10.0.0.3
ping_ok ns2 10.0.0.2
# the peer is reported to cfg80211 (what wpa_supplicant's IBSS RSN needs)
assert_grep "^Station $(mac_of ns2 vw2) " ip netns exec ns1 iw dev vw1 station dump
ping_fails ns3 10.0.0.2

n ns2 iw dev vw2 ibss leave
ping_fails ns1 10.0.0.3
