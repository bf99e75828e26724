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

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/facet_count.h"
#include "common/facet_ids.h"

namespace ndx {

// The metadata key of a database's merge, written by ndx-index at the end of every run:
// "r<revision>" on the first line (the revision it describes), then "<member> <root>" and
// "=<root> <shown>" lines of 16-hex-digit facet ids.
inline constexpr const char* kSpeakerMergeMeta = "ndx:speakermerge";

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
    // From every speaker key of the target.  `frequency` (when given) says in how many
    // documents a key is named: a group is shown by the name of its most frequent value
    // (ties: the longest), so one article's misreading ("Australian Treasurer Paul Keating")
    // does not rename a person the archive names correctly many times ("Paul Keating").
    // Without it, by its longest value.
    explicit SpeakerMerge(const std::vector<std::string>& keys,
                          const std::function<std::uint64_t(const std::string&)>& frequency = {});

    bool empty() const { return root_.empty(); }
    // Every merged value -> its root.
    const std::unordered_map<FacetId, FacetId>& roots() const { return root_; }
    // How many values are shown under another.
    std::size_t merged() const { return root_.size(); }
    // The value `id` is shown under: its root, or itself.
    FacetId root(FacetId id) const {
        auto it = root_.find(id);
        return it == root_.end() ? id : it->second;
    }
    // The value whose name a group is shown by (`root` a group's root; root itself when
    // it stands alone).
    FacetId shown(FacetId root) const {
        auto it = shown_.find(root);
        return it == shown_.end() ? root : it->second;
    }
    // The values shown as one with `id`: its root first, then the values merged under the
    // root; {id} when it stands alone.
    std::vector<FacetId> group(FacetId id) const;
    // Counts with every merged value's count added to its root's (the values that stand
    // alone in their order, then roots counted only through their group).
    FacetCounts fold(const FacetCounts& counts) const;
    // The same for a map of counts.
    std::unordered_map<FacetId, Xapian::doccount> fold(
        const std::unordered_map<FacetId, Xapian::doccount>& counts) const;

    // The record of kSpeakerMergeMeta for a database at `revision`.
    std::string encode(std::uint64_t revision) const;
    // The merge a record holds when it describes `revision`, else nullopt.
    static std::optional<SpeakerMerge> decode(std::string_view record, std::uint64_t revision);

  private:
    std::unordered_map<FacetId, FacetId> root_;                  // merged value -> root
    std::unordered_map<FacetId, std::vector<FacetId>> members_;  // root -> merged values
    std::unordered_map<FacetId, FacetId> shown_;  // root -> the value it is shown by, if not itself
};

// The merge of the speaker values of `db` (every part of it), shown by frequency.
SpeakerMerge speaker_merge_of(const Xapian::Database& db);

// Records the merge of `db`'s own values in its metadata and commits: done by ndx-index
// after a run's last commit, so a search of this one database reads the merge instead of
// working it out (a shard set works it out over all its shards).
void store_speaker_merge(Xapian::WritableDatabase& db);

// The merge recorded in `db` when `db` is one local database and the record describes its
// revision; nullopt otherwise.
std::optional<SpeakerMerge> stored_speaker_merge(const Xapian::Database& db);

}  // namespace ndx
