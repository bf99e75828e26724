// Timelines, pivots and value lists over the matches of a search: see views.h.
#include "common/views.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/facet_count.h"
#include "common/facet_ids.h"
#include "common/facet_table.h"
#include "common/metadata.h"
#include "common/normalize.h"
#include "common/speaker_merge.h"
#include "common/view_passes.h"

namespace ndx {
namespace {

using Q = Xapian::Query;
using namespace view_passes;

FacetCount make_count(const FacetValueInfo& info, Xapian::doccount count,
                      const std::vector<std::string>& selected) {
    return make_facet_count(
        info, count, std::find(selected.begin(), selected.end(), info.key) != selected.end());
}

bool by_name(const FacetCount& a, const FacetCount& b) {
    return a.value != b.value ? a.value < b.value : a.key < b.key;
}
bool by_count(const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : by_name(a, b);
}

struct Ranked {
    std::vector<FacetCount> shown;
    std::vector<FacetId> ids;  // of `shown`
    std::size_t more = 0;
};

// The first `limit` (0: all) values of `counts` in the request's order, named; values the
// index has no name for and places not at the requested level are left out.  `skip`: an
// id never listed.
Ranked rank(const Counts& counts, Facet facet, const SearchRequest& req,
            const FacetCatalog& catalog, std::size_t limit,
            const std::vector<std::string>& selected, std::optional<FacetId> skip = std::nullopt) {
    const bool rollup = facet == Facet::Location && req.location_level != LocationLevel::Named;
    std::vector<std::pair<FacetCount, FacetId>> named;
    std::size_t total = 0;
    if (req.facet_order == FacetOrder::Name || rollup || limit == 0) {
        for (const auto& [id, n] : counts) {
            if (skip && id == *skip) continue;
            auto info = catalog.info(id);
            if (!info || (rollup && !location_at_level(*info, req.location_level))) continue;
            named.emplace_back(make_count(*info, n, selected), id);
        }
        total = named.size();
    } else {
        // Only the values that can be shown are named: those counted at least as often as
        // the limit-th one.
        std::vector<std::pair<Xapian::doccount, FacetId>> by_freq;
        for (const auto& [id, n] : counts)
            if (!skip || id != *skip) by_freq.emplace_back(n, id);
        total = by_freq.size();
        auto more_first = [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        };
        std::sort(by_freq.begin(), by_freq.end(), more_first);
        // Ties at the limit are ordered by name, as in the facet lists, up to this many
        // values named; past it they go by id.
        constexpr std::size_t kMaxTies = 2000;
        std::size_t i = 0;
        while (i < by_freq.size()) {
            // name one group of equal counts at a time until `limit` named values are in
            std::size_t j = i;
            while (j < by_freq.size() && by_freq[j].first == by_freq[i].first) ++j;
            if (named.size() >= limit) break;
            j = std::min(j, std::max(i + (limit - named.size()), kMaxTies));
            for (std::size_t k = i; k < j; ++k)
                if (auto info = catalog.info(by_freq[k].second))
                    named.emplace_back(make_count(*info, by_freq[k].first, selected),
                                       by_freq[k].second);
                else
                    --total;
            i = j;
        }
    }
    std::sort(named.begin(), named.end(), [&](const auto& a, const auto& b) {
        return req.facet_order == FacetOrder::Name ? by_name(a.first, b.first)
                                                   : by_count(a.first, b.first);
    });
    Ranked out;
    for (std::size_t i = 0; i < named.size() && (limit == 0 || i < limit); ++i) {
        out.shown.push_back(named[i].first);
        out.ids.push_back(named[i].second);
    }
    out.more = total - out.shown.size();
    return out;
}

// The selected values of a facet, as rows, each with its count in `counts`.
Ranked selected_rows(Facet facet, const std::vector<std::string>& keys, const Counts& counts,
                     const FacetCatalog& catalog) {
    Ranked out;
    for (const std::string& key : keys) {
        const FacetId id = facet_id(facet, key);
        auto info = catalog.info(id);
        if (!info || info->shown_as) continue;  // its row is the value it is shown as
        auto it = counts.find(id);
        out.shown.push_back(make_count(*info, it == counts.end() ? 0 : it->second, keys));
        out.ids.push_back(id);
    }
    std::vector<std::size_t> order(out.shown.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return by_count(out.shown[a], out.shown[b]); });
    Ranked sorted;
    for (std::size_t i : order) {
        sorted.shown.push_back(out.shown[i]);
        sorted.ids.push_back(out.ids[i]);
    }
    return sorted;
}

const FacetCatalog& catalog_of(const SearchTarget& target, std::optional<FacetCatalog>& own) {
    return target.catalog ? *target.catalog : own.emplace(target.db, target.parts);
}

// Speaker values merged under another (speaker_merge.h) are counted as that one: in every
// match, each speaker id becomes its root, each root once.
void fold_speakers(Matches& m, const FacetCatalog& catalog) {
    const std::size_t c = column_of(facet_slot(Facet::Speaker));
    const SpeakerMerge& merge = catalog.speaker_merge();
    if (merge.empty() || m.start[c].size() != m.size() + 1) return;
    std::vector<FacetId>& ids = m.ids[c];
    std::vector<std::uint32_t>& start = m.start[c];
    std::uint32_t out = 0;  // ids[out] is written after ids[i >= out] is read
    for (std::size_t d = 0; d < m.size(); ++d) {
        const std::uint32_t b = start[d], e = start[d + 1], first = out;
        start[d] = out;
        for (std::uint32_t i = b; i < e; ++i) {
            const FacetId r = merge.root(ids[i]);
            if (std::find(ids.begin() + first, ids.begin() + out, r) == ids.begin() + out)
                ids[out++] = r;
        }
    }
    start[m.size()] = out;
    ids.resize(out);
}

// The same for counts through remote servers, of column `s`.
void fold_speakers(Counts& counts, Slot s, const FacetCatalog& catalog) {
    if (s == facet_slot(Facet::Speaker)) counts = catalog.speaker_merge().fold(counts);
}

// Documents having value `id` in `slot`, or, for a speaker, any value shown as one with it.
Q has_value(const SearchTarget& target, Slot slot, FacetId id, const FacetCatalog& catalog) {
    if (slot != facet_slot(Facet::Speaker)) return has_id(target, slot, id);
    std::vector<Q> any;
    for (FacetId g : catalog.speaker_merge().group(id)) any.push_back(has_id(target, slot, g));
    return Q(Q::OP_OR, any.begin(), any.end());
}

// A series of days: what a timeline row is made from.
struct Days {
    std::map<std::uint32_t, Xapian::doccount> days;
    Xapian::doccount total = 0;  // dated and undated
};

std::string day_string(std::uint32_t d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08u", static_cast<unsigned>(d));
    return buf;
}

std::uint32_t bucket_key(std::uint32_t day, DateInterval interval) {
    switch (interval) {
        case DateInterval::Day:
            return day;
        case DateInterval::Month:
            return day / 100;
        case DateInterval::Year:
        case DateInterval::Auto:
            break;
    }
    return day / 10000;
}

std::uint32_t label_key(const std::string& label) {
    std::uint32_t k = 0;
    for (char ch : label)
        if (ch >= '0' && ch <= '9') k = k * 10 + static_cast<std::uint32_t>(ch - '0');
    return k;
}

// Fills a row's counts per interval from its days.
void fill_series(TimelineRow& row, const Days& d, const std::vector<std::uint32_t>& keys,
                 DateInterval interval) {
    row.counts.assign(keys.size(), 0);
    Xapian::doccount dated = 0;
    for (const auto& [day, n] : d.days) {
        auto it = std::lower_bound(keys.begin(), keys.end(), bucket_key(day, interval));
        if (it != keys.end() && *it == bucket_key(day, interval))
            row.counts[static_cast<std::size_t>(it - keys.begin())] += n;
        dated += n;
    }
    row.undated = d.total - dated;
}

}  // namespace

