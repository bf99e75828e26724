// ndx-serve: the archive in a browser -- a JSON API and a search page over an ndx index.
#include <arpa/inet.h>
#include <signal.h>

#include <boost/program_options.hpp>
#include <httplib.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <iostream>
#include <optional>
#include <thread>

#include "common/config.h"
#include "common/database.h"
#include "common/error.h"
#include "common/schema.h"
#include "server/api.h"
#include "server/assets.h"
#include "server/search_pool.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0, kExitFailure = 1, kExitUsage = 2;

void print_usage(std::ostream& out, const po::options_description& desc) {
    out << "Usage: ndx-serve [OPTIONS]\n\n"
           "Serve an ndx index over HTTP: a search page with a facet sidebar at / and a JSON\n"
           "API under /api/ (see docs/api.md).  Read-only; new commits of a running ndx-index\n"
           "are seen without a restart.  Stop with Ctrl-C.\n\n"
        << desc
        << "\nDatabase: --db, else $NDX_DB, else $XDG_DATA_HOME/ndx/index\n"
           "(~/.local/share/ndx/index).\n\n"
           "There is no authentication: anyone who can reach the address can read the whole\n"
           "index.  The default address is loopback (this machine only).\n\n"
           "Exit status: 0 stopped by a signal; 1 runtime failure (the address cannot be\n"
           "used); 2 usage error or no index.\n";
}

struct Address {
    std::string host;
    int port = 0;
};

// "HOST:PORT", "[V6]:PORT" or ":PORT" (loopback).
Address parse_listen(const std::string& s) {
    const auto colon = s.rfind(':');
    if (colon == std::string::npos) throw ndx::UsageError("--listen: '" + s + "' is not HOST:PORT");
    Address a;
    a.host = s.substr(0, colon);
    if (a.host.size() >= 2 && a.host.front() == '[' && a.host.back() == ']')
        a.host = a.host.substr(1, a.host.size() - 2);
    if (a.host.empty()) a.host = "127.0.0.1";
    const std::string port = s.substr(colon + 1);
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), a.port);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || a.port < 0 ||
        a.port > 65535)
        throw ndx::UsageError("--listen: bad port in '" + s + "'");
    return a;
}

bool is_loopback(const std::string& host) {
    if (host == "localhost") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

std::size_t count_option(const std::string& flag, const std::string& v, std::size_t min,
                         std::size_t max) {
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < min || n > max)
        throw ndx::UsageError("--" + flag + ": '" + v + "' is not a number from " +
                              std::to_string(min) + " to " + std::to_string(max));
    return n;
}

// Headers on every answer: the page runs only its own script and style, is never framed,
// and nothing is sniffed or sent elsewhere.
void add_safety_headers(httplib::Response& res) {
    res.set_header(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cross-Origin-Resource-Policy", "same-origin");
}

void send(httplib::Response& res, const ndx::serve::Reply& r) {
    res.status = r.status;
    res.set_content(r.body, r.content_type.c_str());
}

const char* const kAllow = "GET, HEAD";

struct ServeOptions {
    std::vector<std::string> dbs;
    std::string listen = "127.0.0.1:8080", threads_opt, timeout_opt = "10";
};

// Reads the command line into `o` and `vm`; returns the exit status when there is nothing to
// serve (--help, --version, a bad option).
std::optional<int> parse_command_line(int argc, char** argv, ServeOptions& o,
                                      po::variables_map& vm) {
    auto& [dbs, listen, threads_opt, timeout_opt] = o;
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help and exit")("version,V",
                                                            "show the version and exit")(
        "db,d", po::value(&dbs)->composing(),
        "index directory, shard set (directory or stub file), or tcp://HOST:PORT served by "
        "xapian-tcpsrv; repeat to search several as one")(
        "allow-partial", "if a shard cannot be reached, search the others (and say so)")(
        "listen,l", po::value(&listen),
        "address and port to serve on (default 127.0.0.1:8080; port 0 picks a free one)")(
        "threads", po::value(&threads_opt), "searches run at once (default: one per core)")(
        "timeout", po::value(&timeout_opt),
        "seconds a request may take before it is answered 503 (default 10)")(
        "access-log", "print one line per request on stderr");
    return ndx::read_command_line(
        {.program = "ndx-serve", .version = NDX_VERSION, .options = desc, .usage = print_usage},
        argc, argv, vm);
}

struct ServeConfig {
    Address addr;
    std::size_t threads = 1;
    ndx::serve::Limits limits;
    std::vector<std::string> dbs;
    bool allow_partial = false, access_log = false;
};

