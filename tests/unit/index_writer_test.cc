// Unit tests for common/index_writer: the facet value and alias records it keeps in the
// database metadata.
#include "common/index_writer.h"

#include <stdlib.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "common/document.h"
#include "common/facet_ids.h"
#include "common/metadata.h"
#include "common/normalize.h"
#include "common/schema.h"
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
