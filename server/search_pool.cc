// Search threads with their own index handles: see search_pool.h.
#include "server/search_pool.h"

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include <optional>

#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/facet_table.h"

namespace ndx::serve {

struct SearchPool::Job {
    std::function<Reply(const Index&)> task;
    std::mutex mu;
    std::condition_variable done_cv;
    bool done = false;
    bool abandoned = false;
    Reply reply;
};

Reply error_reply(int status, const std::string& message) {
    nlohmann::json j = {{"error", message}, {"status", status}};
    return Reply{status, j.dump() + "\n"};
}

Reply reply_for_current_exception() {
    try {
        throw;
    } catch (const UsageError& e) {
        return error_reply(400, e.what());
    } catch (const QueryError& e) {
        return error_reply(400, e.what());
    } catch (const IndexError& e) {
        return error_reply(503, e.what());
    } catch (const Xapian::DatabaseModifiedError&) {
        return error_reply(503, "the index kept changing during the search");
    } catch (const Xapian::Error& e) {
        return error_reply(500, e.get_description());
    } catch (const std::exception& e) {
        return error_reply(500, e.what());
    }
}

SearchPool::SearchPool(std::vector<std::string> specs, bool allow_partial, std::size_t threads,
                       std::size_t max_waiting)
    : specs_(std::move(specs)), allow_partial_(allow_partial), max_waiting_(max_waiting) {
    for (std::size_t i = 0; i < std::max<std::size_t>(threads, 1); ++i)
        threads_.emplace_back([this] { work(); });
}

SearchPool::~SearchPool() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
}

Reply SearchPool::run(std::function<Reply(const Index&)> task, std::chrono::milliseconds limit) {
    auto job = std::make_shared<Job>();
    job->task = std::move(task);
    {
        std::lock_guard lock(mu_);
        if (queue_.size() >= max_waiting_)
            return error_reply(503, "the server is busy: too many searches are waiting");
        queue_.push_back(job);
    }
    cv_.notify_one();
    std::unique_lock lock(job->mu);
    if (!job->done_cv.wait_for(lock, limit, [&] { return job->done; })) {
        job->abandoned = true;
        return error_reply(503, "the search took longer than " +
                                    std::to_string(limit.count() / 1000.0).substr(0, 4) +
                                    " s; narrow it and try again");
    }
    return std::move(job->reply);
}

namespace {

// The facet table file's identity, to notice a table rewritten after the last commit
// (ndx-index writes it once a run has committed everything).
struct FileStamp {
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = 0;
    long mtime_ns = 0;
    bool operator==(const FileStamp&) const = default;
};

FileStamp stamp(const std::string& path) {
    struct stat st {};
    if (stat(path.c_str(), &st) != 0) return {};
    return {st.st_dev, st.st_ino, st.st_size, st.st_mtim.tv_sec * 1000000000L + st.st_mtim.tv_nsec};
}

// One search thread's open index.
class OpenIndex {
  public:
    OpenIndex(const std::vector<std::string>& specs, bool allow_partial)
        : specs_(specs), allow_partial_(allow_partial) {}

    // The target at the newest committed revision (opened or reopened as needed).
    const SearchTarget& current() {
        if (!target_) {
            open();
            return *target_;
        }
        bool changed = false;
        try {
            changed = target_->db.reopen();
        } catch (const Xapian::Error&) {
            target_.reset();  // removed, replaced or unreachable: open from scratch
            open();
            return *target_;
        }
        if (changed || (local_ && stamp(table_path_) != table_stamp_)) {
            // the table first: the catalog reads the values' names from it
            load_table();
            target_->catalog =
                std::make_shared<FacetCatalog>(target_->db, target_->parts, target_->table);
        }
        return *target_;
    }

    void reset() { target_.reset(); }
    const std::vector<std::string>& skipped() const { return skipped_; }

  private:
    void open() {
        skipped_.clear();
        target_.emplace(open_targets(specs_, allow_partial_, skipped_));
        local_ = !target_->remote && target_->parts.size() == 1;
        if (local_) {
            table_path_ = target_->names[0] + "/" + kFacetTableFile;
            table_stamp_ = stamp(table_path_);
        }
    }
    void load_table() {
        if (!local_) return;
        table_stamp_ = stamp(table_path_);
        target_->table = FacetTable::load(target_->names[0], target_->parts[0]);
    }

    const std::vector<std::string>& specs_;
    bool allow_partial_;
    std::optional<SearchTarget> target_;
    std::vector<std::string> skipped_;
    bool local_ = false;
    std::string table_path_;
    FileStamp table_stamp_;
};

}  // namespace

void SearchPool::work() {
    OpenIndex index(specs_, allow_partial_);
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        {
            std::lock_guard lock(job->mu);
            if (job->abandoned) continue;
        }
        Reply reply;
        for (int attempt = 0;; ++attempt) {
            try {
                const SearchTarget& t = index.current();
                reply = job->task(Index{t, index.skipped()});
                break;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == 4) {
                    reply = reply_for_current_exception();
                    break;
                }
                index.reset();
            } catch (const IndexError&) {
                index.reset();  // cannot be opened now: the next task tries again
                reply = reply_for_current_exception();
                break;
            } catch (...) {
                reply = reply_for_current_exception();
                break;
            }
        }
        {
            std::lock_guard lock(job->mu);
            job->reply = std::move(reply);
            job->done = true;
        }
        job->done_cv.notify_all();
    }
}

}  // namespace ndx::serve
