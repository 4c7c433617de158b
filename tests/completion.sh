#!/bin/sh
# The shell completions, driven as the shells drive them: bash through
# COMP_WORDS/COMP_CWORD and COMPREPLY, fish through complete -C, zsh
# through a pseudo-terminal (zpty) pressing TAB.  A shell that is not
# installed is skipped (CI installs all three).
#
# usage: sh tests/completion.sh ACSDIAG

bin=${1:?usage: completion.sh ACSDIAG}
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
top=$(cd "$(dirname "$0")/.." && pwd) || exit 2
suite=completion
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
# the completions call "acsdiag" by the name typed: put ours first
mkdir "$tmp/bin" && ln -s "$bin" "$tmp/bin/acsdiag" || exit 2
PATH=$tmp/bin:$PATH
export PATH

# expect NAME WANT GOT: GOT (words) equals WANT
expect() {
	if [ "$2" = "$3" ]; then
		passed=$((passed + 1))
	else
		echo "FAIL $1"
		echo "  want: $2"
		echo "  got:  $3"
		failed=$((failed + 1))
	fi
}

subcodes_410='3100 3101 3111 3112 41048 301004 301005 531004'

# --- bash
bash_complete() {
	bash -c '
		. "$1/completions/acsdiag.bash"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_acsdiag
		echo "${COMPREPLY[*]}"' bash "$top" "$@"
}
expect "bash: the subcodes documented with 410" "$subcodes_410" \
    "$(bash_complete acsdiag 410 '')"
expect "bash: subcodes starting 30" "301004 301005" \
    "$(bash_complete acsdiag 410 30)"
expect "bash: the first operand is any number: codes and subcodes" \
    "410 412 413 41006 41007 41015 41016 41025 41027 41030 41032 41033 \
41034 41035 41041 41048 41056 41071 41073" "$(bash_complete acsdiag 41)"
expect "bash: subcodes as a first operand" "8500 8501 8502 8503 8504 8505 8506 8508 8509" \
    "$(bash_complete acsdiag 850)"
expect "bash: -t restricts the codes" "4000 4001 4002 4003 4004 4005 4006 \
4007 4008 4009 4010 4020" "$(bash_complete acsdiag -t sms 40)"
expect "bash: options" "--table --tables" "$(bash_complete acsdiag --ta)"
expect "bash: table names" "call-end call-automation" \
    "$(bash_complete acsdiag -t call-)"
expect "bash: the last of a list of tables" "pstn,sms" \
    "$(bash_complete acsdiag -t pstn,s)"
expect "bash: --table=" "--table=chat" \
    "$(bash_complete acsdiag --table=ch)"
expect "bash: fields" "code codes category" "$(bash_complete acsdiag -o c)"
expect "bash: --color values, = split off" "auto always" \
    "$(bash_complete acsdiag --color = a)"
expect "bash: --color values, one word" "--color=never" \
    "$(bash_complete acsdiag --color=n)"
expect "bash: nothing after a code and a subcode" "" \
    "$(bash_complete acsdiag 410 3112 '')"
expect "bash: no numbers for search words" "" \
    "$(bash_complete acsdiag -s '')"
expect "bash: nothing after --export's format" "" \
    "$(bash_complete acsdiag --export csv '')"
expect "bash: nothing after --export=FORMAT" "" \
    "$(bash_complete acsdiag --export=csv '')"
expect "bash: nothing offered for the number of -j" "" \
    "$(bash_complete acsdiag --scan -j '')"
expect "bash: files after --scan -j N" "$top/Makefile" \
    "$(bash_complete acsdiag --scan -j 2 "$top/Makef")"
expect "bash: -r and --count-field are options" "--recursive" \
    "$(bash_complete acsdiag --rec)"
expect "bash: --by hour or day" "hour" "$(bash_complete acsdiag --scan --by h)"
expect "bash: files after --by's value" "$top/Makefile" \
    "$(bash_complete acsdiag --scan --by day "$top/Makef")"
expect "bash: files for --annotate" "$top/Makefile" \
    "$(bash_complete acsdiag --annotate "$top/Makef")"
