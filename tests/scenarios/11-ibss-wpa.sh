#!/bin/bash
# IBSS RSN: two wpa_supplicants in mode=1 with WPA-PSK derive keys with each
# other and ping; their data frames are CCMP-protected.
#
#   ns1                            ns2
#  +-------------------------+    +-------------------------+
#  | vw1 IBSS 10.0.0.2       |    | vw2 IBSS 10.0.0.3       |
#  | wpa_supplicant (RSN)    |    | wpa_supplicant (RSN)    |
#  +------------+------------+    +------------+------------+
#               +---- air: 2412 MHz (ch 1) ----+
#
# Asserts: both peers authorized in each other's station dump, ping 0% loss,
# and the pairwise and group keys are really in use (wpa_supplicant logs the
# completed handshake; ethtool shows no decryption failures).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

load_vwifi 3
conf=$VW_DIR/ibss-rsn.conf
cat >"$conf" <<'CONF'
ctrl_interface=/var/run/wpa_supplicant
network={
	ssid="ibss1"
	mode=1
	frequency=2412
	key_mgmt=WPA-PSK
	proto=RSN
	pairwise=CCMP
	group=CCMP
	psk="12345678"
}
CONF
for i in 1 2; do
	put_in_netns "vw_phy$i" "ns$i"
	n "ns$i" iw dev "vw$i" set type ibss
	set_ip "ns$i" "vw$i" "10.0.0.$((i + 1))/24"
	start_sta "ns$i" "vw$i" "$conf"
done

authorized() {
	ip netns exec "$1" iw dev "$2" station get "$3" | grep -qE $'\tauthorized:\tyes'
}
mac1=$(mac_of ns1 vw1)
mac2=$(mac_of ns2 vw2)
wait_for 60 authorized ns1 vw1 "$mac2" || fail "vw1 never authorized $mac2"
wait_for 60 authorized ns2 vw2 "$mac1" || fail "vw2 never authorized $mac1"
assert_grep $'\ttype IBSS$' ip netns exec ns1 iw dev vw1 info

ping_ok ns1 10.0.0.3
ping_ok ns2 10.0.0.2
assert_file_grep 'IBSS RSN|RSN: .*completed|Key negotiation completed' "$VW_DIR/wpa_supplicant-vw1.log"
assert_grep 'rx_drop_decrypt: 0$' ip netns exec ns1 ethtool -S vw1
