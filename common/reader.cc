// Reading articles: walking the inputs, and each file by its format (plain text in
// read_plain_text.cc, JSON and JSON Lines in read_json.cc).
#include "common/reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "common/facet_ids.h"
#include "common/normalize.h"
#include "common/reader_detail.h"

namespace fs = std::filesystem;

namespace ndx {
namespace reader_detail {

InputIssue issue_at(const std::string& path, std::size_t offset, std::string message) {
    InputIssue i;
    i.path = path;
    i.byte_offset = offset;
    i.has_offset = true;
    i.message = std::move(message);
    return i;
}

InputIssue issue(const std::string& path, std::string message, std::size_t line) {
    InputIssue i;
    i.path = path;
    i.line = line;
    i.message = std::move(message);
    return i;
}

}  // namespace reader_detail

namespace {

using namespace reader_detail;

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
    read_json_document(path, opts, bytes, on_article, on_issue);
}

}  // namespace

std::string InputIssue::describe() const {
    std::string s = path;
    if (line) s += ":" + std::to_string(line);
    if (has_offset)
        s += (line ? " (byte " : ": byte ") + std::to_string(byte_offset) + (line ? ")" : "");
    return s + ": " + message;
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
            f.mtime_ns =
                std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
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
        fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec);
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
