// Counting a search's facets and dates over every match, and naming the values shown.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>

#include "common/database.h"
#include "common/facet_catalog.h"
#include "common/metadata.h"
#include "common/query.h"
#include "common/search_stages.h"

namespace ndx {
namespace search_stages {
namespace {

using Q = Xapian::Query;

// Whether a place is counted at the requested level of the hierarchy.
bool at_level(const FacetValueInfo& info, LocationLevel level) {
    // roll-up by the kind of place (a city directly under its country is a city)
    const std::string& k = info.kind;
    bool country = k == "country" || (k.empty() && info.depth == 0);
    bool province = k == "province" || k == "region" || (k.empty() && info.depth == 1);
    switch (level) {
        case LocationLevel::Country:
            return country;
        case LocationLevel::Province:
            return province;
        case LocationLevel::City:
            return !country && !province;
        case LocationLevel::Named:
            return true;
    }
    return true;
}

FacetCount make_count(const FacetValueInfo& info, Xapian::doccount count,
                      const std::set<std::string>& selected) {
    return make_facet_count(info, count, selected.count(info.key) > 0);
}

// The values to show.  Naming a value costs a metadata read, so in count order only the
// values that can be shown are named: those with at least the count of the last one shown
// (ties go by name), and the selected ones.  Name order and place roll-up need every name.
// `distinct`: how many values were counted, when `counted` holds only those that can be
// shown in count order (TableCounter::top); else npos.
void fill_facet(FacetResult& out, Facet facet, const FacetCounts& counted,
                const FacetCatalog& catalog, const SearchRequest& req,
                const std::set<std::string>& selected, std::size_t distinct = std::string::npos) {
    // one person, one count: a speaker value merged under another adds to it
    const bool merging = facet == Facet::Speaker && !catalog.speaker_merge().empty();
    const FacetCounts folded = merging ? catalog.speaker_merge().fold(counted) : FacetCounts{};
    const FacetCounts& counts = merging ? folded : counted;
    auto by_name = [](const FacetCount& a, const FacetCount& b) {
        return a.value != b.value ? a.value < b.value : a.key < b.key;
    };
    auto by_count = [&](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : by_name(a, b);
    };
    const bool rollup = facet == Facet::Location && req.location_level != LocationLevel::Named;
    std::vector<FacetCount> named;
    std::size_t total = 0;
    if (req.facet_order == FacetOrder::Name || rollup) {
        for (const auto& [id, count] : counts) {
            auto info = catalog.info(id);
            if (!info || (rollup && !at_level(*info, req.location_level))) continue;
            named.push_back(make_count(*info, count, selected));
        }
        total = named.size();
    } else {
        std::vector<std::pair<Xapian::doccount, FacetId>> by_freq;
        by_freq.reserve(counts.size());
        for (const auto& [id, count] : counts) by_freq.emplace_back(count, id);
        auto more_first = [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        };
        total = distinct == std::string::npos ? by_freq.size() : distinct;
        std::set<FacetId> wanted;
        for (const std::string& key : selected) wanted.insert(facet_id(facet, key));
        constexpr std::size_t kMaxTies = 2000;  // past this, ties go by id, not name
        // Only the values that can be shown are sorted: those counted at least as often as
        // the last one shown.
        Xapian::doccount threshold = 0;
        std::size_t head = by_freq.size();
        if (req.facet_limit && by_freq.size() > req.facet_limit) {
            std::nth_element(by_freq.begin(), by_freq.begin() + (req.facet_limit - 1),
                             by_freq.end(), more_first);
            threshold = by_freq[req.facet_limit - 1].first;
            head = static_cast<std::size_t>(
                std::partition(by_freq.begin(), by_freq.end(),
                               [&](const auto& p) { return p.first >= threshold; }) -
                by_freq.begin());
        }
        std::sort(by_freq.begin(), by_freq.begin() + static_cast<std::ptrdiff_t>(head), more_first);
        for (std::size_t i = 0; i < by_freq.size(); ++i) {
            bool candidate = i < head && (i < req.facet_limit || (by_freq[i].first >= threshold &&
                                                                  threshold > 0 && i < kMaxTies));
            if (!candidate && !wanted.count(by_freq[i].second)) continue;
            if (auto info = catalog.info(by_freq[i].second))
                named.push_back(make_count(*info, by_freq[i].first, selected));
        }
    }
    std::sort(named.begin(), named.end(), [&](const FacetCount& a, const FacetCount& b) {
        return req.facet_order == FacetOrder::Name ? by_name(a, b) : by_count(a, b);
    });
    // Selected values are always shown, even past the limit.
    std::vector<FacetCount> shown;
    for (std::size_t i = 0; i < named.size(); ++i)
        if (i < req.facet_limit || named[i].selected) shown.push_back(std::move(named[i]));
    out.more = total - shown.size();
    out.values = std::move(shown);
}

// The start of a histogram over the days from `first` to `last` (YYYYMMDD labels; none
// when `any` is false), `dated` of the `seen` documents dated: its undated count and its
// interval, picked from the range for Auto; the interval.
DateInterval start_dates(DateHistogram& out, bool any, const std::string& first,
                         const std::string& last, Xapian::doccount dated, Xapian::doccount seen,
                         DateInterval interval) {
    out.undated = seen - dated;
    if (interval == DateInterval::Auto)
        interval = any ? pick_interval(first, last) : DateInterval::Year;
    out.interval = interval_name(interval);
    return interval;
}

// Every interval from the bucket of `first` to that of `last`, the empty ones as 0;
// `sums`: (bucket label, documents) in ascending label order.
void fill_buckets(DateHistogram& out, const std::string& first, const std::string& last,
                  DateInterval interval,
                  const std::vector<std::pair<std::string, Xapian::doccount>>& sums) {
    std::size_t j = 0;
    for (std::string& name : bucket_labels(first, last, interval)) {
        while (j < sums.size() && sums[j].first < name) ++j;
        const Xapian::doccount n = j < sums.size() && sums[j].first == name ? sums[j].second : 0;
        out.buckets.push_back({std::move(name), n});
    }
}

void fill_dates(DateHistogram& out, const std::map<std::string, Xapian::doccount>& days,
                Xapian::doccount seen, DateInterval interval) {
    Xapian::doccount dated = 0;
    for (const auto& day : days) dated += day.second;
    const std::string first = days.empty() ? "" : days.begin()->first;
    const std::string last = days.empty() ? "" : days.rbegin()->first;
    interval = start_dates(out, !days.empty(), first, last, dated, seen, interval);
    if (days.empty()) return;
    std::map<std::string, Xapian::doccount> buckets;
    for (const auto& [ymd, n] : days) buckets[bucket_label(ymd, interval)] += n;
    fill_buckets(out, first, last, interval, {buckets.begin(), buckets.end()});
}

// fill_dates() from the facet table's day counts, (YYYYMMDD, documents) in ascending
// order, without a string per day: the days of one bucket are next to each other, so
// each bucket is summed as a number and labelled once.  The same histogram as
// fill_dates() over the days' labels; false (nothing done) for a day that is not eight
// digits.
bool fill_dates_by_number(DateHistogram& out, const FacetCounts& days, Xapian::doccount seen,
                          DateInterval interval) {
    if (!days.empty() && (days.front().first < 10000101 || days.back().first > 99991231))
        return false;
    auto label = [](std::uint64_t day) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%08llu", static_cast<unsigned long long>(day));
        return std::string(buf);
    };
    Xapian::doccount dated = 0;
    for (const auto& day : days) dated += day.second;
    const std::string first = days.empty() ? "" : label(days.front().first);
    const std::string last = days.empty() ? "" : label(days.back().first);
    interval = start_dates(out, !days.empty(), first, last, dated, seen, interval);
    if (days.empty()) return true;
    // a day's bucket as a number (YYYY, YYYYMM or YYYYMMDD)
    const std::uint64_t per = interval == DateInterval::Day     ? 1
                              : interval == DateInterval::Month ? 100
                                                                : 10000;
    std::vector<std::pair<std::string, Xapian::doccount>> sums;  // ascending labels
    for (std::size_t i = 0; i < days.size();) {
        const std::uint64_t key = days[i].first / per;
        const std::string name = bucket_label(label(days[i].first), interval);
        Xapian::doccount n = 0;
        for (; i < days.size() && days[i].first / per == key; ++i) n += days[i].second;
        sums.emplace_back(name, n);
    }
    fill_buckets(out, first, last, interval, sums);
    return true;
}

// The facet table, when the target is one local database and its table describes it as
// opened, else null.  (Over several databases a match spy is shown each document with its
// docid in its own database but not which database that is, so the table of a shard set
// cannot be used: its parts are counted from the value slots.)
const FacetTable* usable_table(const SearchTarget& target) {
    if (target.remote || target.parts.size() != 1) return nullptr;
    const FacetTable* t = target.table.get();
    return t && t->describes(target.parts[0]) ? t : nullptr;
}

}  // namespace

SearchCounting::SearchCounting(const SearchTarget& target, const SearchRequest& req,
                               const Filters& filters)
    : target_(target), req_(req), filters_(filters), all_(target.db.get_doccount()) {}

SearchCounting::~SearchCounting() = default;

Slot SearchCounting::slot_for(Facet f) const {
    if (f != Facet::Location || req_.location_level == LocationLevel::Named) return facet_slot(f);
    return Slot::LocationTree;
}

std::unique_ptr<FacetCounter> SearchCounting::counter_for(Facet f) const {
    return std::make_unique<FacetCounter>(slot_for(f), target_.remote,
                                          target_.remote ? spread_width(target_, slot_for(f)) : 0);
}

void SearchCounting::prepare(Xapian::Enquire& enq, const Q& text, bool has_text, bool sorted) {
    sorted_ = sorted;
    if (!req_.count_facets) return;
    if (usable_table(target_)) {
        prepare_table(enq, text, has_text);
        return;
    }
    // Spies for the facets whose counts see every filter; facets with a filter of their
    // own are counted in a second pass without it (multi-select).
    for (Facet f : kEntityFacets) {
        if (filters_.include[index_of(f)]) continue;
        spies_[index_of(f)] = counter_for(f);
        spies_[index_of(f)]->attach(enq);
    }
    if (!filters_.date) {
        date_spy_ = std::make_unique<DateCounter>();
        date_spy_->attach(enq);
    }
}

// With a current facet table, one pass counts everything (TableCounter).
void SearchCounting::prepare_table(Xapian::Enquire& enq, const Q& text, bool has_text) {
    const Filters& filters = filters_;
    const SearchRequest& req = req_;
    auto& one_pass = one_pass_;
    one_pass.emplace(*usable_table(target_),
                     std::array<Slot, 3>{slot_for(Facet::Speaker), slot_for(Facet::Location),
                                         slot_for(Facet::Group)});
    for (Facet f : kEntityFacets) {
        if (!filters.include[index_of(f)]) continue;
        std::vector<FacetId> ids;
        for (const std::string& key : filters.selected_keys[index_of(f)])
            ids.push_back(facet_id(f, key));
        // a place filter selects every place inside the one named: the place tree
        one_pass->require_any(index_of(f),
                              f == Facet::Location ? Slot::LocationTree : facet_slot(f), ids);
    }
    if (req.undated)
        one_pass->require_undated();
    else if (req.from || req.to)
        one_pass->require_dates(req.from ? std::stoull(req.from->compact()) : 0,
                                req.to ? std::stoull(req.to->compact()) : UINT64_MAX);
    // Browsing articles by one selection: its own (multi-select) counts are those
    // of every article, which the table keeps; the filter stays in the query.
    std::vector<std::size_t> selected;
    for (std::size_t i = 0; i < 3; ++i)
        if (filters.include[i]) selected.push_back(i);
    if (filters.date) selected.push_back(TableCounter::kDateGroup);
    const bool excluding = std::any_of(filters.exclude.begin(), filters.exclude.end(),
                                       [](const auto& e) { return e.has_value(); });
    if (!has_text && !req.quotes && !excluding && selected.size() == 1)
        one_pass->count_all_articles(selected[0], target_.db.get_termfreq(kArticleTerm));
    if (!one_pass->has_filters())
        enq.add_matchspy(&one_pass->spy());
    else if (!sorted_)
        enq.set_query(combine(text, filters, Leave::Selections));
}

const Xapian::MatchDecider* SearchCounting::decider() {
    return one_pass_ && one_pass_->has_filters() && !sorted_ ? &one_pass_->decider() : nullptr;
}

void SearchCounting::after_main_pass(const Q& text) {
    if (!(one_pass_ && one_pass_->has_filters() && sorted_)) return;
    // Sorting by date, the matcher reads every candidate's date before a decider sees it:
    // the sorted pass keeps its filters, and an unsorted, unweighted pass over the
    // candidates counts.
    Xapian::Enquire other(target_.db);
    other.set_query(combine(text, filters_, Leave::Selections));
    other.set_weighting_scheme(Xapian::BoolWeight());
    other.get_mset(0, 0, all_, nullptr, &one_pass_->decider());
}

void SearchCounting::fill(SearchResult& res, const FacetCatalog& catalog, const Q& text) {
    if (!one_pass_) {
        if (req_.count_facets) fill_from_spies(res, catalog, text);
        return;
    }
    for (Facet f : kEntityFacets) {
        FacetResult& out = res.facets[index_of(f)];
        const std::set<std::string>& selected = filters_.selected_keys[index_of(f)];
        // In count order, without roll-up, only the values that can be shown are taken
        // from the counter (and how many there are).
        const bool every = req_.facet_order == FacetOrder::Name ||
                           (f == Facet::Location && req_.location_level != LocationLevel::Named);
        std::optional<FacetCounts> top;
        std::size_t distinct = 0;
        if (!every) {
            std::vector<FacetId> wanted;
            for (const std::string& key : selected) wanted.push_back(facet_id(f, key));
            // the speaker values shown under another are folded in the counter
            std::vector<std::pair<FacetId, FacetId>> merged;
            if (f == Facet::Speaker)
                merged.assign(catalog.speaker_merge().roots().begin(),
                              catalog.speaker_merge().roots().end());
            top = one_pass_->top(index_of(f), req_.facet_limit, wanted, distinct, merged);
        }
        if (top)  // (folded again by fill_facet, they stay as they are)
            fill_facet(out, f, *top, catalog, req_, selected, distinct);
        else
            fill_facet(out, f, one_pass_->counts(index_of(f)), catalog, req_, selected);
        out.multi_select = filters_.include[index_of(f)].has_value();
    }
    if (!fill_dates_by_number(res.dates, one_pass_->counts(TableCounter::kDateGroup),
                              one_pass_->date_seen(), req_.date_interval))
        fill_dates(res.dates, one_pass_->days(), one_pass_->date_seen(), req_.date_interval);
    res.dates.multi_select = filters_.date.has_value();
}

void SearchCounting::fill_from_spies(SearchResult& res, const FacetCatalog& catalog,
                                     const Q& text) {
    const Xapian::Database& db = target_.db;
    for (Facet f : kEntityFacets) {
        FacetResult& out = res.facets[index_of(f)];
        const auto& selected = filters_.selected_keys[index_of(f)];
        if (spies_[index_of(f)]) {
            fill_facet(out, f, spies_[index_of(f)]->counts(), catalog, req_, selected);
            continue;
        }
        Xapian::Enquire other(db);
        other.set_query(combine(text, filters_, leave_facet(index_of(f))));
        other.set_weighting_scheme(Xapian::BoolWeight());
        auto counter = counter_for(f);
        counter->attach(other);
        other.get_mset(0, 0, all_);
        fill_facet(out, f, counter->counts(), catalog, req_, selected);
        out.multi_select = true;
    }
    if (date_spy_) {
        fill_dates(res.dates, date_spy_->days(), res.total, req_.date_interval);
    } else {
        Xapian::Enquire other(db);
        other.set_query(combine(text, filters_, Leave::Date));
        other.set_weighting_scheme(Xapian::BoolWeight());
        DateCounter spy;
        spy.attach(other);
        Xapian::MSet m = other.get_mset(0, 0, all_);
        fill_dates(res.dates, spy.days(), m.get_matches_estimated(), req_.date_interval);
        res.dates.multi_select = true;
    }
}

}  // namespace search_stages

using search_stages::at_level;

std::size_t spread_width(const SearchTarget& target, Slot slot) {
    const std::size_t group = max_values_index(slot);
    std::size_t most = 0;
    for (const auto& part : target.parts)
        most = std::max(most, parse_max_values(part.get_metadata(kMaxValuesMeta))[group]);
    return most;
}

FacetCount make_facet_count(const FacetValueInfo& info, Xapian::doccount count, bool selected) {
    FacetCount c;
    c.value = info.value;
    c.key = info.key;
    c.path = info.path;
    c.kind = info.kind;
    c.count = count;
    c.selected = selected;
    return c;
}

bool location_at_level(const FacetValueInfo& info, LocationLevel level) {
    return at_level(info, level);
}

}  // namespace ndx
