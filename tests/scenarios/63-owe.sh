#!/bin/bash
# vw-timeout: 240
# OWE (Opportunistic Wireless Encryption, Enhanced Open): an open network
# whose traffic is encrypted all the same, each station's keys from a
# Diffie-Hellman exchange carried in its association request and the
# AP's response. PMF required.
#
#   ns0                     ns1                        ns2
#  +--------------------+  +-----------------------+  +----------------+
#  | vw0  AP  10.0.0.1  |  | vw1  STA  10.0.0.2    |  | mon0 (vw_phy2) |
#  | hostapd            |  | wpa_supplicant        |  | monitor,       |
#  | wpa_key_mgmt=OWE   |  | key_mgmt=OWE          |  | tcpdump        |
#  +---------+----------+  +-----------+-----------+  +-------+--------+
#            +------------ air: 2437 MHz (channel 6) ---------+
#
# vwifi's AP hands the station's DH element to hostapd (cfg80211's OWE
# info event) and answers with the elements hostapd gives back.
#
# Asserts: with the default group (19) the station connects (wpa_cli
# status key_mgmt=OWE, pmf=2, iw dev vw1 link), pings both ways, and the
# capture holds its association request with a DH element (group 19) and
# the AP's successful response with one. With the AP on group 20 only,
# the station's first request (19) is refused with status 77 (group not
# supported) and it connects on 20; with both on 21 it connects on 21
# (vwifi only, see owe_join in lib.sh).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

require tcpdump tshark
two_watched
owe_conf=$VW_DIR/sta-owe.conf
sta=$(mac_of ns1 vw1)
ap=$(mac_of ns0 vw0)

# owe_connects AP_GROUPS [STA_LINE...]: the station connects to an OWE AP
# offering AP_GROUPS and they ping each other.
owe_connects() {
	local groups=$1

	shift
	log "AP groups $groups, station ${*:-default}"
	start_ap ns0 vw0 hostapd-wpa2.conf wpa_key_mgmt=OWE ieee80211w=2 \
		"owe_groups=$groups"
	owe_sta_conf "$owe_conf" "$@"
	owe_join ns1 vw1 "$owe_conf" 10.0.0.1
	assert_grep '^key_mgmt=OWE$' wpa_cli_ns ns1 vw1 status
	assert_grep '^pmf=2$' wpa_cli_ns ns1 vw1 status
	assert_grep "^Connected to $ap" ip netns exec ns1 iw dev vw1 link
	ping_ok ns1 10.0.0.1 3
	ping_ok ns0 10.0.0.2 3
	stop_sta ns1 vw1
	stop_ap ns0 vw0
}

owe_connects 19
want_frames="$sta,,19 $ap,0x0000,19 "
# On hwsim P-384 and P-521 (groups 20, 21) lose owe_join's race every
# time here (measured: three tries out of three): they are vwifi's only.
if [ "$VW_DRIVER" = hwsim ]; then
	log "hwsim: groups 20 and 21 not run (see owe_join)"
else
	owe_connects 20
	owe_connects 21 owe_group=21
	want_frames+="$sta,,19 $ap,0x004d, $sta,,20 $ap,0x0000,20 "
	want_frames+="$sta,,21 $ap,0x0000,21 "
fi
capture_stop

# On the air, in order: each (re)association request of the station with
# its DH group, each response of the AP with its status and DH group.
assoc=$VW_DIR/owe-assoc.txt
tshark -r "$pcap" -Y 'wlan.fc.type_subtype <= 3' -T fields -E separator=, \
	-e wlan.fc.type_subtype -e wlan.sa -e wlan.fixed.status_code \
	-e wlan.ext_tag.owe_dh_parameter.group \
	>"$assoc" 2>/dev/null || fail "tshark cannot read $pcap"
n ns2 cat "$assoc"
# requests (subtype 0 or 2) from the station: 19, then 19 refused and 20,
# then 21; responses (1 or 3) from the AP: success with the same group
# and, between, status 77 without a DH element. A station that repeats a
# request before the answer came (under emulation hostapd takes its
# time) sends it twice in a row: uniq.
got=$(sed -E 's/^0x000[0-3],//' "$assoc" | uniq | tr '\n' ' ')
if [ "$VW_DRIVER" = hwsim ]; then
	# its tries repeat the sequence: each frame must be there
	for frame in $want_frames; do
		[[ " $got" == *" $frame "* ]] ||
			fail "association frames on the air: no '$frame' in '$got'"
	done
elif [ "$want_frames" != "$got" ]; then
	fail "association frames on the air: got '$got', want '$want_frames'"
fi
dmesg_clean || fail "kernel log"
log PASS
