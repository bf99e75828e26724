// Unit tests for common/facet_table and the counting spies over it: the table says what
// the value slots say, is refused when out of date or damaged, and counts like the slots.
#include "common/facet_table.h"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/database.h"
#include "common/facet_catalog.h"
#include "common/facet_count.h"
#include "common/facet_ids.h"
#include "common/normalize.h"
#include "common/search.h"
#include "common/speaker_merge.h"
#include "tests/unit/temp_dir.h"

namespace {

namespace fs = std::filesystem;

using ndx::test::TempDir;

// The key of speaker s ("Speaker 1"), as the indexer makes it from the name.
std::string speaker_key(unsigned s) { return ndx::entity_key("Speaker " + std::to_string(s)); }

// The keys of place p ("Place 1", in the country "Norland") and of group g ("Group 1").
std::string place_key(unsigned p) { return ndx::entity_key("Place " + std::to_string(p)); }
const std::string kCountryKey = ndx::entity_key("Norland");
std::string group_key(unsigned g) { return ndx::entity_key("Group " + std::to_string(g)); }

// A facet's value slot and filter terms for the keys given.
void add_facet(Xapian::Document& doc, ndx::Facet f, ndx::Slot slot,
               const std::vector<std::string>& keys) {
    std::vector<ndx::FacetId> ids;
    for (const std::string& k : keys) {
        ids.push_back(ndx::facet_id(f, k));
        doc.add_term(std::string(ndx::facet_prefix(f)) + k);
    }
    doc.add_value(ndx::slot_no(slot), ndx::pack_ids(ids));
}

// Document i: dated 2023-01-(1 + i % 3) except every fifth, speakers i % 4 and (i + 1) % 4,
// place i % 3 (in Norland), group i / 2 % 2 in every document but each seventh, the word
// "common", and "odd" in odd documents.
Xapian::Document make_doc(unsigned i) {
    Xapian::Document doc;
    doc.add_term("common");
    doc.add_term("Zcommon");  // the stem, as the query parser looks it up
    if (i % 2) {
        doc.add_term("odd");
        doc.add_term("Zodd");
    }
    doc.add_term("XA");
    if (i % 5) doc.add_value(ndx::slot_no(ndx::Slot::Date), "2023010" + std::to_string(1 + i % 3));
    std::vector<ndx::FacetId> ids = {ndx::facet_id(ndx::Facet::Speaker, speaker_key(i % 4)),
                                     ndx::facet_id(ndx::Facet::Speaker, speaker_key((i + 1) % 4))};
    doc.add_value(ndx::slot_no(ndx::Slot::Speakers), ndx::pack_ids(ids));
    for (unsigned s : {i % 4, (i + 1) % 4})  // the filter terms
        doc.add_term(std::string(ndx::facet_prefix(ndx::Facet::Speaker)) + speaker_key(s));
    add_facet(doc, ndx::Facet::Location, ndx::Slot::Locations, {place_key(i % 3)});
    add_facet(doc, ndx::Facet::Location, ndx::Slot::LocationTree, {kCountryKey, place_key(i % 3)});
    if (i % 7) add_facet(doc, ndx::Facet::Group, ndx::Slot::Groups, {group_key(i / 2 % 2)});
    return doc;
}

void build(const fs::path& dir, unsigned from, unsigned to) {
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OPEN);
    for (unsigned i = from; i < to; ++i) db.add_document(make_doc(i));
    // The names of the speaker values, as the index writer records them (schema.h).
    for (unsigned s = 0; s < 4; ++s) {
        const std::string key = speaker_key(s);
        db.set_metadata(ndx::kFacetValueMeta + ndx::to_hex(ndx::facet_id(ndx::Facet::Speaker, key)),
                        R"({"facet":"speaker","value":"Speaker )" + std::to_string(s) +
                            R"(","key":")" + key + R"("})");
    }
    auto name = [&](ndx::Facet f, const std::string& value, const std::string& key,
                    const std::string& extra) {
        db.set_metadata(ndx::kFacetValueMeta + ndx::to_hex(ndx::facet_id(f, key)),
                        R"({"facet":")" + std::string(ndx::facet_name(f)) + R"(","value":")" +
                            value + R"(","key":")" + key + "\"" + extra + "}");
    };
    name(ndx::Facet::Location, "Norland", kCountryKey, R"(,"path":"Norland","kind":"country")");
    for (unsigned p = 0; p < 3; ++p)
        name(ndx::Facet::Location, "Place " + std::to_string(p), place_key(p),
             R"(,"path":"Norland/Place )" + std::to_string(p) + R"(","kind":"city")");
    for (unsigned g = 0; g < 2; ++g)
        name(ndx::Facet::Group, "Group " + std::to_string(g), group_key(g), "");
    db.set_metadata(ndx::kSchemaKey, std::to_string(ndx::kSchemaVersion));
    db.commit();
}

