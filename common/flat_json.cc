// Reading flat JSON objects: see flat_json.h.
#include "common/flat_json.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <limits>

#include "common/normalize.h"

namespace ndx {
namespace {

class Scanner {
  public:
    explicit Scanner(std::string_view s) : s_(s) {}

    bool at_end() const { return i_ == s_.size(); }
    char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
    void skip_space() {
        while (i_ < s_.size() &&
               (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
            ++i_;
    }
    bool take(char c) {
        if (peek() != c || at_end()) return false;
        ++i_;
        return true;
    }
    bool take_word(std::string_view w) {
        if (s_.compare(i_, w.size(), w) != 0) return false;
        i_ += w.size();
        return true;
    }

    // A string at the cursor, decoded into `out`.
    bool string(std::string& out) {
        out.clear();
        if (!take('"')) return false;
        for (;;) {
            std::size_t run = i_;
            while (run < s_.size()) {
                const auto c = static_cast<unsigned char>(s_[run]);
                if (c == '"' || c == '\\' || c < 0x20) break;
                ++run;
            }
            out.append(s_.data() + i_, run - i_);
            i_ = run;
            if (at_end()) return false;
            const char c = s_[i_++];
            if (c == '"') return true;
            if (c != '\\' || at_end()) return false;  // a control character, or a lone '\'
            const char e = s_[i_++];
            if (e == 'u') {
                if (!escaped_code_point(out)) return false;
                continue;
            }
            // "\"", "\\", "\/", "\b", "\f", "\n", "\r", "\t"
            static constexpr std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
            const std::size_t k = kFrom.find(e);
            if (k == std::string_view::npos) return false;
            out += kTo[k];
        }
    }

    // A count (digits, no sign, fraction or exponent, within 64 bits).
    bool count(std::uint64_t& out) {
        out = 0;
        const std::size_t from = i_;
        while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
            const auto d = static_cast<std::uint64_t>(s_[i_] - '0');
            if (out > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return false;
            out = out * 10 + d;
            ++i_;
        }
        if (i_ == from || (s_[from] == '0' && i_ - from > 1)) return false;
        const char next = peek();
        return next != '.' && next != 'e' && next != 'E';
    }

    // An array or object at the cursor, passed over: its brackets must match and its
    // strings be well formed.
    bool skip_nested() {
        std::string closers, scratch;
        do {
            const char c = peek();
            if (at_end()) return false;
            if (c == '"') {
                if (!string(scratch)) return false;
                continue;
            }
            ++i_;
            if (c == '{' || c == '[') {
                closers += c == '{' ? '}' : ']';
            } else if (c == '}' || c == ']') {
                if (closers.empty() || closers.back() != c) return false;
                closers.pop_back();
            } else if (!std::strchr(" \t\n\r,:-+.eE0123456789truefalsn", c) || c == '\0') {
                return false;
            }
        } while (!closers.empty());
        return true;
    }

  private:
    // "\uXXXX" after the "\u": a code point of the Basic Multilingual Plane, not a
    // surrogate, as UTF-8.
    bool escaped_code_point(std::string& out) {
        if (s_.size() - i_ < 4) return false;
        unsigned cp = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = s_[i_++];
            cp <<= 4;
            if (h >= '0' && h <= '9')
                cp |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f')
                cp |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                cp |= static_cast<unsigned>(h - 'A' + 10);
            else
                return false;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
        return true;
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

}  // namespace

bool FlatObject::parse(std::string_view json) {
    members_.clear();
    // (bytes of 0x80 and above can only stand in strings: the whole text checked once is
    // every string checked)
    if (invalid_utf8_offset(json)) return false;
    Scanner in(json);
    in.skip_space();
    if (!in.take('{')) return false;
    in.skip_space();
    bool ok = in.take('}');
    while (!ok) {
        std::string key;
        if (!in.string(key) || find(key)) break;  // (a key given twice: nlohmann's rules)
        in.skip_space();
        if (!in.take(':')) break;
        in.skip_space();
        Value v;
        const char c = in.peek();
        bool read = false;
        if (c == '"') {
            v.kind = Kind::String;
            read = in.string(v.text);
        } else if (c == '{' || c == '[') {
            v.kind = Kind::Nested;
            read = in.skip_nested();
        } else if (c == 't') {
            v.kind = Kind::True;
            read = in.take_word("true");
        } else if (c == 'f') {
            v.kind = Kind::False;
            read = in.take_word("false");
        } else if (c == 'n') {
            v.kind = Kind::Null;
            read = in.take_word("null");
        } else {
            v.kind = Kind::Count;
            read = in.count(v.count);
        }
        if (!read) break;
        members_.emplace_back(std::move(key), std::move(v));
        in.skip_space();
        if (in.take('}')) {
            ok = true;
        } else if (in.take(',')) {
            in.skip_space();
        } else {
            break;
        }
    }
    in.skip_space();
    if (!ok || !in.at_end()) {
        members_.clear();
        return false;
    }
    return true;
}

const FlatObject::Value* FlatObject::find(std::string_view key) const {
    for (const auto& m : members_)
        if (m.first == key) return &m.second;
    return nullptr;
}

std::string FlatObject::string_at(std::string_view key) const {
    const Value* v = find(key);
    return v && v->kind == Kind::String ? v->text : std::string();
}

std::uint64_t FlatObject::count_at(std::string_view key) const {
    const Value* v = find(key);
    return v && v->kind == Kind::Count ? v->count : 0;
}

namespace {

// `text` as a JSON string, escaped as nlohmann::json escapes it (ensure_ascii off).
void dump_string(std::string& out, std::string_view text) {
    const std::size_t start = out.size();
    out += '"';
    std::size_t run = 0;
    bool checked = false;  // the bytes from the first non-ASCII one on are valid UTF-8
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80 && !checked) {
            if (invalid_utf8_offset(text.substr(i))) {
                out.resize(start);
                out += nlohmann::json(std::string(text)).dump();  // (throws, as dump() would)
                return;
            }
            checked = true;
        }
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text, run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default: {
                static constexpr char kHex[] = "0123456789abcdef";
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 0xF];
            }
        }
    }
    out.append(text, run, std::string::npos);
    out += '"';
}

void dump_value(std::string& out, const nlohmann::json& j, int indent, int depth) {
    using V = nlohmann::json::value_t;
    switch (j.type()) {
        case V::object:
        case V::array: {
            const bool object = j.is_object();
            if (j.empty()) {
                out += object ? "{}" : "[]";
                return;
            }
            out += object ? "{\n" : "[\n";
            const std::size_t inner = static_cast<std::size_t>(indent) * (depth + 1);
            bool first = true;
            for (auto it = j.begin(); it != j.end(); ++it) {
                if (!first) out += ",\n";
                first = false;
                out.append(inner, ' ');
                if (object) {
                    dump_string(out, it.key());
                    out += ": ";
                }
                dump_value(out, *it, indent, depth + 1);
            }
            out += '\n';
            out.append(static_cast<std::size_t>(indent) * depth, ' ');
            out += object ? '}' : ']';
            return;
        }
        case V::string:
            dump_string(out, j.get_ref<const std::string&>());
            return;
        case V::boolean:
            out += j.get<bool>() ? "true" : "false";
            return;
        case V::null:
            out += "null";
            return;
        case V::number_integer:
            out += std::to_string(j.get<std::int64_t>());
            return;
        case V::number_unsigned:
            out += std::to_string(j.get<std::uint64_t>());
            return;
        default:  // floating point, binary, discarded
            out += j.dump(indent);
            return;
    }
}

}  // namespace

void dump_json(std::string& out, const nlohmann::json& j, int indent) {
    if (indent < 0)
        out += j.dump(indent);  // (compact: not this writer's)
    else
        dump_value(out, j, indent, 0);
}

void dump_json(std::string& out, const nlohmann::json& j, int indent, int depth) {
    if (indent < 0)
        out += j.dump(indent);
    else
        dump_value(out, j, indent, depth);
}

void dump_json_string(std::string& out, std::string_view text) { dump_string(out, text); }

std::string dump_json(const nlohmann::json& j, int indent) {
    std::string out;
    dump_json(out, j, indent);
    return out;
}

}  // namespace ndx
