// Facet values known to a database: names of packed ids, and user names -> values.
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/facet_ids.h"
#include "common/schema.h"

namespace ndx {

// What the index records about one facet value (metadata ndx:fv:, see schema.h).
struct FacetValueInfo {
    Facet facet = Facet::Speaker;
    FacetId id = 0;
    std::string value;  // display name
    std::string key;    // filter key (term suffix)
    std::string path;   // locations: "Pakistan/Balochistan/Zhob"
    std::string kind;
    int depth = 0;      // locations: 0 country, 1 province, 2+ below
};

// A user's name for a facet value resolved against the index.
struct Resolution {
    std::vector<FacetValueInfo> values;  // every value the name selects
    bool partial = false;                // matched a part of a name, not a whole name/alias
};

class FacetCatalog {
  public:
    // `db` is the combined database; `parts` its shards (metadata lives in each shard).
    explicit FacetCatalog(const Xapian::Database& db, std::vector<Xapian::Database> parts = {})
        : db_(db), parts_(parts.empty() ? std::vector<Xapian::Database>{db} : std::move(parts)) {}

    // The stored description of a value, or nullopt if the index has none.
    std::optional<FacetValueInfo> info(FacetId id) const;

    // Values selected by `name`: the canonical name or any alias, ignoring case, accents
    // and punctuation; failing that (speakers, locations, groups alike) the values having
    // every word of `name` among their words ("miller" -> "Matthew Miller").  Throws
    // QueryError naming the closest known values when nothing matches.
    Resolution resolve(Facet facet, const std::string& name) const;

    // Values whose canonical name or an alias has this entity_key (no partial matching).
    std::vector<FacetValueInfo> by_alias(Facet facet, const std::string& key) const;

    // Every value of a facet in the index (scans the boolean terms).
    std::vector<std::string> all_keys(Facet facet) const;

  private:
    std::string metadata(const std::string& key) const;  // the first shard that has it

    Xapian::Database db_;
    std::vector<Xapian::Database> parts_;
    mutable std::map<FacetId, std::optional<FacetValueInfo>> cache_;
};

}  // namespace ndx
