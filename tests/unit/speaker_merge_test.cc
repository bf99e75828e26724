// One value per person across the archive (common/speaker_merge.h): which speaker values
// merge under a longer one, without a database; and the same rule inside one article.
#include "common/speaker_merge.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/facet_ids.h"
#include "extract/extract.h"
#include "extract/extract_internal.h"

namespace {

using Roots = std::map<std::string, std::string>;

Roots roots(const std::vector<std::string>& keys) {
    const auto r = ndx::speaker_roots(keys);
    return Roots(r.begin(), r.end());
}

ndx::FacetId id(const std::string& key) { return ndx::facet_id(ndx::Facet::Speaker, key); }

}  // namespace

TEST_CASE("a shortening by its last words merges under the one longest value") {
    CHECK(roots({"muhammad ishaq dar", "ishaq dar"}) == Roots{{"ishaq dar", "muhammad ishaq dar"}});
    // every shorter one goes to the longest, not to the next longer
    CHECK(roots({"mian muhammad ishaq dar", "muhammad ishaq dar", "ishaq dar"}) ==
          Roots{{"ishaq dar", "mian muhammad ishaq dar"},
                {"muhammad ishaq dar", "mian muhammad ishaq dar"}});
    // order and repetition do not matter
    CHECK(roots({"ishaq dar", "muhammad ishaq dar", "ishaq dar"}) ==
          roots({"muhammad ishaq dar", "ishaq dar"}));
}

TEST_CASE("a shortening two longest values end with stays alone") {
    CHECK(roots({"muhammad ishaq dar", "ahmed ishaq dar", "ishaq dar"}).empty());
    // the chain under one of them still merges
    CHECK(roots({"mian muhammad ishaq dar", "muhammad ishaq dar", "ahmed ishaq dar",
                 "ishaq dar"}) == Roots{{"muhammad ishaq dar", "mian muhammad ishaq dar"}});
}

TEST_CASE("one word, a first name or a shared surname never merges") {
    // a surname alone names many people across an archive
    CHECK(roots({"dar", "ishaq dar"}).empty());
    CHECK(roots({"sinner", "jannik sinner"}).empty());
    // a first name and the first words of a name are not its last words
    CHECK(roots({"shehbaz", "shehbaz sharif"}).empty());
    CHECK(roots({"shehbaz sharif", "shehbaz sharif khan"}).empty());
    // people sharing a surname
    CHECK(roots({"john smith", "jane smith", "mary smith"}).empty());
    // a longer value that ends with another word than the shorter one's
    CHECK(roots({"ishaq dar", "ishaq darr"}).empty());
    CHECK(roots({"ishaq dar", "muhammad ishaq dark"}).empty());
}

TEST_CASE("SpeakerMerge folds counts and lists a group from any of its values") {
    const ndx::SpeakerMerge m({"muhammad ishaq dar", "ishaq dar", "john smith"});
    CHECK(m.merged() == 1);
    CHECK(m.root(id("ishaq dar")) == id("muhammad ishaq dar"));
    CHECK(m.root(id("john smith")) == id("john smith"));
    const std::vector<ndx::FacetId> group{id("muhammad ishaq dar"), id("ishaq dar")};
    CHECK(m.group(id("ishaq dar")) == group);
    CHECK(m.group(id("muhammad ishaq dar")) == group);
    CHECK(m.group(id("john smith")) == std::vector<ndx::FacetId>{id("john smith")});
    const ndx::FacetCounts counts{
        {id("ishaq dar"), 3}, {id("john smith"), 2}, {id("muhammad ishaq dar"), 4}};
    const ndx::FacetCounts folded{{id("john smith"), 2}, {id("muhammad ishaq dar"), 7}};
    CHECK(m.fold(counts) == folded);
    std::unordered_map<ndx::FacetId, Xapian::doccount> map_counts(counts.begin(), counts.end());
    auto f = m.fold(map_counts);
    CHECK(f.size() == 2);
    CHECK(f[id("muhammad ishaq dar")] == 7);
    CHECK(ndx::SpeakerMerge({"ishaq dar", "ahmed ishaq dar", "muhammad ishaq dar"}).empty());
}

TEST_CASE("inside one article the same rule joins a shortening to its longest value") {
    std::vector<ndx::Entity> speakers(2);
    speakers[0].value = "Ishaq Dar";
    speakers[0].key = "ishaq dar";
    speakers[0].evidence.push_back({"Ishaq Dar said.", 0});
    speakers[1].value = "Muhammad Ishaq Dar";
    speakers[1].key = "muhammad ishaq dar";
    speakers[1].evidence.push_back({"Muhammad Ishaq Dar said.", 20});
    std::vector<ndx::Statement> statements(1);
    statements[0].speaker = "Ishaq Dar";
    statements[0].speaker_key = "ishaq dar";
    ndx::merge_shortened_speakers(speakers, statements);
    REQUIRE(speakers.size() == 1);
    CHECK(speakers[0].value == "Muhammad Ishaq Dar");
    CHECK(speakers[0].evidence.size() == 2);
    CHECK(statements[0].speaker == "Muhammad Ishaq Dar");
    CHECK(statements[0].speaker_key == "muhammad ishaq dar");
}

TEST_CASE("a group is shown by its most frequent value, the longest on a tie") {
    const std::vector<std::string> keys{"paul keating", "australian treasurer paul keating",
                                        "muhammad ishaq dar", "ishaq dar"};
    std::map<std::string, std::uint64_t> freq{{"paul keating", 25},
                                              {"australian treasurer paul keating", 1},
                                              {"muhammad ishaq dar", 4},
                                              {"ishaq dar", 4}};
    const ndx::SpeakerMerge m(keys, [&](const std::string& k) { return freq.at(k); });
    // counted under the longest, shown by the name most documents give
    const ndx::FacetId keating = m.root(id("paul keating"));
    CHECK(keating == id("australian treasurer paul keating"));
    CHECK(m.shown(keating) == id("paul keating"));
    CHECK(m.shown(id("muhammad ishaq dar")) == id("muhammad ishaq dar"));
    CHECK(m.shown(id("john smith")) == id("john smith"));
    // without frequencies, by the longest
    CHECK(ndx::SpeakerMerge(keys).shown(keating) == keating);
}

TEST_CASE("ndx-index records the merge for the revision it describes") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const char* key : {"muhammad ishaq dar", "ishaq dar", "ishaq dar", "john smith"}) {
        Xapian::Document d;
        d.add_boolean_term(std::string("XSP") + key);
        db.add_document(d);
    }
    db.commit();
    // the in-memory backend has no revisions: nothing is read back from it
    const ndx::SpeakerMerge m = ndx::speaker_merge_of(db);
    CHECK(m.root(id("ishaq dar")) == id("muhammad ishaq dar"));
    CHECK(m.shown(id("muhammad ishaq dar")) == id("ishaq dar"));  // two documents to one
    const std::string rec = m.encode(7);
    auto back = ndx::SpeakerMerge::decode(rec, 7);
    REQUIRE(back);
    CHECK(back->root(id("ishaq dar")) == id("muhammad ishaq dar"));
    CHECK(back->shown(id("muhammad ishaq dar")) == id("ishaq dar"));
    CHECK(back->group(id("ishaq dar")) == m.group(id("ishaq dar")));
    // a record of another revision, or a damaged one, is not used
    CHECK_FALSE(ndx::SpeakerMerge::decode(rec, 8));
    CHECK_FALSE(ndx::SpeakerMerge::decode(rec + "zz\n", 7));
    CHECK_FALSE(ndx::stored_speaker_merge(db));
}