Timeline run_timeline(const SearchTarget& target, const SearchRequest& req, Facet facet) {
    std::optional<FacetCatalog> own;
    const FacetCatalog& catalog = catalog_of(target, own);
    SearchPlan plan = plan_search(target, catalog, req);
    Timeline tl;
    tl.facet = facet;
    tl.notes = plan.notes;
    const std::vector<std::string>& selected = plan.selected_keys[index_of(facet)];
    tl.selection = !selected.empty();
    const Slot column = tl.selection ? filter_slot(facet) : counted_slot(facet, req.location_level);

    Ranked rows;
    Days all;
    std::vector<Days> series;
    try {
        if (!target.remote) {
            Matches m = collect(target, plan.query, {column});
            fold_speakers(m, catalog);
            const Counts counts = count_ids(m, column);
            rows = tl.selection ? selected_rows(facet, selected, counts, catalog)
                                : rank(counts, facet, req, catalog, req.facet_limit, selected);
            std::unordered_map<FacetId, std::size_t> row_of;
            for (std::size_t r = 0; r < rows.ids.size(); ++r) row_of.emplace(rows.ids[r], r);
            series.resize(rows.ids.size());
            all.total = static_cast<Xapian::doccount>(m.size());
            for (std::size_t d = 0; d < m.size(); ++d) {
                if (m.day[d]) ++all.days[m.day[d]];
                m.for_each_id(d, column, [&](FacetId id) {
                    auto it = row_of.find(id);
                    if (it == row_of.end()) return;
                    Days& s = series[it->second];
                    ++s.total;
                    if (m.day[d]) ++s.days[m.day[d]];
                });
            }
        } else {
            RemoteCount first = remote_count(target, plan.query, column, true);
            fold_speakers(first.ids, column, catalog);
            rows = tl.selection ? selected_rows(facet, selected, first.ids, catalog)
                                : rank(first.ids, facet, req, catalog, req.facet_limit, selected);
            all.total = first.total;
            all.days = std::move(first.days);
            for (FacetId id : rows.ids) {
                RemoteCount one = remote_count(
                    target, Q(Q::OP_FILTER, plan.query, has_value(target, column, id, catalog)),
                    std::nullopt, true);
                series.push_back({std::move(one.days), one.total});
            }
        }
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;
    } catch (const Xapian::Error& e) {
        throw IndexError("timeline failed: " + e.get_description());
    }
    DateInterval interval = req.date_interval;
    const std::string first = all.days.empty() ? "" : day_string(all.days.begin()->first);
    const std::string last = all.days.empty() ? "" : day_string(all.days.rbegin()->first);
    if (interval == DateInterval::Auto) interval = pick_interval(first, last);
    tl.interval = interval_name(interval);
    tl.labels = bucket_labels(first, last, interval);
    std::vector<std::uint32_t> keys;
    for (const std::string& l : tl.labels) keys.push_back(label_key(l));
    tl.total = all.total;
    fill_series(tl.all, all, keys, interval);
    tl.all.value.count = all.total;
    for (std::size_t r = 0; r < rows.shown.size(); ++r) {
        TimelineRow row;
        row.value = rows.shown[r];
        fill_series(row, series[r], keys, interval);
        tl.rows.push_back(std::move(row));
    }
    tl.more = rows.more;
    return tl;
}

