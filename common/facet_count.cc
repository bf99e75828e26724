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

FacetCounter::FacetCounter(Slot slot, bool remote, std::size_t spread) {
    if (!remote) {
        packed_ = std::make_unique<PackedIdSpy>(slot);
        return;
    }
    const Xapian::valueno base = spread_slot_base(slot);
    for (std::size_t i = 0; i < spread && i < kMaxSlotValues; ++i)
        spread_.push_back(
            std::make_unique<Xapian::ValueCountMatchSpy>(base + static_cast<Xapian::valueno>(i)));
}

void FacetCounter::attach(Xapian::Enquire& enquire) {
    if (packed_) enquire.add_matchspy(packed_.get());
    for (auto& s : spread_) enquire.add_matchspy(s.get());
}

FacetCounts FacetCounter::counts() const {
    if (packed_) return packed_->counts();
    FacetCounts out;
    for (const auto& s : spread_)
        for (auto v = s->values_begin(); v != s->values_end(); ++v)
            out[std::stoull(*v, nullptr, 16)] += v.get_termfreq();
    return out;
}

}  // namespace ndx
