# fish completion for ndx-train-tagger
complete -c ndx-train-tagger -s h -l help -d 'Show help and exit'
complete -c ndx-train-tagger -s o -l output -r -F -d 'Model file to write'
complete -c ndx-train-tagger -s n -l iterations -x -d 'Passes over the training data'
complete -c ndx-train-tagger -l seed -x -d 'Seed of the order of sentences in each pass'
complete -c ndx-train-tagger -l dev -r -F -d 'CoNLL file to report span F1 on after training'
complete -c ndx-train-tagger -l model -r -F -d 'Evaluate this model on --dev instead of training one'
complete -c ndx-train-tagger -l predict -r -F -d 'Write --dev with gold tag, predicted tag and margin'
complete -c ndx-train-tagger -l data-dir -x -a '(__fish_complete_directories)' -d 'Directory of places.tsv and groups.tsv'
