// Unit tests for common/query: errors from the query language; the names of the search choices.
#include "common/query.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/search.h"
#include "common/search_stages.h"

TEST_CASE("query: a bad value inside a field or range is a QueryError, and the parser goes on") {
    // Bug (LeakSanitizer, found by fuzz_query): Xapian's QueryParser leaked the term it was
    // building when a FieldProcessor or RangeProcessor threw.  The processors now keep the
    // error, and parse() throws it when the parser is done.
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    ndx::FacetCatalog catalog(db);
    ndx::QueryBuilder qb(db, catalog);
    const std::string bad_date = "bad date 'yesterday' (use YYYY, YYYY-MM or YYYY-MM-DD)";
    struct Case {
        std::string query, error;
    } cases[] = {
        {"date:yesterday", bad_date},
        {"date:2023..yesterday", bad_date},
        {"taliban AND date:2023 AND date:yesterday", bad_date},
        {"(date:yesterday", bad_date},
        {"speaker:nobody", "no speaker 'nobody' in the index"},
        {"group:nobody OR location:nowhere", "no group 'nobody' in the index"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.query);
        CHECK_THROWS_WITH_AS(qb.parse(c.query), c.error.c_str(), ndx::QueryError);
        // the error is not left behind for the next query
        CHECK_NOTHROW(qb.parse("date:2023 taliban"));
    }
}

TEST_CASE("query: speaker: values beside said: are found without std::regex") {
    // Bug (SIGSEGV, stack overflow): with said: in the query, parse() looked for speaker:
    // values with std::regex, which recurses once per character, so "said:x speaker:" and
    // a 120 KB name crashed ndx-search.
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    ndx::FacetCatalog catalog(db);
    ndx::QueryBuilder qb(db, catalog);
    const std::string name(120000, 'a');
    CHECK_THROWS_WITH_AS(qb.parse("said:x speaker:" + name),
                         ("no speaker '" + name + "' in the index").c_str(), ndx::QueryError);
}

namespace {

// The terms of a query, sorted, space-separated.
std::string terms_of(const Xapian::Query& q) {
    std::string out;
    for (auto t = q.get_unique_terms_begin(); t != q.get_unique_terms_end(); ++t)
        out += (out.empty() ? "" : " ") + *t;
    return out;
}

}  // namespace

TEST_CASE("query: words become the terms the index's stemming wrote") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    ndx::FacetCatalog catalog(db);
    const std::string text = "Sanctions \"armed groups\" title:talks sanct*";
    SUBCASE("an index that records no stemming was written with word forms and stems") {
        ndx::QueryBuilder qb(db, catalog);
        const Xapian::Query q = qb.parse(text);
        // capitalised and quoted words as written, others stemmed
        CHECK(terms_of(q) == "ZStalk armed groups sanctions");
        CHECK(q.get_description().find("WILDCARD SYNONYM sanct") != std::string::npos);
        CHECK_FALSE(qb.snippet_query(text, q));
    }
    SUBCASE("an index of stems") {
        db.set_metadata(ndx::kStemmingKey, "all");
        ndx::QueryBuilder qb(db, catalog);
        const Xapian::Query q = qb.parse(text);
        CHECK(terms_of(q) == "ZStalk Zarm Zgroup Zsanction");
        // the wildcard expands over stems
        CHECK(q.get_description().find("WILDCARD SYNONYM Zsanct") != std::string::npos);
        // snippets are made from the free text's stems and the wildcard as written
        const auto snippet = qb.snippet_query(text, q);
        REQUIRE(snippet);
        CHECK(terms_of(*snippet) == "Zarm Zgroup Zsanction");
        CHECK(snippet->get_description().find("WILDCARD SYNONYM sanct)") != std::string::npos);
    }
}

TEST_CASE("query: snippets of an index of stems mark free-text wildcards only") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.set_metadata(ndx::kStemmingKey, "all");
    ndx::FacetCatalog catalog(db);
    ndx::QueryBuilder qb(db, catalog);
    // a quoted * is no wildcard, a field's words are not in the text, +/- are operators
    const std::string text = "\"truce talk*\" title:resum* +attack* -ceasefir*";
    const std::string desc = qb.snippet_query(text, qb.parse(text))->get_description();
    CHECK(desc.find("WILDCARD SYNONYM attack") != std::string::npos);
    CHECK(desc.find("WILDCARD SYNONYM ceasefir") != std::string::npos);
    CHECK(desc.find("resum") == std::string::npos);
    CHECK(desc.find("WILDCARD SYNONYM talk") == std::string::npos);
}

