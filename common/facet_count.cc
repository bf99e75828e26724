// Facet counting spies: see facet_count.h.
#include "common/facet_count.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>

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
    for (std::size_t g = 0; g < 4; ++g)
        offset_[g + 1] = offset_[g] + static_cast<std::size_t>(counted_[g]->dict_size);
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
    if (group == kDateGroup) date_total_ = articles;
    filtered_ &= ~(1u << group);
    fixed_ |= 1u << group;
    tallied_ = false;
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

bool TableCounter::visit(Xapian::docid did) {
    if (did > last_) return false;
    if (filtered_) {
        constexpr std::size_t kNone = 4;
        std::size_t failed = kNone;
        for (std::size_t g = 0; g < 4; ++g) {
            if (!(filtered_ & (1u << g)) || passes(g, did)) continue;
            if (failed != kNone) return false;  // two filters fail: counted nowhere
            failed = g;
        }
        if (failed != kNone) {
            alone_[failed].push_back(did);
            return false;
        }
    }
    matched_.push_back(did);
    tallied_ = false;
    return true;
}

namespace {

// Adds the values of the documents `docs` in column `c` to `counts` (by ordinal, `n` of
// them); a damaged row or ordinal is not counted.
void add_rows(const FacetTable::Column& c, const std::vector<Xapian::docid>& docs,
              Xapian::doccount* counts, std::size_t n) {
    const std::uint32_t* ords = c.ords;
    for (Xapian::docid did : docs) {
        std::uint32_t from = 0, to = 0;
        if (!row(c, did, from, to)) continue;
        for (std::uint32_t i = from; i < to; ++i)
            if (ords[i] < n) ++counts[ords[i]];
    }
}

// Appends to `out` every ordinal (below `n`) of column `c` in the rows of `docs`, as often
// as add_rows() would count it.
void add_ordinals(const FacetTable::Column& c, const std::vector<Xapian::docid>& docs,
                  std::size_t n, std::vector<std::uint32_t>& out) {
    for (Xapian::docid did : docs) {
        std::uint32_t from = 0, to = 0;
        if (!row(c, did, from, to)) continue;
        for (std::uint32_t i = from; i < to; ++i)
            if (c.ords[i] < n) out.push_back(c.ords[i]);
    }
}

}  // namespace

bool TableCounter::sparse(std::size_t group) const {
    if (fixed_ & (1u << group)) return false;
    const std::size_t n = offset_[group + 1] - offset_[group];
    return matched_.size() + alone_[group].size() <= n / 16;
}

void TableCounter::tally() const {
    if (tallied_) return;
    for (std::size_t g = 0; g < 4; ++g) {
        const FacetTable::Column& c = *counted_[g];
        const std::size_t n = offset_[g + 1] - offset_[g];
        counts_[g].clear();
        pairs_[g].clear();
        if (sparse(g)) {
            std::vector<std::uint32_t> ords;
            add_ordinals(c, matched_, n, ords);
            add_ordinals(c, alone_[g], n, ords);
            std::sort(ords.begin(), ords.end());
            for (std::uint32_t o : ords) {
                if (pairs_[g].empty() || pairs_[g].back().first != o) pairs_[g].emplace_back(o, 0);
                ++pairs_[g].back().second;
            }
            continue;
        }
        counts_[g].assign(n, 0);
        Xapian::doccount* counts = counts_[g].data();
        if (fixed_ & (1u << g))
            std::copy(c.articles, c.articles + n, counts);
        else
            add_rows(c, matched_, counts, n);
        add_rows(c, alone_[g], counts, n);
    }
    tallied_ = true;
}

const Xapian::doccount* TableCounter::counters(std::size_t group) const {
    const std::size_t n = offset_[group + 1] - offset_[group];
    std::vector<Xapian::doccount>& counts = counts_[group];
    if (counts.size() != n) {
        counts.assign(n, 0);
        for (const auto& [o, c] : pairs_[group]) counts[o] = c;
    }
    return counts.data();
}

bool TableCounter::few(std::size_t group, FacetCounts& out) const {
    // When the documents counted hold few distinct values (at most one in 16 of the
    // column's), they are read from their pairs rather than from every counter.
    const std::size_t n = offset_[group + 1] - offset_[group];
    if (!sparse(group) || pairs_[group].size() > n / 16) return false;
    out.reserve(pairs_[group].size());
    const std::uint64_t* dict = counted_[group]->dict;
    for (const auto& [o, c] : pairs_[group]) out.emplace_back(dict[o], c);
    return true;
}

namespace {

// Calls `f(ordinal, count)` for every counter of `counts` (`n` of them) that is not 0, in
// ordinal order, eight at a time past the zeros.
template <typename F>
void each_counted(const Xapian::doccount* counts, std::size_t n, F&& f) {
    constexpr std::size_t kRun = 8;
    std::size_t o = 0;
    for (; o + kRun <= n; o += kRun) {
        Xapian::doccount any = 0;
        for (std::size_t i = 0; i < kRun; ++i) any |= counts[o + i];
        if (!any) continue;
        for (std::size_t i = o; i < o + kRun; ++i)
            if (counts[i]) f(i, counts[i]);
    }
    for (; o < n; ++o)
        if (counts[o]) f(o, counts[o]);
}

}  // namespace

