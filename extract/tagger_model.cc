// The tagger's model file: a text header and the quantised weights (see tagger.h).
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/error.h"
#include "extract/gazetteer.h"
#include "extract/tagger.h"

namespace ndx {

namespace {

// The version of the feature set of tagger.cc: a model trained with other features is
// refused.
constexpr int kFeatureVersion = 4;
constexpr const char* kMagic = "ndx-tagger-model 1";

}  // namespace

namespace {

void put_u64(std::string& out, std::uint64_t v) {
    for (int b = 0; b < 8; ++b) out += static_cast<char>((v >> (8 * b)) & 0xff);
}
std::uint64_t get_u64(const unsigned char* p) {
    std::uint64_t v = 0;
    for (int b = 7; b >= 0; --b) v = v << 8 | p[b];
    return v;
}

}  // namespace

void Tagger::save(const std::string& path, const std::vector<std::uint64_t>& keys,
                  const std::vector<float>& weights) {
    float max = 0;
    for (float w : weights) max = std::max(max, std::fabs(w));
    const float scale = max > 0 ? max / 32767.0f : 1.0f;
    std::string body;
    std::size_t count = 0;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        std::array<std::int16_t, kTagCount> q{};
        bool any = false;
        for (int t = 0; t < kTagCount; ++t) {
            q[static_cast<std::size_t>(t)] = static_cast<std::int16_t>(
                std::lround(weights[k * kTagCount + static_cast<std::size_t>(t)] / scale));
            any |= q[static_cast<std::size_t>(t)] != 0;
        }
        if (!any) continue;
        put_u64(body, keys[k]);
        for (std::int16_t v : q) {
            auto u = static_cast<std::uint16_t>(v);
            body += static_cast<char>(u & 0xff);
            body += static_cast<char>(u >> 8);
        }
        ++count;
    }
    std::ostringstream head;
    char scale_text[32];
    std::snprintf(scale_text, sizeof scale_text, "%.9g", static_cast<double>(scale));
    head << kMagic << "\nfeatures " << kFeatureVersion << "\ntags";
    for (int t = 0; t < kTagCount; ++t) head << ' ' << tag_name(t);
    head << "\nscale " << scale_text << "\ncount " << count << "\n";
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << head.str() << body;
    out.flush();
    if (!out) throw InputError(path + ": cannot write the model");
}

std::shared_ptr<const Tagger> Tagger::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path + ": cannot read the tagger model (" + std::strerror(errno) + ")");
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto fail = [&](const std::string& why) {
        return InputError(path + ": not a usable ndx tagger model: " + why);
    };
    std::size_t pos = 0;
    auto line = [&](int n) {
        std::size_t nl = data.find('\n', pos);
        if (nl == std::string::npos || nl - pos > 200)
            throw fail("header line " + std::to_string(n) + " missing or too long");
        std::string l = data.substr(pos, nl - pos);
        pos = nl + 1;
        return l;
    };
    if (line(1) != kMagic) throw fail(std::string("the first line is not \"") + kMagic + "\"");
    std::string features = line(2);
    if (features != "features " + std::to_string(kFeatureVersion))
        throw fail("line 2 is \"" + features + "\", this ndx reads \"features " +
                   std::to_string(kFeatureVersion) +
                   "\" (retrain the model with ndx-train-tagger)");
    std::string tags = "tags";
    for (int t = 0; t < kTagCount; ++t) tags += std::string(" ") + tag_name(t);
    if (line(3) != tags) throw fail("line 3 is not \"" + tags + "\"");
    std::string scale = line(4), count = line(5);
    auto tp = std::make_shared<Tagger>();
    char* end = nullptr;
    if (scale.rfind("scale ", 0) != 0) throw fail("line 4 is not \"scale NUMBER\"");
    tp->scale_ = std::strtof(scale.c_str() + 6, &end);
    if (*end || !(tp->scale_ > 0)) throw fail("line 4 is not \"scale NUMBER\"");
    if (count.rfind("count ", 0) != 0) throw fail("line 5 is not \"count NUMBER\"");
    unsigned long long n = std::strtoull(count.c_str() + 6, &end, 10);
    if (*end || count.size() == 6) throw fail("line 5 is not \"count NUMBER\"");
    constexpr std::size_t kRecord = 8 + 2 * kTagCount;
    if (n > (data.size() - pos) / kRecord || data.size() - pos != n * kRecord)
        throw fail("expected " + std::to_string(n) + " weight records (" +
                   std::to_string(n * kRecord) + " bytes) after the header, found " +
                   std::to_string(data.size() - pos) + " bytes");
    std::size_t cap = 1;
    while (cap * 2 < n * 3) cap <<= 1;  // at most two thirds full
    tp->marks_.assign(cap, 0);
    tp->slots_.assign(cap, Slot{});
    tp->count_ = n;
    const auto* p = reinterpret_cast<const unsigned char*>(data.data() + pos);
    for (std::size_t r = 0; r < n; ++r, p += kRecord) {
        std::uint64_t key = get_u64(p);
        if (key == 0) throw fail("record " + std::to_string(r + 1) + " has key 0");
        std::size_t slot = tp->home(key);
        while (tp->slots_[slot].key != 0 && tp->slots_[slot].key != key)
            slot = (slot + 1) & (cap - 1);
        if (tp->slots_[slot].key == key)
            throw fail("record " + std::to_string(r + 1) + " repeats a key");
        tp->marks_[slot] = mark(key);
        tp->slots_[slot].key = key;
        for (std::size_t t = 0; t < kTagCount; ++t)
            tp->slots_[slot].w[t] = static_cast<std::int16_t>(
                static_cast<std::uint16_t>(p[8 + 2 * t] | p[9 + 2 * t] << 8));
    }
    tp->cache_transitions();
    tp->serial_ = new_serial();
    return tp;
}

std::string Tagger::default_path(const std::string& data_dir) {
    return (std::filesystem::path(find_data_dir(data_dir)) / "ner-conll2003.model").string();
}

}  // namespace ndx
