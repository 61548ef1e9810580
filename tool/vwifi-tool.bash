# bash completion for vwifi-tool(8)                     -*- shell-script -*-
# SPDX-License-Identifier: GPL-2.0
#
# Commands, their keywords and options, and radio names (interfaces and
# wiphys, as 'vwifi-tool radio list' prints them) where a radio is expected.

_vwifi_tool_radios()
{
	"${1:-vwifi-tool}" radio list 2>/dev/null | awk 'NR > 1 { print $1; print $2 }'
}

# vwifi-tool medium [-S PATH] GROUP COMMAND ...: radios by address.
_vwifi_tool_medium()
{
	local i=2 w=()

	case $prev in
	-S | --socket)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	esac
	while [ $i -lt "$cword" ] && [[ ${words[i]} == -* ]]; do
		case ${words[i]} in
		-S | --socket) i=$((i + 2)) ;;
		*) i=$((i + 1)) ;;
		esac
	done
	local group=${words[i]:-} cmd=${words[i + 1]:-} n=$((cword - i - 2))

	if [ "$cword" -eq "$i" ]; then
		w=(node radio link deny model stats --socket --help)
	elif [ "$cword" -eq $((i + 1)) ]; then
		case $group in
		node) w=(list) ;;
		stats) w=(show) ;;
		radio) w=(list set) ;;
		link) w=(list set clear) ;;
		deny) w=(list add del clear) ;;
		model) w=(show set) ;;
		esac
	else
		case "$group $cmd" in
		"radio set" | "link set" | "deny add" | "deny del")
			if [ $n -eq 0 ] || { [ $n -eq 1 ] && [ "$group" != radio ]; }; then
				mapfile -t w < <("${COMP_WORDS[0]}" medium "${words[@]:2:i-2}" radio list 2>/dev/null |
					awk 'NR > 1 { print $1 }')
			elif [ "$group" = radio ]; then
				w=(position txpower off)
			elif [ "$group" = link ] && [ $n -eq 2 ]; then
				w=(loss)
			fi
			;;
		"model set") w=(exponent sensitivity) ;;
		esac
		[[ $cur == -* ]] && w=(--help --json)
	fi
	mapfile -t COMPREPLY < <(compgen -W "${w[*]}" -- "$cur")
}

_vwifi_tool()
{
	local cur prev words cword
	local tool=${COMP_WORDS[0]}

	if declare -F _init_completion >/dev/null; then
		_init_completion || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi

	# Classic flags: vwifi-tool -d RX -s TX ... -c
	case $prev in
	-d | --dest | -s | --source)
		mapfile -t COMPREPLY < <(compgen -W "$(_vwifi_tool_radios "$tool")" -- "$cur")
		return
		;;
	esac
	if [ "$cword" -eq 1 ] || [[ ${words[1]} == -* ]]; then
		if [[ $cur == -* ]] || [[ ${words[1]} == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "-d -s -c -h -V --dest --source --clear --help --version" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "status radio link deny model transport medium help" -- "$cur")
		fi
		return
	fi
	if [ "${words[1]}" = medium ]; then
		_vwifi_tool_medium
		return
	fi

	local group=${words[1]} cmd=${words[2]:-} n=$((cword - 3)) w=()
	local json=""

	if [ "$cword" -eq 2 ]; then
		case $group in
		status) w=(show) ;;
		radio) w=(list add del set) ;;
		link) w=(list set) ;;
		deny) w=(list add del clear) ;;
		model) w=(show set) ;;
		transport) w=(show attach detach) ;;
		help) w=(status radio link deny model transport medium) ;;
		esac
		mapfile -t COMPREPLY < <(compgen -W "${w[*]} --help" -- "$cur")
		return
	fi

	case "$group $cmd" in
	"status show" | "link list" | "deny list" | "model show" | "transport show") json=--json ;;
	"transport attach")
		[ $n -eq 0 ] && mapfile -t w < <(ls /sys/class/net 2>/dev/null)
		;;
	"radio list")
		json=--json
		[ $n -eq 0 ] && mapfile -t w < <(_vwifi_tool_radios "$tool")
		;;
	"radio add") json=--json ;;
	"radio del")
		[ $n -eq 0 ] && mapfile -t w < <(_vwifi_tool_radios "$tool")
		;;
	"radio set")
		if [ $n -eq 0 ]; then
			mapfile -t w < <(_vwifi_tool_radios "$tool")
		else
			case $prev in
			position | txpower) ;;
			*)
				# After the values of a keyword, the next keyword.
				local i left=0
				for ((i = 4; i < cword; i++)); do
					if [ $left -gt 0 ]; then
						left=$((left - 1))
						continue
					fi
					case ${words[i]} in
					position) left=3 ;;
					txpower) left=1 ;;
					esac
				done
				[ $left -eq 0 ] && w=(position txpower)
				;;
			esac
		fi
		;;
	"link set")
		case $n in
		0 | 1) mapfile -t w < <(_vwifi_tool_radios "$tool") ;;
		2) w=(loss) ;;
		esac
		;;
	"deny add" | "deny del")
		[ $n -le 1 ] && mapfile -t w < <(_vwifi_tool_radios "$tool")
		;;
	"model set")
		case $prev in
		exponent | sensitivity) ;;
		*) w=(exponent sensitivity) ;;
		esac
		;;
	esac
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "--help $json" -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -W "${w[*]}" -- "$cur")
	fi
} &&
	complete -F _vwifi_tool vwifi-tool

# ex: filetype=sh