Pivot run_pivot(const SearchTarget& target, const SearchRequest& req, Facet first, Facet second,
                std::size_t sub_limit) {
    std::optional<FacetCatalog> own;
    const FacetCatalog& catalog = catalog_of(target, own);
    SearchPlan plan = plan_search(target, catalog, req);
    Pivot pv;
    pv.first = first;
    pv.second = second;
    pv.notes = plan.notes;
    const std::vector<std::string>& selected = plan.selected_keys[index_of(first)];
    const std::vector<std::string>& selected2 = plan.selected_keys[index_of(second)];
    pv.selection = !selected.empty();
    const Slot column = pv.selection ? filter_slot(first) : counted_slot(first, req.location_level);
    const Slot column2 = counted_slot(second, req.location_level);

    Ranked rows;
    std::vector<Counts> subs;
    try {
        if (!target.remote) {
            Matches m = collect(target, plan.query, {column, column2});
            fold_speakers(m, catalog);
            pv.total = static_cast<Xapian::doccount>(m.size());
            const Counts counts = count_ids(m, column);
            rows = pv.selection ? selected_rows(first, selected, counts, catalog)
                                : rank(counts, first, req, catalog, req.facet_limit, selected);
            std::unordered_map<FacetId, std::size_t> row_of;
            for (std::size_t r = 0; r < rows.ids.size(); ++r) row_of.emplace(rows.ids[r], r);
            subs.resize(rows.ids.size());
            for (std::size_t d = 0; d < m.size(); ++d) {
                m.for_each_id(d, column, [&](FacetId id) {
                    auto it = row_of.find(id);
                    if (it == row_of.end()) return;
                    Counts& sub = subs[it->second];
                    m.for_each_id(d, column2, [&](FacetId id2) { ++sub[id2]; });
                });
            }
        } else {
            RemoteCount head = remote_count(target, plan.query, column, false);
            fold_speakers(head.ids, column, catalog);
            pv.total = head.total;
            rows = pv.selection ? selected_rows(first, selected, head.ids, catalog)
                                : rank(head.ids, first, req, catalog, req.facet_limit, selected);
            for (FacetId id : rows.ids) {
                subs.push_back(
                    remote_count(
                        target, Q(Q::OP_FILTER, plan.query, has_value(target, column, id, catalog)),
                        column2, false)
                        .ids);
                fold_speakers(subs.back(), column2, catalog);
            }
        }
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;
    } catch (const Xapian::Error& e) {
        throw IndexError("pivot failed: " + e.get_description());
    }
    for (std::size_t r = 0; r < rows.shown.size(); ++r) {
        PivotRow row;
        row.value = rows.shown[r];
        std::optional<FacetId> skip;
        if (first == second) skip = rows.ids[r];
        Ranked sub = rank(subs[r], second, req, catalog, sub_limit, selected2, skip);
        row.sub = std::move(sub.shown);
        row.more = sub.more;
        pv.rows.push_back(std::move(row));
    }
    pv.more = rows.more;
    return pv;
}

