// The display name of a facet value, chosen the same way whatever the indexing order,
// the number of shards or parts (docs/facets.md, "One display name per value").
#pragma once

#include <string>
#include <vector>

namespace ndx {

// The preferred one of several written forms of one value (forms of one entity_key):
// fewest words in capitals ("KIM MAHN-JE"), then most accented letters ("José" over
// "Jose"), then fewest capitals inside a word ("Kim Mahn-je" over "Kim Mahn-Je"), then
// byte order.  "" for no forms.
std::string preferred_form(const std::vector<std::string>& forms);

// Merges value records (the JSON of the ndx:fv: metadata) of one value from several
// databases, runs or parts: the union of their "forms" (a record without them counts its
// "value"), "value" set to the preferred form, other fields from the first record.  Records
// that are not JSON objects are skipped; "" when none is.
std::string merge_value_records(const std::vector<std::string>& records);

}  // namespace ndx
