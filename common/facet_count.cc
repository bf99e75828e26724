// Facet counting spies: see facet_count.h.
#include "common/facet_count.h"

#include <cstdio>

namespace ndx {

void PackedIdSpy::operator()(const Xapian::Document& doc, double) {
    const std::string v = doc.get_value(slot_no(slot_));
    for_each_packed_id(v, [this](FacetId id) { ++counts_[id]; });
}

std::string PackedIdSpy::get_description() const {
    return "ndx::PackedIdSpy(slot " + std::to_string(slot_no(slot_)) + ")";
}

TableSpy::TableSpy(const FacetTable& table, Slot slot)
    : slot_(slot), column_(table.column(slot)), last_(table.last_docid()),
      counts_(static_cast<std::size_t>(column_.dict_size), 0) {}

void TableSpy::operator()(const Xapian::Document& doc, double) {
    const Xapian::docid did = doc.get_docid();
    if (did > last_) return;
    const std::uint32_t from = column_.start[did], to = column_.start[did + 1];
    if (from > to || to > column_.ords_size) return;  // a damaged table: nothing counted
    for (std::uint32_t i = from; i < to; ++i) {
        const std::uint32_t o = column_.ords[i];
        if (o < counts_.size()) ++counts_[o];
    }
}

std::vector<std::pair<std::uint64_t, Xapian::doccount>> TableSpy::counts() const {
    std::vector<std::pair<std::uint64_t, Xapian::doccount>> out;
    for (std::size_t o = 0; o < counts_.size(); ++o)
        if (counts_[o]) out.emplace_back(column_.dict[o], counts_[o]);
    return out;
}

std::string TableSpy::get_description() const {
    return "ndx::TableSpy(slot " + std::to_string(slot_no(slot_)) + ")";
}

FacetCounter::FacetCounter(Slot slot, bool remote, std::size_t spread,
                           const FacetTable* table) {
    if (table) {
        table_ = std::make_unique<TableSpy>(*table, slot);
        return;
    }
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
    if (table_) enquire.add_matchspy(table_.get());
    if (packed_) enquire.add_matchspy(packed_.get());
    for (auto& s : spread_) enquire.add_matchspy(s.get());
}

FacetCounts FacetCounter::counts() const {
    if (table_) return table_->counts();
    if (packed_) return FacetCounts(packed_->counts().begin(), packed_->counts().end());
    std::unordered_map<FacetId, Xapian::doccount> sum;  // the same id in several slots
    for (const auto& s : spread_)
        for (auto v = s->values_begin(); v != s->values_end(); ++v)
            sum[std::stoull(*v, nullptr, 16)] += v.get_termfreq();
    return FacetCounts(sum.begin(), sum.end());
}

DateCounter::DateCounter(const FacetTable* table) {
    if (table)
        table_ = std::make_unique<TableSpy>(*table, Slot::Date);
    else
        values_ = std::make_unique<Xapian::ValueCountMatchSpy>(slot_no(Slot::Date));
}

void DateCounter::attach(Xapian::Enquire& enquire) {
    enquire.add_matchspy(table_ ? static_cast<Xapian::MatchSpy*>(table_.get()) : values_.get());
}

std::map<std::string, Xapian::doccount> DateCounter::days() const {
    std::map<std::string, Xapian::doccount> out;
    if (table_) {
        for (const auto& [day, n] : table_->counts()) {
            char buf[24];
            std::snprintf(buf, sizeof buf, "%08llu", static_cast<unsigned long long>(day));
            out[buf] += n;
        }
        return out;
    }
    for (auto it = values_->values_begin(); it != values_->values_end(); ++it)
        if ((*it).size() == 8) out[*it] += it.get_termfreq();
    return out;
}

}  // namespace ndx
