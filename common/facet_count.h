// Exact facet counts over every match: match spies over the packed facet-id slots.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <vector>
#include <string>
#include <unordered_map>

#include "common/facet_ids.h"
#include "common/schema.h"

namespace ndx {

// Counts, for every matching document, each facet id packed in one value slot (an
// article naming Pakistan and Afghanistan counts once for each).  Local databases only:
// a remote server does not know this spy.
class PackedIdSpy : public Xapian::MatchSpy {
  public:
    explicit PackedIdSpy(Slot slot) : slot_(slot) {}
    void operator()(const Xapian::Document& doc, double wt) override;
    const std::unordered_map<FacetId, Xapian::doccount>& counts() const { return counts_; }
    Xapian::doccount seen() const { return seen_; }
    std::string get_description() const override;

  private:
    Slot slot_;
    std::unordered_map<FacetId, Xapian::doccount> counts_;
    Xapian::doccount seen_ = 0;
};

using FacetCounts = std::unordered_map<FacetId, Xapian::doccount>;

// Counts the facet ids of one packed slot over every match.  Locally a PackedIdSpy reads
// the packed slot; through remote servers, which only run Xapian's built-in spies, one
// ValueCountMatchSpy per spread slot (schema.h) counts the same ids.
class FacetCounter {
  public:
    // `spread`: how many spread slots hold values (0 selects the local packed spy).
    FacetCounter(Slot slot, bool remote, std::size_t spread);
    void attach(Xapian::Enquire& enquire);
    FacetCounts counts() const;

  private:
    std::unique_ptr<PackedIdSpy> packed_;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spread_;
};

}  // namespace ndx