ServeConfig make_config(const ServeOptions& o, const po::variables_map& vm) {
    ServeConfig c;
    c.addr = parse_listen(o.listen);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    c.threads = o.threads_opt.empty() ? cores : count_option("threads", o.threads_opt, 1, 256);
    c.limits.time =
        std::chrono::milliseconds(1000 * count_option("timeout", o.timeout_opt, 1, 3600));
    c.dbs = o.dbs;
    if (c.dbs.empty()) c.dbs.push_back(ndx::default_db_path());
    c.allow_partial = vm.count("allow-partial") > 0;
    c.access_log = vm.count("access-log") > 0;

    return c;
}

struct IndexSummary {
    Xapian::doccount articles = 0;
    std::vector<std::string> names;
};

IndexSummary probe_index(const ServeConfig& c) {
    const auto& dbs = c.dbs;
    const bool allow_partial = c.allow_partial;
    // Open once before listening: a missing index is a usage error, as for ndx-search.
    std::vector<std::string> skipped, names;
    Xapian::doccount articles = 0;
    {
        const ndx::SearchTarget probe = ndx::open_targets(dbs, allow_partial, skipped);
        articles = probe.db.get_termfreq(ndx::kArticleTerm);
        names = probe.names;
    }
    for (const std::string& s : skipped)
        std::cerr << "ndx-serve: warning: shard '" << s
                  << "' could not be reached; results are partial\n";

    return {articles, names};
}

sigset_t block_stop_signals() {
    // Signals are taken by one thread (sigwait), never by the serving threads.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    return stop_signals;
}

// Connection settings: threads, socket options, timeouts, sizes.
void configure_connections(httplib::Server& svr) {
    // Connection threads only wait on sockets and on the search pool: enough of them that
    // keep-alive clients do not starve one another.
    svr.new_task_queue = [] { return new httplib::ThreadPool(64); };
    // SO_REUSEADDR only: cpp-httplib's default adds SO_REUSEPORT, with which a second
    // server would share a port that is taken instead of being told so.
    svr.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // Small answers go out at once (without it, keep-alive clients wait on delayed ACKs).
    svr.set_tcp_nodelay(true);
    svr.set_payload_max_length(64 * 1024);
    svr.set_read_timeout(10, 0);
    svr.set_write_timeout(10, 0);
    svr.set_keep_alive_max_count(1000);
    svr.set_keep_alive_timeout(5);
}

// The API routes (run on the search pool), the page's files and the favicon.
void add_routes(httplib::Server& svr, ndx::serve::SearchPool& pool,
                const ndx::serve::Limits& limits) {
    for (const auto& route : ndx::serve::api_routes()) {
        svr.Get(route.path,
                [&pool, &limits, &route](const httplib::Request& req, httplib::Response& res) {
                    ndx::serve::Params params(req.params.begin(), req.params.end());
                    // by value: a task that outlives its time limit finishes after this returns
                    auto reply = pool.run(
                        [params, limits, &route](const ndx::serve::Index& ix) {
                            return route.handler(params, ix, limits);
                        },
                        limits.time);
                    res.set_header("Cache-Control", "no-store");
                    send(res, reply);
                });
    }
    for (const auto& asset : ndx::serve::assets()) {
        const std::string path = asset.name == "index.html" ? "/" : "/" + std::string(asset.name);
        svr.Get(path, [&asset](const httplib::Request&, httplib::Response& res) {
            res.set_header("Cache-Control", "no-cache");
            res.set_content(asset.data, asset.size, std::string(asset.content_type).c_str());
        });
    }
    svr.Get("/favicon.ico",
            [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
}

// Answers for everything else: errors, other methods, safety headers, the access log.
void add_handlers(httplib::Server& svr, bool access_log) {
    // Everything else: not found; other methods: not allowed (the index is read-only).
    svr.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;  // a route's own error (bad request, no article)
        std::string msg = res.status == 404   ? "not found: " + req.path
                          : res.status == 405 ? "method not allowed"
                          : res.status == 413 ? "request too large"
                          : res.status == 414 ? "request URI too long"
                                              : "bad request";
        res.set_content(nlohmann::json({{"error", msg}, {"status", res.status}}).dump() + "\n",
                        "application/json");
    });
    auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
        res.status = 405;
        res.set_header("Allow", kAllow);
    };
    svr.Post(".*", not_allowed);
    svr.Put(".*", not_allowed);
    svr.Patch(".*", not_allowed);
    svr.Delete(".*", not_allowed);
    svr.Options(".*", [](const httplib::Request&, httplib::Response& res) {
        res.status = 204;
        res.set_header("Allow", kAllow);
    });
    svr.set_post_routing_handler(
        [](const httplib::Request&, httplib::Response& res) { add_safety_headers(res); });
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                 std::exception_ptr) {
        res.status = 500;
        res.set_content("{\"error\": \"internal error\", \"status\": 500}\n", "application/json");
    });
    if (access_log)
        svr.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            std::cerr << req.remote_addr << " " << req.method << " " << req.target << " "
                      << res.status << "\n";
        });
}

