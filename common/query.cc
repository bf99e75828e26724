// The QueryParser configured from the schema: see query.h.
#include "common/query.h"

#include "common/document.h"
#include "common/error.h"
#include "common/normalize.h"

namespace ndx {
namespace {

// speaker:/location:/group: inside a query, resolved through the catalog like the flags.
class FacetFieldProcessor : public Xapian::FieldProcessor {
  public:
    FacetFieldProcessor(const FacetCatalog& catalog, Facet facet)
        : catalog_(catalog), facet_(facet) {}

    Xapian::Query operator()(const std::string& str) override {
        Resolution r = catalog_.resolve(facet_, str);
        std::vector<Xapian::Query> parts;
        for (const auto& v : r.values) parts.push_back(facet_value_query(v));
        return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    }

  private:
    const FacetCatalog& catalog_;
    Facet facet_;
};

std::optional<Date> bound(const std::string& s, bool end) {
    if (s.empty()) return std::nullopt;
    auto d = parse_date_bound(s, end);
    if (!d) throw QueryError("bad date '" + s + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    return d;
}

// date:2023-10..2023-12, date:2023.., date:..2023-06-30
class DateRange : public Xapian::RangeProcessor {
  public:
    DateRange() : Xapian::RangeProcessor(slot_no(Slot::Date), "date:") {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        return date_range_query(bound(begin, false), bound(end, true));
    }
};

// date:2023-10 (one day, month or year)
class DateField : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& str) override {
        std::string s = str;
        if (auto dots = s.find(".."); dots != std::string::npos)
            return date_range_query(bound(s.substr(0, dots), false),
                                    bound(s.substr(dots + 2), true));
        return date_range_query(bound(s, false), bound(s, true));
    }
};

}  // namespace

Xapian::Query facet_value_query(const FacetValueInfo& v) {
    return Xapian::Query(std::string(facet_prefix(v.facet)) + v.key);
}

Xapian::Query date_range_query(const std::optional<Date>& from, const std::optional<Date>& to) {
    const auto slot = slot_no(Slot::Date);
    if (from && to) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, from->compact(),
                                         to->compact());
    if (from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, from->compact());
    if (to) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, "1", to->compact());
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, "1");
}

struct QueryBuilder::Impl {
    Xapian::QueryParser qp;
};

QueryBuilder::QueryBuilder(const Xapian::Database& db, const FacetCatalog& catalog)
    : impl_(std::make_unique<Impl>()) {
    Xapian::QueryParser& qp = impl_->qp;
    qp.set_database(db);
    qp.set_stemmer(make_stemmer());
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_OR);
    qp.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    for (const TextField& f : kTextFields) qp.add_prefix(f.query_name, f.prefix);
    for (Facet f : kEntityFacets)
        qp.add_boolean_prefix(std::string(facet_name(f)),
                              (new FacetFieldProcessor(catalog, f))->release());
    qp.add_rangeprocessor((new DateRange())->release());
    qp.add_boolean_prefix("date", (new DateField())->release());
}

QueryBuilder::~QueryBuilder() = default;

Xapian::Query QueryBuilder::parse(const std::string& text) {
    const std::string folded = fold_text(text);
    bool blank = folded.find_first_not_of(" \t\n") == std::string::npos;
    if (blank) return Xapian::Query::MatchAll;
    constexpr unsigned kFlags =
        Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
        Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;
    try {
        return impl_->qp.parse_query(folded, kFlags);
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError("cannot parse query '" + text + "': " + e.get_msg());
    }
}

}  // namespace ndx
