// Exact facet counts over every match: one pass over the facet table (facet_table.h) or,
// where there is none, match spies over the value slots.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/facet_ids.h"
#include "common/facet_table.h"
#include "common/schema.h"

namespace ndx {

// (facet id, documents) for each id counted, each id once.
using FacetCounts = std::vector<std::pair<FacetId, Xapian::doccount>>;

// Counts, for every matching document, each facet id packed in one value slot (an
// article naming Pakistan and Afghanistan counts once for each).  Local databases only:
// a remote server does not know this spy.
class PackedIdSpy : public Xapian::MatchSpy {
  public:
    explicit PackedIdSpy(Slot slot) : slot_(slot) {}
    void operator()(const Xapian::Document& doc, double wt) override;
    const std::unordered_map<FacetId, Xapian::doccount>& counts() const { return counts_; }
    std::string get_description() const override;

  private:
    Slot slot_;
    std::unordered_map<FacetId, Xapian::doccount> counts_;
};

// Counts the facet ids of one packed slot over every match, where there is no current facet
// table (TableCounter below): locally a PackedIdSpy; through remote servers, which only run
// Xapian's built-in spies, one ValueCountMatchSpy per spread slot (schema.h).
class FacetCounter {
  public:
    // `spread`: how many spread slots hold values (remote only).
    FacetCounter(Slot slot, bool remote, std::size_t spread);
    void attach(Xapian::Enquire& enquire);
    FacetCounts counts() const;

  private:
    std::unique_ptr<PackedIdSpy> packed_;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spread_;
};

// Every count of one search from the facet table in one pass over the matches, multi-select
// included.  The include filters of the entity facets and the date filter are tested here,
// against the table, instead of being part of the Xapian query: a document passing every
// filter is a match and is counted for every facet; one failing the filter of exactly one
// facet is not a match, but is counted for that facet alone (its counts are those of the
// search without its own filter, as multi-select shows them).  Groups: the entity facets
// in Facet order, then the date.
//
// Visiting a document only records its docid (in the list of matches, or of the
// documents counted for one group alone); the counts are made when first asked for, one
// column at a time over the recorded documents (each column's rows read in docid order,
// its counters alone in cache), and read back in ordinal order from the rows of the
// recorded documents when they are few, else by a scan of the counters that skips runs of
// zeros.
class TableCounter {
  public:
    static constexpr std::size_t kDateGroup = 3;

    // `counted`: the column counted for each entity facet.
    TableCounter(const FacetTable& table, const std::array<Slot, 3>& counted);
    TableCounter(const TableCounter&) = delete;
    TableCounter& operator=(const TableCounter&) = delete;

    // Only documents with one of `ids` in `column` pass entity group `group`'s filter.
    void require_any(std::size_t group, Slot column, const std::vector<FacetId>& ids);
    // Only documents dated from `lo` to `hi` (YYYYMMDD numbers, inclusive) pass the date
    // filter; with `undated`, only documents without a date.
    void require_dates(std::uint64_t lo, std::uint64_t hi);
    void require_undated();
    // Group `group`'s counts are those of every article (the table's totals): for a
    // search whose only selection is that group's filter, with the filter left in the
    // Xapian query.  `articles`: how many articles there are (the date group's total).
    void count_all_articles(std::size_t group, Xapian::doccount articles);
    bool has_filters() const { return filtered_ != 0; }

    // Records document `did` for counting; whether it passes every filter.
    bool visit(Xapian::docid did);

