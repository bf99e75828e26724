// The query text as ndx reads it before Xapian's parser does: see query_text.h.
#include "common/query_text.h"

#include <cctype>
#include <string_view>

#include "common/query.h"
#include "common/schema.h"

namespace ndx {

std::vector<QueryToken> query_tokens(const std::string& folded) {
    auto mark = [](char c) { return c == '"' || c == '(' || c == ')'; };
    auto space = [](char c) { return c == ' ' || c == '\t'; };
    std::vector<QueryToken> out;
    bool quoted = false;
    for (std::size_t i = 0; i < folded.size();) {
        const char c = folded[i];
        if (space(c)) {
            ++i;
        } else if (mark(c)) {
            if (c == '"') quoted = !quoted;
            out.push_back({i, i + 1, false, true});
            ++i;
        } else {
            std::size_t j = i + 1;
            while (j < folded.size() && !space(folded[j]) && !mark(folded[j])) ++j;
            out.push_back({i, j, quoted, false});
            i = j;
        }
    }
    return out;
}

std::vector<std::string> free_wildcards(const std::string& folded) {
    std::vector<std::string> out;
    for (const QueryToken& t : query_tokens(folded)) {
        const std::string word = folded.substr(t.begin, t.end - t.begin);
        if (t.mark || t.quoted || word.back() != '*' || word.find(':') != std::string::npos)
            continue;
        const std::size_t begin = word.find_first_not_of("+-");
        const std::size_t end = word.find_last_not_of('*');
        if (begin != std::string::npos && end != std::string::npos && end >= begin)
            out.push_back(word.substr(begin, end - begin + 1));
    }
    return out;
}

ParseInfo analyse_query(const std::string& folded) {
    ParseInfo info;
    auto filter_field = [](const std::string& name) {
        if (name == "date" || name == "said" || name == kEntityField) return true;
        for (Facet f : kEntityFacets)
            if (name == facet_name(f)) return true;
        return false;
    };
    bool in_phrase = false;      // inside "..."
    bool field_pending = false;  // "field:" just before an opening quote
    bool filter_pending = false;
    for (const QueryToken& t : query_tokens(folded)) {
        const std::string w = folded.substr(t.begin, t.end - t.begin);
        if (t.mark) {
            if (w == "\"") {
                if (!in_phrase && !(field_pending && filter_pending)) ++info.words;
                in_phrase = !in_phrase;
            }
            field_pending = filter_pending = false;
            continue;
        }
        const bool was_pending = field_pending;
        field_pending = filter_pending = false;
        if (t.quoted) {
            if (!was_pending) info.free_words.push_back(w);
            continue;
        }
        if (w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w.rfind("NEAR", 0) == 0 ||
            w.rfind("ADJ", 0) == 0) {
            info.operators = true;
            continue;
        }
        std::string word = w;
        if ((word[0] == '+' || word[0] == '-') && word.size() > 1) {
            info.operators = true;
            word.erase(0, 1);
        }
        if (const std::size_t colon = word.find(':'); colon != std::string::npos && colon > 0) {
            const bool filter = filter_field(word.substr(0, colon));
            if (colon + 1 == word.size()) {  // field:"phrase" or field:(...)
                field_pending = true;
                filter_pending = filter;
            } else if (!filter) {
                ++info.words;
            }
            continue;
        }
        if (word.find_first_not_of("+-") == std::string::npos) continue;
        ++info.words;
        if (word.find('*') == std::string::npos) info.free_words.push_back(word);
    }
    return info;
}

std::vector<std::string> speaker_fields(const std::string& text) {
    static constexpr std::string_view kField = "speaker:";
    std::vector<std::string> out;
    for (std::size_t p = text.find(kField); p != std::string::npos; p = text.find(kField, p)) {
        p += kField.size();
        if (p < text.size() && text[p] == '"') {
            const std::size_t close = text.find('"', p + 1);
            if (close == std::string::npos) continue;  // no value here
            out.push_back(text.substr(p + 1, close - p - 1));
            p = close + 1;
            continue;
        }
        std::size_t end = p;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
               text[end] != '(' && text[end] != ')' && text[end] != '"')
            ++end;
        if (end > p) out.push_back(text.substr(p, end - p));
        p = end;
    }
    return out;
}

}  // namespace ndx
