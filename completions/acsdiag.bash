# bash completion for acsdiag(1)
#
# Codes, subcodes, tables and fields come from acsdiag itself
# (acsdiag --complete=WHAT), never from a copied list: after a code, TAB
# offers the subcodes documented with it.

_acsdiag_options='-E --regex -h --help -j --jobs -l --long -o --fields -q --quiet
	-r --recursive -s --search -t --table -V --version -x --exact --annotate
	--by --color --count-field --export --json --kql --kql-table --list --since
	--tables --tips --no-tips --until --complete --scan'

# _acsdiag_values WORDLIST CUR: set COMPREPLY to the words starting with CUR
_acsdiag_values()
{
	local IFS=$' \t\n'
	COMPREPLY=($(compgen -W "$1" -- "$2"))
}

# _acsdiag_list ACSDIAG WHAT CUR: complete the last item of a comma list
_acsdiag_list()
{
	local head= last=$3 words
	case $3 in
	*,*)
		head=${3%,*},
		last=${3##*,}
		;;
	esac
	words=$("$1" --complete="$2" 2>/dev/null | cut -f1)
	_acsdiag_values "$words" "$last"
	COMPREPLY=("${COMPREPLY[@]/#/$head}")
}

_acsdiag()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= opt= cmd=${COMP_WORDS[0]} eq=
	local i w skip= search= scan= numbers=() tables=()

	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}

	# "--color=al" may come as one word or, with = in COMP_WORDBREAKS,
	# as "--color" "=" "al".
	if [ "$cur" = = ]; then
		opt=$prev
		cur=
	elif [ "$prev" = = ] && [ "$COMP_CWORD" -gt 1 ]; then
		opt=${COMP_WORDS[COMP_CWORD-2]}
	else
		case $cur in
		--*=*)
			opt=${cur%%=*}
			eq=$opt=
			cur=${cur#*=}
			;;
		esac
	fi

	# The words before this one: options, their arguments, operands.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [ -n "$skip" ]; then
			[ "$skip" = t ] && tables+=(-t "$w")
			skip=
			continue
		fi
		case $w in
		-t | --table) skip=t ;;
		--export) skip=1 search=1 ;;
		-o | --fields | --complete | -j | --jobs | --count-field | --by | \
		--since | --until | --kql-table) skip=1 ;;
		--table=*) tables+=(-t "${w#*=}") ;;
		-s | --search | -E | --regex | --list | --tables | --tips | -h | --help | -V | --version | --kql | --export=*)
			search=1 ;;
		--scan | --annotate) scan=1 ;;
		-*) ;;
		*[!0-9]*) ;;
		*) numbers+=("$w") ;;
		esac
	done

	if [ -z "$opt" ]; then
		case $prev in
		-t | --table) opt=--table ;;
		-o | --fields) opt=--fields ;;
		--complete) opt=--complete ;;
		-j | --jobs | --count-field | --since | --until) opt=--jobs ;;
		--by) opt=--by ;;
		--kql-table) opt=--kql-table ;;
		--export) opt=--export ;;
		esac
	fi
	case $opt in
	--table) _acsdiag_list "$cmd" tables "$cur" ;;
	--fields) _acsdiag_list "$cmd" fields "$cur" ;;
	--color) _acsdiag_values 'auto always never' "$cur" ;;
	--complete) _acsdiag_values 'codes subcodes numbers tables fields' "$cur" ;;
	--jobs | --count-field) COMPREPLY=() ;;	# a number, a name: typed
	--kql-table) _acsdiag_values 'ACSCallSummary ACSCallAutomationMediaSummary' "$cur" ;;
	--export) _acsdiag_values 'csv jsonl' "$cur" ;;
	# hour and day, and the fields people count by
	--by) _acsdiag_values 'hour day SdkVersion OsVersion EndpointType
		ParticipantType CallType' "$cur" ;;
	esac
	if [ -n "$opt" ]; then
		# one word "--color=al": the completion replaces all of it
		[ -n "$eq" ] && COMPREPLY=("${COMPREPLY[@]/#/$eq}")
		return
	fi

	case $cur in
	-*)
		_acsdiag_values "$_acsdiag_options" "$cur"
		return
		;;
	esac
	if [ -n "$scan" ]; then
		# log files
		local IFS=$'\n'
		COMPREPLY=($(compgen -f -- "$cur"))
		return
	fi
	[ -n "$search" ] && return
	case ${#numbers[@]} in
	0)
		w=$("$cmd" "${tables[@]}" --complete=numbers 2>/dev/null |
		    cut -f1)
		;;
	1)
		w=$("$cmd" "${tables[@]}" --complete=subcodes "${numbers[0]}" \
		    2>/dev/null | cut -f1)
		;;
	*)
		return
		;;
	esac
	_acsdiag_values "$w" "$cur"
}

complete -F _acsdiag acsdiag
