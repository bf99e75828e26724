// A fast reader for the JSON objects the index stores and a search reads many of: the
// stored records of the hits and the records of facet values (schema.h).  They are
// objects whose values are strings, counts and flags, and at most a few nested values the
// reader does not need (a record's facets and evidence, a value's forms), which it skips.
// nlohmann::json's parser builds a tree and copies every string a byte at a time; this one
// scans each string for its end and copies it once, which makes reading the ten hits of a
// search several times faster.
//
// It reads only what it is sure of: anything else -- a nested value where a scalar is
// wanted, a key given twice, an escape for a UTF-16 surrogate, a number that is not a
// count, invalid UTF-8, damaged text -- makes parse() return false, and the caller reads
// the text with nlohmann::json as before, so the answer is the same either way.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ndx {

class FlatObject {
  public:
    enum class Kind { String, Count, True, False, Null, Nested };
    struct Value {
        Kind kind = Kind::Null;
        std::string text;         // Kind::String: the decoded string
        std::uint64_t count = 0;  // Kind::Count: a non-negative integer
    };

    // Reads `json`; false (and nothing kept) when it is not such an object.
    bool parse(std::string_view json);

    // The value of `key`, or null when the object has none.
    const Value* find(std::string_view key) const;
    // The string at `key`, or "" when there is none or it is not a string.
    std::string string_at(std::string_view key) const;
    // The count at `key`, or 0 when there is none or it is not a count.
    std::uint64_t count_at(std::string_view key) const;

  private:
    std::vector<std::pair<std::string, Value>> members_;
};

// The text of `j.dump(indent)`, byte for byte, indented (indent 0 or more) written without
// nlohmann::json's serializer, which decodes every byte of every string as UTF-8: a string
// of plain ASCII or valid UTF-8 is copied in runs, and whatever else -- a floating-point
// number, a string that is not valid UTF-8 (nlohmann throws for it) -- is left to
// nlohmann::json to write.
void dump_json(std::string& out, const nlohmann::json& j, int indent);
std::string dump_json(const nlohmann::json& j, int indent);
// The same for a value standing `depth` levels deep in an indented document (its members
// indented by indent * (depth + 1)).
void dump_json(std::string& out, const nlohmann::json& j, int indent, int depth);
// `text` as a JSON string, as dump() writes it (throws nlohmann's error for invalid UTF-8).
void dump_json_string(std::string& out, std::string_view text);

}  // namespace ndx
