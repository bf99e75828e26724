// The database metadata of an index (keys listed in schema.h), typed: the one place that
// writes and parses their values.  The layout is versioned with the index (kSchemaKey,
// kSchemaVersion).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/facet_ids.h"
#include "common/schema.h"

namespace ndx {

// What the index remembers of an input file (ndx:file:<path>).
struct FileRecord {
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string hash;
    bool failed = false;
};
// Metadata keys are limited (Xapian: 245 bytes): a path longer than this is keyed by its
// hash, under hashed_file_records_prefix(), and its record then carries the path.
inline constexpr std::size_t kMaxPathInKey = 200;
std::string hashed_file_records_prefix();
// The metadata key of a file's record.
std::string file_record_key(const std::string& abs_path);
// The value stored under that key (a long path is carried after a newline).
std::string file_record_value(const std::string& abs_path, const FileRecord& rec);
// A stored value read back; nullopt when empty or damaged.
std::optional<FileRecord> parse_file_record(std::string_view value);
// The path a stored record is of, from its key and value.
std::string file_record_path(std::string_view key, std::string_view value);

// ndx:maxvalues: the most values any article has in the spread slots of Speakers,
// Locations, LocationTree and Groups.
using MaxValues = std::array<std::size_t, 4>;
// The packed slots, in the order of MaxValues.
inline constexpr std::array<Slot, 4> kMaxValuesSlots = {Slot::Speakers, Slot::Locations,
                                                        Slot::LocationTree, Slot::Groups};
MaxValues parse_max_values(std::string_view value);
std::string max_values_value(const MaxValues& m);
// The entry of MaxValues for a packed facet slot.
std::size_t max_values_index(Slot slot);

// ndx:fv:<id hex>: the record naming a facet value; ndx:fa:<facet>:<alias>: what an
// alias names.
std::string facet_value_key(FacetId id);
std::string facet_alias_key(std::string_view facet, std::string_view alias_key);

}  // namespace ndx
