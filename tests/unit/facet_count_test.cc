// Unit tests for TableCounter (common/facet_count.h): exact counts from the facet table
// over few matches (read back from the rows of the documents counted) and over many (from
// every counter), with filters, multi-select, the date group and the table's totals,
// against counts worked out here from the documents themselves.
#include "common/facet_count.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/facet_ids.h"
#include "common/facet_table.h"
#include "common/normalize.h"
#include "tests/unit/temp_dir.h"

namespace {

namespace fs = std::filesystem;

constexpr unsigned kDocs = 600;

using ndx::test::TempDir;

ndx::FacetId speaker(unsigned s) {
    return ndx::facet_id(ndx::Facet::Speaker, ndx::entity_key("Speaker " + std::to_string(s)));
}
ndx::FacetId place(unsigned p) {
    return ndx::facet_id(ndx::Facet::Location, ndx::entity_key("Place " + std::to_string(p)));
}
ndx::FacetId group(unsigned g) {
    return ndx::facet_id(ndx::Facet::Group, ndx::entity_key("Group " + std::to_string(g)));
}

// Document i's values: speakers, places and groups from pools of 97, 50 and 400 values (so
// that a few documents hold few of them), a day of January 2023 but every ninth undated.
struct Values {
    std::set<ndx::FacetId> speakers, places, groups;
    std::uint64_t day = 0;  // YYYYMMDD, 0 undated
};
Values values_of(unsigned i) {
    Values v;
    v.speakers = {speaker(i % 97), speaker(i * 7 % 97)};
    v.places = {place(i % 50)};
    if (i % 4) v.groups = {group(i % 400), group((i * 3 + 1) % 400)};
    if (i % 9) v.day = 20230101 + i % 28;
    return v;
}

// Words: "all" in every document, "few" in 3, "mid" in every third.
void build(const fs::path& dir) {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN);
    for (unsigned i = 0; i < kDocs; ++i) {
        const Values v = values_of(i);
        Xapian::Document doc;
        doc.add_term("all");
        if (i % 200 == 0) doc.add_term("few");
        if (i % 3 == 0) doc.add_term("mid");
        doc.add_term("XA");
        auto pack = [](const std::set<ndx::FacetId>& s) {
            return ndx::pack_ids(std::vector<ndx::FacetId>(s.begin(), s.end()));
        };
        doc.add_value(ndx::slot_no(ndx::Slot::Speakers), pack(v.speakers));
        doc.add_value(ndx::slot_no(ndx::Slot::Locations), pack(v.places));
        doc.add_value(ndx::slot_no(ndx::Slot::LocationTree), pack(v.places));
        if (!v.groups.empty()) doc.add_value(ndx::slot_no(ndx::Slot::Groups), pack(v.groups));
        if (v.day) doc.add_value(ndx::slot_no(ndx::Slot::Date), std::to_string(v.day));
        db.add_document(doc);
    }
    db.commit();
    ndx::write_facet_table(Xapian::Database(dir.string()), dir.string());
}

const std::array<ndx::Slot, 3> kCounted = {ndx::Slot::Speakers, ndx::Slot::Locations,
                                           ndx::Slot::Groups};

// The counts of group g (0 speakers, 1 places, 2 groups, 3 days) over the documents i
// for which `counted(i)` holds, in ascending id order, as TableCounter gives them.
ndx::FacetCounts expected(std::size_t g, const std::function<bool(unsigned)>& counted) {
    std::map<std::uint64_t, Xapian::doccount> m;
    for (unsigned i = 0; i < kDocs; ++i) {
        if (!counted(i)) continue;
        const Values v = values_of(i);
        const std::set<ndx::FacetId>& ids = g == 0 ? v.speakers : g == 1 ? v.places : v.groups;
        if (g == 3) {
            if (v.day) ++m[v.day];
        } else {
            for (ndx::FacetId id : ids) ++m[id];
        }
    }
    return ndx::FacetCounts(m.begin(), m.end());
}

// Runs `query` with `c` as its spy, or as its decider when it has filters; the total.
Xapian::doccount run(const Xapian::Database& db, const std::string& word, ndx::TableCounter& c) {
    Xapian::Enquire enq(db);
    enq.set_query(Xapian::Query(word));
    if (!c.has_filters()) {
        enq.add_matchspy(&c.spy());
        return enq.get_mset(0, 10, db.get_doccount()).get_matches_estimated();
    }
    return enq.get_mset(0, 10, db.get_doccount(), nullptr, &c.decider()).get_matches_estimated();
}

