// utf8proc-based normalisation: see normalize.h.
#include "common/normalize.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace ndx {
namespace {

bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

void append_utf8(std::string& out, utf8proc_int32_t cp) {
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

// Typographic punctuation that should search like its ASCII twin; 0 = keep.
utf8proc_int32_t ascii_twin(utf8proc_int32_t cp) {
    switch (cp) {
        case 0x2018:
        case 0x2019:
        case 0x201A:
        case 0x201B:
        case 0x2032:
        case 0x02BC:
        case 0x02BB:
        case 0x0060:
        case 0x00B4:
            return '\'';
        case 0x201C:
        case 0x201D:
        case 0x201E:
        case 0x201F:
        case 0x2033:
        case 0x00AB:
        case 0x00BB:
            return '"';
        case 0x2010:
        case 0x2011:
        case 0x2012:
        case 0x2013:
        case 0x2014:
        case 0x2015:
        case 0x2212:
        case 0x2E3A:
        case 0x2E3B:
            return '-';
        case 0x00A0:
        case 0x2007:
        case 0x202F:
        case 0x3000:
            return ' ';
        case 0x00AD:
        case 0x200B:
        case 0x200C:
        case 0x200D:
        case 0xFEFF:
            return -1;  // invisible: drop
        default:
            return 0;
    }
}

// Calls fn(code point, byte offset, byte length) for each valid code point of `s`;
// bytes that are not valid UTF-8 are passed over.
template <typename Fn>
void for_each_code_point(std::string_view s, Fn&& fn) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
    const auto len = static_cast<utf8proc_ssize_t>(s.size());
    for (utf8proc_ssize_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, len - i, &cp);
        if (n <= 0) {
            ++i;
            continue;
        }
        fn(cp, static_cast<std::size_t>(i), static_cast<std::size_t>(n));
        i += n;
    }
}

std::string map_with(std::string_view in, int options) {
    utf8proc_uint8_t* out = nullptr;
    utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(in.data()),
                                      static_cast<utf8proc_ssize_t>(in.size()), &out,
                                      static_cast<utf8proc_option_t>(options));
    if (n < 0) return std::string(in);  // invalid UTF-8: callers validate first
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> guard(out, &std::free);
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

std::string fold(std::string_view in, bool casefold) {
    if (is_ascii(in)) {
        std::string s(in);
        if (casefold)
            for (char& c : s)
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        for (char& c : s)
            if (c == '`') c = '\'';
        return s;
    }
    int opts = UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
    if (casefold) opts |= UTF8PROC_CASEFOLD;
    std::string decomposed = map_with(in, opts);
    std::string stripped;
    stripped.reserve(decomposed.size());
    bool latin_base = false;
    for_each_code_point(decomposed, [&](utf8proc_int32_t cp, std::size_t, std::size_t) {
        bool mark = cp >= 0x0300 && cp <= 0x036F;
        if (mark && latin_base) return;  // accents on Latin letters only ("Йемен" stays)
        if (!mark) latin_base = cp < 0x0250 || (cp >= 0x1E00 && cp <= 0x1EFF);
        utf8proc_int32_t twin = ascii_twin(cp);
        if (twin < 0) return;
        append_utf8(stripped, twin ? twin : cp);
    });
    return map_with(stripped, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

bool is_alnum(utf8proc_int32_t cp) {
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
            return true;
        default:
            return false;
    }
}

}  // namespace

std::string fold_text(std::string_view utf8) { return fold(utf8, false); }

std::string fold_case(std::string_view utf8) { return fold(utf8, true); }

std::string entity_key(std::string_view name) {
    if (is_ascii(name)) {
        // what follows, byte by byte: fold_case lower-cases ASCII and writes '`' as '\''
        std::string key;
        key.reserve(name.size());
        bool gap = false;
        for (char c : name) {
            if (c == '.' || c == '\'' || c == '`') continue;
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && !key.empty()) key += ' ';
                gap = false;
                key += c;
            } else {
                gap = true;
            }
        }
        return key;
    }
    std::string folded = fold_case(name);
    std::string key;
    key.reserve(folded.size());
    bool gap = false;
    for_each_code_point(folded, [&](utf8proc_int32_t cp, std::size_t at, std::size_t n) {
        if (cp == '.' || cp == '\'') return;  // "U.S." -> "us", "O'Brien" -> "obrien"
        if (is_alnum(cp)) {
            if (gap && !key.empty()) key += ' ';
            gap = false;
            key.append(folded, at, n);
        } else {
            gap = true;
        }
    });
    return key;
}

std::optional<std::size_t> invalid_utf8_offset(std::string_view bytes) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(bytes.data());
    std::size_t len = bytes.size();
    for (std::size_t i = 0; i < len;) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(len - i), &cp);
        if (n <= 0) return i;
        i += static_cast<std::size_t>(n);
    }
    return std::nullopt;
}

}  // namespace ndx
