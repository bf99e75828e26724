// Facet values known to a database: names of packed ids, and user names -> values.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/facet_ids.h"
#include "common/schema.h"
#include "common/speaker_merge.h"

namespace ndx {

class FacetTable;

// What the index records about one facet value (metadata ndx:fv:, see schema.h).
struct FacetValueInfo {
    Facet facet = Facet::Speaker;
    FacetId id = 0;
    std::string value;  // display name
    std::string key;    // filter key (term suffix)
    std::string path;   // locations: "Pakistan/Balochistan/Zhob"
    std::string kind;
    int depth = 0;  // locations: 0 country, 1 province, 2+ below
    // speakers: the value this one is shown under (speaker_merge.h), 0 when none; `value`
    // is then that value's display name
    FacetId shown_as = 0;
};

// A value's record (its ndx:fv: or gazetteer metadata) read; nullopt when it is not a JSON
// object.  `id` and `shown_as` are left unset.
std::optional<FacetValueInfo> read_value_record(std::string_view rec);

// A user's name for a facet value resolved against the index.
struct Resolution {
    std::vector<FacetValueInfo> values;  // every value the name selects
    bool partial = false;                // matched a part of a name, not a whole name/alias
};

class FacetCatalog {
  public:
    // `db` is the combined database; `parts` its shards (metadata lives in each shard).
    // `table`: the facet table (facet_table.h) of a target that is one local database,
    // describing it as opened: the values' records and the speaker merge are read from it
    // rather than from the metadata (the same answers, without a read of the database per
    // value shown).  A catalog with a table serves only that revision.
    explicit FacetCatalog(const Xapian::Database& db, std::vector<Xapian::Database> parts = {},
                          std::shared_ptr<const FacetTable> table = nullptr);

    // The stored description of a value, or nullopt if the index has none.
    std::optional<FacetValueInfo> info(FacetId id) const;

    // Values selected by `name`: the canonical name or any alias, ignoring case, accents
    // and punctuation, whether an article used that name or only the gazetteer the index
    // was built with knows it ("Baluchistan", "NWFP", "USA"); a location path selects
    // among places of one name ("Pakistan/Punjab", "Pakistan/Hyderabad": each part a
    // name of a place above the last, levels may be left out).  Failing that (speakers,
    // locations, groups alike) the values having every word of `name` among their words
    // ("miller" -> "Matthew Miller").  Of several values, those no article names are left
    // out when some article names another.  Throws QueryError naming the closest names
    // (by edit distance, over the values and every name and alias) when nothing matches.
    // A speaker value selects every value shown as one with it (speaker_merge.h).
    Resolution resolve(Facet facet, const std::string& name) const;

    // Values whose canonical name or an alias has this entity_key in the articles indexed
    // (no partial matching, no gazetteer names).
    std::vector<FacetValueInfo> by_alias(Facet facet, const std::string& key) const;
    // The same, and the gazetteer values a name or alias of the gazetteer names.
    std::vector<FacetValueInfo> by_name(Facet facet, const std::string& key) const;

    // Every value of a facet in the index (scans the boolean terms).
    std::vector<std::string> all_keys(Facet facet) const;

    // Which speaker values are shown under a longer one, over every value of the target
    // (computed once, on first use).
    const SpeakerMerge& speaker_merge() const;

  private:
    std::string metadata(const std::string& key) const;  // the first shard that has it
    std::vector<FacetValueInfo> listed(const std::vector<std::string>& meta_keys) const;
    std::vector<FacetValueInfo> by_path(Facet facet, const std::string& name) const;
    std::string suggestions(Facet facet, const std::string& want) const;
    bool named(const FacetValueInfo& v) const;  // some article names it

    Xapian::Database db_;
    std::vector<Xapian::Database> parts_;
    std::shared_ptr<const FacetTable> table_;
    mutable std::map<FacetId, std::optional<FacetValueInfo>> cache_;
    mutable std::optional<SpeakerMerge> merge_;
};

}  // namespace ndx