bool has_word(unsigned i, const std::string& word) {
    return word == "all" || (word == "few" && i % 200 == 0) || (word == "mid" && i % 3 == 0);
}

// The index build() makes, opened with its facet table.
struct Built {
    TempDir tmp;
    Xapian::Database db;
    std::shared_ptr<const ndx::FacetTable> table;
    Built() {
        build(tmp.path);
        db = Xapian::Database(tmp.path.string());
        table = ndx::FacetTable::load(tmp.path.string(), db);
    }
};

}  // namespace

TEST_CASE_FIXTURE(Built, "TableCounter: exact counts over few and many matches, in id order") {
    REQUIRE(table);
    for (const std::string word : {"few", "mid", "all"}) {
        CAPTURE(word);
        ndx::TableCounter c(*table, kCounted);
        const Xapian::doccount total = run(db, word, c);
        auto matches = [&](unsigned i) { return has_word(i, word); };
        CHECK(total == (word == "few" ? 3u : word == "mid" ? 200u : kDocs));
        for (std::size_t g = 0; g < 4; ++g) {
            CAPTURE(g);
            CHECK(c.counts(g) == expected(g, matches));
        }
        CHECK(c.date_seen() == total);
        Xapian::doccount dated = 0;
        for (const auto& [day, n] : c.days()) {
            CHECK(day.size() == 8);
            dated += n;
        }
        Xapian::doccount undated = 0;
        for (unsigned i = 0; i < kDocs; ++i) undated += matches(i) && !values_of(i).day;
        CHECK(undated > 0);
        CHECK(dated + undated == total);
        // asked twice, the same
        CHECK(c.counts(2) == expected(2, matches));
    }
}

TEST_CASE_FIXTURE(Built, "TableCounter: filters and multi-select counts") {
    REQUIRE(table);
    // places 0..9, and the days 2023-01-05 to 2023-01-20
    std::vector<ndx::FacetId> places;
    for (unsigned p = 0; p < 10; ++p) places.push_back(place(p));
    auto place_ok = [](unsigned i) { return i % 50 < 10; };
    auto date_ok = [](unsigned i) {
        const std::uint64_t d = values_of(i).day;
        return d >= 20230105 && d <= 20230120;
    };
    for (const std::string word : {"few", "mid", "all"}) {
        CAPTURE(word);
        ndx::TableCounter c(*table, kCounted);
        c.require_any(1, ndx::Slot::Locations, places);
        c.require_dates(20230105, 20230120);
        REQUIRE(c.has_filters());
        const Xapian::doccount total = run(db, word, c);
        auto text = [&](unsigned i) { return has_word(i, word); };
        auto all = [&](unsigned i) { return text(i) && place_ok(i) && date_ok(i); };
        Xapian::doccount want = 0;
        for (unsigned i = 0; i < kDocs; ++i) want += all(i);
        CHECK(total == want);
        // speakers and groups: the matches; places without the place filter, days
        // without the date filter (multi-select)
        CHECK(c.counts(0) == expected(0, all));
        CHECK(c.counts(2) == expected(2, all));
        CHECK(c.counts(1) == expected(1, [&](unsigned i) { return text(i) && date_ok(i); }));
        CHECK(c.counts(3) == expected(3, [&](unsigned i) { return text(i) && place_ok(i); }));
        Xapian::doccount seen = 0;
        for (unsigned i = 0; i < kDocs; ++i) seen += text(i) && place_ok(i);
        CHECK(c.date_seen() == seen);
    }

    // Only undated documents, two groups selected (any of them)
    ndx::TableCounter c(*table, kCounted);
    c.require_undated();
    c.require_any(2, ndx::Slot::Groups, {group(1), group(9)});
    auto undated = [](unsigned i) { return i % 9 == 0; };
    auto in_groups = [](unsigned i) {
        const auto g = values_of(i).groups;
        return g.count(group(1)) || g.count(group(9));
    };
    const Xapian::doccount total = run(db, "all", c);
    Xapian::doccount want = 0;
    for (unsigned i = 0; i < kDocs; ++i) want += undated(i) && in_groups(i);
    CHECK(total == want);
    CHECK(c.counts(2) == expected(2, undated));
    CHECK(c.counts(3) == expected(3, in_groups));
    CHECK(c.counts(0) == expected(0, [&](unsigned i) { return undated(i) && in_groups(i); }));
}

