// Exact facet counts over every match: match spies over the facet table (facet_table.h)
// or, where there is none, over the packed facet-id slots.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
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

// Counts one column of a database's facet table: an array increment per value of each
// match.
class TableSpy : public Xapian::MatchSpy {
  public:
    TableSpy(const FacetTable& table, Slot slot);
    void operator()(const Xapian::Document& doc, double wt) override;
    // (value, documents) for every value seen: facet ids, or days as YYYYMMDD numbers.
    std::vector<std::pair<std::uint64_t, Xapian::doccount>> counts() const;
    std::string get_description() const override;

  private:
    Slot slot_;
    const FacetTable::Column& column_;
    Xapian::docid last_;
    std::vector<Xapian::doccount> counts_;  // by ordinal
};

// Counts the facet ids of one packed slot over every match: from the facet table of a
// single local database when it has a current one; else locally a PackedIdSpy; through remote servers, which only run
// Xapian's built-in spies, one ValueCountMatchSpy per spread slot (schema.h).
class FacetCounter {
  public:
    // `spread`: how many spread slots hold values (remote only); `table`: null or the
    // facet table of the one database searched.
    FacetCounter(Slot slot, bool remote, std::size_t spread, const FacetTable* table);
    void attach(Xapian::Enquire& enquire);
    FacetCounts counts() const;

  private:
    std::unique_ptr<TableSpy> table_;
    std::unique_ptr<PackedIdSpy> packed_;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spread_;
};

// Counts publication days over every match: "YYYYMMDD" -> documents.
class DateCounter {
  public:
    explicit DateCounter(const FacetTable* table);
    void attach(Xapian::Enquire& enquire);
    std::map<std::string, Xapian::doccount> days() const;

  private:
    std::unique_ptr<TableSpy> table_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> values_;
};

}  // namespace ndx
