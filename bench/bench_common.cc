// See bench_common.h.
#include "bench/bench_common.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <set>
#include <stdexcept>

namespace bench {

namespace {

using nlohmann::json;

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(trim(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(trim(cur));
    return out;
}

std::string string_or_empty(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Reads a file line by line, handing each non-blank line and its number to `fn`.
void for_each_line(const std::string& path,
                   const std::function<void(const std::string&, std::size_t)>& fn) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        fn(line, n);
    }
}

json parse_line(const std::string& line, const std::string& path, std::size_t n) {
    json j = json::parse(line, nullptr, false);
    if (!j.is_object())
        throw std::runtime_error(path + ":" + std::to_string(n) + ": not a JSON object");
    return j;
}

}  // namespace

void for_each_article(const std::string& path, const std::function<void(Article&&)>& fn) {
    for_each_line(path, [&](const std::string& line, std::size_t n) {
        const json j = parse_line(line, path, n);
        Article a;
        a.id = string_or_empty(j, "id");
        a.title = string_or_empty(j, "title");
        a.text = string_or_empty(j, "text");
        a.date = string_or_empty(j, "date").substr(0, 10);
        fn(std::move(a));
    });
}

const std::string& Dump::key(FacetKind facet, const std::string& name) const {
    const auto& names = key_of_name.at(static_cast<std::size_t>(facet));
    auto it = names.find(name);
    if (it == names.end())
        throw std::runtime_error(std::string("no ") + kFacetNames[facet] + " named '" + name +
                                 "' in the dump");
    return it->second;
}

Dump read_dump(const std::string& path) {
    Dump d;
    for_each_line(path, [&](const std::string& line, std::size_t n) {
        const json j = parse_line(line, path, n);
        ArticleFacets f;
        const json& evidence = j.contains("evidence") ? j["evidence"] : json::object();
        std::vector<std::string>* lists[3] = {&f.speaker, &f.location, &f.group};
        for (std::size_t k = 0; k < 3; ++k) {
            auto it = evidence.find(kFacetNames[k]);
            if (it == evidence.end() || !it->is_array()) continue;
            for (const json& v : *it) {
                const std::string key = string_or_empty(v, "key");
                if (key.empty()) continue;
                lists[k]->push_back(key);
                d.key_of_name[k].emplace(string_or_empty(v, "value"), key);
            }
        }
        std::set<std::string> tree;
        for (const std::string& p : f.location) {
            for (std::size_t slash = p.find('/'); slash != std::string::npos;
                 slash = p.find('/', slash + 1))
                tree.insert(p.substr(0, slash));
            tree.insert(p);
        }
        f.location_tree.assign(tree.begin(), tree.end());
        const std::string date = string_or_empty(j, "date");
        if (date.size() >= 10) {
            f.month = date.substr(0, 7);
            f.day = date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
        } else {
            f.month = kUndated;
        }
        d.by_id[string_or_empty(j, "id")] = std::move(f);
    });
    return d;
}

std::vector<Query> read_queries(const std::string& path) {
    std::vector<Query> out;
    for_each_line(path, [&](const std::string& raw, std::size_t n) {
        const std::string line = trim(raw);
        if (line.empty() || line[0] == '#') return;
        std::vector<std::string> parts = split(line, '|');
        if (parts.size() < 2 || parts.size() > 3 || parts[0].empty())
            throw std::runtime_error(path + ":" + std::to_string(n) +
                                     ": expected LABEL | TEXT [| FILTERS]");
        Query q;
        q.label = parts[0];
        q.text = parts[1];
        if (parts.size() == 3 && !parts[2].empty()) {
            for (const std::string& f : split(parts[2], ';')) {
                const auto eq = f.find('=');
                if (eq == std::string::npos)
                    throw std::runtime_error(path + ":" + std::to_string(n) +
                                             ": filter without '=': " + f);
                const std::string facet = trim(f.substr(0, eq));
                Filter flt;
                if (facet == "speaker")
                    flt.facet = kSpeaker;
                else if (facet == "location")
                    flt.facet = kLocation;
                else if (facet == "group")
                    flt.facet = kGroup;
                else
                    throw std::runtime_error(path + ":" + std::to_string(n) + ": unknown facet " +
                                             facet);
                flt.value = trim(f.substr(eq + 1));
                q.filters.push_back(flt);
            }
        }
        if (q.text.empty() && q.filters.empty())
            throw std::runtime_error(path + ":" + std::to_string(n) + ": empty query");
        out.push_back(std::move(q));
    });
    return out;
}

std::vector<std::string> tokenize_query(const std::string& text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\t') {
            ++i;
        } else if (text[i] == '"') {
            const auto close = text.find('"', i + 1);
            const std::size_t end = close == std::string::npos ? text.size() : close + 1;
            out.push_back(text.substr(i, end - i));
            i = end;
        } else {
            const auto end = text.find_first_of(" \t\"", i);
            out.push_back(text.substr(i, end == std::string::npos ? std::string::npos : end - i));
            i = end == std::string::npos ? text.size() : end;
        }
    }
    return out;
}