// Documents from..to-1 (as build()), then the facet table of the database as committed.
void build_with_table(const fs::path& dir, unsigned from, unsigned to) {
    build(dir, from, to);
    Xapian::Database db(dir.string());
    ndx::write_facet_table(db, dir.string());
}

// Everything a search shows: total, hits with scores, every facet's values and counts, and
// the date histogram, as one string to compare.
std::string describe(const ndx::SearchResult& r) {
    std::string out = "total " + std::to_string(r.total) + "\n";
    for (const auto& h : r.hits)
        out += "hit " + std::to_string(h.docid) + " " + std::to_string(h.score) + "\n";
    for (const auto& f : r.facets) {
        out += "facet" + std::string(f.multi_select ? " (multi-select)" : "") + ":";
        for (const auto& v : f.values)
            out += " " + v.value + "=" + std::to_string(v.count) + (v.selected ? "*" : "");
        out += " +" + std::to_string(f.more) + "\n";
    }
    out += "dates " + r.dates.interval + ":";
    for (const auto& b : r.dates.buckets) out += " " + b.label + "=" + std::to_string(b.count);
    out += " undated=" + std::to_string(r.dates.undated) + "\n";
    return out;
}

std::vector<std::pair<std::uint64_t, Xapian::doccount>> sorted(
    std::vector<std::pair<std::uint64_t, Xapian::doccount>> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

TEST_CASE("facet table: written after a commit, read back, counts like the value slots") {
    TempDir tmp;
    const fs::path dir = tmp.path / "db";
    build_with_table(dir, 0, 50);
    Xapian::Database db(dir.string());
    auto table = ndx::FacetTable::load(dir.string(), db);
    REQUIRE(table);
    CHECK(table->last_docid() == 50);
    // document 7 (docid 8): speakers s3 and s0
    const auto& sp = table->column(ndx::Slot::Speakers);
    REQUIRE(sp.start[9] - sp.start[8] == 2);
    std::vector<std::uint64_t> got = {sp.dict[sp.ords[sp.start[8]]],
                                      sp.dict[sp.ords[sp.start[8] + 1]]};
    CHECK(got == std::vector<std::uint64_t>{ndx::facet_id(ndx::Facet::Speaker, speaker_key(3)),
                                            ndx::facet_id(ndx::Facet::Speaker, speaker_key(0))});
    // document 5 (docid 6) is undated
    const auto& date = table->column(ndx::Slot::Date);
    CHECK(date.start[7] == date.start[6]);

    const std::array<ndx::Slot, 3> counted = {ndx::Slot::Speakers, ndx::Slot::Locations,
                                              ndx::Slot::Groups};
    for (const char* word : {"common", "odd"}) {
        CAPTURE(word);
        Xapian::Enquire enq(db);
        enq.set_query(Xapian::Query(word));
        ndx::TableCounter from_table(*table, counted);
        ndx::PackedIdSpy from_slots(ndx::Slot::Speakers);
        ndx::DateCounter days_slots;
        enq.add_matchspy(&from_table.spy());
        enq.add_matchspy(&from_slots);
        days_slots.attach(enq);
        enq.get_mset(0, 10, db.get_doccount());
        const auto& m = from_slots.counts();
        CHECK(sorted(from_table.counts(0)) == sorted({m.begin(), m.end()}));
        CHECK(from_table.days() == days_slots.days());
        CHECK(!from_table.days().empty());
    }

    // Every document is an article here: the table's per-value article totals are the
    // counts over all of them.
    Xapian::Enquire enq(db);
    enq.set_query(Xapian::Query::MatchAll);
    ndx::TableCounter all(*table, counted);
    enq.add_matchspy(&all.spy());
    enq.get_mset(0, 0, db.get_doccount());
    std::vector<std::pair<std::uint64_t, Xapian::doccount>> totals;
    for (std::size_t o = 0; o < sp.dict_size; ++o) totals.emplace_back(sp.dict[o], sp.articles[o]);
    CHECK(sorted(all.counts(0)) == totals);
    CHECK(totals.size() == 4);
}

TEST_CASE("facet table: refused when the database has changed since, or when damaged") {
    TempDir tmp;
    const fs::path dir = tmp.path / "db";
    build_with_table(dir, 0, 20);
    Xapian::Database old_db(dir.string());
    auto table = ndx::FacetTable::load(dir.string(), old_db);
    REQUIRE(table);

    build(dir, 20, 30);  // another commit: the table no longer describes the database
    Xapian::Database new_db(dir.string());
    CHECK_FALSE(ndx::FacetTable::load(dir.string(), new_db));
    CHECK(table->describes(old_db));
    old_db.reopen();
    CHECK_FALSE(table->describes(old_db));

    // Searching falls back to the value slots and gives the same counts.
    std::vector<std::string> skipped;
    ndx::SearchRequest req;
    req.query = "common";
    auto target = ndx::open_targets({dir.string()}, false, skipped);
    CHECK_FALSE(target.table);
    const ndx::SearchResult from_slots = ndx::run_search(target, req);
    ndx::write_facet_table(new_db, dir.string());
    auto with_table = ndx::open_targets({dir.string()}, false, skipped);
    CHECK(with_table.table);
    const ndx::SearchResult from_table = ndx::run_search(with_table, req);
    CHECK(from_slots.total == 30);
    CHECK(describe(from_slots) == describe(from_table));

    // Damaged files are refused, not trusted.
    const fs::path file = dir / ndx::kFacetTableFile;
    std::string bytes;
    {
        std::ifstream in(file, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto write = [&](const std::string& b) {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << b;
    };
    write(bytes.substr(0, bytes.size() - 8));  // truncated
    CHECK_FALSE(ndx::FacetTable::load(dir.string(), new_db));
    std::string bad = bytes;
    bad[0] = 'X';  // not a table
    write(bad);
    CHECK_FALSE(ndx::FacetTable::load(dir.string(), new_db));
    bad = bytes;
    bad[88 + 16] = '\x01';  // the speaker dictionary offset points outside the file
    bad[88 + 23] = '\x7f';
    write(bad);
    CHECK_FALSE(ndx::FacetTable::load(dir.string(), new_db));
    write("");
    CHECK_FALSE(ndx::FacetTable::load(dir.string(), new_db));
    fs::remove(file);
    CHECK_FALSE(ndx::FacetTable::load(dir.string(), new_db));
}

TEST_CASE("facet table: run_search gives the same answer with and without it") {
    TempDir tmp;
    const fs::path dir = tmp.path / "db";
    build_with_table(dir, 0, 40);
    std::vector<std::string> skipped;
    auto with = ndx::open_targets({dir.string()}, false, skipped);
    auto without = ndx::open_targets({dir.string()}, false, skipped);
    REQUIRE(with.table);
    REQUIRE(with.table->records() > 0);
    // without: counted from the value slots, named from the metadata
    without.table.reset();
    without.catalog = std::make_shared<ndx::FacetCatalog>(without.db, without.parts);
    for (const char* q : {"common", "odd", ""}) {
        CAPTURE(q);
        ndx::SearchRequest req;
        req.query = q;
        req.date_interval = ndx::DateInterval::Day;
        const ndx::SearchResult a = ndx::run_search(with, req), b = ndx::run_search(without, req);
        CHECK(a.total >= 20);
        CHECK(a.dates.buckets.size() == 3);
        // every facet has values to compare: each speaker, place and group counted, named
        CHECK(a.facets[0].values.size() == 4);
        CHECK(a.facets[1].values.size() == 3);
        CHECK(a.facets[2].values.size() == 2);
        CHECK(describe(a) == describe(b));
    }
    // With selections: a selected facet is counted without its own filter; places roll
    // up; dates filter.
    auto request = [](int which) {
        ndx::SearchRequest req;
        if (which == 0) req.facets[0].include = {"Speaker 1"};
        if (which == 1) req.facets[1].include = {"Place 2"};
        if (which == 2) req.facets[2].include = {"Group 0"};
        if (which == 3) req.facets[2].exclude = {"Group 1"};
        if (which == 4) {
            req.facets[0].include = {"Speaker 2"};
            req.facets[1].include = {"Norland"};
            req.location_level = ndx::LocationLevel::Country;
        }
        if (which == 5) {
            req.query = "odd";
            req.from = ndx::parse_date("2023-01-02");
            req.facets[2].include = {"Group 1"};
        }
        return req;
    };
    for (int which = 0; which < 6; ++which) {
        CAPTURE(which);
        const ndx::SearchRequest req = request(which);
        const ndx::SearchResult a = ndx::run_search(with, req), b = ndx::run_search(without, req);
        CHECK(a.total > 0);
        for (const auto& f : a.facets) CHECK_FALSE(f.values.empty());
        CHECK(describe(a) == describe(b));
    }
    CHECK(ndx::run_search(with, request(0)).total == 20);
}

namespace {

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const fs::path& file, const std::string& b) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << b;
}

std::string describe(const std::optional<ndx::FacetValueInfo>& v) {
    if (!v) return "none";
    return std::to_string(static_cast<int>(v->facet)) + "|" + v->value + "|" + v->key + "|" +
           v->path + "|" + v->kind + "|" + std::to_string(v->depth) + "|" +
           std::to_string(v->shown_as);
}

// Every value of the entity columns of a table.
std::vector<ndx::FacetId> table_values(const ndx::FacetTable& t) {
    std::vector<ndx::FacetId> ids;
    for (ndx::Slot s :
         {ndx::Slot::Speakers, ndx::Slot::Locations, ndx::Slot::LocationTree, ndx::Slot::Groups}) {
        const auto& c = t.column(s);
        ids.insert(ids.end(), c.dict, c.dict + c.dict_size);
    }
    return ids;
}

}  // namespace

TEST_CASE("facet table: the values' records and the speaker merge, as the metadata has them") {
    TempDir tmp;
    const fs::path dir = tmp.path / "db";
    build(dir, 0, 30);
    // a merge of two speaker values, a value without record, one named only by the
    // gazetteer, and one whose record the fast reader leaves to nlohmann::json
    const std::string longer = ndx::entity_key("Mia Speaker 1");
    const ndx::FacetId nameless = ndx::facet_id(ndx::Facet::Group, "nameless");
    const ndx::FacetId gazetteer = ndx::facet_id(ndx::Facet::Location, "gazland");
    const ndx::FacetId escaped = ndx::facet_id(ndx::Facet::Group, "smile");
    {
        Xapian::WritableDatabase db(dir.string(), Xapian::DB_OPEN);
        Xapian::Document doc = make_doc(100);
        add_facet(doc, ndx::Facet::Speaker, ndx::Slot::Speakers, {longer});
        add_facet(doc, ndx::Facet::Group, ndx::Slot::Groups, {"nameless", "smile"});
        add_facet(doc, ndx::Facet::Location, ndx::Slot::LocationTree, {"gazland"});
        db.add_document(doc);
        db.set_metadata(
            ndx::kFacetValueMeta + ndx::to_hex(ndx::facet_id(ndx::Facet::Speaker, longer)),
            R"({"facet":"speaker","value":"Mia Speaker 1","key":")" + longer + "\"}");
        db.set_metadata(ndx::kGazetteerValueMeta + ndx::to_hex(gazetteer),
                        R"({"facet":"location","value":"Gazland","key":"gazland","path":"Gazland",)"
                        R"("kind":"country","depth":0})");
        db.set_metadata(ndx::kFacetValueMeta + ndx::to_hex(escaped),
                        R"({"facet":"group","value":"Smile \ud83d\ude00","key":"smile",)"
                        R"("forms":[{"a":1}],"depth":2})");
        db.commit();
        ndx::store_speaker_merge(db);
        ndx::write_facet_table(db, dir.string());
    }
    Xapian::Database db(dir.string());
    auto table = ndx::FacetTable::load(dir.string(), db);
    REQUIRE(table);
    const std::vector<ndx::FacetId> ids = table_values(*table);
    // 5 speakers, 3 places, Norland and Gazland, 4 groups (the places are in two columns)
    CHECK(table->records() == 5 + 3 + 2 + 4);
    ndx::FacetCatalog from_metadata(db);
    ndx::FacetCatalog from_table(db, {}, table);
    for (ndx::FacetId id : ids) {
        CAPTURE(ndx::to_hex(id));
        ndx::FacetValueInfo v;
        const auto known = table->value_record(id, v);
        CHECK(known != ndx::FacetTable::Record::Unknown);
        CHECK(describe(from_table.info(id)) == describe(from_metadata.info(id)));
    }
    ndx::FacetValueInfo v;
    CHECK(table->value_record(nameless, v) == ndx::FacetTable::Record::None);
    CHECK_FALSE(from_table.info(nameless));
    REQUIRE(table->value_record(gazetteer, v) == ndx::FacetTable::Record::Found);
    CHECK(v.value == "Gazland");
    CHECK(v.kind == "country");
    REQUIRE(table->value_record(escaped, v) == ndx::FacetTable::Record::Found);
    CHECK(v.value == "Smile \xf0\x9f\x98\x80");
    CHECK(v.depth == 2);
    CHECK(table->value_record(ndx::facet_id(ndx::Facet::Group, "absent"), v) ==
          ndx::FacetTable::Record::Unknown);
    // "speaker 1" merges into "mia speaker 1", shown by the name of the more frequent
    const ndx::FacetId short_id = ndx::facet_id(ndx::Facet::Speaker, speaker_key(1));
    const ndx::FacetId long_id = ndx::facet_id(ndx::Facet::Speaker, longer);
    CHECK(from_table.info(short_id)->shown_as == long_id);
    CHECK(from_table.info(long_id)->value == "Speaker 1");
    CHECK(from_table.info(long_id)->key == longer);
    CHECK(!table->speaker_merge_record().empty());
    CHECK(table->speaker_merge_record() == db.get_metadata(ndx::kSpeakerMergeMeta));
    CHECK(from_table.speaker_merge().merged() == 1);
    CHECK(from_table.speaker_merge().encode(1) == from_metadata.speaker_merge().encode(1));

    // Old tables (format 2, no records) are still read; the metadata names the values.
    const fs::path file = dir / ndx::kFacetTableFile;
    const std::string bytes = read_bytes(file);
    std::string old = bytes;
    old[8] = 2;
    write_bytes(file, old);
    auto old_table = ndx::FacetTable::load(dir.string(), db);
    REQUIRE(old_table);
    CHECK(old_table->records() == 0);
    CHECK(old_table->old_format());
    CHECK_FALSE(table->old_format());
    CHECK(old_table->speaker_merge_record().empty());
    CHECK(old_table->value_record(short_id, v) == ndx::FacetTable::Record::Unknown);
    ndx::FacetCatalog from_old(db, {}, old_table);
    for (ndx::FacetId id : ids)
        CHECK(describe(from_old.info(id)) == describe(from_metadata.info(id)));
    // A format to come is refused.
    old[8] = 4;
    write_bytes(file, old);
    CHECK_FALSE(ndx::FacetTable::load(dir.string(), db));

    // The records' section pointing outside the file: the table is refused.
    std::string bad = bytes;
    bad[328 + 8 + 6] = '\x7f';  // the ids' offset
    write_bytes(file, bad);
    CHECK_FALSE(ndx::FacetTable::load(dir.string(), db));
    bad = bytes;
    bad[328 + 48 + 5] = '\x7f';  // the merge's size
    write_bytes(file, bad);
    CHECK_FALSE(ndx::FacetTable::load(dir.string(), db));

    // A damaged entry is not believed: that value is named from the metadata.
    const std::string key = "Mia Speaker 1";
    const std::size_t at = bytes.find(key);
    REQUIRE(at != std::string::npos);
    bad = bytes;
    bad[at] = 'X';
    write_bytes(file, bad);
    auto damaged = ndx::FacetTable::load(dir.string(), db);
    REQUIRE(damaged);
    std::size_t unknown = 0;
    for (ndx::FacetId id : ids)
        if (damaged->value_record(id, v) == ndx::FacetTable::Record::Unknown) ++unknown;
    CHECK(unknown == 1);
    CHECK(damaged->value_record(long_id, v) == ndx::FacetTable::Record::Unknown);
    ndx::FacetCatalog from_damaged(db, {}, damaged);
    for (ndx::FacetId id : ids)
        CHECK(describe(from_damaged.info(id)) == describe(from_metadata.info(id)));
}
