// Reading articles: plain-text parsing, JSON field recognition, directory walking.
#include "common/reader.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <system_error>

#include "common/error.h"
#include "common/facet_ids.h"
#include "common/normalize.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace ndx {
namespace {

// ---------------------------------------------------------------- small text helpers

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

std::size_t count_words(std::string_view s) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : s) {
        bool space = std::isspace(static_cast<unsigned char>(c));
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

// Decodes the code point at s[i] into *cp; returns its length (1 for a bad byte).
std::size_t decode(std::string_view s, std::size_t i, utf8proc_int32_t* cp) {
    utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                          static_cast<utf8proc_ssize_t>(s.size() - i), cp);
    if (n <= 0) {
        *cp = static_cast<unsigned char>(s[i]);
        return 1;
    }
    return static_cast<std::size_t>(n);
}

void append_cp(std::string& out, utf8proc_int32_t cp) {
    utf8proc_uint8_t buf[4];
    out.append(reinterpret_cast<const char*>(buf),
               static_cast<std::size_t>(utf8proc_encode_char(cp, buf)));
}

// "ISLAMABAD" -> "Islamabad", "ZÜRICH" -> "Zürich", "RIO DE JANEIRO" -> "Rio de Janeiro",
// "arab news" -> "Arab News".
std::string title_case(std::string_view s) {
    static constexpr std::array<std::string_view, 8> kSmall = {"de", "da", "del", "do",
                                                               "of", "the", "al", "el"};
    std::string out;
    bool start = true;
    std::size_t word_start = 0;
    for (std::size_t i = 0; i < s.size();) {
        utf8proc_int32_t cp;
        std::size_t n = decode(s, i, &cp);
        bool letter = utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
                      utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
        if (letter) {
            if (start) word_start = out.size();
            append_cp(out, start ? utf8proc_toupper(cp) : utf8proc_tolower(cp));
            start = false;
        } else {
            if (!start && word_start > 0) {
                std::string w = out.substr(word_start);
                for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if (std::find(kSmall.begin(), kSmall.end(), w) != kSmall.end())
                    out.replace(word_start, w.size(), w);
            }
            out.append(s.substr(i, n));
            start = (cp == ' ' || cp == '-' || cp == '(' || cp == '/');
        }
        i += n;
    }
    return out;
}