bool all_words_first(const std::string& text) {
    const std::vector<std::string> tokens = tokenize_query(text);
    for (const std::string& t : tokens) {
        if (t == "AND" || t == "OR" || t == "NOT" || t == "XOR" || t.rfind("NEAR", 0) == 0 ||
            t.rfind("ADJ", 0) == 0 || t[0] == '+' || t[0] == '-')
            return false;
    }
    return tokens.size() >= 2 && tokens.size() <= 3;
}

std::vector<std::pair<std::string, std::size_t>> top_counts(
    const std::unordered_map<std::string, std::size_t>& counts, std::size_t limit) {
    std::vector<std::pair<std::string, std::size_t>> v(counts.begin(), counts.end());
    auto better = [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    if (limit && v.size() > limit) {
        std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(limit), v.end(),
                          better);
        v.resize(limit);
    } else {
        std::sort(v.begin(), v.end(), better);
    }
    return v;
}

QueryOptions parse_query_options(int argc, char** argv, int first, std::vector<std::string>& rest) {
    QueryOptions o;
    for (int i = first; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--passes")
            o.passes = std::stoi(value());
        else if (a == "--warmup")
            o.warmup = std::stoi(value());
        else if (a == "--times")
            o.times_out = value();
        else if (a == "--results")
            o.results_out = value();
        else if (a == "--engine")
            o.engine = value();
        else if (a == "--clock") {
            const std::string c = value();
            if (c != "cpu" && c != "wall") throw std::runtime_error("--clock is cpu or wall");
            o.cpu_clock = c == "cpu";
        } else if (a.rfind("--", 0) == 0)
            throw std::runtime_error("unknown option " + a);
        else
            rest.push_back(a);
    }
    if (o.passes < 1 || o.warmup < 0) throw std::runtime_error("bad --passes or --warmup");
    return o;
}

namespace {

// Milliseconds of CPU time the calling thread has used.
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

}  // namespace

void run_query_passes(const QueryOptions& opt, const std::vector<Query>& queries,
                      const std::function<bool(const Query&)>& skip,
                      const std::function<void(const Query&, Answer&)>& run) {
    std::vector<const Query*> todo;
    for (const Query& q : queries)
        if (!skip(q)) todo.push_back(&q);
    std::vector<Answer> answers(todo.size());
    std::vector<std::vector<double>> ms(todo.size());
    std::vector<double> pass_ms;
    for (int pass = -opt.warmup; pass < opt.passes; ++pass) {
        const auto tp = Clock::now();
        double pass_sum = 0;  // (with --clock cpu, the pass is the sum of its queries)
        for (std::size_t i = 0; i < todo.size(); ++i) {
            Answer a;
            const auto t0 = Clock::now();
            const double c0 = opt.cpu_clock ? thread_cpu_ms() : 0;
            run(*todo[i], a);
            const double t = opt.cpu_clock ? thread_cpu_ms() - c0 : ms_since(t0);
            if (pass < 0) continue;
            pass_sum += t;
            ms[i].push_back(t);
            if (pass == 0) answers[i] = std::move(a);
        }
        if (pass >= 0) pass_ms.push_back(opt.cpu_clock ? pass_sum : ms_since(tp));
    }
    if (!opt.times_out.empty()) {
        std::ofstream out(opt.times_out);
        for (std::size_t i = 0; i < todo.size(); ++i)
            for (std::size_t p = 0; p < ms[i].size(); ++p)
                out << opt.engine << '\t' << todo[i]->label << '\t' << p << '\t' << ms[i][p]
                    << '\n';
        if (!out) throw std::runtime_error(opt.times_out + ": write failed");
    }
    if (!opt.results_out.empty()) {
        std::ofstream out(opt.results_out);
        for (std::size_t i = 0; i < todo.size(); ++i) {
            const Answer& a = answers[i];
            json j = {{"engine", opt.engine},
                      {"label", todo[i]->label},
                      {"total", a.total},
                      {"top", a.top}};
            if (a.has_facets) {
                json f = json::object();
                for (std::size_t k = 0; k < a.facets.size(); ++k) {
                    json list = json::array();
                    for (const auto& [v, c] : a.facets[k]) list.push_back({v, c});
                    f[kFacetNames[k]] = list;
                }
                j["facets"] = f;
            }
            out << j.dump() << '\n';
        }
        if (!out) throw std::runtime_error(opt.results_out + ": write failed");
    }
    std::sort(pass_ms.begin(), pass_ms.end());
    std::fprintf(stderr, "%s: %zu queries x %d passes, median pass %.1f ms\n", opt.engine.c_str(),
                 todo.size(), opt.passes, pass_ms[pass_ms.size() / 2]);
}

}  // namespace bench
