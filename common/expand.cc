// Pseudo-relevance feedback: see expand.h.
#include "common/expand.h"

#include <string>
#include <vector>

#include "common/query.h"

namespace ndx {
namespace {

// Words of free text only: the stems of title and text ("Z" and a lower-case letter), not
// facet, field or id terms, nor one- and two-letter stems.
class FreeTextStems : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override {
        return term.size() > 3 && term[0] == 'Z' && term[1] >= 'a' && term[1] <= 'z';
    }
};

}  // namespace

Xapian::Query expand_ranking(const Xapian::Database& db, const Xapian::Query& query,
                             const Xapian::Query& text) {
    Xapian::Enquire enq(db);
    enq.set_query(query);
    enq.set_weighting_scheme(ranking_weight());
    const Xapian::MSet top = enq.get_mset(0, kExpandDocs);
    if (top.empty()) return text;
    Xapian::RSet rset;
    for (auto it = top.begin(); it != top.end(); ++it) rset.add_document(*it);
    const FreeTextStems decider;
    const Xapian::ESet eset = enq.get_eset(kExpandTerms, rset, &decider);
    std::vector<Xapian::Query> words;
    for (auto it = eset.begin(); it != eset.end(); ++it) words.emplace_back(*it);
    if (words.empty()) return text;
    return Xapian::Query(
        Xapian::Query::OP_AND_MAYBE, text,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()),
                      kExpandWeight));
}

}  // namespace ndx
