# fish completion for acsdiag(1).  Codes, subcodes, tables and fields come
# from acsdiag itself (acsdiag --complete=WHAT), never from a copied list:
# after a code, TAB offers the subcodes documented with it.

# The numbers among the operands typed so far, and the -t options to pass
# on; prints nothing once a search or listing option is seen.
function __acsdiag_state
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l skip
    set -l numbers
    set -l tables
    for w in $tokens
        if test -n "$skip"
            test "$skip" = t; and set tables $tables -t $w
            set skip
            continue
        end
        switch $w
            case -t --table
                set skip t
            case -o --fields --complete -j --jobs --count-field --by --since --until --kql-table
                set skip 1
            case '--table=*'
                set tables $tables -t (string replace -- '--table=' '' $w)
            case -s --search -E --regex --list --tables --tips -h --help -V --version --scan --annotate --kql --export '--export=*'
                echo search
                return
            case '-*'
            case '*'
                string match -qr '^[0-9]+$' -- $w; and set numbers $numbers $w
        end
    end
    set -l n (count $numbers)
    set -q numbers[1]; or set numbers -
    echo $n $numbers[1] $tables
end

function __acsdiag_wants
    set -l state (string split ' ' -- (__acsdiag_state))
    test "$state[1]" = $argv[1]
end

function __acsdiag_numbers
    set -l state (string split ' ' -- (__acsdiag_state))
    set -l cmd (commandline -opc)[1]
    switch $state[1]
        case 0
            $cmd $state[3..-1] --complete=numbers 2>/dev/null
        case 1
            $cmd $state[3..-1] --complete=subcodes $state[2] 2>/dev/null
    end
end

function __acsdiag_list -a what
    set -l cmd (commandline -opc)[1]
    __fish_complete_list , "$cmd --complete=$what"
end

complete -c acsdiag -f
complete -c acsdiag -s E -l regex -d 'Search with POSIX extended regular expressions'
complete -c acsdiag -s h -l help -d 'Print the help and exit'
complete -c acsdiag -s j -l jobs -x -d '--scan: scan this many files at once'
complete -c acsdiag -s l -l long -d 'Print whole entries for --search and --list'
complete -c acsdiag -s o -l fields -x -a '(__acsdiag_list fields)' -d 'Print only these fields'
complete -c acsdiag -s q -l quiet -d 'Print nothing; exit status only'
complete -c acsdiag -s r -l recursive -d '--scan: read the files of directories'
complete -c acsdiag -s s -l search -d 'List entries containing every word'
complete -c acsdiag -s t -l table -x -a '(__acsdiag_list tables)' -d 'Only look in these tables'
complete -c acsdiag -s V -l version -d 'Print the version and the data sources'
complete -c acsdiag -s x -l exact -d 'Exact entries only: no fallback, class or rule'
complete -c acsdiag -l annotate -d 'Copy log files, each line\'s codes explained at its end'
complete -c acsdiag -l by -x -a 'hour day SdkVersion OsVersion EndpointType ParticipantType CallType' -d '--scan, --kql: count by hour, day or a field'
complete -c acsdiag -l color -f -a 'auto always never' -d 'Color the output'
complete -c acsdiag -l count-field -x -d '--scan: the column that counts records'
complete -c acsdiag -l export -x -a 'csv jsonl' -d 'Print every entry of the catalogue'
complete -c acsdiag -l json -d 'Print JSON Lines, one object per entry'
complete -c acsdiag -l kql -d 'Print a Kusto query that explains the pairs where the logs are'
complete -c acsdiag -l kql-table -x -a 'ACSCallSummary ACSCallAutomationMediaSummary' -d 'The table of --kql'
complete -c acsdiag -l list -d 'List every entry, one line each'
complete -c acsdiag -l since -x -d '--scan, --kql: only the records at this time or after it'
complete -c acsdiag -l tables -d 'List the tables'
complete -c acsdiag -l tips -d 'Print the troubleshooting tips'
complete -c acsdiag -l no-tips -d 'Do not print tips after the entries'
complete -c acsdiag -l until -x -d '--scan, --kql: only the records before this time'
complete -c acsdiag -l complete -x -a 'codes subcodes numbers tables fields' -d 'Print values for shell completion'
complete -c acsdiag -l scan -d 'Count and explain the code and subcode pairs in log files'
complete -c acsdiag -n '__fish_seen_argument -l scan -l annotate' -F
complete -c acsdiag -n '__acsdiag_wants 0; or __acsdiag_wants 1' -a '(__acsdiag_numbers)'
