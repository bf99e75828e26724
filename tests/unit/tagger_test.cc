// The named-entity tagger: features, decoding, CoNLL reading, training and model files.
#include "extract/tagger.h"

#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/normalize.h"
#include "extract/extract.h"
#include "extract/extract_internal.h"

namespace {

const std::string kTiny = std::string(NDX_TEST_DATA) + "/conll/tiny.conll";

ndx::TagSentence sentence(const std::vector<std::string>& words) {
    static std::vector<std::vector<std::string>> keep;  // the views point into these
    keep.push_back(words);
    ndx::TagSentence s;
    for (const auto& w : keep.back()) s.words.emplace_back(w);
    s.flags.assign(words.size(), 0);
    ndx::prepare(s);
    return s;
}

const ndx::Gazetteer& gaz() {
    static const ndx::Gazetteer g = ndx::Gazetteer::load(ndx::GazetteerSources{});
    return g;
}

// A sentence with its gazetteer flags, as the extractor gives it to the tagger.
ndx::TagSentence flagged(const std::vector<std::string>& words) {
    ndx::TagSentence s = sentence(words);
    std::vector<std::string> keys;
    for (const auto& w : words) keys.push_back(ndx::entity_key(w));
    s.flags = ndx::gazetteer_flags(gaz(), keys, s.words);
    return s;
}

std::vector<std::vector<std::uint8_t>> no_flags(const std::vector<ndx::TrainSentence>& data) {
    std::vector<std::vector<std::uint8_t>> out;
    for (const auto& s : data) out.emplace_back(s.words.size(), 0);
    return out;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string temp_file(const std::string& name) {
    return (std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid())))
        .string();
}