// Length of the leading place name in capitals ("ISLAMABAD", "ZÜRICH", "DERA ISMAIL KHAN",
// "D.I. KHAN"): up to four words of upper-case letters, with ' . - inside; 0 if none.
std::size_t capitals_prefix(std::string_view s, std::size_t* letters) {
    std::size_t i = 0, end = 0, words = 0;
    *letters = 0;
    while (i < s.size() && words < 4) {
        std::size_t j = i, word_letters = 0;
        while (j < s.size()) {
            utf8proc_int32_t cp;
            std::size_t n = decode(s, j, &cp);
            if (utf8proc_category(cp) == UTF8PROC_CATEGORY_LU) ++word_letters;
            else if (!(word_letters > 0 && (cp == '\'' || cp == '.' || cp == '-'))) break;
            j += n;
        }
        if (word_letters == 0) break;
        *letters += word_letters;
        end = j;
        ++words;
        if (j < s.size() && s[j] == ' ') i = j + 1;
        else break;
    }
    return end;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            if (start < text.size()) lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

std::string strip_bom_and_crlf(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

bool ends_like_sentence(std::string_view s) {
    if (s.empty()) return false;
    char c = s.back();
    if (c == '.' || c == ':' || c == ';' || c == ',' || c == '"') return true;
    return s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x9D");  // closing quote
}

// A short line after the date that names an author or desk rather than starting the text.
bool looks_like_byline(std::string_view s) {
    return count_words(s) <= 6 && s.size() <= 60 && !ends_like_sentence(s);
}

bool looks_like_title(std::string_view s) {
    return s.size() <= 200 && count_words(s) <= 25 && !ends_like_sentence(s);
}

// ---------------------------------------------------------------- datelines

struct Dateline {
    std::string place;
    std::string agency;
    std::optional<Date> date;
};

// "ISLAMABAD:", "LONDON (Reuters) -", "PESHAWAR, Pakistan, March 3, 2024 (AP) —".
std::optional<Dateline> parse_dateline(std::string_view paragraph) {
    static const std::regex rest(
        R"(^((?:,\s*[A-Z0-9][^,:()]{0,40}?){0,3})\s*(?:\(([^)]{1,40})\))?\s*(?::|--|-|\xE2\x80\x94|\xE2\x80\x93)\s+\S)");
    std::string_view head = paragraph.substr(0, 200);
    std::size_t letters = 0;
    std::size_t n = capitals_prefix(head, &letters);
    if (n == 0 || letters < 3) return std::nullopt;
    std::string tail(head.substr(n));
    std::smatch m;
    if (!std::regex_search(tail, m, rest)) return std::nullopt;
    Dateline d;
    d.place = title_case(head.substr(0, n));
    d.agency = trim(m[2].str());
    d.date = find_date_in(m[1].str());
    return d;
}

// "courtesy : arab news", "Source: Dawn"
std::optional<std::string> parse_source_trailer(std::string_view line) {
    static const std::regex re(R"(^\s*(?:courtesy|source|via)\s*[:\-]\s*(.{2,60}?)\s*$)",
                               std::regex::icase);
    // A trailer is short; and std::regex recurses once per character it matches, so a long
    // paragraph ("source: x" then 300,000 spaces) overflowed the stack.
    if (line.size() > 200) return std::nullopt;
    // (the regex only for lines that can match: most are not trailers)
    std::size_t at = 0;
    while (at < line.size() && std::isspace(static_cast<unsigned char>(line[at]))) ++at;
    const auto starts = [&](std::string_view w) {
        if (line.size() - at < w.size()) return false;
        for (std::size_t k = 0; k < w.size(); ++k)
            if (std::tolower(static_cast<unsigned char>(line[at + k])) != w[k]) return false;
        return true;
    };
    if (!starts("courtesy") && !starts("source") && !starts("via")) return std::nullopt;
    std::string s(line);
    std::smatch m;
    if (!std::regex_match(s, m, re)) return std::nullopt;
    std::string v = m[1].str();
    bool lower = std::none_of(v.begin(), v.end(),
                              [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
    return lower ? title_case(v) : v;
}

// ---------------------------------------------------------------- paragraphs

// Paragraphs from lines[i...]: blank-line separated when the text has blank lines (lines
// inside a paragraph are joined), else one paragraph per line.
std::vector<std::string> collect_paragraphs(const std::vector<std::string_view>& lines,
                                            std::size_t i) {
    std::vector<std::string> paragraphs;
    bool blank_separated = false;
    for (std::size_t j = i; j < lines.size(); ++j)
        if (trim(lines[j]).empty()) blank_separated = true;
    // Hard-wrapped text without blank lines (wire copy: most lines near the same width,
    // paragraphs indented): lines are joined, a paragraph starts at an indented line or
    // after a short line that ends a sentence.
    std::size_t width = 0, long_lines = 0, count = 0;
    for (std::size_t j = i; j < lines.size(); ++j) width = std::max(width, trim(lines[j]).size());
    for (std::size_t j = i; j + 1 < lines.size(); ++j, ++count)
        if (trim(lines[j]).size() * 10 >= width * 6) ++long_lines;
    const bool wrapped = !blank_separated && width >= 40 && width <= 100 && count >= 2 &&
                         long_lines * 10 >= count * 6;
    std::string current;
    for (; i < lines.size(); ++i) {
        std::string_view l = trim(lines[i]);
        if (wrapped) {
            bool indented = !lines[i].empty() && (lines[i][0] == ' ' || lines[i][0] == '\t');
            bool after_short = !current.empty() && i > 0 &&
                               trim(lines[i - 1]).size() * 10 < width * 6 &&
                               ends_like_sentence(trim(lines[i - 1]));
            if ((indented || after_short) && !current.empty())
                paragraphs.push_back(std::move(current));
            if (indented || after_short) current.clear();
            if (!current.empty()) current += ' ';
            current += l;
            continue;
        }
        if (l.empty() || !blank_separated) {
            if (!l.empty()) current = l;
            if (!current.empty()) paragraphs.push_back(std::move(current));
            current.clear();
            continue;
        }
        if (!current.empty()) current += ' ';
        current += l;
    }
    if (!current.empty()) paragraphs.push_back(std::move(current));
    return paragraphs;
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
    std::string out;
    for (const auto& p : paragraphs) {
        if (!out.empty()) out += "\n\n";
        out += p;
    }
    return out;
}

// ---------------------------------------------------------------- JSON

struct FieldSpec {
    const char* name;
    std::array<const char*, 10> keys;
};
constexpr std::array<FieldSpec, 7> kJsonFields = {{
    {"id", {"id", "_id", "guid", "uuid", "article_id", "doc_id"}},
    {"title", {"title", "headline", "heading"}},
    {"text", {"text", "content", "body", "article", "article_text", "full_text", "maintext",
              "story"}},
    {"date", {"date", "published", "date_published", "publishedAt", "pubDate", "published_at",
              "datePublished", "date_publish", "publish_date", "pub_date"}},
    {"author", {"author", "byline", "authors", "creator", "writer"}},
    {"source", {"source", "publisher", "outlet", "source_name", "site_name", "source_domain"}},
    {"url", {"url", "link", "permalink", "canonical_url"}},
}};

const json* lookup_path(const json& obj, std::string_view dotted) {
    const json* cur = &obj;
    while (!dotted.empty()) {
        std::size_t dot = dotted.find('.');
        std::string key(dotted.substr(0, dot));
        if (!cur->is_object()) return nullptr;
        auto it = cur->find(key);
        if (it == cur->end()) return nullptr;
        cur = &*it;
        dotted = dot == std::string_view::npos ? std::string_view{} : dotted.substr(dot + 1);
    }
    return cur;
}

// A JSON value as display text: strings as they are, arrays joined, objects by "name".
std::string as_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_array()) {
        std::string out;
        for (const auto& e : v) {
            std::string s = as_text(e);
            if (s.empty()) continue;
            if (!out.empty()) out += ", ";
            out += s;
        }
        return out;
    }
    if (v.is_object()) {
        for (const char* k : {"name", "title", "value", "text"}) {
            auto it = v.find(k);
            if (it != v.end()) return as_text(*it);
        }
    }
    return {};
}

const json* find_field(const json& obj, const ReadOptions& opts, const FieldSpec& spec) {
    auto [lo, hi] = opts.field_map.equal_range(spec.name);
    for (auto it = lo; it != hi; ++it)
        if (const json* v = lookup_path(obj, it->second); v && !v->is_null()) return v;
    for (const char* key : spec.keys) {
        if (!key) break;
        auto it = obj.find(key);
        if (it != obj.end() && !it->is_null()) return &*it;
    }
    return nullptr;
}

const FieldSpec& spec_for(std::string_view name) {
    for (const auto& f : kJsonFields)
        if (name == f.name) return f;
    throw std::logic_error("unknown field " + std::string(name));
}

std::string field_text(const json& obj, const ReadOptions& opts, std::string_view name) {
    const json* v = find_field(obj, opts, spec_for(name));
    return v ? std::string(trim(as_text(*v))) : std::string();
}

// Body text of a JSON record: paragraphs normalised the same way as plain text.
std::string normalise_body(std::string_view text) {
    std::string clean = strip_bom_and_crlf(text);
    std::vector<std::string_view> lines = split_lines(clean);
    return join_paragraphs(collect_paragraphs(lines, 0));
}

// Builds an article from a JSON object; throws InputError (without location) when the
// record cannot be an article.
Article article_from_json(const json& obj, const ReadOptions& opts, const std::string& path,
                          std::size_t line) {
    if (!obj.is_object()) throw InputError("expected a JSON object");
    Article a;
    a.path = path;
    a.line = line;
    a.body = normalise_body(field_text(obj, opts, "text"));
    if (a.body.empty()) throw InputError("record has no text (looked for text, content, body, "
                                         "article; map another with --field text=NAME)");
    a.title = field_text(obj, opts, "title");
    a.byline = field_text(obj, opts, "author");
    a.source = field_text(obj, opts, "source");
    a.url = field_text(obj, opts, "url");
    if (const json* d = find_field(obj, opts, spec_for("date"))) {
        if (d->is_number())
            a.date = date_from_epoch(d->get<double>());
        else if (d->is_string())
            a.date = parse_date(d->get<std::string>());
    }
    if (auto dl = parse_dateline(a.body)) {
        a.dateline = dl->place;
        if (!a.date) a.date = dl->date;
        if (a.source.empty()) a.source = dl->agency;
    }
    if (a.title.empty()) {
        a.title = derive_title(a.body);
        a.title_derived = true;
    }
    std::string id = field_text(obj, opts, "id");
    if (id.empty()) id = a.url;
    if (id.empty()) id = line ? path + "#" + std::to_string(line) : path;
    a.id = id;
    return a;
}

// JSON nested deeper than this is refused before parsing (the parser recurses).
constexpr int kMaxJsonDepth = 200;

bool too_deep(std::string_view text) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

// ---------------------------------------------------------------- files

bool has_suffix(std::string_view s, std::string_view suffix) {
    if (s.size() < suffix.size()) return false;
    std::string tail(s.substr(s.size() - suffix.size()));
    for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return tail == suffix;
}

enum class Format { PlainText, Json, JsonLines };

Format format_of(std::string_view path) {
    if (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson")) return Format::JsonLines;
    if (has_suffix(path, ".json")) return Format::Json;
    return Format::PlainText;
}

InputIssue issue_at(const std::string& path, std::size_t offset, std::string message) {
    InputIssue i;
    i.path = path;
    i.byte_offset = offset;
    i.has_offset = true;
    i.message = std::move(message);
    return i;
}

InputIssue issue(const std::string& path, std::string message, std::size_t line = 0) {
    InputIssue i;
    i.path = path;
    i.line = line;
    i.message = std::move(message);
    return i;
}

std::string hash_hex(std::string_view bytes) { return to_hex(fnv1a64(bytes)); }

void read_whole(const std::string& path, Format format, const ReadOptions& opts,
                const std::string& bytes, const ArticleSink& on_article,
                const IssueSink& on_issue) {
    if (auto nul = bytes.find('\0'); nul != std::string::npos)
        return on_issue(issue_at(path, nul, "binary file (NUL byte), skipped"));
    if (auto bad = invalid_utf8_offset(bytes))
        return on_issue(issue_at(path, *bad, "not valid UTF-8, skipped"));
    if (trim(bytes).empty()) return on_issue(issue(path, "empty file, skipped"));
    if (format == Format::PlainText) {
        Article a = parse_plain_text(bytes, path);
        if (a.body.empty()) return on_issue(issue(path, "no article text, skipped"));
        return on_article(std::move(a));
    }
    if (too_deep(bytes))
        return on_issue(issue(path, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                                        " levels, skipped"));
    json doc;
    try {
        doc = json::parse(bytes);
    } catch (const json::parse_error& e) {
        return on_issue(issue_at(path, e.byte ? e.byte - 1 : 0,
                                 std::string("invalid JSON: ") + e.what()));
    } catch (const json::exception& e) {
        // out_of_range ("1e400"): not a parse_error, and it aborted ndx-index (fuzz_json)
        return on_issue(issue(path, std::string("unusable JSON: ") + e.what()));
    }
    if (doc.is_array()) {
        std::size_t n = 0;
        for (const auto& rec : doc) {
            ++n;
            try {
                Article a = article_from_json(rec, opts, path, 0);
                if (a.id == path) a.id = path + "#" + std::to_string(n);
                on_article(std::move(a));
            } catch (const InputError& e) {
                on_issue(issue(path, "record " + std::to_string(n) + ": " + e.what()));
            }
        }
        return;
    }
    try {
        on_article(article_from_json(doc, opts, path, 0));
    } catch (const InputError& e) {
        on_issue(issue(path, e.what()));
    }
}

// std::getline that keeps at most `keep` bytes of the line (the rest is read and hashed
// into `h`, not stored): one 200 MB line took 290 MB of memory only to be skipped.
// `length` is the whole line's; returns false at the end of the input.
bool next_line(std::istream& in, std::string& line, std::size_t keep, std::size_t& length,
               std::uint64_t& h) {
    line.clear();
    length = 0;
    char buf[1 << 14];
    for (;;) {
        in.get(buf, sizeof buf, '\n');
        const auto n = static_cast<std::size_t>(in.gcount());
        for (std::size_t i = 0; i < n; ++i)
            h = (h ^ static_cast<unsigned char>(buf[i])) * 1099511628211ull;
        if (line.size() < keep) line.append(buf, std::min(n, keep - line.size()));
        length += n;
        if (in.bad() || in.eof()) return length > 0;
        if (n == 0) in.clear();  // get() took nothing: the next byte is the newline
        if (in.peek() == '\n') {
            in.ignore();
            h = (h ^ static_cast<unsigned char>('\n')) * 1099511628211ull;
            return true;
        }
    }
}

std::string read_json_lines(const std::string& path, const ReadOptions& opts,
                            std::ifstream& in, const ArticleSink& on_article,
                            const IssueSink& on_issue) {
    std::uint64_t h = fnv1a64("");
    std::string line;
    std::size_t line_no = 0, offset = 0;
    bool any_record = false;
    char head[4096];
    in.read(head, sizeof head);
    std::string_view sniff(head, static_cast<std::size_t>(in.gcount()));
    if (auto nul = sniff.find('\0'); nul != std::string_view::npos) {
        on_issue(issue_at(path, nul, "binary file (NUL byte), skipped"));
        return {};
    }
    in.clear();
    in.seekg(0);
    std::size_t length = 0;
    // kept: the longest line read, a byte more (so it is seen to be too long), and a BOM
    while (next_line(in, line, kMaxLineBytes + 4, length, h)) {
        ++line_no;
        std::size_t line_offset = offset;
        offset += length + 1;
        if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") {
            line.erase(0, 3);
            line_offset += 3;
        }
        if (trim(line).empty()) continue;
        any_record = true;
        auto fail = [&](const std::string& msg) {
            InputIssue i = issue(path, msg, line_no);
            i.byte_offset = line_offset;
            i.has_offset = true;
            on_issue(i);
        };
        if (line.size() > kMaxLineBytes) {
            fail("line longer than " + std::to_string(kMaxLineBytes >> 20) + " MiB, skipped");
            continue;
        }
        if (auto bad = invalid_utf8_offset(line)) {
            InputIssue i = issue(path, "not valid UTF-8, record skipped", line_no);
            i.byte_offset = line_offset + *bad;
            i.has_offset = true;
            on_issue(i);
            continue;
        }
        if (too_deep(line)) {
            fail("JSON nested too deeply, record skipped");
            continue;
        }
        try {
            on_article(article_from_json(json::parse(line), opts, path, line_no));
        } catch (const json::parse_error& e) {
            fail(std::string("invalid JSON: ") + e.what());
        } catch (const json::exception& e) {
            fail(std::string("unusable JSON: ") + e.what());
        } catch (const InputError& e) {
            fail(e.what());
        }
    }
    if (in.bad()) on_issue(issue(path, "read error"));
    else if (!any_record) on_issue(issue(path, "empty file, skipped"));
    return to_hex(h);
}

}  // namespace

std::string InputIssue::describe() const {
    std::string s = path;
    if (line) s += ":" + std::to_string(line);
    if (has_offset) s += (line ? " (byte " : ": byte ") + std::to_string(byte_offset) + (line ? ")" : "");
    return s + ": " + message;
}

void add_field_mapping(ReadOptions& opts, std::string_view spec) {
    auto eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == spec.size())
        throw UsageError("--field expects NAME=JSONKEY, got '" + std::string(spec) + "'");
    std::string name(spec.substr(0, eq));
    if (name == "body" || name == "content") name = "text";
    if (name == "byline") name = "author";
    bool known = std::any_of(kJsonFields.begin(), kJsonFields.end(),
                             [&](const FieldSpec& f) { return name == f.name; });
    if (!known)
        throw UsageError("--field: unknown field '" + name +
                         "' (known: id, title, text, date, author, source, url)");
    opts.field_map.emplace(name, std::string(spec.substr(eq + 1)));
}