FacetCounts TableCounter::counts(std::size_t group) const {
    tally();
    FacetCounts out;
    const std::uint64_t* dict = counted_[group]->dict;
    if (sparse(group)) {
        out.reserve(pairs_[group].size());
        for (const auto& [o, c] : pairs_[group]) out.emplace_back(dict[o], c);
        return out;
    }
    each_counted(counters(group), offset_[group + 1] - offset_[group],
                 [&](std::size_t o, Xapian::doccount c) { out.emplace_back(dict[o], c); });
    return out;
}

std::optional<FacetCounts> TableCounter::top(
    std::size_t group, std::size_t limit, const std::vector<FacetId>& wanted, std::size_t& distinct,
    const std::vector<std::pair<FacetId, FacetId>>& merged) const {
    tally();
    FacetCounts out;
    if (merged.empty() && few(group, out)) {
        distinct = out.size();
        return out;
    }
    const std::size_t n = offset_[group + 1] - offset_[group];
    const std::uint64_t* dict = counted_[group]->dict;
    auto ordinal = [&](FacetId id) {
        const std::uint64_t* at = std::lower_bound(dict, dict + n, id);
        return at == dict + n || *at != id ? n : static_cast<std::size_t>(at - dict);
    };
    // The counts: a sparse group's pairs (a value folded away keeps a pair counting 0),
    // else one counter per ordinal.
    const bool is_sparse = sparse(group);
    using Pair = std::pair<std::uint32_t, Xapian::doccount>;
    std::vector<Pair> list;
    const Xapian::doccount* counts = nullptr;
    std::vector<Xapian::doccount> folded;
    auto find = [&](std::size_t o) {
        return std::lower_bound(list.begin(), list.end(), Pair(static_cast<std::uint32_t>(o), 0),
                                [](const Pair& a, const Pair& b) { return a.first < b.first; });
    };
    auto count_of = [&](std::size_t o) -> Xapian::doccount {
        if (!is_sparse) return counts[o];
        const auto at = find(o);
        return at == list.end() || at->first != o ? 0 : at->second;
    };
    // the count of ordinal `o`, to change (a sparse group's pair made, at 0, when missing)
    auto count_at = [&](std::size_t o) -> Xapian::doccount& {
        if (!is_sparse) return folded[o];
        auto at = find(o);
        if (at == list.end() || at->first != o)
            at = list.insert(at, Pair(static_cast<std::uint32_t>(o), 0));
        return at->second;
    };
    if (is_sparse) {
        list = pairs_[group];
    } else {
        counts = counters(group);
        if (!merged.empty()) {
            folded.assign(counts, counts + n);
            counts = folded.data();
        }
    }
    for (const auto& [value, root] : merged) {
        const std::size_t from = ordinal(value);
        const Xapian::doccount c = from == n ? 0 : count_of(from);
        if (!c) continue;
        const std::size_t to = ordinal(root);
        if (to == n) return std::nullopt;
        count_at(to) += c;
        count_at(from) = 0;
    }
    // f(ordinal, count) for every value in ordinal order (some counting 0)
    auto each = [&](auto&& f) {
        if (is_sparse)
            for (const auto& [o, c] : list) f(static_cast<std::size_t>(o), c);
        else
            for (std::size_t o = 0; o < n; ++o) f(o, counts[o]);
    };
    limit = std::min(limit, n);  // (a limit past every value: all of them)
    // the `limit` largest counts, smallest first (a min-heap); past the first `limit`
    // values a counter is only compared with the smallest of them
    std::vector<Xapian::doccount> best;
    best.reserve(limit);
    const auto greater = std::greater<Xapian::doccount>();
    Xapian::doccount floor = 0;  // a count must be above it to enter `best`
    std::size_t nonzero = 0;
    each([&](std::size_t, Xapian::doccount c) {
        nonzero += c != 0;
        if (c <= floor || !limit) return;
        if (best.size() == limit) {
            std::pop_heap(best.begin(), best.end(), greater);
            best.back() = c;
        } else {
            best.push_back(c);
        }
        std::push_heap(best.begin(), best.end(), greater);
        if (best.size() == limit) floor = best.front();
    });
    distinct = nonzero;
    // every value counted at least as often as the limit-th (all of them when there are
    // at most `limit`; none when `limit` is 0)
    const Xapian::doccount least = limit == 0 ? std::numeric_limits<Xapian::doccount>::max()
                                   : distinct <= limit ? 1
                                                       : best.front();
    if (limit)
        each([&](std::size_t o, Xapian::doccount c) {
            if (c >= least) out.emplace_back(dict[o], c);
        });
    std::vector<std::size_t> more;
    for (FacetId id : wanted) {
        const std::size_t o = ordinal(id);
        if (o == n) continue;
        const Xapian::doccount c = count_of(o);
        if (c && c < least) more.push_back(o);
    }
    std::sort(more.begin(), more.end());
    more.erase(std::unique(more.begin(), more.end()), more.end());
    for (std::size_t o : more) out.emplace_back(dict[o], count_of(o));
    return out;
}

std::map<std::string, Xapian::doccount> TableCounter::days() const {
    std::map<std::string, Xapian::doccount> out;
    for (const auto& [day, n] : counts(kDateGroup)) out.emplace_hint(out.end(), day_label(day), n);
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
