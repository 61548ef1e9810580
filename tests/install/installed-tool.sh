#!/bin/bash
# The packaged vwifi-tool against the DKMS-built module, on the walkthrough's
# network. tests/check-install.sh boots the guest with -m set to the .ko DKMS
# installed and VW_TOOL=/usr/sbin/vwifi-tool, the file vwifi-utils put on the
# host's root (the guest's root, read-only over 9p).
#
#   ns0                        ns1                        ns2
#  +---------------------+    +---------------------+    +---------------------+
#  | vw0  AP  10.0.0.1   |    | vw1  STA  10.0.0.2  |    | vw2  STA  10.0.0.3  |
#  | hostapd, WPA2, ch 6 |    | wpa_supplicant      |    | wpa_supplicant      |
#  +----------+----------+    +----------+----------+    +----------+----------+
#             +------------- air: 2437 MHz (channel 6) -------------+
#   vwifi-tool runs in init_net and in ns1
#
# Asserts: the tool in use is /usr/sbin/vwifi-tool, not the tree's copy;
# "vwifi status : live"; radio list shows the three radios with their MACs,
# vw0 as AP and the stations as managed, from init_net and from ns1; both
# stations reach each other and the AP; "not loaded" once the module is gone.
# shellcheck source-path=SCRIPTDIR/../scenarios source=../scenarios/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR/../scenarios source=../scenarios/tool-lib.sh
. "$(dirname "$0")/tool-lib.sh"

[ "$VW_TOOL" = /usr/sbin/vwifi-tool ] ||
	fail "the scenario runs $VW_TOOL, not the installed /usr/sbin/vwifi-tool"
vt --version

bss_of_two hostapd-wpa2.conf wpa_supplicant.conf

vt_expect 0 '^vwifi status : live$' status
for i in 0 1 2; do
	mac[i]=$(mac_of "ns$i" "vw$i")
done
assert_grep "^vw0 +vw_phy0 +${mac[0]} +AP " "$VW_TOOL" radio list
for i in 1 2; do
	assert_grep "^vw$i +vw_phy$i +${mac[i]} +managed " "$VW_TOOL" radio list
	assert_grep "^vw$i +vw_phy$i +${mac[i]} " ip netns exec ns1 "$VW_TOOL" radio list
done

ping_ok ns1 10.0.0.3
ping_ok ns2 10.0.0.1

unload_driver
vt_expect 1 '^vwifi status : not loaded$'
