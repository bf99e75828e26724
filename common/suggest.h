// "Did you mean": the closest of a few known words to one misspelt (options, values).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace ndx {

// Levenshtein distance between two short strings (bytes).
inline std::size_t edit_distance_of(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

// The candidate nearest to `word`, or "" when none is near enough to be a misspelling
// (at most a third of the word's length, and at least 1, edits away); a candidate that
// starts with `word` or that `word` starts with is near.
inline std::string closest_of(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = std::max<std::size_t>(1, word.size() / 3) + 1;
    for (const std::string& c : candidates) {
        if (c.empty()) continue;
        std::size_t d = edit_distance_of(word, c);
        if (c.rfind(word, 0) == 0 || word.rfind(c, 0) == 0) d = std::min<std::size_t>(d, 1);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

}  // namespace ndx