    // (id, documents) for every value counted in `group`, in ascending id order (for the
    // date group: (YYYYMMDD, documents) by day).
    FacetCounts counts(std::size_t group) const;
    // Of counts(group), the values that can be among the `limit` most counted: every value
    // counted at least as often as the limit-th (all when there are at most `limit`), and
    // those of `wanted` counted at all (in no particular order; when the documents counted
    // are few, every value counted); `distinct` is set to how many values counts(group)
    // has.  What naming the values in count order needs, without a pair per value counted
    // for a broad query.  `merged`: (value, root) pairs, folded first as SpeakerMerge::fold
    // does (each value's count added to its root's, the value itself not counted);
    // nullopt when a root to add to is not in the column (fold counts() instead).
    std::optional<FacetCounts> top(
        std::size_t group, std::size_t limit, const std::vector<FacetId>& wanted,
        std::size_t& distinct, const std::vector<std::pair<FacetId, FacetId>>& merged = {}) const;
    std::map<std::string, Xapian::doccount> days() const;
    // Documents counted for the date group (its histogram's total, undated included).
    Xapian::doccount date_seen() const {
        return fixed_ & (1u << kDateGroup)
                   ? date_total_
                   : static_cast<Xapian::doccount>(matched_.size() + alone_[kDateGroup].size());
    }

    // The counter as a match decider (when there are filters) or a match spy.
    Xapian::MatchDecider& decider() { return decider_; }
    Xapian::MatchSpy& spy() { return spy_; }

  private:
    struct Filter {
        const FacetTable::Column* column = nullptr;
        std::vector<std::uint8_t> wanted;  // by ordinal of `column`
        std::uint32_t lo = 0, hi = 0;      // the date group: ordinals [lo, hi)
        bool undated = false;
    };
    bool passes(std::size_t group, Xapian::docid did) const;
    // The counts of every group, from the documents recorded (once).
    void tally() const;
    // Whether group `group` counts few documents for its column (at most one in 16 of its
    // values): its counts are then kept as (ordinal, count) pairs, not one counter per value.
    bool sparse(std::size_t group) const;
    // Group `group`'s counters, one per ordinal (made from the pairs of a sparse group).
    const Xapian::doccount* counters(std::size_t group) const;
    // counts(group) into `out` from the rows of the documents counted, when they hold few
    // distinct values; false (and `out` untouched) otherwise.
    bool few(std::size_t group, FacetCounts& out) const;

    class Decider : public Xapian::MatchDecider {
      public:
        explicit Decider(TableCounter& c) : c_(c) {}
        bool operator()(const Xapian::Document& doc) const override {
            return c_.visit(doc.get_docid());
        }

      private:
        TableCounter& c_;
    };
    class Spy : public Xapian::MatchSpy {
      public:
        explicit Spy(TableCounter& c) : c_(c) {}
        void operator()(const Xapian::Document& doc, double) override { c_.visit(doc.get_docid()); }
        std::string get_description() const override { return "ndx::TableCounter"; }

      private:
        TableCounter& c_;
    };

    const FacetTable& table_;
    Xapian::docid last_;
    std::array<const FacetTable::Column*, 4> counted_{};
    std::array<Filter, 4> filters_;
    unsigned filtered_ = 0;  // bit g: group g has a filter
    unsigned fixed_ = 0;     // bit g: group g's counts are the table's totals
    Xapian::doccount date_total_ = 0;
    std::vector<Xapian::docid> matched_;               // passed every filter
    std::array<std::vector<Xapian::docid>, 4> alone_;  // failed group g's filter alone
    // Every group's counters, by ordinal of counted_[g], from offset_[g]; made by tally()
    // (a sparse group's only when asked for).  A rare query's handful of documents does not
    // set and scan a counter for each of the 24,000 values of a Reuters-sized table.
    mutable std::array<std::vector<Xapian::doccount>, 4> counts_;
    // A sparse group's counts: (ordinal, count) for each value counted, ordinals ascending.
    mutable std::array<std::vector<std::pair<std::uint32_t, Xapian::doccount>>, 4> pairs_;
    std::array<std::size_t, 5> offset_{};
    mutable bool tallied_ = false;
    Decider decider_{*this};
    Spy spy_{*this};
};

// Counts publication days over every match from the date slot: "YYYYMMDD" -> documents.
class DateCounter {
  public:
    DateCounter();
    void attach(Xapian::Enquire& enquire);
    std::map<std::string, Xapian::doccount> days() const;

  private:
    Xapian::ValueCountMatchSpy values_;
};

}  // namespace ndx
