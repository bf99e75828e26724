// The index's metadata values, written and read (metadata.h).
#include "common/metadata.h"

#include <sstream>

namespace ndx {
std::string hashed_file_records_prefix() { return std::string(kFileMeta) + "#"; }

std::string file_record_key(const std::string& abs_path) {
    if (abs_path.size() <= kMaxPathInKey) return kFileMeta + abs_path;
    return hashed_file_records_prefix() + to_hex(fnv1a64(abs_path));
}

std::string file_record_value(const std::string& abs_path, const FileRecord& rec) {
    std::string v = std::to_string(rec.size) + " " + std::to_string(rec.mtime_ns) + " " +
                    (rec.hash.empty() ? "-" : rec.hash) + " " + (rec.failed ? "failed" : "ok");
    if (abs_path.size() > kMaxPathInKey) v += "\n" + abs_path;
    return v;
}

std::optional<FileRecord> parse_file_record(std::string_view value) {
    if (value.empty()) return std::nullopt;
    std::istringstream in{std::string(value)};
    FileRecord r;
    std::string status;
    if (!(in >> r.size >> r.mtime_ns >> r.hash >> status)) return std::nullopt;
    r.failed = status != "ok";
    return r;
}

std::string file_record_path(std::string_view key, std::string_view value) {
    const auto nl = value.find('\n');
    if (nl != std::string_view::npos) return std::string(value.substr(nl + 1));
    return std::string(key.substr(std::char_traits<char>::length(kFileMeta)));
}

MaxValues parse_max_values(std::string_view value) {
    std::istringstream in{std::string(value)};
    MaxValues m{};
    for (auto& x : m) in >> x;
    return m;
}

std::string max_values_value(const MaxValues& m) {
    std::string out;
    for (std::size_t x : m) out += std::to_string(x) + " ";
    return out;
}

std::size_t max_values_index(Slot slot) {
    for (std::size_t g = 0; g < kMaxValuesSlots.size(); ++g)
        if (kMaxValuesSlots[g] == slot) return g;
    return kMaxValuesSlots.size() - 1;
}

std::string facet_value_key(FacetId id) { return kFacetValueMeta + to_hex(id); }

std::string facet_alias_key(std::string_view facet, std::string_view alias_key) {
    std::string k = kFacetAliasMeta;
    k += facet;
    k += ':';
    k += alias_key;
    return k;
}

}  // namespace ndx