TEST_CASE("query: said: and --quotes search statement stems in an index of stems") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.set_metadata(ndx::kStemmingKey, "all");
    ndx::FacetCatalog catalog(db);
    ndx::QueryBuilder quotes(db, catalog, ndx::QueryBuilder::Mode::Statements);
    CHECK(terms_of(quotes.parse("Extremism said:talks")) == "ZXQextrem ZXQtalk");
}

TEST_CASE("query: function words are left out only where words are optional") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.set_metadata(ndx::kStemmingKey, "all");
    ndx::FacetCatalog catalog(db);
    ndx::QueryBuilder qb(db, catalog);
    SUBCASE("a sentence: its content words, and no spelling for the rest") {
        const Xapian::Query q = qb.parse("what did the minister say about the budget");
        CHECK(terms_of(q) == "Zbudget Zminist Zsay");
        const auto& words = qb.last_parse().free_words;
        CHECK(std::vector<std::string>(words.begin(), words.end()) ==
              std::vector<std::string>{"minister", "say", "budget"});
    }
    SUBCASE("--any leaves them out of a short query too") {
        CHECK(terms_of(qb.parse("the economy", ndx::MatchMode::Any)) == "Zeconomi");
    }
    SUBCASE("every word required: each one counts") {
        CHECK(terms_of(qb.parse("the who")) == "Zthe Zwho");
        CHECK(terms_of(qb.parse("what did the minister say", ndx::MatchMode::All)) ==
              "Zdid Zminist Zsay Zthe Zwhat");
    }
    SUBCASE("operators, phrases and a query of nothing else keep them") {
        CHECK(terms_of(qb.parse("the AND minister said the budget")) ==
              "Zbudget Zminist Zsaid Zthe");
        CHECK(terms_of(qb.parse("\"bank of england\" raises its rates today")).find("Zof") !=
              std::string::npos);
        CHECK(terms_of(qb.parse("what are they doing there")) == "Zare Zdo Zthere Zthey Zwhat");
    }
    SUBCASE("words that are also names are no function words") {
        CHECK(terms_of(qb.parse("us and may and who")) == "Zmay Zus Zwho");
    }
}

TEST_CASE("search choices: each name parses, and the JSON output names a level as it is written") {
    CHECK(ndx::sort_order_named("-date") == ndx::SortOrder::DateDescending);
    CHECK(ndx::facet_order_named("name") == ndx::FacetOrder::Name);
    CHECK(ndx::date_interval_named("day") == ndx::DateInterval::Day);
    for (const char* name : {"named", "country", "province", "city"})
        CHECK(std::string(ndx::location_level_name(ndx::location_level_named(name))) == name);
    CHECK_THROWS_WITH_AS(ndx::sort_order_named("newest"),
                         "--sort: 'newest' is not one of relevance, date, -date", ndx::UsageError);
    CHECK_THROWS_WITH_AS(ndx::location_level_named("town"),
                         "--location-level: 'town' is not one of named, country, province, city",
                         ndx::UsageError);
}

TEST_CASE("search: the kind filter is left out only where the words imply the kind") {
    // Articles' text terms are in articles only, said: terms in statements only: a query
    // made of them needs no XA/XT filter (which costs the matcher a posting list as long as
    // the collection); anything else keeps it.
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    ndx::FacetCatalog catalog(db);
    for (const char* stemming : {"all", "some"}) {
        CAPTURE(stemming);
        db.set_metadata(ndx::kStemmingKey, stemming);
        ndx::QueryBuilder articles(db, catalog);
        ndx::QueryBuilder quotes(db, catalog, ndx::QueryBuilder::Mode::Statements);
        auto kind = [](ndx::QueryBuilder& qb, const std::string& text) {
            return ndx::search_stages::only_statements(qb.parse(text));
        };
        CHECK(kind(articles, "oil") == false);
        CHECK(kind(articles, "Oil prices") == false);
        CHECK(kind(articles, "\"crude oil\" OR title:opec") == false);
        CHECK(kind(articles, "oil -prices") == false);
        CHECK(kind(articles, "oil date:2023") == false);
        CHECK(kind(quotes, "oil prices") == true);
        CHECK(kind(quotes, "said:oil") == true);
        // matches without a word of its own: the filter stays
        CHECK_FALSE(kind(articles, "NOT oil"));
        CHECK_FALSE(kind(articles, "oil*"));
        CHECK_FALSE(kind(articles, "date:2023"));
        CHECK_FALSE(kind(articles, "oil OR date:2023"));
        // the kinds disagree: no telling
        CHECK_FALSE(ndx::search_stages::only_statements(
            Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Zoil"), Xapian::Query("ZXQoil"))));
    }
}
