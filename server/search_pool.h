// The threads that run searches for ndx-serve, each with its own open index.
//
// Xapian database handles are not shared between threads, so every search thread keeps
// its own SearchTarget and, before each task, checks whether ndx-index has committed
// since (Database::reopen()); if so it takes the new revision, a fresh facet catalog and
// the facet table that describes it.  A task that meets DatabaseModifiedError (the index
// moved on twice while it ran) is run again on the newest revision.  A fixed number of
// threads bounds the CPU spent on searches; a caller waits at most the request time limit.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/database.h"

namespace ndx::serve {

// What a task sends back: an HTTP status and a body.
struct Reply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
};

// A search thread's view of the index handed to a task.
struct Index {
    const SearchTarget& target;
    const std::vector<std::string>& skipped;  // shards left out (--allow-partial)
};

class SearchPool {
  public:
    SearchPool(std::vector<std::string> specs, bool allow_partial, std::size_t threads,
               std::size_t max_waiting);
    ~SearchPool();
    SearchPool(const SearchPool&) = delete;
    SearchPool& operator=(const SearchPool&) = delete;

    // Runs `task` on a search thread and returns its reply; a 503 reply when the index
    // cannot be opened, when too many tasks wait, or when no answer came within `limit`
    // (the task then finishes unobserved).  Errors thrown by the task become replies
    // (see error_reply()).
    Reply run(std::function<Reply(const Index&)> task, std::chrono::milliseconds limit);

  private:
    struct Job;
    void work();

    std::vector<std::string> specs_;
    bool allow_partial_;
    std::size_t max_waiting_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::shared_ptr<Job>> queue_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

// An error as the API answers it: {"error": message, "status": N}, with 400 for a bad
// request, query or facet value, 503 when the index cannot be opened, 500 otherwise.
Reply error_reply(int status, const std::string& message);
Reply reply_for_current_exception();

}  // namespace ndx::serve
