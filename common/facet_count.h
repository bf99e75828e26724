// Exact facet counts over every match: match spies over the packed facet-id slots.
#pragma once

#include <xapian.h>

#include <map>
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

}  // namespace ndx
