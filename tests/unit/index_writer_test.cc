// Unit tests for common/index_writer: the facet value and alias records it keeps in the
// database metadata.
#include "common/index_writer.h"

#include <stdlib.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "common/document.h"
#include "common/facet_ids.h"
#include "common/metadata.h"
#include "common/normalize.h"
#include "common/schema.h"
#include "common/spelling.h"
#include "tests/unit/temp_dir.h"

namespace fs = std::filesystem;

namespace {

using ndx::test::TempDir;

ndx::Entity group(const std::string& value, const std::string& alias) {
    ndx::Entity e;
    e.value = value;
    e.key = ndx::entity_key(value);
    e.aliases = {alias};
    e.evidence.push_back({value + " met.", 0});
    return e;
}

void add(ndx::IndexWriter& w, const std::string& id, const ndx::Entity& g) {
    ndx::Article a;
    a.id = id;
    a.title = "Article " + id;
    a.body = g.value + " met.";
    ndx::Facets f;
    f.groups.push_back(g);
    ndx::DocumentBuilder builder(ndx::Stemming::All);
    w.add(a, f, builder.build(a, f, ""));
}

std::string hex_id(const ndx::Entity& g) {
    return ndx::to_hex(ndx::facet_id(ndx::Facet::Group, g.key));
}

}  // namespace

TEST_CASE(
    "index writer: an alias given to two values in one batch names both, written with "
    "the commit or when the writer closes") {
    const ndx::Entity first = group("Northern Harbour Union", "NHU");
    const ndx::Entity second = group("National Hill Union", "NHU");
    const std::string alias = ndx::facet_alias_key("group", ndx::entity_key("NHU"));
    for (bool commit : {true, false}) {
        CAPTURE(commit);
        TempDir dir;
        const std::string db = (dir.path / "db").string();
        {
            ndx::IndexWriter w(db);
            add(w, "a1", first);
            add(w, "a2", second);
            add(w, "a3", first);  // (nothing new)
            if (commit) w.commit(true);
        }
        Xapian::Database read(db);
        CHECK(read.get_doccount() == 3);
        const std::string ids = read.get_metadata(alias);
        // the ids in the order they came, as one writer always wrote them
        CHECK(ids == hex_id(first) + " " + hex_id(second));
        const std::string value = read.get_metadata(ndx::kFacetValueMeta + hex_id(second));
        CHECK(value.find("National Hill Union") != std::string::npos);
    }
}

TEST_CASE("index writer: a value's records set before a commit are found by the next batch") {
    TempDir dir;
    const std::string db = (dir.path / "db").string();
    const ndx::Entity g = group("Northern Harbour Union", "NHU");
    const ndx::Entity other = group("National Hill Union", "NHU");
    {
        ndx::IndexWriter w(db);
        add(w, "a1", g);
        w.commit();
        add(w, "a2", other);  // appended to the list the commit wrote
        w.commit(true);
    }
    Xapian::Database read(db);
    CHECK(read.get_metadata(ndx::facet_alias_key("group", ndx::entity_key("NHU"))) ==
          hex_id(g) + " " + hex_id(other));
}

namespace {

ndx::Entity place(const std::string& written, const std::string& alias) {
    ndx::Entity e;
    e.value = written;
    e.key = "testland/" + ndx::entity_key(written);
    e.path = {"Testland", written};
    e.path_keys = {"testland", e.key};
    e.path_kinds = {"country", "city"};
    e.aliases = {alias};
    e.evidence.push_back({"In " + written + ".", 0});
    return e;
}

// Every metadata key and value but the last run's summary.
std::string all_metadata(const std::string& db) {
    Xapian::Database read(db);
    std::string out;
    for (auto k = read.metadata_keys_begin(); k != read.metadata_keys_end(); ++k)
        if (*k != "ndx:lastrun") out += *k + "=" + read.get_metadata(*k) + "\n";
    return out;
}

}  // namespace

TEST_CASE(
    "index writer: a writer that forgets the records it wrote at every commit writes the "
    "same records") {
    // the same values again in later batches, in other written forms and with aliases
    // shared between values: what a writer looks up once it has forgotten (an archive
    // whose names outgrow kMaxKnownValues) must come out as what it remembered
    const std::vector<std::pair<ndx::Entity, ndx::Entity>> batches = {
        {group("Northern Harbour Union", "NHU"), place("Eastport", "East Port")},
        {group("National Hill Union", "NHU"), place("EASTPORT", "Eastport")},
        {group("NORTHERN HARBOUR UNION", "NHU"), place("Westport", "West Port")},
        {group("Northern Harbour Union", "Harbour Union"), place("Eastport", "E. Port")},
    };
    std::string remembered, forgotten;
    for (std::size_t limit : {ndx::IndexWriter::kMaxKnownValues, std::size_t{0}}) {
        CAPTURE(limit);
        TempDir dir;
        const std::string db = (dir.path / "db").string();
        {
            ndx::IndexWriter w(db);
            w.set_known_values_limit(limit);
            std::size_t n = 0;
            for (const auto& [g, p] : batches) {
                const std::string id = "a" + std::to_string(++n);
                ndx::Article a;
                a.id = id;
                a.title = "Article " + id;
                a.body = g.value + " met in " + p.value + ".";
                ndx::Facets f;
                f.groups.push_back(g);
                f.locations.push_back(p);
                ndx::DocumentBuilder builder(ndx::Stemming::All);
                w.add(a, f, builder.build(a, f, ""));
                w.commit(n == batches.size());
            }
        }
        (limit ? remembered : forgotten) = all_metadata(db);
    }
    CHECK(remembered.find("NORTHERN HARBOUR UNION") != std::string::npos);  // a form merged
    CHECK(remembered.find(ndx::entity_key("Harbour Union")) != std::string::npos);
    CHECK(forgotten == remembered);
}

TEST_CASE("spelling: a large batch is written in chunks, each committed, to the same table") {
    ndx::SpellingCounter counter;
    std::string text;
    const std::size_t words = ndx::kSpellingChunk + ndx::kSpellingChunk / 4;
    for (std::size_t i = 0; i < words; ++i) {
        std::string w = "wq";
        for (std::size_t n = i; w.size() < 6; n /= 26) w += static_cast<char>('a' + n % 26);
        text += w + " " + w + " ";  // twice: kept
    }
    counter.add_text(text);
    REQUIRE(counter.words() == words);
    auto spellings = [](const Xapian::Database& db) {
        std::string out;
        for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s)
            out += *s + ":" + std::to_string(s.get_termfreq()) + " ";
        return out;
    };
    TempDir dir;
    Xapian::WritableDatabase whole((dir.path / "whole").string(), Xapian::DB_CREATE);
    Xapian::WritableDatabase chunked((dir.path / "chunked").string(), Xapian::DB_CREATE);
    std::size_t commits = 0;
    ndx::SpellingCounter again = counter;
    counter.flush(whole);
    whole.commit();
    again.flush(chunked, [&] {
        chunked.commit();
        ++commits;
    });
    CHECK(commits == 1);
    // the first chunk was committed before the rest was added
    const Xapian::Database committed((dir.path / "chunked").string());
    std::size_t seen = 0;
    for (auto w = committed.spellings_begin(); w != committed.spellings_end(); ++w) ++seen;
    CHECK(seen == ndx::kSpellingChunk);
    chunked.commit();
    CHECK(again.words() == 0);
    CHECK(spellings(chunked) == spellings(whole));
    CHECK(spellings(whole).size() > words * 8);
}
