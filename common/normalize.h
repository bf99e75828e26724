// Text normalisation shared by indexing, extraction and querying (utf8proc).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ndx {

// NFKC, accents on Latin letters stripped, typographic quotes, apostrophes and dashes folded to
// ASCII, other Unicode spaces to ' '.  Case is kept.  Input must be valid UTF-8. Both the indexer
// and the query parser see text through this function.
std::string fold_text(std::string_view utf8);

// fold_text() plus Unicode case folding: the form compared when matching names.
std::string fold_case(std::string_view utf8);

// A key for an entity name: fold_case(), full stops and apostrophes dropped ("U.S." ->
// "us", "O'Brien" -> "obrien"), then every run of other characters that are not letters
// or digits becomes one space, trimmed ("Tehreek-e-Taliban  Pakistan" ->
// "tehreek e taliban pakistan").  Used for facet keys and alias lookups.
std::string entity_key(std::string_view name);

// Offset of the first byte that is not part of valid UTF-8, or nullopt if all is valid.
std::optional<std::size_t> invalid_utf8_offset(std::string_view bytes);

}  // namespace ndx
