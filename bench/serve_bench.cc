// Load generator for bench/serve_bench.sh: CLIENTS concurrent clients send the searches of
// bench/queries.txt in turn for SECONDS, either to ndx-serve over HTTP (keep-alive) or as
// one ndx-search process per request, and report requests/s, latency percentiles and
// errors.
//
//   serve_bench http HOST PORT QUERIES.txt CLIENTS SECONDS
//   serve_bench spawn NDX_SEARCH DB QUERIES.txt CLIENTS SECONDS
// SECONDS may be while:PID: until process PID has ended.
//
// Prints one tab-separated line: mode clients requests seconds rps p50_ms p99_ms max_ms
// errors.  HTTP clients connect before the clock starts.  An error is an answer other than 200 with
// a JSON search result (HTTP), or an exit status other than 0 (process); the first few are
// described on stderr.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace {

struct Query {
    std::string text;
    std::vector<std::pair<std::string, std::string>> filters;  // facet, value
};

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// bench/queries.txt: LABEL | TEXT | facet=VALUE; facet=VALUE
std::vector<Query> read_queries(const std::string& path) {
    std::ifstream in(path);
    std::vector<Query> out;
    for (std::string line; std::getline(in, line);) {
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> parts;
        std::stringstream ss(line);
        for (std::string p; std::getline(ss, p, '|');) parts.push_back(trim(p));
        Query q;
        if (parts.size() > 1) q.text = parts[1];
        if (parts.size() > 2) {
            std::stringstream fs(parts[2]);
            for (std::string f; std::getline(fs, f, ';');) {
                const auto eq = f.find('=');
                if (eq != std::string::npos)
                    q.filters.emplace_back(trim(f.substr(0, eq)), trim(f.substr(eq + 1)));
            }
        }
        out.push_back(std::move(q));
    }
    return out;
}

std::string url_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// The same search as bench/proc_bench.py runs with ndx-search.
std::string api_path(const Query& q) {
    std::string p = "/api/search?limit=10&date-interval=month";
    if (!q.text.empty()) p += "&q=" + url_encode(q.text);
    for (const auto& [f, v] : q.filters) p += "&" + f + "=" + url_encode(v);
    return p;
}

std::vector<std::string> cli_args(const std::string& bin, const std::string& db, const Query& q) {
    std::vector<std::string> a = {bin,    "--db", db, "--json", "--limit", "10", "--date-interval",
                                  "month"};
    for (const auto& [f, v] : q.filters) {
        a.push_back("--" + f);
        a.push_back(v);
    }
    if (!q.text.empty()) a.push_back(q.text);
    return a;
}

std::mutex err_mu;
int err_shown = 0;
void report_error(const std::string& what) {
    std::lock_guard lock(err_mu);
    if (err_shown++ < 5) std::cerr << "serve_bench: error: " << what << "\n";
}

int run_process(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) return -1;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 7) {
        std::cerr << "usage: serve_bench http HOST PORT QUERIES CLIENTS SECONDS\n"
                     "       serve_bench spawn NDX_SEARCH DB QUERIES CLIENTS SECONDS\n";
        return 2;
    }
    const std::string mode = argv[1], a = argv[2], b = argv[3];
    const auto queries = read_queries(argv[4]);
    const int clients = std::stoi(argv[5]);
    // SECONDS, or while:PID -- for as long as process PID runs
    const std::string span = argv[6];
    const pid_t watch =
        span.rfind("while:", 0) == 0 ? static_cast<pid_t>(std::stol(span.substr(6))) : 0;
    const double seconds = watch ? 1e9 : std::stod(span);
    if (queries.empty()) {
        std::cerr << "serve_bench: no queries in " << argv[4] << "\n";
        return 2;
    }
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    const auto stop =
        start + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(seconds));
    std::atomic<long> errors{0};
    std::vector<std::vector<double>> lat(static_cast<std::size_t>(clients));
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            auto& mine = lat[static_cast<std::size_t>(c)];
            std::size_t i = static_cast<std::size_t>(c) * 7;
            std::unique_ptr<httplib::Client> cli;
            if (mode == "http") {
                cli = std::make_unique<httplib::Client>(a, std::stoi(b));
                cli->set_keep_alive(true);
                cli->set_tcp_nodelay(true);
                cli->set_read_timeout(60, 0);
            }
            // connect first, untimed: the runs measure answers on open (keep-alive)
            // connections, as a page's requests are
            if (cli) cli->Get("/api/stats");
            while (clock::now() < stop && !(watch && kill(watch, 0) != 0)) {
                const Query& q = queries[i++ % queries.size()];
                const auto t0 = clock::now();
                bool ok = false;
                if (mode == "http") {
                    auto res = cli->Get(api_path(q));
                    ok = res && res->status == 200 &&
                         res->body.find("\"format_version\"") != std::string::npos;
                    if (!ok)
                        report_error(res ? std::to_string(res->status) + " " +
                                               res->body.substr(0, 200)
                                         : "no answer: " + httplib::to_string(res.error()));
                } else {
                    int rc = run_process(cli_args(a, b, q));
                    ok = rc == 0;
                    if (!ok) report_error("ndx-search exited with " + std::to_string(rc));
                }
                const double ms =
                    std::chrono::duration<double, std::milli>(clock::now() - t0).count();
                mine.push_back(ms);
                if (!ok) ++errors;
            }
        });
    }
    for (auto& t : threads) t.join();
    const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
    std::vector<double> all;
    for (const auto& v : lat) all.insert(all.end(), v.begin(), v.end());
    std::sort(all.begin(), all.end());
    auto pct = [&](double p) {
        if (all.empty()) return 0.0;
        std::size_t k = static_cast<std::size_t>(p * static_cast<double>(all.size() - 1) + 0.5);
        return all[std::min(k, all.size() - 1)];
    };
    std::printf("%s\t%d\t%zu\t%.2f\t%.1f\t%.2f\t%.2f\t%.2f\t%ld\n", mode.c_str(), clients,
                all.size(), elapsed, static_cast<double>(all.size()) / elapsed, pct(0.50),
                pct(0.99), all.empty() ? 0.0 : all.back(), errors.load());
    return 0;
}
