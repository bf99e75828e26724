// Reading JSON and JSON Lines articles: recognising their fields (or the user's
// mapping), and one bad record costing only itself.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

#include "common/error.h"
#include "common/facet_ids.h"
#include "common/normalize.h"
#include "common/reader_detail.h"

using nlohmann::json;

namespace ndx {
namespace reader_detail {
namespace {

struct FieldSpec {
    const char* name;
    std::array<const char*, 10> keys;
};
constexpr std::array<FieldSpec, 7> kJsonFields = {{
    {"id", {"id", "_id", "guid", "uuid", "article_id", "doc_id"}},
    {"title", {"title", "headline", "heading"}},
    {"text",
     {"text", "content", "body", "article", "article_text", "full_text", "maintext", "story"}},
    {"date",
     {"date", "published", "date_published", "publishedAt", "pubDate", "published_at",
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

// Builds an article from a JSON object; throws InputError (without location) when the
// record cannot be an article.
Article article_from_json(const json& obj, const ReadOptions& opts, const std::string& path,
                          std::size_t line) {
    if (!obj.is_object()) throw InputError("expected a JSON object");
    Article a;
    a.path = path;
    a.line = line;
    a.body = normalise_body(field_text(obj, opts, "text"));
    if (a.body.empty())
        throw InputError(
            "record has no text (looked for text, content, body, "
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
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
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

}  // namespace

void read_json_document(const std::string& path, const ReadOptions& opts, const std::string& bytes,
                        const ArticleSink& on_article, const IssueSink& on_issue) {
    if (too_deep(bytes))
        return on_issue(issue(
            path, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels, skipped"));
    json doc;
    try {
        doc = json::parse(bytes);
    } catch (const json::parse_error& e) {
        return on_issue(
            issue_at(path, e.byte ? e.byte - 1 : 0, std::string("invalid JSON: ") + e.what()));
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

std::string read_json_lines(const std::string& path, const ReadOptions& opts, std::ifstream& in,
                            const ArticleSink& on_article, const IssueSink& on_issue) {
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
    if (in.bad())
        on_issue(issue(path, "read error"));
    else if (!any_record)
        on_issue(issue(path, "empty file, skipped"));
    return to_hex(h);
}

}  // namespace reader_detail

using namespace reader_detail;

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

}  // namespace ndx