std::string error_of(const std::string& path) {
    try {
        ndx::Tagger::load(path);
    } catch (const ndx::InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("tagger: tags, spans and lines in capitals") {
    CHECK(std::string(ndx::tag_name(0)) == "O");
    CHECK(ndx::tag_from_name("B-LOC") == 5);
    CHECK(ndx::tag_type(ndx::tag_from_name("I-ORG")) == ndx::NameType::Organisation);
    // an I- tag without its B- opens a name; B- after I- of the same type starts another
    auto spans = ndx::tag_spans({0, 2, 2, 0, 3, 4, 3, 6});
    REQUIRE(spans.size() == 4);
    CHECK((spans[0].a == 1 && spans[0].b == 3 && spans[0].type == ndx::NameType::Person));
    CHECK((spans[1].a == 4 && spans[1].b == 6));
    CHECK((spans[2].a == 6 && spans[2].b == 7));
    CHECK((spans[3].a == 7 && spans[3].b == 8 && spans[3].type == ndx::NameType::Place));

    CHECK(sentence({"LEICESTERSHIRE", "TAKE", "OVER", "AT", "TOP"}).capitals);
    CHECK(sentence({"Essex", "3", "SURREY", "2", "KENT", "1"}).capitals == false);
    CHECK(sentence({"SOCCER", "-", "LEEDS", "WIN", "."}).capitals);
    CHECK_FALSE(sentence({"The", "US", "and", "NATO", "said", "so"}).capitals);
}

TEST_CASE("tagger: features see form, shape, context and capitals") {
    std::vector<std::uint64_t> a, b, c, d;
    // "U.S." and "US" share their word features (full stops of abbreviations dropped)
    ndx::static_features(sentence({"the", "U.S.", "said"}), 1, a);
    ndx::static_features(sentence({"the", "US", "said"}), 1, b);
    std::size_t shared = 0;
    for (auto f : a) shared += std::count(b.begin(), b.end(), f) ? 1 : 0;
    CHECK(shared >= a.size() / 2);
    CHECK(a != b);  // but not their shapes
    // the same word in a line in capitals has other features than in running text
    ndx::static_features(sentence({"LEEDS", "BEAT", "HULL"}), 0, c);
    ndx::static_features(sentence({"LEEDS", "beat", "Hull"}), 0, d);
    CHECK(c != d);
    // deterministic
    std::vector<std::uint64_t> again;
    ndx::static_features(sentence({"the", "U.S.", "said"}), 1, again);
    CHECK(again == a);
    // history features depend on the tags before
    std::vector<std::uint64_t> h1, h2;
    auto s = sentence({"Ardent", "Bank"});
    ndx::history_features(s, 1, 3, h1);
    ndx::history_features(s, 1, 0, h2);
    CHECK(h1 != h2);
}

TEST_CASE("tagger: gazetteer flags mark the longest names") {
    const ndx::Gazetteer& g = gaz();
    std::vector<std::string> words = {"Troops", "left",     "North", "Waziristan",
                                      "for",    "Pakistan", "."};
    std::vector<std::string> keys;
    std::vector<std::string_view> views;
    for (const auto& w : words) {
        keys.push_back(ndx::entity_key(w));
        views.emplace_back(w);
    }
    auto f = ndx::gazetteer_flags(g, keys, views);
    CHECK((f[2] & ndx::kPlaceBegin));
    CHECK((f[3] & ndx::kPlaceInside));
    CHECK((f[5] & ndx::kPlaceBegin));
    CHECK((f[1] & ndx::kCommonWord));
    CHECK_FALSE((f[1] & (ndx::kPlaceBegin | ndx::kOrgBegin)));
}

TEST_CASE("tagger: CoNLL files are read as BIO, bad lines are named") {
    auto data = ndx::read_conll(kTiny);
    REQUIRE(data.size() == 8);
    // IOB1: "Marta Quillon" I-PER I-PER -> B-PER I-PER
    CHECK(data[0].tags[0] == ndx::tag_from_name("B-PER"));
    CHECK(data[0].tags[1] == ndx::tag_from_name("I-PER"));
    // "Ardent Veltrax" B-ORG B-ORG: two names
    CHECK(data[7].tags[0] == ndx::tag_from_name("B-ORG"));
    CHECK(data[7].tags[1] == ndx::tag_from_name("B-ORG"));

    const std::string bad = temp_file("ndx-bad.conll");
    std::ofstream(bad) << "Oslo X X I-LOC\nis X X O\nnice X X I-PLACE\n";
    try {
        ndx::read_conll(bad);
        FAIL("no error");
    } catch (const ndx::InputError& e) {
        CHECK(std::string(e.what()).find(bad + ":3: tag \"I-PLACE\"") != std::string::npos);
    }
    std::filesystem::remove(bad);
}

TEST_CASE("tagger: training is reproducible and the model learns its data") {
    auto data = ndx::read_conll(kTiny);
    ndx::TrainOptions opts;
    opts.iterations = 12;
    opts.seed = 7;
    auto w1 = ndx::train_tagger(data, no_flags(data), opts);
    auto w2 = ndx::train_tagger(data, no_flags(data), opts);
    CHECK(w1.keys == w2.keys);
    CHECK(w1.weights == w2.weights);
    const std::string m1 = temp_file("ndx-tiny1.model"), m2 = temp_file("ndx-tiny2.model");
    ndx::Tagger::save(m1, w1.keys, w1.weights);
    ndx::Tagger::save(m2, w2.keys, w2.weights);
    CHECK(slurp(m1) == slurp(m2));

    // another seed visits the sentences in another order: another model
    opts.seed = 8;
    auto w3 = ndx::train_tagger(data, no_flags(data), opts);
    CHECK(w3.weights != w1.weights);

    auto tagger = ndx::Tagger::load(m1);
    CHECK(tagger->features() > 0);
    for (std::size_t i = 0; i < data.size(); ++i) {
        ndx::TagSentence s;
        for (const auto& w : data[i].words) s.words.emplace_back(w);
        s.flags.assign(s.words.size(), 0);
        s.capitals = ndx::capitals_line(s.words);
        std::vector<float> margins;
        auto tags = tagger->tag(s, &margins);
        CHECK(tags == data[i].tags);
        CHECK(margins.size() == tags.size());
    }
    std::filesystem::remove(m1);
    std::filesystem::remove(m2);
}

TEST_CASE("tagger: decoding never continues a name of another type") {
    auto tagger = ndx::Tagger::load(ndx::Tagger::default_path());
    for (const auto& words : std::vector<std::vector<std::string>>{
             {"Shares", "of", "Goldman", "Sachs", "Group", "Inc", "fell", "in", "New", "York", "."},
             {"PRESTON", "2", "YORK", "3"},
             {"The", "USDA", "said", "corn", "exports", "rose", "to", "Japan", "."}}) {
        auto tags = tagger->tag(flagged(words));
        for (std::size_t i = 0; i < tags.size(); ++i) {
            if (tags[i] <= 0 || ndx::tag_begins(tags[i])) continue;
            REQUIRE(i > 0);
            CHECK(tags[i - 1] > 0);
            CHECK(ndx::tag_type(tags[i - 1]) == ndx::tag_type(tags[i]));
        }
    }
    auto tags = tagger->tag(
        flagged({"The", "USDA", "said", "corn", "exports", "rose", "to", "Japan", "."}));
    CHECK(tags[1] == ndx::tag_from_name("B-ORG"));
    CHECK(tags[7] == ndx::tag_from_name("B-LOC"));
    // a results line in capitals: clubs named after towns
    tags = tagger->tag(flagged({"PRESTON", "2", "YORK", "3"}));
    CHECK(ndx::tag_type(tags[0]) == ndx::NameType::Organisation);
    CHECK(ndx::tag_type(tags[2]) == ndx::NameType::Organisation);
}

namespace {

// Word scores that ignore the tag before, but for the given (before, tag) pairs.
ndx::WordScores flat(const std::vector<float>& emit) {
    ndx::WordScores w{};
    for (int p = 0; p <= ndx::kTagCount; ++p)
        for (int t = 0; t < ndx::kTagCount; ++t) w.after[p][t] = emit[static_cast<std::size_t>(t)];
    return w;
}

// The tags a greedy left-to-right decoder picks from the same scores.
std::vector<int> greedy(const std::vector<ndx::WordScores>& scores) {
    std::vector<int> out;
    int prev = -1;
    for (const auto& w : scores) {
        int best = -1;
        for (int t = 0; t < ndx::kTagCount; ++t)
            if (ndx::tag_allowed(prev, t) &&
                (best < 0 || w.after[prev + 1][t] > w.after[prev + 1][best]))
                best = t;
        out.push_back(best);
        prev = best;
    }
    return out;
}

}  // namespace

TEST_CASE("tagger: Viterbi picks the best legal sequence, which greedy decoding misses") {
    const int o = 0, b_per = ndx::tag_from_name("B-PER"), b_org = ndx::tag_from_name("B-ORG"),
              i_org = ndx::tag_from_name("I-ORG"), i_per = ndx::tag_from_name("I-PER");
    // "Goldman Sachs": the first word looks a little more like a person's first name, the
    // second strongly continues an organisation (which only B-ORG may open)
    std::vector<float> first(ndx::kTagCount, 0), second(ndx::kTagCount, 0);
    first[static_cast<std::size_t>(b_per)] = 5;
    first[static_cast<std::size_t>(b_org)] = 4;
    second[static_cast<std::size_t>(i_org)] = 10;
    second[static_cast<std::size_t>(i_per)] = 1;
    second[static_cast<std::size_t>(o)] = 2;
    std::vector<ndx::WordScores> scores = {flat(first), flat(second)};
    CHECK(greedy(scores) == std::vector<int>{b_per, o});
    std::vector<float> margins;
    auto tags = ndx::viterbi(scores, &margins);
    CHECK(tags == std::vector<int>{b_org, i_org});
    // margins: best sequence 14; the best one with another first tag is B-PER O (7), with
    // another second tag B-PER I-PER or B-PER O (7)
    REQUIRE(margins.size() == 2);
    CHECK(margins[0] == doctest::Approx(7));
    CHECK(margins[1] == doctest::Approx(7));

    // an I- tag never opens a sentence nor follows another type, however high its score
    std::vector<float> lone(ndx::kTagCount, 0);
    lone[static_cast<std::size_t>(i_org)] = 50;
    lone[static_cast<std::size_t>(b_per)] = 1;
    tags = ndx::viterbi({flat(lone)});
    CHECK(tags == std::vector<int>{b_per});
    tags = ndx::viterbi({flat(first), flat(lone)});
    for (std::size_t i = 0; i < tags.size(); ++i)
        CHECK(ndx::tag_allowed(i ? tags[i - 1] : -1, tags[i]));
    CHECK(tags == std::vector<int>{b_org, i_org});  // 4 + 50 beats 5 + 1

    // transition scores count: the same word scores, another tag before preferred
    ndx::WordScores w = flat(std::vector<float>(ndx::kTagCount, 0));
    w.after[b_per + 1][o] = 3;  // O after B-PER
    ndx::WordScores v = flat(std::vector<float>(ndx::kTagCount, 0));
    v.after[0][b_per] = 1;
    v.after[0][b_org] = 2;
    CHECK(ndx::viterbi({v, w}) == std::vector<int>{b_per, o});
    CHECK(ndx::viterbi({}).empty());
}

namespace {

// What Tagger::tag computes, by its definition: the weights of each word's
// static_features() and, for each tag before, its history_features(), summed one feature
// at a time, then viterbi().
std::vector<int> tag_by_definition(const ndx::Tagger& tagger, ndx::TagSentence s,
                                   std::vector<float>& margins) {
    ndx::prepare(s);
    std::vector<ndx::WordScores> scores(s.words.size());
    std::vector<std::uint64_t> feats, hist;
    auto add = [&](std::uint64_t f, float* row) {
        if (const std::int16_t* w = tagger.weights(f))
            for (int t = 0; t < ndx::kTagCount; ++t) row[t] += w[t];
    };
    for (std::size_t i = 0; i < s.words.size(); ++i) {
        feats.clear();
        ndx::static_features(s, i, feats);
        float emit[ndx::kTagCount] = {};
        for (std::uint64_t f : feats) add(f, emit);
        for (int p = i == 0 ? -1 : 0; p < (i == 0 ? 0 : ndx::kTagCount); ++p) {
            float* row = scores[i].after[p + 1];
            std::copy(emit, emit + ndx::kTagCount, row);
            hist.clear();
            ndx::history_features(s, i, p, hist);
            for (std::uint64_t f : hist) add(f, row);
        }
    }
    std::vector<int> tags = ndx::viterbi(scores, &margins);
    for (float& m : margins) m *= tagger.scale();
    return tags;
}

// Sentences as the extractor gives them to the tagger: the articles of tests/data, cut
// into sentences, with their gazetteer flags.
struct Sentences {
    std::vector<ndx::Analysis> texts;
    std::vector<ndx::TagSentence> all;
    std::vector<std::vector<std::string>> words;  // of made-up sentences (the views' text)
};

const Sentences& test_sentences() {
    static const Sentences out = [] {
        Sentences s;
        for (const auto& file :
             std::filesystem::directory_iterator(std::string(NDX_TEST_DATA) + "/articles")) {
            if (file.path().extension() != ".txt") continue;
            s.texts.push_back(ndx::analyse(ndx::fold_text(slurp(file.path().string()))));
        }
        // the same words again in capitals (a headline, a results table)
        s.texts.push_back(
            ndx::analyse("LEEDS 2 HULL 1\nSOCCER - PRESTON SIGN NORWICH STRIKER .\n"
                         "Kent beat ESSEX at Canterbury on Monday ."));
        for (const ndx::Analysis& an : s.texts)
            for (const ndx::Sentence& sent : an.sentences) {
                ndx::TagSentence t;
                std::vector<std::string> keys;
                for (std::size_t i = sent.first; i < sent.last; ++i) {
                    t.words.emplace_back(an.tokens[i].text);
                    keys.push_back(an.tokens[i].key);
                }
                t.flags = ndx::gazetteer_flags(gaz(), keys, t.words);
                t.capitals = ndx::capitals_line(t.words);
                s.all.push_back(std::move(t));
            }
        return s;
    }();
    return out;
}

}  // namespace

TEST_CASE("tagger: tag() gives the tags and margins of the features' definition, to the bit") {
    auto shipped = ndx::Tagger::load(ndx::Tagger::default_path());
    auto data = ndx::read_conll(kTiny);
    const std::string path = temp_file("ndx-tiny3.model");
    auto trained = ndx::train_tagger(data, no_flags(data), ndx::TrainOptions{});
    ndx::Tagger::save(path, trained.keys, trained.weights);
    auto tiny = ndx::Tagger::load(path);
    std::filesystem::remove(path);
    const Sentences& sentences = test_sentences();
    REQUIRE(sentences.all.size() > 200);
    std::size_t checked = 0;
    // each sentence twice (the second time from the words the tagger keeps), by two
    // models in turn (which keep their own words)
    for (int pass = 0; pass < 2; ++pass)
        for (const ndx::TagSentence& s : sentences.all)
            for (const ndx::Tagger* tagger : {shipped.get(), tiny.get()}) {
                std::vector<float> margins, expected_margins;
                const std::vector<int> tags = tagger->tag(s, &margins);
                const std::vector<int> expected = tag_by_definition(*tagger, s, expected_margins);
                CHECK(tags == expected);
                CHECK(margins == expected_margins);
                checked += tags == expected && margins == expected_margins ? 1 : 0;
            }
    CHECK(checked == 4 * sentences.all.size());
    // more words than a thread keeps: the kept words are let go and made again
    std::vector<std::string> words;
    for (int i = 0; i < 40000; ++i) words.push_back((i % 3 ? "Word" : "w") + std::to_string(i));
    for (std::size_t at = 0; at < words.size(); at += 25) {
        ndx::TagSentence s;
        for (std::size_t i = at; i < at + 25; ++i) s.words.emplace_back(words[i]);
        s.flags.assign(s.words.size(), static_cast<std::uint8_t>(at % 64));
        s.capitals = ndx::capitals_line(s.words);
        std::vector<float> margins, expected_margins;
        const std::vector<int> tags = shipped->tag(s, &margins);
        REQUIRE(tags == tag_by_definition(*shipped, s, expected_margins));
        REQUIRE(margins == expected_margins);
    }
}

TEST_CASE("tagger: a loaded model finds each feature it holds, and no other") {
    // features whose hashes, mixed as the model's table mixes them (times an odd constant),
    // differ in their low bits alone: they share their home slot and the 16 bits the table
    // keeps apart from the slots, so that only the whole hash tells them apart
    constexpr std::uint64_t kMix = 0x9E3779B97F4A7C15ULL;
    std::uint64_t inverse = kMix;
    for (int i = 0; i < 6; ++i) inverse *= 2 - kMix * inverse;
    REQUIRE(inverse * kMix == 1);
    std::vector<std::uint64_t> keys, absent;
    for (std::uint64_t group = 0; group < 3; ++group)
        for (std::uint64_t j = 1; j <= 40; ++j) {
            const std::uint64_t mixed = (std::uint64_t{0x5A5A5} << 40) + (group << 20) + j;
            (j % 4 == 0 ? absent : keys).push_back(mixed * inverse);
        }
    // and hashes spread as the features' are
    std::mt19937_64 random(7);
    for (int i = 0; i < 3000; ++i) keys.push_back(random() | 1);
    for (int i = 0; i < 3000; ++i) absent.push_back(random() | 1);
    auto weight = [](std::size_t r, int t) {
        return r == 0 && t == 0 ? 32767
                                : static_cast<int>((r * 37 + std::size_t(t) * 11) % 20001) - 10000;
    };
    std::vector<float> weights;
    for (std::size_t r = 0; r < keys.size(); ++r)
        for (int t = 0; t < ndx::kTagCount; ++t)
            weights.push_back(static_cast<float>(weight(r, t)));
    const std::string path = temp_file("ndx-table.model");
    ndx::Tagger::save(path, keys, weights);
    auto tagger = ndx::Tagger::load(path);
    std::filesystem::remove(path);
    CHECK(tagger->features() == keys.size());
    std::size_t found = 0;
    for (std::size_t r = 0; r < keys.size(); ++r) {
        const std::int16_t* w = tagger->weights(keys[r]);
        REQUIRE(w != nullptr);
        bool same = true;
        for (int t = 0; t < ndx::kTagCount; ++t) same &= w[t] == weight(r, t);
        found += same ? 1 : 0;
    }
    CHECK(found == keys.size());
    std::size_t missing = 0;
    for (std::uint64_t key : absent) missing += tagger->weights(key) == nullptr ? 1 : 0;
    CHECK(missing == absent.size());
}

TEST_CASE("tagger: bad model files are refused with the file's name") {
    const std::string path = temp_file("ndx-bad.model");
    CHECK(error_of(path + ".missing").find(path + ".missing: cannot read") != std::string::npos);
    std::ofstream(path) << "hello\n";
    CHECK(error_of(path).find(path + ": not a usable ndx tagger model: the first line") !=
          std::string::npos);
    // a good header with its weights cut short
    std::string good = slurp(ndx::Tagger::default_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << good.substr(0, good.size() - 5);
    CHECK(error_of(path).find("weight records") != std::string::npos);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << "ndx-tagger-model 1\nfeatures 999\n";
    CHECK(error_of(path).find("retrain") != std::string::npos);
    std::filesystem::remove(path);
}

TEST_CASE("tagger: its names join the facets with their source") {
    const ndx::Gazetteer& g = gaz();
    static const ndx::Extractor x(g, ndx::Tagger::load(ndx::Tagger::default_path()));
    ndx::Article a;
    a.body =
        "The USDA said corn exports rose to Japan. Officials at the Volkswagen plant in "
        "Wolfsburg said output fell. Shares of Goldman Sachs Group Inc rose after Goldman "
        "Sachs raised its forecast.";
    auto f = x.extract(a);
    auto find = [](const std::vector<ndx::Entity>& es, const std::string& v) -> const ndx::Entity* {
        for (const auto& e : es)
            if (e.value == v) return &e;
        return nullptr;
    };
    for (const char* name : {"USDA", "Volkswagen"}) {
        const ndx::Entity* h = find(f.groups, name);
        REQUIRE(h);
        CHECK(h->found_by == std::vector<std::string>{"tagger"});
    }
    // one value per organisation, by its fullest form
    const ndx::Entity* gs = find(f.groups, "Goldman Sachs Group Inc");
    REQUIRE(gs);
    CHECK_FALSE(find(f.groups, "Goldman Sachs"));
    const ndx::Entity* w = find(f.locations, "Wolfsburg");
    REQUIRE(w);
    CHECK(w->path.front() == "Germany");
    CHECK(std::find(w->found_by.begin(), w->found_by.end(), "gazetteer") != w->found_by.end());
    // without a tagger, only the gazetteers and the forms of names
    static const ndx::Extractor plain(g);
    auto p = plain.extract(a);
    CHECK_FALSE(find(p.groups, "USDA"));
    CHECK(find(p.groups, "Goldman Sachs Group Inc"));
}

TEST_CASE("extract: credit lines, names after places, places from context cues") {
    static const ndx::Extractor x(gaz(), ndx::Tagger::load(ndx::Tagger::default_path()));
    auto paths = [](const ndx::Facets& f) {
        std::vector<std::string> out;
        for (const auto& e : f.locations) {
            std::string p;
            for (const auto& n : e.path) p += (p.empty() ? "" : "/") + n;
            out.push_back(p);
        }
        return out;
    };
    auto has = [](const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    ndx::Article a;
    a.body =
        "Police in Rawalpindi said the bus overturned on Murree Road near Chak Jalal village in "
        "Rawalpindi district.\n\nPublished in Dawn, May 2nd, 2024";
    auto f = x.extract(a);
    CHECK(f.source == "Dawn");
    CHECK(f.groups.empty());  // the publication is no group
    auto p = paths(f);
    CHECK(has(p, "Pakistan/Punjab/Rawalpindi"));
    CHECK(has(p, "Pakistan/Punjab/Rawalpindi/Chak Jalal"));  // under the district named
    CHECK_FALSE(has(p, "Pakistan/Punjab/Murree"));           // a road named after it

    a.body = "Residents of Saadi Town said the water had not drained.\n\ncourtesy: arab news";
    f = x.extract(a);
    CHECK(f.source == "Arab News");
    REQUIRE(f.locations.size() == 1);
    CHECK(f.locations[0].value == "Saadi Town");
    CHECK(f.locations[0].kind == "town");  // no district or city named: kept, unplaced
    CHECK(f.locations[0].path.size() == 1);

    a.body =
        "Diplomats met in Geneva before the Geneva Convention anniversary. The Premier League "
        "fined the club after the Counterterrorism Dialogue week.";
    f = x.extract(a);
    for (const auto& g : f.groups) CHECK(g.value != "Premier League");
    CHECK(std::count_if(f.locations.begin(), f.locations.end(),
                        [](const ndx::Entity& e) { return e.value == "Geneva"; }) == 1);
}

TEST_CASE("extract: the words around a name decide whether it is a place") {
    static const ndx::Extractor x(gaz(), ndx::Tagger::load(ndx::Tagger::default_path()));
    auto values = [](const std::vector<ndx::Entity>& list) {
        std::vector<std::string> out;
        for (const auto& e : list) out.push_back(e.value);
        return out;
    };
    auto has = [](const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    // a headline given apart from the body is read too; one made from the body is not
    ndx::Article a;
    a.title = "Floods cut rail links across Bolivia";
    a.body = "Heavy rain washed away tracks near the mining town on Monday, officials said.";
    auto f = x.extract(a);
    REQUIRE(has(values(f.locations), "Bolivia"));
    CHECK(f.locations[0].evidence[0].text.rfind("title: ", 0) == 0);
    a.title_derived = true;
    CHECK_FALSE(has(values(x.extract(a).locations), "Bolivia"));

    ndx::Article b;
    // a small place that speaks is a company named after it; a capital speaking is its place
    b.body =
        "Rio Tinto said on Tuesday it would cut 500 jobs at its smelters. Moscow said it would "
        "respond to the new sanctions.";
    f = x.extract(b);
    CHECK_FALSE(has(values(f.locations), "Rio Tinto"));
    CHECK(has(values(f.locations), "Moscow"));

    // the surname of a person named in full, the short name of a company
    b.body =
        "Captain Mike Atherton made 80 before lunch. Atherton was caught at slip after the "
        "break. Albemarle Corp raised its forecast, and shares in Albemarle rose 3 percent in "
        "New York.";
    f = x.extract(b);
    CHECK_FALSE(has(values(f.locations), "Atherton"));
    CHECK_FALSE(has(values(f.locations), "Albemarle"));
    CHECK(has(values(f.locations), "New York"));

    // an apposition and a place joined by "and" make a name a place, not a group
    b.body =
        "The road linking Zarghun Kalay, the district headquarters, with the border was closed "
        "on Friday. Residents of Baldia Town and Mauripur Kalan were without water.";
    f = x.extract(b);
    CHECK(has(values(f.locations), "Zarghun Kalay"));
    CHECK_FALSE(has(values(f.groups), "Zarghun Kalay"));
    // (read as a person by the tagger, "Mauripur Kalan" stays unread: a person joined to a
    // place by "and" may be one, "talks between Pakistan and Imran Khan")
    CHECK(has(values(f.locations), "Baldia Town"));
    CHECK_FALSE(has(values(f.groups), "Mauripur Kalan"));
    CHECK_FALSE(has(values(f.speakers), "Zarghun Kalay"));

    // a name the tagger reads as a place without being sure is one "in X near/outside" a
    // known place, kept unplaced (without the rule only Munich and Warsaw are found here)
    b.body =
        "Rescue teams reached families stranded in Dorfhausen near Munich, officials said. A "
        "second team worked in Pelkowice outside Warsaw, where a school became a shelter.";
    f = x.extract(b);
    CHECK(has(values(f.locations), "Pelkowice"));
    CHECK(has(values(f.locations), "Warsaw"));

    // sides named after their towns or states: in a line of results, and before a player's
    // position and a name; a country's or a province's side stays the place (without the
    // rules, Colorado, Minnesota, Quebec, Leicester and Sialkot are places here)
    b.body =
        "National Hockey League results on Saturday:\nColorado 4 Dallas 2\nMinnesota 3 "
        "Vancouver 3\nQuebec 1 Ottawa 5\nNorway 2 Finland 1\n";
    f = x.extract(b);
    for (const char* side : {"Colorado", "Minnesota", "Quebec", "Québec", "Dallas", "Ottawa"}) {
        CAPTURE(side);
        CHECK_FALSE(has(values(f.locations), side));
    }
    CHECK(has(values(f.groups), "Colorado"));
    CHECK(has(values(f.groups), "Minnesota"));
    CHECK(has(values(f.locations), "Norway"));
    CHECK(has(values(f.locations), "Finland"));
    b.body =
        "Leicester coach Martin O'Neill said his side would appeal. Sialkot opener Imam ul Haq "
        "made 80. Pakistan captain Babar Azam praised the crowd in Lahore, and Queensland "
        "captain Stuart Law won the toss in Brisbane.";
    f = x.extract(b);
    CHECK(has(values(f.groups), "Leicester"));
    CHECK(has(values(f.groups), "Sialkot"));
    CHECK_FALSE(has(values(f.locations), "Leicester"));
    CHECK_FALSE(has(values(f.locations), "Sialkot"));
    for (const char* place : {"Pakistan", "Lahore", "Queensland", "Brisbane"}) {
        CAPTURE(place);
        CHECK(has(values(f.locations), place));
    }

    // a name read as a person's without the tagger being sure, then a comma and its
    // country, is a place (without the rule Ballater is no place here)
    b.body =
        "The inquiry into the bombing of a TWA jet over Ballater, Scotland, reopened on "
        "Monday.";
    f = x.extract(b);
    CHECK(has(values(f.locations), "Ballater"));
    CHECK(has(values(f.locations), "Scotland"));
    CHECK(f.speakers.empty());

    // a small or unknown place that speaks, or that shares are in, is a company, in every
    // mention; a large city that speaks stays the city (without the rule Kalgoorlie is no
    // group here)
    b.body =
        "Mitsui, which holds a stake in Kalgoorlie, declined to comment. Kalgoorlie shares were "
        "steady in Perth, and Perth said the port would reopen.";
    f = x.extract(b);
    CHECK(has(values(f.groups), "Kalgoorlie"));
    CHECK_FALSE(has(values(f.locations), "Kalgoorlie"));
    CHECK(has(values(f.locations), "Perth"));

    // the first word of a company's name the article gives with its legal form is the
    // company when it stands alone, unless a large city (without the rule Tamworth is a
    // place here)
    b.body =
        "The seat maker agreed to be acquired by Tamworth Industries Inc for $31 a share. "
        "Tamworth was up 1/8 to 48-1/4 in New York trading.";
    f = x.extract(b);
    CHECK_FALSE(has(values(f.locations), "Tamworth"));
    CHECK(has(values(f.locations), "New York"));
    CHECK(has(values(f.groups), "Tamworth Industries Inc"));

    // a group named after a person keeps the word that says it is one; a nationality's
    // group is no group (without the rule neither group is found here)
    b.body =
        "Fighters loyal to the Mangal Bagh group attacked a checkpost in Bara on Monday, while "
        "a rival Wali Rehman faction denied any role. The European group said it would vote "
        "against the plan.";
    f = x.extract(b);
    CHECK(has(values(f.groups), "Mangal Bagh group"));
    CHECK(has(values(f.groups), "Wali Rehman faction"));
    CHECK_FALSE(has(values(f.groups), "European group"));

    // a place's name and a plural noun name a side or a company, though the tagger is
    // unsure of it (without the rule Karachi and Texas are places here, and no group)
    b.body =
        "The franchise said Karachi Kings had released two overseas players. Shares in Texas "
        "Instruments fell after the chipmaker cut its forecast.";
    f = x.extract(b);
    CHECK(has(values(f.groups), "Karachi Kings"));
    CHECK(has(values(f.groups), "Texas Instruments"));
    CHECK_FALSE(has(values(f.locations), "Karachi"));
    CHECK_FALSE(has(values(f.locations), "Texas"));
}

TEST_CASE("extract: credit lines that are not credits") {
    std::size_t cut = 0;
    CHECK(ndx::credit_line("Some text.\n\n----", cut).empty());
    CHECK(ndx::credit_line("Some text.\n\n-- ", cut).empty());
    CHECK(ndx::credit_line("Published in Dawn", cut).empty());  // the whole text
    CHECK(ndx::credit_line("Text.\n\nPublished in the journal Nature last year, the study found "
                           "that rates of infection had fallen in every province of the country",
                           cut)
              .empty());
    CHECK(ndx::credit_line("Text.\n\nPublished in The Express Tribune, March 3rd, 2024", cut) ==
          "The Express Tribune");
    CHECK(ndx::credit_line("Text.\n\n-- Reuters", cut) == "Reuters");
    CHECK(cut == 7);
}
