// Fuzzes facet extraction: an Article whose dateline is the input's first line and whose
// body is the rest (valid UTF-8 only, as the reader guarantees), with the real gazetteer
// and the shipped tagger model.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extract.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

const ndx::Extractor& extractor() {
    static const ndx::Gazetteer gazetteer = ndx::Gazetteer::load(ndx::GazetteerSources{});
    static const ndx::Extractor x(gazetteer, ndx::Tagger::load(ndx::Tagger::default_path()));
    return x;
}

// What the index builds from an entity: terms and metadata keys from its key and alias
// keys (at most 160 bytes, as extract.h promises: Xapian's limit is 245), JSON from its
// names and evidence.
void check_entities(const std::vector<ndx::Entity>& entities) {
    for (const ndx::Entity& e : entities) {
        if (e.value.empty() || e.key.empty() || e.key.size() > 160) __builtin_trap();
        ndx::fuzz::require_utf8("value", e.value);
        ndx::fuzz::require_utf8("key", e.key);
        for (const auto& p : e.path) ndx::fuzz::require_utf8("path", p);
        for (const auto& a : e.aliases) {
            ndx::fuzz::require_utf8("alias", a);
            if (ndx::entity_key(a).size() > 160) __builtin_trap();
        }
        for (const auto& ev : e.evidence) ndx::fuzz::require_utf8("evidence", ev.text);
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)extractor();  // load the gazetteer before the first input is timed
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (ndx::invalid_utf8_offset(bytes)) return -1;  // not kept in the corpus
    ndx::Article a;
    const std::size_t nl = bytes.find('\n');
    if (nl != std::string_view::npos) {
        a.dateline = bytes.substr(0, nl);
        a.body = bytes.substr(nl + 1);
    } else {
        a.body = bytes;
    }
    const ndx::Facets f = extractor().extract(a);
    check_entities(f.speakers);
    check_entities(f.locations);
    check_entities(f.groups);
    for (const ndx::Statement& st : f.statements) {
        ndx::fuzz::require_utf8("statement", st.text);
        if (st.speaker_key.size() > 160) __builtin_trap();
    }
    (void)ndx::facets_json(f).dump();
    return 0;
}
