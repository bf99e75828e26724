// Unit tests for the field table (common/schema.h): a built document has exactly the terms,
// values and record the table declares, and docs/schema.md shows the table as it is.
#include "common/schema.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "common/document.h"
#include "common/facet_ids.h"
#include "common/normalize.h"

namespace {

// The field a term belongs to, by the table: the longest prefix that starts it (a stem
// by the prefix after "Z"); lower-case words are free text.
const ndx::Field* field_of_term(std::string_view term) {
    std::string_view prefix = term;
    if (auto st = ndx::split_stem_term(term)) prefix = st->field_prefix;
    const ndx::Field* best = nullptr;
    std::size_t best_len = 0;
    ndx::for_each_field([&](const ndx::Field& f) {
        const std::string_view p = f.prefix;
        if (f.kind == ndx::FieldKind::Stored || (best && p.size() <= best_len)) return;
        if (prefix.substr(0, p.size()) != p) return;
        if (p.empty() && !prefix.empty() && prefix[0] >= 'A' && prefix[0] <= 'Z') return;
        if (f.kind == ndx::FieldKind::Text && ndx::split_stem_term(term) &&
            ndx::split_stem_term(term)->field_prefix != p)
            return;
        best = &f;
        best_len = p.size();
    });
    return best;
}

ndx::Entity entity(const std::string& value, std::vector<std::string> path_keys = {}) {
    ndx::Entity e;
    e.value = value;
    e.key = ndx::entity_key(value);
    e.path_keys = std::move(path_keys);
    e.evidence.push_back({value + " was there.", ndx::kNoOffset});
    return e;
}

struct Built {
    ndx::Article article;
    ndx::Facets facets;
    Xapian::Document doc;
    std::map<std::string, std::set<std::string>> terms;  // field name -> terms
};

Built build(ndx::Stemming stemming) {
    Built b;
    ndx::Article& a = b.article;
    a.id = "wire/1.txt";
    a.path = "wire/1.txt";
    a.title = "Talks resumed";
    a.date = ndx::parse_date("2024-03-05");
    a.byline = "Mira Okafor";
    a.dateline = "Valmora";
    a.source = "Harbour Wire";
    a.body = "Ferro Lindqvist said the harbour would reopen.";
    b.facets.speakers.push_back(entity("Ferro Lindqvist"));
    b.facets.locations.push_back(entity("Valmora", {"norland", "valmora"}));
    b.facets.groups.push_back(entity("Harbour Union"));
    ndx::DocumentBuilder builder(stemming);
    b.doc = builder.build(a, b.facets, "XF0123456789abcdef");
    for (auto t = b.doc.termlist_begin(); t != b.doc.termlist_end(); ++t) {
        const ndx::Field* f = field_of_term(*t);
        REQUIRE_MESSAGE(f != nullptr, "a term no field of the table declares: " << *t);
        b.terms[f->name].insert(*t);
    }
    return b;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("schema: an article document has the terms the table declares, and no other") {
    const Built b = build(ndx::Stemming::All);
    using Terms = std::set<std::string>;
    CHECK(b.terms.at("title") == Terms{"ZSresum", "ZStalk"});
    CHECK(b.terms.at("byline") == Terms{"ZAmira", "ZAokafor"});
    CHECK(b.terms.at("dateline") == Terms{"ZXDLvalmora"});
    CHECK(b.terms.at("source") == Terms{"ZXSRCharbour", "ZXSRCwire"});
    // free text: every field's words and the body's, as stems
    CHECK(b.terms.at("text").count("Zharbour"));
    CHECK(b.terms.at("text").count("Zmira"));
    CHECK(b.terms.at("text").count("Zlindqvist"));
    CHECK(b.terms.at("speaker") == Terms{"XSPferro lindqvist"});
    // a place and every place above it
    CHECK(b.terms.at("location") == Terms{"XLOnorland", "XLOvalmora"});
    CHECK(b.terms.at("group") == Terms{"XGRharbour union"});
    CHECK(b.terms.at("date") == Terms{"D20240305"});
    CHECK(b.terms.at("month") == Terms{"M202403"});
    CHECK(b.terms.at("year") == Terms{"Y2024"});
    CHECK(b.terms.at("id") == Terms{"Qwire/1.txt"});
    CHECK(b.terms.at("article") == Terms{"XA"});
    CHECK(b.terms.at("file") == Terms{"XF0123456789abcdef"});
    CHECK(b.terms.count("undated") == 0);
    CHECK(b.terms.count("statement") == 0);
    // title words weigh kTitleWeight in the free text
    for (auto t = b.doc.termlist_begin(); t != b.doc.termlist_end(); ++t)
        if (*t == "Ztalk") CHECK(t.get_wdf() == ndx::field("title").weight);
}

TEST_CASE("schema: with --stemming some, words as written and stems apart") {
    const Built b = build(ndx::Stemming::Some);
    CHECK(b.terms.at("title").count("Stalks"));
    CHECK(b.terms.at("title").count("ZStalk"));
    CHECK(b.terms.at("text").count("harbour"));
    CHECK(b.terms.at("text").count("Zharbour"));
}

TEST_CASE("schema: an article document has the values the table declares") {
    const Built b = build(ndx::Stemming::All);
    std::set<Xapian::valueno> declared;
    ndx::for_each_field([&](const ndx::Field& f) {
        if (f.slot >= 0) declared.insert(static_cast<Xapian::valueno>(f.slot));
    });
    for (auto v = b.doc.values_begin(); v != b.doc.values_end(); ++v) {
        const Xapian::valueno slot = v.get_valueno();
        bool spread = false;
        ndx::for_each_field([&](const ndx::Field& f) {
            if (f.spread >= 0 && slot >= static_cast<Xapian::valueno>(f.spread) &&
                slot < static_cast<Xapian::valueno>(f.spread) + ndx::kMaxSlotValues)
                spread = true;
        });
        CHECK_MESSAGE((declared.count(slot) || spread), "a value in no declared slot: " << slot);
    }
    CHECK(b.doc.get_value(ndx::slot_no(ndx::Slot::Date)) == "20240305");
    for (ndx::Facet f : ndx::kEntityFacets) {
        const ndx::Entity& e = ndx::entities_of(b.facets, f).front();
        const ndx::FacetId id = ndx::facet_id(f, e.key);
        CHECK(b.doc.get_value(ndx::slot_no(ndx::facet_slot(f))) == ndx::pack_ids({id}));
        CHECK(b.doc.get_value(ndx::spread_slot_base(ndx::facet_slot(f))) == ndx::to_hex(id));
    }
    // the place tree: the place named and the country above it
    const std::string tree = ndx::pack_ids({ndx::facet_id(ndx::Facet::Location, "norland"),
                                            ndx::facet_id(ndx::Facet::Location, "valmora")});
    CHECK(b.doc.get_value(ndx::slot_no(ndx::Slot::LocationTree)) == tree);
}

TEST_CASE("schema: the stored record and the hit slot") {
    const Built b = build(ndx::Stemming::All);
    nlohmann::json rec = nlohmann::json::parse(b.doc.get_data());
    CHECK(rec == ndx::stored_record(b.article, b.facets));
    CHECK(rec["title"] == "Talks resumed");
    CHECK(rec["date"] == "2024-03-05");
    rec.erase("text");
    rec.erase("facets");
    CHECK(nlohmann::json::parse(b.doc.get_value(ndx::slot_no(ndx::Slot::Hit))) == rec);
}

TEST_CASE("schema: a stemmed term is Z, the field prefix and the stem") {
    CHECK(ndx::stem_term("XQ", "talk") == "ZXQtalk");
    auto st = ndx::split_stem_term("ZXQtalk");
    REQUIRE(st);
    CHECK(st->field_prefix == "XQ");
    CHECK(st->stem == "talk");
    CHECK(ndx::split_stem_term("Ztalk")->field_prefix.empty());
    CHECK_FALSE(ndx::split_stem_term("XSPtalk"));
    CHECK(ndx::text_prefix(ndx::Stemming::All, "S") == "ZS");
    CHECK(ndx::text_prefix(ndx::Stemming::Some, "S") == "S");
}

TEST_CASE("schema: docs/schema.md shows the field table as the code declares it") {
    const std::string doc = read_file(std::string(NDX_SOURCE_DIR) + "/docs/schema.md");
    REQUIRE_FALSE(doc.empty());
    CHECK_MESSAGE(doc.find(ndx::schema_markdown()) != std::string::npos,
                  "docs/schema.md is not in step with kFields; the table should read:\n"
                      << ndx::schema_markdown());
}