expect "bash: the count of codes and subcodes" \
    "$("$bin" --complete=numbers | wc -l | tr -d ' ')" \
    "$(bash_complete acsdiag '' | wc -w | tr -d ' ')"

# --- fish
if command -v fish >/dev/null 2>&1; then
	fish_complete() {
		fish -c 'source $argv[1]/completions/acsdiag.fish
			complete -C$argv[2]' "$top" "$1" | cut -f1 | tr '\n' ' ' |
		    sed 's/ $//'
	}
	expect "fish: --ta" "--table --tables" "$(fish_complete 'acsdiag --ta')"
	expect "fish: the subcodes documented with 410" "$subcodes_410" \
	    "$(fish_complete 'acsdiag 410 ' | tr ' ' '\n' | sort -n |
	    tr '\n' ' ' | sed 's/ $//')"
	expect "fish: numbers starting 4100" "41006 41007" \
	    "$(fish_complete 'acsdiag 4100')"
	expect "fish: tables" "pstn,sms" "$(fish_complete 'acsdiag -t pstn,s')"
	expect "fish: --color" "--color=always --color=auto --color=never" \
	    "$(fish_complete 'acsdiag --color=')"
	expect "fish: -t restricts the codes" "4007 4008" \
	    "$(fish_complete 'acsdiag -t sms 400' | tr ' ' '\n' |
	    grep -E '^400[78]$' | tr '\n' ' ' | sed 's/ $//')"
	expect "fish: nothing after a code and a subcode" "" \
	    "$(fish_complete 'acsdiag 410 3112 ')"
	expect "fish: nothing after --export's format" "" \
	    "$(fish_complete 'acsdiag --export csv ')"
else
	echo "completion: fish not installed, skipped"
fi

# --- zsh
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$top/completions/_acsdiag" && r=ok || r=fail
	expect "zsh: zsh -n" ok "$r"
	# type LINE and TAB (TAB twice if a third argument) in an interactive
	# zsh; print what it showed
	zsh_complete() {
		zsh -f -c '
			zmodload zsh/zpty || exit 2
			zpty z zsh -f -i
			zpty -w z "PS1=\"%% \"; fpath=($1/completions \$fpath);" \
			    "autoload -Uz compinit; compinit -u -D;" \
			    "zstyle \":completion:*\" list-prompt \"\";" \
			    "LISTMAX=10000; echo READY"
			zpty -r z line "*READY*"
			zpty -w -n z "$2"$'"'"'\t'"'"'
			[[ -n $4 ]] && { sleep 0.5; zpty -w -n z $'"'"'\t'"'"'; }
			out=
			for i in 1 2 3 4 5 6 7 8 9 10; do
				sleep 0.3
				while zpty -r -t z chunk; do out+=$chunk; done
				[[ $out == *"$3"* ]] && break
			done
			zpty -d z
			print -r -- "$out"' zsh "$top" "$1" "$2" "$3" |
		    sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' | tr -d '\r'
	}
	zsh_complete 'acsdiag 410 ' 531004 >"$tmp/zsh.out"
	got=$(grep -oE '^[0-9]+ +-- ' "$tmp/zsh.out" | grep -oE '^[0-9]+' |
	    sort -n | tr '\n' ' ' | sed 's/ $//')
	expect "zsh: the subcodes documented with 410, described" \
	    "$subcodes_410" "$got"
	grep -q '^3112 *-- Call setup failed' "$tmp/zsh.out" && r=ok || r=fail
	expect "zsh: 3112 with its message" ok "$r"
	zsh_complete 'acsdiag 4100' 41007 >"$tmp/zsh.out"
	got=$(grep -oE '^[0-9]+ +-- ' "$tmp/zsh.out" | grep -oE '^[0-9]+' |
	    sort -n | tr '\n' ' ' | sed 's/ $//')
	expect "zsh: a subcode as the first operand" "41006 41007" "$got"
	zsh_complete 'acsdiag --ta' tables twice >"$tmp/zsh.out"
	grep -q -- '--tables *-- list the tables' "$tmp/zsh.out" &&
	    grep -q -- '--table *-- only look' "$tmp/zsh.out" && r=ok || r=fail
	expect "zsh: --ta offers --table and --tables" ok "$r"
else
	echo "completion: zsh not installed, skipped"
fi

summary