std::string derive_title(std::string_view body) {
    std::string_view first = body.substr(0, body.find("\n"));
    if (auto dl = parse_dateline(first)) {
        // drop "ISLAMABAD: " so the title starts with the news
        static const std::regex sep(R"(^.*?(?::|--|-|\xE2\x80\x94|\xE2\x80\x93)\s+)");
        std::string s(first.substr(0, 200));
        std::smatch m;
        if (std::regex_search(s, m, sep)) first.remove_prefix(static_cast<std::size_t>(m.length(0)));
    }
    std::size_t end = std::string_view::npos;
    for (std::size_t i = 0; i + 1 < first.size(); ++i) {
        if ((first[i] == '.' || first[i] == '!' || first[i] == '?') && first[i + 1] == ' ' &&
            i > 20) {
            end = i;
            break;
        }
    }
    std::string_view sentence = trim(first.substr(0, end));
    constexpr std::size_t kMax = 100;
    if (sentence.size() <= kMax) return std::string(sentence);
    std::size_t cut = sentence.rfind(' ', kMax);
    if (cut == std::string_view::npos || cut < 40) cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
    return std::string(trim(sentence.substr(0, cut))) + "\xE2\x80\xA6";
}

Article parse_plain_text(std::string_view raw, const std::string& path) {
    Article a;
    a.path = path;
    a.id = path;
    std::string text = strip_bom_and_crlf(raw);
    std::vector<std::string_view> lines = split_lines(text);
    std::size_t i = 0;
    auto skip_blank = [&] {
        while (i < lines.size() && trim(lines[i]).empty()) ++i;
    };
    skip_blank();

    std::vector<std::string> paragraphs;
    bool blank_separated = false;
    for (std::size_t j = i; j < lines.size(); ++j)
        if (trim(lines[j]).empty()) blank_separated = true;
    static const std::regex date_header(R"(^date\s+(\d{4}-\d{1,2}-\d{1,2})\b)",
                                        std::regex::icase);
    if (i < lines.size()) {
        // Only the start of the line goes through std::regex: it recurses once per
        // character, and "(.*)$" over a long first line overflowed the stack.
        std::string_view first = trim(lines[i]);
        std::string head(first.substr(0, 200));
        std::smatch m;
        if (std::regex_search(head, m, date_header)) {
            a.date = parse_date(m[1].str());
            std::string rest(trim(first.substr(static_cast<std::size_t>(m.length(0)))));
            if (!rest.empty()) {
                if (looks_like_byline(rest))
                    a.byline = rest;
                else
                    paragraphs.push_back(rest);
            }
            ++i;
            skip_blank();
        }
    }
    // Title: a short line that does not end like a sentence, before the text proper.
    // In a file with blank lines, the title stands alone (a blank line follows it), so the
    // first line of a hard-wrapped paragraph is not taken for one.
    if (paragraphs.empty() && i + 1 < lines.size() &&
        (!blank_separated || trim(lines[i + 1]).empty())) {
        std::string_view cand = trim(lines[i]);
        if (looks_like_title(cand) && !parse_dateline(cand)) {
            a.title = cand;
            ++i;
        }
    }
    for (std::string& p : collect_paragraphs(lines, i)) paragraphs.push_back(std::move(p));

    if (!paragraphs.empty()) {
        if (auto src = parse_source_trailer(paragraphs.back())) {
            a.source = *src;
            paragraphs.pop_back();
        }
    }
    if (!paragraphs.empty()) {
        if (auto dl = parse_dateline(paragraphs.front())) {
            a.dateline = dl->place;
            if (!a.date) a.date = dl->date;
            if (a.source.empty()) a.source = dl->agency;
        }
    }
    a.body = join_paragraphs(paragraphs);
    if (a.title.empty() && !a.body.empty()) {
        a.title = derive_title(a.body);
        a.title_derived = true;
    }
    return a;
}

