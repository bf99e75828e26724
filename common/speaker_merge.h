// One value per person across the archive (docs/facets.md, "One value per person"): a
// speaker value whose words are the last words of exactly one longest value ("Ishaq
// Dar" and "Muhammad Ishaq Dar") is shown, counted and selected as that value.
//
// The rule depends only on the set of speaker keys, so one database, its shards and
// remote servers holding the same articles merge the same values, whatever the order
// the articles were indexed in.  The extractor applies the same rule within an article
// (extract/extract_people.cc), so no article holds two values of one group and adding
// the counts of a group's values is the exact number of articles.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "common/facet_count.h"
#include "common/facet_ids.h"

namespace ndx {

// For the keys (entity_key, words separated by one space) that merge: key -> the key it
// is shown under.  A key merges when it has two words or more and the keys that end with
// its words (preceded by at least one more word) have exactly one longest member, that
// every other one is a suffix of: "ishaq dar" -> "muhammad ishaq dar"; with "ahmed ishaq
// dar" in the set as well, "ishaq dar" stays alone.  A one-word key never merges (a
// surname alone names many people across an archive), nor does a first name (only the
// last words count).  Keys may repeat and come in any order.
std::unordered_map<std::string, std::string> speaker_roots(const std::vector<std::string>& keys);

// The merge of every speaker value of a target, by facet id.
class SpeakerMerge {
  public:
    SpeakerMerge() = default;
    // From every speaker key of the target.
    explicit SpeakerMerge(const std::vector<std::string>& keys);

    bool empty() const { return root_.empty(); }
    // How many values are shown under another.
    std::size_t merged() const { return root_.size(); }
    // The value `id` is shown under: its root, or itself.
    FacetId root(FacetId id) const {
        auto it = root_.find(id);
        return it == root_.end() ? id : it->second;
    }
    // The values shown as one with `id`: its root first, then the values merged under the
    // root; {id} when it stands alone.
    std::vector<FacetId> group(FacetId id) const;
    // Counts with every merged value's count added to its root's (in the order of the
    // roots' first appearance in `counts`).
    FacetCounts fold(const FacetCounts& counts) const;
    // The same for a map of counts.
    std::unordered_map<FacetId, Xapian::doccount> fold(
        const std::unordered_map<FacetId, Xapian::doccount>& counts) const;

  private:
    std::unordered_map<FacetId, FacetId> root_;                  // merged value -> root
    std::unordered_map<FacetId, std::vector<FacetId>> members_;  // root -> merged values
};

}  // namespace ndx
