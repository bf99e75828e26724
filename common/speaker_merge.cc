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

SpeakerMerge::SpeakerMerge(const std::vector<std::string>& keys,
                           const std::function<std::uint64_t(const std::string&)>& frequency) {
    // root key -> the key shown and its frequency
    std::unordered_map<std::string, std::pair<std::string, std::uint64_t>> best;
    for (const auto& [key, root] : speaker_roots(keys)) {
        const FacetId k = facet_id(Facet::Speaker, key), r = facet_id(Facet::Speaker, root);
        root_.emplace(k, r);
        members_[r].push_back(k);
        if (!frequency) continue;
        auto [it, fresh] = best.try_emplace(root, root, 0);
        if (fresh) it->second.second = frequency(root);
        // more documents first, then more words (the root has the most), then key order
        const std::uint64_t f = frequency(key);
        auto& [shown, shown_f] = it->second;
        const auto words = [](const std::string& s) { return std::count(s.begin(), s.end(), ' '); };
        if (f > shown_f || (f == shown_f && (words(key) > words(shown) ||
                                             (words(key) == words(shown) && key < shown)))) {
            shown = key;
            shown_f = f;
        }
    }
    for (auto& [r, m] : members_) std::sort(m.begin(), m.end());
    for (const auto& [root, b] : best)
        if (b.first != root)
            shown_.emplace(facet_id(Facet::Speaker, root), facet_id(Facet::Speaker, b.first));
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
    std::unordered_map<FacetId, Xapian::doccount> moved;  // root -> what its group adds
    for (const auto& [id, n] : counts) {
        auto it = root_.find(id);
        if (it == root_.end())
            out.emplace_back(id, n);
        else
            moved[it->second] += n;
    }
    if (moved.empty()) return out;
    for (auto& [id, n] : out)
        if (auto m = moved.find(id); m != moved.end()) {
            n += m->second;
            moved.erase(m);
        }
    // roots counted only through their group, in id order
    const std::size_t at = out.size();
    for (const auto& [r, n] : moved) out.emplace_back(r, n);
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(at), out.end());
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

std::string SpeakerMerge::encode(std::uint64_t revision) const {
    std::string out = "r" + std::to_string(revision) + "\n";
    std::vector<std::pair<FacetId, FacetId>> pairs(root_.begin(), root_.end());
    std::sort(pairs.begin(), pairs.end());
    for (const auto& [m, r] : pairs) out += to_hex(m) + " " + to_hex(r) + "\n";
    std::vector<std::pair<FacetId, FacetId>> shown(shown_.begin(), shown_.end());
    std::sort(shown.begin(), shown.end());
    for (const auto& [r, v] : shown) out += "=" + to_hex(r) + " " + to_hex(v) + "\n";
    return out;
}

namespace {

// Whether a record's first line names `revision`.
bool describes(std::string_view record, std::uint64_t revision) {
    return record.substr(0, record.find('\n')) == "r" + std::to_string(revision);
}

}  // namespace

std::optional<SpeakerMerge> SpeakerMerge::decode(std::string_view record, std::uint64_t revision) {
    if (!describes(record, revision)) return std::nullopt;
    // 16 hex digits at `p`
    auto hex = [](const char* p, FacetId& out) {
        FacetId v = 0;
        for (int k = 0; k < 16; ++k) {
            const char c = p[k];
            unsigned d = 0;
            if (c >= '0' && c <= '9')
                d = static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                d = static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                d = static_cast<unsigned>(c - 'A' + 10);
            else
                return false;
            v = (v << 4) | d;
        }
        out = v;
        return true;
    };
    SpeakerMerge m;
    m.root_.reserve(record.size() / 34);
    const std::size_t first = record.find('\n');
    std::size_t at = first == std::string_view::npos ? record.size() : first + 1;
    while (at < record.size()) {
        const std::size_t end = std::min(record.find('\n', at), record.size());
        const std::string_view line = record.substr(at, end - at);
        at = end + 1;
        const bool shown = !line.empty() && line[0] == '=';
        const std::size_t from = shown ? 1 : 0;
        FacetId a = 0, b = 0;
        if (line.size() != from + 33 || line[from + 16] != ' ' || !hex(line.data() + from, a) ||
            !hex(line.data() + from + 17, b))
            return std::nullopt;
        if (shown) {
            m.shown_.emplace(a, b);
        } else {
            m.root_.emplace(a, b);
            m.members_[b].push_back(a);
        }
    }
    for (auto& [r, members] : m.members_) std::sort(members.begin(), members.end());
    return m;
}

SpeakerMerge speaker_merge_of(const Xapian::Database& db) {
    const std::string prefix(facet_prefix(Facet::Speaker));
    std::vector<std::string> keys;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        keys.push_back((*t).substr(prefix.size()));
    return SpeakerMerge(keys, [&](const std::string& key) {
        return static_cast<std::uint64_t>(db.get_termfreq(prefix + key));
    });
}

void store_speaker_merge(Xapian::WritableDatabase& db) {
    // a run that changed nothing: the record still describes the database
    if (describes(db.get_metadata(kSpeakerMergeMeta), db.get_revision())) return;
    db.set_metadata(kSpeakerMergeMeta, speaker_merge_of(db).encode(db.get_revision() + 1));
    db.commit();
}

std::optional<SpeakerMerge> stored_speaker_merge(const Xapian::Database& db) {
    try {
        const std::uint64_t rev = db.get_revision();  // throws for several parts or remote
        return SpeakerMerge::decode(db.get_metadata(kSpeakerMergeMeta), rev);
    } catch (const Xapian::Error&) {
        return std::nullopt;
    }
}

}  // namespace ndx