TEST_CASE_FIXTURE(Built,
                  "TableCounter: a group counted as every article takes the table's totals") {
    REQUIRE(table);
    ndx::TableCounter c(*table, kCounted);
    c.require_any(2, ndx::Slot::Groups, {group(5)});
    c.count_all_articles(2, kDocs);
    c.count_all_articles(3, kDocs);
    CHECK_FALSE(c.has_filters());
    Xapian::Enquire enq(db);
    enq.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("all"), Xapian::Query("XA")));
    enq.add_matchspy(&c.spy());
    enq.get_mset(0, 10, db.get_doccount());
    auto every = [](unsigned) { return true; };
    CHECK(c.counts(2) == expected(2, every));
    CHECK(c.counts(3) == expected(3, every));
    CHECK(c.date_seen() == kDocs);
    CHECK(c.counts(0) == expected(0, every));  // the spy saw every document here
}

TEST_CASE_FIXTURE(Built, "TableCounter: top() keeps the values that can be shown in count order") {
    REQUIRE(table);
    for (const std::string word : {"few", "mid", "all"}) {
        ndx::TableCounter c(*table, kCounted);
        run(db, word, c);
        for (std::size_t g = 0; g < 3; ++g) {
            const ndx::FacetCounts all = c.counts(g);
            if (all.empty()) continue;  // no groups in the "few" documents
            // a value counted once, one not counted at all, and one twice
            const std::vector<ndx::FacetId> wanted = {all.back().first, group(1000),
                                                      all.back().first};
            for (std::size_t limit :
                 {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{10},
                  std::size_t{5000}, std::numeric_limits<std::size_t>::max()}) {
                CAPTURE(word);
                CAPTURE(g);
                CAPTURE(limit);
                std::vector<Xapian::doccount> by_count;
                for (const auto& p : all) by_count.push_back(p.second);
                std::sort(by_count.rbegin(), by_count.rend());
                Xapian::doccount least = limit == 0                 ? ~0u
                                         : limit >= by_count.size() ? 1
                                                                    : by_count[limit - 1];
                std::set<std::pair<ndx::FacetId, Xapian::doccount>> want;
                for (const auto& p : all)
                    if (p.second >= least || p.first == wanted[0]) want.insert(p);
                std::size_t distinct = 0;
                const ndx::FacetCounts top = c.top(g, limit, wanted, distinct).value();
                CHECK(distinct == all.size());
                // those, or (the documents counted being few) every value counted
                const std::set<std::pair<ndx::FacetId, Xapian::doccount>> got(top.begin(),
                                                                              top.end());
                CHECK(got.size() == top.size());  // each value once
                CHECK(std::includes(got.begin(), got.end(), want.begin(), want.end()));
                if (word == "all") CHECK(got == want);
                for (const auto& p : got) CHECK(std::find(all.begin(), all.end(), p) != all.end());
            }
        }
    }
}

TEST_CASE_FIXTURE(Built, "TableCounter: top() folds merged values into their roots") {
    REQUIRE(table);
    ndx::TableCounter c(*table, kCounted);
    run(db, "mid", c);
    // speaker 1 is shown under speaker 2, speaker 4 under speaker 5
    const std::vector<std::pair<ndx::FacetId, ndx::FacetId>> merged = {{speaker(1), speaker(2)},
                                                                       {speaker(4), speaker(5)}};
    std::map<ndx::FacetId, Xapian::doccount> folded;
    for (const auto& [id, n] : c.counts(0))
        folded[id == speaker(1) ? speaker(2) : id == speaker(4) ? speaker(5) : id] += n;
    REQUIRE(folded.count(speaker(2)));
    std::size_t distinct = 0;
    auto all = c.top(0, std::numeric_limits<std::size_t>::max(), {}, distinct, merged);
    REQUIRE(all);
    CHECK(std::map<ndx::FacetId, Xapian::doccount>(all->begin(), all->end()) == folded);
    CHECK(distinct == folded.size());
    auto one = c.top(0, 1, {speaker(1)}, distinct, merged);  // a merged value: not shown
    REQUIRE(one);
    CHECK(distinct == folded.size());
    for (const auto& p : *one) CHECK(p.first != speaker(1));
    // a root the column does not hold: the caller folds
    CHECK_FALSE(c.top(0, 10, {}, distinct, {{speaker(1), speaker(5000)}}));
}
