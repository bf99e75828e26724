# fish completion for ndx-search

# The values of a facet in the index named on the line (--db), else the default index.
function __ndx_search_values
    set -l db
    set -l tokens (commandline -opc)
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case -d --db
                set db --db $tokens[(math $i + 1)]
            case '--db=*'
                set db --db (string replace -- '--db=' '' $tokens[$i])
        end
    end
    ndx-index $db --list-values $argv[1] 2>/dev/null
end

# --pivot FACET1,FACET2: the facets, or after the comma the second facet
function __ndx_search_pivot
    set -l cur (commandline -ct | string replace -r -- '^--pivot=' '')
    set -l facets speaker location group
    if string match -q -- '*,*' $cur
        set -l first (string split -m1 , -- $cur)[1]
        for f in $facets
            echo $first,$f
        end
    else
        printf '%s,\n' $facets
    end
end

complete -c ndx-search -s h -l help -d 'Show help and exit'
complete -c ndx-search -s V -l version -d 'Show the version and exit'
complete -c ndx-search -s d -l db -r -F -d 'Index directory, shard set or tcp://HOST:PORT'
complete -c ndx-search -l allow-partial -d 'Search the shards that can be reached'
complete -c ndx-search -s n -l limit -x -d 'Hits to show'
complete -c ndx-search -l offset -x -d 'Hits to skip'
complete -c ndx-search -l json -d 'Print JSON (--format json)'
complete -c ndx-search -l all -d 'Match every word of the query'
complete -c ndx-search -l any -d 'Match any word of the query'
complete -c ndx-search -l expand -d 'Rank also by the words of the best hits'
complete -c ndx-search -l format -x -a 'text json csv' -d 'Output format'
complete -c ndx-search -l speaker -x -a '(__ndx_search_values speaker)' -d 'Only articles quoting NAME'
complete -c ndx-search -l location -x -a '(__ndx_search_values location)' -d 'Only articles naming a place in NAME'
complete -c ndx-search -l group -x -a '(__ndx_search_values group)' -d 'Only articles naming group NAME'
complete -c ndx-search -l exclude-speaker -x -a '(__ndx_search_values speaker)' -d 'Leave out articles quoting NAME'
complete -c ndx-search -l exclude-location -x -a '(__ndx_search_values location)' -d 'Leave out articles naming NAME'
complete -c ndx-search -l exclude-group -x -a '(__ndx_search_values group)' -d 'Leave out articles naming NAME'
complete -c ndx-search -l from -x -d 'Published on or after DATE'
complete -c ndx-search -l to -x -d 'Published on or before DATE'
complete -c ndx-search -l undated -d 'Only articles without a date'
complete -c ndx-search -l sort -x -a 'relevance date -date' -d 'Order of hits'
complete -c ndx-search -l facet-limit -x -d 'Values shown per facet'
complete -c ndx-search -l facet-order -x -a 'count name' -d 'Order of facet values'
complete -c ndx-search -l location-level -x -a 'named country province city' -d 'Count places at a level'
complete -c ndx-search -l date-interval -x -a 'year month day' -d 'Date facet interval'
complete -c ndx-search -l no-facets -d 'Do not count facets'
complete -c ndx-search -l no-snippets -d 'Show hits without a passage of their text'
complete -c ndx-search -l quotes -d 'Search what people said'
complete -c ndx-search -l explain -d 'Show the evidence behind each facet value'
complete -c ndx-search -l color -x -a 'auto always never' -d 'Highlight matches'
complete -c ndx-search -l facets-only -d 'Print the facet counts without hits'
complete -c ndx-search -l timeline -x -a 'speaker location group' -d 'Count the top values of FACET per date interval'
complete -c ndx-search -l pivot -x -a '(__ndx_search_pivot)' -d 'FACET1,FACET2: values of FACET2 under each of FACET1'
complete -c ndx-search -l values -x -a 'speaker location group' -d 'List every value of FACET with its count'
complete -c ndx-search -l prefix -x -d 'With --values: only values with a word beginning with TEXT'
complete -c ndx-search -l batch -r -F -d 'Run each line of FILE as a query'
