// Merging shortened speaker values across the archive: see speaker_merge.h.
#include "common/speaker_merge.h"

#include <algorithm>
#include <set>
#include <string_view>

namespace ndx {

std::unordered_map<std::string, std::string> speaker_roots(const std::vector<std::string>& keys) {
    const std::set<std::string> all(keys.begin(), keys.end());
    // every key longer than a suffix of two words or more, by that suffix
    std::unordered_map<std::string_view, std::vector<std::string_view>> longer;
    for (const std::string& k : all) {
        // the suffixes start after each space but the last
        const std::size_t last = k.rfind(' ');
        if (last == std::string::npos) continue;
        for (std::size_t sp = k.find(' '); sp != std::string::npos && sp < last;
             sp = k.find(' ', sp + 1))
            longer[std::string_view(k).substr(sp + 1)].push_back(k);
    }
    std::unordered_map<std::string, std::string> roots;
    for (const std::string& k : all) {
        auto it = longer.find(k);
        if (it == longer.end()) continue;
        // the longest ones: those no key extends
        std::string_view only;
        std::size_t longest = 0;
        for (std::string_view l : it->second) {
            if (longer.count(l)) continue;
            only = l;
            ++longest;
        }
        if (longest == 1) roots.emplace(k, std::string(only));
    }
    return roots;
}

SpeakerMerge::SpeakerMerge(const std::vector<std::string>& keys) {
    for (const auto& [key, root] : speaker_roots(keys)) {
        const FacetId k = facet_id(Facet::Speaker, key), r = facet_id(Facet::Speaker, root);
        root_.emplace(k, r);
        members_[r].push_back(k);
    }
    for (auto& [r, m] : members_) std::sort(m.begin(), m.end());
}

std::vector<FacetId> SpeakerMerge::group(FacetId id) const {
    const FacetId r = root(id);
    std::vector<FacetId> out{r};
    if (auto it = members_.find(r); it != members_.end())
        out.insert(out.end(), it->second.begin(), it->second.end());
    return out;
}

FacetCounts SpeakerMerge::fold(const FacetCounts& counts) const {
    if (root_.empty()) return counts;
    FacetCounts out;
    out.reserve(counts.size());
    std::unordered_map<FacetId, std::size_t> at;  // root -> its place in `out`
    for (const auto& [id, n] : counts) {
        const FacetId r = root(id);
        auto [it, fresh] = at.emplace(r, out.size());
        if (fresh)
            out.emplace_back(r, n);
        else
            out[it->second].second += n;
    }
    return out;
}

std::unordered_map<FacetId, Xapian::doccount> SpeakerMerge::fold(
    const std::unordered_map<FacetId, Xapian::doccount>& counts) const {
    if (root_.empty()) return counts;
    std::unordered_map<FacetId, Xapian::doccount> out;
    out.reserve(counts.size());
    for (const auto& [id, n] : counts) out[root(id)] += n;
    return out;
}

}  // namespace ndx
