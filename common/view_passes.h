// The passes of the views (common/views.h) over the matches of a search: one pass over a
// local target reading each match's facet values, or counting passes through remote
// servers.  Internal to the views.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "common/database.h"
#include "common/facet_ids.h"
#include "common/facet_table.h"
#include "common/search.h"

namespace ndx::view_passes {

using Counts = std::unordered_map<FacetId, Xapian::doccount>;

inline std::size_t index_of(Facet f) { return static_cast<std::size_t>(f); }
inline std::size_t column_of(Slot s) { return static_cast<std::size_t>(s); }

// The column a facet's values are counted in: places as named, or their whole tree when
// rolled up to a level.
Slot counted_slot(Facet f, LocationLevel level);

// The column a facet filter tests: a place selects every place inside it.
Slot filter_slot(Facet f);

// The target's facet table when it is one local database and its table is current.
const FacetTable* usable_table(const SearchTarget& target);

// The facet values of every match, read in one pass: each document's day (YYYYMMDD, 0
// when undated) and its ids in the columns asked for.
struct Matches {
    std::vector<std::uint32_t> day;
    std::array<std::vector<std::uint32_t>, FacetTable::kColumns> start;  // size() + 1 each
    std::array<std::vector<FacetId>, FacetTable::kColumns> ids;

    std::size_t size() const { return day.size(); }
    template <typename Fn>
    void for_each_id(std::size_t doc, Slot s, Fn&& fn) const {
        const std::size_t c = column_of(s);
        for (std::uint32_t i = start[c][doc]; i < start[c][doc + 1]; ++i) fn(ids[c][i]);
    }
};

// One pass over the matches of `query` (local targets only).
Matches collect(const SearchTarget& target, const Xapian::Query& query, std::vector<Slot> slots);

// Documents having facet id `id` in packed slot `slot`, through the one-value-per-slot
// layout: a query a remote server runs itself.
Xapian::Query has_id(const SearchTarget& target, Slot slot, FacetId id);

// A pass through remote servers: the count of matches, and of each id in `slot` and each
// day, as asked.
struct RemoteCount {
    Xapian::doccount total = 0;
    Counts ids;
    std::map<std::uint32_t, Xapian::doccount> days;
};

RemoteCount remote_count(const SearchTarget& target, const Xapian::Query& query,
                         std::optional<Slot> slot, bool days);

// How many matches have each id in `s`.
Counts count_ids(const Matches& m, Slot s);

}  // namespace ndx::view_passes
