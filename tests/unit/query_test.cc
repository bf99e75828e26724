// Unit tests for common/query: errors from the query language.
#include <doctest/doctest.h>

#include <xapian.h>

#include <string>

#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/query.h"

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