ValueList run_values(const SearchTarget& target, const SearchRequest& req, Facet facet,
                     const std::string& prefix) {
    std::optional<FacetCatalog> own;
    const FacetCatalog& catalog = catalog_of(target, own);
    SearchPlan plan = plan_search(target, catalog, req);
    ValueList vl;
    vl.facet = facet;
    vl.prefix = prefix;
    vl.notes = plan.notes;
    bool filtered = plan.has_text || req.undated || req.from || req.to;
    for (const FacetSelection& s : req.facets) filtered = filtered || s.active();
    vl.every_article = !filtered && !req.quotes;
    const Slot column = counted_slot(facet, req.location_level);

    Counts counts;
    try {
        const FacetTable* table = usable_table(target);
        if (vl.every_article && table) {
            const FacetTable::Column& c = table->column(column);
            for (std::uint64_t o = 0; o < c.dict_size; ++o)
                if (c.articles[o]) counts.emplace(c.dict[o], c.articles[o]);
            fold_speakers(counts, column, catalog);
            vl.total = target.db.get_termfreq(kArticleTerm);
        } else if (!target.remote) {
            Matches m = collect(target, plan.query, {column});
            fold_speakers(m, catalog);
            vl.total = static_cast<Xapian::doccount>(m.size());
            counts = count_ids(m, column);
        } else {
            RemoteCount rc = remote_count(target, plan.query, column, false);
            vl.total = rc.total;
            counts = std::move(rc.ids);
            fold_speakers(counts, column, catalog);
        }
        const std::string want = entity_key(prefix);
        if (!want.empty()) {
            // Values whose name, or a word of it, begins with the prefix, and values with an
            // alias beginning with it.
            std::set<FacetId> ids;
            for (const std::string& key : catalog.all_keys(facet)) {
                std::string name = key;
                if (facet == Facet::Location) name = key.substr(key.rfind('/') + 1);
                if (name.compare(0, want.size(), want) == 0 ||
                    name.find(" " + want) != std::string::npos)
                    ids.insert(facet_id(facet, key));
            }
            const std::string meta = facet_alias_key(facet_name(facet), want);
            for (const auto& part : target.parts)
                for (auto k = part.metadata_keys_begin(meta); k != part.metadata_keys_end(meta);
                     ++k) {
                    const std::string listed = part.get_metadata(*k);
                    for (std::size_t i = 0; i + 16 <= listed.size(); i += 17)
                        ids.insert(std::stoull(listed.substr(i, 16), nullptr, 16));
                }
            Counts kept;
            for (FacetId id : ids) {
                auto it = counts.find(id);
                if (it != counts.end()) kept.emplace(id, it->second);
            }
            counts = std::move(kept);
        }
    } catch (const Xapian::DatabaseModifiedError&) {
        throw;
    } catch (const Xapian::Error& e) {
        throw IndexError("listing values failed: " + e.get_description());
    }
    Ranked r =
        rank(counts, facet, req, catalog, req.facet_limit, plan.selected_keys[index_of(facet)]);
    vl.values = std::move(r.shown);
    vl.more = r.more;
    vl.matched = vl.values.size() + vl.more;
    return vl;
}

}  // namespace ndx