std::vector<InputFile> list_inputs(const std::vector<std::string>& paths,
                                   const std::function<void(const InputIssue&)>& on_issue) {
    std::vector<InputFile> out;
    auto add = [&](const fs::path& p, const fs::directory_entry* entry) {
        std::error_code ec;
        InputFile f;
        f.path = p.string();
        // The path is stored and printed as JSON, which must be UTF-8: a name with other
        // bytes made nlohmann::json::dump() throw and aborted ndx-index.
        if (auto bad = invalid_utf8_offset(f.path)) {
            on_issue(issue(f.path, "file name is not valid UTF-8 (byte " + std::to_string(*bad) +
                                       "), skipped; rename it"));
            return;
        }
        f.size = entry ? entry->file_size(ec) : fs::file_size(p, ec);
        if (ec) {
            on_issue(issue(f.path, "cannot read: " + ec.message()));
            return;
        }
        auto t = entry ? entry->last_write_time(ec) : fs::last_write_time(p, ec);
        if (!ec)
            f.mtime_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             t.time_since_epoch())
                             .count();
        out.push_back(std::move(f));
    };
    for (const std::string& arg : paths) {
        std::error_code ec;
        fs::file_status st = fs::status(arg, ec);
        if (ec || !fs::exists(st)) {
            // a symbolic link loop is not a missing file
            on_issue(issue(arg, st.type() == fs::file_type::not_found || !ec
                                    ? std::string("no such file or directory")
                                    : "cannot read: " + ec.message()));
            continue;
        }
        if (fs::is_regular_file(st)) {
            add(arg, nullptr);
            continue;
        }
        if (!fs::is_directory(st)) {
            on_issue(issue(arg, "not a regular file or directory, skipped"));
            continue;
        }
        std::vector<InputFile> found;
        std::swap(found, out);
        fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied,
                                            ec);
        if (ec) {
            on_issue(issue(arg, "cannot read directory: " + ec.message()));
            std::swap(found, out);
            continue;
        }
        for (fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
            if (ec) {
                on_issue(issue(it->path().string(), "cannot read: " + ec.message()));
                ec.clear();
                continue;
            }
            const fs::directory_entry& e = *it;
            std::string name = e.path().filename().string();
            if (!name.empty() && name[0] == '.') {
                if (e.is_directory(ec)) it.disable_recursion_pending();
                continue;
            }
            if (e.is_symlink(ec) && e.is_directory(ec)) {
                it.disable_recursion_pending();
                continue;
            }
            if (e.is_regular_file(ec)) add(e.path(), &e);
        }
        std::sort(out.begin(), out.end(),
                  [](const InputFile& x, const InputFile& y) { return x.path < y.path; });
        found.insert(found.end(), out.begin(), out.end());
        out = std::move(found);
    }
    return out;
}

std::string hash_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::uint64_t h = fnv1a64("");
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        for (std::streamsize i = 0; i < in.gcount(); ++i)
            h = (h ^ static_cast<unsigned char>(buf[i])) * 1099511628211ull;
    }
    return in.bad() ? std::string() : to_hex(h);
}

std::string read_file(const std::string& path, const ReadOptions& opts,
                      const ArticleSink& on_article, const IssueSink& on_issue) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::error_code ec(errno, std::generic_category());
        on_issue(issue(path, "cannot open: " + ec.message()));
        return {};
    }
    Format format = format_of(path);
    if (format == Format::JsonLines) return read_json_lines(path, opts, in, on_article, on_issue);
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (!ec && size > kMaxWholeFileBytes) {
        on_issue(issue(path, "larger than " + std::to_string(kMaxWholeFileBytes >> 20) +
                                 " MiB, skipped (split it, or use JSON Lines)"));
        return {};
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        on_issue(issue(path, "read error"));
        return {};
    }
    read_whole(path, format, opts, bytes, on_article, on_issue);
    return hash_hex(bytes);
}

}  // namespace ndx
