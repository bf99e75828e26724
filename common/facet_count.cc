// Facet counting spies: see facet_count.h.
#include "common/facet_count.h"

#include <algorithm>
#include <cstdio>

namespace ndx {

void PackedIdSpy::operator()(const Xapian::Document& doc, double) {
    const std::string v = doc.get_value(slot_no(slot_));
    for_each_packed_id(v, [this](FacetId id) { ++counts_[id]; });
}

std::string PackedIdSpy::get_description() const {
    return "ndx::PackedIdSpy(slot " + std::to_string(slot_no(slot_)) + ")";
}

namespace {

// Document `did`'s ordinals in `c`, [from, to); false for a damaged table.
bool row(const FacetTable::Column& c, Xapian::docid did, std::uint32_t& from, std::uint32_t& to) {
    from = c.start[did];
    to = c.start[did + 1];
    return from <= to && to <= c.ords_size;
}

std::string day_label(std::uint64_t day) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%08llu", static_cast<unsigned long long>(day));
    return buf;
}

}  // namespace

TableCounter::TableCounter(const FacetTable& table, const std::array<Slot, 3>& counted)
    : table_(table), last_(table.last_docid()) {
    for (std::size_t g = 0; g < 3; ++g) counted_[g] = &table.column(counted[g]);
    counted_[kDateGroup] = &table.column(Slot::Date);
    for (std::size_t g = 0; g < counts_.size(); ++g)
        counts_[g].assign(static_cast<std::size_t>(counted_[g]->dict_size), 0);
    filters_[kDateGroup].column = counted_[kDateGroup];
}

void TableCounter::require_any(std::size_t group, Slot column, const std::vector<FacetId>& ids) {
    Filter& f = filters_[group];
    f.column = &table_.column(column);
    f.wanted.assign(static_cast<std::size_t>(f.column->dict_size), 0);
    const std::uint64_t* begin = f.column->dict;
    const std::uint64_t* end = begin + f.column->dict_size;
    for (FacetId id : ids) {
        const std::uint64_t* at = std::lower_bound(begin, end, id);
        if (at != end && *at == id) f.wanted[static_cast<std::size_t>(at - begin)] = 1;
    }
    filtered_ |= 1u << group;
}

void TableCounter::require_dates(std::uint64_t lo, std::uint64_t hi) {
    Filter& f = filters_[kDateGroup];
    const std::uint64_t* begin = f.column->dict;
    const std::uint64_t* end = begin + f.column->dict_size;
    f.lo = static_cast<std::uint32_t>(std::lower_bound(begin, end, lo) - begin);
    f.hi = static_cast<std::uint32_t>(std::upper_bound(begin, end, hi) - begin);
    f.undated = false;
    filtered_ |= 1u << kDateGroup;
}

void TableCounter::require_undated() {
    filters_[kDateGroup].undated = true;
    filtered_ |= 1u << kDateGroup;
}

void TableCounter::count_all_articles(std::size_t group, Xapian::doccount articles) {
    const FacetTable::Column& c = *counted_[group];
    counts_[group].assign(c.articles, c.articles + c.dict_size);
    if (group == kDateGroup) date_seen_ = articles;
    filtered_ &= ~(1u << group);
    fixed_ |= 1u << group;
}

bool TableCounter::passes(std::size_t group, Xapian::docid did) const {
    const Filter& f = filters_[group];
    std::uint32_t from = 0, to = 0;
    if (!row(*f.column, did, from, to)) return false;
    const std::uint32_t* ords = f.column->ords;
    if (group == kDateGroup) {
        if (f.undated) return from == to;
        for (std::uint32_t i = from; i < to; ++i)
            if (ords[i] >= f.lo && ords[i] < f.hi) return true;
        return false;
    }
    for (std::uint32_t i = from; i < to; ++i)
        if (ords[i] < f.wanted.size() && f.wanted[ords[i]]) return true;
    return false;
}

void TableCounter::count(std::size_t group, Xapian::docid did) {
    if (group == kDateGroup) ++date_seen_;
    std::uint32_t from = 0, to = 0;
    if (!row(*counted_[group], did, from, to)) return;  // a damaged table: nothing counted
    std::vector<Xapian::doccount>& counts = counts_[group];
    const std::uint32_t* ords = counted_[group]->ords;
    for (std::uint32_t i = from; i < to; ++i)
        if (ords[i] < counts.size()) ++counts[ords[i]];
}

bool TableCounter::visit(Xapian::docid did) {
    if (did > last_) return false;
    constexpr std::size_t kNone = 4;
    std::size_t failed = kNone;
    for (std::size_t g = 0; g < 4; ++g) {
        if (!(filtered_ & (1u << g)) || passes(g, did)) continue;
        if (failed != kNone) return false;  // two filters fail: counted nowhere
        failed = g;
    }
    if (failed != kNone) {
        count(failed, did);
        return false;
    }
    for (std::size_t g = 0; g < 4; ++g)
        if (!(fixed_ & (1u << g))) count(g, did);
    return true;
}

FacetCounts TableCounter::counts(std::size_t group) const {
    FacetCounts out;
    const std::vector<Xapian::doccount>& counts = counts_[group];
    for (std::size_t o = 0; o < counts.size(); ++o)
        if (counts[o]) out.emplace_back(counted_[group]->dict[o], counts[o]);
    return out;
}

std::map<std::string, Xapian::doccount> TableCounter::days() const {
    std::map<std::string, Xapian::doccount> out;
    for (const auto& [day, n] : counts(kDateGroup)) out[day_label(day)] += n;
    return out;
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
    if (packed_) return FacetCounts(packed_->counts().begin(), packed_->counts().end());
    std::unordered_map<FacetId, Xapian::doccount> sum;  // the same id in several slots
    for (const auto& s : spread_)
        for (auto v = s->values_begin(); v != s->values_end(); ++v)
            sum[std::stoull(*v, nullptr, 16)] += v.get_termfreq();
    return FacetCounts(sum.begin(), sum.end());
}

DateCounter::DateCounter() : values_(slot_no(Slot::Date)) {}

void DateCounter::attach(Xapian::Enquire& enquire) { enquire.add_matchspy(&values_); }

std::map<std::string, Xapian::doccount> DateCounter::days() const {
    std::map<std::string, Xapian::doccount> out;
    for (auto it = values_.values_begin(); it != values_.values_end(); ++it)
        if ((*it).size() == 8) out[*it] += it.get_termfreq();
    return out;
}

}  // namespace ndx
