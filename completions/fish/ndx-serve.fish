# fish completion for ndx-serve
complete -c ndx-serve -f
complete -c ndx-serve -s h -l help -d 'Show help and exit'
complete -c ndx-serve -s V -l version -d 'Show the version and exit'
complete -c ndx-serve -s d -l db -r -F -d 'Index directory, shard set or tcp://HOST:PORT'
complete -c ndx-serve -l allow-partial -d 'Search the shards that can be reached'
complete -c ndx-serve -s l -l listen -x -a '127.0.0.1:8080 [::1]:8080 127.0.0.1:0' -d 'Address and port to serve on'
complete -c ndx-serve -l threads -x -d 'Searches run at once'
complete -c ndx-serve -l timeout -x -d 'Seconds a request may take before it is answered 503'
complete -c ndx-serve -l access-log -d 'Print one line per request on stderr'