void configure_server(httplib::Server& svr, ndx::serve::SearchPool& pool,
                      const ndx::serve::Limits& limits, bool access_log) {
    configure_connections(svr);
    add_routes(svr, pool, limits);
    add_handlers(svr, access_log);
}

// Binds the address; returns the port (chosen when 0 was asked), or nothing after saying
// why the address cannot be used.
std::optional<int> bind_server(httplib::Server& svr, const Address& addr) {
    errno = 0;
    int port = addr.port;
    bool bound = port == 0 ? (port = svr.bind_to_any_port(addr.host)) > 0
                           : svr.bind_to_port(addr.host, port);
    if (!bound) {
        const int err = errno;
        std::string why = err == EADDRINUSE ? "the port is already in use (another program "
                                              "listens there; choose another with --listen)"
                          : err == EACCES   ? "permission denied (ports below 1024 need privileges)"
                          : err == EADDRNOTAVAIL ? "no such address on this machine"
                          : err                  ? std::strerror(err)
                                                 : "the address cannot be used";
        std::cerr << "ndx-serve: cannot listen on " << addr.host << ":" << addr.port << ": " << why
                  << "\n";
        return std::nullopt;
    }
    return port;
}

void announce(const Address& addr, int port, const IndexSummary& index) {
    const auto& [articles, names] = index;
    const bool v6 = addr.host.find(':') != std::string::npos;
    std::cerr << "ndx-serve: serving " << articles << " articles from '" << names[0]
              << (names.size() > 1 ? "' and " + std::to_string(names.size() - 1) + " more" : "'")
              << " at http://" << (v6 ? "[" : "") << addr.host << (v6 ? "]" : "") << ":" << port
              << "/\n";
}

// Serves until SIGINT or SIGTERM; returns the exit status.
int serve_until_signal(httplib::Server& svr, sigset_t& stop_signals, const Address& addr,
                       int port) {
    std::atomic<bool> listening_ended{false}, signalled{false};
    std::thread stopper([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        if (listening_ended) return;
        signalled = true;
        // The signal may come before the server has started listening, when stop() would
        // do nothing: stop it once it runs.
        while (!listening_ended) {
            if (svr.is_running()) {
                svr.stop();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
    svr.listen_after_bind();
    listening_ended = true;
    pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the stopper if no signal came
    stopper.join();
    if (!signalled) {
        std::cerr << "ndx-serve: the server stopped listening on " << addr.host << ":" << port
                  << "\n";
        return kExitFailure;
    }
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) try {
    ServeOptions options;
    po::variables_map vm;
    if (auto status = parse_command_line(argc, argv, options, vm)) return *status;
    const ServeConfig config = make_config(options, vm);
    const IndexSummary index = probe_index(config);
    sigset_t stop_signals = block_stop_signals();
    ndx::serve::SearchPool pool(config.dbs, config.allow_partial, config.threads,
                                64 * config.threads);
    httplib::Server svr;
    configure_server(svr, pool, config.limits, config.access_log);
    if (!is_loopback(config.addr.host))
        std::cerr << "ndx-serve: warning: listening on " << config.addr.host
                  << ", not loopback: there is no authentication, so anyone who can reach this "
                     "address can read the whole index\n";
    const std::optional<int> port = bind_server(svr, config.addr);
    if (!port) return kExitFailure;
    announce(config.addr, *port, index);
    return serve_until_signal(svr, stop_signals, config.addr, *port);
} catch (const ndx::UsageError& e) {
    std::cerr << "ndx-serve: " << e.what() << "\n";
    return kExitUsage;
} catch (const ndx::MissingIndexError& e) {
    std::cerr << "ndx-serve: " << e.what() << "\n";
    return kExitUsage;
} catch (const ndx::Error& e) {
    std::cerr << "ndx-serve: " << e.what() << "\n";
    return kExitFailure;
} catch (const Xapian::Error& e) {
    std::cerr << "ndx-serve: " << e.get_description() << "\n";
    return kExitFailure;
} catch (const std::exception& e) {
    std::cerr << "ndx-serve: " << e.what() << "\n";
    return kExitFailure;
}
