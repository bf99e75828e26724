// Display names of facet values: see facet_names.h.
#include "common/facet_names.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <tuple>

namespace ndx {
namespace {

struct Score {
    std::size_t caps_words = 0;  // words of two letters or more, all capitals
    std::size_t accented = 0;    // non-ASCII characters (lead bytes)
    std::size_t inner_caps = 0;  // capitals not opening a space-separated word
};

Score score(const std::string& s) {
    Score sc;
    std::size_t letters = 0, upper = 0;
    bool word_start = true;
    auto end_word = [&] {
        if (letters >= 2 && upper == letters) ++sc.caps_words;
        letters = upper = 0;
    };
    for (unsigned char c : s) {
        if (c == ' ') {
            end_word();
            word_start = true;
            continue;
        }
        if (c >= 0x80) {
            if ((c & 0xC0) != 0x80) ++sc.accented;
            word_start = false;
            continue;
        }
        bool up = c >= 'A' && c <= 'Z', low = c >= 'a' && c <= 'z';
        if (up || low) ++letters;
        if (up) {
            ++upper;
            if (!word_start) ++sc.inner_caps;
        }
        word_start = false;
    }
    end_word();
    return sc;
}

}  // namespace

std::string preferred_form(const std::vector<std::string>& forms) {
    const std::string* best = nullptr;
    Score bs;
    for (const std::string& f : forms) {
        if (f.empty()) continue;
        Score sc = score(f);
        if (best) {
            auto key = [](const Score& x, const std::string& s) {
                return std::make_tuple(x.caps_words,
                                       static_cast<long>(-static_cast<long>(x.accented)),
                                       x.inner_caps, std::cref(s));
            };
            if (!(key(sc, f) < key(bs, *best))) continue;
        }
        best = &f;
        bs = sc;
    }
    return best ? *best : std::string();
}

std::string merge_value_records(const std::vector<std::string>& records) {
    nlohmann::json out;
    std::set<std::string> forms;
    for (const std::string& r : records) {
        auto j = nlohmann::json::parse(r, nullptr, false);
        if (!j.is_object()) continue;
        if (out.is_null()) out = j;
        if (j.contains("forms") && j["forms"].is_array()) {
            for (const auto& f : j["forms"])
                if (f.is_string()) forms.insert(f.get<std::string>());
        } else if (j.contains("value") && j["value"].is_string()) {
            forms.insert(j["value"].get<std::string>());
        }
    }
    if (out.is_null()) return {};
    std::vector<std::string> all(forms.begin(), forms.end());
    if (all.size() > 1) {
        out["forms"] = all;
    } else {
        out.erase("forms");
    }
    if (!all.empty()) out["value"] = preferred_form(all);
    return out.dump();
}

}  // namespace ndx
