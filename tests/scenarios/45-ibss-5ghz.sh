#!/bin/bash
# vw-timeout: 150
# IBSS on 5 GHz: two radios join a cell on channel 36, first without HT,
# then an HT20 cell on the same channel.
#
#   ns1                          ns2
#  +-----------------------+    +-----------------------+
#  | vw1  IBSS  10.0.0.2   |    | vw2  IBSS  10.0.0.3   |
#  | cell x (no HT), then  |    | cell x, then y        |
#  | cell y (HT20)         |    |                       |
#  +-----------+-----------+    +-----------+-----------+
#              +---- air: 5180 MHz (channel 36) ---+
#
# An IBSS radiates on its own, so the world domain's "no IR" on 5 GHz
# forbids it: "iw reg set DE" first, as a user must. A fixed BSSID per cell
# keeps the two radios from founding two cells that merge later.
#
# Asserts: "iw reg set DE" takes; in each cell both radios show "type
# IBSS", the cell's SSID and channel 36 (5180 MHz) with width "20 MHz (no
# HT)" for x and "20 MHz" (HT) for y; ping both ways in each cell; each
# radio lists the other in its station dump.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

reg_set DE
load_vwifi 3
for i in 1 2; do
	put_in_netns "vw_phy$i" "ns$i"
	n "ns$i" iw dev "vw$i" set type ibss
	set_ip "ns$i" "vw$i" "10.0.0.$((i + 1))/24"
done
mac1=$(mac_of ns1 vw1)
mac2=$(mac_of ns2 vw2)

# cell SSID WIDTH_ARGS IW_WIDTH BSSID: both radios join, then the checks
cell() {
	local ssid=$1 width=$2 shown=$3 bssid=$4 i

	log "cell $ssid on 5180 MHz ${width:-(no width given)}"
	for i in 1 2; do
		# shellcheck disable=SC2086  # no width: the word goes away
		n "ns$i" iw dev "vw$i" ibss join "$ssid" 5180 $width fixed-freq "$bssid"
	done
	for i in 1 2; do
		assert_grep $'\ttype IBSS$' ip netns exec "ns$i" iw dev "vw$i" info
		assert_grep $'\tssid '"$ssid"'$' ip netns exec "ns$i" iw dev "vw$i" info
		assert_grep $'\tchannel 36 \\(5180 MHz\\), width: '"$shown"', center1: 5180 MHz' \
			ip netns exec "ns$i" iw dev "vw$i" info
	done
	ping_ok ns1 10.0.0.3
	ping_ok ns2 10.0.0.2
	assert_grep "^Station $mac2 " ip netns exec ns1 iw dev vw1 station dump
	assert_grep "^Station $mac1 " ip netns exec ns2 iw dev vw2 station dump
}

cell x '' '20 MHz \(no HT\)' 02:76:77:35:00:00
for i in 1 2; do
	n "ns$i" iw dev "vw$i" ibss leave
done
cell y HT20 '20 MHz' 02:76:77:36:00:00
show "vw1 in cell y (ip netns exec ns1 iw dev vw1 info)" ip netns exec ns1 iw dev vw1 info
