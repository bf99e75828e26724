// Facet ids: a stable 64-bit hash of (facet, key), packed into value slots for counting.
//
// Hashes rather than per-database ordinals keep ids identical in every shard and every
// incremental run, so counts from several databases add up without a shared dictionary.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/schema.h"

namespace ndx {

using FacetId = std::uint64_t;

// 64-bit FNV-1a.  Stable across platforms and releases (stored in indexes).
constexpr std::uint64_t fnv1a64(std::string_view s) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

inline FacetId facet_id(Facet f, std::string_view key) {
    std::string s(facet_name(f));
    s += ':';
    s += key;
    return fnv1a64(s);
}

// 16 lower-case hex digits.
std::string to_hex(std::uint64_t v);

// Packs ids as consecutive 8-byte little-endian words (the value stored in a slot).
std::string pack_ids(const std::vector<FacetId>& ids);

// Calls fn(id) for each id packed in `value`; ignores a trailing partial word.
template <typename Fn>
void for_each_packed_id(std::string_view value, Fn&& fn) {
    const auto* p = reinterpret_cast<const unsigned char*>(value.data());
    for (std::size_t i = 0; i + 8 <= value.size(); i += 8) {
        std::uint64_t v = 0;
        for (int b = 7; b >= 0; --b) v = (v << 8) | p[i + static_cast<std::size_t>(b)];
        fn(static_cast<FacetId>(v));
    }
}

}  // namespace ndx
