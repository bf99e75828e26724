// Facet counting spies: see facet_count.h.
#include "common/facet_count.h"

namespace ndx {

void PackedIdSpy::operator()(const Xapian::Document& doc, double) {
    ++seen_;
    const std::string v = doc.get_value(slot_no(slot_));
    for_each_packed_id(v, [this](FacetId id) { ++counts_[id]; });
}

std::string PackedIdSpy::get_description() const {
    return "ndx::PackedIdSpy(slot " + std::to_string(slot_no(slot_)) + ")";
}

}  // namespace ndx
