// The passes of the views over the matches of a search (view_passes.h).
#include "common/view_passes.h"

#include <algorithm>

#include "common/date.h"
#include "common/facet_count.h"

namespace ndx::view_passes {
namespace {

using Q = Xapian::Query;

// Local databases without a current facet table: the values read from the slots.
class SlotSpy : public Xapian::MatchSpy {
  public:
    SlotSpy(Matches& m, std::vector<Slot> slots) : m_(m), slots_(std::move(slots)) {
        for (Slot s : slots_) m_.start[column_of(s)].assign(1, 0);
    }
    void operator()(const Xapian::Document& doc, double) override {
        m_.day.push_back(day_number(doc.get_value(slot_no(Slot::Date))));
        for (Slot s : slots_) {
            const std::size_t c = column_of(s);
            for_each_packed_id(doc.get_value(slot_no(s)),
                               [&](FacetId id) { m_.ids[c].push_back(id); });
            m_.start[c].push_back(static_cast<std::uint32_t>(m_.ids[c].size()));
        }
    }
    std::string get_description() const override { return "ndx::SlotSpy"; }

  private:
    Matches& m_;
    std::vector<Slot> slots_;
};

class DocidSpy : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document& doc, double) override {
        docids.push_back(doc.get_docid());
    }
    std::string get_description() const override { return "ndx::DocidSpy"; }
    std::vector<Xapian::docid> docids;
};

// Document `did`'s ordinals in `c`, [from, to); false for a damaged table.
bool table_row(const FacetTable::Column& c, Xapian::docid did, std::uint32_t& from,
               std::uint32_t& to) {
    from = c.start[did];
    to = c.start[did + 1];
    return from <= to && to <= c.ords_size;
}

// How many spread slots of a packed slot hold values, across the shards (schema.h), at
// most the slots there are.
std::size_t spread_slots(const SearchTarget& target, Slot slot) {
    return std::min(spread_width(target, slot), kMaxSlotValues);
}

}  // namespace

Slot counted_slot(Facet f, LocationLevel level) {
    return f == Facet::Location && level != LocationLevel::Named ? Slot::LocationTree
                                                                 : facet_slot(f);
}

Slot filter_slot(Facet f) { return f == Facet::Location ? Slot::LocationTree : facet_slot(f); }

const FacetTable* usable_table(const SearchTarget& target) {
    if (target.remote || target.parts.size() != 1) return nullptr;
    const FacetTable* t = target.table.get();
    return t && t->describes(target.parts[0]) ? t : nullptr;
}

// One pass over the matches of `query` (local targets only).
Matches collect(const SearchTarget& target, const Q& query, std::vector<Slot> slots) {
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    Matches m;
    Xapian::Enquire enq(target.db);
    enq.set_query(query);
    enq.set_weighting_scheme(Xapian::BoolWeight());
    enq.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::doccount all = target.db.get_doccount();
    if (const FacetTable* table = usable_table(target)) {
        DocidSpy spy;
        enq.add_matchspy(&spy);
        enq.get_mset(0, 0, all);
        m.day.reserve(spy.docids.size());
        const FacetTable::Column& dates = table->column(Slot::Date);
        for (Slot s : slots) m.start[column_of(s)].assign(1, 0);
        for (Xapian::docid did : spy.docids) {
            std::uint32_t from = 0, to = 0;
            const bool in = did <= table->last_docid();
            std::uint32_t day = 0;
            if (in && table_row(dates, did, from, to) && from < to &&
                dates.ords[from] < dates.dict_size)
                day = static_cast<std::uint32_t>(dates.dict[dates.ords[from]]);
            m.day.push_back(day);
            for (Slot s : slots) {
                const std::size_t c = column_of(s);
                const FacetTable::Column& col = table->column(s);
                if (in && table_row(col, did, from, to))
                    for (std::uint32_t i = from; i < to; ++i)
                        if (col.ords[i] < col.dict_size) m.ids[c].push_back(col.dict[col.ords[i]]);
                m.start[c].push_back(static_cast<std::uint32_t>(m.ids[c].size()));
            }
        }
        return m;
    }
    SlotSpy spy(m, slots);
    enq.add_matchspy(&spy);
    enq.get_mset(0, 0, all);
    return m;
}

// Documents having facet id `id` in packed slot `slot`, through the one-value-per-slot
// layout: a query a remote server runs itself.
Q has_id(const SearchTarget& target, Slot slot, FacetId id) {
    const std::string hex = to_hex(id);
    std::vector<Q> parts;
    const Xapian::valueno base = spread_slot_base(slot);
    for (std::size_t i = 0; i < spread_slots(target, slot); ++i)
        parts.emplace_back(Q::OP_VALUE_RANGE, base + static_cast<Xapian::valueno>(i), hex, hex);
    if (parts.empty()) return Q::MatchNothing;
    return Q(Q::OP_OR, parts.begin(), parts.end());
}

RemoteCount remote_count(const SearchTarget& target, const Q& query, std::optional<Slot> slot,
                         bool days) {
    Xapian::Enquire enq(target.db);
    enq.set_query(query);
    enq.set_weighting_scheme(Xapian::BoolWeight());
    std::optional<FacetCounter> counter;
    if (slot) {
        counter.emplace(*slot, true, spread_slots(target, *slot));
        counter->attach(enq);
    }
    std::optional<DateCounter> dates;
    if (days) {
        dates.emplace();
        dates->attach(enq);
    }
    const Xapian::doccount all = target.db.get_doccount();
    Xapian::MSet mset = enq.get_mset(0, 0, all);
    RemoteCount out;
    out.total = mset.get_matches_estimated();
    if (counter)
        for (const auto& [id, n] : counter->counts()) out.ids[id] += n;
    if (dates)
        for (const auto& [d, n] : dates->days()) out.days[day_number(d)] += n;
    return out;
}

Counts count_ids(const Matches& m, Slot s) {
    Counts out;
    const std::size_t c = column_of(s);
    for (FacetId id : m.ids[c]) ++out[id];
    return out;
}

}  // namespace ndx::view_passes
